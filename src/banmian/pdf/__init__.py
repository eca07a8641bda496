"""PDF e-edition pages in: layout analysis over pypdfium2 characters, then the page parser.

``parse_pdf`` reads every page of a PDF (path or bytes): characters with
their size and boldness, rules and boxes (:mod:`banmian.pdf.reader`), lays
them out into blocks in reading order with roles from typography
(:mod:`banmian.pdf.layout`), writes them as page text plus line hints
(:mod:`banmian.pdf.write`) and hands both to the text pipeline. Each
resulting :class:`~banmian.model.Page` carries its size in points and a
``bbox`` (points from the top-left corner) on blocks and paragraphs.
``render_page`` draws a page as PNG; ``article_regions`` gives the outline
of each article for clickable page images.
"""

from __future__ import annotations

import dataclasses
import hashlib
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2 as pdfium

from banmian.errors import ScannedPdfError
from banmian.model import Page, Source
from banmian.pdf.layout import LayoutBlock, PageLayout, analyse
from banmian.pdf.reader import BBox, load, open_pdf, read_page
from banmian.pdf.write import to_text

__all__ = [
    "LayoutBlock",
    "PageLayout",
    "analyse_pdf",
    "article_regions",
    "iter_pdf",
    "page_count",
    "parse_pdf",
    "render_page",
]

# A page with fewer visible characters than this and images over at least
# SCANNED_IMAGE_SHARE of its area is a scan without a text layer.
SCANNED_MAX_CHARS = 20
SCANNED_IMAGE_SHARE = 0.3
# Default page image scale: 2 × 72 dpi = 144 dpi, readable on screen.
DEFAULT_SCALE = 2.0

Progress = Callable[[int, int], None]


def _layouts(doc: pdfium.PdfDocument, label: str, progress: Progress | None
             ) -> Iterator[PageLayout]:
    total = len(doc)
    for index in range(total):
        content = read_page(doc, index)
        visible = sum(1 for c in content.chars if not c.text.isspace())
        if visible < SCANNED_MAX_CHARS and content.image_share >= SCANNED_IMAGE_SHARE:
            raise ScannedPdfError(f"page {index + 1} is a scanned image without a text layer: "
                                  "needs OCR", path=label)
        yield analyse(content)
        if progress:
            progress(index + 1, total)


def analyse_pdf(pdf: str | Path | bytes, *, name: str | None = None) -> list[PageLayout]:
    """Layout blocks (text, role, bbox) of every page, without the text pipeline."""
    data, default = load(pdf)
    with open_pdf(data, name or default) as doc:
        return list(_layouts(doc, name or default, None))


def iter_pdf(pdf: str | Path | bytes, *, name: str | None = None, paper: str | None = None,
             date: str | None = None, page: str | None = None, keep_punct: bool = False,
             progress: Progress | None = None) -> Iterator[Page]:
    """Parsed pages of a PDF, one at a time; ``progress(done, total)`` after each."""
    from banmian.parse.pipeline import parse_text

    data, default = load(pdf)
    label = name or default
    sha = hashlib.sha256(data).hexdigest()
    with open_pdf(data, label) as doc:
        many = len(doc) > 1
        for index, layout in enumerate(_layouts(doc, label, progress)):
            text, hints = to_text(layout)
            source = Source(name=f"{label}#page={index + 1}" if many else label, sha256=sha,
                            encoding="pdf")
            parsed = parse_text(text, source=source, paper=paper, date=date,
                                page=None if many else page, hints=hints,
                                keep_punct=keep_punct)
            yield dataclasses.replace(parsed, size=(layout.width, layout.height))


def parse_pdf(pdf: str | Path | bytes, *, name: str | None = None, paper: str | None = None,
              date: str | None = None, page: str | None = None, keep_punct: bool = False,
              progress: Progress | None = None) -> list[Page]:
    """One :class:`Page` per PDF page (``page`` labels a single-page PDF only)."""
    return list(iter_pdf(pdf, name=name, paper=paper, date=date, page=page,
                         keep_punct=keep_punct, progress=progress))


def article_regions(page: Page) -> dict[str, BBox]:
    """The outline (union of block boxes) of each article on a PDF page."""
    regions: dict[str, BBox] = {}
    for block in page.blocks:
        if block.article is None or block.bbox is None:
            continue
        x0, y0, x1, y1 = block.bbox
        old = regions.get(block.article)
        regions[block.article] = (x0, y0, x1, y1) if old is None else (
            min(old[0], x0), min(old[1], y0), max(old[2], x1), max(old[3], y1))
    return regions


def _png(width: int, height: int, rgb: bytes, stride: int) -> bytes:
    rows = b"".join(b"\x00" + rgb[y * stride: y * stride + width * 3] for y in range(height))

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def page_count(pdf: str | Path | bytes, name: str | None = None) -> int:
    """How many pages a PDF has."""
    with open_pdf(pdf, name) as doc:
        return len(doc)


def render_page(pdf: str | Path | bytes, index: int = 0, scale: float = DEFAULT_SCALE) -> bytes:
    """Page ``index`` (0-based) drawn as PNG bytes at ``scale`` × 72 dpi."""
    with open_pdf(pdf) as doc:
        page = doc[index]
        try:
            bitmap = page.render(scale=scale, rev_byteorder=True)
            try:
                return _png(bitmap.width, bitmap.height, bytes(bitmap.buffer), bitmap.stride)
            finally:
                bitmap.close()
        finally:
            page.close()
