"""Bureau Verbindingen (step 5): cases per value and department, tone within a case, time to
resolution, and the office's own yardstick: was the citizen treated as an equal party, also
when they did not get their way?

Definitions (quoted in the report's method section):

- A case is all notes with one case number; its department is the department of its first
  note, its outcome the status of its last note: ``opgelost`` (solved), ``gesloten zonder
  oplossing`` (the citizen did not get their way), ``doorverwezen`` (referred), else open.
- Tone of a note = mean sentiment polarity of its segments; the case's tone development
  is last note minus first note (cases with >= 2 notes).
- Time to resolution = days from the first to the last note of a closed case.
- A case is about a value when at least one of its segments has relevance >= threshold.
- Yardstick: per case the mean alignment, on the equal-treatment value, of its segments
  relevant to that value; the citizen counts as "treated as an equal party" when that mean
  is >= 0. Cases without such a segment cannot be assessed and are counted separately.
  Shares carry a 95 % Wilson interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from stemmen.report.data import ReportData
from stemmen.stats import wilson

SOLVED = "opgelost"
NOT_SOLVED = "gesloten zonder oplossing"
REFERRED = "doorverwezen"
CLOSED = (SOLVED, NOT_SOLVED, REFERRED)
OUTCOME_LABEL = {SOLVED: "opgelost", NOT_SOLVED: "geen oplossing (burger kreeg geen gelijk)",
                 REFERRED: "doorverwezen", "open": "loopt nog"}


@dataclass
class CaseMetrics:
    """Bureau Verbindingen's figures: one row per case and the tables both reports and the export show."""
    cases: pd.DataFrame                 # one row per case
    by_value_department: pd.DataFrame   # value_id x department -> number of cases
    tone_by_department: pd.DataFrame    # department, n, first, last, change
    resolution: pd.DataFrame            # department, n_closed, n_open, median_days, p75_days
    yardstick: pd.DataFrame             # outcome, n_cases, n_assessed, n_equal, share, ci_low, ci_high
    yardstick_by_department: pd.DataFrame
    yardstick_by_quarter: pd.DataFrame
    equal_value_id: str | None
    has_sentiment: bool
    has_scores: bool

    @property
    def empty(self) -> bool:
        """True when there are no cases."""
        return self.cases.empty


