"""The CLI as a user runs it (without Prefect here; the flow has its own test)."""

from __future__ import annotations

import tomllib

import pytest
from typer.testing import CliRunner

from stemmen.cli import app
from stemmen.settings import load_settings

runner = CliRunner()


def test_init_writes_commented_workspace(tmp_path):
    target = tmp_path / "gemeente"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    config = (target / "stemmen.toml").read_text(encoding="utf-8")
    assert "# " in config and tomllib.loads(config)["store"]["path"] == "stemmen.duckdb"
    assert (target / "manifest.toml").is_file()
    assert {p.name for p in (target / "data").iterdir()} == {"enquete", "brainstorm", "manifest_reacties", "casussen"}
    load_settings(target, env={})  # the starter config is valid as written


def test_init_refuses_non_empty_folder(tmp_path):
    (tmp_path / "x.txt").write_text("iets")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code != 0


def test_ingest_reports_summary_and_fails_on_unreadable_file(tmp_path):
    (tmp_path / "stemmen.toml").write_text(
        '[privacy]\nuse_deduce = false\n'
        '[[sources]]\nkind = "casus"\npath = "notities.csv"\nid = "zaak"\ndate = "datum"\ntext = "notitie"\n'
        '[[sources]]\nkind = "casus"\npath = "kapot.csv"\nid = "zaak"\ndate = "datum"\ntext = "notitie"\n',
        encoding="utf-8",
    )
    (tmp_path / "notities.csv").write_text(
        "zaak,datum,notitie\nBV-1,3-4-2025,Burger gebeld en uitleg gegeven.\nBV-2,4-4-2025,\n", encoding="utf-8")
    (tmp_path / "kapot.csv").write_bytes(b"")
    result = runner.invoke(app, ["ingest", "-c", str(tmp_path), "--no-prefect"])
    assert result.exit_code == 1
    assert "notities.csv: gelezen 2, opgeslagen 1" in result.output
    assert "kapot.csv" in result.output
    rej = runner.invoke(app, ["rejected", "-c", str(tmp_path)])
    assert "notities.csv, rij 3: notitie is leeg" in rej.output


@pytest.mark.slow  # fits the value reader twice from cold
def test_manifest_evaluate_prints_both_scorers_and_writes_readings(evaluation_workspace, tmp_path):
    import csv

    ws, labels, _, pii = evaluation_workspace
    out = tmp_path / "gelezen.csv"
    result = runner.invoke(app, ["manifest", "evaluate", str(labels), "-c", str(ws), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "alleen het manifest" in result.output and "met de 2 voorbeelden" in result.output
    assert "juiste waarde" in result.output and "1 zinnen staan ook bij de voorbeelden" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 8 and {r["goed"] for r in rows} <= {"ja", "nee"}
    assert not [p for p in pii if p in result.output + out.read_text(encoding="utf-8")]


def test_manifest_evaluate_names_the_bad_row(evaluation_workspace, capsys):
    from stemmen.cli import main

    ws, labels, _, _ = evaluation_workspace
    labels.write_text("tekst,waarde,richting\nDe parkeerplaats is vol.,geen,\nAlles op tijd.,stipt,+\n",
                      encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["manifest", "evaluate", str(labels), "-c", str(ws)])
    assert exit_.value.code == 2
    assert f"{labels}, rij 3: onbekende waarde 'stipt'" in capsys.readouterr().err
