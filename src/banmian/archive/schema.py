"""The archive's tables, created by named migrations recorded in ``migrations``.

Plain SQLite: every table but ``articles_fts`` opens in ``sqlite3``,
Datasette or DuckDB. ``articles_fts`` needs the bigram tokenizer that
:mod:`banmian.archive.tokenizer` registers. Dates are ``YYYY-MM-DD`` text;
JSON columns hold the page contract's shapes.
"""

from __future__ import annotations

from datetime import UTC, datetime

import apsw

from banmian.archive.tokenizer import TOKENIZER_NAME

__all__ = ["MIGRATIONS", "migrate"]

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_issues_pages_articles",
        """
        CREATE TABLE papers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE           -- '' when no paper was given or inferred
        );
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            paper_id INTEGER NOT NULL REFERENCES papers(id),
            date TEXT NOT NULL,                 -- YYYY-MM-DD, '' when unknown
            UNIQUE (paper_id, date)
        );
        CREATE TABLE pages (
            id TEXT PRIMARY KEY,                -- content hash of source bytes + paper/date/label
            issue_id INTEGER NOT NULL REFERENCES issues(id),
            slot TEXT NOT NULL UNIQUE,          -- what a changed page replaces: paper|date|label or path
            label TEXT,                         -- page label as printed (A1, 04)
            sort_key TEXT NOT NULL,             -- orders pages within an issue
            path TEXT,                          -- file it was ingested from
            source_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,               -- of the source bytes
            encoding TEXT NOT NULL,
            text TEXT NOT NULL,                 -- the decoded page text all spans point into
            warnings TEXT NOT NULL,             -- JSON list of parser warnings
            inferred TEXT NOT NULL,             -- JSON: page facts with confidence
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX pages_issue ON pages(issue_id);
        CREATE TABLE articles (
            n INTEGER PRIMARY KEY,              -- rowid in articles_fts: (bucket << 32) + counter
            id TEXT NOT NULL UNIQUE,            -- content hash (stable across re-ingests)
            page_id TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            local_id TEXT NOT NULL,             -- the parser's page-local id
            seq INTEGER NOT NULL,               -- position on the page
            kind TEXT NOT NULL,                 -- article | sidebar
            kicker TEXT,
            title TEXT NOT NULL,
            subtitles TEXT NOT NULL,            -- JSON list
            headlines TEXT NOT NULL,            -- JSON list of {role, text, span}
            continued_to TEXT,                  -- page label as printed in the jump line
            continued_from TEXT,
            continued_to_id TEXT,               -- matched tail article id, NULL if unmatched
            continued_from_id TEXT,             -- matched head article id
            merged_into TEXT,                   -- first part's id when this is a continuation
            related_to TEXT NOT NULL,           -- JSON list of archive article ids
            duplicates TEXT NOT NULL,           -- JSON list of {text, spans}
            indexed TEXT                        -- ids of the parts in its FTS row, NULL if none
        );
        CREATE INDEX articles_page ON articles(page_id, seq);
        CREATE TABLE paragraphs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            role TEXT NOT NULL,                 -- body | heading
            text TEXT NOT NULL,
            spans TEXT NOT NULL,                -- JSON [[start, end], ...] into pages.text
            PRIMARY KEY (article_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE blocks (
            page_id TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            role TEXT NOT NULL,
            article_id TEXT,                    -- archive id, NULL for furniture
            PRIMARY KEY (page_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE bylines (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            source TEXT,
            agency TEXT,
            place TEXT,
            date TEXT
        );
        CREATE TABLE byline_names (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            role TEXT NOT NULL,                 -- reporter | correspondent | photographer
            name TEXT NOT NULL
        );
        CREATE TABLE buckets (
            bucket INTEGER PRIMARY KEY,         -- year * 100000 + paper id: the high bits of n
            year TEXT NOT NULL,                 -- '' when undated
            paper_id INTEGER NOT NULL REFERENCES papers(id)
        );
        CREATE INDEX byline_names_name ON byline_names(name);
        CREATE INDEX byline_names_article ON byline_names(article_id);
        """,
    ),
    (
        "0002_fulltext",
        f"""
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, kicker, body,
            tokenize='{TOKENIZER_NAME}', content='', contentless_delete=1
        );
        """,
    ),
    (
        "0003_entities",
        """
        CREATE TABLE entities (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,                 -- person | place | organization | date | figure | title
            text TEXT NOT NULL,
            start INTEGER NOT NULL,             -- into pages.text
            end INTEGER NOT NULL,
            attrs TEXT NOT NULL,                -- JSON: the typed fields
            PRIMARY KEY (article_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE mentions (
            type TEXT NOT NULL,                 -- person | place | organization
            name TEXT NOT NULL,                 -- full names only: partial names are left out
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            story TEXT NOT NULL,                -- the article it is read in (head of a merge)
            date TEXT NOT NULL,                 -- issue date, '' when unknown
            paper_id INTEGER NOT NULL REFERENCES papers(id),
            count INTEGER NOT NULL,             -- mentions in the article
            PRIMARY KEY (type, name, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX mentions_story ON mentions(story);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE TABLE person_titles (
            person TEXT NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,                 -- issue date the title was seen on
            paper_id INTEGER NOT NULL REFERENCES papers(id),
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (person, title, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX person_titles_title ON person_titles(title);
        CREATE INDEX person_titles_article ON person_titles(article_id);
        """,
    ),
    (
        "0004_ingest_log",
        """
        CREATE TABLE ingests (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            path TEXT,
            page_id TEXT NOT NULL,
            status TEXT NOT NULL,               -- added | unchanged | replaced
            articles INTEGER NOT NULL
        );
        """,
    ),
    (
        # Reading an article fetches its blocks; without this every read scans them all
        # (measured on 100k articles: 76 ms per article read, 0.4 ms with the index).
        "0005_blocks_by_article",
        """
        CREATE INDEX blocks_article ON blocks(article_id);
        """,
    ),
    (
        "0006_page_images",
        """
        CREATE TABLE page_images (
            page_id TEXT PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
            png BLOB NOT NULL,                  -- the PDF page rendered as PNG
            width REAL NOT NULL,                -- page size in PDF points
            height REAL NOT NULL
        );
        CREATE TABLE article_regions (
            page_id TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            x0 REAL NOT NULL,                   -- outline in PDF points from the top-left
            y0 REAL NOT NULL,
            x1 REAL NOT NULL,
            y1 REAL NOT NULL,
            PRIMARY KEY (page_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_regions_article ON article_regions(article_id);
        """,
    ),
)


def migrate(conn: apsw.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with conn:
            conn.execute(sql)
            conn.execute(
                "INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied
