"""Write ``src/banmian/data/line_edge_chars.json``: characters that almost never begin
(``non_initial``) a paragraph or a headline line, so a line starting with one
continues the line before. (Rare line endings were tried too: headings end in too
many different characters for that to help.)

Counted on the training split of ``../shared/corpus/rmrb-dev.jsonl`` (paragraphs
and headline lines); a character qualifies when it is frequent and begins
lines at under a fiftieth of the rate at which it occurs.

    python scripts/build_char_stats.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.pagegen import load_corpus  # noqa: E402

OUT = ROOT / "src" / "banmian" / "data" / "line_edge_chars.json"
MIN_COUNT = 300  # rarer characters have too few line starts to judge
MAX_EDGE_RATIO = 0.02


def _rare_at(edge: Counter[str], overall: Counter[str], lines: int) -> str:
    total = sum(overall.values())
    return "".join(sorted(
        c for c, n in overall.items()
        if n >= MIN_COUNT and "\u4e00" <= c <= "\u9fff"
        and (edge[c] / lines) / (n / total) < MAX_EDGE_RATIO
    ))


def main() -> None:
    initial: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    lines = 0
    for articles in load_corpus(split="train").values():
        for article in articles:
            for text in [*article.paragraphs, *(t for _, t in article.headlines)]:
                if text:
                    initial[text[0]] += 1
                    overall.update(text)
                    lines += 1
    data = {"non_initial": _rare_at(initial, overall, lines)}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data['non_initial'])} non-initial characters from {lines} lines "
          f"-> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
