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

import gc
import os
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from eval.pagegen import CORPUS, generate_pages, load_corpus
from eval.parse_eval import naive_parse, render_table
from rich.console import Console

import banmian

SEED_PAGE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6232c28edf24c7ca.txt"
# The seed page parses in milliseconds; repeating it in a run keeps timer noise small.
SEED_REPEATS = 20
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


def _pin_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def _median_run(parse: Callable[[str], object], texts: Sequence[str], runs: int) -> float:
    for text in texts[:3]:  # warm-up: lazy lexicons, regex caches
        parse(text)
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        for text in texts:
            parse(text)
        times.append(time.process_time() - start)
    return statistics.median(times)


@click.command()
@click.option("--runs", type=int, default=7, show_default=True, help="Timed runs per cell.")
@click.option("--pages", type=int, default=100, show_default=True, help="Generated pages.")
@click.option("--seed", type=int, default=2019, show_default=True, help="Generator seed.")
@click.option("--markdown", is_flag=True, help="Print the table as markdown (for the README).")
def main(runs: int, pages: int, seed: int, markdown: bool) -> None:
    """Time banmian.parse_page against baselines on the seed page and generated pages."""
    pinned = _pin_one_core()
    inputs: dict[str, list[str]] = {}
    if SEED_PAGE.is_file():
        inputs[f"seed page x{SEED_REPEATS}"] = [SEED_PAGE.read_text(encoding="utf-8")] * SEED_REPEATS
    if CORPUS.is_file():
        inputs[f"{pages} generated"] = [p.text for p in
                                              generate_pages(load_corpus(), pages, seed)]
    if not inputs:
        raise click.ClickException(f"no input: {SEED_PAGE} and {CORPUS} are missing")
    header = ["input", "implementation", "pages/s", "MB/s", "ms/page", "time/baseline"]
    rows = []
    for name, texts in inputs.items():
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        base = None
        for impl, parse in IMPLEMENTATIONS.items():
            t = _median_run(parse, texts, runs)
            base = base or t
            rows.append([name, impl, f"{len(texts) / t:,.0f}", f"{megabytes / t:.2f}",
                         f"{1000 * t / len(texts):.2f}", f"{t / base:.1f}"])
    title = f"parse throughput, one core ({pinned}), CPU time, median of {runs} runs"
    console = Console()
    console.print(render_table(header, rows, title, markdown), soft_wrap=markdown)
    console.print(f"aim: banmian.parse_page ≥ {AIM_MB_S} MB/s on one core")


if __name__ == "__main__":
    main()
