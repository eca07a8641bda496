"""Decode once, at the edge: bytes -> (str, encoding name).

Order of trust: a byte-order mark, then strict UTF-8, then
charset-normalizer's guess among the encodings Chinese papers use. Binary
input (NUL bytes outside UTF-16, or mostly control characters) is refused
with a one-line error instead of being decoded into garbage.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from charset_normalizer import from_bytes

from banmian.errors import DecodeError, EmptyInputError, InputTooLargeError

__all__ = ["MAX_PAGE_BYTES", "Decoded", "decode_bytes"]

# A newspaper page is tens of kilobytes and a whole issue a few megabytes; more
# than 16 MB in one "page" is a mistake (a database dump, a concatenated archive),
# refused at once with a clear message instead of being parsed for a minute.
MAX_PAGE_BYTES = 16 * 1024 * 1024

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings charset-normalizer may choose from: what Chinese sources use.
CANDIDATE_ENCODINGS = ("gb18030", "big5", "utf_16", "utf_8")
# Share of control characters above which decoded text is taken as binary.
MAX_CONTROL_SHARE = 0.05
ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in ALLOWED_CONTROLS) or c == "\ufffd")
    return bad / len(sample)


# A UTF-8 character is at most this many bytes: a cut-off tail is shorter.
MAX_UTF8_TAIL = 3


class Decoded(NamedTuple):
    text: str
    encoding: str
    note: str | None = None  # what was wrong with the bytes but could be read past


def _checked(text: str, encoding: str, name: str, note: str | None = None) -> Decoded:
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary data, not page text", path=name)
    return Decoded(text, encoding, note)


def decode_bytes(data: bytes, name: str = "<bytes>") -> Decoded:
    """Return the text of ``data``, the encoding it was read with, and a note on damage."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputTooLargeError(
            f"{len(data)} bytes is larger than the {MAX_PAGE_BYTES} byte limit for one page",
            path=name,
        )
    if not data.strip():
        raise EmptyInputError("empty input: no text to parse", path=name)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding, name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"bad {encoding} data at byte {exc.start}", path=name) from exc
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError as exc:
        # A file cut off inside its last character: keep everything before it.
        if exc.end == len(data) and len(data) - exc.start <= MAX_UTF8_TAIL:
            try:
                text = data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return _checked(text, "utf-8", name,
                                f"truncated: the last {len(data) - exc.start} byte(s) end mid-character")
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data, not page text", path=name)
    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise DecodeError("undecodable bytes: not UTF-8, GB18030, Big5 or UTF-16", path=name)
    encoding = best.encoding.replace("_", "-")
    return _checked(str(best), encoding, name)
