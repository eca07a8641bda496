"""Regular expressions compiled from the lexicons in ``banmian/data/patterns.toml``.

Lexicons are data; this module only turns them into patterns, once, at import.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

__all__ = [
    "CONTINUATION_RE",
    "FURNITURE_RE",
    "HEADER_RE",
    "KICKER_END_RE",
    "LEAD_LABEL_RE",
    "LEAD_OPENING_RE",
    "LEXICON",
    "MASTHEAD_RE",
    "SIDEBAR_LABEL_RE",
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
CONTINUATION_RE = re.compile(
    r"^[(（]?\s*(?P<dir>下转|转|上接|接|续)\s*(?P<label>" + PAGE_LABEL + r")\s*[)）]?$"
)
# The same marker glued to the end or the start of a body line.
TRAILING_CONTINUATION_RE = re.compile(
    r"[(（]\s*(?P<dir>下转|转|上接|接)\s*(?P<label>" + PAGE_LABEL + r")\s*[)）]$"
)
LEADING_CONTINUATION_RE = re.compile(
    r"^[(（]\s*(?P<dir>上接|接)\s*(?P<label>" + PAGE_LABEL + r")\s*[)）]\s*"
)

SIDEBAR_LABEL_RE = re.compile(
    r"^[【\[]?" + alternation(LEXICON["sidebar"]["labels"]) + r"[】\]]?[:：]?$"
)

LEAD_LABEL_RE = re.compile(r"^[■【\[]?\s*" + alternation(LEXICON["lead"]["labels"]) + r"[】\]]?[:：]?$")

FURNITURE_RE = re.compile(
    r"^(?:" + alternation(LEXICON["furniture"]["prefixes"]) + r")\s*[:：/]\s*\S"
)
# Page header/footer: a date with its weekday, or a bare page label with a section name.
HEADER_RE = re.compile(
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天])"
    r"|^(?:第\s*\d{1,3}\s*版|第[一二三四五六七八九十百零〇]{1,4}版|[A-Z]\d{1,2}版?)(?:\s+\S{1,8}){0,2}$"
)

# The paper's name alone on a line is its masthead: 江临日报.
MASTHEAD_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|早报|晨报|都市报|商报|时报|周报|报)$")

# A lead paragraph opens with when, or on whose word: "1月6日," "日前," "据…"
LEAD_OPENING_RE = re.compile(
    r"^(?:\d{1,2}月|\d{1,2}日|\d{4}年|日前|近日|近年来|当地时间|今年|去年|据)"
)

KICKER_END_RE = re.compile(alternation(LEXICON["headline"]["kicker_endings"]) + r"$")
