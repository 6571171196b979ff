"""Statistics shared by the stages and the benchmarks: intervals, tests and seeds.

Plain functions over numbers and arrays; nothing here knows about values, themes or reports.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import stats

from stemmen.errors import ConfigError, Errors

BOOT_MIN_N = 20  # from this n on, ci="auto" uses the bootstrap instead of the t interval


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of a (n, k) array, stable for large logits."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log of ``softmax``, without taking the log of a probability."""
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def wilson(k: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion k/n (sound at small n and near 0 or 1; NaN for n = 0)."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, float(centre - half)), min(1.0, float(centre + half))


def proportion_text(k: float, n: int) -> str:
    """k/n with its 95 % Wilson interval as the benchmarks print it: "0.711 [0.664, 0.754]" ("-" for n = 0)."""
    if n == 0:
        return "-"
    lo, hi = wilson(k, n)
    return f"{k / n:.3f} [{lo:.3f}, {hi:.3f}]"


def auroc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a random positive outranks a random negative (ties count half)."""
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    diff = np.asarray(pos)[:, None] - np.asarray(neg)[None, :]
    return float((diff > 0).mean() + 0.5 * (diff == 0).mean())


def key_seed(seed: int, key: Sequence[Any]) -> np.random.Generator:
    """Generator seeded by ``seed`` and a stable hash of ``key`` (independent of other cells)."""
    h = zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))
    return np.random.default_rng([int(seed), h])


def mean_ci(x: np.ndarray, *, ci: str = "auto", n_boot: int = 1000,
            rng: np.random.Generator | None = None, level: float = 0.95) -> tuple[float, float, str]:
    """(low, high, method) of a CI for the mean of alignments ``x`` in [-1, 1]."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n < 2:
        return float("nan"), float("nan"), "geen (n<2)"
    use_boot = ci == "bootstrap" or (ci == "auto" and n >= BOOT_MIN_N)
    if use_boot and n_boot > 0:
        rng = rng or np.random.default_rng(0)
        means = x[rng.integers(0, n, size=(n_boot, n))].mean(axis=1)
        a = (1 - level) / 2
        lo, hi = np.quantile(means, [a, 1 - a])
        method = "bootstrap"
    else:
        m, se = x.mean(), x.std(ddof=1) / np.sqrt(n)
        half = stats.t.ppf(0.5 + level / 2, n - 1) * se
        lo, hi = m - half, m + half
        method = "t"
    return float(max(lo, -1.0)), float(min(hi, 1.0)), method


CHUNK_CELLS = 2_000_000  # resampling draws per block: bounds memory (16 MB) whatever the group sizes


def _blocks(total: int, width: int):
    """Sizes of row blocks of ``total`` resamples of ``width`` draws each."""
    step = max(1, CHUNK_CELLS // max(1, width))
    for start in range(0, total, step):
        yield min(step, total - start)


def diff_ci(xa: np.ndarray, xb: np.ndarray, *, n_boot: int, rng: np.random.Generator,
            level: float = 0.95) -> tuple[float, float]:
    """Bootstrap percentile CI of mean(xa) - mean(xb), resampling each group on its own."""
    xa, xb = np.asarray(xa, float), np.asarray(xb, float)
    if len(xa) < 2 or len(xb) < 2 or n_boot <= 0:
        return float("nan"), float("nan")
    ma = np.concatenate([xa[rng.integers(0, len(xa), size=(m, len(xa)))].mean(axis=1)
                         for m in _blocks(n_boot, len(xa))])
    mb = np.concatenate([xb[rng.integers(0, len(xb), size=(m, len(xb)))].mean(axis=1)
                         for m in _blocks(n_boot, len(xb))])
    a = (1 - level) / 2
    lo, hi = np.quantile(ma - mb, [a, 1 - a])
    return float(lo), float(hi)


def permutation_p(xa: np.ndarray, xb: np.ndarray, *, n_perm: int, rng: np.random.Generator) -> float:
    """Two-sided permutation p-value of the difference in means, (count + 1) / (n_perm + 1).

    Each permutation shuffles the pooled values (a linear-time shuffle per row, in blocks of
    bounded memory); only the sum of the first ``len(xa)`` is needed for the difference.
    """
    xa, xb = np.asarray(xa, float), np.asarray(xb, float)
    pooled = np.concatenate([xa, xb])
    na, nb, total = len(xa), len(xb), pooled.sum()
    observed = abs(xa.mean() - xb.mean())
    count = 0
    for m in _blocks(n_perm, len(pooled)):
        sa = rng.permuted(np.tile(pooled, (m, 1)), axis=1)[:, :na].sum(axis=1)
        count += int(np.sum(np.abs(sa / na - (total - sa) / nb) >= observed - 1e-12))
    return float((count + 1) / (n_perm + 1))


def adjust_p(p: Sequence[float], method: str = "holm") -> np.ndarray:
    """Holm (family-wise) or Benjamini-Hochberg ('bh', false discovery rate); NaN stays NaN."""
    p = np.asarray(p, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    order = np.argsort(q, kind="mergesort")
    ranked = q[order]
    if method == "holm":
        adj = np.maximum.accumulate((m - np.arange(m)) * ranked)
    elif method == "bh":
        adj = np.minimum.accumulate(m / np.arange(m, 0, -1) * ranked[::-1])[::-1]
    else:
        raise ConfigError(Errors.E712.format(name="correction", value=method, problem="kies 'holm' of 'bh'"))
    res = np.empty(m)
    res[order] = np.minimum(adj, 1.0)
    out[ok] = res
    return out


def two_proportion_p(k1: int, n1: int, k2: int, n2: int) -> float:
    """Two-sided p-value of the z test for two proportions k1/n1 and k2/n2 (pooled; NaN when a group is empty)."""
    if n1 == 0 or n2 == 0:
        return math.nan
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = abs(k1 / n1 - k2 / n2) / se
    return math.erfc(z / math.sqrt(2))
