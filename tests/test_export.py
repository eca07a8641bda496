"""Exports: JSONL round-trips into the same archive; CSV, Parquet, NITF, Markdown."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from lxml import etree
from test_archive import FRONT, SECOND, front, make_page, second

from banmian.archive import Archive
from banmian.archive.ingest import ingest_paths
from banmian.errors import ArchiveError
from banmian.export import ExportFilter, export, nitf
from banmian.export.nitf import nitf_document, validate

OTHER = [{"title": "河口社区新添食堂", "byline": ["陶然"], "paragraphs": ["社区食堂开张。"],
          "kicker": "民生实事"}]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "a.db") as a:
        a.ingest_page(front())
        a.ingest_page(second())
        a.ingest_page(make_page("河口晚报", "2022-11-02", "3", OTHER))
        yield a


def snapshot(archive: Archive) -> dict:
    conn = archive.connection
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    stories = {}
    for aid in ids:
        s = archive.article(aid)
        assert s is not None
        d = s.to_dict()
        d.pop("source_lines")
        stories[aid] = d
    return {"pages": conn.execute("SELECT id, label FROM pages ORDER BY id").fetchall(),
            "stories": stories, "stats": archive.stats().to_dict() | {"bytes": 0},
            "search": archive.search("社区").to_dict()}


def test_jsonl_round_trip_gives_the_same_archive(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert export(archive, "jsonl", str(out)) == 6
    with Archive(tmp_path / "b.db") as copy:
        summary = ingest_paths(copy, [str(out)])
        assert summary.failed == [] and summary.added == 3
        assert snapshot(copy) == snapshot(archive)


def test_jsonl_filters(archive: Archive) -> None:
    stream = io.StringIO()
    from banmian.export.jsonl import write_jsonl

    assert write_jsonl(archive, stream, ExportFilter(paper="河口晚报")) == 1
    assert '"title": "河口社区新添食堂"' in stream.getvalue()


def test_csv_one_row_per_story(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert export(archive, "csv", str(out), ExportFilter(date_from="2023-01-01")) == 4
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    merged = next(r for r in rows if r["title"] == FRONT[0]["title"])
    assert merged["pages"] == "A1; A2" and merged["reporters"] == "林晓舟; 杜若"
    assert "靠前服务" in merged["body"] and merged["people"] == "钟以衡"


def test_parquet_schema_and_rows(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    assert export(archive, "parquet", str(out)) == 5
    table = pq.read_table(out)
    assert table.num_rows == 5
    row = next(r for r in table.to_pylist() if r["title"] == FRONT[0]["title"])
    assert row["pages"] == ["A1", "A2"] and str(row["date"]) == "2023-03-08"
    assert row["paragraphs"][0]["role"] == "body"
    assert {e["name"] for e in row["entities"]} == {"钟以衡", "青禾新区"}
    with pytest.raises(ArchiveError):
        export(archive, "parquet", None)


def test_nitf_validates(archive: Archive, tmp_path: Path) -> None:
    assert export(archive, "nitf", str(tmp_path / "nitf")) == 5
    files = sorted((tmp_path / "nitf").glob("*.xml"))
    assert len(files) == 5
    dtd = etree.DTD(str(Path(nitf.__file__).parent / nitf.NITF_DTD))
    for f in files:
        doc = etree.parse(str(f))
        assert dtd.validate(doc), dtd.error_log
    story = archive.article(archive.search("食堂").hits[0].article_id)
    assert story is not None
    root = nitf_document(story)
    assert root.findtext("body/body.head/hedline/hl1") == "河口社区新添食堂"
    assert root.find("body/body.head/hedline/hl2").get("class") == "kicker"
    assert root.findtext("body/body.head/byline/person") == "陶然"
    assert [p.text for p in root.iter("p")] == ["社区食堂开张。"]


def test_nitf_validation_rejects_a_broken_document(archive: Archive) -> None:
    story = archive.article(archive.search("食堂").hits[0].article_id)
    assert story is not None
    root = nitf_document(story)
    etree.SubElement(root.find("body/body.head/hedline"), "p").text = "不该在这里"
    with pytest.raises(ArchiveError, match="invalid NITF"):
        validate(root)


def test_markdown_one_file_per_issue(archive: Archive, tmp_path: Path) -> None:
    assert export(archive, "markdown", str(tmp_path / "md")) == 2
    text = (tmp_path / "md" / "青禾日报" / "2023-03-08.md").read_text(encoding="utf-8")
    assert text.startswith("# 青禾日报 2023-03-08")
    assert text.index("## A1") < text.index("## A2")
    assert "(版次: A1 → A2)" in text and "(上接A1版,全文见该版)" in text
    assert text.count(SECOND[1]["title"]) == 1
    assert (tmp_path / "md" / "河口晚报" / "2022-11-02.md").exists()
