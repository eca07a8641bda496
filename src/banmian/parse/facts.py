"""Page facts: paper name, issue date and page label, given or inferred.

Inferred values carry a confidence and the evidence they rest on, so a
caller (or the archive) can tell a guess from a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from banmian.model import Inference

__all__ = ["infer_date", "infer_page", "infer_paper", "resolve_month_day"]

# A paper's own name in a byline: 江城日报·掌上江城讯 → 江城日报.
PAPER_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:日报|晚报|早报|晨报|都市报|商报|时报|周报))")
FULL_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
JUMP_LABEL_RE = re.compile(r"^([A-Za-z]?)(\d+)$")
# Morning papers print the day after the events their datelines report.
PUBLICATION_LAG_DAYS = 1
# A dateline may report a day up to this long before the latest full date in
# the text (a story that names a coming date in full).
DATELINE_SLACK_DAYS = 31
GIVEN = 1.0


def infer_paper(given: str | None, sources: Sequence[str], mastheads: Sequence[str] = ()) -> Inference:
    if given:
        return Inference(given, GIVEN, "given")
    if mastheads:
        return Inference(mastheads[0], 0.95, "masthead line")
    names = Counter(m.group(1) for s in sources for m in [PAPER_NAME_RE.match(s)] if m)
    if not names:
        return Inference(None, 0.0, "no paper named in the bylines")
    name, count = names.most_common(1)[0]
    confidence = round(0.5 + 0.4 * count / sum(names.values()), 2)
    return Inference(name, confidence, f"named in {count} of {len(sources)} bylines")


def resolve_month_day(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The date with this month and day closest before (or at) ``reference``'s year end."""
    for year in (reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= reference + dt.timedelta(days=31):
            return candidate
    return None


def infer_date(given: str | None, text: str, dateline_days: Sequence[tuple[int, int]],
               header_text: str = "") -> Inference:
    if given:
        return Inference(dt.date.fromisoformat(given).isoformat(), GIVEN, "given")
    header = FULL_DATE_RE.search(header_text)
    if header and _valid(*(int(g) for g in header.groups())):
        y, m, d = (int(g) for g in header.groups())
        return Inference(dt.date(y, m, d).isoformat(), 0.95, "page header")
    full = [
        dt.date(int(y), int(m), int(d))
        for y, m, d in FULL_DATE_RE.findall(text)
        if 1 <= int(m) <= 12 and 1 <= int(d) <= 31 and _valid(int(y), int(m), int(d))
    ]
    if not full:
        return Inference(None, 0.0, "no dated text")
    latest_full = max(full)
    # A dateline reports the latest news: it falls on or after the latest full
    # date the text gives (a story of February 2019 looks back on 2018年12月18日).
    # Other month-day dates in the text say nothing of the issue (on the 454
    # generated pages of both splits they gave the right day 1 time in 43).
    earliest = latest_full - dt.timedelta(days=DATELINE_SLACK_DAYS)
    resolved = [r for md in dateline_days
                if (r := _on_or_after(md[0], md[1], earliest)) is not None]
    if resolved:
        latest = max(max(resolved), latest_full)
        issue = latest + dt.timedelta(days=PUBLICATION_LAG_DAYS)
        return Inference(
            issue.isoformat(), 0.6,
            f"latest dateline {latest.isoformat()}, year from dates in the text; "
            f"papers print the next day",
        )
    # The latest full date alone is some event's, not the issue's (right 1 time in 43).
    return Inference(None, 0.0, "no dateline to date the issue by")


def _on_or_after(month: int, day: int, earliest: dt.date) -> dt.date | None:
    """The first date with this month and day on or after ``earliest``."""
    for year in (earliest.year, earliest.year + 1):
        if _valid(year, month, day) and (date := dt.date(year, month, day)) >= earliest:
            return date
    return None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def infer_page(given: str | None, jumps_to: Sequence[str], jumps_from: Sequence[str],
               header_labels: Sequence[str]) -> Inference:
    if given:
        return Inference(given, GIVEN, "given")
    if header_labels:
        return Inference(header_labels[0], 0.9, "page header")
    # Stories jump forward from the front page, so a page that continues elsewhere is
    # most likely page 1 of its section; surest when the jump is to page 2.
    for label in jumps_to:
        m = JUMP_LABEL_RE.match(label)
        if m:
            confidence = 0.8 if int(m.group(2)) == 2 else 0.5
            return Inference(f"{m.group(1).upper()}1", confidence,
                             f"continues to {label}: stories jump forward from the front page")
    if jumps_from:
        return Inference(None, 0.0, f"continued from {', '.join(jumps_from)}")
    return Inference(None, 0.0, "no page label in the text")
