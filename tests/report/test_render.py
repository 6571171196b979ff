"""Rendering: self-contained HTML, honest messages for missing parts, themes, scopes, snapshots."""

from __future__ import annotations

import json
import re

import pandas as pd

from stemmen.report import (ThemeSet, build_report_data_from_frames, render_monitoring_report, render_theme_report,
                            write_reports)
from stemmen.report.data import Scope


def assert_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<script" not in html.lower()
    # nothing is loaded from elsewhere: no src/href to http(s) or protocol-relative URLs, no @import
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html


def test_documents_only_renders_honestly(small_frames):
    docs, _, _ = small_frames
    data = build_report_data_from_frames(docs, municipality="Lindewaard")
    theme = render_theme_report(data)
    assert_self_contained(theme)
    assert "Nog geen thema&#39;s berekend" in theme or "Nog geen thema's berekend" in theme
    assert "Nog geen waardescores berekend" in theme and "Nog geen sentiment berekend" in theme
    monitoring, snap = render_monitoring_report(data)
    assert_self_contained(monitoring)
    assert "Nog geen waardescores berekend" in monitoring and snap["alerts"] == []


def test_theme_report_with_scores_and_themes(small_data):
    themes = ThemeSet(
        themes=pd.DataFrame([dict(theme_id=0, label="Terugbellen en afspraken", keywords=["terugbellen", "afspraak"],
                                  size=2),
                             dict(theme_id=1, label="Regels zonder uitleg", keywords="regels, uitleg", size=2)]),
        assignments=pd.DataFrame(dict(segment_id=["sd1", "sc1", "sd2", "sc2"], theme_id=[0, 0, 1, 1])),
        non_answers={"weet niet": 3}, model="test")
    small_data.themes = themes
    html = render_theme_report(small_data)
    assert_self_contained(html)
    assert "Terugbellen en afspraken" in html and "Kernwoorden: regels, uitleg" in html
    assert "Ik werd netjes teruggebeld zoals beloofd." in html  # a quote of the theme
    assert "weet niet 3" in html
    assert "Burgers en medewerkers per waarde" in html and "Gelijkwaardig" in html


def test_scope_restricts_the_report(small_data):
    html = render_theme_report(small_data, Scope(kind="casus"))
    assert "soort casus" in html
    assert "In deze selectie staan niet zowel burgers als medewerkers" in html
    assert "Ik werd netjes teruggebeld" not in html


def test_the_gap_compares_only_what_the_groups_said_themselves(small_frames):
    from stemmen.report import ValueInfo, build_report_data_from_frames
    from stemmen.service.report_views import with_index_views

    docs, segs, scores = small_frames
    values = [ValueInfo("gelijkwaardig", "Gelijkwaardig"), ValueInfo("betrouwbaar", "Betrouwbaar")]
    gaps = {}
    for kinds in ((), ("enquete", "brainstorm")):
        data = with_index_views(build_report_data_from_frames(docs, segs, scores, values=values, gap_kinds=kinds))
        gaps[kinds] = data.views["gap", Scope()].set_index("value_id")
    # citizens' texts about Gelijkwaardig: their survey answer d2 and the liaison's case note c2
    assert gaps[()].loc["gelijkwaardig", "n_a"] == 2
    assert gaps["enquete", "brainstorm"].loc["gelijkwaardig", "n_a"] == 1
    html = render_theme_report(data)
    assert "in: enquête en brainstormsessie" in html
    assert "Niet meegeteld: reactie op het manifest" in html and "over de zaak van een burger geschreven" in html


def test_quotes_that_look_like_personal_data_are_left_out(small_frames):
    docs, segs, scores = small_frames
    segs = segs.copy()
    segs.loc[0, "text"] = "Bel me terug op 06-12345678 of mail jan@example.nl, ik werd netjes teruggebeld."
    docs = docs.copy()
    docs.loc[0, "text"] = segs.loc[0, "text"]
    themes = ThemeSet(pd.DataFrame([dict(theme_id=0, label="Contact", keywords="", size=1)]),
                      pd.DataFrame(dict(segment_id=["sd1"], theme_id=[0])))
    html = render_theme_report(build_report_data_from_frames(docs, segs, scores, themes=themes))
    assert "06-12345678" not in html and "jan@example.nl" not in html


def test_write_reports_and_compare_with_the_previous_snapshot(small_data, tmp_path):
    paths = write_reports(small_data, tmp_path, scopes=[Scope(), Scope(kind="casus")])
    names = sorted(p.name for p in paths if p.parent == tmp_path)
    assert names == ["monitoringsrapport.html", "monitoringsrapport.snapshot.json", "themarapport-casus.html",
                     "themarapport.html"]
    snap = json.loads((tmp_path / "monitoringsrapport.snapshot.json").read_text(encoding="utf-8"))
    assert snap["n_documents"] == 8 and snap["last_date"] == "2025-04-11"
    first = (tmp_path / "monitoringsrapport.html").read_text(encoding="utf-8")
    assert "Dit is het eerste monitoringsrapport" in first
    write_reports(small_data, tmp_path, exports=False, which=("monitoring",))
    second = (tmp_path / "monitoringsrapport.html").read_text(encoding="utf-8")
    assert "Vorig rapport: 5 januari 2026" in second and "0 teksten erbij" in second


def test_rendering_is_deterministic(small_data):
    assert render_theme_report(small_data) == render_theme_report(small_data)
