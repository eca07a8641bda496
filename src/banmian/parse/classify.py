"""Stage 2: give every line a kind from its text alone (or from a layout hint)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.parse.byline import BylineMatch, match_byline
from banmian.parse.hints import LineHint
from banmian.parse.lines import Line
from banmian.parse.patterns import (
    CONTINUATION_RE,
    FURNITURE_RE,
    HEADER_RE,
    LEAD_LABEL_RE,
    MASTHEAD_RE,
    SIDEBAR_LABEL_RE,
)

__all__ = ["Classified", "classify_lines", "ends_sentence"]

# Furniture and labels are short; a longer line matching their patterns is body text.
MAX_FURNITURE_CHARS = 40
# Headline and heading lines are short; longer lines without terminal punctuation
# are paragraphs broken where a column ends.
MAX_HEADLINE_CHARS = 40
# Lines that close an article or credit an image: 制图:张三, (完), ——编者
CREDIT_LINE_RE = re.compile(
    r"^(?:(?:本版)?(?:制图|图片|摄影|插图|漫画|绘图|供图|图|文|视觉|设计|文字|版式)"
    r"(?:[、/](?:制图|图片|摄影|插图|版式|设计|文字))*\s*[:：/]\s*\S.{0,20}"
    r"|(?:本版)?(?:稿件统筹|统筹|策划|数据来源|资料来源|图片来源|版式设计)\s*[:：]\s*\S.{0,30}"
    r"|[(（]完[)）]|——?\s*编\s*者"
    # 曹 一图 吕 岩文: picture and text credits side by side
    r"|[\u4e00-\u9fff][\u4e00-\u9fff \u00a0]{1,5}图\s+[\u4e00-\u9fff][\u4e00-\u9fff \u00a0]{1,5}文"
    # A reader's letter signs off with place and name: 江苏南通市 杨汉祥
    r"|[\u4e00-\u9fff]{2,9}[省市县区州旗](?:[ \u00a0]+[\u4e00-\u9fff]){2,4}"
    r"|[\u4e00-\u9fff]{2,9}[省市县区州旗][ \u00a0]+[\u4e00-\u9fff][ \u00a0]+[\u4e00-\u9fff])$"
)
# A caption ends with its photographer's credit: …20万册。 黄 磊摄 / …摄(影像中国)
PHOTO_CREDIT_END_RE = re.compile(
    r"[\u4e00-\u9fff][\u4e00-\u9fff \u00a0]{0,5}摄影?(?:[(（][^()（）]{1,12}[)）])?$"
)
# A figure called out on a line of its own (数读 style): 2700多亿元 / 96.98% / 252件
FIGURE_CALLOUT_RE = re.compile(
    r"^[\d.,，]+\s*(?:多|余|近)?[万亿千百]*\s*[\u4e00-\u9fff%％]{0,3}$"
)
# Characters that end a sentence, a list item or a lead-in (…越来越深——): a paragraph may end here.
TERMINAL = frozenset("。!?！？…;；:：—")
CLOSING_QUOTES = frozenset("”’」』\"")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends where a paragraph can end."""
    if not text:
        return False
    last = text[-1]
    if last == "—":
        return text.endswith("——")  # half a dash is a dash cut in two
    if last in TERMINAL:
        return True
    if last in CLOSING_QUOTES:
        return len(text) > 1 and text[-2] in TERMINAL
    if last in ")）":
        return text[0] in "(（" or (len(text) > 1 and text[-2] in TERMINAL) or bool(
            PHOTO_CREDIT_END_RE.search(text))
    return bool(PHOTO_CREDIT_END_RE.search(text))


@dataclass(frozen=True)
class Classified:
    """A line with its kind: continuation, furniture, label (opens a sidebar), lead
    (核心阅读: opens a lead-in), byline, credit or text."""

    line: Line
    kind: str
    byline: BylineMatch | None = None
    hint: LineHint | None = None

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def terminal(self) -> bool:
        return ends_sentence(self.line.text)


def _kind(line: Line) -> tuple[str, BylineMatch | None]:
    text = line.text
    if CONTINUATION_RE.match(text):
        return "continuation", None
    if len(text) <= MAX_FURNITURE_CHARS:
        if FURNITURE_RE.match(text) or HEADER_RE.search(text) or MASTHEAD_RE.match(text):
            return "furniture", None
        if SIDEBAR_LABEL_RE.match(text):
            return "label", None
        if LEAD_LABEL_RE.match(text) or FIGURE_CALLOUT_RE.match(text):
            return "lead", None
    if CREDIT_LINE_RE.match(text):
        return "credit", None
    byline = match_byline(text)
    if byline is not None:
        if byline.whole_line and byline.photographers and not byline.reporters:
            return "credit", byline
        if byline.whole_line:
            return "byline", byline
    return "text", byline


HINT_KINDS = {"furniture": "furniture", "continuation": "continuation", "label": "label",
              "byline": "byline"}


def classify_lines(lines: list[Line], hints: dict[int, LineHint] | None = None) -> list[Classified]:
    out = []
    for line in lines:
        kind, byline = _kind(line)
        hint = hints.get(line.start) if hints else None
        if hint is not None and hint.role in HINT_KINDS:
            kind = HINT_KINDS[hint.role]
            if kind == "byline" and byline is None:
                byline = BylineMatch(end=len(line.text), whole_line=True)
        out.append(Classified(line, kind, byline, hint))
    return out
