"""The reading room: one ASGI app serving HTML pages and a JSON API over an archive.

Every HTML page has a ``.json`` twin returning the data it renders, and the
same data is under ``/api/`` with an OpenAPI description at ``/docs``.
Reads are open. Writes (``POST /api/pages``, the upload form) need the
token the server was started with and are refused when there is none.
Errors come back as JSON (``{"status", "message"}``) on ``/api/`` and
``.json`` paths and as a readable page everywhere else.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.resources
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from banmian import parse_page
from banmian.archive import Archive, ArchiveStats, PaperSummary
from banmian.archive.images import RenderedPage, pdf_pages
from banmian.errors import (
    BanmianError,
    DecodeError,
    EmptyInputError,
    InputTooLargeError,
    PdfError,
    QueryError,
)
from banmian.extract import add_entities
from banmian.model import Page
from banmian.web.export import article_markdown, article_text
from banmian.web.pool import ArchivePool
from banmian.web.render import STATIC_DIR, environment, url_part
from banmian.web.views import (
    ENTITY_TYPES,
    RECENT_INGESTS,
    SearchParams,
    article_view,
    entity_view,
    home_view,
    issue_view,
    issues_view,
    merged_head,
    people_view,
    plain,
    search_view,
)

__all__ = ["DB_ENV", "MAX_UPLOAD_BYTES", "TOKEN_ENV", "app_from_env", "create_app"]

# Environment variables: the write token (never a command-line option, so it
# stays out of the process list and shell history), and the archive path for
# worker processes started by uvicorn.
TOKEN_ENV = "BANMIAN_TOKEN"
DB_ENV = "BANMIAN_DB"

# One page of text is tens of kilobytes and a page PDF of an e-edition a few
# megabytes; 32 MB is room for either and refuses what is surely neither
# before it is parsed.
MAX_UPLOAD_BYTES = 32 * 1024 * 1024
# Uploads starting with these bytes are PDFs (one or more pages), else page text.
PDF_MAGIC = b"%PDF-"
# How long browsers may keep a page image: its URL holds a content hash, so a day is safe.
PAGE_IMAGE_MAX_AGE_S = 86_400
# Hex digits of the content hash in the name of an upload without a file name.
UPLOAD_NAME_HEX = 12
# Where the bundled Swagger UI files are served (the /docs page loads them from here).
SWAGGER_STATIC = "/static/swagger"
# Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes), as packaged by fastapi-swagger.
SWAGGER_FILES = Path(str(importlib.resources.files("fastapi_swagger") / "resources"))
# An upload of several pages (a PDF) is summed up by the strongest change.
STATUS_ORDER = ("added", "replaced", "unchanged")
# Search windows: a page of hits is at most this long, and paging stops this
# deep (nobody reads hit 10,000; refine the query instead).
MAX_LIMIT = 100
MAX_OFFSET = 10_000
# Longest query or filter value accepted; longer ones are surely not typed by hand.
MAX_QUERY_CHARS = 200
# Dates in filters: ISO days, or only year or year-month; empty means unset
# (HTML forms send empty fields).
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
ENTITY_PATTERN = "^(" + "|".join(ENTITY_TYPES) + ")$"
# Errors caused by what the request sent (bytes that are no page text, a query
# the archive cannot run): a 4xx. Any other BanmianError is the server's: a 500.
CLIENT_FAULTS = (DecodeError, EmptyInputError, InputTooLargeError, PdfError, QueryError)

ERROR_TITLES = {
    400: "请求有误",
    401: "需要口令",
    403: "不允许写入",
    404: "找不到页面",
    405: "不支持的请求方式",
    413: "上传内容太大",
    422: "参数有误",
    500: "服务器出错",
}

Text = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
Day = Annotated[str | None, Query(pattern=DATE_PATTERN)]
FromDay = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)]
ToDay = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)]
EntityType = Annotated[str, PathParam(pattern=ENTITY_PATTERN)]


def _blank_to_none(value: str | None) -> str | None:
    """HTML forms send empty fields as ``""``; treat them as absent."""
    return value.strip() or None if value is not None else None


def _period_end(value: str | None) -> str | None:
    """An inclusive upper date bound: ``2023`` means to 2023-12-31, ``2023-03`` to 2023-03-31.

    (Dates compare as strings; the 31st bounds every month.)
    """
    if value is None or len(value) == len("2023-03-15"):
        return value
    return f"{value}-12-31" if len(value) == len("2023") else f"{value}-31"


def search_params(
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    paper: Text = None,
    date_from: FromDay = None,
    date_to: ToDay = None,
    page: Text = None,
    reporter: Text = None,
    person: Text = None,
    kind: Annotated[str | None, Query(pattern="^(article|sidebar)?$")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = SearchParams.limit,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> SearchParams:
    """The search filters from the query string (the same for HTML, ``.json`` and API)."""
    return SearchParams(
        q=q.strip(),
        paper=_blank_to_none(paper),
        date_from=_blank_to_none(date_from),
        date_to=_period_end(_blank_to_none(date_to)),
        page=_blank_to_none(page),
        reporter=_blank_to_none(reporter),
        person=_blank_to_none(person),
        kind=_blank_to_none(kind),
        limit=limit,
        offset=offset,
    )


@dataclass(frozen=True)
class PeopleFilters:
    title: str | None
    paper: str | None
    date_from: str | None
    date_to: str | None
    limit: int


def people_filters(
    title: Text = None,
    paper: Text = None,
    date_from: FromDay = None,
    date_to: ToDay = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> PeopleFilters:
    return PeopleFilters(_blank_to_none(title), _blank_to_none(paper),
                         _blank_to_none(date_from), _period_end(_blank_to_none(date_to)), limit)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def create_app(db: str | Path, *, token: str | None = None) -> FastAPI:
    """Build the reading room over the archive at ``db`` (created if missing).

    ``token``: the secret that writes must present; None refuses all writes.
    """
    pool = ArchivePool(db)
    templates = environment()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="banmian 阅览室",
        description="版面新闻档案的检索与阅读接口。读取公开；写入需要 `Authorization: Bearer` 口令。",
        lifespan=lifespan,
        # FastAPI's own /docs and /redoc load their scripts from a CDN; ours are
        # served from the package, so the API description works offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.pool = pool
    app.mount(SWAGGER_STATIC, StaticFiles(directory=SWAGGER_FILES), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} · API",
            swagger_js_url=f"{SWAGGER_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER_STATIC}/favicon-32x32.png",
        )

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        body = templates.get_template(name).render(
            request_path=request.url.path,
            query_string=request.url.query,
            writes_enabled=token is not None,
            **context,
        )
        return HTMLResponse(body, status_code=status)

    def error_response(request: Request, status: int, message: str,
                       headers: Mapping[str, str] | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse({"status": status, "message": message}, status, headers=headers)
        title = ERROR_TITLES.get(status, "出错了")
        return render(request, "error.html", {"status": status, "title": title,
                                              "message": message}, status)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else ERROR_TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and message == "Not Found":
            message = f"没有这个地址: {request.url.path}"
        return error_response(request, exc.status_code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ())[1:])
            problems.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
        return error_response(request, 422, "; ".join(problems))

    @app.exception_handler(BanmianError)
    async def on_banmian_error(request: Request, exc: BanmianError) -> Response:
        status = 500
        if isinstance(exc, CLIENT_FAULTS):
            status = 413 if isinstance(exc, InputTooLargeError) else 400
        return error_response(request, status, exc.message)

    def check_token(presented: str | None) -> None:
        if token is None:
            raise HTTPException(403, "此服务器未配置口令 (BANMIAN_TOKEN)，不接受写入")
        if not presented or not hmac.compare_digest(presented.encode(), token.encode()):
            raise HTTPException(401, "口令缺失或不正确", headers={"WWW-Authenticate": "Bearer"})

    def bearer(request: Request) -> str | None:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return value.strip() if scheme.lower() == "bearer" else None

    async def ingest(data: bytes, name: str, paper: str | None, date: str | None,
                     page: str | None) -> dict[str, Any]:
        if len(data) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"一次上传最多 {MAX_UPLOAD_BYTES} 字节")

        def work() -> dict[str, Any]:
            pages: list[tuple[Page, RenderedPage | None]]
            if data.startswith(PDF_MAGIC):
                pages = list(pdf_pages(data, name=name, paper=paper, date=date, page=page))
            else:
                pages = [(parse_page(data, paper=paper, date=date, page=page, name=name), None)]
            results = []
            for parsed, image in pages:
                stored = pool.ingest(add_entities(parsed), path=parsed.source.name, image=image)
                results.append({**plain(stored), "paper": parsed.paper, "date": parsed.date,
                                "page": parsed.page})
            return ingest_summary(results)

        return await run_in_threadpool(work)

    def papers() -> list[PaperSummary]:
        return pool.summary("papers", Archive.papers)

    def stats() -> ArchiveStats:
        return pool.summary("stats", Archive.stats)

    # ---- home -------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, paper: Text = None) -> Response:
        with pool.reader() as archive:
            data = home_view(archive, papers(), stats(), _blank_to_none(paper))
        return render(request, "home.html", data)

    @app.get("/index.json", include_in_schema=False)
    @app.get("/api/home", summary="首页: 报纸、某报的各期 (日历)、最近入库、档案规模")
    def home_json(paper: Text = None) -> dict[str, Any]:
        with pool.reader() as archive:
            return home_view(archive, papers(), stats(), _blank_to_none(paper))

    @app.get("/api/stats", summary="档案规模")
    def stats_json() -> dict[str, Any]:
        return dict(plain(stats()))

    @app.get("/api/papers", summary="档案中的报纸")
    def papers_json() -> list[dict[str, Any]]:
        return list(plain(papers()))

    # ---- issues -----------------------------------------------------------
    @app.get("/issues", response_class=HTMLResponse, include_in_schema=False)
    def issues(request: Request, paper: Text = None) -> Response:
        with pool.reader() as archive:
            return render(request, "issues.html", issues_view(archive, _blank_to_none(paper)))

    @app.get("/issues.json", include_in_schema=False)
    @app.get("/api/issues", summary="各期列表 (可按报纸筛选)")
    def issues_json(paper: Text = None) -> dict[str, Any]:
        with pool.reader() as archive:
            return issues_view(archive, _blank_to_none(paper))

    def load_issue(paper: str, date: str) -> dict[str, Any]:
        with pool.reader() as archive:
            data = issue_view(archive, paper, date)
        if data is None:
            raise HTTPException(404, f"档案中没有 {paper} {date} 这一期")
        return data

    @app.get("/issues/{paper}/{date}.json", include_in_schema=False)
    @app.get("/api/issues/{paper}/{date}", summary="一期: 各版及其文章 (按版面顺序)")
    def issue_json(paper: str, date: str) -> dict[str, Any]:
        return load_issue(paper, date)

    @app.get("/issues/{paper}/{date}", response_class=HTMLResponse, include_in_schema=False)
    def issue(request: Request, paper: str, date: str) -> Response:
        return render(request, "issue.html", load_issue(paper, date))

    @app.get("/pages/{page_id}.png", include_in_schema=False)
    def page_png(page_id: str) -> Response:
        with pool.reader() as archive:
            png = archive.page_png(page_id)
        if png is None:
            raise HTTPException(404, f"没有编号为 {page_id} 的版面图")
        # A page id is a content hash: the same id always names the same image.
        return Response(png, media_type="image/png",
                        headers={"Cache-Control": f"public, max-age={PAGE_IMAGE_MAX_AGE_S}"})

    # ---- articles ---------------------------------------------------------
    def load_article(article_id: str) -> dict[str, Any]:
        with pool.reader() as archive:
            data = article_view(archive, article_id)
        if data is None:
            raise HTTPException(404, f"没有编号为 {article_id} 的文章")
        return data

    @app.get("/articles/{article_id}.json", include_in_schema=False)
    @app.get("/api/articles/{article_id}", summary="一篇文章 (含相关链接、原文行)")
    def article_json(article_id: str) -> dict[str, Any]:
        return load_article(article_id)

    @app.get("/articles/{article_id}.md", include_in_schema=False)
    def article_md(article_id: str) -> Response:
        data = load_article(article_id)
        return PlainTextResponse(article_markdown(data), media_type="text/markdown; charset=utf-8",
                                 headers=_download(article_id, "md"))

    @app.get("/articles/{article_id}.txt", include_in_schema=False)
    def article_txt(article_id: str) -> Response:
        data = load_article(article_id)
        return PlainTextResponse(article_text(data), headers=_download(article_id, "txt"))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str) -> Response:
        data = load_article(article_id)
        if (data["article"].get("continued_from") or {}).get("article_id"):
            # A continuation part is read inside the article it was merged into.
            with pool.reader() as archive:
                head = merged_head(archive, article_id)
            if head is not None:
                return RedirectResponse(f"/articles/{url_part(head)}#part-{url_part(article_id)}",
                                        status_code=302)
        return render(request, "article.html", data)

    # ---- search -----------------------------------------------------------
    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, params: Annotated[SearchParams, Depends(search_params)]) -> Response:
        with pool.reader() as archive:
            data = search_view(archive, params)
        return render(request, "search.html", {**data, "papers": plain(papers())})

    @app.get("/search.json", include_in_schema=False)
    @app.get("/api/search", summary="全文检索 (查询语法: 引号短语、-排除、OR)")
    def search_json(params: Annotated[SearchParams, Depends(search_params)]) -> dict[str, Any]:
        with pool.reader() as archive:
            return search_view(archive, params)

    # ---- people and other entities ----------------------------------------
    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people(request: Request,
               filters: Annotated[PeopleFilters, Depends(people_filters)]) -> Response:
        with pool.reader() as archive:
            data = people_view(archive, title=filters.title, paper=filters.paper,
                               date_from=filters.date_from, date_to=filters.date_to,
                               limit=filters.limit)
        return render(request, "people.html", data)

    @app.get("/people.json", include_in_schema=False)
    @app.get("/api/people", summary="人物及其职务、首末出现日期、文章数")
    def people_json(filters: Annotated[PeopleFilters, Depends(people_filters)]) -> dict[str, Any]:
        with pool.reader() as archive:
            return people_view(archive, title=filters.title, paper=filters.paper,
                               date_from=filters.date_from, date_to=filters.date_to,
                               limit=filters.limit)

    def load_entity(entity_type: str, name: str) -> dict[str, Any]:
        with pool.reader() as archive:
            data = entity_view(archive, entity_type, name)
        if data is None:
            raise HTTPException(404, f"档案中没有{ENTITY_TYPES[entity_type]}“{name}”")
        return data

    @app.get("/entities/{entity_type}/{name}.json", include_in_schema=False)
    @app.get("/api/entities/{entity_type}/{name}",
             summary="人物/地点/机构: 职务变化、文章、每月提及、同现人物")
    def entity_json(entity_type: EntityType, name: str) -> dict[str, Any]:
        return load_entity(entity_type, name)

    @app.get("/entities/{entity_type}/{name}", response_class=HTMLResponse,
             include_in_schema=False)
    def entity(request: Request, entity_type: EntityType, name: str) -> Response:
        return render(request, "entity.html", load_entity(entity_type, name))

    @app.get("/api/ingests", summary="最近入库的版面")
    def ingests_json(limit: Annotated[int, Query(ge=1, le=100)] = RECENT_INGESTS) -> list[Any]:
        with pool.reader() as archive:
            return list(plain(archive.recent_ingests(limit=limit)))

    # ---- writes -----------------------------------------------------------
    @app.post("/api/pages", status_code=201, summary="入库一个版面 (需口令)")
    async def post_page(
        request: Request,
        paper: Text = None,
        date: Day = None,
        page: Annotated[str | None, Query(max_length=20)] = None,
    ) -> Response:
        check_token(bearer(request))
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"一次上传最多 {MAX_UPLOAD_BYTES} 字节")
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            form = await request.form()
            upload = form.get("file")
            if not isinstance(upload, UploadFile) and not hasattr(upload, "read"):
                raise HTTPException(400, "multipart 请求需要一个名为 file 的文件字段")
            data = await upload.read()  # type: ignore[union-attr]
            name = getattr(upload, "filename", None) or _unnamed(data)
        else:
            data = await request.body()
            name = _unnamed(data)
        result = await ingest(data, name, _blank_to_none(paper), date, _blank_to_none(page))
        return JSONResponse(result, 201 if result["status"] == "added" else 200)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> Response:
        return render(request, "upload.html", {"result": None, "form": {}})

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload(
        request: Request,
        token_field: Annotated[str, Form(alias="token")] = "",
        paper: Annotated[str, Form(max_length=MAX_QUERY_CHARS)] = "",
        date: Annotated[str, Form(pattern=DATE_PATTERN)] = "",
        page: Annotated[str, Form(max_length=20)] = "",
        text: Annotated[str, Form()] = "",
        file: UploadFile | None = None,
    ) -> Response:
        check_token(token_field.strip() or bearer(request))
        date_value = _blank_to_none(date)
        if file is not None and file.filename:
            data, name = await file.read(), file.filename
        elif text.strip():
            data = text.encode("utf-8")
            name = _unnamed(data)
        else:
            raise HTTPException(400, "请粘贴版面文字或选择一个文件")
        result = await ingest(data, name, _blank_to_none(paper), date_value, _blank_to_none(page))
        form = {"paper": paper, "date": date, "page": page}
        return render(request, "upload.html", {"result": result, "form": form})

    return app


def _unnamed(data: bytes) -> str:
    """A name for an upload that came without a file name.

    The archive files a page without paper, date or label under its name, so
    two different nameless uploads must not share one (the later would replace
    the earlier); the same bytes again get the same name.
    """
    suffix = "pdf" if data.startswith(PDF_MAGIC) else "txt"
    return f"upload-{hashlib.sha256(data).hexdigest()[:UPLOAD_NAME_HEX]}.{suffix}"


def ingest_summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """One upload's outcome: per page, plus the strongest change and the article total."""
    status = next(s for s in STATUS_ORDER if any(r["status"] == s for r in results))
    return {"status": status, "articles": sum(int(r["articles"]) for r in results),
            "pages": results}


def app_from_env() -> FastAPI:
    """The app over ``$BANMIAN_DB`` with ``$BANMIAN_TOKEN``: for ``uvicorn --factory`` workers."""
    return create_app(os.environ.get(DB_ENV, "archive.db"),
                      token=os.environ.get(TOKEN_ENV) or None)


def _download(article_id: str, suffix: str) -> dict[str, str]:
    return {"Content-Disposition": f'inline; filename="{article_id}.{suffix}"'}
