"""How well a fitted value scorer reads a set of labelled sentences.

For a consultant's own manifest and sentences (``stemmen manifest evaluate``) and
for the benchmark on the Lindewaard set (bench/eval_values.py), the same measures:

- top-1: the best-supported value (regardless of the relevance threshold) is the
  labelled one, over the sentences that carry a value;
- stance: the sign of the alignment for the labelled value is the labelled
  direction (over all sentences that carry a value; ``stance_when_right`` over those
  whose value was found);
- separation of value-free sentences: AUROC of the highest relevance (value-bearing
  versus "geen"), the share of "geen" sentences that get no top value, and the share
  of value-bearing sentences that do get one.

Proportions come with a 95 % Wilson interval: on a hundred sentences the interval
is about ±0.08 wide, which a consultant comparing two manifests should know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stemmen.stats import auroc, wilson


def _mean(x: np.ndarray) -> float:
    return float(x.mean()) if len(x) else float("nan")


@dataclass(frozen=True)
class Reading:
    """How the scorer read one labelled sentence."""

    row: int
    text: str
    value_id: str | None  # labelled value (None: about no value)
    stance: str | None  # labelled direction, "+" or "-"
    predicted: str  # best-supported value, regardless of the threshold
    top_value: str | None  # the value reported (None: below the threshold for every value)
    alignment: float | None  # alignment for the labelled value
    relevance: float  # highest relevance over the values

    @property
    def value_right(self) -> bool:
        """True when the reader named the sentence's value."""
        return self.value_id is not None and self.predicted == self.value_id

    @property
    def stance_right(self) -> bool:
        """True when the reader got the direction (lived or violated) of a value-bearing sentence right."""
        if self.alignment is None:  # a value-free sentence has no direction to get right
            return False
        return bool(np.sign(self.alignment) == (1 if self.stance == "+" else -1))

    @property
    def misread(self) -> bool:
        """Wrong value, wrong direction, or a value found in a value-free sentence."""
        if self.value_id is None:
            return self.top_value is not None
        return not (self.value_right and self.stance_right)


@dataclass(frozen=True)
class Evaluation:
    """How well the reader reads a labelled set: value and direction accuracy with 95 % intervals."""
    n_value: int
    n_none: int
    top1: float
    top1_ci: tuple[float, float]
    stance: float
    stance_ci: tuple[float, float]
    stance_when_right: float
    auroc: float
    none_rejected: float  # share of value-free sentences with no top value
    value_found: float  # share of value-bearing sentences with a top value
    top1_at_threshold: float  # top value reported and right
    readings: tuple[Reading, ...] = ()


def evaluate_matrices(value_ids: Sequence[str], gold_values: Sequence[str | None], gold_stances: Sequence[str | None],
                      relevance: np.ndarray, alignment: np.ndarray, choice: np.ndarray,
                      top_values: Sequence[str | None], texts: Sequence[str] | None = None,
                      rows: Sequence[int] | None = None, about: np.ndarray | None = None) -> Evaluation:
    """The measures from score matrices (n_texts, n_values) and the labels (value None: "geen").
    ``about``: per text how much it is about any value (default: its highest relevance)."""
    value_ids = list(value_ids)
    n = len(gold_values)
    texts = list(texts) if texts is not None else [""] * n
    rows = list(rows) if rows is not None else list(range(1, n + 1))
    readings = []
    for i in range(n):
        g = gold_values[i]
        readings.append(Reading(
            row=rows[i], text=texts[i], value_id=g, stance=gold_stances[i],
            predicted=value_ids[int(np.argmax(choice[i]))], top_value=top_values[i],
            alignment=None if g is None else float(alignment[i, value_ids.index(g)]),
            relevance=float(np.max(relevance[i]) if about is None else about[i]),
        ))
    bearing = [r for r in readings if r.value_id is not None]
    none = [r for r in readings if r.value_id is None]
    right = np.array([r.value_right for r in bearing], dtype=bool)
    stance = np.array([r.stance_right for r in bearing], dtype=bool)
    return Evaluation(
        n_value=len(bearing), n_none=len(none),
        top1=_mean(right), top1_ci=wilson(right.sum(), len(bearing)),
        stance=_mean(stance), stance_ci=wilson(stance.sum(), len(bearing)),
        stance_when_right=_mean(stance[right]),
        auroc=auroc(np.array([r.relevance for r in bearing]), np.array([r.relevance for r in none])),
        none_rejected=_mean(np.array([r.top_value is None for r in none])),
        value_found=_mean(np.array([r.top_value is not None for r in bearing])),
        top1_at_threshold=_mean(np.array([r.top_value == r.value_id for r in bearing])),
        readings=tuple(readings),
    )


def evaluate(scorer: Any, sentences: Sequence[Any], embeddings: np.ndarray | None = None,
             sentiments: Sequence[Any] | None = None) -> Evaluation:
    """Score labelled ``sentences`` (``stemmen.manifest.LabelledSentence``) with a fitted
    ``ValueScorer`` and measure how well it read them. ``embeddings`` and ``sentiments`` as
    for ``ValueScorer.score`` (computed by the scorer when not given)."""
    texts = [s.text for s in sentences]
    if embeddings is None:
        embeddings = scorer.embedder.encode(texts, kind="query")
    complete = getattr(scorer.embedder, "complete", None)
    if complete is not None:  # an ensemble given one member's vectors
        embeddings = complete(texts, embeddings, kind="query")
    scores = scorer.score(texts, embeddings=embeddings, sentiments=sentiments)
    ids = scorer.value_ids_
    relevance = np.array([[sc.relevance[v] for v in ids] for sc in scores])
    # the learned reader's relevances are P(value) of one posterior: their sum is P(about a value),
    # and their order is its choice (no second pass over the features)
    reader = getattr(scorer, "reader_", None) is not None
    about = relevance.sum(1) if reader else None
    choice = relevance if reader else scorer.choice_matrix(texts, embeddings)
    return evaluate_matrices(
        ids, [s.value_id for s in sentences], [s.stance for s in sentences], relevance,
        np.array([[sc.alignment[v] for v in ids] for sc in scores]),
        choice, [sc.top_value for sc in scores],
        texts=texts, rows=[s.row for s in sentences], about=about,
    )
