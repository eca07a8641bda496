"""Does a run of short lines open a new article, or is it a heading inside the story?

A stack of two or more headline lines, a byline right after, a sidebar
label or an ``上接`` marker open an article. A lone short line is weighed
on its own form (numbered section, column tag) and its context (what ended
just before, how much its text shares with the story so far).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from banmian.parse.patterns import CONTINUATION_RE
from banmian.parse.repair import opens_with_byline

if TYPE_CHECKING:
    from banmian.parse.assemble import Draft
    from banmian.parse.repair import Unit

__all__ = ["NUMBERED_HEADING_RE", "starts_article"]

# Sections inside a story or sidebar are numbered: 一、共建科技创新平台 / (二) / 1. / ①
NUMBERED_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]\D"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十]{1,3}[章节部分篇])"
)
# Title and ——subtitle printed on one line: “中国改革开放惠及非洲” ——访南非专家
SHARED_SUBTITLE_RE = re.compile(r"\S[ \u00a0\u3000]+——\S")
# A title carrying a column tag in brackets: 创新是春晚的生命力(创意空间)
COLUMN_TAG_RE = re.compile(r"[(（][\u4e00-\u9fff·]{2,12}[)）]$")
# A paragraph that closes an article: (新华社北京10月3日电), (完), (作者为…)
ARTICLE_END_RE = re.compile(r"(?:电[)）]|[(（]完[)）]|^[(（]作者.*[)）]|^[(（]本报.*[)）])$")


# A caption ending in its photographer's credit: …藏书超过20万册。 黄 磊摄
CAPTION_CREDIT_RE = re.compile(r"[。!！]\s*[\u4e00-\u9fff][\u4e00-\u9fff \u00a0]{1,5}摄(?:[(（][^()（）]{1,10}[)）])?$")


def starts_article(units: list[Unit], start: int, end: int, cur: Draft, dup: list[bool]) -> bool:
    run = units[start:end]
    hints = [u.first.hint for u in run]
    if any(h is not None and h.article_start for h in hints):
        return True
    if all(h is not None and h.role == "heading" for h in hints):
        return False
    nxt = units[end] if end < len(units) else None
    prev = units[start - 1] if start > 0 else None
    if nxt is not None:
        if opens_with_byline(nxt) or nxt.kind == "label":
            return True
        if CAPTION_CREDIT_RE.search(nxt.text):
            return True
        if nxt.kind == "continuation":
            m = CONTINUATION_RE.match(nxt.text)
            if m and m["dir"] in ("上接", "接", "续"):
                return True
    if SHARED_SUBTITLE_RE.search(run[0].text):
        return True
    if len(run) == 1 and NUMBERED_HEADING_RE.match(run[0].text):
        return False
    if cur.kind == "sidebar":
        return len(run) >= 2
    if len(run) >= 2:
        return True
    if prev is not None and (prev.kind == "credit" or ARTICLE_END_RE.search(prev.text)):
        return True
    return bool(COLUMN_TAG_RE.search(run[0].text))
