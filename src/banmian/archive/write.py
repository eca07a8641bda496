"""Writing one parsed page into the archive, and relinking its issue.

``write_page`` runs inside the caller's transaction: it replaces the page
that held the same slot, inserts the page with its articles, paragraphs,
blocks, bylines and entities, then relinks continuations across the issue
and keeps the full-text index at one row per (merged) article.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import apsw

from banmian.archive.continuations import Part, match_continuations, normalize_label
from banmian.archive.results import IngestResult
from banmian.archive.sql import body_of, fetch
from banmian.model import Article, Entity, Page

__all__ = ["BUCKET_SHIFT", "article_id_for", "bucket_of", "page_id_for", "sort_key", "write_page"]

# Hex digits kept from a sha256 for ids: 64 bits, no collisions at archive sizes.
ID_HEX = 16
LABEL_PARTS_RE = re.compile(r"^([A-Z]*)(\d+)$")
# Row numbers ``n`` (the FTS rowids) are (bucket << BUCKET_SHIFT) + a counter, with
# bucket = year * PAPERS_PER_YEAR + paper id: FTS5 counts the matches of a rowid
# range without touching other tables, which makes search facets cheap.
BUCKET_SHIFT = 32
PAPERS_PER_YEAR = 100_000
# Source encoding the PDF reader records for its pages (see banmian.pdf.iter_pdf).
PDF_ENCODING = "pdf"


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:ID_HEX]


# The suffix that names one page of a many-page PDF (see banmian.pdf.iter_pdf).
PDF_PAGE_NUMBER_RE = re.compile(r"#page=(\d+)$")


def page_id_for(page: Page) -> str:
    """Same source bytes with the same paper, date and label: same id.

    The pages of one PDF share the file's hash, so a PDF page's number in the
    file (``name.pdf#page=N``; a one-page PDF has no suffix) is hashed too; it
    survives a JSONL export, which cannot rebuild all of the page's text.
    """
    parts = [page.source.sha256, page.paper or "", page.date or "", page.page or ""]
    if page.source.encoding == PDF_ENCODING:
        number = PDF_PAGE_NUMBER_RE.search(page.source.name)
        parts.append(number[1] if number else "1")
    return "p" + _hash(*parts)


def article_id_for(page_id: str, index: int, article: Article) -> str:
    """A hash of the article's content and its place on its page."""
    return "a" + _hash(page_id, index, article.kind, article.kicker, article.title, article.body)


def sort_key(label: str | None) -> str:
    """Order pages A1, A2, ..., A10, B1 and 1, 2, ..., 10."""
    norm = normalize_label(label) or ""
    m = LABEL_PARTS_RE.match(norm)
    return f"{m.group(1):>3}{int(m.group(2)):06d}" if m else f"~{norm}"


def _slot(page: Page, path: str | None) -> str:
    if page.paper and page.date and page.page:
        return f"{page.paper}|{page.date}|{normalize_label(page.page)}"
    return f"path:{path or page.source.name}|{page.paper or ''}|{page.date or ''}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _issue_id(conn: apsw.Connection, paper: str, date: str) -> int:
    fetch(conn, "INSERT OR IGNORE INTO papers(name) VALUES (?)", (paper,))
    paper_id = fetch(conn, "SELECT id FROM papers WHERE name = ?", (paper,))[0][0]
    fetch(conn, "INSERT OR IGNORE INTO issues(paper_id, date) VALUES (?, ?)", (paper_id, date))
    rows = fetch(conn,
        "SELECT id FROM issues WHERE paper_id = ? AND date = ?", (paper_id, date)
    )
    return int(rows[0][0])


def _delete_page(conn: apsw.Connection, page_id: str) -> int:
    """Remove a page and what hangs off it; return its issue id."""
    issue_id = fetch(conn, "SELECT issue_id FROM pages WHERE id = ?", (page_id,))[0][0]
    fetch(conn,
        "DELETE FROM articles_fts WHERE rowid IN "
        "(SELECT n FROM articles WHERE page_id = ? AND indexed IS NOT NULL)",
        (page_id,),
    )
    fetch(conn, "DELETE FROM pages WHERE id = ?", (page_id,))
    return int(issue_id)


def _drop_if_empty(conn: apsw.Connection, issue_id: int) -> None:
    fetch(conn,
        "DELETE FROM issues WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE issue_id = ?)",
        (issue_id, issue_id),
    )


# Entity types listed with their articles (people, places, organisations); dates and
# figures stay mentions of their article only.
NAMED_TYPES = ("person", "place", "organization")
# Whitespace inside a name or title is a line or column break of the page.
SPACE_RE = re.compile(r"\s+")


def _key(text: object) -> str:
    """A name or title as a lookup key: without the line breaks and spaces of the page."""
    return SPACE_RE.sub("", str(text))


def _entity_name(e: Entity) -> str:
    return _key(e.attrs.get("name") or e.text if e.type == "person" else e.text)


def _entity_rows(article_id: str, article: Article) -> list[tuple[Any, ...]]:
    return [(article_id, seq, e.type, e.text, e.start, e.end,
             json.dumps(dict(e.attrs), ensure_ascii=False))
            for seq, e in enumerate(article.entities)]


def _mention_rows(article_id: str, article: Article, date: str,
                  paper_id: int) -> list[tuple[Any, ...]]:
    counts = Counter((e.type, _entity_name(e)) for e in article.entities
                     if e.type in NAMED_TYPES and not e.attrs.get("partial"))
    return [(t, name, article_id, article_id, date, paper_id, n)
            for (t, name), n in counts.items()]


def _title_rows(article_id: str, article: Article, date: str,
                paper_id: int) -> set[tuple[str, str, str, int, str]]:
    """(person, title, date, paper, article) for every title the article gives a person
    (date "" on a page whose issue date is unknown, as in ``mentions``)."""
    seen: set[tuple[str, str, str, int, str]] = set()
    for e in article.entities:
        if e.type == "person" and not e.attrs.get("partial"):
            seen.update((_entity_name(e), _key(t), date, paper_id, article_id)
                        for t in e.attrs.get("titles") or ())
        elif e.type == "title" and e.attrs.get("person"):
            seen.add((_key(e.attrs["person"]), _key(e.attrs.get("title") or e.text), date,
                      paper_id, article_id))
    return seen


def bucket_of(paper_id: int, date: str) -> int:
    """Articles of one paper and year share the high bits of their row number ``n``."""
    year = int(date[:4]) if date[:4].isdigit() else 0
    return year * PAPERS_PER_YEAR + paper_id


def _next_n(conn: apsw.Connection, bucket: int) -> int:
    low = bucket << BUCKET_SHIFT
    top = fetch(conn, "SELECT max(n) FROM articles WHERE n BETWEEN ? AND ?",
                (low, low + (1 << BUCKET_SHIFT) - 1))[0][0]
    return low if top is None else int(top) + 1


def _insert_article(
    conn: apsw.Connection, page: Page, page_id: str, seq: int, aid: str, ids: dict[str, str],
    n: int, paper_id: int,
) -> None:
    a = page.articles[seq]
    fetch(conn,
        "INSERT INTO articles(n, id, page_id, local_id, seq, kind, kicker, title, subtitles, "
        "headlines, continued_to, continued_from, related_to, duplicates) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (n, aid, page_id, a.id, seq, a.kind, a.kicker, a.title,
         json.dumps(list(a.subtitles), ensure_ascii=False),
         json.dumps([h.to_dict() for h in a.headlines], ensure_ascii=False),
         a.continued_to, a.continued_from,
         json.dumps([ids.get(r, r) for r in a.related_to], ensure_ascii=False),
         json.dumps([d.to_dict() for d in a.duplicates], ensure_ascii=False)),
    )
    conn.executemany(
        "INSERT INTO paragraphs(article_id, seq, role, text, spans) VALUES (?,?,?,?,?)",
        [(aid, i, p.role, p.text, json.dumps([list(s) for s in p.spans]))
         for i, p in enumerate(a.paragraphs)],
    )
    if a.byline is not None:
        b = a.byline
        fetch(conn,
            "INSERT INTO bylines(article_id, text, start, end, source, agency, place, date) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (aid, b.text, b.span[0], b.span[1], b.source, b.agency, b.place, b.date),
        )
        names = [("reporter", n) for n in b.reporters] + [
            ("correspondent", n) for n in b.correspondents] + [
            ("photographer", n) for n in b.photographers]
        conn.executemany(
            "INSERT INTO byline_names(article_id, role, name) VALUES (?,?,?)",
            [(aid, role, n) for role, n in names],
        )
    conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", _entity_rows(aid, a))
    conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                     _mention_rows(aid, a, page.date or "", paper_id))
    conn.executemany(
        "INSERT OR IGNORE INTO person_titles(person, title, date, paper_id, article_id) "
        "VALUES (?,?,?,?,?)", _title_rows(aid, a, page.date or "", paper_id))