def _share_rows(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    rows = []
    for k, g in frame.groupby(key, sort=True):
        assessed = g["equal_alignment"].notna()
        n_eq = int((g.loc[assessed, "equal_alignment"] >= 0).sum())
        n_as = int(assessed.sum())
        lo, hi = wilson(n_eq, n_as)
        rows.append({key: k, "n_cases": len(g), "n_assessed": n_as, "n_equal": n_eq,
                     "share": n_eq / n_as if n_as else float("nan"), "ci_low": lo, "ci_high": hi,
                     "mean_alignment": float(g.loc[assessed, "equal_alignment"].mean()) if n_as else float("nan")})
    return pd.DataFrame(rows, columns=[key, "n_cases", "n_assessed", "n_equal", "share", "ci_low", "ci_high",
                                       "mean_alignment"])


def case_metrics(data: ReportData) -> CaseMetrics:
    """All Bureau Verbindingen figures from the casus documents of ``data`` (computed once per data)."""
    if "case_metrics" not in data.memo:
        data.memo["case_metrics"] = _case_metrics(data)
    return data.memo["case_metrics"]


def _case_metrics(data: ReportData) -> CaseMetrics:
    docs = data.documents
    notes = docs[(docs["kind"] == "casus") & docs["case_id"].notna()].copy()
    notes = notes.sort_values(["case_id", "date", "doc_id"], kind="mergesort")
    seg = data.segment_frame()
    seg = seg[seg["doc_id"].isin(set(notes["doc_id"]))]
    has_sent = "polarity" in seg.columns and seg["polarity"].notna().any()
    if has_sent:
        tone = seg.groupby("doc_id")["polarity"].mean()
        notes["tone"] = notes["doc_id"].map(tone)
    else:
        notes["tone"] = np.nan

    scored = data.scored_frame()
    scored = scored[scored["doc_id"].isin(set(notes["doc_id"]))] if len(scored) else scored
    has_scores = len(scored) > 0
    rel = scored[scored["relevance"] >= data.threshold] if has_scores else scored
    if has_scores:
        rel = rel.merge(notes[["doc_id", "case_id"]], on="doc_id", how="left", suffixes=("_x", ""))
    eq = data.equal_value_id

    # one row per case from its first and last note (notes are sorted by case, date, document)
    first = notes.drop_duplicates("case_id", keep="first").set_index("case_id")
    last = notes.drop_duplicates("case_id", keep="last").set_index("case_id")
    n_notes = notes.groupby("case_id", sort=True).size().reindex(first.index)
    status = last["status"].fillna("").astype(str).str.strip().str.lower()
    outcome = status.where(status.isin(CLOSED), "open")
    days = [(b - a).days if o != "open" and pd.notna(b) else np.nan
            for a, b, o in zip(first["date"], last["date"], outcome)]
    values: dict = {}
    eq_al = pd.Series(np.nan, index=first.index)
    if has_scores:
        pairs = rel[["case_id", "value_id"]].drop_duplicates().sort_values(["case_id", "value_id"])
        values = pairs.groupby("case_id")["value_id"].agg(list).to_dict()
        if eq is not None:
            eq_al = rel[rel["value_id"] == eq].groupby("case_id")["alignment"].mean().reindex(first.index)
    cases = pd.DataFrame(dict(
        case_id=first.index.to_list(), department=first["department"].to_list(), first_date=first["date"].to_list(),
        last_date=last["date"].to_list(), n_notes=n_notes.to_list(), outcome=outcome.to_list(), days=days,
        tone_first=first["tone"].to_list(), tone_last=last["tone"].where(n_notes > 1).to_list(),
        values=[values.get(c, []) for c in first.index], equal_alignment=eq_al.astype(float).to_list()),
        columns=["case_id", "department", "first_date", "last_date", "n_notes", "outcome", "days", "tone_first",
                 "tone_last", "values", "equal_alignment"])
    cases["tone_change"] = cases["tone_last"] - cases["tone_first"]

    bvd = (cases.explode("values").dropna(subset=["values"]).groupby(["values", "department"]).size()
           .rename("n_cases").reset_index().rename(columns={"values": "value_id"})) if has_scores and len(cases) \
        else pd.DataFrame(columns=["value_id", "department", "n_cases"])

    multi = cases[cases["n_notes"] >= 2]
    tone = (multi.groupby("department").agg(n=("case_id", "size"), first=("tone_first", "mean"),
                                            last=("tone_last", "mean")).reset_index()
            if has_sent and len(multi) else pd.DataFrame(columns=["department", "n", "first", "last"]))
    if len(tone):
        total = pd.DataFrame([{"department": "alle afdelingen", "n": len(multi), "first": multi["tone_first"].mean(),
                               "last": multi["tone_last"].mean()}])
        tone = pd.concat([tone, total], ignore_index=True)
    tone["change"] = tone["last"] - tone["first"]

    res_rows = []
    for dep, g in list(cases.groupby("department", sort=True)) + ([("alle afdelingen", cases)] if len(cases) else []):
        closed = g[g["outcome"] != "open"]
        res_rows.append(dict(department=dep, n_closed=len(closed), n_open=int((g["outcome"] == "open").sum()),
                             median_days=float(closed["days"].median()) if len(closed) else np.nan,
                             p75_days=float(closed["days"].quantile(0.75)) if len(closed) else np.nan,
                             n_solved=int((g["outcome"] == SOLVED).sum()),
                             n_not_solved=int((g["outcome"] == NOT_SOLVED).sum()),
                             n_referred=int((g["outcome"] == REFERRED).sum())))
    resolution = pd.DataFrame(res_rows, columns=["department", "n_closed", "n_open", "median_days", "p75_days",
                                                 "n_solved", "n_not_solved", "n_referred"])

    yard = _share_rows(cases, "outcome") if len(cases) else _share_rows(cases.assign(outcome=[]), "outcome")
    order = {SOLVED: 0, NOT_SOLVED: 1, REFERRED: 2, "open": 3}
    yard = yard.sort_values("outcome", key=lambda s: s.map(order)).reset_index(drop=True)
    no_way = cases[cases["outcome"] == NOT_SOLVED]
    yard_dep = _share_rows(no_way, "department")
    from stemmen.values.index import period_labels

    q = cases.assign(quarter=period_labels(cases["last_date"], "quarter") if len(cases) else [])
    yard_q = _share_rows(q, "quarter")
    return CaseMetrics(cases=cases, by_value_department=bvd, tone_by_department=tone, resolution=resolution,
                       yardstick=yard, yardstick_by_department=yard_dep, yardstick_by_quarter=yard_q,
                       equal_value_id=eq, has_sentiment=bool(has_sent), has_scores=bool(has_scores))
