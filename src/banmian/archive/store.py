"""The archive: one SQLite file (WAL mode) behind a small typed API.

Writes go through :meth:`Archive.ingest_page`, one transaction per page;
reads return the frozen dataclasses of :mod:`banmian.archive.results`.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import apsw

from banmian.archive import read
from banmian.archive.images import RenderedPage, page_image, page_png, write_image
from banmian.archive.results import (
    ArchiveStats,
    EntityDetail,
    IngestRecord,
    IngestResult,
    IssueDetail,
    IssueSummary,
    PageImage,
    PaperSummary,
    PersonSummary,
    SearchResults,
    StoredArticle,
)
from banmian.archive.schema import MIGRATIONS, migrate
from banmian.archive.sql import fetch
from banmian.archive.tokenizer import register
from banmian.archive.write import write_page
from banmian.errors import ArchiveError
from banmian.model import Page

__all__ = ["Archive"]

# How long a writer waits for another writer's lock before giving up (ms):
# long enough to ride out a page transaction of a concurrent ingest.
BUSY_TIMEOUT_MS = 10_000


class Archive:
    """An archive file. ``Archive(path)`` creates and migrates it if needed."""

    def __init__(self, path: str | Path = "archive.db", *, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        flags = (apsw.SQLITE_OPEN_READONLY if readonly
                 else apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE)
        try:
            self._conn = apsw.Connection(self.path, flags=flags)
            self._conn.set_busy_timeout(BUSY_TIMEOUT_MS)
            register(self._conn)
            if not readonly:
                fetch(self._conn, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
                                   "PRAGMA synchronous = NORMAL")
                migrate(self._conn)
            applied = fetch(self._conn,
                "SELECT count(*) FROM sqlite_master WHERE name = 'migrations'")[0][0]
        except apsw.Error as exc:
            raise ArchiveError(f"cannot open archive: {exc}", path=self.path) from exc
        if not applied:
            raise ArchiveError("not a banmian archive (no migrations table)", path=self.path)

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @property
    def connection(self) -> apsw.Connection:
        """The underlying apsw connection, for exports and ad-hoc SQL."""
        return self._conn

    # -- writing -------------------------------------------------------------

    def ingest_page(self, page: Page, *, path: str | None = None,
                    image: RenderedPage | None = None) -> IngestResult:
        """Store ``page`` in one transaction: added, unchanged (same bytes) or replaced.

        ``image`` (PDF pages) is stored with the page: its PNG and article outlines.
        """
        if self.readonly:
            raise ArchiveError("archive opened read-only", path=self.path)
        try:
            with self._conn:
                result = write_page(self._conn, page, path)
                if image is not None:
                    write_image(self._conn, result.page_id, page, image)
        except apsw.Error as exc:
            raise ArchiveError(f"cannot write page {page.source.name}: {exc}",
                               path=self.path) from exc
        return result

    # -- reading -------------------------------------------------------------

    def page_png(self, page_id: str) -> bytes | None:
        """The PNG image of a PDF page (None for pages without one)."""
        return page_png(self._conn, page_id)

    def page_image(self, page_id: str) -> PageImage | None:
        """A PDF page's size and article outlines (None for pages without an image)."""
        return page_image(self._conn, page_id)

    def search(self, query: str, *, paper: str | None = None, date_from: str | None = None,
               date_to: str | None = None, page: str | None = None, reporter: str | None = None,
               person: str | None = None, kind: str | None = None, limit: int = 20,
               offset: int = 0) -> SearchResults:
        """bm25-ranked articles matching ``query`` (words, "phrases", -exclusions, OR)."""
        try:
            return read.search(self._conn, query, paper=paper, date_from=date_from,
                               date_to=date_to, page=page, reporter=reporter, person=person,
                               kind=kind, limit=limit, offset=offset)
        except apsw.SQLError as exc:
            raise ArchiveError(f"search failed: {exc}", path=self.path) from exc

    def article(self, article_id: str) -> StoredArticle | None:
        return read.article(self._conn, article_id)

    def papers(self) -> list[PaperSummary]:
        return read.papers(self._conn)

    def issues(self, paper: str | None = None) -> list[IssueSummary]:
        return read.issues(self._conn, paper)

    def issue(self, paper: str, date: str) -> IssueDetail | None:
        return read.issue(self._conn, paper, date)

    def people(self, *, title: str | None = None, paper: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               limit: int = 100) -> list[PersonSummary]:
        return read.people(self._conn, title=title, paper=paper, date_from=date_from,
                           date_to=date_to, limit=limit)

    def entity(self, type: str, name: str) -> EntityDetail | None:
        return read.entity(self._conn, type, name)

    def recent_ingests(self, limit: int = 10) -> list[IngestRecord]:
        rows = fetch(self._conn,
            "SELECT g.at, g.path, g.page_id, g.status, g.articles, pp.name, i.date, p.label "
            "FROM ingests g LEFT JOIN pages p ON p.id = g.page_id "
            "LEFT JOIN issues i ON i.id = p.issue_id LEFT JOIN papers pp ON pp.id = i.paper_id "
            "ORDER BY g.id DESC LIMIT ?", (limit,))
        return [IngestRecord(at, path, pid, status, int(n), paper or None, date or None, label)
                for at, path, pid, status, n, paper, date, label in rows]

    def stats(self) -> ArchiveStats:
        def one(sql: str) -> int:
            return int(fetch(self._conn, sql)[0][0] or 0)

        first, last = fetch(self._conn,
            "SELECT min(NULLIF(date, '')), max(NULLIF(date, '')) FROM issues")[0]
        page_count, page_size = (fetch(self._conn, "PRAGMA page_count")[0][0],
                                 fetch(self._conn, "PRAGMA page_size")[0][0])
        done = {r[0] for r in fetch(self._conn, "SELECT name FROM migrations")}
        return ArchiveStats(
            papers=one("SELECT count(*) FROM papers WHERE id IN (SELECT paper_id FROM issues)"),
            issues=one("SELECT count(*) FROM issues"),
            pages=one("SELECT count(*) FROM pages"),
            page_images=one("SELECT count(*) FROM page_images"),
            articles=one("SELECT count(*) FROM articles WHERE merged_into IS NULL"),
            bytes=int(page_count) * int(page_size),
            sidebars=one("SELECT count(*) FROM articles WHERE kind = 'sidebar'"),
            people=one("SELECT count(DISTINCT name) FROM mentions WHERE type = 'person'"),
            continuations_merged=one("SELECT count(*) FROM articles WHERE merged_into IS NOT NULL"),
            jumps_unmatched=one("SELECT count(*) FROM articles WHERE continued_to IS NOT NULL "
                                "AND continued_to_id IS NULL"),
            first_date=first, last_date=last,
            migrations=[name for name, _ in MIGRATIONS if name in done],
        )
