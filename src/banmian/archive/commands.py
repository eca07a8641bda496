"""`banmian ingest|search|show|stats|export|people`: thin click layer over the archive."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from banmian.archive.ingest import IngestOptions, IngestSummary, ingest_paths
from banmian.archive.paths import DEFAULT_PATTERNS
from banmian.archive.store import Archive
from banmian.errors import BanmianError

__all__ = ["COMMANDS"]

# Below this many files a progress bar only flickers; the summary says it all.
PROGRESS_MIN_FILES = 20

db_option = click.option("--db", default="archive.db", show_default=True, envvar="BANMIAN_DB",
                         type=click.Path(dir_okay=False),
                         help="Archive file (environment: BANMIAN_DB).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _fail(exc: BanmianError) -> None:
    click.echo(f"banmian: error: {exc}", err=True)
    sys.exit(1)


def _open(db: str, *, readonly: bool) -> Archive:
    if readonly and not Path(db).exists():
        _fail(BanmianError("no archive here: run `banmian ingest` first", path=db))
    try:
        return Archive(db, readonly=readonly)
    except BanmianError as exc:
        _fail(exc)
        raise  # unreachable: _fail exits


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _ingest_with_progress(archive: Archive, paths: tuple[str, ...], options: IngestOptions,
                          workers: int, quiet: bool) -> IngestSummary:
    console = Console(stderr=True)
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} pages/s"), TimeElapsedColumn(),
                  console=console, disable=quiet, transient=True) as bar:
        task = bar.add_task("ingest", total=None, rate="-")
        pages = 0

        def step(path: str, n: int) -> None:
            nonlocal pages
            pages += n
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{pages / elapsed:.0f}" if elapsed > 0 else "-"
            bar.update(task, advance=1, rate=rate)

        def total(count: int) -> None:
            bar.update(task, total=count, visible=count >= PROGRESS_MIN_FILES)

        return ingest_paths(archive, paths, options, workers=workers, progress=step,
                            on_start=total)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--paper", help="Paper name for every page (wins over path and parser).")
@click.option("--date", help="Issue date YYYY-MM-DD for every page.")
@click.option("--page", "page_label",
              help="Page label for every page (one-page ingests; not for multi-page PDFs).")
@click.option("--pattern", "patterns", multiple=True, metavar="REGEX",
              help="Path pattern with named groups paper/date/year/month/day/page, tried "
                   "before the built-in ones; repeatable.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Parser processes (one writer process stores the pages).")
@click.option("--no-entities", is_flag=True, help="Do not extract people, places and others.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest_command(paths: tuple[str, ...], db: str, paper: str | None, date: str | None,
                   page_label: str | None, patterns: tuple[str, ...], workers: int,
                   no_entities: bool, quiet: bool) -> None:
    """Ingest page files, folders and globs (.txt page text, .json pages, .jsonl exports, .pdf).

    Paper, date and page come from the options, then from the path (see
    --pattern), then from the parser. Each page of a PDF becomes a page of the
    archive with its image and article outlines; a multi-page PDF's pages are
    labelled by the parser, else p1, p2, .... Re-ingesting the same bytes changes
    nothing; a changed page replaces the old one. Bad files are reported
    one line each and skipped; the exit status is 1 if any failed.
    """
    options = IngestOptions(paper=paper, date=date, page=page_label,
                            patterns=(*patterns, *DEFAULT_PATTERNS), entities=not no_entities)
    with _open(db, readonly=False) as archive:
        try:
            summary = _ingest_with_progress(archive, paths, options, workers, quiet)
        except KeyboardInterrupt:
            click.echo(f"banmian: interrupted; {archive.stats().pages} pages in the archive, "
                       "every one complete: run the same command again to finish", err=True)
            sys.exit(130)
    for failure in summary.failed:
        click.echo(f"banmian: error: {failure.path}: {failure.reason}", err=True)
    click.echo(f"{summary.pages} pages ({summary.added} added, {summary.replaced} replaced, "
               f"{summary.unchanged} unchanged), {summary.articles} articles, "
               f"{len(summary.skipped)} skipped, {len(summary.failed)} failed")
    if not summary.ok:
        sys.exit(1)


def _search_options(f: Callable[..., None]) -> Callable[..., None]:
    for opt in reversed([
        click.option("--paper", help="Only this paper."),
        click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Issues from this date."),
        click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Issues up to this date."),
    ]):
        f = opt(f)
    return f


@click.command("search")
@click.argument("query", default="")
@db_option
@_search_options
@click.option("--page", "page_label", help="Only articles on this page label.")
@click.option("--reporter", help="Only articles with this reporter in the byline.")
@click.option("--person", help="Only articles that name this person.")
@click.option("--kind", type=click.Choice(["article", "sidebar"]), help="Only this kind.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@json_option
def search_command(query: str, db: str, paper: str | None, date_from: str | None,
                   date_to: str | None, page_label: str | None, reporter: str | None,
                   person: str | None, kind: str | None, limit: int, offset: int,
                   as_json: bool) -> None:
    """Full-text search: words, "exact phrases", -excluded, a OR b.

    Ranked by bm25 with headlines weighing more than the body. Each hit shows
    paper, date, page, title and a snippet with the matches marked.
    """
    with _open(db, readonly=True) as archive:
        try:
            results = archive.search(query, paper=paper, date_from=date_from, date_to=date_to,
                                     page=page_label, reporter=reporter, person=person,
                                     kind=kind, limit=limit, offset=offset)
        except BanmianError as exc:
            _fail(exc)
    if as_json:
        _echo_json(results.to_dict())
        return
    console = Console(highlight=False)
    console.print(f"{results.total} articles")
    for hit in results.hits:
        where = " ".join(x for x in (hit.paper, hit.date, hit.page) if x)
        console.print(f"[bold]{hit.title}[/bold]  [dim]{where}  {hit.article_id}[/dim]")
        console.print("  " + _marked(hit.snippet))


def _marked(snippet: str) -> str:
    """Turn the HTML snippet into rich markup: matches in reverse video."""
    import html

    from rich.markup import escape

    parts = snippet.split("<mark>")
    out = [escape(html.unescape(parts[0]))]
    for part in parts[1:]:
        hit, _, rest = part.partition("</mark>")
        out.append(f"[reverse]{escape(html.unescape(hit))}[/reverse]{escape(html.unescape(rest))}")
    return "".join(out)


@click.command("show")
@click.argument("article_id")
@db_option
@click.option("--source", "show_source", is_flag=True, help="Print the original page lines.")
@json_option
def show_command(article_id: str, db: str, show_source: bool, as_json: bool) -> None:
    """Print one article (continuations merged) by its archive id."""
    with _open(db, readonly=True) as archive:
        story = archive.article(article_id)
    if story is None:
        _fail(BanmianError(f"no article with id {article_id}", path=db))
        return
    if as_json:
        _echo_json(story.to_dict())
        return
    where = " ".join(x for x in (story.paper, story.date, "/".join(story.pages)) if x)
    lines = [f"{where}  [{story.kind}] {story.id}"]
    if story.kicker:
        lines.append(story.kicker)
    lines.append(f"# {story.title}")
    lines.extend(f"—— {s}" for s in story.subtitles)
    if story.byline:
        lines.append(story.byline["text"])
    lines.append("")
    lines.extend(p["text"] if p["role"] == "body" else f"## {p['text']}"
                 for p in story.paragraphs)
    for label, jump in (("continued on", story.continued_to),
                        ("continued from", story.continued_from)):
        if jump:
            lines.append(f"({label} page {jump['page']}: {jump['article_id'] or 'not found'})")
    if story.sidebars:
        lines.append("sidebars: " + ", ".join(f"{s['title']} ({s['id']})" for s in story.sidebars))
    if show_source:
        lines.extend(["", "--- source ---", *story.source_lines])
    click.echo("\n".join(lines))


@click.command("stats")
@db_option
@json_option
def stats_command(db: str, as_json: bool) -> None:
    """Counts and size of the archive, and its papers."""
    with _open(db, readonly=True) as archive:
        stats = archive.stats()
        papers = archive.papers()
    if as_json:
        _echo_json({**stats.to_dict(), "by_paper": [p.to_dict() for p in papers]})
        return
    for key, value in stats.to_dict().items():
        click.echo(f"{key:22} {', '.join(value) if isinstance(value, list) else value}")
    for p in papers:
        click.echo(f"  {p.name or '(unknown paper)'}: {p.issues} issues, {p.articles} articles, "
                   f"{p.first_date} .. {p.last_date}")


@click.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "csv", "parquet", "nitf", "markdown"]))
@db_option
@_search_options
@click.option("--out", type=click.Path(), help="Output file (jsonl, csv: default stdout; "
              "parquet: required) or folder (nitf, markdown: default export-FORMAT).")
@click.option("--no-images", is_flag=True,
              help="jsonl: leave out the page images of PDF pages (base64 PNG).")
def export_command(fmt: str, db: str, paper: str | None, date_from: str | None,
                   date_to: str | None, out: str | None, no_images: bool) -> None:
    """Export articles: jsonl (re-ingestable), csv, parquet, nitf (XML), markdown (per issue)."""
    from banmian.export import ExportFilter, export

    where = ExportFilter(paper=paper, date_from=date_from, date_to=date_to)
    with _open(db, readonly=True) as archive:
        try:
            count = export(archive, fmt, out, where, images=not no_images)
        except BanmianError as exc:
            _fail(exc)
            return
    click.echo(f"{count} records exported as {fmt}" + (f" to {out}" if out else ""), err=True)


@click.command("people")
@db_option
@click.option("--title", help="Only people seen with this title (e.g. 市委书记).")
@_search_options
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1))
@json_option
def people_command(db: str, title: str | None, paper: str | None, date_from: str | None,
                   date_to: str | None, limit: int, as_json: bool) -> None:
    """People named in the archive with their titles, first/last dates and article counts."""
    with _open(db, readonly=True) as archive:
        people = archive.people(title=title, paper=paper, date_from=date_from, date_to=date_to,
                                limit=limit)
    if as_json:
        _echo_json([p.to_dict() for p in people])
        return
    for p in people:
        titles = "、".join(f"{t['title']} ({_span(t['first'], t['last'])})" for t in p.titles)
        click.echo(f"{p.name}\t{p.articles} articles\t{_span(p.first, p.last)}\t{titles}")


def _span(first: str | None, last: str | None) -> str:
    """first..last, or "undated" where no issue date was known (a page without one)."""
    return f"{first}..{last}" if first or last else "undated"


COMMANDS: list[click.Command] = [ingest_command, search_command, show_command, stats_command,
                                 export_command, people_command]
