"""Archive benchmark: ingest pages/s, size per 1k articles, search latency.

    python -m bench.bench_archive                          # quick: about 5,000 articles
    python -m bench.bench_archive --articles 100000 --workers 2   # the README's numbers

Pages are generated from ``../shared/corpus/rmrb-dev.jsonl`` with
``eval.pagegen`` (the seed page's artifacts imitated), written as files
``rmrb-NN/DATE/LABEL.txt``; each pass over the corpus (a new generator
seed) is filed as another paper, until the archive holds the requested
number of articles. Everything is built in a temporary folder.

- Ingest, one core: a sample of pages ingested from files (read, parse,
  write, index) against the baseline of parsing them only; median of runs.
- Full build: every page with ``--workers`` parser processes and one writer.
- Size: the archive file per 1,000 stories, against the page text itself.
- Search: top-20 latency for 1-4 character words and two-word phrases drawn
  from the corpus text; median and p95 over the queries (each the median
  of three runs); baseline: a brute-force ``instr`` scan of the paragraphs.
"""

from __future__ import annotations

import math
import os
import random
import re
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import click
from eval.pagegen import CorpusArticle, generate_pages, load_corpus

import banmian
from banmian.archive import Archive
from banmian.archive.ingest import IngestOptions, ingest_paths

# Corpus articles generated per requested story: the parser joins some corpus
# articles (and continuations merge), so this margin makes the archive reach the size.
OVERSHOOT = 1.15
# Tables listed in the size breakdown.
SIZE_ROWS = 8
# Pages in the one-core ingest sample: enough for a stable rate, quick to repeat.
SAMPLE_PAGES = 200
QUERIES_PER_CLASS = 50
# The brute-force baseline scans all paragraphs per query: a few queries suffice.
BASELINE_QUERIES = 5
SEARCH_REPEATS = 3
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")


def _write_pages(folder: Path, corpus: dict[tuple[str, int], tuple[CorpusArticle, ...]],
                 articles: int) -> tuple[int, int]:
    """Write generated page files until ``articles`` corpus articles are in; (pages, bytes)."""
    per_round = sum(len(v) for v in corpus.values())
    pages = size = written = 0
    for r in range(math.ceil(articles / per_round)):
        for page in generate_pages(corpus, len(corpus), seed=r):
            if written >= articles:
                break
            target = folder / f"rmrb-{r:02d}" / page.date / f"{page.label}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            data = page.text.encode("utf-8")
            target.write_bytes(data)
            pages += 1
            size += len(data)
            written += len(page.articles)
    return pages, size


