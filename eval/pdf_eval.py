"""Evaluation gate for PDF pages: banmian's layout analysis vs pdftotext, per page.

    .venv/bin/python eval/pdf_eval.py [--pages N] [--corpus] [--ocr] [--check]

Pages are typeset by the test suite's generator (``tests/pdfgen.py``) with
known truth: 4-8 columns, headline stacks, boxed sidebars, bold bylines,
jump lines, header and footer, indents by offset or by spaces, the PDF's
internal text order (reading, row, shuffled) and font sizes set through the
text matrix. Text is invented by the generator; with ``--corpus`` articles
come from ``../shared/corpus/rmrb-dev.jsonl`` instead (read at run time,
never stored). With ``--ocr`` every page is a scan with an OCR text layer: the
page as an image at 150 dpi and its text invisible over it (no vector rules or
boxes, no bold).

Systems, on the same PDFs in the same run:

- ``banmian``: :func:`banmian.pdf.parse_pdf` (layout analysis + hints + parser);
- ``layout only``: the layout blocks before the text parser (roles and
  ``article_start`` as the layout gives them), to tell layout errors from
  parser errors;
- ``pdftotext``: poppler's ``pdftotext`` output fed to the same text parser
  (:func:`banmian.parse.pipeline.parse_text`) without hints: the baseline.

Scores per page, averaged: ``paragraphs`` (F1 of paragraphs recovered
exactly), ``headlines`` (F1 of (role, text) headline lines), ``segmentation``
(B-cubed F1 of article membership over paragraphs and headline lines) and
``invariance`` (share of pages whose result is identical in all three
internal text orders). ``--check`` exits 1 when a banmian score is below
the minimum pinned in ``eval/pdf_minimums.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pdfgen  # noqa: E402

from banmian.model import Page, Source  # noqa: E402
from banmian.parse.pipeline import parse_text  # noqa: E402
from banmian.pdf import PageLayout, analyse_pdf, parse_pdf  # noqa: E402

MINIMUMS = ROOT / "eval" / "pdf_minimums.json"
SHARED = ROOT.parent / "shared"
METRICS = ("paragraphs", "headlines", "segmentation", "invariance")
HEADLINE_ROLES = ("kicker", "title", "subtitle")
PARAGRAPH_ROLES = ("body", "heading")

# Some corpus rows carry a whole short story in the subtitle field; longer
# "subtitles" are typeset as the first paragraph instead.
HEADLINE_MAX_CHARS = 60

Item = tuple[str, str]  # (kind, normalised text)


def norm(text: str) -> str:
    """Compare texts the way a reader would: width-folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Truth:
    paragraphs: tuple[tuple[str, int], ...]  # (text, article)
    headlines: tuple[tuple[str, str, int], ...]  # (role, text, article)


def truth_of(page: pdfgen.PageTruth) -> Truth:
    return Truth(
        tuple((norm(b.text), b.article) for b in page.blocks
              if b.role in PARAGRAPH_ROLES and b.article is not None and norm(b.text)),
        tuple((b.role, norm(b.text), b.article) for b in page.blocks
              if b.role in HEADLINE_ROLES and b.article is not None),
    )


def predicted(page: Page) -> Truth:
    """Paragraphs and headlines of a parsed page; a byline the parser split off the
    start of a paragraph line is given back to it (the truth keeps it there)."""
    paragraphs, headlines = [], []
    for n, article in enumerate(page.articles):
        texts = [p.text for p in article.paragraphs]
        if texts and article.byline and "\n" not in page.text[
                article.byline.span[1]:article.paragraphs[0].spans[0][0]]:
            texts[0] = article.byline.text + texts[0]
        paragraphs += [(norm(t), n) for t in texts if norm(t)]
        headlines += [(h.role, norm(h.text), n) for h in article.headlines]
    return Truth(tuple(paragraphs), tuple(headlines))


def from_layout(layout: PageLayout) -> Truth:
    """The layout analysis alone: articles open at ``article_start`` blocks."""
    paragraphs, headlines = [], []
    article = -1
    for block in layout.blocks:
        article += 1 if block.article_start else 0
        if block.role in PARAGRAPH_ROLES and norm(block.text):
            paragraphs.append((norm(block.text), article))
        elif block.role in HEADLINE_ROLES:
            headlines.append((block.role, norm(block.text), article))
    return Truth(tuple(paragraphs), tuple(headlines))


def f1(gold: Iterable[object], found: Iterable[object]) -> float:
    g, f = Counter(gold), Counter(found)
    hit = sum((g & f).values())
    total = sum(g.values()) + sum(f.values())
    return 1.0 if total == 0 else 2 * hit / total


def bcubed(gold: Sequence[tuple[Item, int]], found: Sequence[tuple[Item, int]]) -> float:
    """B-cubed F1 of article membership over the gold items (unmatched: singletons)."""
    where: dict[Item, list[int]] = {}
    for item, cluster in found:
        where.setdefault(item, []).append(cluster)
    labelled = []
    for n, (item, cluster) in enumerate(gold):
        slots = where.get(item)
        labelled.append((cluster, slots.pop(0) if slots else -1 - n))
    if not labelled:
        return 1.0
    precision = recall = 0.0
    for gc, pc in labelled:
        same_pred = [g for g, p in labelled if p == pc]
        same_gold = [p for g, p in labelled if g == gc]
        precision += sum(1 for g in same_pred if g == gc) / len(same_pred)
        recall += sum(1 for p in same_gold if p == pc) / len(same_gold)
    precision, recall = precision / len(labelled), recall / len(labelled)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(truth: Truth, got: Truth) -> dict[str, float]:
    def items(t: Truth) -> list[tuple[Item, int]]:
        return ([(("p", text), a) for text, a in t.paragraphs]
                + [(("h", text), a) for _, text, a in t.headlines])

    return {
        "paragraphs": f1((t for t, _ in truth.paragraphs), (t for t, _ in got.paragraphs)),
        "headlines": f1(((r, t) for r, t, _ in truth.headlines),
                        ((r, t) for r, t, _ in got.headlines)),
        "segmentation": bcubed(items(truth), items(got)),
    }


