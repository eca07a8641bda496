"""HTML rendering: the Jinja environment and the helpers templates call.

Autoescaping is on for every template; the only markup that reaches a page
unescaped is built here, from escaped pieces (search snippets keep the
archive's ``<mark>`` and nothing else, entity names become links).
"""

from __future__ import annotations

import calendar
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from banmian.web.export import SIDEBAR_TITLE
from banmian.web.views import ENTITY_TYPES

__all__ = [
    "STATIC_DIR",
    "TEMPLATE_DIR",
    "calendar_months",
    "display_title",
    "entity_names",
    "environment",
    "MentionLinker",
    "entity_linker",
    "link_byline",
    "month_chart",
    "page_label",
    "region_style",
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
# Mentions-per-month chart, in SVG units (px): bar height scale, bar widths for
# up to CHART_WIDE_MONTHS months and for more, space between bars, the width a
# "2023-03" label needs at the chart's 10px font, and the smallest chart width.
CHART_HEIGHT = 100
CHART_WIDE_MONTHS = 24
CHART_WIDE_BAR = 40
CHART_NARROW_BAR = 14
CHART_GAP = 4
CHART_PAD = 5
CHART_LABEL_WIDTH = 44
CHART_MIN_WIDTH = 160


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


def page_label(label: str | None) -> str:
    """How a page is named: ``A2`` -> ``A2版``; ``第九版`` stays; no label -> 未标版次."""
    if not label:
        return "未标版次"
    return label if label.endswith("版") else f"{label}版"


def region_style(region: Mapping[str, Any], image: Mapping[str, Any]) -> str:
    """CSS placing an article's outline over its page image, in percent of the page.

    Regions are in PDF points from the top-left corner; percentages keep the
    outlines on the articles at whatever width the image is shown.
    """
    width, height = float(image["width"]), float(image["height"])
    left, top = 100 * region["x0"] / width, 100 * region["y0"] / height
    return (f"left:{left:.2f}%;top:{top:.2f}%;"
            f"width:{100 * region['x1'] / width - left:.2f}%;"
            f"height:{100 * region['y1'] / height - top:.2f}%")


def display_title(article: Mapping[str, Any]) -> str:
    """An article's title, or what to call it when the page printed none."""
    if article.get("title"):
        return str(article["title"])
    return SIDEBAR_TITLE if article.get("kind") == "sidebar" else "(无题)"


def entity_href(entity_type: str, name: str) -> str:
    return f"/entities/{entity_type}/{url_part(name)}"


class MentionLinker:
    """Escapes text and turns each mention it knows into a link.

    Built once per article from ``targets`` (mention -> class, href, title)
    and applied to each paragraph. Longer mentions win over the mentions they
    contain (``中南大学`` over ``中南``).
    """

    def __init__(self, targets: Mapping[str, tuple[str, str, str]]) -> None:
        self.targets = dict(targets)
        alternatives = sorted(self.targets, key=len, reverse=True)
        self.pattern = (re.compile("|".join(re.escape(m) for m in alternatives))
                        if alternatives else None)

    def __call__(self, text: str) -> Markup:
        if self.pattern is None:
            return Markup(escape(text))
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            out.append(str(escape(text[last:match.start()])))
            css, href, title = self.targets[match.group(0)]
            out.append(f'<a class="{css}" href="{escape(href)}" title="{escape(title)}">'
                       f"{escape(match.group(0))}</a>")
            last = match.end()
        out.append(str(escape(text[last:])))
        return Markup("".join(out))


def _entity_targets(entities: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, str, str]]:
    targets: dict[str, tuple[str, str, str]] = {}
    for entity in entities:
        etype, mention = entity.get("type"), entity.get("text")
        if etype in ENTITY_TYPES and mention and mention not in targets:
            href = entity_href(str(etype), str(entity.get("name") or mention))
            targets[mention] = (f"ent ent-{etype}", href, ENTITY_TYPES[str(etype)])
    return targets


def entity_linker(entities: Iterable[Mapping[str, Any]]) -> MentionLinker:
    """Links each mention of the article's people, places and organisations to their page.

    Articles keep their paragraphs as text, so every occurrence of a name the
    extractor found in the article is linked, not only the one it marked.
    """
    return MentionLinker(_entity_targets(entities))


def link_byline(byline: Mapping[str, Any], entities: Iterable[Mapping[str, Any]]) -> Markup:
    """The byline with its reporters, correspondents and photographers linked to their articles."""
    targets = _entity_targets(entities)
    for role in ("reporters", "correspondents", "photographers"):
        for name in byline.get(role) or ():
            href = f"/search?{urlencode({'reporter': name})}"
            targets[str(name)] = ("byline-name", href, "此人署名的文章")
    return MentionLinker(targets)(str(byline.get("text") or ""))


def entity_names(entities: Iterable[Mapping[str, Any]], entity_type: str) -> list[str]:
    """Distinct names of one entity type, in order of first mention."""
    names: dict[str, None] = {}
    for entity in entities:
        if entity.get("type") == entity_type and entity.get("text"):
            names.setdefault(str(entity.get("name") or entity["text"]), None)
    return list(names)


def month_chart(mentions: Mapping[str, int]) -> dict[str, Any] | None:
    """Bars for a mentions-per-month chart (SVG units), every month from first to last.

    Months without mentions are bars of height 0, so gaps show as gaps. Bars
    are wide when there are few months and narrow when there are many; month
    labels are spaced so they never overlap.
    """
    if not mentions:
        return None
    first, last = min(mentions), max(mentions)
    year, month = int(first[:4]), int(first[5:7])
    series = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        series.append((key, int(mentions.get(key, 0))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    bar = CHART_WIDE_BAR if len(series) <= CHART_WIDE_MONTHS else CHART_NARROW_BAR
    every = max(1, math.ceil(CHART_LABEL_WIDTH / bar))
    top = max(n for _, n in series) or 1
    bars = [{"month": key, "n": n, "x": CHART_PAD + i * bar, "width": bar - CHART_GAP,
             "height": round(CHART_HEIGHT * n / top, 1), "label": i % every == 0}
            for i, (key, n) in enumerate(series)]
    width = max(CHART_MIN_WIDTH, 2 * CHART_PAD + len(series) * bar + CHART_LABEL_WIDTH)
    return {"bars": bars, "width": width, "height": CHART_HEIGHT, "base": CHART_HEIGHT + 20}


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
    env.filters["page_label"] = page_label
    env.globals["region_style"] = region_style
    env.globals.update(
        entity_href=entity_href,
        entity_linker=entity_linker,
        link_byline=link_byline,
        display_title=display_title,
        entity_names=entity_names,
        month_chart=month_chart,
        calendar_months=calendar_months,
        entity_types=ENTITY_TYPES,
        weekdays=WEEKDAYS,
    )
    return env
