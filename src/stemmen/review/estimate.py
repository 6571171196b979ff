"""How well the scorer reads the consultant's own segments: cross-validated on the labels so far.

The labels are split into ``folds`` parts (a fixed seed); each part is read by a scorer
taught by the other parts only, so no label is read by a scorer that saw it. Per label the
reading is right when the value is the labelled one (regardless of the threshold) and the
direction is right, or, for a label "about no value", when no value passes the threshold.
Proportions come with 95 % Wilson intervals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stemmen.manifest import with_labels
from stemmen.stats import wilson


@dataclass(frozen=True)
class Estimate:
    """How well the reader reads this municipality's texts, estimated from the consultant's labels (with 95 %
    intervals)."""
    n_labels: int
    accuracy: float  # share of labels read completely right
    accuracy_ci: tuple[float, float]
    top1: float  # right value, over value-bearing labels
    top1_ci: tuple[float, float]
    stance: float  # right direction, over value-bearing labels
    stance_ci: tuple[float, float]
    none_right: float  # labels "about no value" read as about none
    n_value: int
    n_none: int


MIN_LABELS = 10


def cross_validate(manifest: Any, labels: Sequence[Any], fit: Callable[[Any], Any], vectors: np.ndarray,
                   polarity: np.ndarray | None, folds: int = 5, seed: int = 0) -> Estimate | None:
    """Estimate from ``labels`` (``stemmen.labels.Label``) with their ``vectors`` ("query") and
    ``polarity``; ``fit(manifest)`` returns a fitted scorer. None below ``MIN_LABELS`` labels.
    ``manifest`` is the manifest without these labels."""
    n = len(labels)
    if n < MIN_LABELS:
        return None
    fold = np.random.default_rng(seed).permutation(n) % min(folds, n)
    right = np.zeros(n, dtype=bool)
    value_right = np.zeros(n, dtype=bool)
    stance_right = np.zeros(n, dtype=bool)
    for f in range(int(fold.max()) + 1):
        test = np.flatnonzero(fold == f)
        taught = with_labels(manifest, [labels[i] for i in np.flatnonzero(fold != f)])
        scorer = fit(taught)
        texts = [labels[i].text for i in test]
        sentiments = None if polarity is None else [float(polarity[i]) for i in test]
        for i, sc in zip(test, scorer.score(texts, embeddings=vectors[test], sentiments=sentiments)):
            lb = labels[i]
            if lb.value_id is None:
                right[i] = sc.top_value is None
                continue
            value_right[i] = max(sc.relevance, key=sc.relevance.get) == lb.value_id
            stance_right[i] = (sc.alignment[lb.value_id] > 0) == (lb.stance == "+")
            right[i] = value_right[i] and stance_right[i]
    bearing = np.array([lb.value_id is not None for lb in labels])
    nb, nn = int(bearing.sum()), int((~bearing).sum())

    def share(x: np.ndarray) -> float:
        return float(x.mean()) if len(x) else float("nan")

    return Estimate(
        n_labels=n, accuracy=share(right), accuracy_ci=wilson(right.sum(), n),
        top1=share(value_right[bearing]), top1_ci=wilson(value_right[bearing].sum(), nb),
        stance=share(stance_right[bearing]), stance_ci=wilson(stance_right[bearing].sum(), nb),
        none_right=share(right[~bearing]), n_value=nb, n_none=nn,
    )


def as_dict(e: Estimate | None) -> dict | None:
    """The estimate as a plain dict (None stays None)."""
    return None if e is None else dataclasses.asdict(e)
