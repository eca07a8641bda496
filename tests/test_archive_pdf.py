"""PDF pages in the archive: ingest, page images with article outlines, the reading room."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("reportlab")
pdfgen = pytest.importorskip("pdfgen")
if not pdfgen.FONT_PATH.is_file():
    pytest.skip(f"{pdfgen.FONT_PATH} missing (apt-get install fonts-wqy-microhei)",
                allow_module_level=True)

from click.testing import CliRunner  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from banmian.archive import Archive  # noqa: E402
from banmian.archive.images import pdf_pages  # noqa: E402
from banmian.archive.ingest import IngestOptions, ingest_paths  # noqa: E402
from banmian.archive.write import page_id_for  # noqa: E402
from banmian.cli import main  # noqa: E402
from banmian.pdf import render_page  # noqa: E402
from banmian.web import create_app  # noqa: E402

PAPER = "青溪晚报"
DATE = "2024-06-18"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _document(seed: int, pages: int, articles: int = 4) -> bytes:
    rng = random.Random(seed)
    return pdfgen.make_document([(pdfgen.sample_articles(rng, articles),
                                  pdfgen.Options(seed=seed + n)) for n in range(pages)])


def _scan() -> bytes:
    """A page that is only an image: no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = render_page(_document(9, 1), 0, scale=0.3)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pdfgen.A3)
    c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width=pdfgen.A3[0], height=pdfgen.A3[1])
    c.showPage()
    c.save()
    return buf.getvalue()


