"""Archive connections for the web app: many readers, one writer.

Requests run in a thread pool; each borrows a read-only :class:`Archive`
from an idle stack and gives it back, so connections are reused and never
shared by two threads at once. Writes go through a single lock, so two
uploads never race for SQLite's write lock (WAL lets readers go on).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from banmian.archive import Archive, IngestResult, PaperSummary
from banmian.model import Page

__all__ = ["PAPERS_TTL_S", "ArchivePool"]

# The list of papers (the search form's menu) is an aggregate over every
# article: too dear to compute per request on a large archive, and it only
# changes when pages are ingested. Kept this many seconds, and dropped at once
# when this server ingests; ingests by other processes show up after it.
PAPERS_TTL_S = 60.0


class ArchivePool:
    """Read-only archives on loan, plus a serialised writer, over one database file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # Creating the archive once up front (migrations included) lets readers
        # open it read-only, even when the server starts on an empty file.
        with Archive(self.path):
            pass
        self._idle: queue.LifoQueue[Archive] = queue.LifoQueue()
        self._opened: list[Archive] = []
        self._opened_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._papers: tuple[float, list[PaperSummary]] | None = None

    @contextmanager
    def reader(self) -> Iterator[Archive]:
        """Borrow a read-only archive for the duration of one request."""
        try:
            archive = self._idle.get_nowait()
        except queue.Empty:
            archive = Archive(self.path, readonly=True)
            with self._opened_lock:
                self._opened.append(archive)
        try:
            yield archive
        finally:
            self._idle.put(archive)

    def papers(self) -> list[PaperSummary]:
        """The archive's papers, from a copy at most PAPERS_TTL_S old."""
        cached = self._papers
        if cached is not None and time.monotonic() - cached[0] < PAPERS_TTL_S:
            return cached[1]
        with self.reader() as archive:
            papers = archive.papers()
        self._papers = (time.monotonic(), papers)
        return papers

    def ingest(self, page: Page, *, path: str | None = None) -> IngestResult:
        """Write one page; writers queue on a lock so only one writes at a time."""
        with self._write_lock, Archive(self.path) as archive:
            result = archive.ingest_page(page, path=path)
        self._papers = None
        return result

    def close(self) -> None:
        with self._opened_lock:
            for archive in self._opened:
                archive.close()
            self._opened.clear()
