"""Report sections used by both reports (Bureau Verbindingen)."""

from __future__ import annotations

from stemmen.report import charts, fmt
from stemmen.report.casus import NOT_SOLVED, OUTCOME_LABEL, CaseMetrics
from stemmen.report.common import ordered
from stemmen.report.data import ReportData


def casus_section(data: ReportData, m: CaseMetrics) -> dict | None:
    """Bureau Verbindingen: cases per value x department, tone first -> last note, time to
    resolution and the equal-party yardstick, each with a chart and a table."""
    if m.empty:
        return None
    deps = ordered(m.cases["department"].dropna(), ())
    out: dict = {"n_cases": len(m.cases), "n_notes": int(m.cases["n_notes"].sum()), "departments": deps,
                 "has_scores": m.has_scores, "has_sentiment": m.has_sentiment,
                 "equal_value": data.value_name(m.equal_value_id) if m.equal_value_id else None,
                 "resolution": m.resolution.to_dict("records"), "threshold": data.threshold,
                 "by_value": None, "tone": None, "yardstick": None, "resolution_chart": ""}
    # cases per value and department
    if m.has_scores and len(m.by_value_department):
        cnt = {(r.value_id, r.department): int(r.n_cases) for r in m.by_value_department.itertuples()}
        n_dep = m.cases.groupby("department").size()
        rows = [{"value": data.value_name(v), "cells": [cnt.get((v, d), 0) for d in deps]} for v in data.value_ids]
        items = [(data.value_name(v), sum(cnt.get((v, d), 0) for d in deps),
                  f"{sum(cnt.get((v, d), 0) for d in deps)} zaken") for v in data.value_ids]
        out["by_value"] = {"rows": rows, "dep_totals": [int(n_dep.get(d, 0)) for d in deps],
                           "chart": charts.hbars(items, "Zaken per waarde",
                                                 "Aantal zaken van Bureau Verbindingen waarin een waarde aan de orde "
                                                 "is (een zaak kan bij meer waarden horen): "
                                                 + "; ".join(f"{a} {b}" for a, b, _ in items) + ".", width=560)}
    # tone development within a case
    if m.has_sentiment and len(m.tone_by_department):
        t = m.tone_by_department
        items = [(r.department, r.first, r.last, f"{fmt.num(r.first)} → {fmt.num(r.last)} (n = {int(r.n)})")
                 for r in t.itertuples()]
        out["tone"] = {"rows": t.to_dict("records"), "chart": charts.dumbbell(
            items, "Toon van eerste naar laatste notitie",
            "Gemiddelde toon (−1 negatief … +1 positief) van de eerste en de laatste notitie van zaken met minstens "
            "twee notities, per afdeling: " + "; ".join(f"{a}: {fmt.num(b)} naar {fmt.num(c)}" for a, b, c, _ in items)
            + ".", "eerste notitie", "laatste notitie")}
    # time to resolution
    res = [r for r in out["resolution"] if r["n_closed"]]
    if res:
        out["resolution_chart"] = charts.hbars(
            [(r["department"], r["median_days"], f"mediaan {fmt.num(r['median_days'], 0)} dagen (n = {r['n_closed']})")
             for r in res], "Doorlooptijd tot afsluiting",
            "Mediaan aantal dagen van eerste tot laatste notitie van afgesloten zaken: "
            + "; ".join(f"{r['department']} {fmt.num(r['median_days'], 0)} dagen" for r in res) + ".",
            colour=charts.OKABE_ITO["green"], width=640)
    # yardstick: treated as an equal party, also without getting their way
    if m.has_scores and m.equal_value_id:
        y = m.yardstick
        rows = [{**r, "label": OUTCOME_LABEL.get(r["outcome"], r["outcome"])} for r in y.to_dict("records")]
        no_way = next((r for r in rows if r["outcome"] == NOT_SOLVED), None)
        out["yardstick"] = {
            "rows": rows, "no_way": no_way,
            "chart": _share_chart(rows, "Gelijkwaardig behandeld, naar afloop van de zaak"),
            "by_department": m.yardstick_by_department.to_dict("records"),
            "by_quarter": m.yardstick_by_quarter.to_dict("records"),
            "quarter_chart": _share_chart([{**r, "label": fmt.month(r["quarter"])} for r in
                                           m.yardstick_by_quarter.to_dict("records")],
                                          "Gelijkwaardig behandeld, per kwartaal van afsluiting (alle zaken)"),
        }
    return out


def _share_chart(rows: list[dict], title: str) -> str:
    """Shares with a Wilson interval as bars from 0 to 100 % (interval drawn as a whisker)."""
    rows = [r for r in rows if r["n_assessed"]]
    if not rows:
        return ""
    W, bar_h, label_w = 720, 22, 260
    pw = W - label_w - 190
    out = []
    for i, r in enumerate(rows):
        yy = 24 + i * (bar_h + 10)
        w = r["share"] * pw
        lo, hi = label_w + r["ci_low"] * pw, label_w + r["ci_high"] * pw
        tip = f"{r['label']}: {fmt.pct(r['share'])} (95%-BI {fmt.pct(r['ci_low'])} tot {fmt.pct(r['ci_high'])}; " \
              f"{r['n_equal']} van {r['n_assessed']})"
        out.append(f'<text x="{label_w - 8}" y="{yy + 15}" text-anchor="end">{charts.escape(r["label"])}</text>'
                   f'<rect x="{label_w}" y="{yy}" width="{pw}" height="{bar_h}" fill="#F0F0F0"/>'
                   f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="{bar_h}" fill="{charts.OKABE_ITO["blue"]}">'
                   f'<title>{charts.escape(tip)}</title></rect>'
                   f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{yy + bar_h / 2}" y2="{yy + bar_h / 2}" stroke="#111" '
                   f'stroke-width="2"/><line x1="{lo:.1f}" x2="{lo:.1f}" y1="{yy + 5}" y2="{yy + bar_h - 5}" '
                   f'stroke="#111" stroke-width="2"/><line x1="{hi:.1f}" x2="{hi:.1f}" y1="{yy + 5}" '
                   f'y2="{yy + bar_h - 5}" stroke="#111" stroke-width="2"/>'
                   f'<text x="{label_w + pw + 8}" y="{yy + 15}" font-size="11">{fmt.pct(r["share"])} '
                   f'({r["n_equal"]}/{r["n_assessed"]})</text>')
    for t in (0, 0.5, 1):
        out.append(f'<text x="{label_w + t * pw:.0f}" y="14" text-anchor="middle" font-size="10">{fmt.pct(t)}</text>')
    desc = ("Aandeel zaken waarin de burger als gelijkwaardige partij is behandeld (gemiddelde waardering op de "
            "waarde ≥ 0), met 95%-Wilson-interval: " + "; ".join(
                f"{r['label']} {fmt.pct(r['share'])} ({r['n_equal']} van {r['n_assessed']})" for r in rows) + ".")
    return charts._svg(W, 30 + len(rows) * (bar_h + 10), title, desc, "".join(out))
