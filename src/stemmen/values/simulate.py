"""Simulated alignment series to calibrate and validate the drift detector.

Segments' alignments are drawn from a beta distribution rescaled to [-1, 1] with a
given mean and SD (bounded and skewed like real scores); the number of relevant segments
per period is Poisson(lambda) with lambda ~ U(lam_low, lam_high) per series. A planted
drop lowers the mean by ``drop`` from period ``change_at`` (0-based, counted from the first
monitored period) on. The detector core (shrink_sd, pooled_prior, cusum_alignment) is the
one ``DriftDetector`` uses, including the estimation of mu0 and s0 from a short baseline and
its pooling over the ``family`` series of one level (all steady, so the pooling is as
favourable here as for a municipality whose series start alike).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stemmen.values.drift import (DEFAULT_ADAPT, DEFAULT_CONFIRM, DEFAULT_H, DEFAULT_K, DEFAULT_POOLING,
                                  DEFAULT_PRIOR_DF, DEFAULT_TAU_MIN, DEFAULT_Z_CLIP, cusum_alignment, pooled_prior,
                                  shrink_sd)


def beta_alignment(rng: np.random.Generator, mean: np.ndarray | float, sd: float, size: int | tuple) -> np.ndarray:
    """Alignments in [-1, 1] with the given mean(s) and SD (rescaled beta)."""
    m = (np.asarray(mean, float) + 1) / 2
    var = (sd / 2) ** 2
    phi = m * (1 - m) / var - 1
    if np.any(phi <= 0):
        raise ValueError("sd too large for this mean")  # programming error, not a user message
    return 2 * rng.beta(m * phi, (1 - m) * phi, size=size) - 1


@dataclass(frozen=True)
class SimSettings:
    """One simulated setting: the noise of the series, the planted drop and the detector's constants."""

    n_runs: int = 2000
    n_base: int = 6           # baseline periods
    n_monitor: int = 52       # monitored periods
    mean: float = 0.2
    sd: float = 0.5
    lam_low: float = 4.0
    lam_high: float = 8.0
    drop: float = 0.0
    change_at: int | None = None  # first monitored period with the drop (0-based)
    k: float = DEFAULT_K
    h: float = DEFAULT_H
    confirm: int = DEFAULT_CONFIRM
    z_clip: float = DEFAULT_Z_CLIP
    prior_df: float = DEFAULT_PRIOR_DF
    adapt: bool = DEFAULT_ADAPT
    pooling: str = DEFAULT_POOLING
    tau_min: float = DEFAULT_TAU_MIN
    family: int = 18          # series per level that pool their baselines (e.g. 6 values x 3 departments)
    mean_sd: float = 0.0      # series that truly differ: each run's mean drawn around ``mean`` with this SD
    seed: int = 42


