"""Fit the value reader (``stemmen.values.reader``) on labelled sentences of many manifests.

Used offline by ``scripts/train_values_reader.py``; nothing in the pipeline trains. Both heads
are L2-regularised linear models fitted by deterministic full-batch L-BFGS on standardised
features, so the same features and settings give the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stemmen.values.reader import ReaderFeatures, ReaderHead


@dataclass(frozen=True)
class TrainBatch:
    """The features of one manifest's labelled sentences and their labels."""

    features: ReaderFeatures
    gold: np.ndarray  # (n,) 0 = no value, j + 1 = the manifest's j-th value
    lived: np.ndarray  # (n,) 1 lived, 0 violated, NaN for no value
    name: str = ""
    weight: np.ndarray | None = None  # (n,) weight of each sentence in the stance head (default 1)
    change: np.ndarray | None = None  # (n,) True for a sentence that tells of a change over time
    pattern: np.ndarray | None = None  # (n,) the corpus's pattern of each sentence, for measures per pattern


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mu = x.mean(0)
    sd = x.std(0)
    return mu, np.where(sd < 1e-8, 1.0, sd)


def _fit_choice(batches: Sequence[TrainBatch], l2: np.ndarray, l2_null: np.ndarray, mu_c, sd_c, mu_n,
                sd_n) -> tuple[np.ndarray, np.ndarray, float]:
    from scipy.optimize import minimize

    data = [((b.features.choice - mu_c) / sd_c, (b.features.null - mu_n) / sd_n,
             np.eye(b.features.choice.shape[1] + 1)[b.gold]) for b in batches]
    fc, fn = len(mu_c), len(mu_n)
    n_total = sum(len(b.gold) for b in batches)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, u, bias = theta[:fc], theta[fc:fc + fn], theta[-1]
        total, gw, gu, gb = 0.0, np.zeros(fc), np.zeros(fn), 0.0
        for xc, xn, y in data:
            lg = np.concatenate([(xn @ u + bias)[:, None], xc @ w], axis=1)
            lg = lg - lg.max(1, keepdims=True)
            logp = lg - np.log(np.exp(lg).sum(1, keepdims=True))
            total -= float((y * logp).sum())
            g = np.exp(logp) - y
            gu += xn.T @ g[:, 0]
            gb += float(g[:, 0].sum())
            gw += np.einsum("ij,ijf->f", g[:, 1:], xc)
        reg = 0.5 * (l2 @ (w * w) + l2_null @ (u * u))
        return total / n_total + reg, np.concatenate([gw / n_total + l2 * w, gu / n_total + l2_null * u,
                                                      [gb / n_total]])

    res = minimize(loss, np.zeros(fc + fn + 1), jac=True, method="L-BFGS-B",
                   options={"maxiter": 2000, "gtol": 1e-7})
    return res.x[:fc], res.x[fc:fc + fn], float(res.x[-1])


def _changed(b: TrainBatch) -> np.ndarray:
    return np.zeros(len(b.gold), dtype=bool) if b.change is None else np.asarray(b.change, dtype=bool)


def _stance_rows(batches: Sequence[TrainBatch], change: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The value-bearing rows of ordinary sentences (or, with ``change``, of change sentences)."""
    xs, ys, ws = [], [], []
    for b in batches:
        rows = np.flatnonzero((b.gold > 0) & (_changed(b) == change))
        xs.append(b.features.stance[rows, b.gold[rows] - 1, :])
        ys.append(b.lived[rows])
        ws.append(np.ones(len(rows)) if b.weight is None else b.weight[rows])
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)


def _fit_stance(x: np.ndarray, y: np.ndarray, l2: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, float]:
    from scipy.optimize import minimize

    n = float(weight.sum())

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        s = x @ w + b
        # log(1 + exp(-s)) for y = 1, log(1 + exp(s)) for y = 0, written stably
        total = float(np.sum(weight * (np.logaddexp(0.0, s) - y * s)))
        g = weight * (1.0 / (1.0 + np.exp(-s)) - y)
        return total / n + 0.5 * l2 @ (w * w), np.concatenate([x.T @ g / n + l2 * w, [g.sum() / n]])

    res = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B",
                   options={"maxiter": 2000, "gtol": 1e-7})
    return res.x[:-1], float(res.x[-1])


def _penalty(n_features: int, n_scalars: int, l2: float, vector_factor: float) -> np.ndarray:
    """L2 strength per feature: the vector features (after the scalars) ``vector_factor`` times
    stronger, since hundreds of them can fit one manifest's wording instead of what generalises."""
    return np.concatenate([np.full(n_scalars, l2), np.full(n_features - n_scalars, l2 * vector_factor)])


def fit_reader(batches: Sequence[TrainBatch], *, l2_choice: float = 1e-3, l2_stance: float = 1e-2,
               vector_factor: float = 100.0, stance_vector_factor: float = 10.0, l2_gate: float = 1e-2,
               metadata: dict[str, Any] | None = None) -> ReaderHead:
    """Fit both heads on the batches (one per manifest, or per manifest variant)."""
    from stemmen.values.reader import CHOICE_SCALARS, NULL_SCALARS, STANCE_SCALARS

    all_c = np.concatenate([b.features.choice.reshape(-1, b.features.choice.shape[2]) for b in batches])
    all_n = np.concatenate([b.features.null for b in batches])
    mu_c, sd_c = _standardise(all_c)
    mu_n, sd_n = _standardise(all_n)
    w, u, bias = _fit_choice(batches, _penalty(len(mu_c), len(CHOICE_SCALARS), l2_choice, vector_factor),
                             _penalty(len(mu_n), len(NULL_SCALARS), l2_choice, vector_factor), mu_c, sd_c, mu_n, sd_n)
    def stance_head(rows: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
        x, y, weight = rows
        mu, sd = _standardise(x)
        w_s, b_s = _fit_stance((x - mu) / sd, y, _penalty(x.shape[1], len(STANCE_SCALARS), l2_stance,
                                                          stance_vector_factor), weight)
        return w_s, b_s, mu, sd

    ordinary = _stance_rows(batches)
    v, c, mu_s, sd_s = stance_head(ordinary)
    change = gate = None
    if any(_changed(b).any() for b in batches):
        # change told over time gets its own expert, so that it does not bend the ordinary reading
        change = stance_head(_stance_rows(batches, change=True))
        qs = np.concatenate([b.features.null[:, len(NULL_SCALARS):] for b in batches])
        is_change = np.concatenate([_changed(b) for b in batches]).astype(float)
        mu_g, sd_g = _standardise(qs)
        vg, cg = _fit_stance((qs - mu_g) / sd_g, is_change, np.full(qs.shape[1], l2_gate), np.ones(len(qs)))
        gate = (vg, cg, mu_g, sd_g)
    meta = dict(metadata or {})
    meta.update(l2_choice=l2_choice, l2_stance=l2_stance, vector_factor=vector_factor,
                stance_vector_factor=stance_vector_factor, n_batches=len(batches),
                n_sentences=int(sum(len(b.gold) for b in batches)), n_stance=int(len(ordinary[1])))
    if change is not None:
        meta.update(l2_gate=l2_gate, n_change=int(sum(_changed(b).sum() for b in batches)))
    return ReaderHead(choice_w=w, choice_mu=mu_c, choice_sd=sd_c, null_w=u, null_b=bias, null_mu=mu_n,
                      null_sd=sd_n, stance_w=v, stance_b=c, stance_mu=mu_s, stance_sd=sd_s, metadata=meta,
                      change=change, gate=gate)
