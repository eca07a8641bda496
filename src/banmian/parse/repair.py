"""Stage 3: rejoin paragraphs broken where a column or page ends.

Consecutive text lines become one unit when the first cannot end a paragraph
and the second reads as its continuation. Short lines that stand alone
(headlines, in-story headings) become units of kind ``short``; list items
(ending in ``;``), lead-ins (ending in ``:``) and lines of verse stay their own
paragraphs.

Where the fixed rules cannot tell, a logistic model weighs what plain text shows
of a column end: it falls anywhere in the running text, so the characters either
side of it are ordinary neighbours (a word or a frequent pair spans the break, the
line ends in a verb or a particle), while a paragraph boundary puts a line-final
character next to a paragraph opener (character statistics of the corpus in
``data/line_edge_chars.json``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import rjieba

from banmian.parse.byline import BylineMatch, match_byline
from banmian.parse.classify import CLOSING_QUOTES, MAX_HEADLINE_CHARS, Classified
from banmian.parse.linear import load_weights, score
from banmian.parse.patterns import LEAD_OPENING_RE

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
# Verse is printed a line to a line, each but the last ending in a comma: two
# lines this short, the first ending in a comma, are two lines of verse (a column
# rarely breaks a paragraph that short, and then seldom right after a comma).
MAX_VERSE_LINE_CHARS = 20
VERSE_LINE_END = ",，"
# Summary bullets open their own paragraph: ■ 网络消费看点纷呈
BULLETS = ("■", "●", "◆", "▲", "□")
# A dash opens a subtitle line: ——天元区征拆征收工作纪实
DASH = "—"
SUBTITLE_DASHES = (DASH * 2, DASH)


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


@dataclass(frozen=True)
class EdgeStats:
    """Character statistics of running text (``scripts/build_char_stats.py``)."""

    non_initial: frozenset[str]  # characters that almost never begin a line
    line_end: dict[str, float]  # log ratio: ends a line without end punctuation / anywhere
    line_start: dict[str, float]  # log ratio: begins a line / anywhere
    pairs: dict[str, float]  # pointwise mutual information of two neighbours
    start_pairs: dict[str, float]  # log ratio: two characters begin a line / anywhere


@lru_cache(maxsize=1)
def edge_stats() -> EdgeStats:
    with resources.files("banmian.data").joinpath("line_edge_chars.json").open(encoding="utf-8") as f:
        return stats_from_dict(json.load(f))


def stats_from_dict(data: dict[str, Any]) -> EdgeStats:
    """The statistics in the form ``line_edge_chars.json`` holds them."""
    return EdgeStats(frozenset(data["non_initial"]), data["line_end"], data["line_start"],
                     _unbucket(data["pairs"]), _unbucket(data["start_pairs"]))


def _unbucket(buckets: dict[str, str]) -> dict[str, float]:
    """``{"1.5": "甲乙丙丁"}`` → ``{"甲乙": 1.5, "丙丁": 1.5}``."""
    return {joined[k:k + 2]: float(value) for value, joined in buckets.items()
            for k in range(0, len(joined), 2)}


def _pair_pmi(x: str, y: str) -> float:
    """How strongly ``x`` and ``y`` go together; a pair of common characters never
    seen together reads as UNSEEN_PAIR_PMI, one with a rare character as 0."""
    stats = edge_stats()
    pmi = stats.pairs.get(x + y)
    if pmi is not None:
        return pmi
    return UNSEEN_PAIR_PMI if x in stats.line_end and y in stats.line_end else 0.0


def _verse(a: str, b: str) -> bool:
    """``但没有人,`` + ``听懂我们的言语。``: two lines of verse."""
    return (a[-1] in VERSE_LINE_END and len(a) <= MAX_VERSE_LINE_CHARS
            and len(b) <= MAX_VERSE_LINE_CHARS)


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


def _rule(prev: Classified, nxt: Classified) -> bool | None:
    """What the fixed rules say about joining ``nxt`` to ``prev``; None: they cannot tell."""
    if prev.kind != "text" or nxt.kind != "text":
        return False
    if nxt.hint is not None and nxt.hint.paragraph_start is not None:
        return not nxt.hint.paragraph_start
    if prev.hint is not None and prev.hint.role in ("kicker", "title", "subtitle", "heading"):
        return False
    a, b = prev.text, nxt.text
    if a.endswith(DASH) and not a.endswith(DASH * 2) and b.startswith(DASH) and not b.startswith(
            DASH * 2):
        return True  # a dash cut in two: 丝路花语— + —海上丝绸之路
    if prev.terminal or nxt.byline is not None or b.startswith(SUBTITLE_DASHES + BULLETS):
        return False
    if b[0] in CONTINUING_STARTS:
        return True
    if _verse(a, b):
        return False
    if a[-1] in OPEN_ENDINGS:
        return True
    if b[0] in edge_stats().non_initial or _unclosed(a) or _completes_byline(a, b):
        return True
    if a.startswith(BULLETS):
        # Summary bullets often end without punctuation: join only a broken word.
        return _word_spans_break(a[-BOUNDARY_WINDOW:], b[:BOUNDARY_WINDOW])
    return None


def left_to_model(prev: Classified, nxt: Classified) -> bool:
    return _rule(prev, nxt) is None


def continues(prev: Classified, nxt: Classified, inside: bool = False) -> bool:
    """Does ``nxt`` continue the paragraph that ``prev`` ends?

    Fixed rules first (terminal punctuation, bylines, an open comma, verse, a dash
    cut in two, a character that never begins a line, an unclosed bracket); what
    they leave open a small logistic model decides (``data/joiner.json``, ``scripts/train_models.py``).
    ``inside``: ``prev`` is already known to be paragraph text (a continuation
    piece, or a line opening with a byline), so it cannot be a heading.
    """
    decided = _rule(prev, nxt)
    if decided is not None:
        return decided
    return _join_score(join_features(prev, nxt, inside)) > JOIN_THRESHOLD


# Part-of-speech classes (first letter of rjieba's tag) that tell a phrase cut
# short (a verb, preposition or particle at the end) from a complete heading
# (a noun): verb, preposition, particle, conjunction, adverb, noun, numeral, pronoun.
POS_CLASSES = "vpucdnmr"
# Characters either side of a break given to the tagger.
POS_WINDOW = 8
# The longest dictionary word looked for across a break.
MAX_ACROSS_WORD_CHARS = 4
# Headings pair phrases of about one length (导师帮联,助力成长); a sentence cut by a
# column end rarely does.
PHRASE_SPLIT_RE = re.compile(r"[,，]")
PARALLEL_SLACK = 2
# What a pair of two common characters never seen side by side reads as.
UNSEEN_PAIR_PMI = -1.0
# Line lengths enter as log(length) / log(1000): a 1,000-character paragraph reads
# as 1, on the scale of the other features (the fitting takes fixed steps).
LOG_LENGTH_SCALE = math.log(1000)
JOIN_WEIGHTS_FILE = "joiner.json"
# The model's log-odds above which a line joins the one before.
JOIN_THRESHOLD = 0.0
JOIN_FEATURE_NAMES = (
    "bias",
    "word_spans_break",  # rjieba puts one word across the break
    "inside",  # the line before is already paragraph text
    "a_tiny", "a_short", "a_long",  # ≤ 6, ≤ 20, > 40 characters
    "a_inner_punct", "a_colon", "a_space", "a_quote", "a_column_tag",
    "a_quote_end",  # ends closing a quotation: “…发挥‘定海神针’的作用”
    "a_parallel",  # two phrases of about one length: 导师帮联,助力成长
    "b_short_open",  # ≤ 40 characters, no terminal punctuation: a heading
    "b_terminal", "b_tiny", "b_long",  # ends a sentence; ≤ 20; > 100 characters
    "digits_across",  # 12 / 34: a number cut in two
    "latin_across",  # a Latin word cut in two
    "b_quote", "b_lead_opening",  # a new paragraph often opens so
    "a_function_end",  # ends in a particle or preposition
    "end_char",  # how much likelier a[-1] is at the end of a heading than anywhere
    "start_char",  # how much likelier b[0] is at the start of a paragraph than anywhere
    "start_pair",  # the same for b[:2]
    "pair_pmi",  # how strongly a[-1] and b[0] go together in running text
    "dict_word_across",  # a dictionary word spans the break
    "log_len_a", "log_len_b", "log_len_ab",  # a column ends more often in a long paragraph
    *(f"a_pos_{t}" for t in POS_CLASSES),  # part of speech of the last word of a
    *(f"b_pos_{t}" for t in POS_CLASSES),  # ... of the first word of b
)
# Characters that end a phrase only when more follows: 的 了 和 与 …
FUNCTION_ENDINGS = frozenset("的了和与及或在是对从把被为以向将等由而并且其之")


def _is_han(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


@lru_cache(maxsize=4096)
def _dict_word_across(tail: str, head: str) -> bool:
    """A word of the tagger's dictionary made of the end of ``tail`` and the start of ``head``."""
    for i in range(1, MAX_ACROSS_WORD_CHARS):
        for j in range(1, MAX_ACROSS_WORD_CHARS - i + 1):
            word = tail[-i:] + head[:j]
            if len(word) == i + j and _is_han(word) and rjieba.has_word(word):
                return True
    return False


