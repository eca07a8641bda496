"""Layout hints that a richer reader (the PDF path) hands to the text pipeline.

The text pipeline works on lines of page text. A PDF reader knows more about
each line (font size level, bold, the box it sits in, its position) and
passes that as one :class:`LineHint` per line it wrote; the pipeline then
trusts these over its textual guesses.
"""

from __future__ import annotations

from dataclasses import dataclass

from banmian.model import Span

__all__ = ["LineHint"]


@dataclass(frozen=True)
class LineHint:
    """What the layout says about the line that covers ``span`` of the page text.

    ``role``: ``kicker``/``title``/``subtitle`` (a headline stack line),
    ``byline``, ``heading``, ``body``, ``furniture``, ``continuation``,
    ``label``, or None when typography says nothing.
    ``article_start``: True when this line begins a new article (e.g. the top
    of a headline stack); ``box``: an id shared by lines in the same drawn box
    (a sidebar); ``paragraph_start``: True/False when indentation tells
    whether the line starts a paragraph, None when unknown.
    """

    span: Span
    role: str | None = None
    article_start: bool = False
    box: int | None = None
    paragraph_start: bool | None = None
    bbox: tuple[float, float, float, float] | None = None
