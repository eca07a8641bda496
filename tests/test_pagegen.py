"""The page generator's truth must match its text exactly, or the evaluation lies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from eval.pagegen import (
    FOLD,
    FURNITURE_PARAGRAPH,
    Artifacts,
    CorpusArticle,
    GeneratedPage,
    generate_pages,
    load_corpus,
    render,
)

PAGES = 120
SEED = 7
FOLDED_AWAY = "".join(chr(c) for c in FOLD)  # the full-width forms that must not survive
MARKER = re.compile(r"^(?:下转|上接) A\d+版$|^\((?:下转|上接)第[〇一二三四五六七八九十\d]+版\)$")

Corpus = dict[tuple[str, int], tuple[CorpusArticle, ...]]


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Corpus:
    return load_corpus(shared_dir / "corpus" / "rmrb-dev.jsonl")


@pytest.fixture(scope="module")
def pages(corpus: Corpus) -> list[GeneratedPage]:
    return generate_pages(corpus, PAGES, SEED)


def test_spans_point_at_the_text_they_claim(pages: list[GeneratedPage]) -> None:
    for page in pages:
        t = page.text
        for a in page.articles:
            for h in a.headlines:
                assert t[h.span[0]:h.span[1]] == render(h.text, page.nbsp_kept), page.id
            printed = []
            for p in a.paragraphs:
                lines = [t[s:e] for s, e in p.spans]
                assert all(line and not line[0].isspace() and not line[-1].isspace()
                           for line in lines), page.id
                assert "".join(lines) == render(p.text, page.nbsp_kept), page.id
                printed.append("".join(lines))
            for d in a.duplicates:
                copy = "".join(t[s:e] for s, e in d.spans)
                assert copy == "".join(printed[i] for i in d.paragraphs), page.id
            for s, e in a.markers:
                assert MARKER.match(t[s:e]), (page.id, t[s:e])
        for s, e in page.furniture:
            assert t[s:e].strip() and "\n" not in t[s:e], page.id


def test_every_printing_character_is_in_exactly_one_unit(pages: list[GeneratedPage]) -> None:
    for page in pages:
        count = [0] * len(page.text)
        for _, (s, e) in page.units():
            for i in range(s, e):
                count[i] += 1
        for i, ch in enumerate(page.text):
            assert count[i] == (0 if ch.isspace() and count[i] == 0 else 1), (page.id, i, ch)


def test_units_are_whole_lines(pages: list[GeneratedPage]) -> None:
    """A unit never shares a line with another, except a kicker and title joined by a space."""
    for page in pages:
        spans = sorted(s for _, s in page.units())
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            gap = page.text[e1:s2]
            assert gap.count("\n") >= 1 or gap == " ", (page.id, e1, gap)


def test_the_page_text_looks_extracted(pages: list[GeneratedPage]) -> None:
    text = "".join(p.text for p in pages)
    assert not set(text) & set(FOLDED_AWAY)
    assert "\u3000\u3000" not in text  # paragraph indentation is gone
    assert "\n\n\n\n" in text  # sometimes several blank lines
    kept = [p for p in pages if p.nbsp_kept]
    assert kept and len(kept) < len(pages)
    assert all("\u00a0" not in p.text for p in pages if not p.nbsp_kept)


def test_artifacts_appear_at_about_their_rates(pages: list[GeneratedPage]) -> None:
    paragraphs = [p for page in pages for a in page.articles for p in a.paragraphs]
    assert not any(FURNITURE_PARAGRAPH.match(p.text) for p in paragraphs)
    credits = [page.text[s:e] for page in pages for s, e in page.furniture
               if FURNITURE_PARAGRAPH.match(page.text[s:e])]
    assert credits  # the corpus files them as paragraphs; the truth calls them furniture
    broken = sum(len(p.spans) > 1 for p in paragraphs) / len(paragraphs)
    assert 0.05 < broken < 0.3
    with_duplicate = sum(any(a.duplicates for a in page.articles) for page in pages) / len(pages)
    assert 0.2 < with_duplicate < 0.5
    with_furniture = sum(bool(page.furniture) for page in pages) / len(pages)
    assert 0.5 < with_furniture < 0.9
    joined = sum(1 for page in pages for a in page.articles
                 for h1, h2 in zip(a.headlines, a.headlines[1:], strict=False)
                 if page.text[h1.span[1]:h2.span[0]] == " ")
    assert joined > 3


def test_continuations_pair_up_across_pages(pages: list[GeneratedPage]) -> None:
    by_label = {(p.date, p.label): p for p in pages}
    pairs = 0
    for page in pages:
        for a in page.articles:
            if a.continued_to is None:
                continue
            target = by_label[(page.date, a.continued_to)]
            rest = [b for b in target.articles if b.key == a.key]
            assert [b.continued_from for b in rest] == [page.label]
            assert page.text[slice(*a.markers[-1])].startswith(("下转", "(下转"))
            assert target.text[slice(*rest[0].markers[0])].startswith(("上接", "(上接"))
            pairs += 1
    assert pairs > 10


def test_generation_is_deterministic(corpus: Corpus, pages: list[GeneratedPage]) -> None:
    again = generate_pages(corpus, PAGES, SEED)
    assert [p.to_dict() for p in again] == [p.to_dict() for p in pages]
    other = generate_pages(corpus, PAGES, SEED + 1)
    assert [p.text for p in other] != [p.text for p in pages]


def test_without_artifacts_every_block_is_one_line(corpus: Corpus) -> None:
    clean = Artifacts(blank_none=0, blank_several=0, leading_blank_max=0, join_kicker_title=0,
                      nbsp_kept=1, column_chars=10**9, duplicate_pages=0, continuation_pages=0,
                      header_pages=0, footer_pages=0)
    for page in generate_pages(corpus, 20, SEED, clean):
        units = [page.text[s:e] for s, e in sorted(span for _, span in page.units())]
        assert page.text.rstrip("\n") == "\n\n".join(units)
        for a in page.articles:
            assert not a.duplicates and not a.markers
            assert all(len(p.spans) == 1 for p in a.paragraphs)


def test_long_paragraphs_break_into_at_most_three_lines(corpus: Corpus) -> None:
    narrow = generate_pages(corpus, 10, SEED, Artifacts(column_chars=40))
    lines = [len(p.spans) for page in narrow for a in page.articles for p in a.paragraphs]
    assert max(lines) == 3 and lines.count(2) > 0 and lines.count(1) > 0


def test_the_eval_split_is_held_out(shared_dir: Path, corpus: Corpus) -> None:
    path = shared_dir / "corpus" / "rmrb-dev.jsonl"
    held_out, train = load_corpus(path, "eval"), load_corpus(path, "train")
    assert not set(held_out) & set(train)
    assert set(held_out) | set(train) == set(corpus)
    assert 0.2 < len(held_out) / len(corpus) < 0.3
    with pytest.raises(ValueError):
        load_corpus(path, "test")
