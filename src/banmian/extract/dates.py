"""Dates and times, resolved against the issue date.

``1月6日`` takes its year from the issue date (the previous year when that
would put it well after the issue); ``去年9月`` is a month range; ``上午9时许``
is a time, approximate, on the last day the text named before it; ``24时`` is the end of its own day (``24:00``), never
the start of the next one. Every date entity carries ``iso`` (a single day or
null), ``start_date``/``end_date`` (the first and last day it covers; named so
because ``start``/``end`` are the entity's character offsets), ``time`` and
``approx``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

from banmian.extract.numbers import parse_number
from banmian.model import Entity

__all__ = ["DATE_RE", "find_dates"]

_CN = "〇零一二三四五六七八九十"
_YEAR = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年"
_REL_YEAR = r"(?P<ry>去年|今年|明年|前年|上年)"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
_DAY = rf"(?P<d>3[01]|[12]\d|0?[1-9]|[{_CN}]{{1,3}})[日号]"
_REL_DAY = r"(?P<rd>前天|昨天|昨日|今天|今日|明天|明日|后天)"
_PART = r"(?P<part>上午|下午|中午|晚上|晚间|夜间|凌晨|早上|早晨|傍晚|晚)"
_TIME = rf"(?P<h>2[0-4]|[01]?\d|[{_CN}]{{1,3}})[时点](?:(?P<min>[0-5]?\d)分|(?P<half>半))?"
_APPROX = r"(?P<approx>许|左右|前后)"
# A standalone day (5日) only counts before words that mark it as a date,
# or after a range joiner (1月5日至7日).
_DAY_ALONE_AFTER = re.compile(r"上午|下午|中午|晚|凌晨|早|电|讯|起|至|以来")
_RANGE_BEFORE = "至到—~～-"

# One date expression: year (or 去年...), month and day in any usable
# combination, or a relative day, optionally followed by a part of day and
# a clock time. Every part is optional in the pattern; _attrs rejects
# matches that are not dates.
_CORE = (rf"(?:(?:{_YEAR}|{_REL_YEAR})?(?:{_MONTH})?(?:{_DAY})?|{_REL_DAY})"
         rf"(?:{_PART})?(?:{_TIME}{_APPROX}?)?")
# The same parts without group names, as a lookahead: a match must start
# with one of them, so the all-optional pattern never matches empty text.
_ANY_PART = re.sub(r"\?P<\w+>", "?:", rf"{_YEAR}|{_REL_YEAR}|{_MONTH}|{_DAY}|{_REL_DAY}|{_PART}|{_TIME}")
DATE_RE = re.compile(rf"(?<![\d{_CN}])(?={_ANY_PART}){_CORE}")
# Every character a match of DATE_RE can start with (the first characters of
# the parts in _ANY_PART). Matching only at these is ~5x faster than letting
# DATE_RE scan every character of the text for its lookbehind and lookahead.
DATE_START_RE = re.compile(r"[\d〇零一二三四五六七八九十去今明前上昨后下中晚夜凌早傍]")
# Longer than any DATE_RE match (the longest is about 25 characters): the
# window in which a match starting at a given position is looked for again.
MAX_DATE_CHARS = 64
# Dates more than this many days after the issue date are read as last
# year's (a January issue mentioning 12月23日 means last December).
FUTURE_SLACK_DAYS = 60
REL_YEAR = {"前年": -2, "去年": -1, "上年": -1, "今年": 0, "明年": 1}
REL_DAY = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1,
           "后天": 2}
AFTERNOON = {"下午", "晚上", "晚间", "夜间", "傍晚", "晚"}


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    v = parse_number(s)
    return int(v) if v is not None else None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, base: dt.date) -> int:
    candidate = _safe_date(base.year, month, min(day, 28))
    if candidate and (candidate - base).days > FUTURE_SLACK_DAYS:
        return base.year - 1
    return base.year


def _span(g: dict[str, str | None], base: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """First and last day the date part of a match covers."""
    year, month, day = _num(g["y"]), _num(g["m"]), _num(g["d"])
    if g["rd"]:
        if base is None:
            return None
        d = base + dt.timedelta(days=REL_DAY[g["rd"]])
        return d, d
    if g["ry"]:
        if base is None:
            return None
        year = base.year + REL_YEAR[g["ry"]]
    if year is None and base is not None:
        if month is not None:
            year = _year_for(month, day or 1, base)
        elif day is not None:
            month = base.month
            year = base.year
            if day > base.day + 3:  # a day after the issue date: last month
                prev = base.replace(day=1) - dt.timedelta(days=1)
                year, month = prev.year, prev.month
    if year is None:
        return None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    day_date = _safe_date(year, month, day)
    return (day_date, day_date) if day_date else None


def _time(g: dict[str, str | None]) -> str | None:
    hour = _num(g["h"])
    if hour is None:
        return None
    minute = _num(g["min"]) or (30 if g["half"] else 0)
    if g["part"] in AFTERNOON and hour < 12:
        hour += 12
    if hour > 24 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


def _plausible(m: re.Match[str], text: str) -> bool:
    """Reject matches that are no date: a bare part of day, a lone 一点, a lone 5日."""
    g = m.groupdict()
    if not m.group():
        return False
    if not any(g[k] for k in ("y", "ry", "m", "d", "rd")):
        return bool(g["part"] and g["h"]) or bool(g["h"] and g["h"].isdigit() and g["approx"])
    if g["d"] and not (g["y"] or g["ry"] or g["m"]):
        before = text[m.start() - 1] if m.start() else ""
        return before in _RANGE_BEFORE or bool(_DAY_ALONE_AFTER.match(text, m.end())
                                               or g["h"] or g["part"])
    return True


def _attrs(m: re.Match[str], base: dt.date | None, last_day: dt.date | None
           ) -> dict[str, Any] | None:
    """Typed fields of a date match; a bare time (上午9时许) takes the last day named."""
    g = m.groupdict()
    has_date = any(g[k] for k in ("y", "ry", "m", "d", "rd"))
    span = _span(g, base) if has_date else ((last_day, last_day) if last_day else None)
    time = _time(g)
    if has_date and span is None and base is not None:
        return None
    if not has_date and time is None:
        return None  # a bare 上午 is no date
    start, end = span if span else (None, None)
    return {
        "iso": start.isoformat() if start and start == end else None,
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "time": time,
        "approx": bool(g["approx"]),
    }


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The non-empty matches DATE_RE.finditer(text) yields, found faster.

    Where DATE_RE matches empty text (its first alternative, all optional),
    finditer tries the same position again for a non-empty match (今日 via
    the relative-day alternative); a window from there does the same.
    """
    pos = 0
    while (start := DATE_START_RE.search(text, pos)) is not None:
        at = start.start()
        m = DATE_RE.match(text, at)
        if m is not None and m.end() == at:
            m = next((x for x in DATE_RE.finditer(text, at, at + MAX_DATE_CHARS)
                      if x.start() > at or x.end() > at), None)
            m = m if m is not None and m.start() == at else None
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()


