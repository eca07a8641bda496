"""Typed row access over apsw: rows come back as plain tuples of Python values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import apsw

__all__ = ["fetch"]


def fetch(conn: apsw.Connection, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of one statement (apsw's own value types widened to ``Any``)."""
    return conn.execute(sql, args).fetchall()
