"""JSONL: one article part a line, in the page contract's article shape.

Each line is ``Article.to_dict()`` (page-local ``id``) plus the context that
puts it back on its page: ``archive_id``, ``paper``, ``date``, ``page``,
``page_seq`` and the page's ``source``. The first part of a page that has a
page image (a PDF page) also carries ``page_image``: the PNG in base64, the
page size and each article's outline. :func:`pages_from_jsonl` rebuilds
those pages and images, so ingesting an export gives the same page and
article ids and the same images. The page text is rebuilt from the spans
(headlines, byline, paragraphs, duplicates); characters outside them, such
as page furniture, are not exported.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from typing import IO, Any

from banmian.archive import Archive
from banmian.archive.images import RenderedPage
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


def _page_image(archive: Archive, page_id: str, local: dict[str, str]) -> dict[str, Any] | None:
    conn = archive.connection
    rows = fetch(conn, "SELECT png, width, height FROM page_images WHERE page_id = ?", (page_id,))
    if not rows:
        return None
    png, width, height = rows[0]
    regions = {local[aid]: [x0, y0, x1, y1] for aid, x0, y0, x1, y1 in fetch(
        conn, "SELECT article_id, x0, y0, x1, y1 FROM article_regions WHERE page_id = ?",
        (page_id,)) if aid in local}
    return {"png": base64.b64encode(bytes(png)).decode("ascii"), "width": width,
            "height": height, "regions": regions}


def write_jsonl(archive: Archive, out: IO[str], where: ExportFilter | None = None, *,
                images: bool = True) -> int:
    """Write every stored article part matching ``where``; return how many.

    ``images``: put each page image on the first exported part of its page.
    """
    sql, args = (where or ExportFilter()).where()
    rows = fetch(archive.connection, f"SELECT {PART_COLUMNS} FROM articles a {JOINS} "
                 f"WHERE {sql} {ORDER}", args)
    locals_by_page: dict[str, dict[str, str]] = {}
    for row in rows:
        locals_by_page.setdefault(row[-1], {})[row[0]] = row[1]
    imaged: set[str] = set()
    for seq, row in enumerate(rows):
        page_id = row[-1]
        part = _part(archive, row, locals_by_page[page_id])
        part["page_seq"] = seq
        if images and page_id not in imaged:
            imaged.add(page_id)
            image = _page_image(archive, page_id, locals_by_page[page_id])
            if image is not None:
                part["page_image"] = image
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


def _rendered(d: dict[str, Any]) -> RenderedPage:
    regions = {local: (float(x0), float(y0), float(x1), float(y1))
               for local, (x0, y0, x1, y1) in d["regions"].items()}
    return RenderedPage(base64.b64decode(d["png"], validate=True), float(d["width"]),
                        float(d["height"]), regions)


def pages_from_jsonl(lines: Iterable[str], *,
                     name: str = "<jsonl>") -> list[tuple[Page, RenderedPage | None]]:
    """Group exported parts back into their pages (with their images), in export order."""
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
    pages: list[tuple[Page, RenderedPage | None]] = []
    for (_, paper, date, label), parts in groups.items():
        articles = [Article.from_dict(p) for p in parts]
        page = Page(text=_rebuilt_text(articles), source=Source.from_dict(parts[0]["source"]),
                    paper=paper or None, date=date or None, page=label or None,
                    articles=tuple(articles))
        image = next((p["page_image"] for p in parts if "page_image" in p), None)
        try:
            pages.append((page, _rendered(image) if image is not None else None))
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise ArchiveError(f"page {label or '?'} of {paper or '?'} {date or '?'}: "
                               f"unreadable page_image: {exc}", path=name) from exc
    return pages
