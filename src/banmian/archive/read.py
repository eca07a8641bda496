"""Read queries over the archive: search, articles, issues, people, stats.

Each function takes an open apsw connection and returns the frozen result
dataclasses of :mod:`banmian.archive.results`. Continuation parts merged
into a head article are found, listed and shown through that head.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from typing import Any

import apsw

from banmian.archive.images import page_image
from banmian.archive.query import ParsedQuery, parse_query, snippet
from banmian.archive.results import (
    EntityDetail,
    Hit,
    IssueArticle,
    IssueDetail,
    IssuePage,
    IssueSummary,
    PaperSummary,
    PersonSummary,
    SearchResults,
    StoredArticle,
)
from banmian.archive.sql import fetch
from banmian.archive.write import BUCKET_SHIFT

__all__ = [
    "article",
    "byline_of",
    "entity",
    "issue",
    "issues",
    "papers",
    "people",
    "search",
]

# bm25 column weights (title, kicker + subtitles, body): a word in the
# headline says more about what the article is about than one in the body.
TITLE_WEIGHT = 10.0
KICKER_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# Above this many matches an unfiltered search ranks the RANK_WINDOW matches with the
# highest row numbers (latest year first, then latest ingested): bm25 costs a few
# microseconds a row, and a one-character query can match most of the archive.
RANK_WINDOW = 5000
# People listed as named together with an entity.
CO_OCCURRING = 20
JOINS = ("JOIN pages p ON p.id = a.page_id JOIN issues i ON i.id = p.issue_id "
         "JOIN papers pp ON pp.id = i.paper_id")


def _none(value: str | None) -> str | None:
    """'' stands for an unknown paper or date in the tables; the API says None."""
    return value or None


def _filters(
    paper: str | None, date_from: str | None, date_to: str | None, page: str | None,
    reporter: str | None, person: str | None, kind: str | None,
) -> tuple[str, list[Any]]:
    where = ["a.merged_into IS NULL"]
    args: list[Any] = []
    simple = (("pp.name = ?", paper), ("i.date >= ?", date_from), ("i.date <= ?", date_to),
              ("p.label = ? COLLATE NOCASE", page), ("a.kind = ?", kind))
    for clause, value in simple:
        if value is not None:
            where.append(clause)
            args.append(value)
    if reporter is not None:
        where.append("EXISTS (SELECT 1 FROM byline_names b JOIN articles x ON x.id = b.article_id "
                     "WHERE b.name = ? AND (x.id = a.id OR x.merged_into = a.id))")
        args.append(reporter)
    if person is not None:
        where.append("a.id IN (SELECT story FROM mentions WHERE type = 'person' AND name = ?)")
        args.append(person)
    return " AND ".join(where), args


def search(
    conn: apsw.Connection, query: str, *, paper: str | None = None, date_from: str | None = None,
    date_to: str | None = None, page: str | None = None, reporter: str | None = None,
    person: str | None = None, kind: str | None = None, limit: int = 20, offset: int = 0,
) -> SearchResults:
    parsed = parse_query(query)
    filters = (paper, date_from, date_to, page, reporter, person, kind)
    if parsed.expression is not None and all(f is None for f in filters):
        return _search_everything(conn, parsed, limit, offset)
    where, args = _filters(*filters)
    if parsed.expression is None:
        matches = [(0.0, r[0], r[1], r[2]) for r in fetch(conn,
            f"SELECT a.n, i.date, pp.name FROM articles a {JOINS} WHERE {where} "
            "ORDER BY i.date DESC, pp.name, p.sort_key, a.seq", args)]
        top = matches[offset : offset + limit]
    else:
        matches = [(r[0], r[1], r[2], r[3]) for r in fetch(conn,
            f"SELECT bm25(articles_fts, {TITLE_WEIGHT}, {KICKER_WEIGHT}, {BODY_WEIGHT}), "
            f"a.n, i.date, pp.name FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            f"{JOINS} WHERE articles_fts MATCH ? AND {where}", [parsed.expression, *args])]
        top = heapq.nsmallest(offset + limit, matches)[offset:]
    facets = {
        "year": dict(Counter(m[2][:4] for m in matches if m[2]).most_common()),
        "paper": dict(Counter(m[3] for m in matches if m[3]).most_common()),
    }
    hits = _hits(conn, [(n, -score) for score, n, _, _ in top], parsed.terms)
    return SearchResults(query=query, total=len(matches), hits=hits, facets=facets)


def _search_everything(conn: apsw.Connection, parsed: ParsedQuery, limit: int,
                       offset: int) -> SearchResults:
    """An unfiltered search: counts per rowid bucket, bm25 over a bounded window."""
    expr = parsed.expression
    years: Counter[str] = Counter()
    papers: Counter[str] = Counter()
    # One pass over the matches, counted per rowid bucket (a bucket is one year of one paper).
    counts = dict(fetch(conn, f"SELECT rowid >> {BUCKET_SHIFT}, count(*) FROM articles_fts "
                              "WHERE articles_fts MATCH ? GROUP BY 1", (expr,)))
    for bucket, year, name in fetch(conn, "SELECT b.bucket, b.year, pp.name FROM buckets b "
                                    "JOIN papers pp ON pp.id = b.paper_id"):
        count = counts.get(bucket, 0)
        years[year] += count
        papers[name] += count
    total = sum(papers.values())
    window = max(RANK_WINDOW, offset + limit)
    bound, args = "", [expr]
    if total > window:
        bound = " AND rowid >= ?"
        args.append(fetch(conn, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                          "ORDER BY rowid DESC LIMIT 1 OFFSET ?", (expr, window - 1))[0][0])
    top = fetch(conn, f"SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, {KICKER_WEIGHT}, "
                f"{BODY_WEIGHT}) AS s FROM articles_fts WHERE articles_fts MATCH ?{bound} "
                "ORDER BY s, rowid LIMIT ? OFFSET ?", [*args, limit, offset])
    facets = {"year": {k: v for k, v in years.most_common() if k and v},
              "paper": {k: v for k, v in papers.most_common() if k and v}}
    hits = _hits(conn, [(n, -score) for n, score in top], parsed.terms)
    return SearchResults(query=parsed.text, total=total, hits=hits, facets=facets)


def _hits(conn: apsw.Connection, scored: list[tuple[int, float]],
          terms: tuple[str, ...]) -> list[Hit]:
    """The result rows for ``(rowid, score)`` pairs, fetched in two queries, in order."""
    if not scored:
        return []
    marks = ",".join("?" * len(scored))
    rows = {r[0]: r[1:] for r in fetch(conn,
        f"SELECT a.n, a.id, pp.name, i.date, p.label, a.kicker, a.title, a.indexed "
        f"FROM articles a {JOINS} WHERE a.n IN ({marks})", [n for n, _ in scored])}
    parts = {n: (row[6].split(",") if row[6] else [row[0]]) for n, row in rows.items()}
    wanted = sorted({aid for ids in parts.values() for aid in ids})
    paragraphs: dict[str, list[str]] = {}
    for aid, text in fetch(conn, f"SELECT article_id, text FROM paragraphs WHERE article_id IN "
                                 f"({','.join('?' * len(wanted))}) ORDER BY article_id, seq", wanted):
        paragraphs.setdefault(aid, []).append(text)
    hits = []
    for n, score in scored:
        aid, paper, date, label, kicker, title, _ = rows[n]
        text = "\n".join(t for part in parts[n] for t in paragraphs.get(part, ()))
        hits.append(Hit(article_id=aid, paper=_none(paper), date=_none(date), page=label,
                        kicker=kicker, title=title, snippet=snippet(text, terms),
                        score=round(score, 4)))
    return hits


def _jump(label: str | None, target: str | None) -> dict[str, str | None] | None:
    return {"page": label, "article_id": target} if label else None


def byline_of(conn: apsw.Connection, aid: str) -> dict[str, Any] | None:
    rows = fetch(conn, "SELECT text, start, end, source, agency, place, date FROM bylines "
                        "WHERE article_id = ?", (aid,))
    if not rows:
        return None
    text, start, end, source, agency, place, date = rows[0]
    names: dict[str, list[str]] = {"reporter": [], "correspondent": [], "photographer": []}
    for role, name in fetch(conn, "SELECT role, name FROM byline_names WHERE article_id = ? "
                                   "ORDER BY rowid", (aid,)):
        names[role].append(name)
    return {"text": text, "span": [start, end], "source": source, "agency": agency,
            "place": place, "date": date, "reporters": names["reporter"],
            "correspondents": names["correspondent"], "photographers": names["photographer"]}


def _lines(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The whole source lines that the spans touch, in page order, each once."""
    starts: dict[int, str] = {}
    for s, e in sorted(spans):
        begin = text.rfind("\n", 0, s) + 1
        while begin < e:
            stop = text.find("\n", begin)
            stop = len(text) if stop < 0 else stop
            starts.setdefault(begin, text[begin:stop])
            begin = stop + 1
    return [starts[k] for k in sorted(starts)]


