"""Held-out score of entity extraction: text neither the tagger nor the rules were fit on.

    .venv/bin/python scripts/train_ner.py --hold-out --out /tmp/heldout.npz   # ~17 min
    .venv/bin/python eval/ner_heldout.py --model /tmp/heldout.npz [--shared ../shared]

The dev sets of ``eval/ner_eval.py`` have been read while the rules and
lexicons were written, so their scores run high. A model trained with
``--hold-out`` has not seen every tenth paragraph of the People's Daily
January 1998 corpus and every tenth sentence of CLUENER's train split
(``train_ner.is_held_out``), and no rule was written from them: this script
scores the whole pipeline, with that model, on exactly those. Gold mentions
of the corpus come from the training conversion (``train_ner.paragraph_entities``,
whose conventions differ from People's Daily NER's in places: party
congresses such as 十五大 and 马列主义's namesakes are no names there), one
sentence per 。/！/？; CLUENER's as in ``eval/ner_eval.py``. Not run by CI (it
needs the model above); the README gives the last numbers.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from banmian.extract.tagger import MODEL_ENV  # noqa: E402
from eval.ner_eval import Sentence, read_cluener, report  # noqa: E402

SENTENCE_END_RE = re.compile("[。！？]")
PD_KINDS = {"PER": "person", "LOC": "place", "ORG": "organization"}


def train_script() -> ModuleType:
    """scripts/train_ner.py as a module (its conversion and held-out split)."""
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ner"] = module
    spec.loader.exec_module(module)
    return module


def corpus_sentences(path: Path, train_ner: ModuleType) -> Iterator[Sentence]:
    """The held-out paragraphs of the tagged corpus, one Sentence per sentence.

    Company names are those of the whole corpus, as in training."""
    lines = path.read_text(encoding="utf-8").splitlines()
    companies = train_ner.company_names(lines)
    paragraphs = train_ner.split_doctrines([
        train_ner.paragraph_entities(line, companies)
        for n, line in enumerate(lines) if train_ner.is_held_out(n)])
    for pieces in paragraphs:
        text, gold = "", []
        for piece, kind in pieces:
            if kind is not None:
                gold.append((PD_KINDS[kind], len(text), len(text) + len(piece)))
            text += piece
        cuts = [0, *(hit.end() for hit in SENTENCE_END_RE.finditer(text))]
        if cuts[-1] < len(text):
            cuts.append(len(text))
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            if text[lo:hi].strip():
                yield Sentence(text[lo:hi], frozenset(
                    (k, s - lo, e - lo) for k, s, e in gold if lo <= s and e <= hi))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="person/place/organization P/R/F1 on held-out text")
    ap.add_argument("--model", type=Path, required=True,
                    help="a tagger trained with scripts/train_ner.py --hold-out")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    ner = args.shared / "corpus" / "ner"
    if not args.model.is_file() or not ner.is_dir():
        print(f"need {args.model} and {ner}", file=sys.stderr)
        return 1
    os.environ[MODEL_ENV] = str(args.model)
    train_ner = train_script()
    report({
        "pd-1998-heldout": list(corpus_sentences(
            ner / "peoples-daily-1998-01.pos.txt", train_ner)),
        "cluener-train-heldout": [s for n, s in enumerate(read_cluener(ner / "cluener.train.json"))
                                  if train_ner.is_held_out(n)],
    })
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
