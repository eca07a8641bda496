"""The seed page from ../shared, asserted exactly.

The seed is copyrighted text that must not be copied into the repository, so
the expectations name the seed's lines by number (1-based, as ``cat -n``
shows them) and build the expected strings from the file at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import banmian
from banmian.model import Page
from banmian.parse.punct import restore_punctuation

SEED_NAME = "000_6232c28edf24c7ca.txt"

# Each unit: headline lines with roles, byline fields, and its paragraphs as the
# seed lines they are made of (a broken paragraph lists every line it spans).
EXPECTED: list[dict[str, object]] = [
    {"kind": "article", "headlines": [("title", 5), ("subtitle", 7)],
     "byline": {"source": "株珠日报·掌上株珠", "reporters": ["刘琼"], "correspondents": ["朱卫健"]},
     "paragraphs": [[9], [11, 13], [15]]},
    {"kind": "article", "headlines": [("title", 17), ("subtitle", 19), ("subtitle", 21)],
     "byline": {"agency": "新华社", "place": "北京", "date": "2022-01-06", "text": "新华社北京1月6日电"},
     "paragraphs": [[23], [25, 27], [29, 31], [33]], "duplicates": [[35, 37], [39]]},
    {"kind": "article", "headlines": [("title", 41), ("subtitle", 43)],
     "byline": {"source": "株珠日报·掌上株珠", "reporters": ["胡文洁"], "correspondents": ["黄谷"]},
     "paragraphs": [[45], [47], [49], [51, 53], [55], [57]]},
    {"kind": "sidebar", "headlines": [("title", 59)], "related_to": 2, "continued_to": "A2",
     "paragraphs": [[63], [65, 67], [69], [71, 73], [75], [77, 79]],
     "headings": [63, 69, 75]},
    {"kind": "article", "headlines": [("title", 83), ("subtitle", 85)],
     "byline": {"source": "株珠日报·掌上株珠", "reporters": ["旷昆红"], "correspondents": ["莫艳琼"],
                "whole_line": 87},
     "paragraphs": [[89], [91], [93], [95], [97], [99], [101], [103], [105], [107], [109], [111],
                    [113], [115], [117], [119], [121], [123]],
     "headings": [103, 109, 117]},
    {"kind": "article", "shared_line": 125,
     "byline": {"source": "株珠日报", "agency": "湖南客户端", "reporters": ["陈正明"]},
     "paragraphs": [[127], [129], [131], [133, 135], [137]]},
    {"kind": "article", "headlines": [("kicker", 139), ("title", 141)],
     "byline": {"source": "株珠日报·掌上株珠", "reporters": ["胡文洁"]}},
    {"kind": "article", "byline": {"source": "株珠日报·掌上株珠"}},
]


@pytest.fixture(scope="module")
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seeds" / SEED_NAME


@pytest.fixture(scope="module")
def seed_lines(seed_path: Path) -> list[str]:
    return seed_path.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def page(seed_path: Path) -> Page:
    return banmian.parse_page(seed_path.read_bytes(), name=SEED_NAME)


def line(lines: list[str], number: int) -> str:
    return lines[number - 1].strip()


def test_seed_has_seven_articles_and_one_sidebar(page: Page) -> None:
    assert [a.kind for a in page.articles] == [str(u["kind"]) for u in EXPECTED]


def test_seed_page_facts(page: Page) -> None:
    assert page.paper == "株珠日报"
    assert page.page == "A1"
    assert page.date is not None and page.date.startswith("2022-01-0")
    assert page.inferred["page"].confidence < 1.0
    assert page.warnings == ()


@pytest.mark.parametrize("k", range(len(EXPECTED)))
def test_seed_headlines(page: Page, seed_lines: list[str], k: int) -> None:
    expected = EXPECTED[k]
    article = page.articles[k]
    if "shared_line" in expected:
        kicker, title = line(seed_lines, int(expected["shared_line"])).split(" ", 1)  # type: ignore[call-overload]
        assert [(h.role, h.text) for h in article.headlines] == [
            ("kicker", restore_punctuation(kicker)), ("title", restore_punctuation(title))]
    elif "headlines" in expected:
        assert [(h.role, h.text) for h in article.headlines] == [
            (role, restore_punctuation(line(seed_lines, n)))
            for role, n in expected["headlines"]  # type: ignore[attr-defined]
        ]
    assert article.title


@pytest.mark.parametrize("k", [k for k, u in enumerate(EXPECTED) if "byline" in u])
def test_seed_bylines(page: Page, seed_lines: list[str], k: int) -> None:
    fields = dict(EXPECTED[k]["byline"])  # type: ignore[call-overload]
    byline = page.articles[k].byline
    assert byline is not None
    whole = fields.pop("whole_line", None)
    if whole is not None:
        assert byline.text == line(seed_lines, whole)
    for name, value in fields.items():
        got = getattr(byline, name)
        assert (list(got) if isinstance(got, tuple) else got) == value, name


@pytest.mark.parametrize("k", [k for k, u in enumerate(EXPECTED) if "paragraphs" in u])
def test_seed_repaired_paragraphs(page: Page, seed_lines: list[str], k: int) -> None:
    article = page.articles[k]
    expected = []
    for numbers in EXPECTED[k]["paragraphs"]:  # type: ignore[attr-defined]
        text = "".join(line(seed_lines, n) for n in numbers)
        if article.byline is not None and text.startswith(article.byline.text.translate(
                str.maketrans("（）", "()"))):
            text = text[len(article.byline.text):].lstrip()
        expected.append(restore_punctuation(text))
    assert [p.text for p in article.paragraphs] == expected
    headings = {restore_punctuation(line(seed_lines, n)) for n in EXPECTED[k].get("headings", [])}  # type: ignore[attr-defined]
    assert {p.text for p in article.paragraphs if p.role == "heading"} == headings


def test_seed_duplicate_block_recorded_once(page: Page, seed_lines: list[str]) -> None:
    article = page.articles[1]
    expected = [restore_punctuation("".join(line(seed_lines, n) for n in numbers))
                for numbers in EXPECTED[1]["duplicates"]]  # type: ignore[attr-defined]
    assert [d.text for d in article.duplicates] == expected
    duplicate_blocks = [b for b in page.blocks if b.role == "duplicate"]
    assert {b.span for b in duplicate_blocks} == {s for d in article.duplicates for s in d.spans}


def test_seed_sidebar_relations(page: Page) -> None:
    sidebar = page.articles[3]
    assert sidebar.related_to == (page.articles[2].id,)
    assert sidebar.continued_to == "A2"
    assert [b.role for b in page.blocks if b.role in ("label", "continuation")] == [
        "label", "continuation"]


def test_seed_every_character_in_one_block(page: Page) -> None:
    covered = [0] * len(page.text)
    for block in page.blocks:
        for i in range(*block.span):
            covered[i] += 1
    assert all(covered[i] == 1 for i, c in enumerate(page.text) if not c.isspace())


def test_seed_numbers_keep_ascii_punctuation(page: Page) -> None:
    text = page.articles[0].paragraphs[0].text
    assert "298.20" in text and "，" in text