def _median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the parser workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _median_run(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _one_core(folder: Path, tmp: Path, runs: int,
              entities: bool) -> tuple[tuple[float, float], tuple[float, float], int]:
    files = sorted(folder.rglob("*.txt"))[:SAMPLE_PAGES]
    texts = [f.read_bytes() for f in files]

    def parse_only() -> None:
        for data in texts:
            banmian.parse_page(data)

    counter = iter(range(10**6))

    def ingest() -> None:
        with Archive(tmp / f"sample-{next(counter)}.db") as archive:
            ingest_paths(archive, [str(f) for f in files], IngestOptions(entities=entities))

    return _median_run(parse_only, runs), _median_run(ingest, runs), len(files)


def _queries(corpus: dict[tuple[str, int], tuple[CorpusArticle, ...]],
             rng: random.Random) -> dict[str, list[str]]:
    runs = [m.group(0) for arts in corpus.values() for a in arts for p in a.paragraphs
            for m in CJK_RUN.finditer(p)]
    out: dict[str, list[str]] = {}
    for n in (1, 2, 3, 4):
        out[f"{n} char"] = [(lambda r: r[(i := rng.randrange(len(r) - n)) : i + n])(
            rng.choice(runs)) for _ in range(QUERIES_PER_CLASS)]
    phrases = []
    for _ in range(QUERIES_PER_CLASS):
        r = rng.choice(runs)
        i = rng.randrange(len(r) - 5)
        phrases.append(f'"{r[i : i + 2]} {r[i + 2 : i + 5]}"')
    out["phrase"] = phrases
    return out


def _latencies(archive: Archive, queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        out.append(_median_time(lambda q=q: archive.search(q, limit=20), SEARCH_REPEATS) * 1000)
    return out


def _reads(archive: Archive) -> list[tuple[str, float]]:
    """Median latency of the reading room's other calls."""
    people = archive.people(limit=1)
    issue = archive.issues()[0]
    story = archive.search("", limit=1).hits[0].article_id
    calls: list[tuple[str, Callable[[], object]]] = [
        ("stats()", archive.stats),
        ("papers()", archive.papers),
        ("issues()", archive.issues),
        ("issue(paper, date)", lambda: archive.issue(issue.paper, issue.date)),
        ("article(id)", lambda: archive.article(story)),
        ("people(limit=100)", lambda: archive.people(limit=100)),
    ]
    if people:
        calls.append((f"entity(person) ({people[0].articles} articles)",
                      lambda: archive.entity("person", people[0].name)))
    return [(name, _median_time(fn, SEARCH_REPEATS) * 1000) for name, fn in calls]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def _brute_force(archive: Archive, queries: list[str]) -> float:
    sql = "SELECT count(DISTINCT article_id) FROM paragraphs WHERE instr(text, ?) > 0"
    times = [_median_time(lambda q=q: archive.connection.execute(
        sql, (q.strip('"').replace(" ", ""),)).fetchall(), 1) * 1000
        for q in queries[:BASELINE_QUERIES]]
    return statistics.median(times)


@click.command()
@click.option("--articles", default=5000, show_default=True,
              help="Articles to build the archive from (README: 100000).")
@click.option("--workers", default=1, show_default=True, help="Parser processes for the build.")
@click.option("--runs", default=3, show_default=True, help="Runs of the one-core sample.")
@click.option("--entities/--no-entities", default=True, show_default=True,
              help="Run entity extraction during ingest (when installed).")
@click.option("--keep", type=click.Path(file_okay=False), help="Build here and keep it.")
def main(articles: int, workers: int, runs: int, entities: bool, keep: str | None) -> None:
    corpus = load_corpus()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(keep or scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        folder = tmp / "pages"
        pages, text_bytes = _write_pages(folder, corpus, math.ceil(articles * OVERSHOOT))
        (parse_s, parse_cpu), (ingest_s, ingest_cpu), sample = _one_core(folder, tmp, runs,
                                                                           entities)
        db = tmp / "archive.db"
        with Archive(db) as archive:
            start, cpu = time.perf_counter(), _cpu()
            summary = ingest_paths(archive, [str(folder)], IngestOptions(entities=entities),
                                   workers=workers)
            build_s, build_cpu = time.perf_counter() - start, _cpu() - cpu
            archive.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            stats = archive.stats()
            queries = _queries(corpus, random.Random(7))
            rows = [(name, _latencies(archive, qs), _brute_force(archive, qs))
                    for name, qs in queries.items()]
            reads = _reads(archive)
            tables = archive.connection.execute(
                "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?",
                (SIZE_ROWS,)).fetchall()
        size = db.stat().st_size
    print(f"\n{pages} pages, {stats.articles} stories ({summary.articles} articles before "
          f"merging continuations), {len(summary.failed)} failed; entities "
          f"{'on' if entities else 'off'}; {os.cpu_count()} cores\n")
    print("| ingest | pages | wall s | CPU s | pages/s (wall) | pages per CPU-second | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| baseline: parse only, 1 process | {sample} | {parse_s:.2f} | {parse_cpu:.2f} | "
          f"{sample / parse_s:.0f} | {sample / parse_cpu:.0f} | 1.00 |")
    print(f"| ingest files (read, parse, write, index), 1 process | {sample} | {ingest_s:.2f} | "
          f"{ingest_cpu:.2f} | {sample / ingest_s:.0f} | {sample / ingest_cpu:.0f} | "
          f"{ingest_cpu / parse_cpu:.2f} |")
    print(f"| full build, {workers} worker(s) + writer | {pages} | {build_s:.1f} | "
          f"{build_cpu:.1f} | {pages / build_s:.0f} | {pages / build_cpu:.0f} | |\n")
    print("| size | bytes per 1k stories | ratio |")
    print("|---|---:|---:|")
    print(f"| baseline: page text (UTF-8) | {text_bytes / stats.articles * 1000:,.0f} | 1.00 |")
    print(f"| archive file | {size / stats.articles * 1000:,.0f} | {size / text_bytes:.2f} |")
    for name, table_bytes in tables:
        print(f"| … `{name}` | {table_bytes / stats.articles * 1000:,.0f} | "
              f"{table_bytes / text_bytes:.2f} |")
    print("\n| read call | median ms |")
    print("|---|---:|")
    for name, ms in reads:
        print(f"| {name} | {ms:.1f} |")
    print()
    print(f"| search (top 20, {stats.articles} stories) | queries | median ms | p95 ms | "
          "brute-force instr median ms |")
    print("|---|---:|---:|---:|---:|")
    for name, lat, brute in rows:
        print(f"| {name} | {len(lat)} | {statistics.median(lat):.1f} | {_p95(lat):.1f} | "
              f"{brute:.0f} |")


if __name__ == "__main__":
    main()
