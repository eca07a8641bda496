"""Write ``src/banmian/data/line_edge_chars.json``: character statistics the line
joiner of ``banmian.parse.repair`` reads a column break by.

A column ends at an arbitrary point of the running text, so the characters either
side of a break are ordinary neighbours; a paragraph boundary without end
punctuation (a heading, a lead-in) puts a line-final character next to a
paragraph-initial one. Counted on the training split of
``../shared/corpus/rmrb-dev.jsonl`` (paragraphs and headline lines, full-width
punctuation folded to ASCII as in extracted page text):

- ``non_initial``: frequent characters that begin lines at under a fiftieth of the
  rate at which they occur (a line starting with one continues the line before);
- ``line_end`` / ``line_start``: per frequent character, the log ratio of its rate
  at the end of a line without end punctuation (at the start of a line) to its
  rate anywhere in the text;
- ``pairs``: pointwise mutual information of frequent character pairs, in
  half-unit buckets (``{"1.5": "甲乙丙丁…"}``: the pairs 甲乙 and 丙丁);
- ``start_pairs``: for frequent pairs, the log ratio of their rate at the start of a
  line to the rate of line starts in the text (smoothed towards 0: a pair seen a few
  times says little), in the same buckets, leaving out ratios near 0.

    python scripts/build_char_stats.py
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.pagegen import FOLD, CorpusArticle, load_corpus  # noqa: E402

from banmian.parse.classify import ends_sentence  # noqa: E402

OUT = ROOT / "src" / "banmian" / "data" / "line_edge_chars.json"
MIN_COUNT = 300  # rarer characters have too few line starts to judge "non-initial"
MAX_EDGE_RATIO = 0.02
# Characters seen fewer times than this get no end/start ratio (the joiner reads 0).
MIN_RATIO_COUNT = 30
# Log ratios are clipped: a handful of counts should not make a character decisive.
MAX_LOG_RATIO = 4.0
# Pairs seen fewer times are left out (the joiner reads them as unseen); five keeps
# the table near 100,000 pairs and is as accurate held out as lower counts.
MIN_PAIR_COUNT = 5
PMI_RANGE = (-4.0, 6.0)
PMI_STEP = 0.5
# Smoothing of a pair's start rate: as if seen this many more times, at the base rate.
START_PRIOR_COUNT = 20
# Start ratios between these say too little to ship (most pairs; the joiner reads 0).
START_RATIO_KEPT = (-1.5, 1.0)


def _rare_at(edge: Counter[str], overall: Counter[str], lines: int) -> str:
    total = sum(overall.values())
    return "".join(sorted(
        c for c, n in overall.items()
        if n >= MIN_COUNT and "\u4e00" <= c <= "\u9fff"
        and (edge[c] / lines) / (n / total) < MAX_EDGE_RATIO
    ))


def _log_ratios(edge: Counter[str], overall: Counter[str]) -> dict[str, float]:
    """log(rate at the edge / rate anywhere), add-one smoothed at the edge."""
    edges, total = sum(edge.values()), sum(overall.values())
    out = {}
    for c, n in sorted(overall.items()):
        if n >= MIN_RATIO_COUNT and not c.isspace():
            ratio = math.log((edge[c] + 1) / edges) - math.log(n / total)
            out[c] = round(max(-MAX_LOG_RATIO, min(MAX_LOG_RATIO, ratio)), 2)
    return out


def _buckets(values: dict[str, float]) -> dict[str, str]:
    buckets: dict[float, list[str]] = {}
    for pair, value in sorted(values.items()):
        clipped = max(PMI_RANGE[0], min(PMI_RANGE[1], value))
        buckets.setdefault(round(clipped / PMI_STEP) * PMI_STEP, []).append(pair)
    return {f"{k:.1f}": "".join(v) for k, v in sorted(buckets.items())}


def _frequent(pairs: Counter[str]) -> list[tuple[str, int]]:
    return [(pair, n) for pair, n in sorted(pairs.items())
            if n >= MIN_PAIR_COUNT and not any(c.isspace() for c in pair)]


def _pmi(pairs: Counter[str], overall: Counter[str]) -> dict[str, float]:
    total = sum(overall.values())
    return {pair: math.log(n * total / (overall[pair[0]] * overall[pair[1]]))
            for pair, n in _frequent(pairs)}


def _start_ratios(starts: Counter[str], pairs: Counter[str], lines: int) -> dict[str, float]:
    base = lines / sum(pairs.values())
    out = {}
    for pair, n in _frequent(pairs):
        rate = (starts[pair] + START_PRIOR_COUNT * base) / (n + START_PRIOR_COUNT)
        ratio = math.log(rate / base)
        if not START_RATIO_KEPT[0] < ratio < START_RATIO_KEPT[1]:
            out[pair] = ratio
    return out


def char_stats(articles: Iterable[CorpusArticle]) -> dict[str, Any]:
    """The statistics of ``articles`` in the form ``line_edge_chars.json`` holds."""
    initial: Counter[str] = Counter()
    final: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    start_pairs: Counter[str] = Counter()
    lines = 0
    for article in articles:
        for raw in [*article.paragraphs, *(t for _, t in article.headlines)]:
            text = raw.translate(FOLD)
            if not text:
                continue
            initial[text[0]] += 1
            start_pairs[text[:2]] += 1
            if not ends_sentence(text):
                final[text[-1]] += 1
            overall.update(text)
            pairs.update(text[i:i + 2] for i in range(len(text) - 1))
            lines += 1
    return {
        "non_initial": _rare_at(initial, overall, lines),
        "line_end": _log_ratios(final, overall),
        "line_start": _log_ratios(initial, overall),
        "pairs": _buckets(_pmi(pairs, overall)),
        "start_pairs": _buckets(_start_ratios(start_pairs, pairs, lines)),
        "lines": lines,
    }


def main() -> None:
    data = char_stats(a for articles in load_corpus(split="train").values() for a in articles)
    lines = data.pop("lines")
    non_initial, line_end = data["non_initial"], data["line_end"]
    pmi_count = sum(len(v) // 2 for v in data["pairs"].values())
    start_count = sum(len(v) // 2 for v in data["start_pairs"].values())
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(non_initial)} non-initial characters, {len(line_end)} character ratios, "
          f"{pmi_count} pairs, {start_count} start pairs from {lines} lines "
          f"-> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