def simulate_cusum(s: SimSettings) -> tuple[np.ndarray, np.ndarray]:
    """CUSUM paths and alarm flags, shape (n_runs, n_monitor)."""
    rng = np.random.default_rng(s.seed)
    T = s.n_base + s.n_monitor
    lam = rng.uniform(s.lam_low, s.lam_high, size=(s.n_runs, 1))
    n = rng.poisson(lam, size=(s.n_runs, T))
    own = s.mean + s.mean_sd * rng.standard_normal((s.n_runs, 1)) if s.mean_sd else s.mean
    mu = np.broadcast_to(own, (s.n_runs, T)).astype(float).copy()
    if s.drop and s.change_at is not None:
        mu[:, s.n_base + s.change_at:] -= s.drop
    # a beta on [-1, 1] with this SD exists only for |mean| < sqrt(1 - sd^2): a series that differs
    # or drops beyond it stays at the edge (alignment cannot fall below -1 either)
    edge = 0.95 * np.sqrt(max(1 - s.sd**2, 0.0))
    mu = np.clip(mu, -edge, edge)
    # draw every segment, then sum per (run, period) cell
    flat_n = n.ravel()
    x = beta_alignment(rng, np.repeat(mu.ravel(), flat_n), s.sd, int(flat_n.sum()))
    cell = np.repeat(np.arange(flat_n.size), flat_n)
    sums = np.bincount(cell, weights=x, minlength=flat_n.size).reshape(n.shape)
    sq = np.bincount(cell, weights=x**2, minlength=flat_n.size).reshape(n.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / n
    nb = n[:, : s.n_base].sum(axis=1, keepdims=True).astype(float)
    sb, qb = sums[:, : s.n_base].sum(axis=1, keepdims=True), sq[:, : s.n_base].sum(axis=1, keepdims=True)
    mu0 = sb / nb
    s0 = np.sqrt(np.maximum(qb - nb * mu0**2, 0) / np.maximum(nb - 1, 1))
    # pooled within-series SD over the family of runs, as the detector pools over a level
    sp = float(np.sqrt(np.sum(qb - nb * mu0**2) / np.sum(nb - 1)))
    sd0 = shrink_sd(s0, nb, sp, s.prior_df)
    if s.pooling == "level":  # consecutive runs form the levels whose baselines pool, as in the detector
        for a in range(0, s.n_runs, s.family):
            b = slice(a, a + s.family)
            m, n_prior = pooled_prior(mu0[b, 0], nb[b, 0], sp, s.tau_min)
            if n_prior:
                mu0[b] = (mu0[b] * nb[b] + n_prior * m) / (nb[b] + n_prior)
                nb[b] = nb[b] + n_prior
    return cusum_alignment(means[:, s.n_base:], n[:, s.n_base:], mu0, sd0, nb, s.k, s.h, s.confirm,
                           s.z_clip, s.adapt)


def false_alarms(s: SimSettings) -> dict[str, float]:
    """Steady series: alarm episodes per n_monitor periods, per series and P(any alarm)."""
    _, fire = simulate_cusum(s)
    per_run = fire.sum(axis=1)
    return {"alarms_per_series": float(per_run.mean()), "p_any": float((per_run > 0).mean())}


def arl0(s: SimSettings, horizon: int = 2000) -> dict[str, float]:
    """In-control average run length: periods to the first alarm over a long horizon.

    Run lengths beyond the horizon are censored; the estimate is the geometric MLE
    (observed periods / observed first alarms), which equals the mean when none is censored.
    """
    from dataclasses import replace

    _, fire = simulate_cusum(replace(s, n_monitor=horizon, drop=0.0, change_at=None))
    hit = fire.any(axis=1)
    rl = np.where(hit, fire.argmax(axis=1) + 1, horizon)
    return {"arl0": float(rl.sum() / max(hit.sum(), 1)), "censored": float((~hit).mean())}


def detection_delay(s: SimSettings, max_delay: int = 12) -> dict[str, float]:
    """Delay = number of drifted periods seen when the first alarm at/after the change fires.

    1 = the first drifted period. Runs with an alarm before the change are counted apart
    (their CUSUM may still be in alarm); runs without alarm within ``max_delay`` are misses.
    """
    assert s.change_at is not None
    _, fire = simulate_cusum(s)
    early = fire[:, : s.change_at].any(axis=1)
    after = fire[:, s.change_at : s.change_at + max_delay]
    hit = after.any(axis=1)
    delay = np.where(hit, after.argmax(axis=1) + 1, np.inf)
    ok = delay[~early]
    fin = ok[np.isfinite(ok)]
    return {
        "median": _order_stat(ok, 0.5),
        "p90": _order_stat(ok, 0.9),
        "within3": float(np.mean(ok <= 3)) if len(ok) else np.nan,
        "missed": float(np.mean(~np.isfinite(ok))) if len(ok) else np.nan,
        "mean_detected": float(fin.mean()) if len(fin) else np.nan,
        "early_alarm": float(early.mean()),
    }


def _order_stat(x: np.ndarray, q: float) -> float:
    """Quantile as an order statistic (inf = not detected stays inf instead of NaN)."""
    if not len(x):
        return float("nan")
    xs = np.sort(x)
    return float(xs[int(np.ceil(q * len(xs))) - 1])
