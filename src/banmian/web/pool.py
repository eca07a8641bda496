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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from banmian.archive import Archive, IngestResult
from banmian.archive.images import RenderedPage
from banmian.model import Page

__all__ = ["SUMMARY_TTL_S", "ArchivePool"]

# Whole-archive summaries (the list of papers for the search form, the
# archive's size for the home page) are aggregates over every article: too
# dear to compute per request on a large archive, and they change only when
# pages are ingested. They are kept this many seconds, and dropped at once when
# this server ingests; ingests by other processes show up after at most this.
SUMMARY_TTL_S = 60.0

T = TypeVar("T")


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
        self._summaries: dict[str, tuple[float, Any]] = {}

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

    def summary(self, name: str, compute: Callable[[Archive], T]) -> T:
        """``compute(archive)``, or its result from at most SUMMARY_TTL_S ago under ``name``."""
        cached = self._summaries.get(name)
        if cached is not None and time.monotonic() - cached[0] < SUMMARY_TTL_S:
            return cached[1]  # type: ignore[no-any-return]
        with self.reader() as archive:
            value = compute(archive)
        self._summaries[name] = (time.monotonic(), value)
        return value

    def ingest(self, page: Page, *, path: str | None = None,
               image: RenderedPage | None = None) -> IngestResult:
        """Write one page; writers queue on a lock so only one writes at a time."""
        with self._write_lock, Archive(self.path) as archive:
            result = archive.ingest_page(page, path=path, image=image)
        self._summaries.clear()
        return result

    def close(self) -> None:
        with self._opened_lock:
            for archive in self._opened:
                archive.close()
            self._opened.clear()
