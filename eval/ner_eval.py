"""Evaluation gate for entity extraction: person / place / organisation P, R, F1.

    .venv/bin/python eval/ner_eval.py [--shared ../shared] [--limit N] [--check]

Data (read from ``../shared/corpus/ner/``, never copied into the repo):

- ``peoples-daily-ner.dev.bio`` - People's Daily NER dev split, one
  character and its BIO tag a line: ``PER`` -> person, ``LOC`` -> place,
  ``ORG`` -> organization.
- ``cluener.dev.json`` - CLUENER2020 dev split. Label mapping:
  ``name`` -> person; ``address`` -> place; ``organization``,
  ``government`` and ``company`` -> organization. ``position``, ``book``,
  ``game``, ``movie`` and ``scene`` are not scored (CLUENER's ``scene``
  holds sights like 故宫 that our place type does not aim at).

Systems, measured in the same run on the same sentences:

- ``banmian``: :func:`banmian.extract.extract_entities` (tagger + rules);
- ``rjieba POS``: jieba's part-of-speech tagger (rjieba, the same HMM and
  dictionary as jieba), words tagged ``nr`` -> person, ``ns`` -> place,
  ``nt`` -> organization. It is the baseline.

A predicted mention counts when type, start and end all match a gold
mention (exact span match, micro-averaged). ``--check`` exits 1 when any
banmian F1 is below the minimums pinned in ``eval/ner_minimums.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import rjieba

from banmian.extract import extract_entities

ROOT = Path(__file__).resolve().parents[1]
MINIMUMS = ROOT / "eval" / "ner_minimums.json"
TYPES = ("person", "place", "organization")
PD_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
CLUENER_TYPES = {
    "name": "person",
    "address": "place",
    "organization": "organization",
    "government": "organization",
    "company": "organization",
}
JIEBA_TYPES = {"nr": "person", "ns": "place", "nt": "organization"}

Mention = tuple[str, int, int]


@dataclass(frozen=True)
class Sentence:
    text: str
    gold: frozenset[Mention]


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))

    def add(self, gold: frozenset[Mention], pred: set[Mention]) -> None:
        for kind, _, _ in gold:
            self.gold[kind] += 1
        for m in pred:
            self.pred[m[0]] += 1
            if m in gold:
                self.tp[m[0]] += 1

    def prf(self, kind: str) -> tuple[float, float, float]:
        p = self.tp[kind] / self.pred[kind] if self.pred[kind] else 0.0
        r = self.tp[kind] / self.gold[kind] if self.gold[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def read_pd_bio(path: Path) -> Iterator[Sentence]:
    chars: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in [*f, ""]:
            parts = line.split()
            if len(parts) == 2:
                chars.append(parts[0])
                tags.append(parts[1])
                continue
            if chars:
                yield Sentence("".join(chars), frozenset(bio_mentions(tags)))
            chars, tags = [], []


def bio_mentions(tags: list[str]) -> list[Mention]:
    out: list[Mention] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind and start >= 0
        if inside:
            continue
        if start >= 0:
            out.append((PD_TYPES[kind], start, i))
            start, kind = -1, ""
        if tag[:2] in ("B-", "I-") and tag[2:] in PD_TYPES:
            start, kind = i, tag[2:]
    return out


def read_cluener(path: Path) -> Iterator[Sentence]:
    raw = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    at = 0
    while True:
        while at < len(raw) and raw[at].isspace():
            at += 1
        if at >= len(raw):
            return
        obj, at = decoder.raw_decode(raw, at)
        gold = {
            (CLUENER_TYPES[label], s, e + 1)
            for label, names in obj.get("label", {}).items() if label in CLUENER_TYPES
            for spans in names.values() for s, e in spans
        }
        yield Sentence(obj["text"], frozenset(gold))


def banmian_mentions(text: str) -> set[Mention]:
    return {(e.type, e.start, e.end) for e in extract_entities(text) if e.type in TYPES}


def jieba_mentions(text: str) -> set[Mention]:
    out: set[Mention] = set()
    at = 0
    for word, tag in rjieba.tag(text):
        if tag in JIEBA_TYPES:
            out.add((JIEBA_TYPES[tag], at, at + len(word)))
        at += len(word)
    return out


SYSTEMS: dict[str, Callable[[str], set[Mention]]] = {
    "banmian": banmian_mentions,
    "rjieba POS": jieba_mentions,
}


def evaluate(sentences: list[Sentence]) -> dict[str, tuple[Score, float]]:
    out = {}
    for name, system in SYSTEMS.items():
        score = Score()
        started = time.perf_counter()
        for s in sentences:
            score.add(s.gold, system(s.text))
        out[name] = (score, time.perf_counter() - started)
    return out


def report(datasets: dict[str, list[Sentence]]) -> dict[tuple[str, str], float]:
    """Print the markdown table of every system on every dataset; return
    banmian's F1 by (dataset, type)."""
    f1: dict[tuple[str, str], float] = {}
    print("| dataset | system | type | P | R | F1 | gold | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for ds_name, sentences in datasets.items():
        for sys_name, (score, seconds) in evaluate(sentences).items():
            for kind in TYPES:
                p, r, f = score.prf(kind)
                print(f"| {ds_name} | {sys_name} | {kind} | {p:.3f} | {r:.3f} | {f:.3f} "
                      f"| {score.gold[kind]} | {seconds:.1f} |")
                if sys_name == "banmian":
                    f1[ds_name, kind] = f
    return f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="person/place/organization P/R/F1 on NER dev sets")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of each set")
    ap.add_argument("--check", action="store_true", help="exit 1 below eval/ner_minimums.json")
    args = ap.parse_args(argv)
    ner = args.shared / "corpus" / "ner"
    datasets = {
        "pd-ner-dev": list(read_pd_bio(ner / "peoples-daily-ner.dev.bio")),
        "cluener-dev": list(read_cluener(ner / "cluener.dev.json")),
    }
    if args.limit:
        datasets = {name: sentences[: args.limit] for name, sentences in datasets.items()}
    minimums = json.loads(MINIMUMS.read_text(encoding="utf-8"))
    failures = [f"{ds_name} {kind} F1 {f:.3f} < minimum {floor}"
                for (ds_name, kind), f in report(datasets).items()
                if (floor := minimums.get(ds_name, {}).get(kind)) is not None and f < floor]
    if args.check and failures:
        for line in failures:
            print(f"FAIL: {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
