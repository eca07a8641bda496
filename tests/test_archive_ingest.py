"""Ingest from files through the real parser, and the archive commands.

The page texts are written for these tests in the style of PDF-extracted
page text (one block per line, blank lines between, byline glued to the first
paragraph, continuation markers); names and places are invented.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from banmian.archive import Archive
from banmian.archive.ingest import IngestOptions, ingest_paths
from banmian.cli import main

PAGE_A1 = """

青禾新区十二个项目集中开工

总投资八十六亿元 涵盖制造、物流和民生

青禾日报讯(记者/林晓舟 通讯员/杜若) 3月7日上午,青禾新区重点项目集中开工仪式在松岗产业园举行,十二个项目同日落地,总投资八十六亿元。

市委书记钟以衡出席并宣布项目开工。他强调,要把项目建设作为稳增长的主抓手,抓紧推进征拆和配套工作,确保项目早投产、早见效。

据介绍,此次开工的项目涵盖装备制造、冷链物流、社区养老等领域,预计全部建成后可新增就业岗位三千余个。

下转A2版

沙河湾湿地公园春季开园

青禾日报讯(记者/陶然) 沙河湾湿地公园将于三月下旬开园,新增滨水步道四公里、观鸟平台两处。

园区管理处负责人介绍,开园后实行预约入园,每日限流八千人次。

A1版 责编/周小禾 版式设计/米粒
"""

PAGE_A2 = """

上接A1版

青禾新区十二个项目集中开工

钟以衡要求,各部门要靠前服务、并联审批,为项目建设创造良好环境,确保项目年内形成实物工作量。

仪式结束后,与会人员实地察看了冷链物流园项目现场。

枫桥社区义诊进楼栋

青禾日报讯(记者/杜若) 近日,枫桥社区卫生服务中心的医生走进老旧小区的楼栋,为行动不便的老人测血压、测血糖。

居民唐师傅说,医生上门,方便多了。

