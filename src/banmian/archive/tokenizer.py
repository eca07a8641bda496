"""A dictionary-free FTS5 tokenizer for Chinese: overlapping character bigrams.

A run of CJK characters ``c0 c1 ... cn`` is indexed as one position per
character: position ``i`` holds the bigram ``ci ci+1`` with the unigram
``ci`` colocated on it, and the last character holds its unigram alone. A
query run becomes its bigrams followed by its last character's unigram, as a
phrase: it matches exactly where it occurs as a substring (every position
holds a unigram, so the final one always lines up), and a one-character
query is its unigram. Runs of letters and digits are single lower-cased
tokens. Characters in no token (punctuation, spaces) take no position, so a
quoted phrase matches across them.
Registered through apsw, which bundles its own SQLite, so the behaviour
does not depend on the system library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import apsw
import apsw.fts5

__all__ = ["TOKENIZER_NAME", "register", "tokens"]

TOKENIZER_NAME = "banmian_cjk"

# CJK Unified Ideographs with extension A, compatibility ideographs and the
# supplementary planes (extensions B onwards): the characters that carry no
# spaces between words and so are indexed as bigrams.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Group 1: a CJK run; group 2: a run of other letters and digits (one token).
TOKEN_RE = re.compile(f"([{CJK_CHARS}]+)|([^\\W_{CJK_CHARS}]+)")

Token = tuple[int, int, str] | tuple[int, int, str, str]


def tokens(text: str, *, document: bool = True) -> Iterator[Token]:
    """Yield ``(start, end, token[, colocated])`` with character offsets.

    ``document`` adds the colocated unigrams that queries match at any
    position; a query needs a unigram only where its run ends.
    """
    for m in TOKEN_RE.finditer(text):
        start = m.start()
        run = m.group(1)
        if run is None:
            yield start, m.end(), m.group(2).lower()
            continue
        last = len(run) - 1
        for i in range(last):
            if document:
                yield start + i, start + i + 2, run[i : i + 2], run[i]
            else:
                yield start + i, start + i + 2, run[i : i + 2]
        yield start + last, start + last + 1, run[last]


@apsw.fts5.StringTokenizer
def _bigram_tokenizer(con: apsw.Connection, args: list[str]) -> apsw.Tokenizer:
    def tokenize(text: str, flags: int, locale: str | None) -> list[Token]:
        return list(tokens(text, document=not flags & apsw.FTS5_TOKENIZE_QUERY))

    return tokenize  # type: ignore[return-value]


def register(conn: apsw.Connection) -> None:
    """Make the tokenizer available to FTS5 tables on ``conn``."""
    conn.register_fts5_tokenizer(TOKENIZER_NAME, _bigram_tokenizer)  # type: ignore[arg-type]
