"""Exports of an archive: JSONL, CSV, Parquet, NITF XML and Markdown.

Every format takes the same filters (paper, date range). JSONL writes each
stored article part in the page contract's article shape, so it reads back
into an identical archive; the other formats write one record per story,
continuation parts merged.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from banmian.archive import Archive, StoredArticle
from banmian.archive.sql import fetch
from banmian.errors import ArchiveError

__all__ = ["FORMATS", "ExportFilter", "export", "stories"]

FORMATS = ("jsonl", "csv", "parquet", "nitf", "markdown")


@dataclass(frozen=True)
class ExportFilter:
    paper: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def where(self) -> tuple[str, list[str]]:
        """SQL over articles a, issues i, papers pp."""
        clauses, args = [], []
        for clause, value in (("pp.name = ?", self.paper), ("i.date >= ?", self.date_from),
                              ("i.date <= ?", self.date_to)):
            if value is not None:
                clauses.append(clause)
                args.append(value)
        return " AND ".join(clauses) or "1", args


ORDER = "ORDER BY i.date, pp.name, p.sort_key, p.id, a.seq"
JOINS = ("JOIN pages p ON p.id = a.page_id JOIN issues i ON i.id = p.issue_id "
         "JOIN papers pp ON pp.id = i.paper_id")


def stories(archive: Archive, where: ExportFilter) -> Iterator[StoredArticle]:
    """Each story once (continuations merged into their first part), in issue order."""
    sql, args = where.where()
    ids = [r[0] for r in fetch(archive.connection,
                               f"SELECT a.id FROM articles a {JOINS} WHERE a.merged_into IS NULL "
                               f"AND {sql} {ORDER}", args)]
    for aid in ids:
        story = archive.article(aid)
        if story is not None:
            yield story


def export(archive: Archive, fmt: str, out: str | None, where: ExportFilter | None = None, *,
           images: bool = True) -> int:
    """Write ``fmt`` to ``out`` (file, folder or stdout as the format allows); return records.

    ``images``: JSONL carries the page images of PDF pages (base64 PNG).
    """
    where = where or ExportFilter()
    if fmt in ("jsonl", "csv"):
        from banmian.export.csv import write_csv
        from banmian.export.jsonl import write_jsonl

        def writer(stream: IO[str]) -> int:
            if fmt == "jsonl":
                return write_jsonl(archive, stream, where, images=images)
            return write_csv(archive, stream, where)

        if out is None:
            return writer(sys.stdout)
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return writer(stream)
    if fmt == "parquet":
        from banmian.export.parquet import write_parquet

        if out is None:
            raise ArchiveError("parquet needs --out FILE")
        return write_parquet(archive, out, where)
    if fmt == "nitf":
        from banmian.export.nitf import write_nitf

        return write_nitf(archive, out or "export-nitf", where)
    if fmt == "markdown":
        from banmian.export.markdown import write_markdown

        return write_markdown(archive, out or "export-markdown", where)
    raise ArchiveError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
