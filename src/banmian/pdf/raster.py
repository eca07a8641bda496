"""Rules and boxes printed in a page image.

A scanned page with an OCR text layer has its characters as (invisible)
text but its rules and sidebar frames only as pixels of the scan. The layout
analysis needs them to tell side-by-side articles apart, so they are found
in a rendering of the page: runs of dark pixels, thin and long, outside the
characters' boxes (where text is, a line of pixels is a stroke, not a rule).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium

__all__ = ["BBox", "image_rules"]

BBox = tuple[float, float, float, float]

# A pixel darker than this (0-255) is ink: a hairline rule that falls between
# two pixel rows renders as two rows of light grey.
DARK_LEVEL = 192
# Rendered at two pixels per point: fine enough that hairlines stay dark.
RENDER_SCALE = 2.0
# Points around a character that are not searched for rules (glyph edges, underlines).
TEXT_MARGIN = 1.0
# Share of a run's length that must be ink on the row under it for that row to be
# part of the same rule.
SAME_RULE_SHARE = 0.5
# Share of ink beyond a rule's thickness on both sides at most: more, and the run
# is the edge of a photo or a dark panel, not a rule.
CLEAR_SHARE = 0.2
# How far (points) the edges of a box's four rules may miss each other.
BOX_TOLERANCE = 4.0

Mask = npt.NDArray[np.bool_]


def _ink(page: pdfium.PdfPage) -> Mask:
    bitmap = page.render(scale=RENDER_SCALE, grayscale=True)
    try:
        gray = bitmap.to_numpy()
    finally:
        bitmap.close()
    return np.asarray(gray).reshape(gray.shape[0], gray.shape[1]) < DARK_LEVEL


def _row_rules(ink: Mask, min_length: float, thickness: float) -> list[BBox]:
    """Horizontal rules: runs of ink at least ``min_length`` long, at most
    ``thickness`` thick, with clear space above and below."""
    height, width = ink.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    steps = np.diff(padded, axis=1)
    starts, ends = np.argwhere(steps == 1), np.argwhere(steps == -1)
    limit = int(thickness) + 1
    rules: list[BBox] = []
    for (row, x0), (_, x1) in zip(starts, ends, strict=True):
        if x1 - x0 < min_length or (row > 0 and ink[row - 1, x0:x1].mean() >= SAME_RULE_SHARE):
            continue  # too short, or not the top row of its rule
        rows = 1
        while row + rows < height and ink[row + rows, x0:x1].mean() >= SAME_RULE_SHARE:
            rows += 1
        if rows > limit:
            continue
        above, below = row - 2, row + rows + 1
        if (above >= 0 and ink[above, x0:x1].mean() > CLEAR_SHARE) or (
                below < height and ink[below, x0:x1].mean() > CLEAR_SHARE):
            continue
        rules.append((float(x0), float(row), float(x1), float(row + rows)))
    return rules


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= BOX_TOLERANCE


def _boxes(hrules: Sequence[BBox], vrules: Sequence[BBox], min_side: float
           ) -> tuple[list[BBox], set[BBox]]:
    """Frames closed on four sides, and the rules that draw them."""
    boxes: list[BBox] = []
    used: set[BBox] = set()
    for top in hrules:
        for bottom in hrules:
            if bottom[1] - top[1] < min_side or not (_near(top[0], bottom[0])
                                                    and _near(top[2], bottom[2])):
                continue
            sides = [v for v in vrules if _near(v[1], top[1]) and _near(v[3], bottom[3])
                     and (_near(v[0], top[0]) or _near(v[2], top[2]))]
            if any(_near(v[0], top[0]) for v in sides) and any(_near(v[2], top[2]) for v in sides):
                boxes.append((top[0], top[1], top[2], bottom[3]))
                used.update((top, bottom, *sides))
    return boxes, used


def image_rules(page: pdfium.PdfPage, text_boxes: Sequence[BBox], *, min_length: float,
                thickness: float, min_box_side: float
                ) -> tuple[list[BBox], list[BBox], list[BBox]]:
    """Horizontal rules, vertical rules and boxes drawn in the page's pixels.

    ``text_boxes`` (points from the top-left corner) are left out of the search.
    """
    ink = _ink(page)
    height, width = ink.shape
    k = RENDER_SCALE
    for x0, y0, x1, y1 in text_boxes:
        ink[max(0, int(k * (y0 - TEXT_MARGIN))):min(height, int(k * (y1 + TEXT_MARGIN)) + 1),
            max(0, int(k * (x0 - TEXT_MARGIN))):min(width, int(k * (x1 + TEXT_MARGIN)) + 1)] = False
    # Found in pixels, returned in points.
    rows = [(x0 / k, y0 / k, x1 / k, y1 / k)
            for x0, y0, x1, y1 in _row_rules(ink, k * min_length, k * thickness)]
    columns = [(y0 / k, x0 / k, y1 / k, x1 / k)
               for x0, y0, x1, y1 in _row_rules(ink.T, k * min_length, k * thickness)]
    hrules, vrules = rows, columns
    boxes, framing = _boxes(hrules, vrules, min_box_side)
    return ([r for r in hrules if r not in framing], [r for r in vrules if r not in framing],
            boxes)
