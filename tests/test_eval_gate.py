"""The evaluation gate: banmian.parse_page on generated pages stays above the pinned minimums.

The scorer itself is checked first against stand-in parsers built from the
truth, so a gate pass means the parser is good, not that the scorer is blind.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from eval.pagegen import CorpusArticle, GeneratedPage, generate_pages, load_corpus
from eval.parse_eval import (
    METRICS,
    canonical_label,
    check,
    evaluate,
    load_minimums,
    main,
    naive_parse,
)

import banmian
from banmian.model import Article, Block, Page, Paragraph, Source

Corpus = dict[tuple[str, int], tuple[CorpusArticle, ...]]
SCORER_PAGES = 60  # enough pages to hold every artifact, few enough to stay fast


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Corpus:
    return load_corpus(shared_dir / "corpus" / "rmrb-dev.jsonl")


@pytest.fixture(scope="module")
def pages(corpus: Corpus) -> list[GeneratedPage]:
    return generate_pages(corpus, SCORER_PAGES, 11)


def _oracle_page(page: GeneratedPage) -> Page:
    """What a perfect parser would return for ``page``."""
    blocks = [Block(span=s, role="furniture") for s in page.furniture]
    articles = []
    for i, a in enumerate(page.articles):
        aid = f"t{i}"
        blocks += [Block(span=h.span, role=h.role, article=aid) for h in a.headlines]
        blocks += [Block(span=s, role="body", article=aid) for p in a.paragraphs for s in p.spans]
        blocks += [Block(span=s, role="duplicate", article=aid) for d in a.duplicates
                   for s in d.spans]
        blocks += [Block(span=s, role="continuation", article=aid) for s in a.markers]
        articles.append(Article(
            id=aid, kind="article",
            title=next((h.text for h in a.headlines if h.role == "title"), ""),
            subtitles=tuple(h.text for h in a.headlines if h.role == "subtitle"),
            paragraphs=tuple(Paragraph(text=p.text, role="body", spans=p.spans)
                             for p in a.paragraphs),
            continued_to=a.continued_to, continued_from=a.continued_from))
    return Page(text=page.text, source=Source(name=page.id, sha256="", encoding="utf-8"),
                articles=tuple(articles), blocks=tuple(sorted(blocks, key=lambda b: b.span)))


def _oracle(pages: list[GeneratedPage]) -> dict[str, Page]:
    return {p.text: _oracle_page(p) for p in pages}


def test_the_truth_scores_full_marks(pages: list[GeneratedPage]) -> None:
    oracle = _oracle(pages)
    score = evaluate(pages, oracle.__getitem__, "oracle")
    assert score.metrics() == {name: 1.0 for name in METRICS}
    assert score.failures == [] and score.continuations_spurious == 0
    assert score.duplicates_found.total > 5 and score.continuations.total > 5
    assert score.furniture_apart.total > 20


def _merge_first_two(page: Page) -> Page:
    if len(page.articles) < 2:
        return page
    a, b = page.articles[0], page.articles[1]
    merged = replace(a, paragraphs=a.paragraphs + b.paragraphs)
    blocks = tuple(replace(x, article=a.id) if x.article == b.id else x for x in page.blocks)
    return replace(page, articles=(merged, *page.articles[2:]), blocks=blocks)


def test_merged_articles_cost_segmentation_and_headlines(pages: list[GeneratedPage]) -> None:
    oracle = {text: _merge_first_two(p) for text, p in _oracle(pages).items()}
    score = evaluate(pages, oracle.__getitem__, "merged")
    metrics = score.metrics()
    assert metrics["segmentation_precision"] < 0.95
    assert metrics["segmentation_recall"] == 1.0
    assert metrics["headline_sets"] < 0.95
    assert metrics["paragraphs_fullwidth"] == 1.0
    assert any(f.category.startswith("article merged") for f in score.failures)


def test_folded_punctuation_counts_as_repair_but_not_restoration(
        pages: list[GeneratedPage]) -> None:
    def unrestored(text: str) -> Page:
        page = _oracle_page(next(p for p in pages if p.text == text))
        return replace(page, articles=tuple(
            replace(a, paragraphs=tuple(
                replace(p, text="".join(text[s:e] for s, e in p.spans)) for p in a.paragraphs))
            for a in page.articles))

    metrics = evaluate(pages, unrestored, "unrestored").metrics()
    assert metrics["paragraphs_folded"] == 1.0
    assert metrics["paragraphs_fullwidth"] < 0.2


def test_a_crash_is_scored_not_raised(pages: list[GeneratedPage]) -> None:
    def crash(text: str) -> Page:
        raise RuntimeError("boom")

    score = evaluate(pages[:3], crash, "crash")
    assert score.crashes == 3
    assert score.metrics()["paragraphs_folded"] == 0.0


def test_the_naive_baseline_is_far_from_the_truth(pages: list[GeneratedPage]) -> None:
    metrics = evaluate(pages, naive_parse, "naive").metrics()
    assert 0.3 < metrics["segmentation_f1"] < 0.9
    assert metrics["paragraphs_folded"] < 0.9
    assert metrics["duplicates_found"] == 0.0


@pytest.mark.parametrize(("label", "canonical"), [
    ("A2", "A2"), ("a2版", "A2"), ("下转 A2版", "A2"), ("(下转第四版)", "4"), ("第十四版", "14"),
    ("第二十版", "20"), ("第2版", "2"), ("2", "2"), (None, None),
])
def test_page_labels_compare_by_number(label: str | None, canonical: str | None) -> None:
    assert canonical_label(label) == canonical


def test_gate(shared_dir: Path) -> None:
    """The real parser on the pinned pages, against the pinned minimums."""
    pinned = load_minimums()
    generated = generate_pages(load_corpus(shared_dir / "corpus" / "rmrb-dev.jsonl",
                                           pinned.split), pinned.pages, pinned.seed)
    score = evaluate(generated, banmian.parse_page, "banmian")
    assert score.crashes == 0
    assert check(score, pinned.minimums) == []


@pytest.mark.parametrize(("minimum", "exit_code"), [(0.0, 0), (1.01, 1)])
def test_check_exits_1_below_a_minimum(shared_dir: Path, tmp_path: Path, minimum: float,
                                       exit_code: int) -> None:
    pinned = tmp_path / "minimums.json"
    pinned.write_text(json.dumps({"pages": 5, "seed": 1, "split": "eval",
                                  "minimums": {"segmentation_f1": minimum}}))
    result = CliRunner().invoke(main, ["--check", "--minimums", str(pinned), "--no-baseline",
                                       "--corpus", str(shared_dir / "corpus" / "rmrb-dev.jsonl")])
    assert result.exit_code == exit_code, result.output
    assert ("below minimum" in result.output) == bool(exit_code)
