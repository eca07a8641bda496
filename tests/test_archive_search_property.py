"""Search agrees with brute-force substring matching on generated archives.

Texts are drawn from a few CJK characters with punctuation, spaces and line
breaks between, so 1-4 character queries hit often, straddle run ends and
sometimes miss. A word matches where it is a substring of a column (title,
kicker and subtitles, body); a quoted phrase of several words matches where
the words follow each other with nothing but non-token characters between.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_archive import make_page

from banmian.archive import Archive

ALPHABET = "青禾湖山市"
SEPARATORS = ",。 、"
text = st.text(alphabet=ALPHABET + SEPARATORS, min_size=1, max_size=30).filter(
    lambda t: any(c in ALPHABET for c in t))
word = st.text(alphabet=ALPHABET, min_size=1, max_size=4)
article = st.fixed_dictionaries({
    "title": text, "kicker": st.one_of(st.none(), text),
    "paragraphs": st.lists(text, min_size=1, max_size=3),
})
GAP = r"[\W_]*"


def columns(a: dict) -> list[str]:
    return [a["title"], a["kicker"] or "", "\n".join(a["paragraphs"])]


def has(a: dict, words: list[str]) -> bool:
    pattern = re.compile(GAP.join(re.escape(w) for w in words))
    return any(pattern.search(c) for c in columns(a))


def found(archive: Archive, query: str) -> set[str]:
    return {h.title + "|" + h.article_id for h in archive.search(query, limit=1000).hits}


def expected_titles(archive: Archive, articles: list[dict], keep: list[bool]) -> set[str]:
    ids = archive.connection.execute("SELECT id FROM articles ORDER BY seq").fetchall()
    return {a["title"] + "|" + i for (i,), a, k in zip(ids, articles, keep, strict=True) if k}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=st.lists(article, min_size=1, max_size=6),
       queries=st.lists(word, min_size=1, max_size=6),
       phrase=st.lists(word, min_size=2, max_size=3), excluded=word)
def test_search_equals_brute_force(tmp_path: Path, articles: list[dict], queries: list[str],
                                   phrase: list[str], excluded: str) -> None:
    page = make_page("青禾日报", "2023-03-08", "A1", articles)
    db = tmp_path / f"p{abs(hash((page.text, tuple(queries))))}.db"
    with Archive(db) as archive:
        archive.ingest_page(page)
        for q in queries:
            assert found(archive, q) == expected_titles(
                archive, articles, [has(a, [q]) for a in articles]), q
        quoted = '"' + " ".join(phrase) + '"'
        assert found(archive, quoted) == expected_titles(
            archive, articles, [has(a, phrase) for a in articles]), quoted
        q = f"{queries[0]} -{excluded}"
        assert found(archive, q) == expected_titles(
            archive, articles, [has(a, [queries[0]]) and not has(a, [excluded])
                                for a in articles]), q
        if len(queries) > 1:
            q = f"{queries[0]} OR {queries[1]}"
            assert found(archive, q) == expected_titles(
                archive, articles, [has(a, [queries[0]]) or has(a, [queries[1]])
                                    for a in articles]), q
