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

from collections.abc import Callable

import click
import rjieba
from eval.parse_eval import render_table
from rich.console import Console

import banmian
from banmian.extract import add_entities, extract_entities
from bench.harness import HEADER, page_inputs, pin_one_core, throughput_rows

AIM_MB_S = 1.0


def _parse_and_extract(text: str) -> object:
    return add_entities(banmian.parse_page(text))


IMPLEMENTATIONS: dict[str, Callable[[str], object]] = {
    "baseline: rjieba.tag": rjieba.tag,
    "parse_page only": banmian.parse_page,
    "extract_entities (raw text)": extract_entities,
    "parse_page + add_entities": _parse_and_extract,
}


@click.command()
@click.option("--runs", type=int, default=7, show_default=True, help="Timed runs per cell.")
@click.option("--pages", type=int, default=50, show_default=True, help="Generated pages.")
@click.option("--seed", type=int, default=2019, show_default=True, help="Generator seed.")
@click.option("--markdown", is_flag=True, help="Print the table as markdown (for the README).")
def main(runs: int, pages: int, seed: int, markdown: bool) -> None:
    """Time parse + entity extraction against rjieba's tagger on real page text."""
    pinned = pin_one_core()
    rows = throughput_rows(page_inputs(pages, seed), IMPLEMENTATIONS, runs)
    title = f"entity extraction throughput, one core ({pinned}), median of {runs} runs"
    console = Console()
    console.print(render_table(HEADER, rows, title, markdown), soft_wrap=markdown)
    console.print(f"aim: parse_page + add_entities ≥ {AIM_MB_S} MB/s on one core")


if __name__ == "__main__":
    main()
