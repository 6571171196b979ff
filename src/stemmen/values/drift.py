"""Relapse (terugval) detection: a sustained decline of a value's alignment against a baseline.

Method (one-sided lower CUSUM on standardised period means, per series):

- A series is one value within one cell of a *level*, e.g. value x group x department
  or value x department pooled over groups and source kinds (pooled series give more
  segments per period, so small departments are still watched). Default levels:
  ``(("group", "department"), ("department",))``; add "kind" to split by source.
- Baseline: ``baseline_periods`` periods from ``baseline_start`` (e.g. the manifest date;
  default the first date in the data). Per series mu0, s0 and n0 come from the relevant
  baseline segments; s0 is shrunk towards the pooled within-series SD of the level,
  ``s0^2 = ((n0-1) s^2 + prior_df * sp^2) / (n0 - 1 + prior_df)``, so a tiny baseline does
  not give a tiny SD. Series with fewer than ``min_baseline_n`` baseline segments are
  skipped (listed in ``skipped_``).
- Pooled baseline (``pooling="level"``, empirical Bayes): a baseline of six periods with a
  few segments each estimates mu0 with an error that every later period shares, and that
  error, not the noise of single periods, drives most false alarms. The series of a level
  (all values x cells) are taken as draws around a common mean m with between-series
  variance tau^2, estimated from the baselines themselves (DerSimonian-Laird moments, at
  least ``tau_min``^2). Each series' mu0 is shrunk towards m with ``n_prior = sp^2 / tau^2``
  pseudo segments, ``mu0 = (n0 * mean + n_prior * m) / (n0 + n_prior)``, and its
  uncertainty falls accordingly (n0 -> n0 + n_prior below). Series that truly differ give a
  large tau^2 and are hardly shrunk; with fewer than three series nothing is pooled.
  Alerts still report each series' own baseline mean.
- Each later period with n > 0 relevant segments gives
  ``z = (mean - mu0) / (s0 * sqrt(1/n + 1/n0))`` (the 1/n0 term carries the uncertainty of
  mu0), clipped to +-``z_clip`` so that one extreme segment cannot fire alone. Periods
  without segments leave the CUSUM unchanged.
- ``S_t = max(0, S_{t-1} - z_t - k)``; an alarm needs S > h in ``confirm`` consecutive
  updated periods. After an alarm the series stays in alarm until S returns to 0
  (one alert per episode). The change point is the first period after S was last 0.
- (k, h, confirm) defaults come from simulation (``stemmen.values.simulate``,
  ``bench/eval_drift.py``), including the baseline estimation error; see DEFAULTS_NOTE.

Alerts on nested series (e.g. medewerker x Vergunningen and all groups x Vergunningen)
for the same value and overlapping windows are merged into one (``consolidate=True``);
the merged series are listed in ``also_signalled``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from stemmen.errors import ConfigError, Errors
from stemmen.stats import diff_ci, key_seed
from stemmen.values.index import check_scores, period_label, to_periods

ALL = "alle"  # label of a dimension pooled over (group, department or kind)
DIMS = ("group", "department", "kind")
DEFAULT_LEVELS: tuple[tuple[str, ...], ...] = (("group", "department"), ("department",))

# Chosen with bench/eval_relapse.py on the training manifests (data/train/values, simulated
# readings; never the held-out manifests) for false alerts <= 0.05 per series per 52 steady
# periods with the pooled baseline; see docs/values.md. With z clipped at 3.5 a period adds
# at most 3.5 - k = 2.5 to S, so h = 4.5 needs >= 2 bad periods: one extreme month cannot
# raise an alarm on its own (the decline must be sustained).
DEFAULT_K = 1.0
DEFAULT_H = 4.5
# The attention metric (share of segments about a value) keeps the thresholds chosen for it
# with bench/eval_drift.py before pooling; its baseline is a proportion and is not pooled.
ATTENTION_K = 1.25
ATTENTION_H = 3.0
DEFAULT_CONFIRM = 1
DEFAULT_Z_CLIP = 3.5
DEFAULT_PRIOR_DF = 10.0
DEFAULT_ADAPT = True
DEFAULT_POOLING = "level"
DEFAULT_TAU_MIN = 0.05  # on the alignment scale [-1, 1]: pooling never assumes series closer than this
DEFAULTS_NOTE = (f"k={DEFAULT_K}, h={DEFAULT_H}, confirm={DEFAULT_CONFIRM}, z_clip={DEFAULT_Z_CLIP},"
                 f" prior_df={DEFAULT_PRIOR_DF:g}, adapt={DEFAULT_ADAPT}, pooling={DEFAULT_POOLING},"
                 f" tau_min={DEFAULT_TAU_MIN:g}")


# --- vectorised core (shared with the simulation) ----------------------------------------------

def shrink_sd(s: np.ndarray, n0: np.ndarray, sp: float, prior_df: float) -> np.ndarray:
    """Baseline SD shrunk towards the pooled SD ``sp`` with ``prior_df`` pseudo degrees of freedom."""
    s = np.nan_to_num(np.asarray(s, float), nan=0.0)
    df0 = np.maximum(np.asarray(n0, float) - 1.0, 0.0)
    return np.sqrt((df0 * s**2 + prior_df * sp**2) / (df0 + prior_df))


def pooled_prior(means: np.ndarray, n0: np.ndarray, sp: float, tau_min: float) -> tuple[float, float]:
    """Empirical-Bayes prior over the baselines of one level: (common mean m, pseudo segments n_prior).

    ``means`` and ``n0`` are the series' baseline means and segment counts; ``sp`` the pooled
    within-series SD. tau^2 by DerSimonian-Laird moments, floored at ``tau_min``^2; n_prior =
    sp^2 / tau^2. Fewer than three series (or no spread to measure) give n_prior = 0: no pooling.
    """
    x, n = np.asarray(means, float), np.asarray(n0, float)
    ok = np.isfinite(x) & (n > 0)
    x, n = x[ok], n[ok]
    if len(x) < 3 or not sp > 0:
        return float("nan"), 0.0
    w = n / sp**2  # inverse sampling variance of each baseline mean
    m = float((w * x).sum() / w.sum())
    q = float((w * (x - m) ** 2).sum())
    tau2 = max((q - (len(x) - 1)) / (w.sum() - (w**2).sum() / w.sum()), tau_min**2)
    return m, float(sp**2 / tau2)


def standardise(means: np.ndarray, ns: np.ndarray, mu0: np.ndarray, sd0: np.ndarray, n0: np.ndarray,
                z_clip: float = 3.0) -> np.ndarray:
    """z per period (NaN where n == 0); arrays (runs, T) against per-run (runs, 1) baselines."""
    ns = np.asarray(ns, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = sd0 * np.sqrt(1.0 / ns + 1.0 / n0)
        z = (means - mu0) / se
    z = np.where(ns > 0, z, np.nan)
    return np.clip(z, -z_clip, z_clip)


def cusum_lower(z: np.ndarray, k: float, h: float, confirm: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Lower CUSUM on given z (NaN = no data): paths S (runs, T) and alarm flags (new episodes)."""
    z = np.atleast_2d(z)
    return _cusum(lambda t, mu0, n0: z[:, t], z.shape, k, h, confirm)


