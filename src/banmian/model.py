"""The document model: one decoded page text, everything else spans into it.

A :class:`Page` owns ``text``; blocks, headlines, bylines, paragraphs and
entities are ``[start, end)`` character offsets into it. Cleaned strings
(rejoined lines, restored punctuation) are kept beside the spans, never
instead of them. ``to_dict``/``from_dict`` round-trip the JSON contract
``banmian/page-1`` documented in the README.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "BLOCK_ROLES",
    "SCHEMA",
    "Article",
    "Block",
    "Byline",
    "Duplicate",
    "Entity",
    "Headline",
    "Inference",
    "Page",
    "Paragraph",
    "Source",
    "Span",
]

SCHEMA = "banmian/page-1"

Span = tuple[int, int]

# The roles a block may have (the README's contract lists what each means).
BLOCK_ROLES = (
    "kicker",
    "title",
    "subtitle",
    "byline",
    "body",
    "heading",
    "label",
    "continuation",
    "duplicate",
    "furniture",
    "unknown",
)


def _spans(raw: Sequence[Sequence[int]]) -> tuple[Span, ...]:
    return tuple((int(s), int(e)) for s, e in raw)


@dataclass(frozen=True)
class Source:
    name: str
    sha256: str
    encoding: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "encoding": self.encoding}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Source:
        return cls(name=d["name"], sha256=d["sha256"], encoding=d["encoding"])


@dataclass(frozen=True)
class Block:
    """A contiguous run of source characters with one role.

    Blocks partition the page: every non-whitespace character of
    ``Page.text`` lies in exactly one block.
    """

    span: Span
    role: str
    article: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"span": list(self.span), "role": self.role, "article": self.article}
        if self.bbox is not None:
            d["bbox"] = list(self.bbox)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Block:
        bbox = d.get("bbox")
        return cls(
            span=(int(d["span"][0]), int(d["span"][1])),
            role=d["role"],
            article=d.get("article"),
            bbox=tuple(bbox) if bbox is not None else None,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Headline:
    """One headline line of an article: kicker (引题), title (主题) or subtitle (副题)."""

    role: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "span": list(self.span)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Headline:
        return cls(role=d["role"], text=d["text"], span=(int(d["span"][0]), int(d["span"][1])))


@dataclass(frozen=True)
class Byline:
    text: str
    span: Span
    source: str | None = None
    agency: str | None = None
    place: str | None = None
    date: str | None = None
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "source": self.source,
            "agency": self.agency,
            "place": self.place,
            "date": self.date,
            "reporters": list(self.reporters),
            "correspondents": list(self.correspondents),
            "photographers": list(self.photographers),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Byline:
        return cls(
            text=d["text"],
            span=(int(d["span"][0]), int(d["span"][1])),
            source=d.get("source"),
            agency=d.get("agency"),
            place=d.get("place"),
            date=d.get("date"),
            reporters=tuple(d.get("reporters", ())),
            correspondents=tuple(d.get("correspondents", ())),
            photographers=tuple(d.get("photographers", ())),
        )


@dataclass(frozen=True)
class Paragraph:
    """A repaired paragraph.

    ``text`` is the concatenation of the source ``spans`` with punctuation
    restored character for character, so ``len(text)`` equals the summed
    span lengths and an offset into ``text`` maps back into the page.
    """

    text: str
    role: str
    spans: tuple[Span, ...]
    bbox: tuple[float, float, float, float] | None = None

    def source_offset(self, i: int) -> int:
        """Map an offset into ``text`` to an offset into ``Page.text``."""
        for start, end in self.spans:
            if i < end - start:
                return start + i
            i -= end - start
        last_start, last_end = self.spans[-1]
        return last_end + i

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "role": self.role,
            "spans": [list(s) for s in self.spans],
        }
        if self.bbox is not None:
            d["bbox"] = list(self.bbox)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Paragraph:
        bbox = d.get("bbox")
        return cls(
            text=d["text"],
            role=d["role"],
            spans=_spans(d["spans"]),
            bbox=tuple(bbox) if bbox is not None else None,  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Duplicate:
    """A block printed a second time; kept as a record, not as content."""

    text: str
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Duplicate:
        return cls(text=d["text"], spans=_spans(d["spans"]))


@dataclass(frozen=True)
class Entity:
    """A typed mention: ``start``/``end`` are offsets into the text it was found in.

    For entities of a page these are offsets into ``Page.text``. ``attrs``
    holds the typed fields (``value``, ``unit``, ``approx``, ``titles``,
    ``iso``, ``refers_to`` ...), flattened into the JSON object.
    """

    type: str
    text: str
    start: int
    end: int
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "start": self.start, "end": self.end,
                **self.attrs}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Entity:
        attrs = {k: v for k, v in d.items() if k not in ("type", "text", "start", "end")}
        return cls(type=d["type"], text=d["text"], start=int(d["start"]), end=int(d["end"]),
                   attrs=attrs)


@dataclass(frozen=True)
class Article:
    id: str
    kind: str  # "article" | "sidebar"
    title: str
    kicker: str | None = None
    subtitles: tuple[str, ...] = ()
    headlines: tuple[Headline, ...] = ()
    byline: Byline | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    continued_to: str | None = None
    continued_from: str | None = None
    related_to: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    entities: tuple[Entity, ...] = ()

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "kicker": self.kicker,
            "title": self.title,
            "subtitles": list(self.subtitles),
            "headlines": [h.to_dict() for h in self.headlines],
            "byline": self.byline.to_dict() if self.byline else None,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "continued_to": self.continued_to,
            "continued_from": self.continued_from,
            "related_to": list(self.related_to),
            "duplicates": [d.to_dict() for d in self.duplicates],
            "entities": [e.to_dict() for e in self.entities],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Article:
        return cls(
            id=d["id"],
            kind=d["kind"],
            title=d["title"],
            kicker=d.get("kicker"),
            subtitles=tuple(d.get("subtitles", ())),
            headlines=tuple(Headline.from_dict(h) for h in d.get("headlines", ())),
            byline=Byline.from_dict(d["byline"]) if d.get("byline") else None,
            paragraphs=tuple(Paragraph.from_dict(p) for p in d.get("paragraphs", ())),
            continued_to=d.get("continued_to"),
            continued_from=d.get("continued_from"),
            related_to=tuple(d.get("related_to", ())),
            duplicates=tuple(Duplicate.from_dict(x) for x in d.get("duplicates", ())),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities", ())),
        )


@dataclass(frozen=True)
class Inference:
    """A page fact (paper, date, page label) with where it came from.

    ``confidence`` is 1.0 when the caller gave the value, lower when it was
    inferred from the text; ``evidence`` says from what.
    """

    value: str | None
    confidence: float
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "confidence": self.confidence, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Inference:
        return cls(value=d.get("value"), confidence=float(d["confidence"]), evidence=d["evidence"])


@dataclass(frozen=True)
class Page:
    text: str
    source: Source
    paper: str | None = None
    date: str | None = None
    page: str | None = None
    articles: tuple[Article, ...] = ()
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = ()
    inferred: Mapping[str, Inference] = field(default_factory=dict)
    size: tuple[float, float] | None = None  # page width, height in points (PDF input)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def with_articles(self, articles: Sequence[Article]) -> Page:
        return replace(self, articles=tuple(articles))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "paper": self.paper,
            "date": self.date,
            "page": self.page,
            "inferred": {k: v.to_dict() for k, v in self.inferred.items()},
            "articles": [a.to_dict() for a in self.articles],
            "blocks": [b.to_dict() for b in self.blocks],
            "warnings": list(self.warnings),
            "text": self.text,
        }
        if self.size is not None:
            d["size"] = list(self.size)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Page:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} object: schema={d.get('schema')!r}")
        size = d.get("size")
        return cls(
            text=d["text"],
            source=Source.from_dict(d["source"]),
            paper=d.get("paper"),
            date=d.get("date"),
            page=d.get("page"),
            articles=tuple(Article.from_dict(a) for a in d.get("articles", ())),
            blocks=tuple(Block.from_dict(b) for b in d.get("blocks", ())),
            warnings=tuple(d.get("warnings", ())),
            inferred={k: Inference.from_dict(v) for k, v in d.get("inferred", {}).items()},
            size=(float(size[0]), float(size[1])) if size else None,
        )
