"""Stage 3: rejoin paragraphs broken where a column or page ends.

Consecutive text lines become one unit when the first cannot end a paragraph
and the second reads as its continuation. Short lines that stand alone
(headlines, in-story headings) become units of kind ``short``; list items
(ending in ``;``) and lead-ins (ending in ``:``) stay their own paragraphs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import rjieba

from banmian.parse.byline import BylineMatch, match_byline
from banmian.parse.classify import MAX_HEADLINE_CHARS, Classified

__all__ = ["Unit", "build_units", "opens_with_byline"]

# A line ending in one of these stops mid-sentence.
OPEN_ENDINGS = frozenset(",，、")
# A line starting with one of these continues the previous one.
CONTINUING_STARTS = frozenset(",，。、;；:：)）”!?！？")
# Sentence punctuation inside a line: headings and titles rarely carry it.
INNER_PUNCT = frozenset(",，。")
# Headlines ending in ! or ? are short; longer exclamations are dialogue.
MAX_EXCLAIMED_HEADLINE_CHARS = 20
# A title carrying a long column tag: 欣赏劳动者的风景(心系人民 书写时代·深入学习…)
MAX_TAGGED_HEADLINE_CHARS = 90
COLUMN_TAG_END_RE = re.compile(r"[(（][^()（）]{2,60}[)）]$")
# A short open line followed by another is one broken line only when this long.
MIN_BROKEN_HEAD_CHARS = 20
# The rest of a broken sentence that ends its paragraph can be this short.
MAX_SENTENCE_REST_CHARS = 20
# How much of the next line may complete a dateline cut in two.
BYLINE_LOOKAHEAD = 40
# Characters either side of a break to look at for a word spanning it.
BOUNDARY_WINDOW = 3
# Summary bullets open their own paragraph: ■ 网络消费看点纷呈
BULLETS = ("■", "●", "◆", "▲", "□")
# A dash opens a subtitle line: ——天元区征拆征收工作纪实
SUBTITLE_DASHES = ("——", "—")


@dataclass(frozen=True)
class Unit:
    """One or more lines that form one block-level thing.

    kinds: ``para`` (body paragraph), ``short`` (a lone short line: headline
    or heading candidate), ``byline``, ``credit``, ``label``,
    ``continuation``, ``furniture``.
    """

    kind: str
    lines: tuple[Classified, ...]

    @cached_property
    def text(self) -> str:
        return "".join(c.text for c in self.lines)

    @property
    def byline(self) -> BylineMatch | None:
        return self.lines[0].byline

    @property
    def first(self) -> Classified:
        return self.lines[0]


def opens_with_byline(unit: Unit) -> bool:
    """A byline that opens a story; a bracketed credit line closes one instead."""
    if unit.kind == "byline":
        return unit.text[0] not in "(（"
    return unit.kind == "para" and unit.byline is not None


@lru_cache(maxsize=4096)
def _word_spans_break(tail: str, head: str) -> bool:
    pos = 0
    for word in rjieba.cut(tail + head):
        end = pos + len(word)
        if pos < len(tail) < end and all("\u4e00" <= c <= "\u9fff" for c in word):
            return True
        pos = end
    return False


@lru_cache(maxsize=1)
def _non_initial_chars() -> frozenset[str]:
    """Characters that almost never begin a line (scripts/build_char_stats.py)."""
    with resources.files("banmian.data").joinpath("line_edge_chars.json").open(encoding="utf-8") as f:
        return frozenset(json.load(f)["non_initial"])


def _unclosed(text: str) -> bool:
    """An opening bracket or quote still open at the end of ``text``."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）") or (
        text.count("“") > text.count("”"))


def _completes_byline(a: str, b: str) -> bool:
    """``本报北京1月31`` + ``日电 (记者…)``: a dateline cut in two."""
    if match_byline(a) is not None:
        return False
    joined = match_byline(a + b[:BYLINE_LOOKAHEAD])
    return joined is not None and joined.end > len(a)


def continues(prev: Classified, nxt: Classified, inside: bool = False) -> bool:
    """Does ``nxt`` continue the paragraph that ``prev`` ends?

    ``inside``: ``prev`` is already known to be paragraph text (a continuation
    piece, or a line opening with a byline), so it cannot be a heading.
    """
    if prev.kind != "text" or nxt.kind != "text":
        return False
    if nxt.hint is not None and nxt.hint.paragraph_start is not None:
        return not nxt.hint.paragraph_start
    if prev.hint is not None and prev.hint.role in ("kicker", "title", "subtitle", "heading"):
        return False
    a, b = prev.text, nxt.text
    if prev.terminal or nxt.byline is not None or b.startswith(SUBTITLE_DASHES + BULLETS):
        return False
    if a[-1] in OPEN_ENDINGS or b[0] in CONTINUING_STARTS:
        return True
    non_initial = _non_initial_chars()
    if b[0] in non_initial or _unclosed(a) or _completes_byline(a, b):
        return True
    if a.startswith(BULLETS):
        # Summary bullets often end without punctuation: join only a broken word.
        return _word_spans_break(a[-BOUNDARY_WINDOW:], b[:BOUNDARY_WINDOW])
    # Measured on generated pages (scripts in eval/): a word running across the
    # break is the best sign of a column break; a short open line after it is
    # usually a heading of its own; a long line with sentence punctuation inside
    # continues; a short one with a comma is as often a heading as not.
    spans_word = _word_spans_break(a[-BOUNDARY_WINDOW:], b[:BOUNDARY_WINDOW])
    if len(b) <= MAX_HEADLINE_CHARS and not nxt.terminal:
        return spans_word and (inside or len(a) > MIN_BROKEN_HEAD_CHARS)
    if spans_word or inside:
        return True
    if not any(c in INNER_PUNCT for c in a):
        return False
    # A sentence under way, then a short rest that ends it: 有力保障了重点项目 / 建设用地需求。
    return len(a) > MAX_HEADLINE_CHARS or (
        len(a) > MIN_BROKEN_HEAD_CHARS and len(b) <= MAX_SENTENCE_REST_CHARS and nxt.terminal)


def _is_short(c: Classified) -> bool:
    """Could this lone line be a headline or a heading?"""
    if c.hint is not None and c.hint.role in ("kicker", "title", "subtitle", "heading"):
        return True
    text = c.text
    if c.byline is not None or "。" in text:
        return False
    if c.terminal:
        # Headlines may end in ! or ?: 我爱你,中国!
        return len(text) <= MAX_EXCLAIMED_HEADLINE_CHARS and text[-1] in "!?！？"
    return (len(text) <= MAX_HEADLINE_CHARS or text.startswith(SUBTITLE_DASHES)
            or (len(text) <= MAX_TAGGED_HEADLINE_CHARS and bool(COLUMN_TAG_END_RE.search(text))))


def build_units(lines: list[Classified]) -> list[Unit]:
    units: list[Unit] = []
    group: list[Classified] = []

    def flush() -> None:
        if group:
            kind = "short" if len(group) == 1 and _is_short(group[0]) else "para"
            units.append(Unit(kind, tuple(group)))
            group.clear()

    for c in lines:
        if c.kind != "text":
            flush()
            units.append(Unit(c.kind, (c,)))
        elif group and continues(group[-1], c, inside=len(group) > 1 or group[0].byline is not None):
            group.append(c)
        else:
            flush()
            group.append(c)
    flush()
    return units
