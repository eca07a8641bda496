"""Ingest files into an archive: find them, parse in a process pool, write in one place.

Workers read and parse files (page text, page JSON, a JSONL export or a
PDF) into :class:`~banmian.model.Page` objects; the calling process is the
single writer and stores each page in its own transaction. Each page of a
PDF becomes an archive page, stored with its rendered PNG and the outline
of each article. A file that fails is recorded with a one-line reason and
the rest goes on.
"""

from __future__ import annotations

import glob
import json
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from banmian.archive.images import RenderedPage, pdf_pages
from banmian.archive.paths import DEFAULT_PATTERNS, facts_from_path
from banmian.archive.store import Archive
from banmian.errors import ArchiveError, BanmianError
from banmian.model import Page

__all__ = ["FileFailure", "IngestOptions", "IngestSummary", "discover", "ingest_paths",
           "load_pages", "load_pdf"]

# What a folder is searched for: page text, page JSON (banmian/page-1), JSONL exports, PDFs.
INPUT_SUFFIXES = frozenset({".txt", ".json", ".jsonl", ".pdf"})
# Files handed to a worker at a time: enough to amortise the pickling round trip.
WORKER_CHUNK = 4


@dataclass(frozen=True)
class IngestOptions:
    """Page facts given by the user (they win over the path and the parser) and switches."""

    paper: str | None = None
    date: str | None = None
    page: str | None = None
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    entities: bool = True


@dataclass(frozen=True)
class FileFailure:
    path: str
    reason: str


@dataclass
class IngestSummary:
    files: int = 0
    pages: int = 0
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[FileFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def discover(inputs: Sequence[str]) -> tuple[list[str], list[str], list[FileFailure]]:
    """Expand files, folders and globs: (files to ingest, files skipped, inputs not found)."""
    files: list[str] = []
    skipped: list[str] = []
    missing: list[FileFailure] = []
    for item in inputs:
        path = Path(item)
        matches = [Path(m) for m in sorted(glob.glob(item, recursive=True))]
        if path.is_file():
            files.append(str(path))
        elif path.is_dir() or any(m.is_dir() for m in matches):
            for folder in [path] if path.is_dir() else [m for m in matches if m.is_dir()]:
                for f in sorted(p for p in folder.rglob("*") if p.is_file()):
                    (files if f.suffix.lower() in INPUT_SUFFIXES else skipped).append(str(f))
            files.extend(str(m) for m in matches if m.is_file())
        elif matches:
            files.extend(str(m) for m in matches)
        else:
            missing.append(FileFailure(item, "no such file, folder or glob match"))
    return list(dict.fromkeys(files)), skipped, missing


def _with_entities(page: Page, options: IngestOptions) -> Page:
    if options.entities:
        try:
            from banmian.extract import add_entities  # type: ignore[attr-defined]
        except ImportError:
            return page
        page = add_entities(page)
    return page


def _parse_text(path: str, options: IngestOptions) -> Page:
    try:
        from banmian import parse_page  # type: ignore[attr-defined]
    except ImportError as exc:
        raise ArchiveError("the page parser is not available in this installation",
                           path=path) from exc
    facts = facts_from_path(Path(path).resolve(), options.patterns)
    page: Page = parse_page(
        Path(path).read_bytes(), paper=options.paper or facts.paper,
        date=options.date or facts.date, page=options.page or facts.page, name=path)
    return _with_entities(page, options)


def load_pdf(path: str, options: IngestOptions) -> list[tuple[Page, RenderedPage]]:
    """Each page of a PDF with its image (see :func:`~banmian.archive.images.pdf_pages`)."""
    facts = facts_from_path(Path(path).resolve(), options.patterns)
    pages = pdf_pages(Path(path).read_bytes(), name=path, paper=options.paper or facts.paper,
                      date=options.date or facts.date, page=options.page or facts.page)
    return [(_with_entities(page, options), image) for page, image in pages]


def load_pages(path: str, options: IngestOptions) -> list[tuple[Page, RenderedPage | None]]:
    """The pages in one input file (a JSONL export's pages come with their images)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        from banmian.export.jsonl import pages_from_jsonl

        with open(path, encoding="utf-8") as lines:
            return pages_from_jsonl(lines, name=path)
    if suffix == ".json":
        try:
            page = Page.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ArchiveError(f"not a banmian/page-1 JSON page: {exc}", path=path) from exc
        return [(replace(page, paper=options.paper or page.paper, date=options.date or page.date,
                         page=options.page or page.page), None)]
    return [(_parse_text(path, options), None)]


Loaded = list[tuple[Page, RenderedPage | None]]


def _load(job: tuple[str, IngestOptions]) -> tuple[str, Loaded, str | None]:
    path, options = job
    try:
        loaded: Loaded
        if Path(path).suffix.lower() == ".pdf":
            loaded = [(page, image) for page, image in load_pdf(path, options)]
        else:
            loaded = load_pages(path, options)
        return path, loaded, None
    except BanmianError as exc:
        return path, [], exc.message
    except (OSError, UnicodeDecodeError) as exc:
        return path, [], str(exc)
    except Exception as exc:  # a parser bug must not stop a batch: record it and go on
        return path, [], f"{type(exc).__name__}: {exc}"


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the writer, which stops between pages and shuts them down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _results(files: list[str], options: IngestOptions,
             workers: int) -> Iterator[tuple[str, Loaded, str | None]]:
    jobs = [(f, options) for f in files]
    if workers <= 1:
        yield from map(_load, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts) as pool:
        yield from pool.map(_load, jobs, chunksize=WORKER_CHUNK)


def ingest_paths(
    archive: Archive, inputs: Iterable[str], options: IngestOptions = IngestOptions(), *,
    workers: int = 1, progress: Callable[[str, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest every file under ``inputs``.

    ``on_start(files)`` is called once the inputs are expanded, ``progress(path,
    pages)`` after each file.
    """
    files, skipped, missing = discover(list(inputs))
    if on_start is not None:
        on_start(len(files))
    summary = IngestSummary(files=len(files), skipped=skipped, failed=list(missing))
    for path, pages, error in _results(files, options, workers):
        if error is not None:
            summary.failed.append(FileFailure(path, error))
        for page, image in pages:
            # The pages of a PDF are told apart by their source name (file#page=N).
            where = page.source.name if image is not None and len(pages) > 1 else path
            try:
                result = archive.ingest_page(page, path=where, image=image)
            except ArchiveError as exc:
                summary.failed.append(FileFailure(path, exc.message))
                continue
            summary.pages += 1
            summary.articles += result.articles
            setattr(summary, result.status, getattr(summary, result.status) + 1)
        if progress is not None:
            progress(path, len(pages))
    return summary
