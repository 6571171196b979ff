"""Building blocks shared by the theme and monitoring reports: quotes, counts, value tables,
methods and lineage. Everything returns plain dicts/lists for the Jinja templates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from stemmen.groups import GROUP_ORDER, SOURCE_KINDS
from stemmen.ingest.pii_rules import looks_personal
from stemmen.report import charts, fmt
from stemmen.report.data import ReportData

KIND_ORDER = SOURCE_KINDS
MAX_QUOTE_CHARS = 280


def safe_text(text: Any) -> str | None:
    """Quote text fit for a report (shortened at a word boundary), or None when it looks like PII."""
    if not isinstance(text, str):
        return None
    t = " ".join(text.split())
    # defence in depth: texts are pseudonymised at ingest; a quote in which the pseudonymiser's
    # detectors still find contact details or an identifier is left out rather than shown
    if not t or looks_personal(t):
        return None
    if len(t) > MAX_QUOTE_CHARS:
        t = t[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return t


def ordered(items: Iterable[str], order: Sequence[str]) -> list[str]:
    """The distinct items (missing ones left out) in ``order``, the rest alphabetically after it."""
    items = [i for i in dict.fromkeys(items) if i is not None and not (isinstance(i, float) and np.isnan(i))]
    return sorted(items, key=lambda x: (order.index(x) if x in order else len(order), str(x)))


def quote(row: Any) -> dict | None:
    """A quote with a coarse attribution (group, source kind, month): never a name or an id."""
    t = safe_text(getattr(row, "text", None))
    if t is None:
        return None
    date = getattr(row, "date", None)
    when = fmt.month(pd.Timestamp(date).strftime("%Y-%m")) if date is not None and pd.notna(date) else ""
    group = getattr(row, "group", None) or getattr(row, "group_name", None)
    dep = getattr(row, "department", None)
    who = [fmt.group(group).lower() if group else "", fmt.kind(getattr(row, "kind", "")).lower()]
    if isinstance(dep, str) and dep and not dep.startswith("("):
        who.append(dep)
    return {"text": t, "who": ", ".join(w for w in who if w), "when": when,
            "alignment": getattr(row, "alignment", None), "polarity": getattr(row, "polarity", None)}


def pick_quotes(frame: pd.DataFrame, n: int = 4, sort_by: str | None = None, ascending: bool = False,
                diverse: str | None = "group") -> list[dict]:
    """Up to n quotes; deterministic. Prefers readable lengths, spreads over ``diverse`` values,
    never repeats a document."""
    if frame is None or frame.empty:
        return []
    f = frame.copy()
    f["_len"] = f["text"].astype(str).str.len()
    f["_ok"] = f["_len"].between(30, 400)
    keys = ["_ok"] + ([sort_by] if sort_by else []) + ["segment_id" if "segment_id" in f.columns else "doc_id"]
    asc = [False] + ([ascending] if sort_by else []) + [True]
    f = f.sort_values(keys, ascending=asc, kind="mergesort")
    out, seen_docs, seen_div = [], set(), set()
    for strict in (True, False):
        for row in f.itertuples(index=False):
            doc = getattr(row, "doc_id", None)
            div = getattr(row, diverse, None) if diverse else None
            if doc in seen_docs or (strict and diverse and div in seen_div):
                continue
            q = quote(row)
            if q is None:
                continue
            out.append(q)
            seen_docs.add(doc)
            seen_div.add(div)
            if len(out) >= n:
                return out
    return out


def period_range(data: ReportData) -> tuple[str, str]:
    """First and last document date in Dutch notation ("–" when there are none)."""
    d = data.documents["date"].dropna()
    return (fmt.date(d.min()), fmt.date(d.max())) if len(d) else ("–", "–")


def response_counts(data: ReportData) -> dict:
    """Documents (and distinct respondents where known) per group and source kind."""
    docs = data.documents
    groups = ordered(docs["group_name"].fillna("overig"), GROUP_ORDER)
    kinds = ordered(docs["kind"], KIND_ORDER)
    table = []
    for g in groups:
        dg = docs[docs["group_name"].fillna("overig") == g]
        row = {"group": fmt.group(g), "key": g, "total": len(dg),
               "by_kind": [int((dg["kind"] == k).sum()) for k in kinds]}
        if "respondent_key" in dg.columns:
            row["respondents"] = int(dg["respondent_key"].nunique())
        table.append(row)
    chart = charts.hbars([(r["group"], r["total"], fmt.integer(r["total"])) for r in table],
                         "Aantal teksten per groep",
                         "Aantal ingelezen teksten (antwoorden, beurten, reacties, notities) per groep: "
                         + "; ".join(f"{r['group']} {r['total']}" for r in table) + ".", width=560)
    return {"groups": table, "kinds": [fmt.kind(k) for k in kinds], "total": len(docs),
            "kind_totals": [int((docs["kind"] == k).sum()) for k in kinds], "chart": chart}


def sentiment_by(data: ReportData, key: str, labeller=fmt.group, order: Sequence[str] = GROUP_ORDER,
                 title: str = "Toon per groep", frame: pd.DataFrame | None = None) -> dict | None:
    """Counts of positief/neutraal/negatief segments per ``key`` with a stacked bar chart."""
    seg = data.segment_frame() if frame is None else frame
    if seg.empty or "label" not in seg.columns or seg["label"].isna().all():
        return None
    seg = seg.dropna(subset=["label"])
    rows = []
    for k in ordered(seg[key].fillna("overig"), order):
        g = seg[seg[key].fillna("overig") == k]
        counts = {s: int((g["label"] == s).sum()) for s in ("negatief", "neutraal", "positief")}
        total = sum(counts.values())
        rows.append({"label": labeller(k), "key": k, "counts": counts, "total": total,
                     "shares": {s: c / total if total else np.nan for s, c in counts.items()},
                     "net": (counts["positief"] - counts["negatief"]) / total if total else np.nan,
                     "polarity": float(g["polarity"].mean()) if "polarity" in g and g["polarity"].notna().any()
                     else np.nan})
    desc = "; ".join(f"{r['label']}: {fmt.pct(r['shares']['positief'])} positief, {fmt.pct(r['shares']['neutraal'])} "
                     f"neutraal, {fmt.pct(r['shares']['negatief'])} negatief (n = {r['total']})" for r in rows)
    return {"rows": rows, "chart": charts.stacked_sentiment([(r["label"], r["counts"]) for r in rows], title,
                                                            "Aandeel positieve, neutrale en negatieve uitspraken. "
                                                            + desc + ".")}


def value_group_matrix(data: ReportData, idx: pd.DataFrame | None, title: str, key: str = "group",
                       labeller=fmt.group, order: Sequence[str] = GROUP_ORDER) -> dict | None:
    """Heatmap values x ``key`` of the mean alignment over the whole scope, from ``idx``: the index per
    value x ``key`` without periods that the service computed (``data.views``); None without it."""
    if idx is None or idx.empty:
        return None
    cols_keys = ordered(idx[key], order)
    rows = [(v, data.value_name(v)) for v in data.value_ids if v in set(idx["value_id"])]
    cols = [(c, labeller(c)) for c in cols_keys]
    cells = {(r.value_id, getattr(r, key)): (r.mean, int(r.n), bool(r.low_n)) for r in idx.itertuples()}
    desc = ("Gemiddelde waardering per waarde (rijen) en " + ("groep" if key == "group" else key)
            + " (kolommen), van −1 (geschonden) tot +1 (waargemaakt). "
            + "; ".join(f"{data.value_name(r.value_id)} × {labeller(getattr(r, key))}: {fmt.num(r.mean)} (n = {r.n})"
                        for r in idx.itertuples()) + ".")
    table = [{"value": name, "cells": [{"mean": cells.get((v, c), (np.nan, 0, False))[0],
                                        "n": cells.get((v, c), (np.nan, 0, False))[1],
                                        "ci": _ci_text(idx, v, key, c)} for c, _ in cols]} for v, name in rows]
    return {"chart": charts.heatmap(rows, cols, cells, title, desc), "cols": [lbl for _, lbl in cols],
            "table": table, "index": idx}


def _ci_text(idx: pd.DataFrame, v: str, key: str, c: str) -> str:
    r = idx[(idx["value_id"] == v) & (idx[key] == c)]
    if r.empty or fmt.missing(r["ci_low"].iloc[0]):
        return ""
    return f"{fmt.num(r['ci_low'].iloc[0])} tot {fmt.num(r['ci_high'].iloc[0])}"


def lineage_rows(data: ReportData, extra: dict | None = None) -> list[tuple[str, str]]:
    """Methods and lineage as (label, value) rows in Dutch, from ``data.lineage`` and the data itself."""
    lin = dict(data.lineage)
    docs = data.documents
    start, end = period_range(data)
    rows = [
        ("Gemaakt op", data.generated_at.strftime("%d-%m-%Y %H:%M")),
        ("Gemeente", data.municipality or "–"),
        ("Afbakening", data.scope.label()),
        ("Periode van de teksten", f"{start} t/m {end}"),
        ("Manifest", f"{data.manifest_name or '–'}, versie {data.manifest_version or '–'}"
                     + (f" (geldig vanaf {fmt.date(data.manifest_date)})" if data.manifest_date else "")),
        ("Teksten", f"{fmt.integer(len(docs))} documenten, "
                    + (f"{fmt.integer(len(data.segments))} segmenten" if data.segments is not None else "geen segmenten")),
        ("Waardescores", f"{fmt.integer(data.scores['segment_id'].nunique())} segmenten × {len(data.value_ids)} waarden"
         if data.scores is not None else "nog niet berekend"),
        ("Labels van consultants", f"{fmt.integer(data.n_labels)} (stemmen review; de scores rusten op"
                                   f" {fmt.integer(data.n_examples)} voorbeeldzinnen, labels meegeteld)"
         if data.n_labels else "geen (de scores rusten op het manifest"
                               + (f" en {fmt.integer(data.n_examples)} voorbeeldzinnen)" if data.n_examples else ")")),
        ("Drempel relevantie", fmt.num(data.threshold) + " (een segment telt mee voor een waarde vanaf deze relevantie)"),
        ("Periode-eenheid", {"month": "maand", "quarter": "kwartaal", "week": "week"}.get(data.period, data.period)),
        ("Bronnen van de vergelijking burgers–medewerkers",
         ", ".join(fmt.kind(k) for k in data.gap_kinds) if data.gap_kinds else "alle bronnen"),
        ("Thema's", (f"{len(data.themes.themes)} thema's" + (f", model {data.themes.model}" if data.themes.model else ""))
         if data.themes is not None else "nog geen thema's berekend"),
    ]
    names = {"code_version": "Codeversie", "embedding_model": "Embeddingmodel", "sentiment_model": "Sentimentmodel",
             "spacy": "Taalmodel (spaCy)", "seed": "Seed", "run_id": "Run", "manifest_fingerprint": "Manifest-vingerafdruk"}
    for k, label in names.items():
        if k in lin and lin[k] not in (None, ""):
            rows.append((label, str(lin[k])))
    scorer = lin.get("value_scorer")
    if isinstance(scorer, dict):
        rows.append(("Waardescorer", ", ".join(f"{k} = {_short(v)}" for k, v in scorer.items()
                                               if k in ("model_key", "manifest_version", "threshold", "use_examples",
                                                        "n_anchors", "sentiment_weight"))))
    drift = lin.get("drift")
    if isinstance(drift, dict):
        rows.append(("Terugvaldetectie", "CUSUM op gestandaardiseerde periodegemiddelden; "
                     + ", ".join(f"{k} = {_short(v)}" for k, v in drift.items())))
    for k, v in (extra or {}).items():
        rows.append((k, v))
    runs = lin.get("runs")
    if isinstance(runs, list) and runs:
        rows.append(("Runs", "; ".join(f"{r.get('command')} {str(r.get('finished_at'))[:16]} ({r.get('code_version')})"
                                       for r in runs[-5:])))
    return rows


def _short(v: Any) -> str:
    if isinstance(v, float):
        return fmt.num(v, 3)
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_short(x) for x in v) + ")"
    return str(v)
