"""Match continued articles across the pages of one issue.

An article ending ``下转A2版`` has ``continued_to = "A2"`` and its rest on
A2 has ``continued_from = "A1"``. A head and a tail are matched when the
jump lines point at each other's pages and the tail repeats the head's
title; when the jump lines pair exactly one head with exactly one tail
between two pages, that pairing stands even if the titles differ (the
tail's title is often a shortened form). Anything else stays unmatched.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["Part", "match_continuations", "normalize_label", "title_similarity"]

# Dice similarity of title bigrams above which a tail is taken to repeat
# the head's title: shortened repeats keep well over half their bigrams.
TITLE_MATCH_MIN = 0.5
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
# Label decorations: 第四版, A2版, 4 版, 第A02版, (A2).
LABEL_NOISE_RE = re.compile(r"[第版面\s()（）]")
LABEL_RE = re.compile(r"^([A-Z]*)0*(\d+)$")
TITLE_KEEP_RE = re.compile(r"[^\W_]")


def _cn_number(text: str) -> int | None:
    """二 -> 2, 十 -> 10, 十二 -> 12, 二十 -> 20, 二十三 -> 23; None if not a numeral."""
    if not text or any(c not in CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def normalize_label(label: str | None) -> str | None:
    """A comparable page label: ``A02``/``第A2版`` -> ``A2``, ``第四版``/``04`` -> ``4``."""
    if label is None:
        return None
    text = LABEL_NOISE_RE.sub("", label).upper()
    number = _cn_number(text)
    if number is not None:
        return str(number)
    m = LABEL_RE.match(text)
    return f"{m.group(1)}{int(m.group(2))}" if m else text or None


def _bigrams(title: str) -> Counter[str]:
    chars = "".join(TITLE_KEEP_RE.findall(title))
    return Counter(chars[i : i + 2] for i in range(len(chars) - 1)) or Counter([chars])


def title_similarity(a: str, b: str) -> float:
    """1.0 when one title contains the other, else the Dice overlap of their bigrams."""
    ka = "".join(TITLE_KEEP_RE.findall(a))
    kb = "".join(TITLE_KEEP_RE.findall(b))
    if not ka or not kb:
        return 0.0
    if ka in kb or kb in ka:
        return 1.0
    ba, bb = _bigrams(ka), _bigrams(kb)
    return 2 * sum((ba & bb).values()) / (sum(ba.values()) + sum(bb.values()))


@dataclass(frozen=True)
class Part:
    """One stored article of an issue, as the matcher sees it."""

    id: str
    page: str | None  # normalized label of its page
    title: str
    continued_to: str | None  # normalized
    continued_from: str | None  # normalized


def match_continuations(parts: list[Part]) -> dict[str, str]:
    """Return ``{head_id: tail_id}`` for every matched jump."""
    heads = [p for p in parts if p.continued_to and p.page]
    tails = [p for p in parts if p.continued_from and p.page]
    routes = Counter((h.page, h.continued_to) for h in heads)
    back = Counter((t.continued_from, t.page) for t in tails)
    scored: list[tuple[float, str, str]] = []
    for h in heads:
        for t in tails:
            if t.page != h.continued_to or t.continued_from != h.page or t.id == h.id:
                continue
            score = title_similarity(h.title, t.title)
            only_pair = routes[(h.page, t.page)] == 1 and back[(h.page, t.page)] == 1
            if score >= TITLE_MATCH_MIN or only_pair:
                scored.append((score, h.id, t.id))
    links: dict[str, str] = {}
    used: set[str] = set()
    for _, head, tail in sorted(scored, reverse=True):
        if head not in links and tail not in used:
            links[head] = tail
            used.add(tail)
    return links
