"""CSV: one row per story, the columns a spreadsheet user wants."""

from __future__ import annotations

import csv
from typing import IO

from banmian.archive import Archive, StoredArticle
from banmian.export import ExportFilter, stories

__all__ = ["CSV_COLUMNS", "write_csv"]

# Lists inside a cell are joined with "; " (names never contain it).
LIST_SEPARATOR = "; "
CSV_COLUMNS = ("id", "paper", "date", "pages", "kind", "kicker", "title", "subtitles", "byline",
               "reporters", "people", "body")


def _row(s: StoredArticle) -> list[str]:
    byline = s.byline or {}
    people = dict.fromkeys(str(e.get("name") or e["text"]) for e in s.entities
                           if e["type"] == "person")
    return [s.id, s.paper or "", s.date or "", LIST_SEPARATOR.join(s.pages), s.kind,
            s.kicker or "", s.title, LIST_SEPARATOR.join(s.subtitles), byline.get("text", ""),
            LIST_SEPARATOR.join(byline.get("reporters", [])), LIST_SEPARATOR.join(people),
            "\n".join(p["text"] for p in s.paragraphs)]


def write_csv(archive: Archive, out: IO[str], where: ExportFilter) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for story in stories(archive, where):
        writer.writerow(_row(story))
        count += 1
    return count