@lru_cache(maxsize=4096)
def _pos_class(text: str, last: bool) -> str:
    tagged = rjieba.tag(text)
    return (tagged[-1] if last else tagged[0])[1][:1] if tagged else ""


def _parallel(text: str) -> bool:
    """Two phrases either side of one comma, of lengths within PARALLEL_SLACK."""
    parts = PHRASE_SPLIT_RE.split(text)
    return len(parts) == 2 and all(parts) and abs(len(parts[0]) - len(parts[1])) <= PARALLEL_SLACK


def _log_length(n: int) -> float:
    return math.log(n) / LOG_LENGTH_SCALE


def _pos_features(a: str, b: str) -> list[float]:
    end, start = _pos_class(a[-POS_WINDOW:], True), _pos_class(b[:POS_WINDOW], False)
    return [float(end == t) for t in POS_CLASSES] + [float(start == t) for t in POS_CLASSES]


def join_features(prev: Classified, nxt: Classified, inside: bool) -> list[float]:
    a, b = prev.text, nxt.text
    stats = edge_stats()
    return [
        1.0,
        float(_word_spans_break(a[-BOUNDARY_WINDOW:], b[:BOUNDARY_WINDOW])),
        float(inside),
        float(len(a) <= 6), float(len(a) <= MIN_BROKEN_HEAD_CHARS), float(len(a) > MAX_HEADLINE_CHARS),
        float(any(c in INNER_PUNCT for c in a)), float(any(c in ":：" for c in a)),
        float(any(c in " \u00a0\u3000" for c in a)), float(a[0] in "“「"),
        float(bool(COLUMN_TAG_END_RE.search(a))), float(a[-1] in CLOSING_QUOTES),
        float(_parallel(a)),
        float(len(b) <= MAX_HEADLINE_CHARS and not nxt.terminal),
        float(nxt.terminal), float(len(b) <= MAX_SENTENCE_REST_CHARS), float(len(b) > 100),
        float(a[-1].isdigit() and b[0].isdigit()),
        float(a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha()),
        float(b[0] in "“「"), float(bool(LEAD_OPENING_RE.match(b))),
        float(a[-1] in FUNCTION_ENDINGS),
        stats.line_end.get(a[-1], 0.0), stats.line_start.get(b[0], 0.0),
        stats.start_pairs.get(b[:2], 0.0), _pair_pmi(a[-1], b[0]),
        float(_dict_word_across(a[-MAX_ACROSS_WORD_CHARS:], b[:MAX_ACROSS_WORD_CHARS])),
        _log_length(len(a)), _log_length(len(b)), _log_length(len(a) + len(b)),
        *_pos_features(a, b),
    ]


def load_join_weights() -> tuple[float, ...]:
    return load_weights(JOIN_WEIGHTS_FILE, JOIN_FEATURE_NAMES)


def _join_score(features: list[float]) -> float:
    return score(load_join_weights(), features)


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
