"""Word clusters for the name tagger, learnt from plain text without labels.

Words that stand in the same company (会见 and 接见, 公司 and 集团, 省长 and
市长) fall into one cluster. The tagger reads the clusters of the word a
character is in and of its neighbours, so what it learnt about one word
carries over to rarer words of its cluster (the classic aid to linear
taggers: Brown clusters, Ratinov and Roth 2009).

How: every word seen at least MIN_WORD_COUNT times is described by counts of
the CONTEXT_WORDS most frequent words right before and right after it,
weighted by positive pointwise mutual information, reduced to
EMBEDDING_DIMS dimensions (randomised SVD) and grouped by spherical k-means
into N_CLUSTERS clusters. Everything is seeded: the same text gives the same
clusters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

__all__ = ["N_CLUSTERS", "learn_clusters"]

# Words seen fewer times than this get no cluster (their contexts are noise).
MIN_WORD_COUNT = 5
# Most frequent words kept as clusterable vocabulary.
MAX_VOCABULARY = 30_000
# Context words: the most frequent ones, counted on each side separately.
CONTEXT_WORDS = 2_000
EMBEDDING_DIMS = 64
N_CLUSTERS = 1000
KMEANS_ROUNDS = 20
SEED = 0


def learn_clusters(lines: Iterable[list[str]], n_clusters: int = N_CLUSTERS) -> dict[str, int]:
    """Cluster number (1..n_clusters) of every frequent word of ``lines``
    (each a list of words); none when the text has too few frequent words."""
    sentences = [ln for ln in lines if ln]
    counts = Counter(w for ln in sentences for w in ln)
    vocab = [w for w, c in counts.most_common(MAX_VOCABULARY) if c >= MIN_WORD_COUNT]
    if len(vocab) <= EMBEDDING_DIMS:
        return {}  # too little text to tell words apart
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(CONTEXT_WORDS, len(vocab))
    matrix = np.zeros((len(vocab), 2 * n_ctx + 2), dtype=np.float32)
    boundary = 2 * n_ctx  # columns for "sentence starts before" / "ends after"
    for ln in sentences:
        ids = [index.get(w, -1) for w in ln]
        for k, i in enumerate(ids):
            if i < 0:
                continue
            left = ids[k - 1] if k else -2
            right = ids[k + 1] if k + 1 < len(ids) else -2
            if left == -2:
                matrix[i, boundary] += 1
            elif 0 <= left < n_ctx:
                matrix[i, left] += 1
            if right == -2:
                matrix[i, boundary + 1] += 1
            elif 0 <= right < n_ctx:
                matrix[i, n_ctx + right] += 1
    embedding = _reduce(_ppmi(matrix), EMBEDDING_DIMS)
    labels = _spherical_kmeans(embedding, min(n_clusters, len(vocab)))
    return {w: int(c) + 1 for w, c in zip(vocab, labels, strict=True)}


def _ppmi(counts: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    total = counts.sum()
    rows = counts.sum(axis=1, keepdims=True)
    cols = counts.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / (rows * cols))
    return np.where(np.isfinite(pmi) & (pmi > 0), pmi, 0).astype(np.float32)


def _reduce(matrix: npt.NDArray[np.float32], dims: int) -> npt.NDArray[np.float32]:
    """Rows projected on the top ``dims`` singular directions (randomised SVD)."""
    rng = np.random.default_rng(SEED)
    probe = rng.standard_normal((matrix.shape[1], dims + 16)).astype(np.float32)
    basis, _ = np.linalg.qr(matrix @ (matrix.T @ (matrix @ probe)))
    small = basis.T @ matrix
    u, s, _ = np.linalg.svd(small, full_matrices=False)
    out = (basis @ u[:, :dims]) * np.sqrt(s[:dims])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms > 0, norms, 1)).astype(np.float32)


def _spherical_kmeans(points: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.int64]:
    rng = np.random.default_rng(SEED)
    centres = points[rng.choice(len(points), k, replace=False)]
    labels = np.zeros(len(points), dtype=np.int64)
    for _ in range(KMEANS_ROUNDS):
        labels = (points @ centres.T).argmax(axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, points)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.where(norms > 0, norms, 1))
    return labels
