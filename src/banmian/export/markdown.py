"""Markdown: one file per issue, ``PAPER/DATE.md``, pages in order, stories on their first page."""

from __future__ import annotations

import re
from pathlib import Path

from banmian.archive import Archive, IssueArticle, StoredArticle
from banmian.export import ExportFilter

__all__ = ["issue_markdown", "write_markdown"]

# Characters not allowed in file names on common file systems.
UNSAFE_NAME_RE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _story(s: StoredArticle) -> list[str]:
    lines = []
    if s.kicker:
        lines.append(f"*{s.kicker}*")
        lines.append("")
    lines.append(f"### {s.title}")
    lines.extend(["", *[f"**{sub}**" for sub in s.subtitles]] if s.subtitles else [])
    if s.byline:
        lines.extend(["", f"_{s.byline['text']}_"])
    for p in s.paragraphs:
        lines.extend(["", f"#### {p['text']}" if p["role"] == "heading" else p["text"]])
    if len(s.pages) > 1:
        lines.extend(["", f"(版次: {' → '.join(s.pages)})"])
    elif s.continued_to:
        lines.extend(["", f"(下转{s.continued_to['page']}版)"])
    lines.append("")
    return lines


def _stub(a: IssueArticle) -> list[str]:
    """A continuation part: its story was printed where it began."""
    page = a.continued_from["page"] if a.continued_from else "?"
    return [f"### {a.title}", "", f"(上接{page}版,全文见该版)", ""]


def issue_markdown(archive: Archive, paper: str, date: str) -> str | None:
    detail = archive.issue(paper, date)
    if detail is None:
        return None
    lines = [f"# {paper or '未知报纸'} {date}", ""]
    for page in detail.pages:
        lines.extend([f"## {page.label or '?'}", ""])
        for a in page.articles:
            merged = a.continued_from is not None and a.continued_from["article_id"] is not None
            story = None if merged else archive.article(a.id)
            lines.extend(_stub(a) if story is None else _story(story))
    return "\n".join(lines)


def write_markdown(archive: Archive, out: str, where: ExportFilter) -> int:
    count = 0
    for summary in archive.issues(where.paper):
        if (where.date_from and summary.date < where.date_from) or (
                where.date_to and summary.date > where.date_to):
            continue
        text = issue_markdown(archive, summary.paper, summary.date)
        if text is None:
            continue
        target = Path(out) / (UNSAFE_NAME_RE.sub("_", summary.paper) or "unknown") / \
            f"{summary.date or 'undated'}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count
