"""Decode once, at the edge: bytes -> (str, encoding name).

Order of trust: a byte-order mark, then strict UTF-8, then
charset-normalizer's guess among the encodings Chinese papers use. Binary
input (NUL bytes outside UTF-16, or mostly control characters) is refused
with a one-line error instead of being decoded into garbage.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from banmian.errors import DecodeError, EmptyInputError, InputTooLargeError

__all__ = ["MAX_PAGE_BYTES", "decode_bytes"]

# A newspaper page is tens of kilobytes; 64 MB leaves room for whole-issue
# dumps while refusing what is surely not page text.
MAX_PAGE_BYTES = 64 * 1024 * 1024

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


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise DecodeError("binary data, not page text", path=name)
    return text, encoding


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return the text of ``data`` and the encoding it was read with."""
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
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data, not page text", path=name)
    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise DecodeError("undecodable bytes: not UTF-8, GB18030, Big5 or UTF-16", path=name)
    encoding = best.encoding.replace("_", "-")
    return _checked(str(best), encoding, name)