def _source_lines(conn: apsw.Connection, aid: str, page_id: str, page_text: str) -> list[str]:
    spans = [(s, e) for s, e in fetch(conn,
        "SELECT start, end FROM blocks WHERE page_id = ? AND article_id = ?", (page_id, aid))]
    if not spans:
        for (raw,) in fetch(conn, "SELECT spans FROM paragraphs WHERE article_id = ?", (aid,)):
            spans.extend((s, e) for s, e in json.loads(raw))
    return _lines(page_text, spans)


def _entities(conn: apsw.Connection, aid: str) -> list[dict[str, Any]]:
    return [{"type": t, "text": x, "start": s, "end": e, **json.loads(attrs)}
            for t, x, s, e, attrs in fetch(conn,
                "SELECT type, text, start, end, attrs FROM entities WHERE article_id = ? "
                "ORDER BY seq", (aid,))]


def article(conn: apsw.Connection, article_id: str) -> StoredArticle | None:
    rows = fetch(conn,
        f"SELECT a.id, a.kind, pp.name, i.date, a.kicker, a.title, a.subtitles, a.related_to, "
        f"a.continued_to, a.continued_to_id, a.continued_from, a.continued_from_id, a.page_id, "
        f"a.indexed FROM articles a {JOINS} WHERE a.id = ?", (article_id,))
    if not rows:
        return None
    (aid, kind, paper, date, kicker, title, subtitles, related, to, to_id, frm, frm_id,
     page_id, indexed) = rows[0]
    part_ids = indexed.split(",") if indexed else [aid]
    pages: list[str] = []
    paragraphs: list[dict[str, str]] = []
    entities: list[dict[str, Any]] = []
    source_lines: list[str] = []
    for pid in part_ids:
        label, part_page, text = fetch(conn, "SELECT p.label, p.id, p.text FROM articles a "
                                       "JOIN pages p ON p.id = a.page_id WHERE a.id = ?", (pid,))[0]
        if label and label not in pages:
            pages.append(label)
        paragraphs.extend({"text": t, "role": r} for t, r in fetch(conn,
            "SELECT text, role FROM paragraphs WHERE article_id = ? ORDER BY seq", (pid,)))
        entities.extend(_entities(conn, pid))
        source_lines.extend(_source_lines(conn, pid, part_page, text))
    sidebars = [{"id": i, "title": t} for i, t in fetch(conn,
        "SELECT id, title FROM articles WHERE page_id = ? AND kind = 'sidebar' AND id != ? "
        "AND instr(related_to, ?) > 0 ORDER BY seq", (page_id, aid, f'"{aid}"'))]
    return StoredArticle(
        id=aid, kind=kind, paper=_none(paper), date=_none(date), pages=pages, kicker=kicker,
        title=title, subtitles=json.loads(subtitles), byline=byline_of(conn, aid),
        paragraphs=paragraphs, entities=entities, sidebars=sidebars,
        related_to=json.loads(related), continued_to=_jump(to, to_id),
        continued_from=_jump(frm, frm_id), source_lines=source_lines, page_id=page_id)