def _insert_page(
    conn: apsw.Connection, page: Page, page_id: str, issue_id: int, slot: str, path: str | None
) -> int:
    paper_id = fetch(conn, "SELECT paper_id FROM issues WHERE id = ?", (issue_id,))[0][0]
    bucket = bucket_of(paper_id, page.date or "")
    fetch(conn, "INSERT OR IGNORE INTO buckets(bucket, year, paper_id) VALUES (?, ?, ?)",
          (bucket, (page.date or "")[:4], paper_id))
    first = _next_n(conn, bucket)
    fetch(conn,
        "INSERT INTO pages(id, issue_id, slot, label, sort_key, path, source_name, sha256, "
        "encoding, text, warnings, inferred, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (page_id, issue_id, slot, page.page, sort_key(page.page), path, page.source.name,
         page.source.sha256, page.source.encoding, page.text,
         json.dumps(list(page.warnings), ensure_ascii=False),
         json.dumps({k: v.to_dict() for k, v in page.inferred.items()}, ensure_ascii=False),
         _now()),
    )
    ids = {a.id: article_id_for(page_id, i, a) for i, a in enumerate(page.articles)}
    for seq, a in enumerate(page.articles):
        _insert_article(conn, page, page_id, seq, ids[a.id], ids, first + seq, paper_id)
    conn.executemany(
        "INSERT INTO blocks(page_id, seq, start, end, role, article_id) VALUES (?,?,?,?,?,?)",
        [(page_id, i, b.span[0], b.span[1], b.role, ids.get(b.article) if b.article else None)
         for i, b in enumerate(page.blocks)],
    )
    return len(page.articles)


