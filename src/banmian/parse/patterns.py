"""Regular expressions compiled from the lexicons in ``banmian/data/patterns.toml``.

Lexicons are data; this module only turns them into patterns, once, at import.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

__all__ = [
    "ATTENDANCE_END_RE",
    "ATTENDED_BY_RE",
    "BRIEF_BOX_TITLE_RE",
    "COLUMN_LABEL_RE",
    "COMMENTARY_TAG_RE",
    "CONTINUATION_RE",
    "FURNITURE_RE",
    "HEADER_RE",
    "INFO_LINE_RE",
    "KICKER_END_RE",
    "LEAD_LABEL_RE",
    "LEAD_OPENING_RE",
    "LEXICON",
    "MASTHEAD_LEAD_RE",
    "MASTHEAD_RE",
    "SIDEBAR_LABEL_RE",
    "STANDING_TITLE_RE",
    "alternation",
]


def _load() -> dict[str, Any]:
    with resources.files("banmian.data").joinpath("patterns.toml").open("rb") as f:
        return tomllib.load(f)


LEXICON = _load()


def alternation(words: list[str]) -> str:
    """A regex alternation matching the longest word first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# Chinese page numbers: 第四版, A2版, 第2版, 02版.
PAGE_LABEL = r"(?:第?\s*[A-Za-z]?\s*\d{1,3}\s*版?|第[一二三四五六七八九十百零〇]+版)"
# Brackets and marks papers put around a jump line: (下转第2版) 〈上接第1版〉 □下转A3版 →转4版
JUMP_OPEN = r"[(（〈<《【\[]"
JUMP_CLOSE = r"[)）〉>》】\]]"
JUMP_MARK = r"[□■◆●▲→]"
# 未完,下转… / 紧接第一版 / 转至第4版: the words around the verb; ``dir`` keeps the verb alone.
JUMP_VERB = r"(?:未完[,，、]?\s*)?(?:紧(?=接))?(?P<dir>下转|转|上接|接|续)(?:至|见|到)?"
CONTINUATION_RE = re.compile(
    rf"^{JUMP_MARK}?\s*{JUMP_OPEN}?\s*{JUMP_VERB}\s*(?P<label>" + PAGE_LABEL + rf")\s*{JUMP_CLOSE}?$"
)
# The same marker glued to the end or the start of a body line.
TRAILING_CONTINUATION_RE = re.compile(
    rf"{JUMP_OPEN}\s*{JUMP_VERB}\s*(?P<label>" + PAGE_LABEL + rf")\s*{JUMP_CLOSE}$"
)
LEADING_CONTINUATION_RE = re.compile(
    rf"^{JUMP_OPEN}\s*(?:紧(?=接))?(?P<dir>上接|接)\s*(?P<label>" + PAGE_LABEL + rf")\s*{JUMP_CLOSE}\s*"
)

SIDEBAR_LABEL_RE = re.compile(
    r"^[【\[]?" + alternation(LEXICON["sidebar"]["labels"]) + r"[】\]]?[:：]?$"
)

LEAD_LABEL_RE = re.compile(r"^[■【\[]?\s*" + alternation(LEXICON["lead"]["labels"]) + r"[】\]]?[:：]?$")

FURNITURE_RE = re.compile(
    r"^[■□●◆]?\s*(?:" + alternation(LEXICON["furniture"]["prefixes"]) + r")(?:\s*[:：/]\s*|\s+)\S"
)
# Page header/footer pieces: the date, weekday, lunar date, page label, section,
# masthead (in characters or pinyin), issue number, page count and credits.
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}"
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
_LABEL = r"第\s*\d{1,3}\s*版|第[一二三四五六七八九十百零〇]{1,4}版|[A-Z]\d{1,2}版?"
_MASTHEAD = r"[\u4e00-\u9fff]{2,8}(?:日报|晚报|早报|晨报|都市报|商报|时报|周报)"
_PINYIN = r"[A-Z]{2,}(?:\s[A-Z]{2,})+"
_STRONG = "|".join((_DATE, _LABEL, _MASTHEAD, _PINYIN, r"(?:总)?第\d{1,6}期", r"今日\d{1,3}版"))
_WEAK = "|".join((_WEEKDAY, r"农历\S{2,10}", alternation(LEXICON["furniture"]["sections"]),
                  r"\d{1,2}", alternation(LEXICON["furniture"]["prefixes"]) + r"\s*[:：]\s*[^\s:：]{1,12}"))
