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
    """
    labels = np.zeros(len(emissions), dtype=np.int64)
    if not bounds:
        return labels
    lengths = np.array([hi - lo for lo, hi in bounds], dtype=np.int64)
    order = np.argsort(lengths, kind="stable")
    # Decode in groups of similar length so short stretches are not padded
    # to the longest one.
    for group in np.array_split(order, max(1, len(order) // 64)):
        if len(group):
            _decode_group(emissions, [bounds[i] for i in group.tolist()], transitions, start,
                          labels)
    return labels


def _decode_group(emissions: FloatArray, bounds: list[tuple[int, int]], transitions: FloatArray,
                  start: FloatArray, labels: IntArray) -> None:
    n_labels = emissions.shape[1]
    los = np.array([lo for lo, _ in bounds], dtype=np.int64)
    lengths = np.array([hi - lo for lo, hi in bounds], dtype=np.int64)
    width = int(lengths.max())
    steps = np.arange(width)
    index = np.minimum(los[:, None] + steps[None, :], len(emissions) - 1)
    inside = steps[None, :] < lengths[:, None]
    em = emissions[index]  # (stretches, width, labels)
    score = em[:, 0, :] + start
    back = np.zeros((len(bounds), width, n_labels), dtype=np.int64)
    keep = np.arange(n_labels)
    for t in range(1, width):
        cand = score[:, :, None] + transitions[None, :, :]
        best = cand.argmax(axis=1)
        new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + em[:, t, :]
        live = inside[:, t]
        score = np.where(live[:, None], new, score)
        back[:, t, :] = np.where(live[:, None], best, keep)
    last = score.argmax(axis=1)
    path = np.zeros((len(bounds), width), dtype=np.int64)
    path[:, width - 1] = last
    for t in range(width - 1, 0, -1):
        last = back[np.arange(len(bounds)), t, last]
        path[:, t - 1] = last
    # Padded steps copied the label forward, so the path is right up to each
    # stretch's own end.
    labels[index[inside]] = path[inside]
