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
    # within four months of the start of the relapse (2026-01): the learned reader weighs the
    # behaviour against the tone, which softens this demo's change (docs/values.md)
    assert first["alarm_period"] <= "2026-04"
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


def test_themes_stored_with_few_outliers(demo_analysed):
    from stemmen.store import Store

    settings, _ = demo_analysed
    with Store(settings.store_path) as store:
        (n_themes,) = store.query("SELECT count(*) FROM themes WHERE scope = 'alles'")[0]
        n_seg, n_non, n_out = store.query("SELECT n_segments, n_non_answers, n_outliers FROM theme_runs")[0]
        labels = [label for (label,) in store.query("SELECT label FROM themes")]
    assert 3 <= n_themes <= 25
    assert n_out / (n_seg - n_non) <= 0.15
    assert n_non > 0  # "weet niet", "-", "n.v.t." answers are set aside, not a theme
    assert not any("persoon" in label.lower() for label in labels)


def test_few_new_documents_join_existing_themes(demo_analysed):
    import json

    from stemmen import service
    from stemmen.store import Store

    settings, _ = demo_analysed
    with Store(settings.store_path) as store:
        before = store.query("SELECT theme_id, label FROM themes ORDER BY theme_id")
    notes = settings.workspace / "casussen" / "casussen-2026.jsonl"
    extra = [{"zaak": f"BV-2026-99{i}", "datum": "2026-08-20", "afdeling": "Publiekszaken", "status": "opgelost",
              "tekst": text} for i, text in enumerate([
                  "Inwoner belde over een verlopen paspoort; afspraak dezelfde week gemaakt en netjes geholpen.",
                  "Klacht over een losliggende stoeptegel doorgezet naar Openbare Ruimte, binnen twee dagen hersteld.",
              ])]
    with open(notes, "a", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in extra))
    _, errors = service.ingest_all(settings)
    assert errors == []
    result = service.analyse_language(settings)["themes"]
    assert result.get("added_without_refit", 0) >= 2  # assigned to the fitted themes, not refitted
    with Store(settings.store_path) as store:
        assert store.query("SELECT theme_id, label FROM themes ORDER BY theme_id") == before
        (n_assigned,), (n_segments,) = store.query("SELECT count(*) FROM theme_assignments")[0], \
            store.query("SELECT count(*) FROM segments")[0]
    assert n_assigned == n_segments


def test_exports_and_reports(demo_analysed, tmp_path, planted):
    import csv

    from stemmen import service

    settings, _ = demo_analysed
    paths = service.export(settings, tmp_path / "export")
    names = {p.rsplit("/", 1)[-1] for p in paths}
    assert {"value_scores.csv", "alignment_group.csv", "alerts.csv", "documents.csv", "segments.csv", "themes.csv",
            "theme_assignments.csv"} <= names
    with open(tmp_path / "export" / "theme_assignments.csv", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert "theme_id" in header
    reports = service.report(settings)
    html = "".join(open(p, encoding="utf-8").read() for p in reports if p.endswith(".html"))
    exported = "".join((tmp_path / "export" / n).read_text(encoding="utf-8") for n in names)
    assert "Gelijkwaardig" in html and "Vergunningen" in html
    assert [p for p in planted if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", html + exported)] == []


def test_consultant_rename_survives_rerun(demo_analysed):
    from stemmen import service
    from stemmen.store import Store

    settings, _ = demo_analysed
    path = service.codebook_path(settings)
    text = path.read_text(encoding="utf-8")
    first_label = re.search(r'^label = "(.*)"$', text, re.M).group(1)
    path.write_text(text.replace(f'label = "{first_label}"', 'label = "Wachten op antwoord"', 1), encoding="utf-8")
    result = service.extract_themes(settings)
    assert result["curated"]
    with Store(settings.store_path) as store:
        labels = [label for (label,) in store.query("SELECT label FROM themes")]
    assert "Wachten op antwoord" in labels
    assert "Wachten op antwoord" in path.read_text(encoding="utf-8")


def test_manifest_draft_from_step_one(demo_analysed, tmp_path):
    from stemmen import service
    from stemmen.manifest import load_manifest

    settings, _ = demo_analysed
    result = service.draft_manifest(settings, tmp_path / "concept.toml")
    assert result["until"] == "2025-04-01"  # step-1 input: before the manifest took effect
    draft = load_manifest(result["path"])
    assert 2 <= len(draft.waarden) <= 7
    assert all(v.gedrag and v.tegengedrag for v in draft.waarden)


def test_monitoring_unchanged_input_reuses_results(demo_analysed):
    from stemmen import service

    settings, _ = demo_analysed
    first = service.monitor(settings, "test")  # earlier tests may have changed the themes: recomputed or not
    again = service.monitor(settings, "test")
    assert again.get("unchanged") is True
    assert [a["alert_id"] for a in again["alerts"]] == [a["alert_id"] for a in first["alerts"]]
    assert not any(a["new"] for a in again["alerts"])  # an open episode is not notified twice
