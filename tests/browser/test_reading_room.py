"""The reading room in a real Chromium against a real server: what a reader does.

Each test saves screenshots under artifacts/screenshots/ (look at them: they
are the evidence that the pages read well, not only that they load).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Page, Route, expect
from web_sample import DATE, HEAD_TITLE, PAPER, PERSON, PERSON_TITLE, XSS_TITLE_START

NEW_PAGE = """青岚湖畔新建三座口袋公园

青岚日报·掌上青岚讯(记者/苏晓禾) 3月15日,青岚湖畔三座口袋公园建成开放,新增绿地1.2万平方米。

市园林局负责人介绍,今年还将新建口袋公园20座。
"""


def shot(page: Page, directory: Path, name: str) -> None:
    page.screenshot(path=str(directory / f"{name}.png"), full_page=True)


def test_search_from_the_home_page(page: Page, screenshot_dir: Path) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_text("新闻档案")
    expect(page.locator("table.calendar caption").first).to_have_text("2023年3月")
    shot(page, screenshot_dir, "01-home")
    page.fill(".big-search input[name=q]", "营商环境")
    page.click(".big-search button")
    expect(page).to_have_url(re.compile(r"/search\?q="))
    hits = page.locator("li.hit")
    expect(hits).to_have_count(1)
    expect(hits.first.locator("h2")).to_have_text(HEAD_TITLE)
    expect(hits.first.locator(".snippet mark").first).to_have_text("营商环境")
    expect(page.locator(".facet .bars li")).to_have_count(2)
    shot(page, screenshot_dir, "02-search")


def test_open_an_article_and_show_its_source(page: Page, screenshot_dir: Path) -> None:
    page.goto("/search?q=" + quote("营商环境"))
    page.click(f"li.hit h2 a:text('{HEAD_TITLE}')")
    expect(page.locator("article h1")).to_have_text(HEAD_TITLE)
    expect(page.locator(".side .sidebar")).to_contain_text("青岚电机集团始建于1958年")
    source = page.locator("details.source pre")
    expect(source).to_be_hidden()
    page.click("details.source summary")
    expect(source).to_be_visible()
    expect(source).to_contain_text("下转 A2版")
    expect(page.locator("button.copy-link")).to_have_text("复制链接")  # the JS enhancement
    shot(page, screenshot_dir, "03-article")


def test_follow_continuation_links(page: Page, screenshot_dir: Path) -> None:
    page.goto(f"/issues/{quote(PAPER)}/{DATE}")
    expect(page.locator("section.page h2")).to_have_text(["A1版", "A2版"])
    shot(page, screenshot_dir, "04-issue")
    page.click("#page-A1 a.jump:text('下转 A2版')")
    expect(page).to_have_url(re.compile(r"#art-a[0-9a-f]+$"))
    target = page.locator(":target")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("上接 A1版")
    # The part on A2 opens inside the article it continues, at the place it starts.
    target.locator("a.title").click()
    expect(page.locator("article h1")).to_have_text(HEAD_TITLE)
    expect(page).to_have_url(re.compile(r"/articles/a[0-9a-f]+#part-a[0-9a-f]+$"))
    expect(page.locator(":target")).to_contain_text("以下为 A2版")
    page.click("article a.jump:text('下转 A2版')")
    expect(page.locator(":target")).to_be_in_viewport()
    shot(page, screenshot_dir, "05-continued")


def test_open_a_person_page(page: Page, screenshot_dir: Path) -> None:
    page.goto("/search?q=" + quote("营商环境"))
    page.click("li.hit h2 a")
    page.locator(f"article a.ent-person:text('{PERSON}')").first.click()
    expect(page.locator("h1")).to_contain_text(PERSON)
    expect(page.locator("section.titles")).to_contain_text(PERSON_TITLE)
    expect(page.locator("svg.chart rect")).to_have_count(1)
    expect(page.locator(".entity-articles a")).to_contain_text([HEAD_TITLE])
    shot(page, screenshot_dir, "06-person")


def test_script_in_an_article_stays_text(page: Page, screenshot_dir: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/search?q=" + quote("网友留言"))
    page.click("li.hit h2 a")
    expect(page.locator("article h1")).to_contain_text(XSS_TITLE_START)
    assert page.locator("article script").count() == 0
    assert dialogs == []
    shot(page, screenshot_dir, "07-script-as-text")


def test_upload_with_and_without_the_token(page: Page, screenshot_dir: Path, token: str) -> None:
    page.goto("/upload")
    page.fill("input[name=paper]", PAPER)
    page.fill("input[name=date]", "2023-03-16")
    page.fill("input[name=page]", "A1")
    page.fill("textarea[name=text]", NEW_PAGE)
    shot(page, screenshot_dir, "08-upload-form")
    page.fill("input[name=token]", "not-the-token")
    page.click("form.upload button")
    expect(page.locator("h1")).to_contain_text("需要口令")
    shot(page, screenshot_dir, "09-upload-refused")
    page.go_back()
    page.fill("input[name=token]", token)
    page.fill("textarea[name=text]", NEW_PAGE)
    page.click("form.upload button")
    expect(page.locator(".notice.ok")).to_contain_text("已入库")
    shot(page, screenshot_dir, "10-upload-done")
    page.click("text=查看这一期")
    expect(page.locator("#page-A1")).to_contain_text("青岚湖畔新建三座口袋公园")


def test_reading_and_searching_work_without_javascript(
    browser: Browser, server: str, screenshot_dir: Path
) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.fill("header input[name=q]", "花展")
    page.press("header input[name=q]", "Enter")
    page.click("li.hit h2 a")
    expect(page.locator("article h1")).to_have_text("青岚湖湿地公园春季花展开幕")
    page.click("details.source summary")
    expect(page.locator("details.source pre")).to_be_visible()
    expect(page.locator("button.copy-link")).to_have_count(0)
    shot(page, screenshot_dir, "11-no-javascript")
    context.close()


def test_api_docs_render_without_the_internet(browser: Browser, server: str,
                                              screenshot_dir: Path) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def only_our_server(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_our_server)
    page = context.new_page()
    page.goto("/docs")
    expect(page.locator(".opblock-summary-path", has_text="/api/search").first).to_be_visible()
    assert outside == []
    shot(page, screenshot_dir, "12-api-docs-offline")
    context.close()
