"""Batched Viterbi decoding over BIO labels.

Many short stretches are decoded at once: they are padded to one length and
the recurrence steps over positions with numpy, across all stretches, so the
Python work grows with the longest stretch, not with the text. Training
(``scripts/train_ner.py``) and tagging share this function.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["FORBIDDEN", "decode"]

# Score of a transition the BIO scheme forbids (O -> I-X, B-X -> I-Y):
# low enough to lose against any real path, finite so sums stay finite.
FORBIDDEN = -1e6

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


def decode(emissions: FloatArray, bounds: list[tuple[int, int]], transitions: FloatArray,
           start: FloatArray) -> IntArray:
    """Best label of every position inside ``bounds`` (others keep label 0).

    ``emissions`` is (n, labels); ``bounds`` are [lo, hi) stretches decoded
    independently; ``transitions[a, b]`` scores label a followed by b and
    ``start`` scores the first label of a stretch.

    The stretches are sorted longest first, so at step t the ones still
    running are a prefix of the batch and every step works on that prefix
    in place: a handful of numpy calls per step of the longest stretch.
    """
    labels = np.zeros(len(emissions), dtype=np.int64)
    if not bounds:
        return labels
    order = sorted(bounds, key=lambda b: b[0] - b[1])  # longest first
    los = np.array([lo for lo, _ in order], dtype=np.int64)
    lengths = np.array([hi - lo for lo, hi in order], dtype=np.int64)
    width = int(lengths[0])
    steps = np.arange(width)
    inside = steps[None, :] < lengths[:, None]
    index = np.where(inside, los[:, None] + steps[None, :], 0)
    em = emissions[index]  # (stretches, width, labels)
    # live[t]: how many stretches (a prefix) are longer than t.
    live = np.searchsorted(-lengths, -steps, side="left").tolist()
    score = em[:, 0, :] + start
    back = np.zeros((len(order), width, emissions.shape[1]), dtype=np.int64)
    n_labels = emissions.shape[1]
    into = np.ascontiguousarray(transitions.T)[None, :, :]  # [., to, from]: reduce the last axis
    flat = np.arange(len(order) * n_labels)
    for t in range(1, width):
        k = live[t]
        cand = score[:k, None, :] + into
        best = cand.argmax(axis=2)
        back[:k, t] = best
        # Reading the maxima through argmax is ~10x faster than max() over
        # an axis of 7.
        picked = cand.reshape(-1, n_labels)[flat[: k * n_labels], best.ravel()]
        score[:k] = picked.reshape(k, n_labels) + em[:k, t]
    path = np.zeros((len(order), width), dtype=np.int64)
    rows = np.arange(len(order))
    path[rows, lengths - 1] = score.argmax(axis=1)
    for t in range(width - 1, 0, -1):
        k = live[t]
        path[:k, t - 1] = back[rows[:k], t, path[:k, t]]
    labels[index[inside]] = path[inside]
    return labels