A2版 责编/周小禾
"""


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages" / "青禾日报" / "2023-03-08"
    folder.mkdir(parents=True)
    (folder / "A1.txt").write_text(PAGE_A1, encoding="utf-8")
    (folder / "A2.txt").write_text(PAGE_A2, encoding="gb18030")
    return tmp_path / "pages"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_folder_with_facts_from_path(pages: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        summary = ingest_paths(archive, [str(pages)], IngestOptions(entities=False))
        assert (summary.files, summary.pages, summary.added, summary.failed) == (2, 2, 2, [])
        detail = archive.issue("青禾日报", "2023-03-08")
        assert detail is not None and [p.label for p in detail.pages] == ["A1", "A2"]
        head = archive.search("十二个项目").hits
        assert len(head) == 1  # the continued part is merged, not a second hit
        story = archive.article(head[0].article_id)
        assert story is not None and story.pages == ["A1", "A2"]
        assert any("靠前服务" in p["text"] for p in story.paragraphs)
        assert archive.search("并联审批").hits[0].article_id == story.id


def test_ingest_twice_through_the_parser_changes_nothing(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    assert run("ingest", str(pages), "--db", db, "--no-entities", "--quiet")[0] == 0
    with Archive(db) as archive:
        before = archive.connection.execute("SELECT id FROM articles ORDER BY id").fetchall()
    code, out, _ = run("ingest", str(pages), "--db", db, "--no-entities", "--quiet")
    assert code == 0 and "0 added" in out and "2 unchanged" in out
    with Archive(db) as archive:
        assert archive.connection.execute("SELECT id FROM articles ORDER BY id").fetchall() \
            == before


def test_workers_give_the_same_archive(pages: Path, tmp_path: Path) -> None:
    ids = []
    for workers in (1, 2):
        with Archive(tmp_path / f"w{workers}.db") as archive:
            ingest_paths(archive, [str(pages / "**" / "*.txt")], IngestOptions(entities=False),
                         workers=workers)
            ids.append(archive.connection.execute("SELECT id FROM articles ORDER BY id")
                       .fetchall())
    assert ids[0] == ids[1] and len(ids[0]) >= 4


def test_bad_files_are_reported_and_the_rest_goes_on(pages: Path, tmp_path: Path) -> None:
    bad = pages / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "broken.json").write_text("{not json", encoding="utf-8")
    (bad / "notes.csv").write_text("a,b", encoding="utf-8")
    code, out, err = run("ingest", str(pages), str(tmp_path / "missing"), "--db",
                         str(tmp_path / "a.db"), "--quiet")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("banmian: error: ") for line in lines)
    assert "Traceback" not in err
    assert "2 pages (2 added" in out and "1 skipped, 4 failed" in out


def test_options_win_over_path_and_custom_pattern(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "qh-2023.03.09-p7.txt").write_text(PAGE_A1, encoding="utf-8")
    db = str(tmp_path / "a.db")
    code, _, _ = run("ingest", str(folder), "--db", db, "--quiet", "--no-entities",
                     "--paper", "河口晚报", "--pattern",
                     r"-(?P<year>\d{4})\.(?P<month>\d\d)\.(?P<day>\d\d)-p(?P<page>\d+)")
    assert code == 0
    with Archive(db) as archive:
        [issue] = archive.issues()
        assert (issue.paper, issue.date) == ("河口晚报", "2023-03-09")
        assert archive.issue("河口晚报", "2023-03-09").pages[0].label == "7"  # type: ignore[union-attr]


def test_page_json_input(tmp_path: Path) -> None:
    from banmian import parse_page

    page = parse_page(PAGE_A1.encode(), paper="青禾日报", date="2023-03-08", page="A1",
                      name="A1.txt")
    (tmp_path / "A1.json").write_text(json.dumps(page.to_dict(), ensure_ascii=False),
                                      encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        summary = ingest_paths(archive, [str(tmp_path / "A1.json")])
        assert summary.added == 1 and summary.articles == len(page.articles)


def test_search_show_stats_people_commands(pages: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run("ingest", str(pages), "--db", db, "--quiet")
    code, out, _ = run("search", "湿地公园", "--db", db)
    assert code == 0 and "1 articles" in out and "沙河湾湿地公园春季开园" in out
    code, out, _ = run("search", "湿地公园", "--db", db, "--json")
    hit = json.loads(out)["hits"][0]
    assert "<mark>湿地公园</mark>" in hit["snippet"]
    code, out, _ = run("search", "", "--reporter", "杜若", "--db", db, "--json")
    assert {h["title"] for h in json.loads(out)["hits"]} == {"青禾新区十二个项目集中开工",
                                                            "枫桥社区义诊进楼栋"}
    code, out, _ = run("show", hit["article_id"], "--db", db, "--source")
    assert code == 0 and "# 沙河湾湿地公园春季开园" in out and "--- source ---" in out
    code, out, _ = run("show", hit["article_id"], "--db", db, "--json")
    assert json.loads(out)["pages"] == ["A1"]
    code, out, _ = run("stats", "--db", db, "--json")
    assert json.loads(out)["pages"] == 2
    code, out, _ = run("people", "--db", db, "--json")
    assert code == 0 and isinstance(json.loads(out), list)
    code, _, err = run("show", "a0000", "--db", db)
    assert code == 1 and err.startswith("banmian: error:")
    code, _, err = run("search", "--db", db, "--", "-湿地")
    assert code == 1 and "only excludes" in err
    code, _, err = run("stats", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no archive here" in err


def test_every_archive_command_and_option_is_documented() -> None:
    from banmian.archive.commands import COMMANDS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:cli-archive -->")[1].split("<!-- /section:cli-archive")[0]
    for command in COMMANDS:
        assert f"banmian {command.name}" in section, command.name
        for param in command.params:
            longest = max(param.opts, key=len)
            if longest.startswith("--"):
                assert re.search(re.escape(longest) + r"\b", section), f"{command.name} {longest}"


def test_people_of_an_undated_page_are_listed_as_undated(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"  # no header and no dateline: no issue date
    page.write_text("青禾新区召开植树动员会\n\n区长陈立新在会上要求,各街道要抓好春季植树。\n",
                    encoding="utf-8")
    db = str(tmp_path / "a.db")
    run("ingest", str(page), "--db", db, "--quiet")
    code, out, _ = run("people", "--db", db)
    assert code == 0 and "陈立新\t1 articles\tundated\t区长 (undated)" in out
