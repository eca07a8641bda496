"""Headline roles: kicker (引题), title (主题) and subtitles (副题) of one stack."""

from __future__ import annotations

import re
from dataclasses import dataclass

from banmian.parse.patterns import ATTENDANCE_END_RE, ATTENDED_BY_RE, KICKER_END_RE
from banmian.parse.repair import SUBTITLE_DASHES
from banmian.parse.segment import BRACKET_DATE_RE

__all__ = ["HeadlinePart", "assign_roles"]

# Where a kicker and a title share one line, a space separates them.
SHARED_LINE_SPLIT_RE = re.compile(r"[ \u00a0\u3000]+")
# A lone headline line splits into title + summary only when both parts are this long.
MIN_JOINED_PART = 6
# A subtitle naming who attended is short: 胡春华主持.
MIN_ATTENDANCE_PART = 4
JOINED_SUMMARY_PUNCT = frozenset(",，。:：")
COLUMN_TAG_END_RE = re.compile(r"[(（][^()（）]{2,60}[)）]$")
# A figure after the space marks a title's summary printed on its line (…票房创新高
# 交通事故起数同比下降42.3%): in the training corpus 29 two-line headlines read so when
# joined, and of the 382 headline lines holding one space only one has a figure after it,
# in a nested column tag (…(走近国医大师(26))). A second space keeps the line whole: 1 of the
# 42 headline lines holding several spaces has figures spaced out (…同比增  8.7%…).
SUMMARY_FIGURE_RE = re.compile(r"\d")
# A column tag closing the part before the space (…新规将出台(权威发布) 不再实行…) ends the
# title: 5 joined headlines in the training corpus, no headline line.
TAG_BEFORE_SPACE_RE = re.compile(r"[(（][^()（）]{2,20}[)）]$")
# The number of an order or a notice (［十三届］第五号, 第三十六号) is the line under its title:
# all 3 such lines in the training corpus are headline lines, no paragraph is one.
ORDER_NUMBER_RE = re.compile(r"^(?:[［\[【(（][^］\]】)）]{1,8}[］\]】)）])?第[一二三四五六七八九十百零〇\d]{1,6}号$")
# A long title over a long second part is a title and its summary (青禾县代表队夺冠势头不减
# 短道速滑冰壶越野滑雪等项目都有收获): of the distinct lone headline lines on training pages
# (seeds 2019, 7, 8, 9; 300 pages each) with both parts this long, no dash and no closing
# column tag, 25 are title + summary and 5 one title (long couplets: 以改革创新激发发展活力
# 为群众办好更多民生实事); the other rules already split most of the 25.
MIN_LONG_TITLE = 11
MIN_LONG_SUMMARY = 15
# …but a name before a colon opens a two-part title: 26 of the 27 distinct lone lines with a
# space and a colon in their first part on those pages are one title (云岭镇:做强特色茶产业 带动…);
# the other has a dash subtitle, split by its dash.
PLACE_COLONS = ":："


@dataclass(frozen=True)
class HeadlinePart:
    """A piece of a headline line: ``start``/``end`` are offsets into the line text."""

    role: str
    start: int
    end: int


def _split_shared_line(text: str) -> list[HeadlinePart] | None:
    """``市长在调研交通时强调 创新高效 实现便捷出行`` → kicker + title;
    ``“中国改革开放惠及非洲” ——访…`` → title + subtitle."""
    for m in SHARED_LINE_SPLIT_RE.finditer(text):
        left = text[: m.start()]
        if _unbalanced(left):
            continue
        if left and (text.startswith(SUBTITLE_DASHES, m.end())
                     or BRACKET_DATE_RE.match(text[m.end():])):
            # …上的讲话 (2019年10月1日): a speech's date is its subtitle, the title no kicker.
            return [HeadlinePart("title", 0, m.start()), HeadlinePart("subtitle", m.end(), len(text))]
        if KICKER_END_RE.search(left) and m.end() < len(text):
            return [HeadlinePart("kicker", 0, m.start()), HeadlinePart("title", m.end(), len(text))]
    return None


def _unbalanced(text: str) -> bool:
    return text.count("(") + text.count("（") != text.count(")") + text.count("）")


def _split_joined_stack(text: str) -> list[HeadlinePart] | None:
    """A lone stack line holding a title and its summary line, joined by a space:
    ``少数民族文学创作硕果累累 每个民族均有代表性作家,形成…``.

    Couplet titles (``尽职尽责攻难关 凝心聚力谋发展``) stay whole: only a second
    part carrying sentence punctuation, naming who attended (``胡春华主持``),
    dating a document, marked as a summary (:func:`_marked_summary`) or long under a
    long title (:func:`_long_summary`) is split off (a rule on the second part's
    length alone split more real titles than it mended, measured on both corpus
    splits).
    """
    m = SHARED_LINE_SPLIT_RE.search(text)
    if m is None:
        return None
    left, right = text[: m.start()], text[m.end():]
    split = [HeadlinePart("title", 0, m.start()), HeadlinePart("subtitle", m.end(), len(text))]
    if len(left) < MIN_JOINED_PART or _unbalanced(left):
        return None
    if BRACKET_DATE_RE.match(right):
        return split  # a law or a speech over its date: …购置税法 (二〇一八年…通过)
    if COLUMN_TAG_END_RE.search(text):
        return None
    if len(right) >= MIN_ATTENDANCE_PART and (ATTENDANCE_END_RE.search(right)
                                              or ATTENDED_BY_RE.match(right)):
        return split
    if _marked_summary(left, right):
        return split
    if len(right) >= MIN_JOINED_PART and any(c in JOINED_SUMMARY_PUNCT for c in right):
        return split
    if _long_summary(left, right):
        return split
    return None


def _long_summary(left: str, right: str) -> bool:
    """Is ``right`` a long summary under a long title? Not where the title names its
    place first (云岭镇:做强… 带动…, a couplet)."""
    return (len(left) >= MIN_LONG_TITLE and len(right) >= MIN_LONG_SUMMARY
            and not any(c in left for c in PLACE_COLONS))


def _marked_summary(left: str, right: str) -> bool:
    """Is ``right`` a summary printed on the title's line: it holds a figure (and no
    further space: …同比增  8.7%实际使用外资同比增  4.8% spaces out its figures), numbers
    an order, or the title before it closes with its column tag?"""
    if right.endswith((")", "）")):
        return False
    figure = SUMMARY_FIGURE_RE.search(right) and not SHARED_LINE_SPLIT_RE.search(right)
    return bool(figure or TAG_BEFORE_SPACE_RE.search(left) or ORDER_NUMBER_RE.match(right))


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
        if have_title:
            parts.append([HeadlinePart("subtitle", 0, whole)])
        elif (i + 1 < len(lines) and KICKER_END_RE.search(text)
              and not BRACKET_DATE_RE.match(lines[i + 1])):
            # A speech's title ends like a kicker (…上的讲话) but stands over its date.
            parts.append([HeadlinePart("kicker", 0, whole)])
        else:
            shared = _split_shared_line(text)
            parts.append(shared or [HeadlinePart("title", 0, whole)])
            have_title = True
    if not have_title and parts:
        parts[-1] = [HeadlinePart("title", 0, len(lines[-1]))]
    if len(lines) == 1 and len(parts[0]) == 1:
        parts[0] = _split_joined_stack(lines[0]) or parts[0]
    return parts