def papers(conn: apsw.Connection) -> list[PaperSummary]:
    return [PaperSummary(name, int(ni), int(na), _none(first), _none(last))
            for name, ni, na, first, last in fetch(conn,
                "SELECT pp.name, count(DISTINCT i.id), "
                "(SELECT count(*) FROM articles a JOIN pages p ON p.id = a.page_id JOIN issues j "
                " ON j.id = p.issue_id WHERE j.paper_id = pp.id AND a.merged_into IS NULL), "
                "min(NULLIF(i.date, '')), max(NULLIF(i.date, '')) "
                "FROM papers pp JOIN issues i ON i.paper_id = pp.id GROUP BY pp.id ORDER BY pp.name")]


def issues(conn: apsw.Connection, paper: str | None = None) -> list[IssueSummary]:
    where, args = ("WHERE pp.name = ?", [paper]) if paper is not None else ("", [])
    return [IssueSummary(name, date, int(np), int(na or 0)) for name, date, np, na in fetch(conn,
        "SELECT pp.name, i.date, count(DISTINCT p.id), "
        "(SELECT count(*) FROM articles a JOIN pages q ON q.id = a.page_id "
        " WHERE q.issue_id = i.id AND a.merged_into IS NULL) "
        f"FROM issues i JOIN papers pp ON pp.id = i.paper_id JOIN pages p ON p.issue_id = i.id "
        f"{where} GROUP BY i.id ORDER BY i.date DESC, pp.name", args)]


