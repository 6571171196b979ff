"""SVG charts: well-formed, accessible (title, desc, role), numbers as text, labels escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from stemmen.report import charts, fmt

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_line_chart_is_accessible_and_breaks_at_missing_periods():
    s = charts.Series("Medewerkers", "medewerker",
                      {"2025-01": (0.4, 0.2, 0.6, 12), "2025-02": (0.3, 0.1, 0.5, 10),
                       "2025-04": (-0.5, -0.8, -0.2, 9), "2025-05": (-0.6, -0.9, -0.3, 11)}, baseline=0.35)
    svg = charts.LineChart(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"], [s], "Gelijkwaardig",
                           "Daling na februari", marks=[charts.Mark("2025-04", "signaal")]).svg()
    root = parse(svg)
    assert root.get("role") == "img"
    t_id, d_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == t_id and root.find(f"{SVG}title").text == "Gelijkwaardig"
    assert root.find(f"{SVG}desc").get("id") == d_id
    # March has no data: two line pieces, two bands, not one line through the gap
    assert len(root.findall(f".//{SVG}polyline")) == 2
    assert len(root.findall(f".//{SVG}polygon")) == 2
    tips = [e.text for e in root.iter(f"{SVG}title")]
    assert any("apr 2025: −0,50 (95%-BI −0,80 tot −0,20; n = 9)" in (t or "") for t in tips)
    assert "signaal" in svg and "basislijn Medewerkers: 0,35" in svg


def test_line_chart_draws_no_band_for_tiny_samples():
    s = charts.Series("Burgers", "burger", {"2025-01": (0.1, -0.9, 1.0, 2), "2025-02": (0.2, -0.9, 1.0, 2)})
    root = parse(charts.LineChart(["2025-01", "2025-02"], [s], "t", "d").svg())
    assert root.findall(f".//{SVG}polygon") == []
    assert len(root.findall(f".//{SVG}polyline")) == 1


def test_line_chart_leaves_room_for_long_series_names():
    # the monitoring PDF cut "Gelijkwaardig, alle groepen, Vergunningen" to "Gelijkwaardig, alle g…"
    pts = {"2025-01": (0.4, 0.2, 0.6, 12), "2025-02": (-0.3, -0.5, -0.1, 10)}
    series = [charts.Series("Gelijkwaardig, alle groepen, Vergunningen", "alle", pts),
              charts.Series("Leidinggevenden", "leidinggevende", pts)]
    root = parse(charts.LineChart(["2025-01", "2025-02"], series, "t", "d").svg())
    width = float(root.get("viewBox").split()[2])
    labels = [t for t in root.iter(f"{SVG}tspan")]
    assert {t.text for t in labels} == {"Gelijkwaardig, alle", "groepen, Vergunningen", "Leidinggevenden"}
    for t in labels:  # bold 12 px: at most 7.6 px a character
        assert float(t.get("x")) + 7.6 * len(t.text) <= width


def test_heatmap_prints_value_and_n_in_every_cell_and_marks_low_n():
    svg = charts.heatmap([("gelijkwaardig", "Gelijkwaardig")], [("burger", "Burgers"), ("medewerker", "Medewerkers")],
                         {("gelijkwaardig", "burger"): (-0.42, 30, False), ("gelijkwaardig", "medewerker"): (0.2, 2, True)},
                         "Waarden", "Burgers negatiever")
    texts = [e.text for e in parse(svg).iter(f"{SVG}text")]
    assert "−0,42" in texts and "+0,20" in texts
    assert "n = 30" in texts and "n = 2*" in texts


def test_diverging_palette_runs_from_orange_through_grey_to_purple():
    assert charts.diverging(-1.0) == "#B35806"
    assert charts.diverging(0.0) == "#F7F7F7"
    assert charts.diverging(1.0) == "#542788"


def test_labels_are_escaped():
    svg = charts.hbars([("<script>alert(1)</script>", 3, "3 & meer")], "Titel <b>", "Beschrijving")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "3 &amp; meer" in svg
    parse(svg)


def test_interval_plot_scales_to_the_data_and_keeps_zero_visible():
    svg = charts.interval_plot([("Gelijkwaardig", -0.22, -0.33, -0.10, "−0,22 *")], "Kloof", "Verschil")
    texts = [e.text for e in parse(svg).iter(f"{SVG}text")]
    assert "−0,50" in texts and "+0,50" in texts and "0,0" in texts


def test_groups_keep_one_style_across_charts():
    assert charts.style_for("burger", 0) == charts.style_for("burger", 5)
    assert charts.style_for("burger", 0)[1] != charts.style_for("medewerker", 0)[1]  # marker differs, not only colour


def test_dutch_number_formatting():
    assert fmt.num(-0.425) == "−0,42" or fmt.num(-0.425) == "−0,43"
    assert fmt.num(0.004, 2) == "0,00"
    assert fmt.num(0.3, sign=True) == "+0,30"
    assert fmt.num(float("nan")) == "–"
    assert fmt.pct(0.253) == "25%"
    assert fmt.integer(12345) == "12.345"
    assert fmt.month("2026-01") == "jan 2026" and fmt.month("2026-Q1") == "K1 2026"
    assert fmt.date("2026-03-12") == "12 maart 2026"
