"""A small real archive for the reading-room tests, built from pages we wrote.

``tests/data/web/`` holds two pages of an invented paper (青岚日报) in the
style of e-edition page text: an article on A1 that continues on A2
(``下转 A2版`` / ``上接 A1版``), a sidebar, people with titles, and an article
whose title and body contain ``<script>``.
"""

from __future__ import annotations

from pathlib import Path

from banmian import parse_page
from banmian.archive import Archive
from banmian.extract import add_entities

SAMPLE_DIR = Path(__file__).parent / "data" / "web"
PAPER = "青岚日报"
DATE = "2023-03-15"
# The head article on A1 and the title its A2 part repeats.
HEAD_TITLE = "以创新驱动轨道交通产业高质量发展"
XSS_TITLE_START = "网友留言<script>"
PERSON = "周明远"
PERSON_TITLE = "市委书记"


def sample_files() -> list[tuple[str, Path]]:
    """(page label, file) for each sample page, in page order."""
    files = sorted(SAMPLE_DIR.glob(f"qinglan-{DATE}-*.txt"))
    return [(f.stem.rsplit("-", 1)[1], f) for f in files]


def build_sample_archive(path: Path) -> Path:
    with Archive(path) as archive:
        for label, file in sample_files():
            page = add_entities(parse_page(file.read_bytes(), paper=PAPER, date=DATE,
                                           page=label, name=file.name))
            archive.ingest_page(page, path=file.name)
    return path


def find_article(archive: Archive, title_start: str, page: str | None = None) -> str:
    """The id of the article on the sample issue whose title starts with ``title_start``."""
    detail = archive.issue(PAPER, DATE)
    assert detail is not None
    for issue_page in detail.pages:
        if page is not None and issue_page.label != page:
            continue
        for article in issue_page.articles:
            if article.title.startswith(title_start):
                return article.id
    raise AssertionError(f"no article titled {title_start}... on {page or 'any page'}")
