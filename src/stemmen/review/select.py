"""Which segment to show next: the one whose label teaches the scorer the most.

Uncertainty sampling over three questions the scorer answers for a segment, each a
number in [0, 1] (docs/review.md explains the choice):

- *which value*: one minus the margin between the two most probable values (their
  share of the segment's relevance), so a segment torn between two values comes first;
- *about a value at all*: how close the segment's total relevance is to the relevance
  threshold (the segments whose top value could flip to "none" or back);
- *which direction*: one minus the size of the alignment for the most probable value.

Value and direction count in proportion to how much the segment is about a value
(the direction of a segment about nothing teaches little). Then spread: each segment's
score is divided by how over-represented its predicted value, source, group and theme
already are among the labels (a greedy, batch-aware penalty), and texts already
labelled (same words) are left out. Everything is deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

WEIGHTS = {"value": 0.4, "threshold": 0.3, "stance": 0.3}
SPREAD_KEYS = ("value", "source", "group", "theme")


def plain(text: str) -> str:
    """A text lower-cased with its white space folded: what counts as the same text."""
    return " ".join(text.lower().split())


def uncertainty(relevance: np.ndarray, alignment: np.ndarray, threshold: float, posterior: bool = True
                ) -> dict[str, np.ndarray]:
    """The three uncertainties and their weighted sum per segment.

    ``relevance`` and ``alignment`` (n, n_values) as the scorer gives them; ``posterior``:
    the relevances are one posterior (they add up to P(about a value)), else each value's
    own probability (the hand-set rules) and the highest one says whether it is about any.
    """
    rel = np.clip(np.asarray(relevance, dtype=float), 0.0, None)
    about = np.clip(rel.sum(1) if posterior else rel.max(1, initial=0.0), 0.0, 1.0)
    share = rel / np.maximum(rel.sum(1, keepdims=True), 1e-12)
    top2 = -np.sort(-share, axis=1)[:, :2] if share.shape[1] > 1 else np.c_[share, np.zeros(len(share))]
    u_value = 1.0 - (top2[:, 0] - top2[:, 1])
    u_threshold = 1.0 - np.minimum(1.0, np.abs(about - threshold) / max(threshold, 1.0 - threshold))
    top = np.argmax(rel, axis=1) if rel.shape[1] else np.zeros(len(rel), dtype=int)
    u_stance = 1.0 - np.abs(np.asarray(alignment, dtype=float)[np.arange(len(rel)), top])
    weight = np.minimum(1.0, about / max(threshold, 1e-6))  # how much value and direction matter here
    total = (WEIGHTS["value"] * u_value * weight + WEIGHTS["threshold"] * u_threshold
             + WEIGHTS["stance"] * u_stance * weight)
    return {"value": u_value, "threshold": u_threshold, "stance": u_stance, "total": total, "about": about, "top": top}


def spread_penalty(meta: Mapping[str, str], counts: Mapping[str, Counter], n_labels: int,
                   n_keys: Mapping[str, int]) -> float:
    """Divide by 1 + the over-representation of the segment's value, source, group and theme
    among the labels so far (0 when a key has no more than its fair share)."""
    factor = 1.0
    if n_labels == 0:
        return factor
    for key in SPREAD_KEYS:
        k = meta.get(key)
        if not k or n_keys.get(key, 0) <= 1:
            continue
        fair = n_labels / n_keys[key]
        factor /= 1.0 + max(0.0, counts[key][k] - fair) / max(fair, 1.0) + counts[key][k] / (n_labels + 1)
    return factor


def choose(scores: np.ndarray, metas: Sequence[Mapping[str, str]], labelled: Sequence[Mapping[str, str]],
           k: int, exclude: set[int] | None = None, texts: Sequence[str] | None = None,
           labelled_texts: Sequence[str] = ()) -> list[int]:
    """Indices of the next ``k`` segments: highest ``scores`` after the spread penalty, greedily,
    each pick counting as labelled for the next. ``metas``: per segment its value (predicted),
    source, group and theme; ``labelled``: those of the segments labelled so far."""
    exclude = set(exclude or ())
    seen = {plain(t) for t in labelled_texts}
    if texts is not None:
        exclude |= {i for i, t in enumerate(texts) if plain(t) in seen}
    counts = {key: Counter(m.get(key) for m in labelled if m.get(key)) for key in SPREAD_KEYS}
    n_keys = {key: len({m.get(key) for m in metas if m.get(key)}) for key in SPREAD_KEYS}
    n = len(labelled)
    order = np.argsort(-np.asarray(scores), kind="stable")
    candidates = [int(i) for i in order if int(i) not in exclude][: max(50 * k, 200)]
    picked: list[int] = []
    for _ in range(min(k, len(candidates))):
        best, best_score = None, -np.inf
        for i in candidates:
            s = scores[i] * spread_penalty(metas[i], counts, n, n_keys)
            if s > best_score:
                best, best_score = i, s
        picked.append(best)
        candidates.remove(best)
        for key in SPREAD_KEYS:
            if metas[best].get(key):
                counts[key][metas[best][key]] += 1
        n += 1
    return picked
