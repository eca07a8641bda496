"""The archive: schema, ingest, ids, continuations, search, reads.

Pages here are built in code from text written for these tests (invented
names and places), so every span and expectation is known exactly.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from banmian.archive import Archive
from banmian.archive.continuations import Part, match_continuations, normalize_label
from banmian.archive.paths import facts_from_path
from banmian.archive.query import parse_query, snippet
from banmian.archive.schema import MIGRATIONS
from banmian.errors import ArchiveError, QueryError
from banmian.model import Article, Block, Byline, Entity, Headline, Page, Paragraph, Source


def make_page(paper: str | None, date: str | None, label: str | None,
              articles: list[dict[str, Any]], *, name: str | None = None) -> Page:
    """A page whose text is the articles' lines, one per block, blank lines between.

    Each article dict: title, and optionally kicker, subtitles, byline (reporter names),
    paragraphs, headings (indexes of heading paragraphs), kind, continued_to/from,
    related_to, entities [(type, text, attrs)], furniture lines before it.
    """
    lines: list[tuple[str, str, str | None]] = []  # text, role, local article id
    for i, a in enumerate(articles):
        aid = f"a{i + 1}"
        if a.get("kicker"):
            lines.append((a["kicker"], "kicker", aid))
        lines.append((a["title"], "title", aid))
        lines.extend((s, "subtitle", aid) for s in a.get("subtitles", ()))
        if a.get("byline"):
            lines.append(("记者/" + " ".join(a["byline"]), "byline", aid))
        for j, p in enumerate(a.get("paragraphs", ())):
            lines.append((p, "heading" if j in a.get("headings", ()) else "body", aid))
        if a.get("continued_to"):
            lines.append((f"下转{a['continued_to']}版", "continuation", aid))
    if label:
        lines.append((f"{label}版 责编/周小禾", "furniture", None))
    text, spans = "", []
    for line, _, _ in lines:
        spans.append((len(text), len(text) + len(line)))
        text += line + "\n\n"
    blocks = tuple(Block(span, role, aid) for span, (_, role, aid) in zip(spans, lines, strict=False))
    built = []
    for i, a in enumerate(articles):
        aid = f"a{i + 1}"
        mine = [(span, role, line) for span, (line, role, x) in zip(spans, lines, strict=False) if x == aid]
        heads = tuple(Headline(role, line, span) for span, role, line in mine
                      if role in ("kicker", "title", "subtitle"))
        paras = tuple(Paragraph(line, role, (span,)) for span, role, line in mine
                      if role in ("body", "heading"))
        byline = next((Byline(line, span, reporters=tuple(a["byline"]))
                       for span, role, line in mine if role == "byline"), None)
        body_start = paras[0].spans[0][0] if paras else 0
        entities = []
        for etype, etext, attrs in a.get("entities", ()):
            at = text.find(etext, body_start)
            entities.append(Entity(etype, etext, at, at + len(etext), attrs))
        built.append(Article(
            id=aid, kind=a.get("kind", "article"), title=a["title"], kicker=a.get("kicker"),
            subtitles=tuple(a.get("subtitles", ())), headlines=heads, byline=byline,
            paragraphs=paras, continued_to=a.get("continued_to"),
            continued_from=a.get("continued_from"), related_to=tuple(a.get("related_to", ())),
            entities=tuple(entities)))
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Page(text=text, source=Source(name or f"{label}.txt", sha, "utf-8"), paper=paper,
                date=date, page=label, articles=tuple(built), blocks=blocks)


FRONT = [
    {"kicker": "全市重点项目集中开工", "title": "青禾新区十二个项目同日落地",
     "byline": ["林晓舟", "杜若"],
     "paragraphs": ["本报讯 昨日上午,青禾新区举行重点项目集中开工仪式,总投资八十六亿元。",
                    "市委书记钟以衡宣布项目开工。他强调,要抓紧推进征拆工作。"],
     "entities": [("person", "钟以衡", {"name": "钟以衡", "titles": ["市委书记"]}),
                  ("place", "青禾新区", {"admin": None})],
     "continued_to": "A2"},
    {"title": "沙河湾湿地公园春季开园",
     "paragraphs": ["沙河湾湿地公园将于三月开园,新增步道四公里。"],
     "entities": [("place", "沙河湾湿地公园", {})]},
    {"kind": "sidebar", "title": "相关链接", "paragraphs": ["青禾新区位于城市西北部。"],
     "related_to": ["a1"]},
]
SECOND = [
    {"title": "青禾新区项目同日落地", "continued_from": "A1",
     "paragraphs": ["钟以衡要求各部门靠前服务,确保项目年内见效。"],
     "entities": [("person", "钟以衡", {"name": "钟以衡", "titles": []})]},
    {"title": "枫桥社区义诊进楼栋", "byline": ["杜若"],
     "paragraphs": ["枫桥社区卫生服务中心的医生走进楼栋,为老人测血压。", "唐师傅说,很方便。"],
     "entities": [("person", "唐师傅", {"name": "唐师傅", "partial": True})]},
]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "a.db") as a:
        yield a


def front() -> Page:
    return make_page("青禾日报", "2023-03-08", "A1", FRONT)


def second() -> Page:
    return make_page("青禾日报", "2023-03-08", "A2", SECOND)


def test_migrations_are_recorded_and_the_file_is_plain_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as a:
        a.ingest_page(front())
        assert a.stats().migrations == [name for name, _ in MIGRATIONS]
    with Archive(path) as a:  # reopening applies nothing twice
        assert a.stats().pages == 1
    conn = sqlite3.connect(path)
    titles = [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY seq")]
    assert titles == ["青禾新区十二个项目同日落地", "沙河湾湿地公园春季开园", "相关链接"]
    conn.close()


def test_ingest_twice_changes_nothing(archive: Archive) -> None:
    first = archive.ingest_page(front(), path="A1.txt")
    assert (first.status, first.articles) == ("added", 3)
    before = archive.connection.execute("SELECT id, title FROM articles ORDER BY id").fetchall()
    again = archive.ingest_page(front(), path="A1.txt")
    assert (again.status, again.page_id) == ("unchanged", first.page_id)
    assert archive.connection.execute("SELECT id, title FROM articles ORDER BY id").fetchall() \
        == before
    assert archive.stats().pages == 1


def test_changed_page_replaces_the_old_one(archive: Archive) -> None:
    archive.ingest_page(front())
    changed = [dict(FRONT[0]), *FRONT[1:]]
    changed[0]["title"] = "青禾新区十三个项目同日落地"
    result = archive.ingest_page(make_page("青禾日报", "2023-03-08", "A1", changed))
    assert result.status == "replaced"
    assert archive.stats().pages == 1
    assert archive.search("十三个").total == 1
    assert archive.search("十二个").total == 0


def test_readonly_archive_refuses_writes(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as a:
        a.ingest_page(front())
    with Archive(tmp_path / "a.db", readonly=True) as ro:
        assert ro.search("湿地").total == 1
        with pytest.raises(ArchiveError):
            ro.ingest_page(second())


def test_not_an_archive(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ArchiveError, match="not a banmian archive"):
        Archive(other, readonly=True)


def test_ids_are_content_hashes(tmp_path: Path) -> None:
    with Archive(tmp_path / "one.db") as a, Archive(tmp_path / "two.db") as b:
        a.ingest_page(front())
        b.ingest_page(front())
        ids = "SELECT id FROM articles ORDER BY id"
        assert a.connection.execute(ids).fetchall() == b.connection.execute(ids).fetchall()


def test_continuation_is_merged_into_one_article(archive: Archive) -> None:
    archive.ingest_page(second())  # pages may arrive in any order
    archive.ingest_page(front())
    head = archive.search("项目开工").hits[0]
    story = archive.article(head.article_id)
    assert story is not None
    assert story.pages == ["A1", "A2"]
    assert story.paragraphs[-1]["text"].startswith("钟以衡要求各部门")
    tail_id = story.continued_to["article_id"] if story.continued_to else None
    tail = archive.article(tail_id or "")
    assert tail is not None and tail.continued_from == {"page": "A1", "article_id": story.id}
    # the merged story is found once, by words from either page
    assert [h.article_id for h in archive.search("靠前服务").hits] == [story.id]
    assert archive.stats().continuations_merged == 1
    assert archive.stats().jumps_unmatched == 0


def test_unmatched_jump_stays_visible(archive: Archive) -> None:
    archive.ingest_page(front())
    story = archive.article(archive.search("项目开工").hits[0].article_id)
    assert story is not None and story.continued_to == {"page": "A2", "article_id": None}
    assert archive.stats().jumps_unmatched == 1


def test_replacing_the_tail_page_unmerges(archive: Archive) -> None:
    archive.ingest_page(front())
    archive.ingest_page(second())
    archive.ingest_page(make_page("青禾日报", "2023-03-08", "A2", SECOND[1:]))
    assert archive.stats().continuations_merged == 0
    assert archive.search("靠前服务").total == 0
    assert archive.search("项目开工").total == 1


def test_continuations_match_by_title_not_position() -> None:
    parts = [
        Part("h1", "1", "河堤加固工程全面完工", "4", None),
        Part("h2", "1", "春耕备耕有序展开", "4", None),
        Part("t1", "4", "春耕备耕有序展开", None, "1"),
        Part("t2", "4", "河堤加固工程完工", None, "1"),
    ]
    assert match_continuations(parts) == {"h1": "t2", "h2": "t1"}
    # one jump each way between two pages pairs even with a reworded title
    assert match_continuations([Part("h", "A1", "甲", "A3", None),
                                Part("t", "A3", "乙", None, "A1")]) == {"h": "t"}
    # two candidates with unrelated titles: left unmatched
    assert match_continuations([Part("h", "A1", "甲乙丙", "A3", None),
                                Part("t", "A3", "丁戊己", None, "A1"),
                                Part("u", "A3", "庚辛壬", None, "A1")]) == {}


@pytest.mark.parametrize(("raw", "norm"), [("A02", "A2"), ("第四版", "4"), ("04", "4"),
                                           ("第A2版", "A2"), ("十二", "12"), ("b3", "B3")])
def test_page_labels_normalize(raw: str, norm: str) -> None:
    assert normalize_label(raw) == norm


@pytest.mark.parametrize(("path", "facts"), [
    ("in/株珠日报/2022-01-07/A1.txt", ("株珠日报", "2022-01-07", "A1")),
    ("in/20200106-04.txt", (None, "2020-01-06", "04")),
    ("in/2022/01/07/01.txt", (None, "2022-01-07", "01")),
    ("in/notes.txt", (None, None, None)),
])
def test_path_patterns(path: str, facts: tuple[str | None, ...]) -> None:
    f = facts_from_path(path)
    assert (f.paper, f.date, f.page) == facts


def test_custom_path_pattern() -> None:
    f = facts_from_path("x/qh-2023.03.08-p5.txt",
                        [r"(?P<paper>[a-z]+)-(?P<year>\d{4})\.(?P<month>\d\d)\.(?P<day>\d\d)"
                         r"-p(?P<page>\d+)"])
    assert (f.paper, f.date, f.page) == ("qh", "2023-03-08", "5")


def test_search_words_phrases_exclusions_or(archive: Archive) -> None:
    archive.ingest_page(front())
    archive.ingest_page(second())
    found = {h.title for h in archive.search("社区").hits}
    assert found == {"枫桥社区义诊进楼栋"}
    assert archive.search("曹").total == 0
    assert archive.search("钟").total == 1  # one character
    assert archive.search('"湿地 公园"').total == 1  # punctuation and spaces take no position
    assert archive.search('"公园 湿地"').total == 0
    assert archive.search("湿地公园 -步道").total == 0
    assert archive.search("湿地公园 OR 义诊").total == 2
    assert archive.search("湿地公园 义诊").total == 0
    with pytest.raises(QueryError):
        archive.search("-步道")


def test_title_ranks_above_body(archive: Archive) -> None:
    archive.ingest_page(make_page("青禾日报", "2023-03-09", "A3", [
        {"title": "一份清单", "paragraphs": ["湿地周边的垃圾清运完成。"]},
        {"title": "湿地保护条例出台", "paragraphs": ["条例自五月起施行。"]},
    ]))
    assert [h.title for h in archive.search("湿地").hits] == ["湿地保护条例出台", "一份清单"]


def test_search_filters_and_facets(archive: Archive) -> None:
    archive.ingest_page(front())
    archive.ingest_page(second())
    archive.ingest_page(make_page("河口晚报", "2022-11-02", "3", [
        {"title": "河口社区新添食堂", "byline": ["陶然"], "paragraphs": ["社区食堂开张。"]}]))
    r = archive.search("社区")
    assert r.total == 2
    assert r.facets == {"year": {"2023": 1, "2022": 1}, "paper": {"青禾日报": 1, "河口晚报": 1}}
    assert archive.search("社区", paper="河口晚报").total == 1
    assert archive.search("社区", date_from="2023-01-01").total == 1
    assert archive.search("社区", date_to="2022-12-31").hits[0].paper == "河口晚报"
    assert archive.search("社区", page="a2").total == 1
    assert archive.search("社区", reporter="陶然").total == 1
    assert archive.search("", reporter="杜若").total == 2
    assert archive.search("", kind="sidebar").hits[0].title == "相关链接"
    assert archive.search("", person="钟以衡").total == 1
    page2 = archive.search("社区", limit=1, offset=1)
    assert len(page2.hits) == 1 and page2.total == 2


def test_snippet_is_html_safe_with_marks() -> None:
    text = "前言<b>不是标签</b>,然后讲到湿地公园的湿地。"
    s = snippet(text, ("湿地",))
    assert "<b>" not in s and "&lt;b&gt;" in s
    assert s.count("<mark>湿地</mark>") == 2


def test_query_parsing() -> None:
    assert parse_query('湿地 "春季 开园" -步道').expression == \
        '("湿地" AND "春季 开园") NOT ("步道")'
    assert parse_query("a OR b c").expression == '("a" OR "b") AND "c"'
    assert parse_query("  ").expression is None
    assert parse_query('引号"里').terms == ('引号"里',)


def test_hit_fields(archive: Archive) -> None:
    archive.ingest_page(front())
    hit = archive.search("沙河湾").hits[0]
    assert (hit.paper, hit.date, hit.page, hit.title) == ("青禾日报", "2023-03-08", "A1",
                                                          "沙河湾湿地公园春季开园")
    assert "<mark>沙河湾</mark>" in hit.snippet and hit.score > 0
    assert json.loads(json.dumps(archive.search("沙河湾").to_dict()))["total"] == 1


def test_article_view(archive: Archive) -> None:
    archive.ingest_page(front())
    story = archive.article(archive.search("项目开工").hits[0].article_id)
    assert story is not None
    assert story.kicker == "全市重点项目集中开工"
    assert story.byline is not None and story.byline["reporters"] == ["林晓舟", "杜若"]
    assert story.sidebars == [{"id": story.sidebars[0]["id"], "title": "相关链接"}]
    assert [e["text"] for e in story.entities] == ["钟以衡", "青禾新区"]
    assert story.source_lines[0] == "全市重点项目集中开工"
    assert story.source_lines[-1] == "下转A2版"
    sidebar = archive.article(story.sidebars[0]["id"])
    assert sidebar is not None and sidebar.related_to == [story.id]
    assert archive.article("nope") is None


def test_papers_issues_issue(archive: Archive) -> None:
    archive.ingest_page(second())
    archive.ingest_page(front())
    [paper] = archive.papers()
    assert (paper.name, paper.issues, paper.articles) == ("青禾日报", 1, 4)
    [summary] = archive.issues("青禾日报")
    assert (summary.pages, summary.articles) == (2, 4)
    detail = archive.issue("青禾日报", "2023-03-08")
    assert detail is not None
    assert [p.label for p in detail.pages] == ["A1", "A2"]
    assert [a.title for a in detail.pages[1].articles] == ["青禾新区项目同日落地", "枫桥社区义诊进楼栋"]
    assert detail.pages[1].articles[0].continued_from["article_id"] == \
        detail.pages[0].articles[0].id  # type: ignore[index]
    assert archive.issue("青禾日报", "1999-01-01") is None


def test_people_and_entity(archive: Archive) -> None:
    archive.ingest_page(front())
    archive.ingest_page(second())
    later = [{"title": "市长调研", "paragraphs": ["市长钟以衡调研枫桥社区。"],
              "entities": [("person", "钟以衡", {"name": "钟以衡", "titles": ["市长"]}),
                           ("person", "罗青", {"name": "罗青", "titles": ["副\n市长"]})]}]
    archive.ingest_page(make_page("青禾日报", "2024-05-02", "A1", later))
    people = {p.name: p for p in archive.people()}
    assert set(people) == {"钟以衡", "罗青"}  # partial names are not listed
    zhong = people["钟以衡"]
    assert zhong.articles == 2 and (zhong.first, zhong.last) == ("2023-03-08", "2024-05-02")
    assert zhong.titles == [{"title": "市委书记", "first": "2023-03-08", "last": "2023-03-08"},
                            {"title": "市长", "first": "2024-05-02", "last": "2024-05-02"}]
    assert [p.name for p in archive.people(title="副市长")] == ["罗青"]  # line break dropped
    assert [p.name for p in archive.people(date_to="2023-12-31")] == ["钟以衡"]
    detail = archive.entity("person", "钟以衡")
    assert detail is not None
    assert detail.mentions_per_month == {"2023-03": 2, "2024-05": 1}
    assert [a["date"] for a in detail.articles] == ["2023-03-08", "2024-05-02"]
    assert detail.co_occurring == [("罗青", 1)]
    place = archive.entity("place", "沙河湾湿地公园")
    assert place is not None and len(place.articles) == 1
    assert archive.entity("person", "无名氏") is None


def test_recent_ingests_and_stats(archive: Archive) -> None:
    archive.ingest_page(front(), path="in/A1.txt")
    archive.ingest_page(front(), path="in/A1.txt")
    recent = archive.recent_ingests(5)
    assert [r.status for r in recent] == ["unchanged", "added"]
    assert recent[0].page == "A1" and recent[0].path == "in/A1.txt"
    stats = archive.stats()
    assert (stats.papers, stats.issues, stats.pages, stats.articles, stats.sidebars) == \
        (1, 1, 1, 3, 1)
    assert stats.bytes > 0 and stats.first_date == "2023-03-08"


def test_page_without_facts_is_kept_by_path(archive: Archive) -> None:
    loose = make_page(None, None, None, FRONT[1:2], name="loose.txt")
    assert archive.ingest_page(loose, path="loose.txt").status == "added"
    hit = archive.search("步道").hits[0]
    assert (hit.paper, hit.date, hit.page) == (None, None, None)
    changed = replace(loose, source=replace(loose.source, sha256="0" * 64))
    assert archive.ingest_page(changed, path="loose.txt").status == "replaced"


def test_unfiltered_search_agrees_with_the_joined_path(archive: Archive) -> None:
    archive.ingest_page(front())
    archive.ingest_page(second())
    archive.ingest_page(make_page("河口晚报", "2022-11-02", "3", [
        {"title": "河口社区新添食堂", "paragraphs": ["社区食堂开张,青禾新区的居民也来了。"]}]))
    for q in ("社区", "青禾", "钟", "项目 -步道", "食堂 OR 湿地"):
        fast = archive.search(q)
        joined = archive.search(q, date_from="")  # any filter takes the joined path
        assert (fast.total, fast.facets) == (joined.total, joined.facets), q
        assert [h.article_id for h in fast.hits] == [h.article_id for h in joined.hits], q


def test_ranking_window_keeps_totals_and_prefers_the_latest_year(
        archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    from banmian.archive import read

    for year in ("2021", "2022", "2023"):
        archive.ingest_page(make_page("青禾日报", f"{year}-05-01", "A1", [
            {"title": f"{year}年湿地观鸟", "paragraphs": ["湿地里来了白鹭。"]}]))
    monkeypatch.setattr(read, "RANK_WINDOW", 1)
    r = archive.search("湿地", limit=1)
    assert r.total == 3 and r.facets["year"] == {"2021": 1, "2022": 1, "2023": 1}
    assert r.hits[0].date == "2023-05-01"
    assert len(archive.search("湿地", limit=3).hits) == 3  # the window grows with the page
