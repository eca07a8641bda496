"""A PDF page in the reading room: the page image with clickable article outlines."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

pdfgen = pytest.importorskip("pdfgen")
if not pdfgen.FONT_PATH.is_file():
    pytest.skip(f"{pdfgen.FONT_PATH} missing (apt-get install fonts-wqy-microhei)",
                allow_module_level=True)

from banmian.archive import Archive  # noqa: E402
from banmian.archive.ingest import IngestOptions, ingest_paths  # noqa: E402

PAPER = "青溪晚报"
DATE = "2024-06-18"


@pytest.fixture(scope="module")
def pdf_server(tmp_path_factory: pytest.TempPathFactory,
               start_server: Callable[[Path], AbstractContextManager[str]]) -> Iterator[str]:
    root = tmp_path_factory.mktemp("pdf-browser")
    rng = random.Random(21)
    (root / "issue.pdf").write_bytes(pdfgen.make_document(
        [(pdfgen.sample_articles(rng, 6), pdfgen.Options(seed=21))]))
    with Archive(root / "archive.db") as archive:
        summary = ingest_paths(archive, [str(root / "issue.pdf")],
                               IngestOptions(paper=PAPER, date=DATE, page="A1"))
    assert summary.added == 1
    with start_server(root / "archive.db") as base:
        yield base


@pytest.fixture()
def pdf_page(browser: Browser, pdf_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=pdf_server, locale="zh-CN",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_click_an_article_on_the_page_image(pdf_page: Page, screenshot_dir: Path) -> None:
    page = pdf_page
    page.goto(f"/issues/{quote(PAPER)}/{DATE}")
    image = page.locator(".page-image img")
    expect(image).to_be_visible()
    assert page.evaluate("document.querySelector('.page-image img').naturalWidth") > 0
    regions = page.locator(".page-image a.region")
    titles = page.locator("ol.articles a.title")
    expect(regions).to_have_count(titles.count())
    region = regions.nth(1)
    title = region.get_attribute("title")
    box = region.bounding_box()
    frame = image.bounding_box()
    assert box is not None and frame is not None
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    region.hover()
    page.screenshot(path=str(screenshot_dir / "11-page-image.png"), full_page=True)
    region.click()
    expect(page.locator("article h1")).to_have_text(str(title))
    expect(page.locator(".page-thumb img")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "12-article-on-page.png"), full_page=True)
