"""Monitoring report for the municipality (Dutch): alignment per value over time per group and
department with 95 % bands and the baseline, relapse alerts with their evidence, and what
changed since the previous report."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from stemmen.report import charts, fmt
from stemmen.report.casus import case_metrics
from stemmen.report.common import GROUP_ORDER, lineage_rows, ordered, period_range
from stemmen.report.data import ReportData
from stemmen.report.sections import casus_section

RECENT = 3  # periods that count as "recent" in status tables and snapshots
NO_DEP = "(geen afdeling)"
ALL = "alle"
MIN_POINTS = 2  # a line needs at least this many periods with LOW_N or more segments
LOW_N = 3
PERIOD_WORD = {"month": "maand", "quarter": "kwartaal", "week": "week"}


def _freq(period: str) -> str:
    return {"week": "W-SUN", "month": "M", "quarter": "Q"}.get(period, "M")


def _label(p: pd.Period) -> str:
    from stemmen.values.index import period_label

    return period_label(p)


def period_axis(data: ReportData, period: str | None = None) -> list[str]:
    """Every period from the first to the last document date (gaps included)."""
    d = data.documents["date"].dropna()
    if d.empty:
        return []
    rng = pd.period_range(d.min(), d.max(), freq=_freq(period or data.period))
    return [_label(p) for p in rng]


def baseline_window(data: ReportData, axis: list[str]) -> list[str]:
    """The baseline periods: ``baseline_periods`` periods from the manifest date (or the first date)."""
    if not axis:
        return []
    start = axis[0]
    if data.manifest_date:
        start = _label(pd.Period(pd.Timestamp(data.manifest_date), freq=_freq(data.period)))
    if start not in axis:
        start = axis[0]
    i = axis.index(start)
    return axis[i:i + data.baseline_periods]


def _wmean(frame: pd.DataFrame) -> tuple[float, int]:
    n = int(frame["n"].sum())
    return (float((frame["mean"] * frame["n"]).sum() / n), n) if n else (np.nan, 0)


def _series(frame: pd.DataFrame, key: str, keys: list[str], labeller, baseline_of) -> list[charts.Series]:
    out = []
    for k in keys:
        g = frame[frame[key] == k]
        if (g["n"] >= LOW_N).sum() < MIN_POINTS or k == "overig":  # facilitators are not a group to follow
            continue
        pts = {r.period: (r.mean, r.ci_low, r.ci_high, int(r.n)) for r in g.itertuples()}
        out.append(charts.Series(labeller(k), k, pts, baseline=baseline_of(k)))
    return out


def _series_table(series: list[charts.Series], axis: list[str]) -> list[dict]:
    return [{"name": s.name, "baseline": s.baseline,
             "points": [{"period": fmt.month(p), "mean": s.points[p][0], "lo": s.points[p][1], "hi": s.points[p][2],
                         "n": s.points[p][3]} for p in axis if p in s.points]} for s in series]


def _desc(series: list[charts.Series], axis: list[str]) -> str:
    parts = []
    for s in series:
        pts = [(p, s.points[p]) for p in axis if p in s.points]
        if not pts:
            continue
        first, last = pts[0], pts[-1]
        parts.append(f"{s.name}: van {fmt.num(first[1][0])} ({fmt.month(first[0])}) naar {fmt.num(last[1][0])} "
                     f"({fmt.month(last[0])}), basislijn {fmt.num(s.baseline)}")
    return "; ".join(parts) + "." if parts else "Geen reeksen met genoeg gegevens."


def trend_views(data: ReportData, scored: pd.DataFrame) -> dict:
    """Frames, axis and baselines for the trend charts.

    With scores: the service's index per ``data.trend_period`` (``data.views``; a quarter smooths the
    monthly noise of small groups) and baselines from the segments in the baseline date window.
    Without them: the given (monthly) alignment frames and n-weighted baselines."""
    month_axis = period_axis(data)
    base_months = baseline_window(data, month_axis)
    if len(scored) and base_months and ("trend", "group") in data.views:
        from stemmen.values.index import period_labels

        trend = data.trend_period
        groups, deps = data.views["trend", "group"], data.views["trend", "department"]
        rel = scored[scored["relevance"] >= data.threshold]
        in_base = np.isin(period_labels(rel["date"], data.period), base_months)
        base = rel[in_base]
        base_trend = sorted(set(period_labels(base["date"], trend)))
        axis = period_axis(data, trend)

        def baseline_of(v: str, key: str):
            b = base[base["value_id"] == v]
            return lambda k: float(b.loc[b[key] == k, "alignment"].mean()) if (b[key] == k).any() else None

        return {"group": groups, "department": deps, "axis": axis, "period": trend, "baseline_of": baseline_of,
                "span": (base_trend[0], base_trend[-1]) if base_trend else None}

    def weighted(v: str, key: str, frame: pd.DataFrame | None):
        def f(k: str):
            if frame is None or frame.empty:
                return None
            b, _ = _wmean(frame[(frame["value_id"] == v) & (frame[key] == k) & frame["period"].isin(base_months)])
            return None if fmt.missing(b) else b
        return f

    return {"group": data.alignment, "department": data.alignment_department, "axis": month_axis,
            "period": data.period, "span": (base_months[0], base_months[-1]) if base_months else None,
            "baseline_of": lambda v, key: weighted(v, key, data.alignment if key == "group"
                                                   else data.alignment_department)}


def _value_charts(data: ReportData, views: dict, key: str, labeller, order, what: str) -> list[dict]:
    frame, axis = views[key], views["axis"]
    if frame is None or frame.empty or key not in frame.columns:
        return []
    f = frame[frame[key].notna() & (frame[key] != NO_DEP)]
    unit = PERIOD_WORD.get(views["period"], "periode")
    out = []
    for v in data.value_ids:
        fv = f[f["value_id"] == v]
        keys = ordered(fv[key], order)
        series = _series(fv, key, keys, labeller, views["baseline_of"](v, key))
        if not series:
            continue
        title = f"{data.value_name(v)}: waardering per {what} door de tijd"
        chart = charts.LineChart(axis, series, title,
                                 f"Gemiddelde waardering van '{data.value_name(v)}' per {what} en {unit}, met "
                                 f"95%-band en stippellijn op de basislijn. " + _desc(series, axis),
                                 baseline_span=views["span"]).svg()
        out.append({"value_id": v, "value": data.value_name(v), "chart": chart, "table": _series_table(series, axis)})
    return out


def _status(data: ReportData, axis: list[str], base: list[str]) -> list[dict]:
    """Per value: baseline vs the last RECENT periods with data, pooled over groups."""
    a = data.alignment
    if a is None or a.empty:
        return []
    rows = []
    for v in data.value_ids:
        av = a[a["value_id"] == v]
        if av.empty:
            continue
        b, nb = _wmean(av[av["period"].isin(base)])
        recent_periods = [p for p in axis if p in set(av["period"])][-RECENT:]
        r, nr = _wmean(av[av["period"].isin(recent_periods)])
        change = r - b if not (fmt.missing(r) or fmt.missing(b)) else np.nan
        rows.append({"value_id": v, "value": data.value_name(v), "baseline": b, "n_baseline": nb, "recent": r,
                     "n_recent": nr, "change": change,
                     "recent_span": (f"{fmt.month(recent_periods[0])} – {fmt.month(recent_periods[-1])}"
                                     if recent_periods else "–"),
                     "word": ("daalt" if change <= -0.15 else "stijgt" if change >= 0.15 else "stabiel")
                     if not fmt.missing(change) else "onbekend"})
    return rows


def _department_change(data: ReportData, axis: list[str], base: list[str]) -> dict | None:
    a = data.alignment_department
    if a is None or a.empty or "department" not in a.columns:
        return None
    a = a[a["department"] != NO_DEP]
    deps = ordered(a["department"], ())
    recent = axis[-RECENT:]
    cells, table = {}, []
    for v in data.value_ids:
        row = {"value": data.value_name(v), "cells": []}
        for d in deps:
            g = a[(a["value_id"] == v) & (a["department"] == d)]
            b, nb = _wmean(g[g["period"].isin(base)])
            r, nr = _wmean(g[g["period"].isin(recent)])
            ch = r - b if nb and nr else np.nan
            row["cells"].append({"baseline": b, "recent": r, "change": ch, "n": nr, "n_baseline": nb})
            if not fmt.missing(ch):
                cells[(v, d)] = (ch, nr, nr < 3)
        table.append(row)
    if not cells:
        return None
    desc = (f"Verandering van de gemiddelde waardering in de laatste {RECENT} perioden "
            f"({fmt.month(recent[0])} – {fmt.month(recent[-1])}) ten opzichte van de basislijn, per waarde en "
            "afdeling; negatief = achteruit. " + "; ".join(
                f"{data.value_name(v)} × {d}: {fmt.num(c[0], sign=True)} (n = {c[1]})" for (v, d), c in cells.items()) + ".")
    chart = charts.heatmap([(v, data.value_name(v)) for v in data.value_ids], [(d, d) for d in deps], cells,
                           "Verandering t.o.v. de basislijn, per waarde en afdeling", desc,
                           legend="verandering: − achteruit … + vooruit")
    return {"chart": chart, "departments": deps, "table": table,
            "recent": f"{fmt.month(recent[0])} – {fmt.month(recent[-1])}"}


def _alert_points(data: ReportData, scored: pd.DataFrame, a: Any) -> dict:
    """Period means with 95 % bands of the alerted series (the service's view of it; else the drift path)."""
    idx = data.views.get(("alert", alert_key(a))) if len(scored) else None
    if idx is not None:
        return {r.period: (r.mean, r.ci_low, r.ci_high, int(r.n)) for r in idx.itertuples()}
    p = data.drift_paths
    if p is None or p.empty:
        return {}
    p = p[(p["value_id"] == a.value_id) & (p["group"] == a.group) & (p["department"] == a.department)
          & (p["kind"] == a.kind) & (p["n"] > 0)]
    return {r.period: (r.mean, np.nan, np.nan, int(r.n)) for r in p.itertuples()}


def _series_name(data: ReportData, series: str) -> str:
    v, g, d, k = (series.split(" / ") + ["", "", "", ""])[:4]
    parts = [data.value_name(v)]
    parts.append(fmt.group(g).lower() if g != ALL else "alle groepen")
    parts.append(d if d != ALL else "alle afdelingen")
    if k and k != ALL:
        parts.append(fmt.kind(k).lower())
    return ", ".join(parts)


def alert_key(a: Any) -> str:
    """An alert's identity across reports: its series, metric and the period its decline started."""
    return f"{a.value_id}|{a.group}|{a.department}|{a.kind}|{a.metric}|{a.start_period}"


def _alerts(data: ReportData, scored: pd.DataFrame, axis: list[str], base: list[str]) -> list[dict]:
    out = []
    for a in data.alerts:
        pts = _alert_points(data, scored, a)
        # alerts may come back from the store without episode_end / also_signalled / series
        end = getattr(a, "episode_end", None)
        who = _series_name(data, f"{a.value_id} / {a.group} / {a.department} / {a.kind}")
        series = [charts.Series(who, a.group if a.group in charts.GROUP_STYLE else "medewerker", pts,
                                baseline=a.baseline_mean if a.metric == "alignment" else None)]
        chart = charts.LineChart(
            axis, series, f"Signaal: {who}",
            f"Waardering van {who} per periode met 95%-band; basislijn {fmt.num(a.baseline_mean)}; de terugval begint "
            f"in {fmt.month(a.start_period)} en is gesignaleerd in {fmt.month(a.alarm_period)}. " + _desc(series, axis),
            marks=[charts.Mark(a.start_period, f"signaal {fmt.month(a.alarm_period)}", x_end=a.alarm_period)],
            baseline_span=(base[0], base[-1]) if base else None).svg() if pts else ""
        evidence = []
        for e in getattr(a, "evidence", ()) or ():
            from stemmen.report.common import safe_text

            t = safe_text(e.text)
            if t:
                evidence.append({"text": t, "who": f"{fmt.group(e.group).lower()}, {fmt.kind(e.kind).lower()}",
                                 "when": fmt.month(e.period), "alignment": e.alignment})
        out.append({
            "key": alert_key(a), "value": data.value_name(a.value_id), "who": who,
            "group": fmt.group(a.group) if a.group != ALL else "alle groepen",
            "department": a.department if a.department != ALL else "alle afdelingen",
            "kind": fmt.kind(a.kind) if a.kind != ALL else "alle bronnen", "metric": a.metric,
            "start": fmt.month(a.start_period), "alarm": fmt.month(a.alarm_period),
            "open": end is None, "end": fmt.month(end) if end else None,
            "baseline": a.baseline_mean, "recent": a.recent_mean, "drop": a.drop, "ci_low": a.drop_ci_low,
            "ci_high": a.drop_ci_high, "n_baseline": a.n_baseline, "n_recent": a.n_recent,
            "statistic": a.statistic, "threshold": a.threshold,
            "also": [_series_name(data, s) for s in getattr(a, "also_signalled", ()) or ()], "chart": chart,
            "points": [{"period": fmt.month(p), "mean": pts[p][0], "lo": pts[p][1], "hi": pts[p][2], "n": pts[p][3]}
                       for p in axis if p in pts],
            "evidence": evidence,
        })
    return out


def snapshot(data: ReportData, ctx: dict) -> dict:
    """What the next report compares against (written next to the report as JSON)."""
    d = data.documents["date"].dropna()
    return {
        "generated_at": data.generated_at.isoformat(),
        "n_documents": int(len(data.documents)),
        "last_date": d.max().date().isoformat() if len(d) else None,
        "manifest_version": data.manifest_version,
        "alerts": [{"key": a["key"], "who": a["who"], "start": a["start"], "alarm": a["alarm"], "open": a["open"]}
                   for a in ctx["alerts"]],
        "status": {r["value_id"]: {"value": r["value"], "recent": None if fmt.missing(r["recent"]) else r["recent"],
                                   "n_recent": r["n_recent"], "span": r["recent_span"]} for r in ctx["status"]},
    }


def _changes(data: ReportData, ctx: dict) -> dict:
    prev = data.previous
    if not prev:
        return {"first": True}
    prev_alerts = {a["key"]: a for a in prev.get("alerts", [])}
    now_alerts = {a["key"]: a for a in ctx["alerts"]}
    new = [a for k, a in now_alerts.items() if k not in prev_alerts]
    ended = [a for k, a in prev_alerts.items() if a.get("open") and (k not in now_alerts or not now_alerts[k]["open"])]
    moved = []
    for r in ctx["status"]:
        p = prev.get("status", {}).get(r["value_id"])
        if not p or p.get("recent") is None or fmt.missing(r["recent"]):
            continue
        diff = r["recent"] - p["recent"]
        moved.append({"value": r["value"], "before": p["recent"], "before_span": p.get("span", ""), "now": r["recent"],
                      "now_span": r["recent_span"], "diff": diff})
    d = data.documents["date"].dropna()
    new_docs = len(data.documents) - int(prev.get("n_documents", 0))
    return {"first": False, "previous_date": fmt.date(prev.get("generated_at", "")[:10]) if prev.get("generated_at")
            else "–", "new_alerts": new, "ended_alerts": ended, "moved": moved, "new_documents": new_docs,
            "previous_last_date": fmt.date(prev["last_date"]) if prev.get("last_date") else "–",
            "last_date": fmt.date(d.max()) if len(d) else "–"}


def monitoring_context(data: ReportData) -> dict:
    """Everything the monitoring report template shows."""
    charts.reset_ids()
    scored = data.scored_frame()
    axis = period_axis(data)
    base = baseline_window(data, axis)
    views = trend_views(data, scored)
    by_group = _value_charts(data, views, "group", fmt.group, GROUP_ORDER, "groep")
    by_dep = _value_charts(data, views, "department", str, (), "afdeling")
    start, end = period_range(data)
    ctx = {
        "kind": "monitoring", "title": "Monitoringsrapport",
        "subtitle": "Voor de gemeente: waarden door de tijd en signalen van terugval",
        "data": data, "municipality": data.municipality,
        "start": start, "end": end, "generated": fmt.date(data.generated_at), "scope_label": "hele organisatie",
        "has_scores": len(scored) > 0 or data.alignment is not None,
        "baseline": {"start": fmt.month(base[0]), "end": fmt.month(base[-1]), "n": len(base)} if base else None,
        "alerts": _alerts(data, scored, axis, base), "status": _status(data, axis, base),
        "by_group": by_group, "by_department": by_dep, "trend_unit": PERIOD_WORD.get(views["period"], "periode"),
        "dep_change": _department_change(data, axis, base),
        "casus": casus_section(data, case_metrics(data)), "lineage": lineage_rows(data),
    }
    ctx["changes"] = _changes(data, ctx)
    ctx["snapshot"] = snapshot(data, ctx)
    return ctx
