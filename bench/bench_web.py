"""Reading-room latency under load: 8 concurrent clients against a real server.

    python -m bench.bench_web                      # 100k-article archive, 3 runs
    python -m bench.bench_web --articles 20000 --runs 5 --requests 300

The archive is built once (and kept at ``--db``, default ``out/bench-web.db``)
from page texts generated out of ``../shared/corpus/rmrb-dev.jsonl`` by
``eval.pagegen``: every corpus page is parsed (with entities) once, then ingested under
further invented paper names and years until the archive holds ``--articles``
articles (the text repeats across copies; ids, papers and dates do not).

Each run starts a real ``banmian serve`` (uvicorn) on 127.0.0.1, warms it up,
then 8 client threads with keep-alive connections send a fixed number of
requests of each kind: search pages (HTML and API) for 1- to 4-character words
and quoted phrases taken from corpus titles, and article pages (HTML and API)
for articles picked from the archive's issues. The baseline is a static file
(``/static/style.css``) fetched the same way in the same run: what the server
and the clients cost before any archive work. The table gives, per kind, the
median over runs of p50 and p95 latency and their ratio to the baseline's.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, unquote

import click
import httpx
from eval.pagegen import CORPUS, generate_pages, load_corpus
from rich.console import Console
from rich.table import Table

from banmian import parse_page
from banmian.archive import Archive
from banmian.extract import add_entities
from banmian.model import Page

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "out" / "bench-web.db"
# The issue's numbers: 8 concurrent clients, p95 under 100 ms on 100k articles.
CLIENTS = 8
TARGET_ARTICLES = 100_000
AIM_P95_MS = 100.0
# Invented paper names for the copies of the corpus (the corpus paper is one).
PAPERS = ("人民日报", "青岚日报", "江城晚报", "北川日报", "南屿商报", "东陵都市报", "西溪时报")
# Requests sent before measuring: imports, caches and SQLite pages warmed up.
WARMUP_REQUESTS = 40
SEED = 11
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
# Pages measured one by one in process for the cost breakdown.
IN_PROCESS_SAMPLES = 60
# Seconds the server may take to start.
SERVER_START_TIMEOUT = 60.0


# ---- building the archive -----------------------------------------------

def _parsed_corpus_pages() -> list[Page]:
    corpus = load_corpus(CORPUS)
    pages = []
    for generated in generate_pages(corpus, len(corpus), seed=SEED):
        page = parse_page(generated.text, paper=PAPERS[0], date=generated.date,
                          page=generated.label, name=f"{generated.id}.txt")
        pages.append(add_entities(page))
    return pages


def _copy(page: Page, copy: int) -> Page:
    """The page as printed by another paper in another year: new ids, same text."""
    paper = PAPERS[copy % len(PAPERS)]
    year_shift = copy // len(PAPERS)
    date = page.date
    if date is not None:
        date = f"{int(date[:4]) - year_shift:04d}{date[4:]}"
    return dataclasses.replace(page, paper=paper, date=date)


def build_archive(db: Path, articles: int, console: Console) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    with Archive(db) as archive:
        have = archive.stats().articles
        if have >= articles:
            console.print(f"reusing {db}: {have} articles")
            return
        started = time.perf_counter()
        pages = _parsed_corpus_pages()
        console.print(f"parsed {len(pages)} corpus pages in {time.perf_counter() - started:.1f} s")
        copy = 0
        ingested = 0
        started = time.perf_counter()
        while archive.stats().articles < articles:
            for page in pages:
                archive.ingest_page(_copy(page, copy), path=f"copy{copy}/{page.source.name}")
                ingested += 1
            copy += 1
            console.print(f"copy {copy}: {archive.stats().articles} articles, "
                          f"{ingested / (time.perf_counter() - started):.0f} pages/s")


# ---- what to request ----------------------------------------------------

QUERY_CLASSES = ("1 char", "2 chars", "3 chars", "4 chars", "phrase")


def _queries(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """(class, query): words of 1-4 characters and quoted 6-character phrases from corpus titles."""
    titles = [h for page in load_corpus(CORPUS).values() for a in page for _, h in a.headlines]
    runs = [m.group(0) for t in titles for m in CJK_RUN.finditer(t)]
    queries = []
    for i in range(n):
        run = rng.choice(runs)
        size = (1, 2, 3, 4, 6)[i % len(QUERY_CLASSES)]
        start = rng.randrange(0, max(1, len(run) - size + 1))
        word = run[start:start + size]
        queries.append((QUERY_CLASSES[i % len(QUERY_CLASSES)],
                        f'"{word}"' if size > 4 else word))
    return queries


def _article_ids(db: Path, rng: random.Random, n: int) -> list[str]:
    with Archive(db, readonly=True) as archive:
        issues = archive.issues()
        ids: list[str] = []
        for summary in rng.sample(issues, min(len(issues), max(1, n // 4))):
            detail = archive.issue(summary.paper, summary.date)
            if detail is not None:
                ids.extend(a.id for p in detail.pages for a in p.articles
                           if not (a.continued_from and a.continued_from.get("article_id")))
    rng.shuffle(ids)
    return (ids * (n // max(1, len(ids)) + 1))[:n]


Requests = dict[str, list[tuple[str, str]]]  # kind -> [(query class or "", url)]


def request_lists(db: Path, requests: int) -> Requests:
    rng = random.Random(SEED)
    queries = _queries(rng, requests)
    ids = _article_ids(db, rng, requests)
    return {
        "baseline: static file": [("", "/static/style.css")] * requests,
        "search page (HTML)": [(c, f"/search?q={quote(q)}") for c, q in queries],
        "search API (JSON)": [(c, f"/api/search?q={quote(q)}") for c, q in queries],
        "article page (HTML)": [("", f"/articles/{i}") for i in ids],
        "article API (JSON)": [("", f"/api/articles/{i}") for i in ids],
    }


# ---- the server and the clients -----------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-c", "from banmian.cli import main; main()", "serve",
               "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if k != "BANMIAN_TOKEN"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise click.ClickException("banmian serve did not start")


def load(base: str, urls: Sequence[tuple[str, str]],
         clients: int = CLIENTS) -> list[tuple[str, float]]:
    """Send ``urls`` from ``clients`` threads at once; return (class, latency ms) for each."""
    latencies: list[tuple[str, float]] = []
    lock = threading.Lock()
    queue = list(reversed(urls))
    failures: list[str] = []

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    label, url = queue.pop()
                started = time.perf_counter()
                response = http.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append((label, elapsed))
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {url}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise click.ClickException(f"{len(failures)} failed requests, e.g. {failures[0]}")
    return latencies


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _in_process(db: Path, urls: Requests, samples: int) -> list[tuple[str, float, float]]:
    """Median ms of each archive call alone and of the whole page built around it, one thread."""
    from fastapi.testclient import TestClient

    from banmian.web import create_app

    searches = [u for _, u in urls["search page (HTML)"][:samples]]
    articles = [u for _, u in urls["article page (HTML)"][:samples]]
    rows = []
    with Archive(db, readonly=True) as archive, TestClient(create_app(db)) as http:
        for label, pages, call in (
            ("search", searches, lambda u: archive.search(unquote(u.split("=", 1)[1]))),
            ("article", articles, lambda u: archive.article(u.rsplit("/", 1)[1])),
        ):
            call_ms, page_ms = [], []
            for url in pages:
                started = time.perf_counter()
                call(url)
                call_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                http.get(url)
                page_ms.append((time.perf_counter() - started) * 1000)
            rows.append((label, statistics.median(call_ms), statistics.median(page_ms)))
    return rows


def _row(table: Table, kind: str, values: Sequence[tuple[float, float]],
         base: tuple[float, float], requests: int) -> None:
    p50 = statistics.median(v[0] for v in values)
    p95 = statistics.median(v[1] for v in values)
    table.add_row(kind, str(requests), f"{p50:.1f}", f"{p95:.1f}", f"{p50 / base[0]:.1f}×",
                  f"{p95 / base[1]:.1f}×", "yes" if p95 < AIM_P95_MS else "no")


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
              show_default=True, help="Archive to serve; built there first if too small.")
@click.option("--articles", default=TARGET_ARTICLES, show_default=True,
              help="Articles the archive must hold.")
@click.option("--runs", default=3, show_default=True, help="Load runs (a fresh server each).")
@click.option("--requests", default=400, show_default=True,
              help="Requests of each kind per run (bounded load).")
@click.option("--workers", default=1, show_default=True,
              help="Server processes (banmian serve --workers).")
def main(db: Path, articles: int, runs: int, requests: int, workers: int) -> None:
    console = Console(width=120)
    build_archive(db, articles, console)
    urls = request_lists(db, requests)
    with Archive(db, readonly=True) as archive:
        stats = archive.stats()
    # kind (or "kind, query class") -> per run (p50, p95)
    results: dict[str, list[tuple[float, float]]] = {}
    counts: dict[str, int] = {}
    for run in range(runs):
        process, base = start_server(db, workers)
        try:
            warm = [u for kind_urls in urls.values() for u in kind_urls[:WARMUP_REQUESTS // 4]]
            load(base, warm)
            for kind, kind_urls in urls.items():
                measured = load(base, kind_urls)
                groups = {kind: [ms for _, ms in measured]}
                if kind.startswith("search"):
                    for cls in QUERY_CLASSES:
                        groups[f"  {kind}, {cls}"] = [ms for c, ms in measured if c == cls]
                for name, values in groups.items():
                    counts[name] = len(values)
                    results.setdefault(name, []).append(
                        (statistics.median(values), _percentile(values, 0.95)))
        finally:
            process.terminate()
            process.wait(timeout=10)
        console.print(f"run {run + 1}/{runs} done")
    baseline = results["baseline: static file"]
    base = (statistics.median(r[0] for r in baseline), statistics.median(r[1] for r in baseline))
    table = Table(title=(f"reading room under load: {CLIENTS} concurrent clients, "
                         f"{stats.articles} articles ({stats.pages} pages, "
                         f"{stats.bytes / 1e6:.0f} MB), median of {runs} runs, "
                         f"{workers} server process(es), {os.cpu_count()} CPUs"))
    table.add_column("kind")
    for column in ("requests", "p50 ms", "p95 ms", "p50 / baseline", "p95 / baseline",
                   f"p95 < {AIM_P95_MS:.0f} ms"):
        table.add_column(column, justify="right")
    for kind, per_run in results.items():
        _row(table, kind, per_run, base, counts[kind])
    console.print(table)
    breakdown = Table(title="where the time goes: one thread, in process, median ms")
    for column in ("page", "archive call alone", "whole page (archive + web)", "web share"):
        breakdown.add_column(column, justify="right" if column != "page" else "left")
    for label, call_ms, page_ms in _in_process(db, urls, IN_PROCESS_SAMPLES):
        breakdown.add_row(label, f"{call_ms:.1f}", f"{page_ms:.1f}",
                          f"{max(0.0, page_ms - call_ms) / page_ms:.0%}")
    console.print(breakdown)


if __name__ == "__main__":
    main()
