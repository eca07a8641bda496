"""Figures: numbers with a unit, normalised.

``47万余剂次`` -> 470000 剂次, approximate; ``超500亿元`` -> 5e10 元, a lower
bound; ``三成`` -> 30 %; ``两个月`` -> 2 个月; ``28栋房子`` counts 房子. A number
only counts as a figure when a unit from ``data/entities/units.txt`` follows
it, so years, codes and ordinals (第三剂) are left alone.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from banmian.extract.features import Words
from banmian.extract.lexicon import Lexicon
from banmian.extract.numbers import CN_NUMERAL_CHARS, parse_number
from banmian.model import Entity

__all__ = ["find_figures"]

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = rf"[{CN_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
# Words before a number that make it a bound or an estimate.
_LOWER = ("超过", "超", "逾", "多于", "高于")
_UPPER = ("近", "将近", "不到", "不足", "低于", "少于")
_ABOUT = ("约", "大约", "大概")
_PREFIX = "|".join(sorted(_LOWER + _UPPER + _ABOUT, key=len, reverse=True))
# Words after the unit that do the same.
_POST_LOWER = ("以上",)
_POST_UPPER = ("以下", "以内")
_POST_ABOUT = ("左右", "上下")
_POSTFIX_RE = re.compile("|".join(_POST_LOWER + _POST_UPPER + _POST_ABOUT))

# What a NUMBER_RE match can start with: looked ahead for first, so that re
# skips the other positions of a text at once (~2.5x faster scans).
_PREFIX_STARTS = "".join(sorted({w[0] for w in _LOWER + _UPPER + _ABOUT}))
_NUMBER_START = rf"(?=[\d{CN_NUMERAL_CHARS}{_PREFIX_STARTS}])"
NUMBER_RE = re.compile(
    _NUMBER_START +
    rf"(?P<pre>{_PREFIX})?"
    rf"(?P<num>{_ARABIC}|{_CHINESE})"
    r"(?P<mult>[十百千万亿]*)"
    r"(?P<more>余|多)?"
)
PERCENT_RE = re.compile(rf"百分之(?P<num>{_ARABIC}|{_CHINESE})")
# 三成 is 30 percent; only Chinese numerals 一..九 (十成 is a set phrase).
TENTHS_RE = re.compile(r"(?=[一二三四五六七八九])(?<![一二三四五六七八九十])(?P<num>[一二三四五六七八九])成(?![员功立为本果绩就熟长交分品])")
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# A lone small Chinese numeral before a measure word (一个, 一次, 两项) is
# usually an article-like phrase, not a figure worth extracting.
LONE_NUMERAL_MEASURES = frozenset("一两")
# Characters after a unit that make it part of another word: 年级 (grade),
# 年代 (decade).
NOT_UNIT_AFTER = {"年": "级代"}
# Characters after which a number is an ordinal or part of a name.
ORDINAL_BEFORE = frozenset("第初")


def _multiplier(mult: str) -> float:
    value = 1.0
    for ch in mult:
        value *= MULTIPLIERS[ch]
    return value


def _noun_at(words: Words, index: dict[int, int], at: int) -> str | None:
    """The noun starting at ``at`` (what a measure word counts), if any."""
    i = index.get(at)
    if i is None or i >= len(words.tokens):
        return None
    word, tag = words.tokens[i]
    return word if tag.startswith("n") and len(word) > 1 else None


def _figure(text: str, m: re.Match[str], lex: Lexicon, words: Words,
            index: dict[int, int]) -> Entity | None:
    if m.start("num") and text[m.start("num") - 1] in ORDINAL_BEFORE:
        return None
    num = m.group("num")
    value = parse_number(num)
    unit_m = lex.unit_re.match(text, m.end())
    if value is None or unit_m is None:
        return None
    unit = unit_m.group()
    after = text[unit_m.end() : unit_m.end() + 1]
    if after and after in NOT_UNIT_AFTER.get(unit, ""):
        return None  # 六年级 (a grade), 90年代 (a decade)
    measure = lex.units[unit]
    if measure and num in LONE_NUMERAL_MEASURES and not m.group("mult"):
        return None
    end = unit_m.end()
    post = _POSTFIX_RE.match(text, end)  # no slice: the text can be long
    pre = m.group("pre")
    bound = None
    if pre in _LOWER or (post and post.group() in _POST_LOWER):
        bound = "lower"
    elif pre in _UPPER or (post and post.group() in _POST_UPPER):
        bound = "upper"
    approx = bool(m.group("more")) or pre in _ABOUT or bool(post and post.group() in _POST_ABOUT)
    if post:
        end = post.end()
    value *= _multiplier(m.group("mult"))
    attrs: dict[str, Any] = {
        "value": int(value) if value == int(value) else value,
        "unit": unit,
        "approx": approx,
        "bound": bound,
        "counts": _noun_at(words, index, unit_m.end()) if measure else None,
    }
    return Entity("figure", text[m.start() : end], m.start(), end, attrs)


def _number_before_unit(lex: Lexicon) -> re.Pattern[str]:
    """NUMBER_RE restricted to numbers a unit follows: most Chinese numerals in
    running text (一些, 万一) never reach the slower checks."""
    return _compile_number_before(lex.unit_re.pattern)


@functools.cache
def _compile_number_before(units: str) -> re.Pattern[str]:
    return re.compile(f"{NUMBER_RE.pattern}(?=(?:{units}))")


def find_figures(text: str, lex: Lexicon, words: Words | None = None) -> list[Entity]:
    """Figures of ``text``; ``words`` are rjieba's words of it when the caller has them."""
    words = words if words is not None else Words.of(text)
    index = words.index
    found: list[Entity] = []
    for m in _number_before_unit(lex).finditer(text):
        fig = _figure(text, m, lex, words, index)
        if fig is not None:
            found.append(fig)
    for m in PERCENT_RE.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            found.append(Entity("figure", m.group(), m.start(), m.end(), {
                "value": int(value) if value == int(value) else value, "unit": "%",
                "approx": False, "bound": None, "counts": None}))
    for m in TENTHS_RE.finditer(text):
        value = parse_number(m.group("num"))
        if value is not None:
            found.append(Entity("figure", m.group(), m.start(), m.end(), {
                "value": int(value * 10), "unit": "%", "approx": True, "bound": None,
                "counts": None}))
    return sorted(found, key=lambda e: e.start)