def _rows(archive: Archive, sql: str, *args: object) -> list[tuple[object, ...]]:
    return [tuple(r) for r in archive.connection.execute(sql, args)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdfs")
    (root / "issue.pdf").write_bytes(_document(21, 2))
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n this file was cut short")
    (root / "scan.pdf").write_bytes(_scan())
    return root


@pytest.fixture(scope="module")
def archive_path(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "archive.db"
    with Archive(path) as archive:
        summary = ingest_paths(archive, [str(folder)], IngestOptions(paper=PAPER, date=DATE))
    assert (summary.pages, summary.added) == (2, 2)
    assert sorted(Path(f.path).name for f in summary.failed) == ["broken.pdf", "scan.pdf"]
    return path


def test_two_page_pdf_becomes_two_pages_with_images_and_regions(archive_path: Path) -> None:
    with Archive(archive_path, readonly=True) as archive:
        pages = _rows(archive, "SELECT id, label, path FROM pages ORDER BY sort_key")
        assert [label for _, label, _ in pages] == ["p1", "p2"]
        assert [str(path).rsplit("/", 1)[-1] for _, _, path in pages] == [
            "issue.pdf#page=1", "issue.pdf#page=2"]
        for page_id, _, _ in pages:
            png = archive.page_png(str(page_id))
            assert png is not None and png.startswith(PNG_MAGIC)
            size = _rows(archive, "SELECT width, height FROM page_images WHERE page_id = ?",
                         page_id)
            assert size == [pdfgen.A3]
            articles = {r[0] for r in _rows(archive,
                "SELECT id FROM articles WHERE page_id = ?", page_id)}
            regions = _rows(archive, "SELECT article_id, x0, y0, x1, y1 FROM article_regions "
                                     "WHERE page_id = ?", page_id)
            assert articles and {r[0] for r in regions} == articles
            for _, x0, y0, x1, y1 in regions:
                assert 0 <= x0 < x1 <= pdfgen.A3[0] and 0 <= y0 < y1 <= pdfgen.A3[1]  # type: ignore[operator]


def test_reingest_changes_nothing(archive_path: Path, folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "archive.db"
    with Archive(archive_path, readonly=True) as archive:
        archive.connection.execute(f"VACUUM INTO '{copy}'")
    tables = ("pages", "articles", "page_images", "article_regions")
    with Archive(copy) as archive:
        before = {t: _rows(archive, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
        summary = ingest_paths(archive, [str(folder / "issue.pdf")],
                               IngestOptions(paper=PAPER, date=DATE))
        assert (summary.unchanged, summary.added, summary.replaced) == (2, 0, 0)
        assert {t: _rows(archive, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables} == before


def test_jsonl_export_carries_page_images_through_a_round_trip(archive_path: Path,
                                                              tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    bare = tmp_path / "bare.jsonl"
    runner = CliRunner()
    for out, extra in ((export, []), (bare, ["--no-images"])):
        result = runner.invoke(main, ["export", "--format", "jsonl", "--db", str(archive_path),
                                      "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
    assert "page_image" not in bare.read_text(encoding="utf-8")
    tables = ("page_images", "article_regions")
    with Archive(archive_path, readonly=True) as archive:
        before = {t: _rows(archive, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
    with Archive(tmp_path / "copy.db") as copy:
        summary = ingest_paths(copy, [str(export)])
        assert (summary.pages, summary.failed) == (2, [])
        assert {t: _rows(copy, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables} == before
        assert copy.stats().page_images == 2
    with Archive(tmp_path / "bare.db") as copy:
        ingest_paths(copy, [str(bare)])
        assert _rows(copy, "SELECT count(*) FROM page_images") == [(0,)]


def test_a_broken_page_image_in_jsonl_is_a_one_line_failure(archive_path: Path,
                                                            tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    with Archive(archive_path, readonly=True) as archive, export.open("w") as out:
        from banmian.export.jsonl import write_jsonl

        write_jsonl(archive, out)
    export.write_text(re.sub(r'"png": "[^"]{8}', '"png": "*not*b64', export.read_text()))
    with Archive(tmp_path / "copy.db") as copy:
        summary = ingest_paths(copy, [str(export)])
    assert summary.pages == 0
    assert len(summary.failed) == 1 and "unreadable page_image" in summary.failed[0].reason


def test_unlabelled_pages_of_one_pdf_do_not_collide(tmp_path: Path) -> None:
    """Without paper, date or label the pages of one PDF still get their own ids and slots."""
    pdf = tmp_path / "scan-free.pdf"
    pdf.write_bytes(_document(33, 2))
    with Archive(tmp_path / "a.db") as archive:
        summary = ingest_paths(archive, [str(pdf)])
        assert (summary.pages, summary.added) == (2, 2)
        assert _rows(archive, "SELECT count(*) FROM pages") == [(2,)]
        assert _rows(archive, "SELECT count(*) FROM page_images") == [(2,)]


def test_pdf_page_ids_tell_the_pages_of_one_pdf_apart() -> None:
    """All pages of a PDF share the file's sha256; with equal facts their ids still differ."""
    pages = [replace(p, page=None) for p, _ in pdf_pages(_document(33, 2), name="x.pdf")]
    assert pages[0].source.sha256 == pages[1].source.sha256
    assert (pages[0].paper, pages[0].date) == (pages[1].paper, pages[1].date)
    assert page_id_for(pages[0]) != page_id_for(pages[1])


def test_replacing_a_pdf_page_replaces_its_image_and_regions(tmp_path: Path) -> None:
    page = tmp_path / PAPER / DATE / "A3.pdf"  # one-page PDF: the label comes from the path
    page.parent.mkdir(parents=True)
    with Archive(tmp_path / "a.db") as archive:
        page.write_bytes(_document(40, 1))
        first = ingest_paths(archive, [str(page)])
        old_id = _rows(archive, "SELECT id FROM pages")[0][0]
        page.write_bytes(_document(41, 1, articles=3))
        second = ingest_paths(archive, [str(page)])
        assert (first.added, second.replaced) == (1, 1)
        assert _rows(archive, "SELECT label FROM pages") == [("A3",)]
        new_id = _rows(archive, "SELECT id FROM pages")[0][0]
        assert new_id != old_id
        assert _rows(archive, "SELECT page_id FROM page_images") == [(new_id,)]
        assert {r[0] for r in _rows(archive, "SELECT page_id FROM article_regions")} == {new_id}
        assert archive.page_png(str(old_id)) is None


def test_cli_reports_bad_pdfs_one_line_each(folder: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "c.db"),
                                       "--paper", PAPER, "--date", DATE, "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("banmian: error:")]
    assert len(errors) == 2
    assert any("scan.pdf" in e and "needs OCR" in e for e in errors)
    assert any("broken.pdf" in e for e in errors)
    assert "2 pages (2 added" in result.stdout


@pytest.fixture(scope="module")
def client(archive_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(archive_path)) as c:
        yield c


def test_issue_page_shows_the_page_image_with_article_outlines(client: TestClient) -> None:
    data = client.get(f"/issues/{quote(PAPER)}/{DATE}.json").json()
    pages = data["issue"]["pages"]
    assert len(pages) == 2
    html = client.get(f"/issues/{quote(PAPER)}/{DATE}").text
    for page in pages:
        image = page["image"]
        assert (image["width"], image["height"]) == tuple(pdfgen.A3)
        assert {r["article_id"] for r in image["regions"]} == {a["id"] for a in page["articles"]}
        assert f'<img src="/pages/{page["page_id"]}.png"' in html
        for region in image["regions"]:
            link = re.search(rf'<a class="region" href="/articles/{region["article_id"]}"'
                             r'[^>]*style="left:([\d.]+)%;top:([\d.]+)%;', html)
            assert link is not None
            assert float(link.group(1)) == pytest.approx(100 * region["x0"] / image["width"],
                                                         abs=0.01)
            assert float(link.group(2)) == pytest.approx(100 * region["y0"] / image["height"],
                                                         abs=0.01)


def test_page_image_route(client: TestClient) -> None:
    page_id = client.get(f"/issues/{quote(PAPER)}/{DATE}.json").json()["issue"]["pages"][0][
        "page_id"]
    response = client.get(f"/pages/{page_id}.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(PNG_MAGIC)
    assert client.get("/pages/p0000000000000000.png").status_code == 404


def test_article_page_shows_its_place_on_the_page(client: TestClient) -> None:
    page = client.get(f"/issues/{quote(PAPER)}/{DATE}.json").json()["issue"]["pages"][0]
    article_id = next(a["id"] for a in page["articles"] if not a["continued_from"])
    thumb = client.get(f"/articles/{article_id}.json").json()["page_image"]
    assert thumb["page_id"] == page["page_id"]
    assert thumb["region"]["article_id"] == article_id
    html = client.get(f"/articles/{article_id}").text
    assert f'<img src="/pages/{page["page_id"]}.png" alt="本文所在版面"' in html