def find_dates(text: str, base: dt.date | None, documents: Sequence[int] = ()) -> list[Entity]:
    """Date and time mentions of ``text``; a range (1月5日至7日) yields one entity.

    ``documents`` are offsets where a new document (article) starts: a bare
    time after one of them does not take a day named before it.
    """
    found: list[Entity] = []
    last_day: dt.date | None = None
    starts = sorted(documents)
    for m in _matches(text):
        if not _plausible(m, text):
            continue
        if starts and bisect.bisect_right(starts, m.start()) != bisect.bisect_right(
                starts, found[-1].start if found else -1):
            last_day = None
        attrs = _attrs(m, base, last_day)
        if attrs is None:
            continue
        if attrs["iso"]:
            last_day = dt.date.fromisoformat(attrs["iso"])
        found.append(Entity("date", m.group(), m.start(), m.end(), attrs))
    return _join_ranges(text, found)


RANGE_JOINERS = ("至", "到", "—", "-", "~", "～")


def _join_ranges(text: str, dates: list[Entity]) -> list[Entity]:
    """Two dates joined by 至/到/— are one range entity."""
    out: list[Entity] = []
    for e in dates:
        prev = out[-1] if out else None
        if (prev is not None and text[prev.end : e.start] in RANGE_JOINERS
                and prev.attrs["start_date"] and e.attrs["end_date"]):
            end = e.attrs["end_date"]
            if end < prev.attrs["start_date"]:
                end = None  # the second part resolved before the first: leave it open
            out[-1] = Entity("date", text[prev.start : e.end], prev.start, e.end, {
                "iso": None, "start_date": prev.attrs["start_date"], "end_date": end,
                "time": None, "approx": prev.attrs["approx"] or e.attrs["approx"],
            })
            continue
        out.append(e)
    return out
