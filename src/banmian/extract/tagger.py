"""The shipped name tagger: linear character scores over BIO labels, decoded with Viterbi.

Weights are trained by ``scripts/train_ner.py`` (an averaged structured
perceptron) from the People's Daily January 1998 corpus and CLUENER, and stored
in ``data/entities/ner_model.npz`` (int8 tables with one scale each, one table
per feature template, plus the label transitions and the word clusters). Loading is lazy and happens
once. Scoring is one gather per feature template from the stacked tables;
decoding runs Viterbi with the learned label transitions, only over the
stretches where O is not sure.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from banmian.errors import ModelError
from banmian.extract.features import FIRST_CHAR_ID, FeatureSpace, Words, base_char_map
from banmian.extract.viterbi import FORBIDDEN, decode

__all__ = [
    "LABELS", "MODEL_ENV", "MODEL_FILE", "NameTagger", "bio_transitions", "load_tagger", "save_model",
    "stretches",
]

# The tag set: O plus B-/I- for the three name types the corpus marks.
LABELS: tuple[str, ...] = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
SPAN_TYPES = ("", "person", "place", "organization")  # by (label index + 1) // 2
MODEL_FILE = "ner_model.npz"
# Environment variable naming a model to use instead of the shipped one.
MODEL_ENV = "BANMIAN_NER_MODEL"


# A position where O beats every other label by more than this share of the
# spread of the allowed transition scores is fixed to O; only the stretches
# between such positions go through Viterbi. More leaves long stretches, and
# Viterbi steps over each of their characters: on 30 generated pages the
# longest stretch is ~300 characters with 0.2, ~10,000 with 0.5. The dev set
# scores are the same as with 10 spreads (Viterbi over whole sentences).
SURE_O_SPREADS = 0.2
# Floats per row of the loaded weights: the labels and zeros after them, so
# that a row is 32 bytes and is gathered as one item.
ROW_WIDTH = 8
# Largest absolute weight stored as int8 (symmetric quantisation).
INT8_MAX = 127


@dataclass(frozen=True)
class NameTagger:
    """Perceptron weight tables plus label transitions for Viterbi."""

    space: FeatureSpace
    # All template tables stacked, one zero column added: (rows, ROW_WIDTH).
    weights: npt.NDArray[np.float32]
    offsets: npt.NDArray[np.int64]  # first row of each template's table
    transitions: npt.NDArray[np.float32]  # (labels, labels), forbidden pairs very low
    sure_o_gap: float  # O ahead of every other label by more than this: O, no Viterbi

    @cached_property
    def _packed_rows(self) -> npt.NDArray[np.void]:
        """``weights`` with each row as one 32-byte item."""
        return self.weights.view(np.dtype((np.void, ROW_WIDTH * 4))).ravel()

    def scores(self, text: str, words: Words | None = None) -> npt.NDArray[np.float32]:
        """(len(text), len(LABELS)) summed template scores."""
        # One contiguous take per template is ~15x faster than one fancy
        # index over an (n, templates) matrix, and taking whole 32-byte rows
        # ~1.6x faster than taking 7 floats per row.
        rows = self.space.rows(text, words)
        offsets = self.offsets.tolist()
        packed = self._packed_rows
        total = np.take(packed, rows[0] + offsets[0]).view(np.float32).reshape(-1, ROW_WIDTH)
        for r, off in zip(rows[1:], offsets[1:], strict=True):
            total += np.take(packed, r + off).view(np.float32).reshape(-1, ROW_WIDTH)
        return total[:, : len(LABELS)]

    def labels(self, text: str, words: Words | None = None) -> npt.NDArray[np.int64]:
        """Label index per character (0 = O)."""
        scores = self.scores(text, words)
        # Positions where some label comes within sure_o_gap of O are the
        # uncertain ones; only they go through Viterbi.
        # max() over a short axis is slow in numpy; reading through argmax is not.
        best_other = scores[np.arange(len(scores)), scores[:, 1:].argmax(axis=1) + 1]
        uncertain = scores[:, 0] - best_other < self.sure_o_gap
        # decode() gathers the stretches' rows itself; others keep label 0 (O).
        return decode(scores, stretches(uncertain), self.transitions, self.transitions[0])

    def spans(self, text: str, words: Words | None = None) -> list[tuple[str, int, int]]:
        """(type, start, end) of every PER/LOC/ORG span the tagger finds.

        ``words`` are the text's rjieba words when the caller has them already.
        """
        if not text:
            return []
        lab = self.labels(text, words)
        prev = np.concatenate([[0], lab[:-1]])
        nxt = np.concatenate([lab[1:], [0]])
        inside = (lab > 0) & (lab % 2 == 0)  # I-X
        # B-X starts a span; so does an I-X that follows neither B-X nor I-X.
        starts = np.flatnonzero((lab % 2 == 1) | (inside & (prev != lab) & (prev != lab - 1)))
        i_of_same = np.where(lab % 2 == 1, lab + 1, lab)
        ends = np.flatnonzero((lab > 0) & (nxt != i_of_same)) + 1
        kinds = ((lab[starts] + 1) // 2).tolist()  # 1 PER, 2 LOC, 3 ORG
        return [(SPAN_TYPES[k], s, e)
                for k, s, e in zip(kinds, starts.tolist(), ends.tolist(), strict=True)]


def stretches(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """[lo, hi) runs of True in ``mask``, each widened by one position, merged."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    if not len(edges):
        return []
    lo = np.maximum(edges[::2] - 1, 0)
    hi = np.minimum(edges[1::2] + 1, len(mask))
    fresh = np.concatenate([[True], lo[1:] > hi[:-1]])  # does not touch the previous run
    group = np.cumsum(fresh) - 1
    his = np.zeros(int(group[-1]) + 1, dtype=np.int64)
    np.maximum.at(his, group, hi)
    return list(zip(lo[fresh].tolist(), his.tolist(), strict=True))


