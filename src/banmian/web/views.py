"""What each page shows, as plain JSON-ready data.

Every function here takes an open archive and the request's parameters and
returns a dict; the HTML page renders that dict with a template and its
``.json`` twin returns it unchanged, so both always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from banmian.archive import Archive, ArchiveStats, PaperSummary

__all__ = [
    "ENTITY_TYPES",
    "SearchParams",
    "article_view",
    "entity_view",
    "home_view",
    "issue_view",
    "issues_view",
    "merged_head",
    "people_view",
    "plain",
    "search_view",
]

# Entity types that have their own page, with the name the UI shows.
ENTITY_TYPES = {"person": "人物", "place": "地点", "organization": "机构"}
# The home page lists this many recent ingests.
RECENT_INGESTS = 10


def plain(value: Any) -> Any:
    """Turn archive results (frozen dataclasses with ``to_dict``) into JSON-ready data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class SearchParams:
    """A search as the URL states it: query, filters and the window of hits."""

    q: str = ""
    paper: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    page: str | None = None
    reporter: str | None = None
    person: str | None = None
    kind: str | None = None
    limit: int = 20
    offset: int = 0

    def filters(self) -> dict[str, str]:
        """The filters that are set, by their archive keyword."""
        fields = asdict(self)
        return {k: v for k, v in fields.items() if k not in ("q", "limit", "offset") and v}

    def query_string(self, **changes: Any) -> str:
        """This search's URL query, with ``changes`` applied (e.g. another offset)."""
        fields = {**asdict(self), **changes}
        if fields["limit"] == SearchParams.limit:
            del fields["limit"]
        if not fields["offset"]:
            del fields["offset"]
        return urlencode({k: v for k, v in fields.items() if v not in (None, "")})


def home_view(archive: Archive, papers: Sequence[PaperSummary], stats: ArchiveStats,
              paper: str | None = None) -> dict[str, Any]:
    """The home page; its calendar shows one paper's issues: ``paper``, else the latest one's."""
    if paper is None and papers:
        paper = max(papers, key=lambda p: p.last_date or "").name
    return {
        "stats": plain(stats),
        "papers": plain(papers),
        "paper": paper,
        "issues": plain(archive.issues(paper)) if paper is not None else [],
        "recent": plain(archive.recent_ingests(limit=RECENT_INGESTS)),
    }


def issues_view(archive: Archive, paper: str | None) -> dict[str, Any]:
    return {"paper": paper, "issues": plain(archive.issues(paper))}


def issue_view(archive: Archive, paper: str, date: str) -> dict[str, Any] | None:
    detail = archive.issue(paper, date)
    return None if detail is None else {"issue": plain(detail)}


def _segments(archive: Archive, article: dict[str, Any]) -> list[dict[str, Any]]:
    """Split a merged article's paragraphs back into the parts printed on each page.

    The head part comes first; every continuation part merged into it (found by
    following ``continued_to``) gets its own segment with its page label, so the
    page can show where ``下转``/``上接`` happened and link to it.
    """
    parts: list[dict[str, Any]] = []
    seen = {article["id"]}
    jump = article.get("continued_to")
    while jump and jump.get("article_id") and jump["article_id"] not in seen:
        stored = archive.article(jump["article_id"])
        if stored is None:
            break
        seen.add(stored.id)
        parts.append({"id": stored.id, "page": jump["page"], "count": len(stored.paragraphs),
                      "continued_to": stored.continued_to})
        jump = stored.continued_to
    paragraphs = article.get("paragraphs") or []
    start = len(paragraphs) - sum(p["count"] for p in parts)
    pages = article.get("pages") or []
    # Where each segment continues: the next part on this same page (``here``), or
    # the article's own unmatched jump after the last part.
    jumps: list[dict[str, Any] | None] = [
        {"page": p["page"], "article_id": p["id"], "here": True} for p in parts
    ]
    jumps.append(parts[-1]["continued_to"] if parts else article.get("continued_to"))
    segments: list[dict[str, Any]] = [{"id": None, "page": pages[0] if pages else None,
                 "paragraphs": paragraphs[:start], "continued_to": jumps[0]}]
    for i, part in enumerate(parts):
        segments.append({"id": part["id"], "page": part["page"],
                         "paragraphs": paragraphs[start:start + part["count"]],
                         "continued_to": jumps[i + 1]})
        start += part["count"]
    return segments


def merged_head(archive: Archive, article_id: str) -> str | None:
    """The head article a continuation part was merged into, or None if it is a head."""
    head: str | None = None
    seen = {article_id}
    current = archive.article(article_id)
    while current is not None and current.continued_from and current.continued_from.get("article_id"):
        head = str(current.continued_from["article_id"])
        if head in seen:
            break
        seen.add(head)
        current = archive.article(head)
    return head


def article_view(archive: Archive, article_id: str) -> dict[str, Any] | None:
    """The article with its parts per page, its sidebars in full and what it belongs to."""
    stored = archive.article(article_id)
    if stored is None:
        return None
    article = plain(stored)
    sidebars = []
    for ref in article.get("sidebars") or []:
        sidebar = archive.article(ref["id"])
        if sidebar is not None:
            sidebars.append(plain(sidebar))
    related = []
    for related_id in article.get("related_to") or []:
        other = archive.article(related_id)
        if other is not None:
            related.append({"id": other.id, "title": other.title})
    return {"article": article, "segments": _segments(archive, article), "sidebars": sidebars,
            "related": related, "page_image": _page_thumb(archive, stored.page_id, stored.id)}


def _page_thumb(archive: Archive, page_id: str, article_id: str) -> dict[str, Any] | None:
    """The image of the article's page (PDF pages) with the article's outline as ``region``."""
    image = archive.page_image(page_id)
    if image is None:
        return None
    region = next((r for r in image.regions if r.article_id == article_id), None)
    return {**plain(image), "region": None if region is None else plain(region)}


def search_view(archive: Archive, params: SearchParams) -> dict[str, Any]:
    """Run the search when there is a query or a filter; without either, only the form shows."""
    data: dict[str, Any] = {"params": asdict(params), "results": None}
    if not params.q and not params.filters():
        return data
    results = archive.search(
        params.q, limit=params.limit, offset=params.offset, **params.filters()
    )
    data["results"] = plain(results)
    total = results.total
    data["paging"] = {
        "offset": params.offset,
        "limit": params.limit,
        "total": total,
        "prev": params.query_string(offset=max(0, params.offset - params.limit))
        if params.offset > 0
        else None,
        "next": params.query_string(offset=params.offset + params.limit)
        if params.offset + params.limit < total
        else None,
    }
    return data


def people_view(
    archive: Archive,
    *,
    title: str | None,
    paper: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
) -> dict[str, Any]:
    people = archive.people(
        title=title, paper=paper, date_from=date_from, date_to=date_to, limit=limit
    )
    return {
        "filters": {"title": title, "paper": paper, "date_from": date_from, "date_to": date_to},
        "people": plain(people),
    }


def entity_view(archive: Archive, entity_type: str, name: str) -> dict[str, Any] | None:
    detail = archive.entity(entity_type, name)
    if detail is None:
        return None
    return {"type": entity_type, "type_label": ENTITY_TYPES[entity_type], "entity": plain(detail)}
