"""PDF throughput on one core: A3 pages per second, median of several runs.

    .venv/bin/python bench/bench_pdf.py            # 6 generated A3 pages, 7 runs
    .venv/bin/python bench/bench_pdf.py --runs 11 --pages 12

Inputs: full A3 pages typeset by ``tests/pdfgen.py`` (4-8 columns, every
internal text order), in two sets: typical pages (8.5 pt body, the generator's
articles) and dense ones (8 pt body, articles three times as long, about
5,000 characters, as much as an A3 page holds); the table says how many
characters. Rows, each timed over the same pages in the same run:

- ``pypdfium2 raw text``: open + ``get_text_range`` per page, the floor any
  pdfium-based reader pays (the baseline of the ratio column);
- ``read chars``: banmian's character reading (boxes, sizes, bold, rules);
- ``layout``: reading + layout analysis (blocks, roles, reading order);
- ``parse_pdf``: layout + the text pipeline, i.e. ``banmian parse page.pdf``.

The process is pinned to one core where the OS allows it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pdfgen  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from banmian.pdf import analyse_pdf, parse_pdf  # noqa: E402
from banmian.pdf.reader import open_pdf, read_page  # noqa: E402

AIM_PAGES_S = 10.0  # the aim for an A3 page with layout analysis
# A full A3 page: 8.5 pt body text and enough articles to fill every band.
TYPICAL_BODY_SIZE = 8.5
ARTICLES_PER_PAGE = 14
# A page filled to the brim: smaller type, longer articles.
DENSE_BODY_SIZE = 8.0
DENSE_ARTICLE_FACTOR = 3


def _raw_text(pdf: bytes) -> None:
    doc = pdfium.PdfDocument(pdf)
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()


def _read_chars(pdf: bytes) -> None:
    with open_pdf(pdf) as doc:
        for i in range(len(doc)):
            read_page(doc, i)


def _rates(rows: Sequence[tuple[str, Callable[[bytes], object]]], pdfs: Sequence[bytes],
           runs: int) -> list[float]:
    """Median pages/s of each row; the rows take turns in every run, so a busy
    machine slows them alike."""
    times: list[list[float]] = [[] for _ in rows]
    for _ in range(runs):
        for k, (_, fn) in enumerate(rows):
            start = time.perf_counter()
            for pdf in pdfs:
                fn(pdf)
            times[k].append(time.perf_counter() - start)
    return [len(pdfs) / statistics.median(t) for t in times]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=6)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rng = random.Random(0)
    sets: dict[str, list[bytes]] = {"typical": [], "dense": []}
    chars = {name: 0 for name in sets}
    for n in range(args.pages):
        articles = pdfgen.sample_articles(rng, ARTICLES_PER_PAGE)
        options = pdfgen.random_options(rng, n)
        long_articles = [a if a.sidebar else replace(a, paragraphs=a.paragraphs * DENSE_ARTICLE_FACTOR)
                         for a in articles]
        for name, specs, size in (("typical", articles, TYPICAL_BODY_SIZE),
                                  ("dense", long_articles, DENSE_BODY_SIZE)):
            pdf = pdfgen.make_page(specs, replace(options, body_size=size))[0]
            with open_pdf(pdf) as doc:
                chars[name] += len(read_page(doc, 0).chars)
            sets[name].append(pdf)
    rows = [("pypdfium2 raw text (baseline)", _raw_text), ("read chars", _read_chars),
            ("layout", analyse_pdf), ("parse_pdf", parse_pdf)]
    rates = {name: _rates(rows, pdfs, args.runs) for name, pdfs in sets.items()}
    print(f"A3 pages: {args.pages} per set (typical: {chars['typical'] // args.pages}, dense: "
          f"{chars['dense'] // args.pages} characters each on average), runs: {args.runs}, "
          "median, one core")
    print("| stage | typical pages/s | time vs baseline | dense pages/s | time vs baseline |")
    print("|---|---|---|---|---|")
    for k, (name, _) in enumerate(rows):
        cells = [f"{rates[s][k]:.1f} | {rates[s][0] / rates[s][k]:.1f}×" for s in sets]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"aim: ≥ {AIM_PAGES_S:.0f} pages/s with layout analysis")
    return 0


if __name__ == "__main__":
    sys.exit(main())
