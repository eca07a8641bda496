"""Numbers written with Arabic digits or Chinese numerals."""

from __future__ import annotations

__all__ = ["CN_DIGITS", "CN_NUMERAL_CHARS", "parse_number"]

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)


def _cn_small(s: str) -> int:
    """A Chinese numeral below 10000 (一千二百三十四, 十五, 二十)."""
    total, digit = 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            total += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
    return total + (digit or 0)


def _cn(s: str) -> int:
    if s and all(ch in CN_DIGITS for ch in s) and len(s) > 1:
        return int("".join(str(CN_DIGITS[ch]) for ch in s))  # 一九九八 read digit by digit
    total, section = 0, ""
    for ch in s:
        if ch in CN_BIG_UNITS:
            total += max(_cn_small(section), 1 if not section else 0) * CN_BIG_UNITS[ch]
            section = ""
        else:
            section += ch
    return total + _cn_small(section)


def parse_number(s: str) -> float | None:
    """Value of ``s`` (``298.20``, ``7,135,492``, ``四十七``, ``一九九八``), None if not a number."""
    s = s.replace(",", "")
    if not s:
        return None
    if s[0].isdigit():
        try:
            return float(s)
        except ValueError:
            return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not all(ch in CN_DIGITS for ch in frac):
            return None
        return _cn(whole) + float("0." + "".join(str(CN_DIGITS[c]) for c in frac)) if frac else None
    if all(ch in CN_NUMERAL_CHARS for ch in s):
        return float(_cn(s))
    return None
