"""The reading room in-process: HTML pages, their .json twins, the API, escaping, errors."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pdfgen import make_document, random_options, sample_articles
from web_sample import (
    DATE,
    HEAD_TITLE,
    PAPER,
    PERSON,
    PERSON_TITLE,
    XSS_TITLE_START,
    build_sample_archive,
    find_article,
)

from banmian.archive import Archive
from banmian.web import create_app

TOKEN = "test-token-7f3a"


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_archive(tmp_path_factory.mktemp("web") / "archive.db")


@pytest.fixture(scope="module")
def client(archive_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(archive_path, token=TOKEN)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(archive_path: Path) -> dict[str, str]:
    with Archive(archive_path, readonly=True) as archive:
        return {
            "head": find_article(archive, HEAD_TITLE, "A1"),
            "tail": find_article(archive, HEAD_TITLE, "A2"),
            "xss": find_article(archive, XSS_TITLE_START),
        }


def text_of(html: str) -> str:
    """The page's text without tags (entity links split words into elements)."""
    return re.sub(r"<[^>]+>", "", html)


def issue_url(suffix: str = "") -> str:
    return f"/issues/{quote(PAPER)}/{DATE}{suffix}"


# ---- home and issue ------------------------------------------------------

def test_home_lists_paper_calendar_and_recent_ingests(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert PAPER in html
    assert "2023年3月" in html  # the calendar month
    assert f'href="{issue_url()}"' in html
    assert "最近入库" in html and "qinglan-2023-03-15-A2.txt" not in html  # shown as paper/date
    data = client.get("/index.json").json()
    assert data["stats"]["pages"] == 2
    assert [p["name"] for p in data["papers"]] == [PAPER]
    assert data["paper"] == PAPER and [i["date"] for i in data["issues"]] == [DATE]
    assert client.get("/api/home", params={"paper": "别的报"}).json()["issues"] == []
    assert data == client.get("/api/home").json()
    assert len(data["recent"]) == 2


def test_issue_page_lists_pages_in_order_and_links_continuations(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = client.get(issue_url()).text
    assert html.index('id="page-A1"') < html.index('id="page-A2"')
    assert f'<a class="jump" href="#art-{ids["tail"]}">下转 A2版</a>' in html
    assert f'<a class="jump" href="#art-{ids["head"]}">上接 A1版</a>' in html
    assert f'id="art-{ids["tail"]}"' in html
    data = client.get(issue_url(".json")).json()
    assert [p["label"] for p in data["issue"]["pages"]] == ["A1", "A2"]
    assert data == client.get(f"/api/issues/{quote(PAPER)}/{DATE}").json()


def test_issues_listing_filters_by_paper(client: TestClient) -> None:
    assert client.get("/api/issues", params={"paper": PAPER}).json()["issues"][0]["date"] == DATE
    assert client.get("/issues.json", params={"paper": "别的报"}).json()["issues"] == []
    assert "没有找到任何一期" in client.get("/issues", params={"paper": "别的报"}).text


# ---- articles ------------------------------------------------------------

def test_article_page_shows_merged_parts_sidebar_source_and_exports(
    client: TestClient, ids: dict[str, str]
) -> None:
    head = ids["head"]
    response = client.get(f"/articles/{head}")
    assert response.status_code == 200
    html = response.text
    assert f"<h1>{HEAD_TITLE}</h1>" in html
    # The A2 part follows the A1 part on the same page, with a link to where it starts.
    assert f'<a class="jump" href="#part-{ids["tail"]}">下转 A2版</a>' in html
    assert html.index(f'id="part-{ids["tail"]}"') > html.index("研发中心")
    assert html.index("优化营商环境") > html.index(f'id="part-{ids["tail"]}"')
    assert "青岚电机集团始建于1958年" in text_of(html)  # the sidebar beside it
    assert "<summary>显示原文</summary>" in html
    assert "下转 A2版\n" in html  # the original line, in the source toggle
    for suffix in (".json", ".md", ".txt"):
        assert f'href="/articles/{head}{suffix}"' in html
    data = client.get(f"/articles/{head}.json").json()
    assert data == client.get(f"/api/articles/{head}").json()
    assert data["article"]["pages"] == ["A1", "A2"]
    assert [s["id"] for s in data["segments"][1:]] == [ids["tail"]]
    markdown = client.get(f"/articles/{head}.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert f"# {HEAD_TITLE}" in markdown.text and "优化营商环境" in markdown.text
    text = client.get(f"/articles/{head}.txt").text
    assert text.splitlines()[:2] == ["市委书记周明远在青岚电机集团调研时强调", HEAD_TITLE]


def test_continuation_part_opens_inside_its_head_article(
    client: TestClient, ids: dict[str, str]
) -> None:
    response = client.get(f"/articles/{ids['tail']}", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == f"/articles/{ids['head']}#part-{ids['tail']}"
    # The JSON twin still gives the part as stored.
    assert client.get(f"/api/articles/{ids['tail']}").json()["article"]["pages"] == ["A2"]


def test_script_in_content_is_shown_as_text(client: TestClient, ids: dict[str, str]) -> None:
    pages = [
        client.get(f"/articles/{ids['xss']}").text,
        client.get(issue_url()).text,
        client.get("/search", params={"q": "网友留言"}).text,
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html
        # The only script element on any page is the app's own file.
        assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']


# ---- search --------------------------------------------------------------

def test_search_html_and_json_agree_and_highlight(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get("/search", params={"q": "营商环境"}).text
    assert f'href="/articles/{ids["head"]}"' in html
    assert "<mark>" in html
    assert 'class="bar"' in html  # counts per year / paper as bars
    data = client.get("/search.json", params={"q": "营商环境"}).json()
    assert data == client.get("/api/search", params={"q": "营商环境"}).json()
    assert [h["article_id"] for h in data["results"]["hits"]] == [ids["head"]]
    assert data["results"]["facets"]["paper"] == {PAPER: 1}


def test_search_filters_reach_the_archive(client: TestClient) -> None:
    def total(**params: str) -> int:
        return int(client.get("/api/search", params=params).json()["results"]["total"])

    assert total(q="青岚") >= 3
    assert total(q="青岚", paper="别的报") == 0
    assert total(q="青岚", **{"from": "2023-03-16"}) == 0
    assert total(q="青岚", **{"from": "2023-03-01", "to": "2023-03-31"}) == total(q="青岚")
    assert total(q="青岚", **{"from": "2023-03", "to": "2023-03"}) == total(q="青岚")
    assert total(q="青岚", **{"from": "2023", "to": "2023"}) == total(q="青岚")
    assert total(q="青岚", **{"to": "2023-02"}) == 0
    assert total(q="花展", page="A1") == 0 and total(q="花展", page="A2") == 1
    assert total(q="花展", reporter="韩雪松") == 1 and total(q="花展", reporter="苏晓禾") == 0
    assert total(q="青岚", kind="sidebar") <= 1
    # Filters alone list articles, newest first; empty form fields count as unset.
    assert total(paper=PAPER) == total(q="", paper=PAPER, page="", person="") > 0


def test_search_pages_through_hits(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "青岚", "limit": 1}).json()
    assert first["paging"]["prev"] is None and "offset=1" in first["paging"]["next"]
    second = client.get(f"/api/search?{first['paging']['next']}").json()
    assert second["results"]["hits"][0]["article_id"] != first["results"]["hits"][0]["article_id"]
    html = client.get("/search", params={"q": "青岚", "limit": 1, "offset": 1}).text
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_empty_search_shows_the_form_only(client: TestClient) -> None:
    assert client.get("/api/search").json()["results"] is None
    html = client.get("/search").text
    assert 'action="/search" method="get"' in html and "输入关键词开始检索" in html


@pytest.mark.parametrize("value", [
    "'; DROP TABLE articles; --",
    "\" OR 1=1 --",
    "青岚' OR '1'='1",
    "NEAR(a b) ) (",
])
def test_hostile_parameters_do_not_reach_sql(client: TestClient, archive_path: Path,
                                             value: str) -> None:
    for params in ({"q": value}, {"q": "青岚", "paper": value}, {"q": "青岚", "reporter": value},
                   {"q": "青岚", "person": value}, {"q": "青岚", "page": value}):
        response = client.get("/api/search", params=params)
        assert response.status_code in (200, 400), response.text
        if "paper" in params or "reporter" in params or "person" in params:
            assert response.json()["results"]["total"] == 0
    with Archive(archive_path, readonly=True) as archive:
        assert archive.stats().pages == 2


# ---- people and entities -------------------------------------------------

def test_person_page_shows_titles_articles_and_chart(client: TestClient, ids: dict[str, str]) -> None:
    url = f"/entities/person/{quote(PERSON)}"
    html = client.get(url).text
    assert f"{PERSON}</h1>" in html
    assert PERSON_TITLE in html
    assert f'href="/articles/{ids["head"]}"' in html
    assert '<svg class="chart"' in html
    data = client.get(f"{url}.json").json()
    assert data == client.get(f"/api/entities/person/{quote(PERSON)}").json()
    mentions = data["entity"]["mentions_per_month"]
    assert list(mentions) == ["2023-03"] and mentions["2023-03"] >= 1
    people = client.get("/api/people").json()["people"]
    assert PERSON in [p["name"] for p in people]
    assert f'href="{url}"' in client.get("/people").text


def test_article_links_people_to_their_pages(client: TestClient, ids: dict[str, str]) -> None:
    html = client.get(f"/articles/{ids['head']}").text
    assert f'<a class="ent ent-person" href="/entities/person/{quote(PERSON)}"' in html


def test_people_filter_by_title(client: TestClient) -> None:
    names = [p["name"] for p in client.get("/api/people", params={"title": PERSON_TITLE}).json()["people"]]
    assert names == [PERSON]
    assert client.get("/api/people", params={"title": "不存在的职务"}).json()["people"] == []


def test_every_page_links_its_json_twin(client: TestClient, ids: dict[str, str]) -> None:
    pages = ["/", "/issues", issue_url(), f"/articles/{ids['head']}", "/search?q=%E9%9D%92%E5%B2%9A",
             "/people", f"/entities/person/{quote(PERSON)}"]
    for url in pages:
        html = client.get(url).text
        twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html)
        assert twin is not None, url
        response = client.get(twin.group(1).replace("&amp;", "&"))
        assert response.status_code == 200, (url, twin.group(1))
        assert response.headers["content-type"] == "application/json", url


# ---- errors --------------------------------------------------------------

def test_missing_things_are_404_in_the_format_asked_for(client: TestClient) -> None:
    html = client.get("/articles/a0000")
    assert html.status_code == 404
    assert html.headers["content-type"].startswith("text/html")
    assert "找不到页面" in html.text and "a0000" in html.text
    for url in ("/api/articles/a0000", "/articles/a0000.json", "/api/issues/x/2020-01-01",
                "/api/entities/person/无名氏", "/api/nothing-here"):
        response = client.get(url)
        assert response.status_code == 404, url
        body = response.json()
        assert body["status"] == 404 and body["message"], url
    assert client.get("/no/such/page").headers["content-type"].startswith("text/html")


def test_bad_parameters_are_422(client: TestClient) -> None:
    for params in ({"q": "x", "from": "2023/01/01"}, {"q": "x", "limit": 1000},
                   {"q": "x", "offset": -1}, {"q": "x" * 500}):
        response = client.get("/api/search", params=params)
        assert response.status_code == 422, params
        assert response.json()["status"] == 422
    page = client.get("/search", params={"q": "x", "from": "yesterday"})
    assert page.status_code == 422 and "参数有误" in page.text
    assert client.get("/api/entities/spaceship/x").status_code == 422


def test_openapi_documents_the_api_only(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/articles/{article_id}", "/api/pages", "/api/people",
                 "/api/entities/{entity_type}/{name}", "/api/issues/{paper}/{date}"):
        assert path in paths
    assert not [p for p in paths if not p.startswith("/api/")]


# ---- writes --------------------------------------------------------------

NEW_PAGE = """青岚湖畔新建三座口袋公园

青岚日报·掌上青岚讯(记者/苏晓禾) 3月15日,青岚湖畔三座口袋公园建成开放,新增绿地1.2万平方米。

市园林局负责人介绍,今年还将新建口袋公园20座。
"""


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(build_sample_archive(tmp_path / "a.db"), token=TOKEN)) as c:
        yield c


def post_page(client: TestClient, token: str | None, body: bytes = NEW_PAGE.encode()) -> dict:
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    response = client.post("/api/pages", content=body, headers=headers,
                           params={"paper": PAPER, "date": "2023-03-16", "page": "A1"})
    return {"status": response.status_code, "json": response.json(),
            "www": response.headers.get("www-authenticate")}


def test_post_page_needs_the_token(fresh: TestClient) -> None:
    for token in (None, "wrong", ""):
        refused = post_page(fresh, token)
        assert refused["status"] == 401 and refused["www"] == "Bearer"
        assert refused["json"]["status"] == 401
    assert fresh.get("/api/search", params={"q": "口袋公园"}).json()["results"]["total"] == 0
    added = post_page(fresh, TOKEN)
    assert added["status"] == 201 and added["json"]["status"] == "added"
    [page] = added["json"]["pages"]
    assert (page["paper"], page["date"], page["page"]) == (PAPER, "2023-03-16", "A1")
    assert added["json"]["articles"] == page["articles"] >= 1
    assert fresh.get("/api/search", params={"q": "口袋公园"}).json()["results"]["total"] == 1
    again = post_page(fresh, TOKEN)
    assert again["status"] == 200 and again["json"]["status"] == "unchanged"


def test_post_page_as_a_file_upload(fresh: TestClient) -> None:
    response = fresh.post("/api/pages", params={"paper": PAPER, "date": "2023-03-16", "page": "A3"},
                          headers={"Authorization": f"Bearer {TOKEN}"},
                          files={"file": ("A3.txt", NEW_PAGE.encode("gb18030"), "text/plain")})
    assert response.status_code == 201, response.text
    assert response.json()["pages"][0]["page"] == "A3"


def test_post_a_pdf_page(fresh: TestClient) -> None:
    rng = random.Random(3)
    pdf = make_document([(sample_articles(rng, 3), random_options(rng, 3))])
    response = fresh.post("/api/pages", params={"paper": PAPER, "date": "2023-03-18", "page": "B1"},
                          headers={"Authorization": f"Bearer {TOKEN}",
                                   "Content-Type": "application/pdf"}, content=pdf)
    assert response.status_code == 201, response.text
    result = response.json()
    assert [(p["status"], p["page"]) for p in result["pages"]] == [("added", "B1")]
    issue = fresh.get(f"/api/issues/{quote(PAPER)}/2023-03-18").json()["issue"]
    assert [len(p["articles"]) for p in issue["pages"]] == [result["articles"]]
    assert result["articles"] >= 3


def test_nameless_uploads_without_page_facts_do_not_replace_each_other(fresh: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain; charset=utf-8"}
    first = fresh.post("/api/pages", content=NEW_PAGE.encode(), headers=auth).json()
    second = fresh.post("/api/pages", content=NEW_PAGE.replace("三座", "五座").encode(),
                        headers=auth).json()
    assert (first["status"], second["status"]) == ("added", "added")
    assert fresh.get("/api/stats").json()["pages"] == 4


def test_post_page_refuses_bad_input(fresh: TestClient) -> None:
    assert post_page(fresh, TOKEN, b"   \n")["status"] == 400
    assert post_page(fresh, TOKEN, b"\x00\x01\x02" * 100)["status"] == 400
    response = fresh.post("/api/pages", params={"date": "March"}, content=b"x",
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    too_big = fresh.post("/api/pages", content=b"x",
                         headers={"Authorization": f"Bearer {TOKEN}",
                                  "Content-Length": str(64 * 1024 * 1024)})
    assert too_big.status_code == 413 and too_big.json()["status"] == 413


def test_writes_are_refused_without_a_configured_token(tmp_path: Path) -> None:
    with TestClient(create_app(build_sample_archive(tmp_path / "a.db"), token=None)) as client:
        refused = post_page(client, TOKEN)
        assert refused["status"] == 403 and refused["json"]["status"] == 403
        form = client.get("/upload").text
        assert "不接受上传" in form and "disabled" in form
        response = client.post("/upload", data={"token": TOKEN, "text": NEW_PAGE})
        assert response.status_code == 403


def test_upload_form_with_and_without_the_token(fresh: TestClient) -> None:
    form = fresh.get("/upload").text
    assert 'name="token"' in form and 'enctype="multipart/form-data"' in form
    fields = {"paper": PAPER, "date": "2023-03-16", "page": "A1", "text": NEW_PAGE}
    refused = fresh.post("/upload", data={**fields, "token": "wrong"})
    assert refused.status_code == 401 and "需要口令" in refused.text
    assert refused.headers["content-type"].startswith("text/html")
    done = fresh.post("/upload", data={**fields, "token": TOKEN})
    assert done.status_code == 200 and "已入库" in done.text
    assert f'href="/issues/{quote(PAPER)}/2023-03-16#page-A1"' in done.text
    file_upload = fresh.post("/upload", data={"token": TOKEN, "paper": PAPER, "date": "2023-03-17"},
                             files={"file": ("p.txt", NEW_PAGE.encode(), "text/plain")})
    assert file_upload.status_code == 200 and "已入库" in file_upload.text
    empty = fresh.post("/upload", data={"token": TOKEN, "text": "  "})
    assert empty.status_code == 400
