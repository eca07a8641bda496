"""The search query language, and snippets with the matches marked.

``词`` words are ANDed; ``"a phrase"`` keeps its spaces; ``-word`` (or
``-"a phrase"``) excludes; ``OR`` between two terms makes either do. Each
term becomes an FTS5 phrase, which the bigram tokenizer turns into an exact
substring match. Snippets are cut from the stored text in Python, so they
show the original characters, HTML-escaped, with ``<mark>`` around matches.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from banmian.archive.tokenizer import TOKEN_RE
from banmian.errors import QueryError

__all__ = ["ParsedQuery", "parse_query", "snippet"]

# A term: optional '-', then a double-quoted phrase or a run of non-space characters.
TERM_RE = re.compile(r'(-?)(?:"([^"]*)"?|(\S+))')
OR_WORD = "OR"
# Characters shown before the first match, and the snippet length in all:
# about two lines of a search result list.
SNIPPET_LEAD = 20
SNIPPET_CHARS = 100
# What may stand between two words of a phrase: characters that are in no token.
GAP = r"[\W_]*"


@dataclass(frozen=True)
class ParsedQuery:
    """A query as FTS5 expression plus the positive terms to mark in snippets."""

    text: str
    expression: str | None
    terms: tuple[str, ...]


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _searchable(term: str) -> bool:
    return TOKEN_RE.search(term) is not None


def parse_query(text: str) -> ParsedQuery:
    """Turn the user's query into an FTS5 expression (None for an empty query)."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for m in TERM_RE.finditer(text):
        negative, phrase, word = m.group(1), m.group(2), m.group(3)
        if word == OR_WORD and not negative:
            join_next = bool(groups)
            continue
        term = (phrase if phrase is not None else word).strip()
        if not _searchable(term):
            continue
        if negative:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        if excluded:
            raise QueryError(f"query {text!r} only excludes: give at least one word to find")
        return ParsedQuery(text, None, ())
    parts = [
        "(" + " OR ".join(_phrase(t) for t in g) + ")" if len(g) > 1 else _phrase(g[0])
        for g in groups
    ]
    expression = " AND ".join(parts)
    if excluded:
        expression = f"({expression}) NOT (" + " OR ".join(_phrase(t) for t in excluded) + ")"
    return ParsedQuery(text, expression, tuple(t for g in groups for t in g))


def _term_pattern(term: str) -> re.Pattern[str]:
    """The term's tokens with anything that is no token between them, as the index sees it."""
    words = [m.group(0) for m in TOKEN_RE.finditer(term.lower())]
    return re.compile(GAP.join(re.escape(w) for w in words))


# A term can stretch over punctuation and spaces the index ignores; this bounds it.
MAX_GAP_FACTOR = 4


def _matches(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Non-overlapping ``[start, end)`` of the terms in ``text``, longest term first."""
    folded = text.lower()
    taken: list[tuple[int, int]] = []
    for term in sorted(set(terms), key=len, reverse=True):
        for m in _term_pattern(term).finditer(folded):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append((m.start(), m.end()))
    return sorted(taken)


def snippet(text: str, terms: tuple[str, ...], *, length: int = SNIPPET_CHARS) -> str:
    """An HTML-safe excerpt of ``text`` around the first match, matches in ``<mark>``."""
    folded = text.lower()
    firsts = [m.start() for t in set(terms) if (m := _term_pattern(t).search(folded))]
    begin = max(0, min(firsts) - SNIPPET_LEAD) if firsts else 0
    end = min(len(text), begin + length)
    # Marks are only needed inside the excerpt: match there, not in the whole story
    # (a frequent word in a long story made this the slowest part of a search).
    window = max((len(t) for t in terms), default=0) * MAX_GAP_FACTOR
    matches = [(s + begin, e + begin) for s, e in _matches(text[begin:end + window], terms)]
    out = ["…" if begin else ""]
    pos = begin
    for s, e in matches:
        if s < begin or e > end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out).replace("\n", " ")
