"""The report shows the index the service computed (stemmen.service.report_views); it computes none."""

from __future__ import annotations

import pandas as pd

from stemmen.report import Scope, build_report_data_from_frames, render_theme_report


def test_views_cover_trends_and_each_scope(small_data):
    keys = set(small_data.views)
    assert {("trend", "group"), ("trend", "department")} <= keys
    assert ("matrix", Scope(), "alle") in keys and ("matrix", Scope(kind="casus"), "alle") in keys
    assert ("gap", Scope()) in keys  # no gap was given: the service computed the whole data's
    assert ("gap", Scope(kind="casus")) not in keys  # no citizens and employees to compare there


def test_the_theme_report_renders_the_view_it_is_given(small_data):
    key = ("matrix", Scope(), "alle")
    cells = small_data.views[key]
    small_data.views[key] = cells.assign(mean=0.123, n=7)
    html = render_theme_report(small_data)
    assert "0,12 (n = 7)" in html


def test_without_views_the_report_leaves_the_figures_out(small_frames):
    docs, segs, scores = small_frames
    data = build_report_data_from_frames(docs, segs, scores)
    assert data.alignment is None and data.views == {}
    html = render_theme_report(data)
    assert "Waardering per waarde en groep" not in html
    assert isinstance(data.scored_frame(), pd.DataFrame) and len(data.scored_frame())
