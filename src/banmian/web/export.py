"""One article as a downloadable file: Markdown or plain text.

The archive's exporters write whole archives; the reading room's export
buttons need a single article, formatted from the same data the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["article_markdown", "article_text"]

# What an untitled sidebar is called (the label papers print above one).
SIDEBAR_TITLE = "相关链接"


def _byline(article: Mapping[str, Any]) -> str | None:
    byline = article.get("byline")
    return str(byline["text"]) if byline and byline.get("text") else None


def _where(article: Mapping[str, Any]) -> str:
    pages = "、".join(str(p) for p in article.get("pages") or [])
    return f"{article.get('paper') or ''} {article.get('date') or ''} {pages}版".strip()


def article_markdown(data: Mapping[str, Any]) -> str:
    """The article (with its sidebars) as Markdown: headline stack, source, paragraphs."""
    article = data["article"]
    lines: list[str] = []
    if article.get("kicker"):
        lines.append(f"*{article['kicker']}*\n")
    lines.append(f"# {article['title']}\n")
    lines.extend(f"## {subtitle}\n" for subtitle in article.get("subtitles") or [])
    lines.append(f"> {_where(article)}\n")
    byline = _byline(article)
    if byline:
        lines.append(f"{byline}\n")
    for paragraph in article.get("paragraphs") or []:
        prefix = "### " if paragraph.get("role") == "heading" else ""
        lines.append(f"{prefix}{paragraph['text']}\n")
    for sidebar in data.get("sidebars") or []:
        lines.append(f"---\n\n**{sidebar.get('title') or SIDEBAR_TITLE}**\n")
        lines.extend(f"{p['text']}\n" for p in sidebar.get("paragraphs") or [])
    return "\n".join(lines)


def article_text(data: Mapping[str, Any]) -> str:
    """The article as plain text, one paragraph a line."""
    article = data["article"]
    headlines = [article.get("kicker"), article["title"], *(article.get("subtitles") or [])]
    lines = [h for h in headlines if h]
    lines.append(_where(article))
    byline = _byline(article)
    if byline:
        lines.append(byline)
    lines.extend(p["text"] for p in article.get("paragraphs") or [])
    for sidebar in data.get("sidebars") or []:
        title = sidebar.get("title") or SIDEBAR_TITLE
        lines.extend(["", title, *(p["text"] for p in sidebar.get("paragraphs") or [])])
    return "\n".join(lines) + "\n"