_PIECE = f"(?:{_STRONG}|{_WEAK})"
# Separators between header pieces: spaces, bullets, bars.
_SEP = r"[\s|｜·•/]*"
HEADER_RE = re.compile(
    # A date with its weekday anywhere in a short line.
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天])"
    # A bare page label, maybe with a section name: 第2版 / A3 要闻.
    r"|^(?:第\s*\d{1,3}\s*版|第[一二三四五六七八九十百零〇]{1,4}版|[A-Z]\d{1,2}版?)(?:\s+\S{1,8}){0,2}$"
    # A line made only of header pieces, at least two, one of them a date,
    # label, masthead or issue number: 人民日报 2019年2月1日 / 人民日报 第 02 版 要闻.
    rf"|^(?=.*(?:{_STRONG}))(?:{_PIECE}){_SEP}(?:{_PIECE}{_SEP})+$"
    # A section and the page number: 要闻 2 / 02 国内.
    rf"|^(?:{alternation(LEXICON['furniture']['sections'])}\s+\d{{1,2}}|\d{{1,2}}\s+"
    rf"{alternation(LEXICON['furniture']['sections'])})$"
    # The masthead in pinyin: RENMIN RIBAO.
    rf"|^{_PINYIN}$"
)

# The paper's name alone on a line is its masthead: 江临日报.
MASTHEAD_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|早报|晨报|都市报|商报|时报|周报|报)$")
# A header line that opens with the paper's name: 江临日报 2023年3月15日 星期三.
MASTHEAD_LEAD_RE = re.compile(
    r"^([\u4e00-\u9fff]{2,8}(?:日报|晚报|早报|晨报|都市报|商报|时报|周报|报))(?:\s|$)")

# A lead paragraph opens with when, or on whose word: "1月6日," "日前," "据…"
LEAD_OPENING_RE = re.compile(
    r"^(?:\d{1,2}月|\d{1,2}日|\d{4}年|日前|近日|近年来|当地时间|今年|去年|据)"
)

KICKER_END_RE = re.compile(alternation(LEXICON["headline"]["kicker_endings"]) + r"$")
ATTENDANCE_END_RE = re.compile(alternation(LEXICON["headline"]["attendance_endings"]) + r"$")
ATTENDED_BY_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,4}" + alternation(LEXICON["headline"]["attendance_verbs"]))
STANDING_TITLE_RE = re.compile("^" + alternation(LEXICON["headline"]["standing_titles"]) + "$")
INFO_LINE_RE = re.compile("^" + alternation(LEXICON["headline"]["info_labels"]) + "[:：]")
COLUMN_LABEL_RE = re.compile(
    r"^(?:\d{4})?" + alternation(LEXICON["headline"]["column_labels"]) + r"(?:\s|$)")
# A headline line tagged with a commentary column, alone or as part of the tag:
# …(钟声), …(人民论坛·70华诞), …(新论·学历史用历史③).
COMMENTARY_TAG_RE = re.compile(
    r"[(（](?:[^()（）]*·)?" + alternation(LEXICON["headline"]["commentary_columns"])
    + r"(?:·[^()（）]*)?[)）]")
BRIEF_BOX_TITLE_RE = re.compile(
    "^" + alternation(LEXICON["headline"]["brief_box_titles"]) + r"(?:·[^\s]{1,12})?$")
