"""Stage 1: split the decoded page text into non-blank lines with their offsets."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Line", "split_lines"]

# Whitespace that may surround a block line: ASCII, no-break space, ideographic space.
STRIP_CHARS = " \t\r\f\v\u00a0\u3000\ufeff"


@dataclass(frozen=True)
class Line:
    """A non-blank line; ``text == page[start:end]`` with surrounding whitespace trimmed."""

    index: int
    start: int
    end: int
    text: str
    blank_before: int  # blank lines between this line and the previous one


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    blanks = 0
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e")
        stripped = body.strip(STRIP_CHARS)
        if stripped:
            start = pos + (len(body) - len(body.lstrip(STRIP_CHARS)))
            lines.append(Line(len(lines), start, start + len(stripped), stripped, blanks))
            blanks = 0
        else:
            blanks += 1
        pos += len(raw)
    return lines
