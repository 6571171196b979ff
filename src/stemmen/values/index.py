"""Alignment index per value x group x source x period, and the gap between groups.

Input is plain data: a DataFrame of scored segments with one row per (segment, value)
and the columns of ``SCORE_COLUMNS``. Nothing here touches the store.

Choices (documented because reports quote them):

- A segment counts for a value when ``relevance >= threshold``. The index is the
  PLAIN mean of the alignment of those segments: the threshold already does the
  selection, and a relevance-weighted mean would make ``n`` and the interval harder
  to read (its effective n is smaller than the count shown to the reader).
- Confidence interval (95 %), ``ci="auto"``: Student-t interval for 2 <= n < 20,
  bootstrap percentile (fixed seed per cell) for n >= 20; bootstrap percentile
  intervals are too narrow for tiny samples, the t interval is honest there (very
  wide at n = 2..3). n = 1 gives NaN bounds. Bounds are clipped to [-1, 1].
  Cells with n < ``min_n`` keep their numbers but get ``low_n = True``.
- Each cell's bootstrap seed is derived from ``seed`` and the cell key, so a cell's
  interval does not change when other cells are added.
- Attention = share of the cell's segments (same keys without the value) that are
  relevant to the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from stemmen.errors import ConfigError, Errors, InputError
from stemmen.groups import EMPLOYEES, group_plural
from stemmen.stats import adjust_p, diff_ci, key_seed, mean_ci, permutation_p

SCORE_COLUMNS = ("segment_id", "doc_id", "value_id", "relevance", "alignment", "kind", "group",
                 "department", "date", "text")
PERIODS = ("week", "month", "quarter")
NO_DEPARTMENT = "(geen afdeling)"
ALL_PERIODS = "totaal"



# --- input and periods -------------------------------------------------------------------------

def check_scores(scores: pd.DataFrame, required: Iterable[str] = SCORE_COLUMNS) -> pd.DataFrame:
    """Validated copy: required columns present, department None -> NO_DEPARTMENT."""
    missing = [c for c in required if c not in scores.columns]
    if missing:
        raise InputError(Errors.E710.format(missing=", ".join(missing), expected=", ".join(required)))
    out = scores.copy()
    if "department" in out.columns:
        out["department"] = out["department"].astype(object).where(out["department"].notna(), NO_DEPARTMENT)
    out["relevance"] = out["relevance"].astype(float)
    out["alignment"] = out["alignment"].astype(float)
    return out


def _freq(period: str) -> str:
    if period not in PERIODS:
        raise ConfigError(Errors.E711.format(period=period, choices=", ".join(PERIODS)))
    return {"week": "W-SUN", "month": "M", "quarter": "Q"}[period]


def to_periods(dates: Iterable[Any], period: str) -> pd.PeriodIndex:
    """Dates -> pandas Periods (weeks run Monday..Sunday, i.e. ISO weeks)."""
    # many rows share a date: convert each distinct date once (a large speed-up on big stores)
    # (and never iterate a datetime column: that builds one Timestamp object per row)
    values = dates if isinstance(dates, (pd.Series, pd.Index, np.ndarray)) else list(dates)
    codes, uniques = pd.factorize(pd.Series(values, dtype=None if len(values) else object))
    distinct = pd.PeriodIndex(pd.to_datetime(pd.Series(uniques)), freq=_freq(period))
    return distinct.take(codes, allow_fill=True, fill_value=pd.NaT)


def period_label(p: pd.Period) -> str:
    """'2025-03' (month), '2025-Q1' (quarter), '2025-W09' (ISO week)."""
    if p.freqstr.startswith("W"):
        iso = p.start_time.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if p.freqstr.startswith("Q"):
        return f"{p.year}-Q{p.quarter}"
    return f"{p.year}-{p.month:02d}"


def period_labels(dates: Iterable[Any], period: str | None) -> list[str]:
    """The period label ("2025-03", "2025-Q1", "2025-W09") of each date; ``ALL_PERIODS`` for every date when
    ``period`` is None."""
    if period is None:
        return [ALL_PERIODS] * len(list(dates))
    periods = to_periods(dates, period)
    codes, uniques = pd.factorize(periods)
    labels = [period_label(p) for p in uniques]
    return [labels[c] for c in codes]


# --- alignment index ---------------------------------------------------------------------------

def alignment_index(scores: pd.DataFrame, *, threshold: float = 0.5, period: str | None = "month",
                    by: Sequence[str] = ("value_id", "group", "kind"), department: bool = False,
                    n_boot: int = 1000, seed: int = 42, min_n: int = 3, ci: str = "auto") -> pd.DataFrame:
    """Alignment index A(value, group, source, period): n, mean, 95 % CI and attention.

    ``by`` must contain ``value_id``; ``department=True`` adds the department as a key.
    ``period=None`` gives one cell over all dates (label ``"totaal"``).
    Columns: *by, [department], period, n, n_segments, attention, mean, sd, ci_low,
    ci_high, ci_method, low_n. Sorted by the keys; deterministic for a fixed seed.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ConfigError(Errors.E712.format(name="threshold", value=threshold, problem="moet tussen 0 en 1 liggen"))
    if ci not in ("auto", "t", "bootstrap"):
        raise ConfigError(Errors.E712.format(name="ci", value=ci, problem="kies 'auto', 't' of 'bootstrap'"))
    keys = list(by)
    if "value_id" not in keys:
        keys.insert(0, "value_id")
    if department and "department" not in keys:
        keys.append("department")
    df = check_scores(scores, required=[c for c in SCORE_COLUMNS if c not in ("text", "doc_id")]
                      + [k for k in keys if k not in SCORE_COLUMNS])
    df["period"] = period_labels(df["date"], period)
    keys.append("period")
    other = [k for k in keys if k != "value_id"]
    # denominator of attention: distinct segments in the cell, whatever the value
    totals = df.groupby(other, dropna=False)["segment_id"].nunique().rename("n_segments")

    rel = df[df["relevance"] >= threshold]
    rows = []
    for key, grp in rel.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        x = grp["alignment"].to_numpy()
        lo, hi, method = mean_ci(x, ci=ci, n_boot=n_boot, rng=key_seed(seed, key))
        rows.append((*key, len(x), float(x.mean()), float(x.std(ddof=1)) if len(x) > 1 else float("nan"),
                     lo, hi, method))
    cols = [*keys, "n", "mean", "sd", "ci_low", "ci_high", "ci_method"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out.assign(n_segments=pd.Series(dtype=int), attention=pd.Series(dtype=float),
                          low_n=pd.Series(dtype=bool))
    out = out.merge(totals.reset_index(), on=other, how="left")
    out["attention"] = out["n"] / out["n_segments"]
    out["low_n"] = out["n"] < min_n
    return out[[*keys, "n", "n_segments", "attention", "mean", "sd", "ci_low", "ci_high", "ci_method",
                "low_n"]].reset_index(drop=True)


# --- gap between groups ------------------------------------------------------------------------

def _nl(x: float, digits: int = 2) -> str:
    """Dutch number: decimal comma, real minus sign."""
    s = f"{abs(x):.{digits}f}".replace(".", ",")
    return ("\u2212" if x < 0 and round(abs(x), digits) > 0 else "") + s


def _nl_p(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {_nl(p, 3)}"


def _groups_nl(groups: Sequence[str]) -> str:
    names = [group_plural(g) for g in groups]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _in_period(df: pd.DataFrame, period: Any) -> pd.DataFrame:
    """Filter by None (all), a label ('2025-01', '2025-Q1', '2025-W03') or a (from, to) date pair."""
    if period is None:
        return df
    dates = pd.to_datetime(df["date"])
    if isinstance(period, tuple):
        lo, hi = (pd.Timestamp(p) for p in period)
        return df[(dates >= lo) & (dates <= hi)]
    label = str(period)
    kind = "week" if "-W" in label else "quarter" if "-Q" in label else "month"
    return df[np.asarray(period_labels(df["date"], kind)) == label]


def gap_scores(scores: pd.DataFrame, kinds: Sequence[str]) -> pd.DataFrame:
    """The scored segments a citizen-employee gap compares: those of the source ``kinds`` (all when
    empty), so that the gap rests on what each group said itself (``analysis.gap_kinds``)."""
    return scores[scores["kind"].isin(kinds)] if kinds else scores


def group_gap(scores: pd.DataFrame, value_id: str | Sequence[str] | None = None, a: str | Sequence[str] = "burger",
              b: str | Sequence[str] = EMPLOYEES, threshold: float = 0.5,
              period: Any = None, n_boot: int = 2000, n_perm: int = 5000, seed: int = 42,
              correction: str = "holm", alpha: float = 0.05, unit: str = "segment",
              value_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per value: mean alignment of group(s) ``a`` minus that of group(s) ``b`` (pooled).

    Difference with a bootstrap 95 % CI (each group resampled on its own), a two-sided
    permutation test (p = (count+1)/(n_perm+1)), and p adjusted across the values tested
    (``correction``: 'holm' controls the family-wise error, 'bh' the false discovery rate).
    ``unit='document'`` first averages the segments of one document (answer, turn, note)
    so that a long text does not count as many independent observations.
    The Dutch ``verdict`` uses the adjusted p; 'duidelijk' when |difference| >= 0.3.
    """
    if unit not in ("segment", "document"):
        raise ConfigError(Errors.E712.format(name="unit", value=unit, problem="kies 'segment' of 'document'"))
    ga = (a,) if isinstance(a, str) else tuple(a)
    gb = (b,) if isinstance(b, str) else tuple(b)
    df = check_scores(scores, required=("segment_id", "doc_id", "value_id", "relevance", "alignment", "group", "date"))
    df = _in_period(df, period)
    df = df[df["relevance"] >= threshold]
    values = (sorted(scores["value_id"].unique()) if value_id is None
              else [value_id] if isinstance(value_id, str) else list(value_id))
    names = dict(value_names or {})
    rows = []
    for v in values:
        dv = df[df["value_id"] == v]
        if unit == "document":
            dv = dv.groupby(["doc_id", "group"], as_index=False)["alignment"].mean()
        xa = dv.loc[dv["group"].isin(ga), "alignment"].to_numpy(float)
        xb = dv.loc[dv["group"].isin(gb), "alignment"].to_numpy(float)
        rng = key_seed(seed, (v, *ga, "|", *gb))
        if len(xa) >= 2 and len(xb) >= 2:
            diff = float(xa.mean() - xb.mean())
            lo, hi = diff_ci(xa, xb, n_boot=n_boot, rng=rng)
            p = permutation_p(xa, xb, n_perm=n_perm, rng=rng)
        else:
            diff = float(xa.mean() - xb.mean()) if len(xa) and len(xb) else float("nan")
            lo = hi = p = float("nan")
        rows.append(dict(value_id=v, n_a=len(xa), n_b=len(xb),
                         mean_a=float(xa.mean()) if len(xa) else float("nan"),
                         mean_b=float(xb.mean()) if len(xb) else float("nan"),
                         diff=diff, ci_low=lo, ci_high=hi, p=p))
    out = pd.DataFrame(rows, columns=["value_id", "n_a", "n_b", "mean_a", "mean_b", "diff", "ci_low",
                                      "ci_high", "p"])
    out["p_adj"] = adjust_p(out["p"].to_numpy(), correction)
    out["significant"] = out["p_adj"] < alpha
    out["verdict"] = [_verdict(r, ga, gb, names.get(r.value_id, r.value_id.capitalize()), correction, alpha)
                      for r in out.itertuples()]
    return out


def _verdict(r: Any, ga: Sequence[str], gb: Sequence[str], name: str, correction: str, alpha: float) -> str:
    wa, wb = _groups_nl(ga), _groups_nl(gb)
    if np.isnan(r.p_adj):
        return (f"te weinig relevante uitspraken om {wa} en {wb} over '{name}' te vergelijken "
                f"(n = {r.n_a} en {r.n_b}; minstens 2 per groep nodig)")
    corr = "Holm" if correction == "holm" else "Benjamini-Hochberg"
    detail = (f"(verschil {_nl(r.diff)}; 95%-BI {_nl(r.ci_low)} tot {_nl(r.ci_high)}; "
              f"{_nl_p(r.p_adj)}, gecorrigeerd volgens {corr}; n = {r.n_a} en {r.n_b})")
    if r.p_adj >= alpha:
        return f"geen aantoonbaar verschil tussen {wa} en {wb} over '{name}' {detail}"
    strength = "duidelijk " if abs(r.diff) >= 0.3 else ""
    direction = "negatiever" if r.diff < 0 else "positiever"
    return f"{wa} ervaren '{name}' {strength}{direction} dan {wb} {detail}"
