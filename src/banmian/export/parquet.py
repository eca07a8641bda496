"""Parquet: one row per story with typed, nested columns (pandas, polars, DuckDB).

The schema is :data:`PARQUET_SCHEMA`; the README documents it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from banmian.archive import Archive, StoredArticle
from banmian.export import ExportFilter, stories

__all__ = ["PARQUET_SCHEMA", "write_parquet"]

# Stories written per row group: bounded memory on big archives.
BATCH_ROWS = 5000

PARQUET_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("paper", pa.string()),
    ("date", pa.date32()),
    ("pages", pa.list_(pa.string())),
    ("kind", pa.string()),
    ("kicker", pa.string()),
    ("title", pa.string()),
    ("subtitles", pa.list_(pa.string())),
    ("byline", pa.string()),
    ("reporters", pa.list_(pa.string())),
    ("correspondents", pa.list_(pa.string())),
    ("paragraphs", pa.list_(pa.struct([("text", pa.string()), ("role", pa.string())]))),
    ("body", pa.string()),
    ("entities", pa.list_(pa.struct([("type", pa.string()), ("text", pa.string()),
                                     ("name", pa.string()), ("attrs", pa.string())]))),
    ("continued_to", pa.string()),
    ("continued_from", pa.string()),
    ("page_id", pa.string()),
])


def _record(s: StoredArticle) -> dict[str, Any]:
    byline = s.byline or {}
    core = ("type", "text", "start", "end")
    return {
        "id": s.id, "paper": s.paper,
        "date": dt.date.fromisoformat(s.date) if s.date else None,
        "pages": s.pages, "kind": s.kind, "kicker": s.kicker, "title": s.title,
        "subtitles": s.subtitles, "byline": byline.get("text"),
        "reporters": byline.get("reporters", []),
        "correspondents": byline.get("correspondents", []),
        "paragraphs": s.paragraphs, "body": "\n".join(p["text"] for p in s.paragraphs),
        "entities": [{"type": e["type"], "text": e["text"], "name": e.get("name") or e["text"],
                      "attrs": json.dumps({k: v for k, v in e.items() if k not in core},
                                          ensure_ascii=False)} for e in s.entities],
        "continued_to": s.continued_to["page"] if s.continued_to else None,
        "continued_from": s.continued_from["page"] if s.continued_from else None,
        "page_id": s.page_id,
    }


def write_parquet(archive: Archive, out: str, where: ExportFilter) -> int:
    count = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA) as writer:
        batch: list[dict[str, Any]] = []
        for story in stories(archive, where):
            batch.append(_record(story))
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count
