"""A writer killed with SIGKILL in the middle of a page leaves a consistent archive.

A subprocess ingests page JSON files; a hook makes it stop inside the
transaction of one page (after some of its articles are written) and say
so; the test then kills it with SIGKILL. The archive must hold exactly the
pages before that one, each complete, with a consistent full-text index,
and the next run must complete the rest.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_archive import make_page

from banmian.archive import Archive
from banmian.archive.ingest import ingest_paths

PAGES = 6
KILLED_PAGE = 4  # 0-based: pages 0..3 are committed before the kill
ARTICLES_PER_PAGE = 3

# A child process whose writes stall inside the first article of one page (argv[3]).
SLOW_WRITE = textwrap.dedent("""
    import sys, time
    import banmian.archive.write as write

    original = write._insert_article
    def slow(conn, page, page_id, seq, *rest):
        original(conn, page, page_id, seq, *rest)
        if page.page == sys.argv[3] and seq == 1:
            print("inside", flush=True)
            time.sleep(60)
    write._insert_article = slow
""")

CHILD = SLOW_WRITE + textwrap.dedent("""
    from banmian.archive import Archive
    from banmian.archive.ingest import ingest_paths

    with Archive(sys.argv[1]) as archive:
        ingest_paths(archive, [sys.argv[2]])
""")


def write_pages(folder: Path) -> list[str]:
    folder.mkdir()
    labels = []
    for n in range(PAGES):
        label = f"A{n + 1}"
        articles = [{"title": f"第{n + 1}版第{k + 1}篇 湖山新闻",
                     "paragraphs": [f"湖山市第{n + 1}版的第{k + 1}篇报道,青禾湖畔。"]}
                    for k in range(ARTICLES_PER_PAGE)]
        page = make_page("湖山日报", "2023-04-01", label, articles)
        (folder / f"{n:02d}-{label}.json").write_text(
            json.dumps(page.to_dict(), ensure_ascii=False), encoding="utf-8")
        labels.append(label)
    return labels


def check_consistent(archive: Archive, pages: int) -> None:
    conn = archive.connection
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert archive.stats().pages == pages
    per_page = conn.execute("SELECT count(*) FROM articles GROUP BY page_id").fetchall()
    assert per_page == [(ARTICLES_PER_PAGE,)] * pages
    assert archive.search("湖畔").total == pages * ARTICLES_PER_PAGE
    orphans = conn.execute("SELECT count(*) FROM paragraphs WHERE article_id NOT IN "
                           "(SELECT id FROM articles)").fetchall()
    assert orphans == [(0,)]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_page_leaves_a_consistent_archive(tmp_path: Path) -> None:
    labels = write_pages(tmp_path / "pages")
    db = tmp_path / "a.db"
    with Archive(db):
        pass  # create and migrate before the child starts
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(tmp_path / "pages"), labels[KILLED_PAGE]],
        stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with Archive(db) as archive:
        check_consistent(archive, KILLED_PAGE)
        summary = ingest_paths(archive, [str(tmp_path / "pages")])
        assert (summary.added, summary.unchanged) == (PAGES - KILLED_PAGE, KILLED_PAGE)
        check_consistent(archive, PAGES)


CHILD_CLI = SLOW_WRITE + textwrap.dedent("""
    from banmian.cli import main

    main(["ingest", sys.argv[2], "--db", sys.argv[1], "--quiet", "--workers", "2"])
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT delivery is POSIX")
def test_ctrl_c_stops_between_pages_with_one_line(tmp_path: Path) -> None:
    labels = write_pages(tmp_path / "pages")
    db = tmp_path / "a.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_CLI, str(db), str(tmp_path / "pages"), labels[KILLED_PAGE]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"
    os.kill(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert err.strip().startswith("banmian: interrupted;") and "Traceback" not in err
    with Archive(db) as archive:
        check_consistent(archive, KILLED_PAGE)
