"""Paper, issue date and page label from a file's path.

Each pattern is a regular expression searched in the path (with ``/`` as
separator) that names some of the groups ``paper``, ``date`` (YYYY-MM-DD or
YYYYMMDD), ``year``/``month``/``day`` and ``page``. The first pattern that
matches wins; users add their own in front with ``--pattern``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["DEFAULT_PATTERNS", "PathFacts", "facts_from_path"]

DEFAULT_PATTERNS: tuple[str, ...] = (
    # 株珠日报/2022-01-07/A1.txt: paper folder, date folder, page file.
    r"(?:^|/)(?P<paper>[^/]+)/(?P<date>\d{4}-\d{2}-\d{2})/(?P<page>[^/.]+)\.[^/]+$",
    # 20200106-04.txt: date and page in one file name (the paper comes from elsewhere).
    r"(?:^|/)(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})[-_](?P<page>[^/.]+)\.[^/]+$",
    # 2022/01/07/01.txt: year/month/day folders, page file.
    r"(?:^|/)(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/(?P<page>[^/.]+)\.[^/]+$",
)


@dataclass(frozen=True)
class PathFacts:
    paper: str | None = None
    date: str | None = None
    page: str | None = None


def _date(groups: dict[str, str | None]) -> str | None:
    date = groups.get("date")
    if date:
        digits = date.replace("-", "")
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}" if len(digits) == 8 else None
    if groups.get("year") and groups.get("month") and groups.get("day"):
        return f"{groups['year']}-{groups['month']}-{groups['day']}"
    return None


def facts_from_path(path: str | PurePath, patterns: Sequence[str] = DEFAULT_PATTERNS) -> PathFacts:
    """The facts the first matching pattern finds in ``path`` (all None if none match)."""
    text = PurePath(path).as_posix()
    for pattern in patterns:
        m = re.search(pattern, text)
        if m:
            groups = m.groupdict()
            return PathFacts(paper=groups.get("paper"), date=_date(groups), page=groups.get("page"))
    return PathFacts()
