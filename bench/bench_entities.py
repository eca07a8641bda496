"""Entity extraction throughput on one core: parse + extract, MB/s of page text.

    python -m bench.bench_entities                # seed page and 50 generated pages, 7 runs
    python -m bench.bench_entities --runs 11 --pages 100 --markdown

Inputs: the seed page from ``../shared/seeds`` and pages generated from the
corpus (``eval.pagegen``). Each row processes the whole input set once per
run; the table gives the median run and the ratio of its time to the
baseline measured in the same run: rjieba's part-of-speech tagger over the
page text (the cheapest tagger that finds names at all). MB are 10^6 bytes
of UTF-8 page text. The issue's aim: parse + extract ≥ 1 MB/s on one core.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import click
import rjieba
from eval.pagegen import CORPUS, generate_pages, load_corpus
from eval.parse_eval import render_table
from rich.console import Console

import banmian
from banmian.extract import add_entities, extract_entities

SEED_PAGE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6232c28edf24c7ca.txt"
# The seed page takes milliseconds; repeating it in a run keeps timer noise small.
SEED_REPEATS = 20
AIM_MB_S = 1.0


def _parse_and_extract(text: str) -> object:
    return add_entities(banmian.parse_page(text))


IMPLEMENTATIONS: dict[str, Callable[[str], object]] = {
    "baseline: rjieba.tag": rjieba.tag,
    "parse_page only": banmian.parse_page,
    "extract_entities (raw text)": extract_entities,
    "parse_page + add_entities": _parse_and_extract,
}


def _pin_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def _median_run(run: Callable[[str], object], texts: Sequence[str], runs: int) -> float:
    for text in texts[:3]:  # warm-up: the model and lexicons load lazily
        run(text)
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        for text in texts:
            run(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@click.command()
@click.option("--runs", type=int, default=7, show_default=True, help="Timed runs per cell.")
@click.option("--pages", type=int, default=50, show_default=True, help="Generated pages.")
@click.option("--seed", type=int, default=2019, show_default=True, help="Generator seed.")
@click.option("--markdown", is_flag=True, help="Print the table as markdown (for the README).")
def main(runs: int, pages: int, seed: int, markdown: bool) -> None:
    """Time parse + entity extraction against rjieba's tagger on real page text."""
    pinned = _pin_one_core()
    inputs: dict[str, list[str]] = {}
    if SEED_PAGE.is_file():
        inputs[f"seed page x{SEED_REPEATS}"] = [SEED_PAGE.read_text(encoding="utf-8")] * \
            SEED_REPEATS
    if CORPUS.is_file():
        inputs[f"{pages} generated"] = [p.text for p in generate_pages(load_corpus(), pages, seed)]
    if not inputs:
        raise click.ClickException(f"no input: {SEED_PAGE} and {CORPUS} are missing")
    header = ["input", "implementation", "pages/s", "MB/s", "ms/page", "time/baseline"]
    rows = []
    for name, texts in inputs.items():
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        base = None
        for impl, run in IMPLEMENTATIONS.items():
            t = _median_run(run, texts, runs)
            base = base or t
            rows.append([name, impl, f"{len(texts) / t:,.0f}", f"{megabytes / t:.2f}",
                         f"{1000 * t / len(texts):.2f}", f"{t / base:.1f}"])
    title = f"entity extraction throughput, one core ({pinned}), median of {runs} runs"
    console = Console()
    console.print(render_table(header, rows, title, markdown), soft_wrap=markdown)
    console.print(f"aim: parse_page + add_entities ≥ {AIM_MB_S} MB/s on one core")


if __name__ == "__main__":
    main()
