"""Train the parser's two small models: the line joiner of ``banmian.parse.repair``
(does this line continue the paragraph of the line before?) and the segmenter of
``banmian.parse.segment`` (does this run of short lines open a new article?).

Pages are generated from the training split of ``../shared/corpus/rmrb-dev.jsonl`` (the
evaluation gate scores the other split) by
``eval.pagegen``; every lone short line the assembler has to judge becomes a
training example labelled by the truth (a headline line, or a paragraph of
the story); for the joiner, every pair of consecutive text lines that the
fixed rules leave open, labelled by whether both lie in one truth paragraph.
Collection follows the truth, so every example sees the context it would see
on a correctly parsed page. Logistic regressions are fitted with plain gradient
descent (numpy); the joiner is trained first because the segmenter sees the
units it builds. Weights go to ``src/banmian/data/joiner.json`` and
``segmenter.json``.

    python scripts/train_models.py                 # train on the training split, write weights
    python scripts/train_models.py --holdout 10    # train on February, report October
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.pagegen import GeneratedPage, generate_pages, load_corpus  # noqa: E402

from banmian.parse import linear, repair  # noqa: E402
from banmian.parse.assemble import assemble  # noqa: E402
from banmian.parse.classify import classify_lines  # noqa: E402
from banmian.parse.lines import split_lines  # noqa: E402
from banmian.parse.repair import JOIN_FEATURE_NAMES, Unit, build_units  # noqa: E402
from banmian.parse.segment import FEATURE_NAMES  # noqa: E402

DATA = ROOT / "src" / "banmian" / "data"
# L2 penalty and steps: the model has a dozen features, so it is not sensitive to them.
L2 = 1e-3
STEPS = 3000
LEARNING_RATE = 0.5


def segment_examples(pages: Sequence[GeneratedPage]) -> tuple[np.ndarray, np.ndarray]:
    xs: list[Sequence[float]] = []
    ys: list[float] = []
    for page in pages:
        headline_starts = {h.span[0] for a in page.articles for h in a.headlines}

        def decide(features: Sequence[float], unit: Unit,
                   headline_starts: set[int] = headline_starts) -> bool:
            label = unit.first.line.start in headline_starts
            xs.append(features)
            ys.append(float(label))
            return label

        assemble(build_units(classify_lines(split_lines(page.text))), decide)
    return np.array(xs, dtype=float), np.array(ys)


def join_examples(pages: Sequence[GeneratedPage]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of consecutive text lines the fixed rules leave to the model."""
    xs: list[Sequence[float]] = []
    ys: list[float] = []
    for page in pages:
        paragraph_of: dict[int, tuple[str, int]] = {}
        first_line: set[int] = set()
        for a in page.articles:
            for k, p in enumerate(a.paragraphs):
                first_line.add(p.spans[0][0])
                for span in p.spans:
                    paragraph_of[span[0]] = (a.key, k)
        lines = classify_lines(split_lines(page.text))
        for prev, nxt in zip(lines, lines[1:], strict=False):
            inside = prev.line.start not in first_line or prev.byline is not None
            if not repair.left_to_model(prev, nxt):
                continue
            xs.append(repair.join_features(prev, nxt, inside))
            same = paragraph_of.get(prev.line.start)
            ys.append(float(same is not None and same == paragraph_of.get(nxt.line.start)))
    return np.array(xs, dtype=float), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + L2 * w
        w -= LEARNING_RATE * grad
    return w


def accuracy(w: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    return float(((x @ w > 0) == (y > 0.5)).mean()) if len(y) else 0.0


def _write(name: str, features: Sequence[str], w: np.ndarray, note: str) -> None:
    for feature, weight in zip(features, w, strict=True):
        click.echo(f"  {feature:<22} {weight:+.3f}")
    (DATA / name).write_text(json.dumps({
        "features": list(features),
        "weights": [round(float(v), 4) for v in w],
        "trained_on": note,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    click.echo(f"wrote src/banmian/data/{name}")


@click.command()
@click.option("--pages", default=2000, show_default=True, help="Generated pages to learn from.")
@click.option("--seed", default=7, show_default=True)
@click.option("--holdout", type=int, default=None,
              help="Train on the other months and report accuracy on this month (e.g. 10).")
def main(pages: int, seed: int, holdout: int | None) -> None:
    corpus = load_corpus(split="train")
    generated = [p for s in range(3) for p in generate_pages(corpus, pages, seed + s)]
    if holdout is not None:
        test = [p for p in generated if int(p.date[5:7]) == holdout]
        train = [p for p in generated if int(p.date[5:7]) != holdout]
    else:
        train, test = generated, []
    source = f"pages generated out of the training split of rmrb-dev.jsonl (seeds {seed}..{seed + 2})"
    for name, collect in (("joiner.json", join_examples), ("segmenter.json", segment_examples)):
        x, y = collect(train)
        w = fit(x, y)
        click.echo(f"{name}: {len(y)} training examples, {y.mean():.1%} positive; "
                   f"training accuracy {accuracy(w, x, y):.3f}")
        if test:
            xt, yt = collect(test)
            click.echo(f"  held-out accuracy {accuracy(w, xt, yt):.3f} on {len(yt)} examples "
                       f"(majority class: {max(yt.mean(), 1 - yt.mean()):.3f})")
        else:
            features = JOIN_FEATURE_NAMES if name == "joiner.json" else FEATURE_NAMES
            _write(name, features, w, f"{len(y)} examples from {source}, scripts/train_models.py")
        if name == "joiner.json":
            # The segmenter sees the units the joiner builds: use the new weights from here on.
            linear.load_weights.cache_clear()
            if test:
                trained = tuple(float(v) for v in w)
                repair.load_join_weights = lambda trained=trained: trained  # type: ignore[assignment,misc]


if __name__ == "__main__":
    main()
