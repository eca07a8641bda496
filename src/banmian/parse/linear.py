"""The parser's small logistic models: weights shipped as data, a dot product to score.

Each model is a JSON file in ``banmian/data`` naming its features in order;
``scripts/train_models.py`` writes them. Loading checks the names so code and
weights cannot drift apart silently.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources

from banmian.errors import ModelError

__all__ = ["load_weights", "score"]


@cache
def load_weights(filename: str, features: tuple[str, ...]) -> tuple[float, ...]:
    with resources.files("banmian.data").joinpath(filename).open(encoding="utf-8") as f:
        data = json.load(f)
    if tuple(data["features"]) != features:
        raise ModelError("trained on other features; rerun scripts/train_models.py",
                         path=filename)
    return tuple(float(w) for w in data["weights"])


def score(weights: Sequence[float], features: Sequence[float]) -> float:
    return sum(w * x for w, x in zip(weights, features, strict=True))
