"""Page images of PDF pages and the outline of each article on them.

A PDF page is stored with a PNG rendering, its size in PDF points and one
rectangle per article (points from the top-left corner), so the reading
room can draw the page with clickable article outlines. Rows hang off the
page and its articles (``ON DELETE CASCADE``): replacing or deleting a page
removes them in the same transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import apsw

from banmian.archive.continuations import normalize_label
from banmian.archive.results import PageImage, PageRegion
from banmian.archive.sql import fetch
from banmian.archive.write import article_id_for
from banmian.model import Page

__all__ = ["PAGE_IMAGE_SCALE", "RenderedPage", "page_image", "page_png", "pdf_pages",
           "write_image"]

BBox = tuple[float, float, float, float]
# Page images are rendered at this × 72 dpi: an A3 page comes out at 716 × 1012
# pixels, large enough to read headlines and pick an article; measured on dense
# generated A3 pages of eight articles, 260-310 KB of PNG each (1.0 gave 360 KB).
PAGE_IMAGE_SCALE = 0.85


@dataclass(frozen=True)
class RenderedPage:
    """What PDF ingest adds to a parsed page: the PNG, the page size and article outlines."""

    png: bytes
    width: float  # PDF points
    height: float
    regions: dict[str, BBox] = field(default_factory=dict)  # by the page's own article ids


def pdf_pages(data: bytes, *, name: str, paper: str | None = None, date: str | None = None,
              page: str | None = None) -> list[tuple[Page, RenderedPage]]:
    """Each page of a PDF, parsed, with its rendered image and article outlines.

    ``page`` labels a one-page PDF only; the pages of a longer PDF take the
    label the parser infers when no other page of the PDF got the same one,
    else p1, p2, ... by position (each page needs its own slot in the issue).
    """
    from banmian.pdf import article_regions, iter_pdf, render_page

    pages = list(iter_pdf(data, name=name, paper=paper, date=date, page=page))
    seen = Counter(normalize_label(p.page) for p in pages)
    out = []
    for index, parsed in enumerate(pages):
        if len(pages) > 1 and (not parsed.page or seen[normalize_label(parsed.page)] > 1):
            parsed = replace(parsed, page=f"p{index + 1}")
        width, height = parsed.size or (0.0, 0.0)
        image = RenderedPage(render_page(data, index, PAGE_IMAGE_SCALE), width, height,
                             article_regions(parsed))
        out.append((parsed, image))
    return out


def write_image(conn: apsw.Connection, page_id: str, page: Page, image: RenderedPage) -> None:
    """Store ``image`` for the stored page ``page_id`` (inside the caller's transaction)."""
    if fetch(conn, "SELECT 1 FROM page_images WHERE page_id = ?", (page_id,)):
        return
    fetch(conn, "INSERT INTO page_images(page_id, png, width, height) VALUES (?,?,?,?)",
          (page_id, image.png, image.width, image.height))
    ids = {a.id: article_id_for(page_id, i, a) for i, a in enumerate(page.articles)}
    conn.executemany(
        "INSERT INTO article_regions(page_id, article_id, x0, y0, x1, y1) VALUES (?,?,?,?,?,?)",
        [(page_id, ids[local], *box) for local, box in image.regions.items() if local in ids])


def page_png(conn: apsw.Connection, page_id: str) -> bytes | None:
    rows = fetch(conn, "SELECT png FROM page_images WHERE page_id = ?", (page_id,))
    return bytes(rows[0][0]) if rows else None


def page_image(conn: apsw.Connection, page_id: str) -> PageImage | None:
    """The size and article outlines of a page's image (None when it has none)."""
    rows = fetch(conn, "SELECT width, height FROM page_images WHERE page_id = ?", (page_id,))
    if not rows:
        return None
    regions = [PageRegion(aid, title, x0, y0, x1, y1) for aid, title, x0, y0, x1, y1 in fetch(
        conn, "SELECT r.article_id, a.title, r.x0, r.y0, r.x1, r.y1 FROM article_regions r "
              "JOIN articles a ON a.id = r.article_id WHERE r.page_id = ? ORDER BY a.seq",
        (page_id,))]
    return PageImage(page_id, float(rows[0][0]), float(rows[0][1]), regions)
