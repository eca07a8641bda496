"""The entity stage: text -> typed entities, and page -> page with entities.

Stages, in order: tagger spans -> name rules (people, titles, places,
organisations) -> dates -> figures -> overlap clean-up -> linking of later
mentions of a person to the first one.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from banmian.extract.dates import find_dates
from banmian.extract.features import Words
from banmian.extract.figures import find_figures
from banmian.extract.lexicon import Lexicon, load_lexicon
from banmian.extract.names import find_names
from banmian.extract.tagger import load_tagger
from banmian.model import Entity, Page, Paragraph

__all__ = ["ENTITY_TYPES", "add_entities", "extract_entities"]

ENTITY_TYPES = ("person", "title", "organization", "place", "date", "figure")
# Longest piece of text extracted in one go; longer texts are cut at line ends.
CHUNK_CHARS = 200_000


def _drop_overlapping(entities: list[Entity], over: Sequence[Entity], size: int) -> list[Entity]:
    covered = bytearray(size)
    for o in over:
        covered[o.start : o.end] = b"\x01" * (o.end - o.start)
    return [e for e in entities if not any(covered[e.start : e.end])]


def _raw(text: str, base_date: dt.date | None, lex: Lexicon,
         documents: Sequence[int] = ()) -> list[Entity]:
    """Entities of ``text`` before linking, in text order.

    A long text is cut at line ends into pieces of at most CHUNK_CHARS, so
    that memory stays bounded (the tagger holds a few arrays per character).
    """
    out: list[Entity] = []
    for lo, hi in _chunks(text):
        docs = [d - lo for d in documents if lo <= d < hi]
        found = _raw_piece(text[lo:hi], base_date, lex, docs)
        out += [Entity(e.type, e.text, e.start + lo, e.end + lo, e.attrs) for e in found] \
            if lo else found
    return out


def _chunks(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lo = 0
    while len(text) - lo > CHUNK_CHARS:
        cut = text.rfind("\n", lo + 1, lo + CHUNK_CHARS)
        hi = cut + 1 if cut > lo else lo + CHUNK_CHARS
        out.append((lo, hi))
        lo = hi
    out.append((lo, len(text)))
    return out


def _raw_piece(text: str, base_date: dt.date | None, lex: Lexicon,
               documents: Sequence[int]) -> list[Entity]:
    words = Words.of(text)
    names = find_names(text, load_tagger().spans(text, words), lex, words)
    dates = find_dates(text, base_date, documents)
    figures = _drop_overlapping(find_figures(text, lex, words), dates, len(text))
    return sorted([*names, *dates, *figures], key=lambda e: (e.start, e.end))


def _link(entities: Iterable[Entity], seen: set[str]) -> list[Entity]:
    """Mark repeated mentions of a person (``first_mention``).

    A later mention carries the name of the first one, which is the same
    full name: mentions are linked by that name. ``seen`` holds the names
    already met in the document (article) and is updated in place.
    """
    out: list[Entity] = []
    for e in entities:
        if e.type == "person":
            name = e.attrs["name"]
            first = name not in seen
            seen.add(name)
            e = Entity(e.type, e.text, e.start, e.end, {**e.attrs, "first_mention": first})
        out.append(e)
    return out


def extract_entities(text: str, *, base_date: dt.date | None = None,
                     lexicon: Lexicon | None = None) -> list[Entity]:
    """Typed entities of ``text``, offsets into it, in text order.

    ``base_date`` (the issue date) resolves relative and partial dates;
    ``lexicon`` defaults to the shipped lexicons plus ``$BANMIAN_LEXICON_PATH``.
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    return _link(_raw(text, base_date, lex), set())


def _to_page(e: Entity, lo: int, hi: int, para: Paragraph, page_text: str) -> Entity:
    """Move an entity found at [lo, hi) of ``para.text`` into page offsets.

    An entity that straddles two source spans keeps both ends only when
    nothing but whitespace lies between them (a line break inside the
    paragraph); otherwise it is cut at the end of its first span, so that
    ``page_text[start:end]`` is always its text.
    """
    start = para.source_offset(lo)
    end = para.source_offset(hi - 1) + 1
    if end - start != hi - lo and \
            len("".join(page_text[start:end].split())) != len("".join(e.text.split())):
        end = next(s_end for s_start, s_end in para.spans if s_start <= start < s_end)
    return Entity(e.type, page_text[start:end], start, end, e.attrs)


@dataclass(frozen=True)
class _Piece:
    """One headline or paragraph of a page, placed in the joined text."""

    article: int
    at: int  # offset in the joined text
    text: str
    paragraph: Paragraph | None  # None for a headline
    page_start: int  # headline: its offset in the page


def _pieces(page: Page) -> list[_Piece]:
    out: list[_Piece] = []
    at = 0
    for i, a in enumerate(page.articles):
        for h in a.headlines:
            text = page.text[h.span[0] : h.span[1]]
            out.append(_Piece(i, at, text, None, h.span[0]))
            at += len(text) + 1
        for p in a.paragraphs:
            out.append(_Piece(i, at, p.text, p, 0))
            at += len(p.text) + 1
    return out


def _place(e: Entity, piece: _Piece, page_text: str) -> Entity:
    lo, hi = e.start - piece.at, e.end - piece.at
    if piece.paragraph is None:
        return Entity(e.type, e.text, lo + piece.page_start, hi + piece.page_start, e.attrs)
    return _to_page(e, lo, hi, piece.paragraph, page_text)


def _issue_date(value: str | None) -> dt.date | None:
    """The page date as a base date; a malformed one resolves nothing."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def add_entities(page: Page, *, lexicon: Lexicon | None = None) -> Page:
    """The page with ``Article.entities`` filled (offsets into ``Page.text``).

    Extraction runs over every article's headlines and paragraphs, with the
    page date as base date; a later mention of a person is linked to the
    first full mention in the same article. All texts of the page go
    through the tagger in one call (joined by newlines, which no entity
    crosses), which is what keeps whole pages fast.
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    base = _issue_date(page.date)
    pieces = _pieces(page)
    joined = "\n".join(p.text.replace("\n", " ") for p in pieces)
    starts = [p.at for p in pieces]
    article_starts = [p.at for i, p in enumerate(pieces)
                      if i == 0 or pieces[i - 1].article != p.article]
    found: dict[int, list[Entity]] = {i: [] for i in range(len(page.articles))}
    for e in _raw(joined, base, lex, article_starts):
        piece = pieces[bisect.bisect_right(starts, e.start) - 1]
        if e.end <= piece.at + len(piece.text):
            found[piece.article].append(_place(e, piece, page.text))
    return page.with_articles([
        replace(a, entities=tuple(_link(found[i], set()))) for i, a in enumerate(page.articles)
    ])
