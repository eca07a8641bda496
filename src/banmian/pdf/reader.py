"""Read a PDF page at the level of characters and drawn rules, through pypdfium2.

This module is the boundary to pdfium: it opens documents (mapping every
pdfium failure to :class:`~banmian.errors.PdfError`), and turns one page into
a :class:`PageContent`: characters with their box, baseline, effective font
size (font size times the text matrix scale, so a 1 pt font scaled up reads
at its printed size) and boldness (a bold font, or the fill-and-stroke render
mode that fakes bold), plus the thin rules and boxes drawn on the page and
how much of it images cover. Coordinates are in points from the top-left
corner of the page, y growing downwards.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from banmian.errors import PdfError
from banmian.pdf.raster import image_rules

__all__ = ["BBox", "Char", "PageContent", "load", "open_pdf", "read_page"]

BBox = tuple[float, float, float, float]

# A drawn path at most this thick (points) is a rule, not a shape.
RULE_THICKNESS = 3.0
# A rule shorter than this (points) is decoration (bullets, underlines).
RULE_MIN_LENGTH = 20.0
# A stroked or filled rectangle at least this big on both sides is a box.
BOX_MIN_SIDE = 30.0
# A box covering more than this share of the page is a page background.
BOX_MAX_SHARE = 0.5
# A page whose images cover this share of it is a scan (its rules are pixels).
SCAN_IMAGE_SHARE = 0.5
# pdfium weights at or above this are bold fonts.
BOLD_WEIGHT = 600
# The first bytes of every PDF file, searched for in this many leading bytes.
PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024

# FPDFText_GetTextObject as a plain address: the binding's typed pointer costs
# five times the call itself, and reading a page makes one call per character.
_TEXT_OBJECT_AT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0)
_TEXT_OBJECT_TYPE = pdfium_c.FPDFText_GetTextObject.restype

_FAKE_BOLD_MODES = frozenset({
    pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE,
    pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP,
})
_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "the PDF is encrypted (password protected)",
    pdfium_c.FPDF_ERR_SECURITY: "the PDF uses an unsupported security handler",
    pdfium_c.FPDF_ERR_FORMAT: "not a readable PDF (damaged or truncated)",
    pdfium_c.FPDF_ERR_FILE: "cannot read the file",
}


class Char(NamedTuple):
    """One character; a tuple, because a page has thousands and a tuple is built fastest."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float
    bold: bool


@dataclass(frozen=True)
class PageContent:
    width: float
    height: float
    chars: tuple[Char, ...]
    hrules: tuple[BBox, ...]  # horizontal rules
    vrules: tuple[BBox, ...]  # vertical rules
    boxes: tuple[BBox, ...]
    image_share: float  # share of the page area covered by images


def load(pdf: str | Path | bytes) -> tuple[bytes, str]:
    """The bytes of a PDF given as a path or bytes, and a name for messages."""
    if isinstance(pdf, bytes):
        return pdf, "<bytes>"
    path = Path(pdf)
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise PdfError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc


@contextmanager
def open_pdf(pdf: str | Path | bytes, name: str | None = None
             ) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF from a path or bytes; every failure is a one-line PdfError."""
    data, default = load(pdf)
    name = name or default
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise PdfError("not a PDF file", path=name)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = _LOAD_ERRORS.get(getattr(exc, "err_code", None), "not a readable PDF")
        raise PdfError(message, path=name) from exc
    try:
        if len(doc) == 0:
            raise PdfError("the PDF has no pages", path=name)
        yield doc
    finally:
        doc.close()


def _text_of(textpage: ctypes.c_void_p, count: int) -> str:
    buf = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    return buf.raw[: count * 2].decode("utf-16-le", errors="replace")


def _style(raw: ctypes.c_void_p, index: int, obj: int | None) -> tuple[float, bool]:
    """Effective size (font size times the text matrix scale) and boldness of a char's object."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
    scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
    size = pdfium_c.FPDFText_GetFontSize(raw, index) * scale
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(ctypes.cast(obj, _TEXT_OBJECT_TYPE)) if obj else None
    bold = mode in _FAKE_BOLD_MODES or pdfium_c.FPDFText_GetFontWeight(raw, index) >= BOLD_WEIGHT
    return size, bold


def _chars(page: pdfium.PdfPage, height: float) -> list[Char]:
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        address = ctypes.cast(raw, ctypes.c_void_p).value
        count = pdfium_c.FPDFText_CountChars(raw)
        text = _text_of(raw, count)
        rect = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        loose_box, origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
        # Size and boldness belong to the text object: read them once per object.
        style_of: dict[int | None, tuple[float, bool]] = {}
        chars: list[Char] = []
        for i in range(count):
            ch = text[i]
            if ch.isspace():
                # Spaces, drawn or inferred, depend on the order the PDF draws its text in
                # (pdfium drops a drawn space that ends a run): the layout reads gaps instead.
                continue
            obj = _TEXT_OBJECT_AT(address, i)
            style = style_of.get(obj)
            if style is None:
                style = style_of[obj] = _style(raw, i, obj)
            loose_box(raw, i, rect)
            origin(raw, i, ox, oy)
            chars.append(Char(ch, rect.left, height - rect.top, rect.right, height - rect.bottom,
                              height - oy.value, style[0], style[1]))
        return chars
    finally:
        textpage.close()


def _graphics(page: pdfium.PdfPage, height: float
              ) -> tuple[list[BBox], list[BBox], list[BBox], float]:
    """Rules, boxes and the image area from the page's path and image objects."""
    hrules: list[BBox] = []
    vrules: list[BBox] = []
    boxes: list[BBox] = []
    image_area = 0.0
    page_area = page.get_width() * height
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        box = (left.value, height - top.value, right.value, height - bottom.value)
        w, h = box[2] - box[0], box[3] - box[1]
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            image_area += w * h
        elif h <= RULE_THICKNESS and w >= RULE_MIN_LENGTH:
            hrules.append(box)
        elif w <= RULE_THICKNESS and h >= RULE_MIN_LENGTH:
            vrules.append(box)
        elif min(w, h) >= BOX_MIN_SIDE and w * h <= BOX_MAX_SHARE * page_area:
            boxes.append(box)
    return hrules, vrules, boxes, image_area


def read_page(doc: pdfium.PdfDocument, index: int) -> PageContent:
    """Characters, rules, boxes and image cover of page ``index``.

    A page mostly covered by images that still has text is a scan with an OCR
    text layer: its rules and boxes are looked for in its pixels too.
    """
    page = doc[index]
    try:
        width, height = page.get_size()
        chars = _chars(page, height)
        hrules, vrules, boxes, image_area = _graphics(page, height)
        if chars and image_area >= SCAN_IMAGE_SHARE * width * height:
            found = image_rules(page, [(c.x0, c.y0, c.x1, c.y1) for c in chars],
                                min_length=RULE_MIN_LENGTH, thickness=RULE_THICKNESS,
                                min_box_side=BOX_MIN_SIDE)
            hrules, vrules, boxes = hrules + found[0], vrules + found[1], boxes + found[2]
    finally:
        page.close()
    return PageContent(width, height, tuple(chars), tuple(hrules), tuple(vrules), tuple(boxes),
                       image_area / (width * height) if width * height else 0.0)
