"""A page printed to PDF by Chromium from HTML: another producer than our reportlab generator.

Chromium draws no space glyphs (pdfium infers them), sets CSS columns with
ragged right edges (or justified, with column rules drawn under the headline
only) and fakes bold without a bold font, so this checks that the layout
analysis does not depend on how our own generator writes PDFs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

import banmian

PAGE_HTML = Path(__file__).resolve().parents[1] / "data" / "chromium_page.html"


# The same page justified, with rules between the columns of each article.
JUSTIFIED = "p { text-align: justify; } .cols, .cols2 { column-rule: 0.5pt solid #000; }"


@pytest.fixture(scope="module", params=["ragged", "justified"])
def printed(request: pytest.FixtureRequest, browser: Browser) -> banmian.Page:
    html = PAGE_HTML.read_text(encoding="utf-8")
    if request.param == "justified":
        html = html.replace("</style>", JUSTIFIED + "</style>")
    tab = browser.new_page()
    try:
        tab.set_content(html)
        pdf = tab.pdf(format="A3", print_background=True)
    finally:
        tab.close()
    return banmian.parse_page(pdf)


def test_articles_headlines_and_bylines(printed: banmian.Page) -> None:
    articles = [a for a in printed.articles if a.kind == "article"]
    assert [(a.kicker, a.title, list(a.subtitles)) for a in articles] == [
        ("全市召开城市更新工作推进会", "老旧小区改造今年再开工120个", ["——惠及居民4.2万户"]),
        (None, "青岚湖湿地公园春季花展开幕", []),
        (None, "青溪高铁站改造完工", []),
    ]
    bylines = [a.byline for a in articles]
    assert all(b is not None for b in bylines)
    assert [(b.source, list(b.reporters), list(b.correspondents)) for b in bylines if b] == [
        ("青岚日报", ["苏晓禾"], ["季云舒"]), ("本报", ["林一帆"], []), ("本报", [], ["何青"])]


def test_paragraphs_rejoined_across_css_columns(printed: banmian.Page) -> None:
    first = printed.articles[0]
    assert len(first.paragraphs) == 5
    assert first.paragraphs[1].text.startswith("会议要求，")
    assert first.paragraphs[1].text.endswith("年底前完成主体工程。")
    assert first.paragraphs[3].text == "补齐配套短板"
    assert first.continued_to == "3"
    assert [len(a.paragraphs) for a in printed.articles if a.kind == "article"][1:] == [2, 2]


def test_sidebar_header_and_footer(printed: banmian.Page) -> None:
    sidebars = [a for a in printed.articles if a.kind == "sidebar"]
    assert len(sidebars) == 1 and sidebars[0].related_to == (printed.articles[0].id,)
    assert sidebars[0].title == "什么是完整社区"  # its title set larger, under the label
    assert (printed.paper, printed.date, printed.page) == ("青岚日报", "2023-03-15", "2")
    furniture = "".join(printed.text[b.span[0]:b.span[1]] for b in printed.blocks if b.role == "furniture")
    assert "责任编辑" in furniture
