"""JSONL: one article part a line, in the page contract's article shape.

Each line is ``Article.to_dict()`` (page-local ``id``) plus the context that
puts it back on its page: ``archive_id``, ``paper``, ``date``, ``page``,
``page_seq`` and the page's ``source``. :func:`pages_from_jsonl` rebuilds
those pages, so ingesting an export gives the same page and article ids.
The page text is rebuilt from the spans (headlines, byline, paragraphs,
duplicates); characters outside them, such as page furniture, are not
exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from banmian.archive import Archive
from banmian.archive.read import byline_of
from banmian.archive.sql import fetch
from banmian.errors import ArchiveError
from banmian.export import JOINS, ORDER, ExportFilter
from banmian.model import Article, Page, Source

__all__ = ["pages_from_jsonl", "write_jsonl"]

PART_COLUMNS = (
    "a.id, a.local_id, a.kind, a.kicker, a.title, a.subtitles, a.headlines, a.continued_to, "
    "a.continued_from, a.related_to, a.duplicates, p.label, i.date, pp.name, p.source_name, "
    "p.sha256, p.encoding, a.page_id"
)


def _part(archive: Archive, row: tuple[Any, ...], local: dict[str, str]) -> dict[str, Any]:
    (aid, local_id, kind, kicker, title, subtitles, headlines, to, frm, related, duplicates,
     label, date, paper, source_name, sha256, encoding, _) = row
    conn = archive.connection
    return {
        "id": local_id, "kind": kind, "kicker": kicker, "title": title,
        "subtitles": json.loads(subtitles), "headlines": json.loads(headlines),
        "byline": byline_of(conn, aid),
        "paragraphs": [{"text": t, "role": r, "spans": json.loads(s)} for t, r, s in fetch(
            conn, "SELECT text, role, spans FROM paragraphs WHERE article_id = ? ORDER BY seq",
            (aid,))],
        "continued_to": to, "continued_from": frm,
        "related_to": [local.get(r, r) for r in json.loads(related)],
        "duplicates": json.loads(duplicates),
        "entities": [{"type": t, "text": x, "start": s, "end": e, **json.loads(attrs)}
                     for t, x, s, e, attrs in fetch(
                         conn, "SELECT type, text, start, end, attrs FROM entities "
                         "WHERE article_id = ? ORDER BY seq", (aid,))],
        "archive_id": aid, "paper": paper or None, "date": date or None, "page": label,
        "source": {"name": source_name, "sha256": sha256, "encoding": encoding},
    }


def write_jsonl(archive: Archive, out: IO[str], where: ExportFilter | None = None) -> int:
    """Write every stored article part matching ``where``; return how many."""
    sql, args = (where or ExportFilter()).where()
    rows = fetch(archive.connection, f"SELECT {PART_COLUMNS} FROM articles a {JOINS} "
                 f"WHERE {sql} {ORDER}", args)
    locals_by_page: dict[str, dict[str, str]] = {}
    for row in rows:
        locals_by_page.setdefault(row[-1], {})[row[0]] = row[1]
    for seq, row in enumerate(rows):
        part = _part(archive, row, locals_by_page[row[-1]])
        part["page_seq"] = seq
        out.write(json.dumps(part, ensure_ascii=False) + "\n")
    return len(rows)


def _rebuilt_text(articles: list[Article]) -> str:
    """The page text as far as the articles' spans cover it; newlines elsewhere."""
    pieces: list[tuple[tuple[int, int], str]] = []
    for a in articles:
        pieces.extend((h.span, h.text) for h in a.headlines)
        if a.byline is not None:
            pieces.append((a.byline.span, a.byline.text))
        chunks = [(p.text, p.spans) for p in a.paragraphs]
        chunks.extend((d.text, d.spans) for d in a.duplicates)
        for text, spans in chunks:
            offset = 0
            for s, e in spans:
                pieces.append(((s, e), text[offset : offset + e - s]))
                offset += e - s
    size = max((e for (_, e), _ in pieces), default=0)
    chars = ["\n"] * size
    for (s, e), text in pieces:
        chars[s : s + len(text[: e - s])] = text[: e - s]
    return "".join(chars)


def pages_from_jsonl(lines: Iterable[str], *, name: str = "<jsonl>") -> list[Page]:
    """Group exported parts back into their pages, in export order."""
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            key = (d["source"]["sha256"], d.get("paper") or "", d.get("date") or "",
                   d.get("page") or "")
        except (ValueError, KeyError, TypeError) as exc:
            raise ArchiveError(f"line {number} is not an exported article: {exc}",
                               path=name) from exc
        groups.setdefault(key, []).append(d)
    pages = []
    for (_, paper, date, label), parts in groups.items():
        articles = [Article.from_dict(p) for p in parts]
        pages.append(Page(text=_rebuilt_text(articles), source=Source.from_dict(parts[0]["source"]),
                          paper=paper or None, date=date or None, page=label or None,
                          articles=tuple(articles)))
    return pages
