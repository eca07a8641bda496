"""Typed row access over apsw: rows come back as plain tuples of Python values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import apsw

__all__ = ["body_of", "fetch"]


def fetch(conn: apsw.Connection, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of one statement (apsw's own value types widened to ``Any``)."""
    return conn.execute(sql, args).fetchall()


def body_of(conn: apsw.Connection, article_ids: Sequence[str]) -> str:
    """The paragraphs of the articles (parts of one story), in order, one per line."""
    return "\n".join(
        text for aid in article_ids for (text,) in fetch(
            conn, "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY seq", (aid,)))
