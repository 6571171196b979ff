"""The demo municipality as a consultant first sees it: complete, and without personal data."""

from __future__ import annotations

import re



def test_demo_ingests_completely(demo_workspace):
    settings, summaries, errors = demo_workspace
    assert errors == []
    stored = sum(s.stored for s in summaries)
    assert stored >= 800
    assert sum(s.rejected for s in summaries) == 6  # the six rows planted as bad input
    kinds = {s.kind for s in summaries if s.stored}
    assert kinds == {"enquete", "brainstorm", "manifest_reactie", "casus"}


def test_no_planted_personal_data_anywhere_in_the_store(demo_workspace, stored_text, planted):
    settings, _, _ = demo_workspace
    text = stored_text(settings.store_path)
    assert len(text) > 100_000
    leaked = [p for p in planted if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    assert leaked == []


def test_content_survives_pseudonymisation(demo_workspace, stored_text):
    settings, _, _ = demo_workspace
    text = stored_text(settings.store_path)
    for word in ("teruggebeld", "vergunning", "Vergunningen", "gelijkwaardig", "Lindewaard"):
        assert word in text


def test_planted_relapse_detected_and_only_there(demo_analysed):
    settings, result = demo_analysed
    alerts = result["alerts"]
    relapse = [a for a in alerts if a["value_id"] == "gelijkwaardig" and a["department"] == "Vergunningen"]
    assert relapse, alerts
    first = min(relapse, key=lambda a: a["alarm_period"])
    assert first["start_period"] >= "2025-12"
    # within three months of the start of the relapse (2026-01)
    assert first["alarm_period"] <= "2026-03"
    steady = [a for a in alerts if a["value_id"] != "gelijkwaardig"]
    assert steady == []


def test_alerts_carry_pseudonymised_evidence(demo_analysed, stored_text, planted):
    import json

    from stemmen.store import Store

    settings, _ = demo_analysed
    with Store(settings.store_path) as store:
        rows = store.query("SELECT value_id, evidence FROM alerts")
    assert rows
    evidence = json.loads(rows[0][1])
    assert 1 <= len(evidence) <= 5 and all(e["text"] for e in evidence)
    text = stored_text(settings.store_path)
    assert [p for p in planted if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)] == []
