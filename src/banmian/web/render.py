"""HTML rendering: the Jinja environment and the helpers templates call.

Autoescaping is on for every template; the only markup that reaches a page
unescaped is built here, from escaped pieces (search snippets keep the
archive's ``<mark>`` and nothing else, entity names become links).
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from banmian.web.views import ENTITY_TYPES

__all__ = [
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "calendar_months",
    "display_title",
    "entity_names",
    "environment",
    "link_entities",
    "month_series",
    "safe_snippet",
    "url_part",
]

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

# The archive marks matches in snippets with exactly these tags.
MARK_RE = re.compile(r"(</?mark>)")
# The home page's calendar shows this many months that have issues, newest first.
CALENDAR_MONTHS = 12
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def safe_snippet(snippet: str) -> Markup:
    """Keep the archive's ``<mark>`` tags and escape everything else.

    The archive promises an HTML-safe snippet; re-escaping each piece between
    the tags makes that hold even if it did not (``&lt;`` stays ``&lt;``).
    """
    parts = []
    for piece in MARK_RE.split(snippet):
        if piece in ("<mark>", "</mark>"):
            parts.append(piece)
        else:
            parts.append(str(escape(html.unescape(piece))))
    return Markup("".join(parts))


def url_part(value: Any) -> str:
    """Quote a value for use as one path segment (paper names, person names)."""
    return quote(str(value), safe="")


def display_title(article: Mapping[str, Any]) -> str:
    """An article's title, or what to call it when the page printed none."""
    if article.get("title"):
        return str(article["title"])
    return "相关链接" if article.get("kind") == "sidebar" else "(无题)"


def entity_href(entity_type: str, name: str) -> str:
    return f"/entities/{entity_type}/{url_part(name)}"


def link_entities(text: str, entities: Iterable[Mapping[str, Any]]) -> Markup:
    """Escape ``text`` and turn each mention of a person, place or organisation into a link.

    Longer names win over the names they contain (``中南大学`` over ``中南``).
    """
    targets: dict[str, tuple[str, str]] = {}
    for entity in entities:
        etype, mention = entity.get("type"), entity.get("text")
        if etype in ENTITY_TYPES and mention and mention not in targets:
            targets[mention] = (str(etype), str(entity.get("name") or mention))
    if not targets:
        return Markup(escape(text))
    alternatives = sorted(targets, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(m) for m in alternatives))
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last:match.start()])))
        mention = match.group(0)
        etype, name = targets[mention]
        href = entity_href(etype, name)
        out.append(
            f'<a class="ent ent-{etype}" href="{escape(href)}" '
            f'title="{escape(ENTITY_TYPES[etype])}">{escape(mention)}</a>'
        )
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def entity_names(entities: Iterable[Mapping[str, Any]], entity_type: str) -> list[str]:
    """Distinct names of one entity type, in order of first mention."""
    names: dict[str, None] = {}
    for entity in entities:
        if entity.get("type") == entity_type and entity.get("text"):
            names.setdefault(str(entity.get("name") or entity["text"]), None)
    return list(names)


def month_series(mentions: Mapping[str, int]) -> list[tuple[str, int]]:
    """Mentions per month from the first to the last month, months without any as 0."""
    if not mentions:
        return []
    first, last = min(mentions), max(mentions)
    year, month = int(first[:4]), int(first[5:7])
    series = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        series.append((key, int(mentions.get(key, 0))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def calendar_months(
    issues: Sequence[Mapping[str, Any]], limit: int = CALENDAR_MONTHS
) -> list[dict[str, Any]]:
    """Month grids (weeks of days, Monday first) for the newest months that have issues.

    Each day is None (outside the month) or ``{"day", "date", "issues": [...]}``.
    """
    by_date: dict[str, list[Mapping[str, Any]]] = {}
    for issue in issues:
        by_date.setdefault(str(issue["date"]), []).append(issue)
    months = sorted({d[:7] for d in by_date}, reverse=True)[:limit]
    grids = []
    for month in months:
        year, mon = int(month[:4]), int(month[5:7])
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, mon):
            days: list[dict[str, Any] | None] = []
            for day in week:
                if day == 0:
                    days.append(None)
                    continue
                date = f"{month}-{day:02d}"
                days.append({"day": day, "date": date, "issues": by_date.get(date, [])})
            weeks.append(days)
        grids.append({"month": month, "label": f"{year}年{mon}月", "weeks": weeks})
    return grids


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["urlpart"] = url_part
    env.filters["snippet"] = safe_snippet
    env.globals.update(
        entity_href=entity_href,
        link_entities=link_entities,
        display_title=display_title,
        entity_names=entity_names,
        month_series=month_series,
        calendar_months=calendar_months,
        entity_types=ENTITY_TYPES,
        weekdays=WEEKDAYS,
    )
    return env
