"""Restore full-width punctuation that PDF extraction folded to ASCII.

The mapping is one character for one character, so restored text keeps the
length of its source span and offsets stay valid.
"""

from __future__ import annotations

import re

__all__ = ["FULLWIDTH", "is_cjk", "restore_punctuation"]

# ASCII forms the extraction produces, and the full-width forms they stand for.
FULLWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
ASCII_PUNCT_RE = re.compile(r"[,;:()!?]")
SEPARATOR_RE = re.compile(r"[,;:!?]")
# Characters that make a neighbourhood "Chinese": CJK ideographs and CJK punctuation.
CJK_PUNCT = "。、“”‘’《》〈〉【】「」『』…—·～￥％，；：（）！？"


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
        or ch in CJK_PUNCT
    )


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \u00a0":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _matching_parens(text: str) -> dict[int, int]:
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


def restore_punctuation(text: str) -> str:
    """Return ``text`` with ``,;:()!?`` made full-width where the context is Chinese.

    Never inside numbers (``1,000``, ``9:30``) or Latin text (``A, B``).
    """
    if not ASCII_PUNCT_RE.search(text):
        return text
    out = list(text)
    if "(" in text:
        for open_i, close_i in _matching_parens(text).items():
            inside = text[open_i + 1 : close_i]
            before, after = _neighbour(text, open_i, -1), _neighbour(text, close_i, 1)
            if any(is_cjk(c) for c in inside) or (before and is_cjk(before)) or (
                    after and is_cjk(after)):
                out[open_i], out[close_i] = "（", "）"
    for m in SEPARATOR_RE.finditer(text):
        i = m.start()
        ch = text[i]
        prev, nxt = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch in ",:" and prev.isdigit() and nxt.isdigit() and prev.isascii() and nxt.isascii():
            continue
        if (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)) or (
                ch in "!?" and prev and not prev.isascii()):
            out[i] = FULLWIDTH[ch]
    return "".join(out)
