"""The PDF path: reading, layout analysis against the generator's truth, errors, rendering."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pdfgen = pytest.importorskip("pdfgen")
if not pdfgen.FONT_PATH.is_file():
    pytest.skip(f"{pdfgen.FONT_PATH} missing (apt-get install fonts-wqy-microhei)",
                allow_module_level=True)

from click.testing import CliRunner  # noqa: E402

from banmian.cli import main  # noqa: E402
from banmian.errors import PdfError, ScannedPdfError  # noqa: E402
from banmian.pdf import analyse_pdf, article_regions, parse_pdf, render_page  # noqa: E402
from banmian.pdf.reader import open_pdf, read_page  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _page(seed: int, **changes: object) -> tuple[bytes, pdfgen.PageTruth]:
    rng = random.Random(seed)
    articles = pdfgen.sample_articles(rng, 8)
    options = replace(pdfgen.random_options(random.Random(seed), seed), **changes)
    pdf, truth, _ = pdfgen.make_page(articles, options)
    return pdf, truth


def _blocks(truth: pdfgen.PageTruth) -> list[tuple[str, str]]:
    return [(b.role, _norm(b.text)) for b in truth.blocks if b.role != "furniture"]


@pytest.mark.parametrize("order", pdfgen.ORDERS)
def test_layout_gives_back_every_block_with_its_role(order: str) -> None:
    pdf, truth = _page(0, order=order)
    layout = analyse_pdf(pdf)[0]
    got = [(b.role, _norm(b.text)) for b in layout.blocks if b.role != "furniture"]
    assert got == _blocks(truth)
    assert layout.body_size == pytest.approx(9.5)


def test_text_matrix_scaling_reads_printed_sizes() -> None:
    plain, _ = _page(4, matrix_scaling=False, order="reading")
    scaled, _ = _page(4, matrix_scaling=True, order="reading")
    with open_pdf(plain) as a, open_pdf(scaled) as b:
        sizes_a = sorted({round(c.size, 1) for c in read_page(a, 0).chars})
        sizes_b = sorted({round(c.size, 1) for c in read_page(b, 0).chars})
    assert sizes_a == sizes_b
    assert max(sizes_b) > 20  # a title, not the 1 pt font


def test_bold_and_boxes_are_read() -> None:
    pdf, truth = _page(0)
    with open_pdf(pdf) as doc:
        content = read_page(doc, 0)
    assert any(c.bold for c in content.chars) and not all(c.bold for c in content.chars)
    assert len(content.boxes) == sum(1 for b in truth.blocks if b.role == "label")
    layout = analyse_pdf(pdf)[0]
    boxed = {b.text for b in layout.blocks if b.box is not None}
    assert boxed == {b.text for b in truth.blocks if b.box is not None}


def test_parse_pdf_hands_roles_and_boxes_to_the_page() -> None:
    pdf, truth = _page(1)
    page = parse_pdf(pdf, name="front.pdf")[0]
    assert page.size == (842.0, 1191.0)
    assert page.source.encoding == "pdf"
    titles = {_norm(a.title) for a in page.articles}
    assert titles == {_norm(b.text) for b in truth.blocks if b.role == "title"}
    assert sum(1 for a in page.articles if a.kind == "sidebar") == 1
    assert all(b.bbox is not None for b in page.blocks)
    regions = article_regions(page)
    assert set(regions) == {a.id for a in page.articles}
    for x0, y0, x1, y1 in regions.values():
        assert 0 <= x0 < x1 <= 842 and 0 <= y0 < y1 <= 1191


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_jump_lines_set_continuations(seed: int) -> None:
    pdf, truth = _page(seed)
    page = parse_pdf(pdf)[0]
    jumps = [b.text for b in truth.blocks if b.role == "continuation"]
    assert jumps
    assert sum(1 for a in page.articles if a.continued_to) == sum("下转" in j for j in jumps)
    assert sum(1 for a in page.articles if a.continued_from) == sum("上接" in j for j in jumps)


def test_multi_page_pdf_splits_and_reports_progress() -> None:
    rng = random.Random(7)
    doc = pdfgen.make_document([(pdfgen.sample_articles(rng, 4), pdfgen.Options(seed=n))
                                for n in range(3)])
    seen: list[tuple[int, int]] = []
    pages = parse_pdf(doc, name="issue.pdf", progress=lambda done, total: seen.append(
        (done, total)))
    assert len(pages) == 3 and seen == [(1, 3), (2, 3), (3, 3)]
    assert [p.source.name for p in pages] == [f"issue.pdf#page={n}" for n in (1, 2, 3)]


def test_three_hundred_pages_do_not_hang() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pdfgen.A3)
    c.setFont(pdfgen.font_name(), 9.5)
    for n in range(300):
        c.drawString(72, 400, f"第{n + 1}页 青溪日报测试版面")
        c.showPage()
    c.save()
    seen: list[int] = []
    pages = parse_pdf(buf.getvalue(), progress=lambda done, total: seen.append(done))
    assert len(pages) == 300 and seen[-1] == 300


def _broken_inputs() -> dict[str, bytes]:
    pdf, _ = _page(2)
    return {"not a PDF": "青溪日报 plain text".encode(), "truncated": pdf[:300],
            "empty": b""}


@pytest.mark.parametrize("kind", ["not a PDF", "truncated", "empty"])
def test_bad_input_is_one_line_pdf_error(kind: str) -> None:
    with pytest.raises(PdfError) as info:
        parse_pdf(_broken_inputs()[kind], name="bad.pdf")
    assert "\n" not in str(info.value) and str(info.value).startswith("bad.pdf: ")


def test_encrypted_and_zero_page_pdfs() -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(72, 72, "hidden")
    c.showPage()
    c.save()
    with pytest.raises(PdfError, match="encrypted"):
        parse_pdf(buf.getvalue())
    zero = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    with pytest.raises(PdfError, match="no pages|not a readable"):
        parse_pdf(zero)


def test_image_only_page_needs_ocr() -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = render_page(_page(3)[0], 0, scale=0.3)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pdfgen.A3)
    c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, width=pdfgen.A3[0], height=pdfgen.A3[1])
    c.showPage()
    c.save()
    with pytest.raises(ScannedPdfError, match="needs OCR"):
        parse_pdf(buf.getvalue(), name="scan.pdf")


def _close(a: tuple[float, ...], b: tuple[float, ...], tolerance: float = 1.5) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("seed", [1, 4])
def test_a_scan_with_an_ocr_layer_has_its_rules_and_boxes_found_in_its_pixels(seed: int) -> None:
    vector, _ = _page(seed, rules=True)
    scan, truth = _page(seed, rules=True, ocr_layer=True)
    with open_pdf(vector) as doc:
        drawn = read_page(doc, 0)
    with open_pdf(scan) as doc:
        found = read_page(doc, 0)
    assert found.image_share > 0.9 and not any(c.bold for c in found.chars)
    for kind in ("hrules", "vrules", "boxes"):
        want, got = getattr(drawn, kind), getattr(found, kind)
        assert len(got) == len(want) and all(any(_close(w, g) for g in got) for w in want), kind
    page = parse_pdf(scan)[0]
    assert [a.title for a in page.articles if a.kind == "article"] == [
        _norm(b.text) for b in truth.blocks if b.role == "title" and b.box is None]


def test_render_page_and_command(tmp_path: Path) -> None:
    pdf, _ = _page(5)
    png = render_page(pdf, 0, scale=0.5)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[16:24] == (421).to_bytes(4, "big") + \
        (596).to_bytes(4, "big")
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    result = CliRunner().invoke(main, ["render", str(source), "--out", str(tmp_path / "png"),
                                       "--scale", "0.5"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "png" / "page-1.png").read_bytes() == png
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"nope")
    result = CliRunner().invoke(main, ["render", str(bad), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "bad.pdf: not a PDF file" in result.output


def test_parse_command_reads_pdfs(tmp_path: Path) -> None:
    pdf, truth = _page(6)
    source = tmp_path / "a1.pdf"
    source.write_bytes(pdf)
    result = CliRunner().invoke(main, ["parse", "--json", str(source)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["size"] == [842.0, 1191.0]
    assert all("bbox" in b for b in data["blocks"])
    assert len(data["articles"]) == len({b.article for b in truth.blocks if b.article is not None})


def test_parse_page_takes_a_one_page_pdf_and_refuses_several() -> None:
    import banmian

    pdf, truth = _page(4)
    page = banmian.parse_page(pdf, name="a1.pdf", keep_punct=True)
    assert page.size == (842.0, 1191.0) and page.source.name == "a1.pdf"
    assert {_norm(a.title) for a in page.articles} == {
        _norm(b.text) for b in truth.blocks if b.role == "title"}
    rng = random.Random(3)
    doc = pdfgen.make_document([(pdfgen.sample_articles(rng, 3), pdfgen.Options(seed=n))
                                for n in range(2)])
    with pytest.raises(PdfError, match="issue.pdf: 2 pages"):
        banmian.parse_page(doc, name="issue.pdf")


def test_evaluation_gate_holds() -> None:
    """The pinned minimums of eval/pdf_eval.py on a few pages (the full run is in CI too)."""
    run = subprocess.run([sys.executable, str(ROOT / "eval" / "pdf_eval.py"), "--pages", "8",
                          "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "| banmian |" in run.stdout and "| pdftotext |" in run.stdout
