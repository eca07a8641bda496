"""Layout blocks -> page text and line hints: the contract with the text pipeline.

Each block becomes one line of the page text, with a blank line between
blocks (the shape of text pulled out of a PDF), and one
:class:`~banmian.parse.hints.LineHint` that carries what typography said:
role, article start, sidebar box, paragraph start and the block's box on
the page.
"""

from __future__ import annotations

from banmian.parse.hints import LineHint
from banmian.pdf.layout import PageLayout

__all__ = ["BLOCK_SEPARATOR", "to_text"]

BLOCK_SEPARATOR = "\n\n"
# Roles that open a paragraph of their own: every written body block is a whole paragraph.
PARAGRAPH_ROLES = frozenset({"body", "heading"})


def to_text(layout: PageLayout) -> tuple[str, list[LineHint]]:
    """The page text (one block per line) and one hint per line written."""
    parts: list[str] = []
    hints: list[LineHint] = []
    offset = 0
    for block in layout.blocks:
        text = " ".join(block.text.split())
        if not text:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        hints.append(LineHint(
            span=(offset, offset + len(text)),
            role=block.role,
            article_start=block.article_start,
            box=block.box,
            paragraph_start=True if block.role in PARAGRAPH_ROLES else None,
            bbox=tuple(round(v, 2) for v in block.bbox),  # type: ignore[arg-type]
        ))
        parts.append(text)
        offset += len(text)
    return BLOCK_SEPARATOR.join(parts) + "\n" if parts else "", hints
