"""Train the lone-headline model of ``banmian.parse.segment``.

Pages are generated from the training split of ``../shared/corpus/rmrb-dev.jsonl`` (the
evaluation gate scores the other split) by
``eval.pagegen``; every lone short line the assembler has to judge becomes a
training example labelled by the truth (a headline line, or a paragraph of
the story). The assembler follows the truth while collecting, so every
example sees the context it would see on a correctly parsed page. A logistic
regression is fitted with plain gradient descent (numpy) and its weights are
written to ``src/banmian/data/segmenter.json``.

    python scripts/train_segmenter.py                 # train on all, write weights
    python scripts/train_segmenter.py --holdout 10    # train on February, report October
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

from banmian.parse.assemble import assemble  # noqa: E402
from banmian.parse.classify import classify_lines  # noqa: E402
from banmian.parse.lines import split_lines  # noqa: E402
from banmian.parse.repair import Unit, build_units  # noqa: E402
from banmian.parse.segment import FEATURE_NAMES  # noqa: E402

WEIGHTS = ROOT / "src" / "banmian" / "data" / "segmenter.json"
# L2 penalty and steps: the model has a dozen features, so it is not sensitive to them.
L2 = 1e-3
STEPS = 3000
LEARNING_RATE = 0.5


def examples(pages: Sequence[GeneratedPage]) -> tuple[np.ndarray, np.ndarray]:
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


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + L2 * w
        w -= LEARNING_RATE * grad
    return w


def accuracy(w: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    return float(((x @ w > 0) == (y > 0.5)).mean()) if len(y) else 0.0


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
    x, y = examples(train)
    w = fit(x, y)
    click.echo(f"{len(y)} training examples, {y.mean():.1%} headlines; "
               f"training accuracy {accuracy(w, x, y):.3f}")
    if test:
        xt, yt = examples(test)
        click.echo(f"held-out accuracy {accuracy(w, xt, yt):.3f} on {len(yt)} examples "
                   f"(always 'heading': {1 - yt.mean():.3f})")
        return
    for name, weight in zip(FEATURE_NAMES, w, strict=True):
        click.echo(f"  {name:<20} {weight:+.3f}")
    WEIGHTS.write_text(json.dumps({
        "features": list(FEATURE_NAMES),
        "weights": [round(float(v), 4) for v in w],
        "trained_on": f"{len(y)} lone short lines from pages generated out of rmrb-dev.jsonl "
                      f"(seeds {seed}..{seed + 2}), scripts/train_segmenter.py",
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    click.echo(f"wrote {WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
