"""What the archive's read API returns: frozen dataclasses with ``to_dict()``.

``to_dict()`` gives JSON-ready dicts (lists, not tuples) for the CLI's
``--json`` output and the reading room's ``.json`` views.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "ArchiveStats",
    "EntityDetail",
    "Hit",
    "IngestRecord",
    "IngestResult",
    "IssueArticle",
    "IssueDetail",
    "IssuePage",
    "IssueSummary",
    "PageImage",
    "PageRegion",
    "PaperSummary",
    "PersonSummary",
    "SearchResults",
    "StoredArticle",
]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class _Result:
    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[call-overload,no-any-return]


@dataclass(frozen=True)
class IngestResult(_Result):
    page_id: str
    status: str  # added | unchanged | replaced
    articles: int


@dataclass(frozen=True)
class Hit(_Result):
    article_id: str
    paper: str | None
    date: str | None
    page: str | None
    kicker: str | None
    title: str
    snippet: str  # HTML-safe: matches in <mark>, everything else escaped
    score: float  # bm25, higher is better


@dataclass(frozen=True)
class SearchResults(_Result):
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  # {"year": {"2022": n}, "paper": {name: n}}


@dataclass(frozen=True)
class StoredArticle(_Result):
    id: str
    kind: str
    paper: str | None
    date: str | None
    pages: list[str]
    kicker: str | None
    title: str
    subtitles: list[str]
    byline: dict[str, Any] | None
    paragraphs: list[dict[str, str]]
    entities: list[dict[str, Any]]
    sidebars: list[dict[str, str]]
    related_to: list[str]
    continued_to: dict[str, str | None] | None
    continued_from: dict[str, str | None] | None
    source_lines: list[str]
    page_id: str


@dataclass(frozen=True)
class PaperSummary(_Result):
    name: str
    issues: int
    articles: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class IssueSummary(_Result):
    paper: str
    date: str
    pages: int
    articles: int


@dataclass(frozen=True)
class IssueArticle(_Result):
    id: str
    kind: str
    kicker: str | None
    title: str
    continued_to: dict[str, str | None] | None
    continued_from: dict[str, str | None] | None


@dataclass(frozen=True)
class PageRegion(_Result):
    """An article's outline on its page image, in PDF points from the top-left corner."""

    article_id: str
    title: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class PageImage(_Result):
    """A PDF page's image: its size in points and the outline of each article."""

    page_id: str
    width: float
    height: float
    regions: list[PageRegion]


@dataclass(frozen=True)
class IssuePage(_Result):
    label: str | None
    page_id: str
    articles: list[IssueArticle]
    image: PageImage | None = None  # PDF pages only


@dataclass(frozen=True)
class IssueDetail(_Result):
    paper: str
    date: str
    pages: list[IssuePage]


@dataclass(frozen=True)
class PersonSummary(_Result):
    name: str
    titles: list[dict[str, str | None]]  # [{"title", "first", "last"}]; no dates: undated
    first: str | None
    last: str | None
    articles: int


@dataclass(frozen=True)
class EntityDetail(_Result):
    type: str
    name: str
    titles: list[dict[str, str | None]]  # [{"title", "first", "last"}]; no dates: undated, people only
    articles: list[dict[str, str | None]]  # [{"id", "date", "paper", "title"}] by date
    mentions_per_month: dict[str, int]  # {"2022-01": n}
    co_occurring: list[tuple[str, int]]  # people named in the same articles


@dataclass(frozen=True)
class IngestRecord(_Result):
    at: str
    path: str | None
    page_id: str
    status: str
    articles: int
    paper: str | None
    date: str | None
    page: str | None


@dataclass(frozen=True)
class ArchiveStats(_Result):
    papers: int
    issues: int
    pages: int
    page_images: int  # PDF pages stored with their image
    articles: int
    bytes: int
    sidebars: int
    people: int
    continuations_merged: int
    jumps_unmatched: int
    first_date: str | None
    last_date: str | None
    migrations: list[str]