def cusum_alignment(means: np.ndarray, ns: np.ndarray, mu0: np.ndarray, sd0: np.ndarray, n0: np.ndarray,
                    k: float, h: float, confirm: int = 1, z_clip: float = 3.0,
                    adapt: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Lower CUSUM on standardised period means; arrays (runs, T), baselines (runs, 1) or scalars.

    ``adapt``: the periods of an excursion that returns to 0 without an alarm are folded into
    mu0 (and n0), so that the error of a short baseline shrinks over time. Only whole
    excursions are folded: folding just the periods where S == 0 would keep the good periods
    and drop the bad ones, biasing mu0 upwards.
    """
    means, ns = np.atleast_2d(means), np.atleast_2d(ns).astype(float)
    runs = means.shape[0]
    state = {"mu0": np.broadcast_to(np.asarray(mu0, float).reshape(-1), (runs,)).copy(),
             "n0": np.broadcast_to(np.asarray(n0, float).reshape(-1), (runs,)).copy(),
             "sd0": np.broadcast_to(np.asarray(sd0, float).reshape(-1), (runs,)).copy(),
             "ps": np.zeros(runs), "pn": np.zeros(runs)}

    def z_at(t: int, s_prev: np.ndarray, in_alarm: np.ndarray) -> np.ndarray:
        return standardise(means[:, t], ns[:, t], state["mu0"], state["sd0"], state["n0"], z_clip)

    def after(t: int, s: np.ndarray, upd: np.ndarray, in_alarm: np.ndarray, new: np.ndarray) -> None:
        if not adapt:
            return
        n_t = np.where(upd, ns[:, t], 0.0)
        state["ps"] += np.where(upd, np.nan_to_num(means[:, t]) * n_t, 0.0)
        state["pn"] += n_t
        drop = new | in_alarm
        state["ps"][drop] = 0.0
        state["pn"][drop] = 0.0
        fold = upd & (s <= 0.0) & ~in_alarm
        tot = state["n0"] + state["pn"]
        state["mu0"] = np.where(fold, (state["mu0"] * state["n0"] + state["ps"]) / tot, state["mu0"])
        state["n0"] = np.where(fold, tot, state["n0"])
        state["ps"][fold] = 0.0
        state["pn"][fold] = 0.0

    return _cusum(z_at, means.shape, k, h, confirm, after)


def _cusum(z_at, shape: tuple[int, int], k: float, h: float, confirm: int,
           after=None) -> tuple[np.ndarray, np.ndarray]:
    runs, T = shape
    S = np.zeros((runs, T))
    fire = np.zeros((runs, T), dtype=bool)
    s = np.zeros(runs)
    above = np.zeros(runs, dtype=int)
    in_alarm = np.zeros(runs, dtype=bool)
    for t in range(T):
        zt = z_at(t, s, in_alarm)
        upd = ~np.isnan(zt)
        s = np.where(upd, np.maximum(0.0, s - np.nan_to_num(zt) - k), s)
        above = np.where(upd, np.where(s > h, above + 1, 0), above)
        was_alarm = in_alarm.copy()
        in_alarm = in_alarm & ~(upd & (s <= 0.0))  # an episode ends when S is back at 0
        new = upd & (above >= confirm) & ~in_alarm
        in_alarm = in_alarm | new
        if after is not None:
            after(t, s, upd, was_alarm & in_alarm, new)
        fire[:, t] = new
        S[:, t] = s
    return S, fire


def weighted_stats(x: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    """Weighted mean, SD (reliability weights: unbiased for weights 1) and effective n (Kish)."""
    v1, v2 = float(w.sum()), float((w**2).sum())
    if v1 <= 0:
        return float("nan"), float("nan"), 0.0
    mean = float((w * x).sum() / v1)
    n_eff = v1 * v1 / v2
    denom = v1 - v2 / v1
    sd = float(np.sqrt((w * (x - mean) ** 2).sum() / denom)) if denom > 1e-12 and len(x) > 1 else float("nan")
    return mean, sd, n_eff


# --- alerts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One pseudonymised segment behind an alert, as the report shows it."""

    segment_id: str
    doc_id: str
    period: str
    group: str
    kind: str
    alignment: float
    relevance: float
    text: str


@dataclass(frozen=True)
class DriftAlert:
    """A sustained decline of one series: where, since when, how large (with its interval) and why."""

    value_id: str
    group: str
    department: str
    kind: str
    metric: str
    start_period: str
    alarm_period: str
    baseline_mean: float
    recent_mean: float
    drop: float
    drop_ci_low: float
    drop_ci_high: float
    n_baseline: int
    n_recent: int
    statistic: float
    threshold: float
    evidence: tuple[Evidence, ...] = ()
    also_signalled: tuple[str, ...] = ()
    episode_end: str | None = None  # first period S is back at 0; None = still in alarm at the end

    @property
    def series(self) -> str:
        """The series as "value / group / department / kind" (how also_signalled names series)."""
        return f"{self.value_id} / {self.group} / {self.department} / {self.kind}"


def alerts_frame(alerts: Sequence[DriftAlert]) -> pd.DataFrame:
    """One row per alert; evidence as lists of segment ids and texts."""
    cols = [f for f in DriftAlert.__dataclass_fields__ if f != "evidence"]
    rows = []
    for a in alerts:
        d = {c: getattr(a, c) for c in cols}
        d["also_signalled"] = list(a.also_signalled)
        d["evidence_segment_ids"] = [e.segment_id for e in a.evidence]
        d["evidence_texts"] = [e.text for e in a.evidence]
        rows.append(d)
    return pd.DataFrame(rows, columns=[*cols, "evidence_segment_ids", "evidence_texts"])


# --- detector ----------------------------------------------------------------------------------

@dataclass
class DriftDetector:
    """CUSUM relapse detector; ``fit(scores)`` sets ``alerts_``, ``paths_``, ``baselines_``, ``skipped_``
    and the thresholds it used, ``k_`` and ``h_``."""

    period: str = "month"
    threshold: float = 0.5
    baseline_start: Any = None
    baseline_periods: int = 6
    levels: Sequence[Sequence[str]] = DEFAULT_LEVELS
    metric: str = "alignment"
    k: float | None = None  # None: DEFAULT_K for alignment, ATTENTION_K for attention (fitted: k_)
    h: float | None = None  # None: DEFAULT_H for alignment, ATTENTION_H for attention (fitted: h_)
    confirm: int = DEFAULT_CONFIRM
    z_clip: float = DEFAULT_Z_CLIP
    prior_df: float = DEFAULT_PRIOR_DF
    adapt: bool = DEFAULT_ADAPT
    pooling: str = DEFAULT_POOLING
    tau_min: float = DEFAULT_TAU_MIN
    echoes: bool = True
    min_baseline_n: int = 4
    n_evidence: int = 5
    n_boot: int = 2000
    seed: int = 42
    consolidate: bool = True
    weighting: str = "threshold"
    min_weight: float = 0.2
    alerts_: list[DriftAlert] = field(default_factory=list, init=False, repr=False)

    # -- public --

    def fit(self, scores: pd.DataFrame) -> DriftDetector:
        """Build every series of every level from score rows, run the CUSUM and collect the alerts."""
        self._check()
        alignment = self.metric == "alignment"
        self.k_ = self.k if self.k is not None else (DEFAULT_K if alignment else ATTENTION_K)
        self.h_ = self.h if self.h is not None else (DEFAULT_H if alignment else ATTENTION_H)
        df = check_scores(scores, required=("segment_id", "doc_id", "value_id", "relevance", "alignment",
                                            "kind", "group", "department", "date", "text"))
        # a fixed row order makes sums and bootstrap draws independent of the input order
        df = df.sort_values(["date", "segment_id", "value_id"], kind="mergesort").reset_index(drop=True)
        df["pidx"] = to_periods(df["date"], self.period)
        start = (to_periods([self.baseline_start], self.period)[0] if self.baseline_start is not None
                 else df["pidx"].min())
        base_end = start + (self.baseline_periods - 1)
        df = df[df["pidx"] >= start]
        df["w"] = self._weights(df["relevance"].to_numpy(float))
        if not ((df["pidx"] <= base_end) & (df["w"] > 0)).any():
            raise ConfigError(Errors.E713.format(start=period_label(start), n=self.baseline_periods))
        periods = pd.period_range(start, max(df["pidx"].max(), base_end), freq=start.freq)
        self.periods_ = [period_label(p) for p in periods]
        self.monitor_from_ = period_label(base_end + 1)
        df["t"] = [(p - start).n for p in df["pidx"]]
        n_base = self.baseline_periods

        alerts, paths, bases, skipped = [], [], [], []
        for level in self.levels:
            dims = tuple(level)
            lv = df.assign(group_orig=df["group"], kind_orig=df["kind"])
            for d in DIMS:
                if d not in dims:
                    lv[d] = ALL
            cell = ["group", "department", "kind"]
            rel = lv[lv["w"] > 0]
            # denominators for attention: distinct segments per cell and period
            totals = lv.groupby([*cell, "t"])["segment_id"].nunique()
            stats = self._baselines(rel, totals, n_base, cell)
            found = []  # (alert, its series rows, its baseline) of this level
            for key, b in stats.items():
                value_id, *ckey = key
                if b["n0"] < self.min_baseline_n:
                    skipped.append(dict(zip(("value_id", *cell), key), n_baseline=b["n0"],
                                        reason=f"basislijn heeft {b['n0']} relevante segmenten"))
                    continue
                bases.append({**dict(zip(("value_id", *cell), key)), **{k_: v for k_, v in b.items()
                                                                        if k_ != "x0"}})
                ser = rel[(rel["value_id"] == value_id) & (rel["group"] == ckey[0])
                          & (rel["department"] == ckey[1]) & (rel["kind"] == ckey[2])]
                path, fire = self._run_series(ser, totals, tuple(ckey), b, n_base, len(periods))
                paths.append(path.assign(value_id=value_id, group=ckey[0], department=ckey[1], kind=ckey[2]))
                for t_fire in np.flatnonzero(fire):
                    found.append((self._alert(key, ser, b, path, int(t_fire), n_base, periods), ser, b))
            alerts += self._fold_echoes(found, totals, n_base, len(periods))
        self.alerts_ = self._consolidate(alerts) if self.consolidate else sorted(alerts, key=_order)
        self.paths_ = (pd.concat(paths, ignore_index=True) if paths else pd.DataFrame())
        self.baselines_ = pd.DataFrame(bases)
        self.skipped_ = pd.DataFrame(skipped)
        return self

    def alerts_frame(self) -> pd.DataFrame:
        """The fitted alerts as a DataFrame (see the module-level ``alerts_frame``)."""
        return alerts_frame(self.alerts_)

    # -- internals --

    def _weights(self, relevance: np.ndarray) -> np.ndarray:
        """How much each (segment, value) row counts: 1 at or above the threshold ("threshold"),
        or its relevance read as the probability that the segment is about the value
        ("posterior"; rows below ``min_weight`` left out)."""
        if self.weighting == "posterior":
            return np.where(relevance >= self.min_weight, relevance, 0.0)
        return (relevance >= self.threshold).astype(float)

    def _check(self) -> None:
        if self.weighting not in ("threshold", "posterior"):
            raise ConfigError(Errors.E712.format(name="weighting", value=self.weighting,
                                                 problem="kies 'threshold' of 'posterior'"))
        if self.pooling not in ("level", "none"):
            raise ConfigError(Errors.E712.format(name="pooling", value=self.pooling,
                                                 problem="kies 'level' of 'none'"))
        if self.metric not in ("alignment", "attention"):
            raise ConfigError(Errors.E712.format(name="metric", value=self.metric,
                                                 problem="kies 'alignment' of 'attention'"))
        if self.baseline_periods < 1 or self.confirm < 1 or (self.h is not None and self.h <= 0) \
                or (self.k is not None and self.k < 0):
            raise ConfigError(Errors.E712.format(
                name="baseline_periods/confirm/h/k", value=(self.baseline_periods, self.confirm, self.h, self.k),
                problem="baseline_periods en confirm >= 1, h > 0, k >= 0"))
        for level in self.levels:
            bad = [d for d in level if d not in DIMS]
            if bad:
                raise ConfigError(Errors.E712.format(name="levels", value=level,
                                                     problem=f"kies dimensies uit {', '.join(DIMS)}"))

    def _baselines(self, rel: pd.DataFrame, totals: pd.Series, n_base: int, cell: list[str]) -> dict:
        base = rel[rel["t"] < n_base]
        out: dict[tuple, dict] = {}
        resid = []
        for key, g in base.groupby(["value_id", *cell], sort=True):
            x = g["alignment"].to_numpy(float)
            w = g["w"].to_numpy(float)
            n_tot = int(totals.loc[tuple(key[1:])].loc[lambda s: s.index < n_base].sum())
            mean, sd, n_eff = weighted_stats(x, w)
            n0 = len(x) if self.weighting == "threshold" else n_eff
            out[key] = dict(mu0=mean, s=sd, n0=n0, p0=len(x) / n_tot if n_tot else np.nan, N0=n_tot, x0=x)
            resid.append((x - mean, w, n_eff))
        # pooled within-series SD of the level (weighted; equal to the plain pooled SD for weights 1)
        num = sum(float(np.sum(w * r**2)) / max(float(w.sum()), 1e-12) * n for r, w, n in resid)
        dof = max(sum(n for _, _, n in resid) - len(resid), 1)
        sp = float(np.sqrt(num / dof)) if resid else 0.5
        sp = sp or 0.5
        for b in out.values():
            b["sd0"] = float(shrink_sd(np.array([b["s"]]), np.array([b["n0"]]), sp, self.prior_df)[0])
            b["sd_pooled"] = sp
        # the pooled prior over the series this level monitors (skipped series do not inform it)
        kept = [b for b in out.values() if b["n0"] >= self.min_baseline_n]
        m, n_prior = (pooled_prior(np.array([b["mu0"] for b in kept]), np.array([b["n0"] for b in kept]), sp,
                                   self.tau_min) if self.pooling == "level" else (float("nan"), 0.0))
        for b in out.values():
            b["prior_mean"], b["n_prior"] = m, n_prior
            b["mu0_pooled"] = (b["mu0"] * b["n0"] + n_prior * m) / (b["n0"] + n_prior) if n_prior else b["mu0"]
        return out

    def _run_series(self, ser: pd.DataFrame, totals: pd.Series, ckey: tuple, b: dict, n_base: int,
                    T: int) -> tuple[pd.DataFrame, np.ndarray]:
        t_idx, w = ser["t"].to_numpy(int), ser["w"].to_numpy(float)
        sw = np.bincount(t_idx, w, minlength=T)[:T]
        with np.errstate(divide="ignore", invalid="ignore"):
            m = np.where(sw > 0, np.bincount(t_idx, w * ser["alignment"].to_numpy(float), minlength=T)[:T] / sw,
                         np.nan)
            n = (np.bincount(t_idx, minlength=T)[:T].astype(float) if self.weighting == "threshold"
                 else np.where(sw > 0, sw**2 / np.bincount(t_idx, w**2, minlength=T)[:T], 0.0))
        tot = totals.loc[ckey].reindex(range(T)).fillna(0).to_numpy(float)
        if self.metric == "alignment":
            mm, nn = m.copy(), n.copy()
            nn[:n_base] = 0  # the baseline itself is not monitored
            n0 = b["n0"] + b["n_prior"]
            S, fire = cusum_alignment(mm[None, :], nn[None, :], b["mu0_pooled"], b["sd0"], n0, self.k_, self.h_,
                                      self.confirm, self.z_clip, self.adapt)
            z = standardise(m, n, b["mu0_pooled"], b["sd0"], n0, self.z_clip)  # against the initial baseline
            z[:n_base] = np.nan
        else:
            p0 = float(np.clip(b["p0"], 0.02, 0.98))
            with np.errstate(divide="ignore", invalid="ignore"):
                z = (n / tot - p0) / np.sqrt(p0 * (1 - p0) * (1 / tot + 1 / b["N0"]))
            z = np.clip(np.where(tot > 0, z, np.nan), -self.z_clip, self.z_clip)
            z[:n_base] = np.nan  # the baseline itself is not monitored
            S, fire = cusum_lower(z[None, :], self.k_, self.h_, self.confirm)
        path = pd.DataFrame({"t": range(T), "period": self.periods_, "n": n.astype(int),
                             "n_total": tot.astype(int), "mean": m,
                             "z": z, "cusum": S[0]})
        return path, fire[0]

    def _alert(self, key: tuple, ser: pd.DataFrame, b: dict, path: pd.DataFrame, t_fire: int, n_base: int,
               periods: pd.PeriodIndex) -> DriftAlert:
        S = path["cusum"].to_numpy()
        zeros = [t for t in range(n_base, t_fire) if S[t] <= 0.0]
        t_start = (zeros[-1] + 1) if zeros else n_base
        win = ser[(ser["t"] >= t_start) & (ser["t"] <= t_fire)]
        x1 = win["alignment"].to_numpy(float)
        rng = key_seed(self.seed, (*key, t_fire))
        if self.metric == "alignment":
            recent = weighted_stats(x1, win["w"].to_numpy(float))[0] if len(x1) else np.nan
            base_mean = b["mu0"]
            lo, hi = diff_ci(b["x0"], x1, n_boot=self.n_boot, rng=rng)
        else:  # share of relevant segments; normal interval for a difference of proportions
            sub = path[(path["t"] >= t_start) & (path["t"] <= t_fire)]
            n_tot = max(int(sub["n_total"].sum()), 1)
            recent, base_mean = float(sub["n"].sum() / n_tot), b["p0"]
            se = np.sqrt(base_mean * (1 - base_mean) / b["N0"] + recent * (1 - recent) / n_tot)
            lo, hi = (base_mean - recent) - 1.96 * se, (base_mean - recent) + 1.96 * se
        ev = win.sort_values(["alignment", "segment_id"], kind="mergesort").head(self.n_evidence)
        evidence = tuple(Evidence(str(r.segment_id), str(r.doc_id), period_label(r.pidx), str(r.group_orig),
                                  str(r.kind_orig), float(r.alignment), float(r.relevance), str(r.text))
                         for r in ev.itertuples())
        back = [t for t in range(t_fire + 1, len(S)) if S[t] <= 0.0]
        value_id, group, department, kind = key
        return DriftAlert(episode_end=self.periods_[back[0]] if back else None, value_id=value_id, group=group,
                          department=department, kind=kind, metric=self.metric,
                          start_period=self.periods_[t_start], alarm_period=self.periods_[t_fire],
                          baseline_mean=float(base_mean), recent_mean=float(recent),
                          drop=float(base_mean - recent), drop_ci_low=float(lo), drop_ci_high=float(hi),
                          n_baseline=int(b["n0"]), n_recent=len(x1), statistic=float(S[t_fire]),
                          threshold=float(self.h_), evidence=evidence)

    def _fold_echoes(self, found: list[tuple[DriftAlert, pd.DataFrame, dict]], totals: pd.Series, n_base: int,
                     T: int) -> list[DriftAlert]:
        """Fold echoes into the alert they echo (``echoes=True``, alignment only).

        A segment the reader is unsure of counts for two values, so a decline of one value in a
        cell also pulls down a neighbouring value's series there. Alert A (same cell, other
        value, overlapping episode) is B's echo when A no longer fires in its episode without the
        segments that weigh at least as much for B as for A, while B still fires without the
        segments that weigh more for A. The echo is listed in B's ``also_signalled``.
        """
        if not self.echoes or self.metric != "alignment" or len(found) < 2:
            return [a for a, _, _ in found]

        def survives(i: int, j: int) -> bool:
            a, ser, b = found[i]
            other = found[j][1].groupby("segment_id")["w"].sum()
            theirs = other.reindex(ser["segment_id"]).to_numpy(float)
            keep = ~(theirs >= ser["w"].to_numpy(float))  # NaN (not in j's series) compares False: kept
            if keep.all():
                return True
            ckey = (a.group, a.department, a.kind)
            _, fire = self._run_series(ser[keep], totals, ckey, b, n_base, T)
            t0 = self.periods_.index(a.start_period)
            t1 = self.periods_.index(a.episode_end) if a.episode_end else T - 1
            return bool(fire[t0:t1 + 1].any())

        head = list(range(len(found)))
        by_strength = sorted(range(len(found)), key=lambda i: -found[i][0].statistic)
        for i in by_strength[::-1]:  # the weakest first looks for the alert it echoes
            a = found[i][0]
            for j in by_strength:
                b = found[j][0]
                if j == i or head[j] != j or b.value_id == a.value_id \
                        or (b.group, b.department, b.kind) != (a.group, a.department, a.kind) \
                        or not _overlap(a, b, self.periods_):
                    continue
                if not survives(i, j) and survives(j, i):
                    head[i] = j
                    break
        def root(i: int) -> int:  # an echo of an echo belongs to the last alert of the chain
            while head[i] != i:
                i = head[i]
            return i

        out = []
        for i, (a, _, _) in enumerate(found):
            if head[i] == i:
                echoes = [found[e][0].series for e in range(len(found)) if e != i and root(e) == i]
                out.append(_replace(a, also_signalled=(*a.also_signalled, *echoes)) if echoes else a)
        return out

    def _consolidate(self, alerts: list[DriftAlert]) -> list[DriftAlert]:
        """Merge alerts of one value on nested series with overlapping episodes (transitively:
        medewerker x Vergunningen and casus x Vergunningen meet through all x Vergunningen)."""
        alerts = sorted(alerts, key=_order)
        comp = list(range(len(alerts)))  # union-find over "nested and overlapping" pairs

        def root(i: int) -> int:
            while comp[i] != i:
                i = comp[i]
            return i

        for i, a in enumerate(alerts):
            for j in range(i):
                b = alerts[j]
                if a.value_id == b.value_id and a.metric == b.metric and _nested(a, b) \
                        and _overlap(a, b, self.periods_):
                    comp[max(root(i), root(j))] = min(root(i), root(j))
        groups: dict[int, list[DriftAlert]] = {}
        for i, a in enumerate(alerts):
            groups.setdefault(root(i), []).append(a)
        # the head is the earliest (then most specific) alert of its component
        return [_replace(g[0], also_signalled=tuple(dict.fromkeys(
                    [*g[0].also_signalled, *(x for m in g[1:] for x in (m.series, *m.also_signalled))])))
                for _, g in sorted(groups.items())]


def _specificity(a: DriftAlert) -> int:
    return sum(getattr(a, d) != ALL for d in DIMS)


def _order(a: DriftAlert) -> tuple:
    # earliest alarm first; on ties the most specific series is the one kept
    return (a.alarm_period, -_specificity(a), a.value_id, a.group, a.department, a.kind)


def _nested(a: DriftAlert, b: DriftAlert) -> bool:
    return all(getattr(a, d) == getattr(b, d) or ALL in (getattr(a, d), getattr(b, d)) for d in DIMS)


def _overlap(a: DriftAlert, b: DriftAlert, periods: list[str]) -> bool:
    """Episodes [start, end] overlap (an open episode lasts to the last period)."""
    def span(x: DriftAlert) -> tuple[int, int]:
        end = periods.index(x.episode_end) if x.episode_end else len(periods) - 1
        return periods.index(x.start_period), end
    (a0, a1), (b0, b1) = span(a), span(b)
    return a0 <= b1 and b0 <= a1


def _replace(a: DriftAlert, **changes: Any) -> DriftAlert:
    return DriftAlert(**{**{f: getattr(a, f) for f in DriftAlert.__dataclass_fields__}, **changes})


def detect_drift(scores: pd.DataFrame, *, baseline_start: dt.date | str | None = None,
                 **params: Any) -> tuple[list[DriftAlert], pd.DataFrame]:
    """Convenience: fit a DriftDetector and return (alerts, alerts as DataFrame)."""
    det = DriftDetector(baseline_start=baseline_start, **params).fit(scores)
    return det.alerts_, det.alerts_frame()


__all__ = ["ALL", "DEFAULT_LEVELS", "DriftAlert", "DriftDetector", "Evidence", "alerts_frame", "cusum_lower",
           "detect_drift", "pooled_prior", "shrink_sd", "standardise"]