def bio_transitions() -> npt.NDArray[np.float32]:
    """Zero transitions, except FORBIDDEN where BIO forbids the pair."""
    t = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for b, name in enumerate(LABELS):
        if name.startswith("I-"):
            for a, prev in enumerate(LABELS):
                if prev[2:] != name[2:]:
                    t[a, b] = FORBIDDEN
    return t


def save_model(path: Path, space: FeatureSpace, tables: list[npt.NDArray[np.float32]],
               transitions: npt.NDArray[np.float32], char_codepoints: npt.NDArray[np.int64]
               ) -> None:
    """Store the tables as int8 with one scale per table, plus the feature space."""
    arrays: dict[str, npt.NDArray[np.generic]] = {
        "transitions": transitions.astype(np.float32),
        "char_codepoints": char_codepoints.astype(np.int32),
        "cluster_keys": space.cluster_keys.astype(np.int64),
        "cluster_ids": space.cluster_ids.astype(np.int16),
        "meta": np.frombuffer(json.dumps({
            "labels": LABELS, "tags": space.tag_ids, "n_chars": space.n_chars,
            "hash_bits": space.hash_bits, "word_templates": space.word_templates,
            "word_hash_bits": space.word_hash_bits,
        }).encode(), dtype=np.uint8),
    }
    scales = []
    for i, table in enumerate(tables):
        scale = float(np.abs(table).max()) / INT8_MAX or 1.0
        scales.append(scale)
        arrays[f"table{i}"] = np.round(table / scale).astype(np.int8)
    arrays["scales"] = np.array(scales, dtype=np.float32)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def _read(path: Path) -> NameTagger:
    with np.load(path) as z:
        meta = json.loads(z["meta"].tobytes().decode())
        if tuple(meta["labels"]) != LABELS:
            raise ModelError(f"model labels {meta['labels']} do not match {LABELS}",
                             path=str(path))
        char_map = base_char_map()
        cps = z["char_codepoints"].astype(np.int64)
        char_map[cps] = np.arange(FIRST_CHAR_ID, FIRST_CHAR_ID + len(cps))
        space = FeatureSpace(char_map=char_map, n_chars=int(meta["n_chars"]),
                             hash_bits=int(meta["hash_bits"]), tag_ids=dict(meta["tags"]),
                             word_templates=tuple(meta["word_templates"]),
                             word_hash_bits=int(meta["word_hash_bits"]),
                             cluster_keys=z["cluster_keys"].astype(np.int64),
                             cluster_ids=z["cluster_ids"].astype(np.int64))
        scales = z["scales"]
        tables = [z[f"table{i}"].astype(np.float32) * scales[i] for i in range(len(scales))]
        sizes = [len(t) for t in tables]
        trans = z["transitions"].astype(np.float32)
        allowed = trans[trans > FORBIDDEN / 2]
        weights = np.zeros((sum(sizes), ROW_WIDTH), dtype=np.float32)
        weights[:, : len(LABELS)] = np.concatenate(tables)
        return NameTagger(space=space, weights=weights,
                          offsets=np.cumsum([0, *sizes[:-1]]).astype(np.int64),
                          transitions=trans,
                          sure_o_gap=SURE_O_SPREADS * float(allowed.max() - allowed.min()))


def load_tagger(path: Path | None = None) -> NameTagger:
    """The tagger stored at ``path``; by default the one ``$BANMIAN_NER_MODEL``
    names (a model trained with ``scripts/train_ner.py``), else the one
    shipped with banmian (each loaded once)."""
    if path is not None:
        return _read(path)
    chosen = os.environ.get(MODEL_ENV)
    return _chosen(Path(chosen)) if chosen else _shipped()


@cache
def _chosen(path: Path) -> NameTagger:
    if not path.is_file():
        raise ModelError(f"no name tagger model at ${MODEL_ENV}", path=str(path))
    return _read(path)


@cache
def _shipped() -> NameTagger:
    ref = resources.files("banmian") / "data" / "entities" / MODEL_FILE
    with resources.as_file(ref) as p:
        if not p.exists():
            raise ModelError("the name tagger model is missing; run scripts/train_ner.py",
                             path=str(p))
        return _read(p)