def write_page(conn: apsw.Connection, page: Page, path: str | None) -> IngestResult:
    """Write ``page`` (inside the caller's transaction) and say what happened."""
    page_id = page_id_for(page)
    slot = _slot(page, path)
    if fetch(conn, "SELECT 1 FROM pages WHERE id = ?", (page_id,)):
        count = fetch(conn, "SELECT count(*) FROM articles WHERE page_id = ?",
                             (page_id,))[0][0]
        result = IngestResult(page_id, "unchanged", int(count))
    else:
        old = fetch(conn, "SELECT id FROM pages WHERE slot = ?", (slot,))
        old_issue = _delete_page(conn, old[0][0]) if old else None
        issue_id = _issue_id(conn, page.paper or "", page.date or "")
        count = _insert_page(conn, page, page_id, issue_id, slot, path)
        relink_issue(conn, issue_id)
        if old_issue is not None and old_issue != issue_id:
            relink_issue(conn, old_issue)
            _drop_if_empty(conn, old_issue)
        result = IngestResult(page_id, "replaced" if old else "added", count)
    fetch(conn,
        "INSERT INTO ingests(at, path, page_id, status, articles) VALUES (?,?,?,?,?)",
        (_now(), path or page.source.name, page_id, result.status, result.articles),
    )
    return result


def _chain(head: str, links: dict[str, str]) -> list[str]:
    chain = [head]
    while chain[-1] in links and links[chain[-1]] not in chain:
        chain.append(links[chain[-1]])
    return chain


def _root(article_id: str, back: dict[str, str]) -> str:
    seen = {article_id}
    while article_id in back and back[article_id] not in seen:
        article_id = back[article_id]
        seen.add(article_id)
    return article_id


def _index(conn: apsw.Connection, n: int, parts: Iterable[str]) -> None:
    """Insert the FTS row of a (merged) article: its head's headlines, all parts' bodies."""
    ids = list(parts)
    title, kicker, subtitles = fetch(
        conn, "SELECT title, kicker, subtitles FROM articles WHERE id = ?", (ids[0],))[0]
    kicker_text = "\n".join([kicker or "", *json.loads(subtitles)])
    body = body_of(conn, ids)
    fetch(conn, "INSERT INTO articles_fts(rowid, title, kicker, body) VALUES (?,?,?,?)",
                 (n, title, kicker_text, body))


def relink_issue(conn: apsw.Connection, issue_id: int) -> None:
    """Match continuations across the issue and update links and FTS rows that changed."""
    rows = fetch(conn,
        "SELECT a.n, a.id, p.label, a.title, a.continued_to, a.continued_from, "
        "a.continued_to_id, a.continued_from_id, a.merged_into, a.indexed "
        "FROM articles a JOIN pages p ON p.id = a.page_id WHERE p.issue_id = ? "
        "ORDER BY p.sort_key, a.seq", (issue_id,))
    parts = [Part(r[1], normalize_label(r[2]), r[3], normalize_label(r[4]),
                  normalize_label(r[5])) for r in rows]
    links = match_continuations(parts)
    back = {tail: head for head, tail in links.items()}
    for n, aid, _, _, _, _, old_to, old_from, old_merged, old_indexed in rows:
        root = _root(aid, back)
        merged = root if root != aid else None
        indexed = ",".join(_chain(aid, links)) if merged is None else None
        new = (links.get(aid), back.get(aid), merged)
        if new != (old_to, old_from, old_merged) or indexed != old_indexed:
            fetch(conn,
                "UPDATE articles SET continued_to_id = ?, continued_from_id = ?, merged_into = ?, "
                "indexed = ? WHERE n = ?", (*new, indexed, n))
        if merged != old_merged:
            fetch(conn, "UPDATE mentions SET story = ? WHERE article_id = ?", (merged or aid, aid))
        if indexed != old_indexed:
            if old_indexed is not None:
                fetch(conn, "DELETE FROM articles_fts WHERE rowid = ?", (n,))
            if indexed is not None:
                _index(conn, n, indexed.split(","))
