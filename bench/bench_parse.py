"""Parse throughput on one core: pages/s and MB/s of page text, median of several runs.

    python -m bench.bench_parse               # seed page and 100 generated pages, 7 runs
    python -m bench.bench_parse --runs 11 --pages 200

Inputs: the seed page from ``../shared/seeds`` and pages generated from the
corpus (``eval.pagegen``). Each implementation parses the whole input set once
per run; the table gives the median run, and the ratio of its time to the
baseline's in the same run: ``str.splitlines`` plus one regex search per line,
the least any line-based parser must do. MB are 10^6 bytes of UTF-8 text.
Times are the CPU time of this single-threaded process (``time.process_time``),
so other jobs on a shared machine do not inflate them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import click
from eval.parse_eval import naive_parse, render_table
from rich.console import Console

import banmian
from bench.harness import HEADER, page_inputs, pin_one_core, throughput_rows

# The aim for the parser on one core.
AIM_MB_S = 2.0
# A line "ends a sentence": the kind of per-line test every parser makes at least once.
LINE_END = re.compile(r"[。！？!?；;：:…”]\s*$")


def _baseline(text: str) -> int:
    return sum(1 for line in text.splitlines() if LINE_END.search(line))


IMPLEMENTATIONS: dict[str, Callable[[str], object]] = {
    "baseline: splitlines+regex": _baseline,
    "naive parser (eval)": naive_parse,
    "banmian.parse_page": banmian.parse_page,
}


@click.command()
@click.option("--runs", type=int, default=7, show_default=True, help="Timed runs per cell.")
@click.option("--pages", type=int, default=100, show_default=True, help="Generated pages.")
@click.option("--seed", type=int, default=2019, show_default=True, help="Generator seed.")
@click.option("--markdown", is_flag=True, help="Print the table as markdown (for the README).")
def main(runs: int, pages: int, seed: int, markdown: bool) -> None:
    """Time banmian.parse_page against baselines on the seed page and generated pages."""
    pinned = pin_one_core()
    rows = throughput_rows(page_inputs(pages, seed), IMPLEMENTATIONS, runs)
    title = f"parse throughput, one core ({pinned}), CPU time, median of {runs} runs"
    console = Console()
    console.print(render_table(HEADER, rows, title, markdown), soft_wrap=markdown)
    console.print(f"aim: banmian.parse_page ≥ {AIM_MB_S} MB/s on one core")


if __name__ == "__main__":
    main()
