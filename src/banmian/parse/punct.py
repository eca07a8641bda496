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
# A separator right next to an ideograph is full-width whatever else stands
# around it: most separators on a page, decided without the closer look.
BESIDE_IDEOGRAPH_RE = re.compile(r"(?<=[\u4e00-\u9fff])[,;:!?]|[,;:!?](?=[\u4e00-\u9fff])")
# Characters that make a neighbourhood "Chinese": CJK ideographs and CJK punctuation.
CJK_PUNCT = "。、“”‘’《》〈〉【】「」『』…—·～￥％，；：（）！？"
# Circled figures number photos and list items in Chinese layout: 图①:1日…
CIRCLED_FIGURES = (0x2460, 0x24FF)
# A figure next to a separator (…增长39%,50岁以上…) is looked past to the words
# around it: Chinese text writes 39%，50岁, English text 39%, 50 years.
NUMBER_CHARS = frozenset("0123456789.%％ \u00a0")
# ... and past marks doubled up: 怎么活呀?!
LOOKED_PAST = NUMBER_CHARS | frozenset("!?")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FFFF
        or CIRCLED_FIGURES[0] <= o <= CIRCLED_FIGURES[1]
        or ch in CJK_PUNCT
    )


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \u00a0":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _word_beyond_number(text: str, i: int, step: int) -> str:
    """The first character from ``i`` outwards that is not part of a figure."""
    j = i + step
    while 0 <= j < len(text) and text[j] in LOOKED_PAST:
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _matching_parens(text: str) -> tuple[dict[int, int], list[int]]:
    """Matched ``(``→``)`` positions, and the positions of unmatched ones."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    unmatched: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs[stack.pop()] = i
            else:
                unmatched.append(i)
    return pairs, unmatched + stack


def _time_in_chinese(wider: tuple[str, str]) -> bool:
    """凌晨1:49,一声啼哭: a time written inside Chinese text takes the full-width colon
    (the paper's usage); in a schedule (``10.27 10:00 上海…``, ``8:30-17:30``) it does not."""
    before, after = wider
    return bool(before) and is_cjk(before) and bool(after) and (is_cjk(after) or after in ",;")


def _chinese_around(text: str, i: int) -> bool:
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    return bool(before and is_cjk(before)) or bool(after and is_cjk(after))


def restore_punctuation(text: str) -> str:
    """Return ``text`` with ``,;:()!?`` made full-width where the context is Chinese.

    Never inside numbers (``1,000``, ``9:30``) or Latin text (``A, B``).
    """
    if not ASCII_PUNCT_RE.search(text):
        return text
    out = list(text)
    if "(" in text or ")" in text:
        pairs, unmatched = _matching_parens(text)
        for open_i, close_i in pairs.items():
            inside = text[open_i + 1 : close_i]
            before, after = _neighbour(text, open_i, -1), _neighbour(text, close_i, 1)
            if any(is_cjk(c) for c in inside) or (before and is_cjk(before)) or (
                    after and is_cjk(after)):
                out[open_i], out[close_i] = "（", "）"
        for i in unmatched:  # the other half lies on another line: （新华社北京2月21日电
            if _chinese_around(text, i):
                out[i] = FULLWIDTH[text[i]]
    parened = "".join(out)  # (成员), reads as Chinese once its brackets are
    beside_ideograph = {m.start() for m in BESIDE_IDEOGRAPH_RE.finditer(text)}
    for m in SEPARATOR_RE.finditer(text):
        i = m.start()
        ch = text[i]
        if i in beside_ideograph:
            out[i] = FULLWIDTH[ch]
            continue
        prev, nxt = _neighbour(parened, i, -1), _neighbour(parened, i, 1)
        wider = (_word_beyond_number(parened, i, -1), _word_beyond_number(parened, i, 1))
        if ch in ",:" and prev.isdigit() and nxt.isdigit() and prev.isascii() and nxt.isascii():
            if ch == ":" and _time_in_chinese(wider):
                out[i] = FULLWIDTH[ch]
            continue
        if (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)) or (
                ch in "!?" and prev and not prev.isascii()) or (
                ch in ",;!?" and any(c and is_cjk(c) for c in wider)):
            out[i] = FULLWIDTH[ch]
    return "".join(out)
