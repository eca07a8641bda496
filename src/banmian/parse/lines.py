"""Stage 1: split the decoded page text into non-blank lines with their offsets."""

from __future__ import annotations

from dataclasses import dataclass, replace

from banmian.parse.patterns import LEADING_CONTINUATION_RE, TRAILING_CONTINUATION_RE

__all__ = ["Line", "split_glued_markers", "split_lines"]

# Whitespace that may surround a block line: ASCII, no-break space, ideographic space.
STRIP_CHARS = " \t\r\f\v\u00a0\u3000\ufeff"


@dataclass(frozen=True)
class Line:
    """A non-blank line; ``text == page[start:end]`` with surrounding whitespace trimmed."""

    index: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e")
        stripped = body.strip(STRIP_CHARS)
        if stripped:
            start = pos + (len(body) - len(body.lstrip(STRIP_CHARS)))
            lines.append(Line(len(lines), start, start + len(stripped), stripped))
        pos += len(raw)
    return lines


def _cut(line: Line, at: int) -> list[Line]:
    """Two lines from one, cut at offset ``at`` of its text (whitespace trimmed)."""
    head, tail = line.text[:at], line.text[at:]
    head_text, tail_text = head.rstrip(STRIP_CHARS), tail.lstrip(STRIP_CHARS)
    tail_start = line.start + len(head) + (len(tail) - len(tail_text))
    return [replace(line, end=line.start + len(head_text), text=head_text),
            Line(line.index, tail_start, tail_start + len(tail_text), tail_text)]


def split_glued_markers(lines: list[Line]) -> list[Line]:
    """Give jump markers glued to a paragraph their own line:
    ``…全年目标任务。(下转第四版)`` and ``(上接第一版)会议要求…``."""
    out: list[Line] = []
    for line in lines:
        trailing = TRAILING_CONTINUATION_RE.search(line.text)
        leading = LEADING_CONTINUATION_RE.match(line.text)
        if trailing and trailing.start() > 0:
            out.extend(_cut(line, trailing.start()))
        elif leading and leading.end() < len(line.text):
            out.extend(_cut(line, leading.end()))
        else:
            out.append(line)
    return [replace(line, index=k) for k, line in enumerate(out)]
