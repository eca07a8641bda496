"""Headline roles: kicker (引题), title (主题) and subtitles (副题) of one stack."""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.parse.patterns import KICKER_END_RE
from banmian.parse.repair import SUBTITLE_DASHES

__all__ = ["HeadlinePart", "assign_roles"]

# Where a kicker and a title share one line, a space separates them.
SHARED_LINE_SPLIT_RE = re.compile(r"[ \u00a0\u3000]+")
# Summary bullets under a title: ■ 网络消费看点纷呈
BULLETS = ("■", "●", "◆", "▲", "□")


@dataclass(frozen=True)
class HeadlinePart:
    """A piece of a headline line: ``start``/``end`` are offsets into the line text."""

    role: str
    start: int
    end: int


def _split_shared_line(text: str) -> list[HeadlinePart] | None:
    """``毛伟明在调研…时强调 创新高效率的“零换乘” …`` → kicker + title."""
    for m in SHARED_LINE_SPLIT_RE.finditer(text):
        left = text[: m.start()]
        if KICKER_END_RE.search(left) and m.end() < len(text):
            return [HeadlinePart("kicker", 0, m.start()), HeadlinePart("title", m.end(), len(text))]
    return None


def assign_roles(lines: list[str], hinted: list[str | None] | None = None) -> list[list[HeadlinePart]]:
    """Roles for each line of a headline stack, in order; exactly one title overall.

    Layout hints (font sizes from a PDF) win; otherwise: a line ending like
    ``…时强调`` above the title is its kicker, dash and bullet lines are
    subtitles, the first other line is the title and the rest are subtitles.
    """
    if hinted and all(h in ("kicker", "title", "subtitle") for h in hinted) and "title" in hinted:
        return [[HeadlinePart(h or "title", 0, len(t))] for h, t in zip(hinted, lines, strict=True)]
    parts: list[list[HeadlinePart]] = []
    have_title = False
    for i, text in enumerate(lines):
        whole = len(text)
        if text.startswith(SUBTITLE_DASHES + BULLETS) and have_title or have_title:
            parts.append([HeadlinePart("subtitle", 0, whole)])
        elif i + 1 < len(lines) and KICKER_END_RE.search(text):
            parts.append([HeadlinePart("kicker", 0, whole)])
        else:
            shared = _split_shared_line(text)
            parts.append(shared or [HeadlinePart("title", 0, whole)])
            have_title = True
    if not have_title and parts:
        parts[-1] = [HeadlinePart("title", 0, len(lines[-1]))]
    return parts