def canonical(page: Page) -> list[object]:
    """What a reader gets from a page, without offsets: compared across text orders."""
    return [(a.kind, [(h.role, h.text) for h in a.headlines],
             a.byline.text if a.byline else None, [p.text for p in a.paragraphs],
             a.continued_to) for a in page.articles]


def pdftotext(pdf: bytes) -> Page | None:
    """The baseline: poppler's text, parsed by the same text pipeline (None if absent)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        text = subprocess.run([exe, "-enc", "UTF-8", f.name, "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
    source = Source("pdftotext", hashlib.sha256(pdf).hexdigest(), "utf-8")
    return parse_text(text.replace("\f", "\n"), source=source)


def corpus_articles(rng: random.Random, limit: int) -> Callable[[], list[pdfgen.ArticleSpec]]:
    """Article specs from the People's Daily dev corpus, a page's worth at a time."""
    path = SHARED / "corpus" / "rmrb-dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:limit]]

    def pick() -> list[pdfgen.ArticleSpec]:
        specs = []
        for row in rng.sample(rows, 8):
            paragraphs = tuple(p.strip("\u3000 ") for p in row["paragraphs"] if p.strip())
            subtitle = row.get("subtitle") or None
            # An indented subtitle is the story's first paragraph (核心阅读, a summary), as
            # in eval.pagegen; so is a whole short story filed as a subtitle.
            if subtitle and (subtitle.startswith("\u3000") or len(subtitle) > HEADLINE_MAX_CHARS):
                paragraphs, subtitle = (subtitle.strip("\u3000 "), *paragraphs), None
            if not row.get("title") or not paragraphs:
                continue
            specs.append(pdfgen.ArticleSpec(title=row["title"], kicker=row.get("kicker") or None,
                                            subtitle=subtitle, paragraphs=paragraphs[:6]))
        return specs

    return pick


def evaluate(pages: int, corpus: bool = False, seed: int = 0, ocr: bool = False
             ) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    source = corpus_articles(rng, 3000) if corpus else (lambda: pdfgen.sample_articles(rng, 8))
    sums: dict[str, Counter[str]] = {"banmian": Counter(), "layout only": Counter(),
                                     "pdftotext": Counter()}
    counted = Counter[str]()
    for n in range(pages):
        articles = source()
        base = replace(pdfgen.random_options(rng, seed * 1000 + n), ocr_layer=ocr)
        results = []
        for order in pdfgen.ORDERS:
            pdf, truth, used = pdfgen.make_page(articles, replace(base, order=order))
            page = parse_pdf(pdf, name=f"page{n}.pdf")[0]
            results.append(page)
            if order != base.order:
                continue
            gold = truth_of(truth)
            for metric, value in score(gold, predicted(page)).items():
                sums["banmian"][metric] += value
            for metric, value in score(gold, from_layout(analyse_pdf(pdf)[0])).items():
                sums["layout only"][metric] += value
            baseline = pdftotext(pdf)
            if baseline is not None:
                counted["pdftotext"] += 1
                for metric, value in score(gold, predicted(baseline)).items():
                    sums["pdftotext"][metric] += value
        texts = {json.dumps(canonical(p), ensure_ascii=False) for p in results}
        sums["banmian"]["invariance"] += 1.0 if len(texts) == 1 else 0.0
    report = {"banmian": {m: sums["banmian"][m] / pages for m in METRICS},
              "layout only": {m: sums["layout only"][m] / pages for m in METRICS
                              if m != "invariance"}}
    if counted["pdftotext"]:
        report["pdftotext"] = {m: sums["pdftotext"][m] / counted["pdftotext"]
                               for m in METRICS if m != "invariance"}
    return report


def table(report: dict[str, dict[str, float]], pages: int) -> str:
    lines = [f"PDF pages: {pages}", "| system | " + " | ".join(METRICS) + " |",
             "|---|" + "---|" * len(METRICS)]
    for system, scores in report.items():
        cells = [f"{scores[m]:.3f}" if m in scores else "n/a" for m in METRICS]
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check(report: dict[str, dict[str, float]], minimums: dict[str, float]) -> list[str]:
    return [f"{m}: {report['banmian'][m]:.3f} < {minimums[m]:.3f}"
            for m in METRICS if report["banmian"][m] < minimums[m]]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--corpus", action="store_true",
                        help="typeset articles from ../shared/corpus instead of invented text")
    parser.add_argument("--ocr", action="store_true",
                        help="scans with an OCR text layer instead of vector pages")
    parser.add_argument("--check", action="store_true", help="fail below pinned minimums")
    args = parser.parse_args(argv)
    report = evaluate(args.pages, corpus=args.corpus, ocr=args.ocr)
    print(table(report, args.pages))
    if args.check:
        failures = check(report, json.loads(MINIMUMS.read_text()))
        for failure in failures:
            print("below minimum:", failure)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
