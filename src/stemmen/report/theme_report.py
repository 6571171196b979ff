"""Theme report for consultants (Dutch): response, themes, values, the citizen-employee gap,
brainstorm sessions, support for the manifest (draagvlak) and Bureau Verbindingen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from stemmen.groups import EMPLOYEES, SOURCE_KINDS
from stemmen.report import charts, fmt
from stemmen.report.casus import case_metrics
from stemmen.report.common import (GROUP_ORDER, lineage_rows, ordered, period_range, pick_quotes, response_counts,
                                   sentiment_by, value_group_matrix)
from stemmen.report.data import ReportData, Scope
from stemmen.report.sections import casus_section
from stemmen.values.index import gap_scores



def _scopes(data: ReportData) -> list[dict]:
    """Which scopes exist (source, wave, question) with counts: what --scope can select."""
    docs = data.documents
    cols = ["source_name", "kind", "wave", "question"]
    g = docs.assign(**{c: docs[c].fillna("") for c in cols}).groupby(cols, sort=True).size().reset_index(name="n")
    return [{"source": r.source_name, "kind": fmt.kind(r.kind), "wave": r.wave, "question": r.question, "n": int(r.n)}
            for r in g.itertuples()]


# why a source kind is not a group's own voice (the reason shown when it is left out of the gap)
_NOT_OWN = {"casus": "door Bureau Verbindingen over de zaak van een burger geschreven",
            "manifest_reactie": "daarop reageren alleen medewerkers"}


def _and(items) -> str:
    """'a, b en c' (lower case, as inside a sentence)."""
    items = [str(i)[0].lower() + str(i)[1:] for i in items]
    return " en ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _gap(data: ReportData, scored: pd.DataFrame) -> dict | None:
    """Citizens versus employees per value, with the 95 % interval and the corrected test."""
    if scored.empty:
        return None
    scored = gap_scores(scored, data.gap_kinds)  # the groups' own words only
    sources = _and(fmt.kind(k) for k in data.gap_kinds) if data.gap_kinds else "alle bronnen"
    left_out = _and(fmt.kind(k) + (f" ({_NOT_OWN[k]})" if k in _NOT_OWN else "")
                    for k in SOURCE_KINDS if data.gap_kinds and k not in data.gap_kinds)
    groups = set(scored["group"].dropna())
    if "burger" not in groups or not groups & set(EMPLOYEES):
        where = f" in {sources}" if data.gap_kinds else ""
        return {"missing": f"In deze selectie staan niet zowel burgers als medewerkers{where};"
                           " er is geen vergelijking."}
    gap = data.gap
    if gap is None or gap.empty:  # a scope's own gap, computed by the service
        gap = data.views.get(("gap", data.scope))
    if gap is None:
        return None
    gap = gap.set_index("value_id")
    rows = []
    for v in data.value_ids:
        if v not in gap.index:
            continue
        r = gap.loc[v]
        rows.append({"value_id": v, "value": data.value_name(v), "n_a": int(r["n_a"]), "n_b": int(r["n_b"]),
                     "mean_a": r["mean_a"], "mean_b": r["mean_b"], "diff": r["diff"], "ci_low": r["ci_low"],
                     "ci_high": r["ci_high"], "p_adj": r["p_adj"], "significant": bool(r["significant"]),
                     "verdict": str(r["verdict"])})
    items = [(r["value"], r["diff"], r["ci_low"], r["ci_high"],
              f"{fmt.num(r['diff'], sign=True)}{' *' if r['significant'] else ''} (n = {r['n_a']}/{r['n_b']})")
             for r in rows]
    desc = ("Verschil in gemiddelde waardering tussen burgers en medewerkers (incl. leidinggevenden) per waarde, "
            "met 95%-betrouwbaarheidsinterval; links van 0 zijn burgers negatiever. "
            + "; ".join(f"{r['value']}: {fmt.num(r['diff'])} ({fmt.num(r['ci_low'])} tot {fmt.num(r['ci_high'])})"
                        for r in rows) + ".")
    chart = charts.interval_plot(items, "Burgers min medewerkers per waarde", desc,
                                 left_note="burgers negatiever", right_note="burgers positiever")
    # the same comparison as two dots per value: where each group stands
    dumb = charts.dumbbell([(r["value"], r["mean_b"], r["mean_a"], f"{fmt.num(r['mean_b'])} → {fmt.num(r['mean_a'])}")
                            for r in rows], "Waardering door medewerkers en door burgers",
                           "Gemiddelde waardering per waarde door medewerkers (open cirkel) en door burgers (vierkant). "
                           + "; ".join(f"{r['value']}: medewerkers {fmt.num(r['mean_b'])}, burgers {fmt.num(r['mean_a'])}"
                                       for r in rows) + ".", "medewerkers", "burgers")
    return {"rows": rows, "chart": chart, "dumbbell": dumb, "n_significant": sum(r["significant"] for r in rows),
            "sources": sources, "left_out": left_out}


def _theme_section(data: ReportData, seg: pd.DataFrame, scored: pd.DataFrame) -> dict:
    ts = data.themes
    if ts is None or ts.themes.empty:
        return {"missing": True}
    assign = ts.assignments.merge(seg, on="segment_id", how="inner")
    total = seg["segment_id"].nunique() or 1
    groups_all = seg["group_name"].fillna("overig").value_counts()
    periods = sorted(pd.PeriodIndex(seg["date"].dropna(), freq="M").astype(str).unique())
    themes = []
    for t in ts.themes.itertuples(index=False):
        a = assign[assign["theme_id"] == t.theme_id]
        if a.empty:
            continue
        by_group = a["group_name"].fillna("overig").value_counts()
        shares = [{"group": fmt.group(g), "n": int(by_group.get(g, 0)),
                   "share": by_group.get(g, 0) / groups_all[g] if groups_all.get(g, 0) else np.nan}
                  for g in ordered(groups_all.index, GROUP_ORDER)]
        counts = {s: int((a["label"] == s).sum()) for s in ("negatief", "neutraal", "positief")}
        n_lab = sum(counts.values())
        sc = scored[scored["segment_id"].isin(set(a["segment_id"])) & (scored["relevance"] >= data.threshold)]
        values = [{"value": data.value_name(v), "n": len(g), "mean": float(g["alignment"].mean()),
                   "share": g["segment_id"].nunique() / len(a)}
                  for v, g in sc.groupby("value_id")] if len(sc) else []
        values.sort(key=lambda x: -x["n"])
        per = pd.PeriodIndex(a["date"].dropna(), freq="M").astype(str).value_counts()
        trend_vals = [int(per.get(p, 0)) for p in periods]
        keywords = t.keywords if isinstance(getattr(t, "keywords", None), (list, tuple)) else \
            [k.strip() for k in str(getattr(t, "keywords", "") or "").split(",") if k.strip()]
        examples = getattr(t, "examples", None)
        themes.append({
            "id": t.theme_id, "label": t.label, "keywords": list(keywords)[:8], "size": len(a),
            "example": str(examples[0]) if isinstance(examples, (list, tuple, np.ndarray)) and len(examples) else "",
            "share": len(a) / total, "groups": shares, "sentiment": counts, "n_sentiment": n_lab,
            "polarity": float(a["polarity"].mean()) if a["polarity"].notna().any() else np.nan,
            "net": (counts["positief"] - counts["negatief"]) / n_lab if n_lab else np.nan,
            "value_links": values[:3],
            "trend": charts.spark_columns(trend_vals, periods, f"Thema {t.label}: aantal segmenten per maand")
            if len(periods) > 1 else "",
            "quotes": pick_quotes(a, 5, sort_by="probability" if "probability" in a.columns else None),
        })
    themes.sort(key=lambda x: -x["size"])
    chart = charts.hbars([(t["label"], t["size"], f"{t['size']} ({fmt.pct(t['share'])})") for t in themes],
                         "Thema's naar omvang",
                         "Aantal segmenten per thema: " + "; ".join(f"{t['label']} {t['size']}" for t in themes) + ".",
                         width=720)
    return {"missing": False, "themes": themes, "chart": chart, "non_answers": dict(ts.non_answers),
            "unassigned": total - assign["segment_id"].nunique()}


def _signals(data: ReportData, scored: pd.DataFrame, gap: dict | None) -> list[str]:
    """The strongest value signals in one sentence each (first screen)."""
    out = []
    if gap and gap.get("rows"):
        for r in sorted(gap["rows"], key=lambda r: -abs(r["diff"]) if not fmt.missing(r["diff"]) else 0):
            if r["significant"]:
                out.append(f"{r['value']}: burgers {'negatiever' if r['diff'] < 0 else 'positiever'} dan medewerkers "
                           f"(verschil {fmt.num(r['diff'], sign=True)}; 95%-BI {fmt.num(r['ci_low'])} tot "
                           f"{fmt.num(r['ci_high'])}).")
    if len(scored):
        rel = scored[scored["relevance"] >= data.threshold]
        stats = rel.groupby("value_id")["alignment"].agg(["mean", "count"])
        stats = stats[stats["count"] >= 10]
        named = {r["value_id"] for r in (gap or {}).get("rows", []) if r["significant"]}
        stats = stats[~stats.index.isin(named)]
        for v, r in stats.reindex(stats["mean"].abs().sort_values(ascending=False).index).head(3).iterrows():
            out.append(f"{data.value_name(v)}: {fmt.alignment_word(r['mean'])} (gemiddeld {fmt.num(r['mean'], sign=True)}, "
                       f"n = {int(r['count'])}).")
    return out[:5]


def _brainstorm(data: ReportData, seg: pd.DataFrame, scored: pd.DataFrame) -> dict | None:
    b = seg[seg["kind"] == "brainstorm"]
    if b.empty:
        return None
    docs = data.documents[data.documents["kind"] == "brainstorm"]
    sessions = []
    for d, g in docs.groupby(docs["date"].dt.date, sort=True):
        groups = g["group_name"].fillna("overig").value_counts()
        sessions.append({"date": fmt.date(d), "turns": len(g),
                         "groups": ", ".join(f"{fmt.group(k).lower()} {v}" for k, v in groups.items())})
    b = b.assign(session=b["date"].dt.strftime("%Y-%m-%d"))
    sent = sentiment_by(data, "session", labeller=lambda s: fmt.date(s), order=(), frame=b,
                        title="Toon per brainstormsessie")
    sc = scored[scored["kind"] == "brainstorm"] if len(scored) else scored
    matrix = value_group_matrix(data, data.views.get(("matrix", data.scope, "brainstorm")),
                                "Waardering per waarde en groep in de brainstormsessies")
    quotes = []
    if len(sc):
        rel = sc[sc["relevance"] >= data.threshold]
        for v in data.value_ids:
            rv = rel[rel["value_id"] == v]
            if rv.empty:
                continue
            pos = pick_quotes(rv[rv["alignment"] > 0], 1, sort_by="alignment")
            neg = pick_quotes(rv[rv["alignment"] < 0], 1, sort_by="alignment", ascending=True)
            quotes.append({"value": data.value_name(v), "quotes": pos + neg})
    else:
        quotes.append({"value": "Uitspraken", "quotes": pick_quotes(b, 4)})
    return {"sessions": sessions, "sentiment": sent, "matrix": matrix, "quotes": quotes}


def _manifest_comments(data: ReportData, seg: pd.DataFrame, scored: pd.DataFrame) -> dict | None:
    """Support (draagvlak) per value: tone of the comments tied to each value of the manifest."""
    docs = data.documents[data.documents["kind"] == "manifest_reactie"].copy()
    if docs.empty:
        return None
    ids = data.value_ids

    def value_of(r) -> str | None:
        if isinstance(r.value_ref, str) and r.value_ref:
            return r.value_ref
        try:
            k = int(str(r.article).strip())
        except (TypeError, ValueError):
            return None
        return ids[k - 1] if 1 <= k <= len(ids) else None

    docs["value_id"] = [value_of(r) for r in docs.itertuples()]
    s = seg[seg["kind"] == "manifest_reactie"].merge(docs[["doc_id", "value_id"]], on="doc_id")
    s["value_id"] = s["value_id"].fillna("(geen waarde)")
    names = {v: data.value_name(v) for v in ids} | {"(geen waarde)": "zonder waarde"}
    # tone per comment (mean over its segments), so long comments do not count double
    per_doc = s.groupby(["doc_id", "value_id", "department"], dropna=False).agg(
        polarity=("polarity", "mean"), text=("text", " ".join)).reset_index()
    if per_doc["polarity"].notna().any():
        per_doc["label"] = np.select([per_doc["polarity"] > 0.05, per_doc["polarity"] < -0.05],
                                     ["positief", "negatief"], "neutraal")
        per_doc.loc[per_doc["polarity"].isna(), "label"] = None
    else:
        per_doc["label"] = None
    frame = per_doc.merge(docs[["doc_id", "date", "group_name", "kind"]], on="doc_id")
    sent = sentiment_by(data, "value_id", labeller=lambda v: names.get(v, v), order=[*ids, "(geen waarde)"],
                        frame=frame, title="Draagvlak per waarde: toon van de reacties op het manifest")
    rows = []
    for v in [*ids, "(geen waarde)"]:
        g = frame[frame["value_id"] == v]
        if g.empty:
            continue
        rows.append({"value": names.get(v, v), "n": len(g),
                     "net": next((r["net"] for r in (sent["rows"] if sent else []) if r["key"] == v), np.nan),
                     "support": pick_quotes(g[g["polarity"] > 0.05], 1, sort_by="polarity", diverse=None),
                     "doubt": pick_quotes(g[g["polarity"] < -0.05], 1, sort_by="polarity", ascending=True,
                                          diverse=None)})
    deps = ordered(frame["department"].dropna(), ())
    dep_rows = []
    for v in ids:
        cells = []
        for dep in deps:
            g = frame[(frame["value_id"] == v) & (frame["department"] == dep) & frame["label"].notna()]
            net = ((g["label"] == "positief").sum() - (g["label"] == "negatief").sum()) / len(g) if len(g) else np.nan
            cells.append({"net": net, "n": len(g)})
        dep_rows.append({"value": names[v], "cells": cells})
    heat = charts.heatmap([(r["value"], r["value"]) for r in dep_rows], [(d, d) for d in deps],
                          {(r["value"], d): (c["net"], c["n"], c["n"] < 3) for r in dep_rows
                           for d, c in zip(deps, r["cells"]) if c["n"]},
                          "Draagvlak per waarde en afdeling (netto toon)",
                          "Netto toon (aandeel positieve min aandeel negatieve reacties) per waarde en afdeling. "
                          + "; ".join(f"{r['value']} × {d}: {fmt.num(c['net'])} (n = {c['n']})" for r in dep_rows
                                      for d, c in zip(deps, r["cells"]) if c["n"]) + ".",
                          legend="netto toon: − kritisch … + steunend") if deps else ""
    return {"n": len(docs), "sentiment": sent, "rows": rows, "departments": deps, "dep_rows": dep_rows,
            "heatmap": heat}


def theme_context(data: ReportData, scope: Scope | None = None) -> dict:
    """Everything the theme report template shows, computed from ``data`` (restricted to ``scope``)."""
    charts.reset_ids()
    full = data
    data = data.filtered(scope or data.scope)
    seg = data.segment_frame()
    scored = data.scored_frame()
    response = response_counts(data)
    sentiment = sentiment_by(data, "group_name", title="Toon per groep (alle uitspraken)")
    matrix = value_group_matrix(data, data.views.get(("matrix", data.scope, "alle")), "Waardering per waarde en groep")
    gap = _gap(data, scored)
    themes = _theme_section(data, seg, scored)
    metrics = case_metrics(data)
    start, end = period_range(data)
    return {
        "kind": "thema", "title": "Themarapport", "subtitle": "Voor adviseurs: thema's, waarden en draagvlak",
        "data": data, "scope_label": data.scope.label(),
        "municipality": data.municipality, "start": start, "end": end,
        "generated": fmt.date(data.generated_at), "response": response, "sentiment": sentiment,
        "matrix": matrix, "gap": gap, "themes": themes, "signals": _signals(data, scored, gap),
        "scopes": _scopes(full), "has_scores": len(scored) > 0,
        "brainstorm": _brainstorm(data, seg, scored), "manifest": _manifest_comments(data, seg, scored),
        "casus": casus_section(data, metrics),
        "lineage": lineage_rows(data),
    }
