"""What the throughput benchmarks share: one pinned core, CPU-time medians, the inputs, the table.

Times are the CPU time of this single-threaded process (``time.process_time``),
so other jobs on a shared machine do not inflate them; every table row is also
given as a ratio to the first implementation (the baseline) measured in the
same run.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import click
from eval.pagegen import CORPUS, generate_pages, load_corpus

__all__ = ["HEADER", "SEED_PAGE", "median_cpu_time", "page_inputs", "pin_one_core",
           "throughput_rows"]

SEED_PAGE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6232c28edf24c7ca.txt"
# The seed page takes milliseconds; repeating it in a run keeps timer noise small.
SEED_REPEATS = 20
HEADER = ["input", "implementation", "pages/s", "MB/s", "ms/page", "time/baseline"]


def pin_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def median_cpu_time(run: Callable[[str], object], texts: Sequence[str], runs: int) -> float:
    for text in texts[:3]:  # warm-up: lazy models, lexicons and regex caches
        run(text)
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        for text in texts:
            run(text)
        times.append(time.process_time() - start)
    return statistics.median(times)


def page_inputs(pages: int, seed: int) -> dict[str, list[str]]:
    """The seed page (repeated) and ``pages`` pages generated from the corpus."""
    inputs: dict[str, list[str]] = {}
    if SEED_PAGE.is_file():
        inputs[f"seed page x{SEED_REPEATS}"] = [SEED_PAGE.read_text(encoding="utf-8")] * SEED_REPEATS
    if CORPUS.is_file():
        inputs[f"{pages} generated"] = [p.text for p in generate_pages(load_corpus(), pages, seed)]
    if not inputs:
        raise click.ClickException(f"no input: {SEED_PAGE} and {CORPUS} are missing")
    return inputs


def throughput_rows(inputs: Mapping[str, Sequence[str]],
                    implementations: Mapping[str, Callable[[str], object]],
                    runs: int) -> list[list[str]]:
    """One row per (input, implementation); the first implementation is the baseline."""
    rows = []
    for name, texts in inputs.items():
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        base = None
        for impl, run in implementations.items():
            t = median_cpu_time(run, texts, runs)
            base = base or t
            rows.append([name, impl, f"{len(texts) / t:,.0f}", f"{megabytes / t:.2f}",
                         f"{1000 * t / len(texts):.2f}", f"{t / base:.1f}"])
    return rows