def issue(conn: apsw.Connection, paper: str, date: str) -> IssueDetail | None:
    pages = fetch(conn,
        "SELECT p.id, p.label FROM pages p JOIN issues i ON i.id = p.issue_id "
        "JOIN papers pp ON pp.id = i.paper_id WHERE pp.name = ? AND i.date = ? "
        "ORDER BY p.sort_key, p.path", (paper, date))
    if not pages:
        return None
    out = []
    for page_id, label in pages:
        arts = [IssueArticle(aid, kind, kicker, title, _jump(to, to_id), _jump(frm, frm_id))
                for aid, kind, kicker, title, to, to_id, frm, frm_id in fetch(conn,
                    "SELECT id, kind, kicker, title, continued_to, continued_to_id, "
                    "continued_from, continued_from_id FROM articles WHERE page_id = ? "
                    "ORDER BY seq", (page_id,))]
        out.append(IssuePage(label, page_id, arts, page_image(conn, page_id)))
    return IssueDetail(paper, date, out)


def _mention_filter(alias: str, paper: str | None, date_from: str | None,
                    date_to: str | None) -> tuple[str, list[Any]]:
    """Conditions on a table with ``paper_id`` and ``date`` columns (mentions, person_titles)."""
    where, args = [], []
    for clause, value in ((f"{alias}.paper_id = (SELECT id FROM papers WHERE name = ?)", paper),
                          (f"{alias}.date >= ?", date_from), (f"{alias}.date <= ?", date_to)):
        if value is not None:
            where.append(clause)
            args.append(value)
    return " AND ".join(where) or "1", args


def people(conn: apsw.Connection, *, title: str | None = None, paper: str | None = None,
           date_from: str | None = None, date_to: str | None = None,
           limit: int = 100) -> list[PersonSummary]:
    where, args = _mention_filter("m", paper, date_from, date_to)
    titled, titled_args = "", []
    if title is not None:
        t_where, t_args = _mention_filter("t", paper, date_from, date_to)
        titled = f"AND m.name IN (SELECT t.person FROM person_titles t WHERE t.title = ? AND {t_where})"
        titled_args = [title, *t_args]
    rows = fetch(conn,
        "SELECT m.name, min(NULLIF(m.date, '')), max(NULLIF(m.date, '')), "
        "count(DISTINCT m.story) AS n FROM mentions m "
        f"WHERE m.type = 'person' AND {where} {titled} "
        "GROUP BY m.name ORDER BY n DESC, m.name LIMIT ?", [*args, *titled_args, limit])
    return [PersonSummary(name, _titles(conn, name, paper, date_from, date_to), first, last,
                          int(n)) for name, first, last, n in rows]


def _titles(conn: apsw.Connection, person: str, paper: str | None = None,
            date_from: str | None = None, date_to: str | None = None
            ) -> list[dict[str, str | None]]:
    where, args = _mention_filter("t", paper, date_from, date_to)
    return [{"title": t, "first": f, "last": la} for t, f, la in fetch(conn,
        f"SELECT t.title, min(NULLIF(t.date, '')), max(NULLIF(t.date, '')) FROM person_titles t "
        f"WHERE t.person = ? AND {where} GROUP BY t.title ORDER BY min(t.date), t.title",
        [person, *args])]


def entity(conn: apsw.Connection, type: str, name: str) -> EntityDetail | None:
    ids = [r[0] for r in fetch(conn, "SELECT DISTINCT story FROM mentions WHERE type = ? "
                               "AND name = ?", (type, name))]
    if not ids:
        return None
    marks = ",".join("?" * len(ids))
    arts = [{"id": aid, "date": _none(date), "paper": _none(paper), "title": title}
            for aid, date, paper, title in fetch(conn,
                f"SELECT a.id, i.date, pp.name, a.title FROM articles a {JOINS} "
                f"WHERE a.id IN ({marks}) ORDER BY i.date, pp.name, p.sort_key, a.seq", ids)]
    months = dict(fetch(conn,
        "SELECT substr(date, 1, 7), sum(count) FROM mentions WHERE type = ? AND name = ? "
        "AND date != '' GROUP BY 1 ORDER BY 1", (type, name)))
    co = fetch(conn,
        "SELECT m.name, count(DISTINCT m.story) AS n FROM mentions m WHERE m.type = 'person' "
        "AND m.name != ? AND m.story IN (SELECT story FROM mentions WHERE type = ? AND name = ?) "
        "GROUP BY m.name ORDER BY n DESC, m.name LIMIT ?", (name, type, name, CO_OCCURRING))
    return EntityDetail(type=type, name=name,
                        titles=_titles(conn, name) if type == "person" else [],
                        articles=arts, mentions_per_month=months,
                        co_occurring=[(n, int(c)) for n, c in co])
