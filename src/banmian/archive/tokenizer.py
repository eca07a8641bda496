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

import apsw

__all__ = ["TOKENIZER_NAME", "register", "tokenize"]

TOKENIZER_NAME = "banmian_cjk"

# CJK Unified Ideographs with extension A, compatibility ideographs and the
# supplementary planes (extensions B onwards): the characters that carry no
# spaces between words and so are indexed as bigrams.
CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Group 1: a CJK run; group 2: a run of other letters and digits (one token).
TOKEN_RE = re.compile(f"([{CJK_CHARS}]+)|([^\\W_{CJK_CHARS}]+)")

# (start, end, token[, colocated token]) with offsets in UTF-8 bytes, as FTS5 wants them.
Token = tuple[int, int, str] | tuple[int, int, str, str]
# UTF-8 width of a character of the Basic Multilingual Plane's CJK blocks.
CJK_BMP_WIDTH = 3


def _cjk_run(out: list[Token], run: str, at: int, width: int, document: bool) -> None:
    """Append the tokens of one CJK run of ``width`` bytes starting at byte ``at``."""
    last = len(run) - 1
    if width == CJK_BMP_WIDTH * len(run):
        w = CJK_BMP_WIDTH
        if document:
            out.extend([(at + w * i, at + w * i + 2 * w, run[i : i + 2], run[i])
                        for i in range(last)])
        else:
            out.extend([(at + w * i, at + w * i + 2 * w, run[i : i + 2]) for i in range(last)])
        out.append((at + width - w, at + width, run[last]))
        return
    ends = [at]
    for c in run:
        ends.append(ends[-1] + len(c.encode("utf-8")))
    out.extend([(ends[i], ends[i + 2], run[i : i + 2], run[i]) if document
                else (ends[i], ends[i + 2], run[i : i + 2]) for i in range(last)])
    out.append((ends[last], ends[last + 1], run[last]))


def tokenize(text: str, *, document: bool = True) -> list[Token]:
    """The tokens of ``text``; ``document`` adds the colocated unigrams.

    Documents need a unigram at every position so that any query lines up;
    a query needs one only where its run ends.
    """
    out: list[Token] = []
    byte = char = 0
    for m in TOKEN_RE.finditer(text):
        start, end = m.span()
        if start > char:
            gap = text[char:start]
            byte += len(gap) if gap.isascii() else len(gap.encode("utf-8"))
        run = m.group(1)
        if run is None:
            word = m.group(2)
            width = len(word) if word.isascii() else len(word.encode("utf-8"))
            out.append((byte, byte + width, word.lower()))
        else:
            width = len(run.encode("utf-8"))
            _cjk_run(out, run, byte, width, document)
        byte += width
        char = end
    return out


def _bigram_tokenizer(con: apsw.Connection, args: list[str]) -> apsw.Tokenizer:
    def tokenize_utf8(utf8: bytes, flags: int, locale: str | None) -> list[Token]:
        return tokenize(utf8.decode("utf-8"), document=not flags & apsw.FTS5_TOKENIZE_QUERY)

    return tokenize_utf8  # type: ignore[return-value]


def register(conn: apsw.Connection) -> None:
    """Make the tokenizer available to FTS5 tables on ``conn``."""
    conn.register_fts5_tokenizer(TOKENIZER_NAME, _bigram_tokenizer)  # type: ignore[arg-type]
