"""Fitting the value reader: a change expert keeps change told over time from bending the ordinary reading."""

from __future__ import annotations

import numpy as np

from stemmen.values.reader import CHOICE_SCALARS, NULL_SCALARS, STANCE_SCALARS, ReaderFeatures
from stemmen.values.reader_train import TrainBatch, fit_reader


def _batch(seed: int, n: int = 300, d: int = 6, j: int = 2) -> TrainBatch:
    rng = np.random.default_rng(seed)
    gold = rng.integers(1, j + 1, n)
    lived = rng.integers(0, 2, n).astype(float)
    change = rng.random(n) < 0.3
    q = rng.normal(size=(n, d))
    q[:, 0] += np.where(change, 2.0, -2.0)  # the segment vector tells a change from an ordinary sentence
    cue = np.where(lived == 1, 1.0, -1.0) * np.where(change, -1.0, 1.0)  # and change reverses what the cue means
    stance = rng.normal(size=(n, j, len(STANCE_SCALARS) + d))
    stance[np.arange(n), gold - 1, 0] = cue + rng.normal(scale=0.3, size=n)
    stance[:, :, len(STANCE_SCALARS):] = q[:, None, :]
    choice = rng.normal(size=(n, j, len(CHOICE_SCALARS)))
    choice[np.arange(n), gold - 1, 0] += 2.0
    null = np.concatenate([rng.normal(size=(n, len(NULL_SCALARS))), q], axis=1)
    return TrainBatch(ReaderFeatures(choice, null, stance), gold, lived, f"b{seed}", None, change)


def _stance_right(head, b: TrainBatch) -> tuple[float, float]:
    p = head.lived(b.features)[np.arange(len(b.gold)), b.gold - 1]
    right = (p > 0.5) == (b.lived == 1)
    return float(right[~b.change].mean()), float(right[b.change].mean())


def test_change_sentences_get_their_own_expert_and_gate():
    train, test = [_batch(0), _batch(1)], _batch(2)
    gated = fit_reader(train)
    single = fit_reader([TrainBatch(b.features, b.gold, b.lived, b.name) for b in train])
    assert gated.change is not None and gated.gate is not None and single.change is None
    assert gated.metadata["n_change"] == int(sum(b.change.sum() for b in train))
    g_ord, g_chg = _stance_right(gated, test)
    s_ord, s_chg = _stance_right(single, test)
    assert g_ord > 0.9 and g_chg > 0.9  # both read right
    assert s_chg < 0.5 or s_ord < 0.9  # one head cannot read the cue both ways
    gate = gated.change_probability(test.features)
    assert ((gate > 0.5) == test.change).mean() > 0.95
