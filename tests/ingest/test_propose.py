"""stemmen init --from: proposed [[sources]] blocks that load and import as they are."""

from __future__ import annotations

import datetime as dt
import tomllib

from survey_exports import PERSONAL, Q1, googleforms, limesurvey, msforms, qualtrics, write
from typer.testing import CliRunner

from stemmen import service
from stemmen.cli import app
from stemmen.ingest.propose import propose_sources
from stemmen.settings import load_settings

CASES_CSV = (
    "zaaknummer;datum;afdeling;status;notitie\n"
    "BV-07;3-3-2025;Vergunningen;open;Inwoner belde over de vergunning, zij voelt zich niet gehoord door de afdeling.\n"
    "BV-08;4-3-2025;Wonen;gesloten;Afspraak gemaakt met de afdeling Vergunningen over het vervolg van de zaak.\n"
    "BV-09;5-3-2025;Wonen;open;Teruggebeld, de melder is tevreden over de uitleg van de medewerker.\n"
)
SURVEY_CSV = (
    "respondent;groep;datum;Wat vindt u belangrijk?;Leeftijdscategorie\n"
    "1;inwoner;3-2-2025;Dat ze luisteren en terugbellen als dat beloofd is.;35-50\n"
    "2;medewerker;4-2-2025;Eerlijkheid, ook als het antwoord nee is voor de inwoner.;50-65\n"
    "3;inwoner;5-2-2025;Snelle reactie op meldingen over de openbare ruimte.;35-50\n"
)


def test_proposals_load_and_import_every_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [write(tmp_path, b(lang, xlsx=x)).name for b, lang, x in
             [(qualtrics, "nl", False), (msforms, "en", True), (googleforms, "nl", False), (limesurvey, "code", False)]]
    (tmp_path / "casussen.csv").write_text(CASES_CSV, encoding="utf-8")
    (tmp_path / "enquete.csv").write_text(SURVEY_CSV, encoding="utf-8")
    text = propose_sources(files + ["casussen.csv", "enquete.csv"])
    assert [v for v in PERSONAL if v in text] == []  # guesses never write a cell value out
    blocks = tomllib.loads(text)["sources"]
    assert [b["kind"] for b in blocks] == ["enquete"] * 4 + ["casus", "enquete"]
    assert [b.get("format") for b in blocks[:4]] == ["qualtrics", "msforms", "googleforms", "limesurvey"]
    assert blocks[0]["questions"] == ["Q1", "Q2"] and "Q3" == blocks[0]["group"]
    assert Q1 in blocks[1]["questions"] and "Wat is uw relatie tot de gemeente?" not in blocks[1]["questions"]
    assert blocks[4].items() >= {"id": "zaaknummer", "date": "datum", "department": "afdeling", "status": "status",
                                 "text": "notitie"}.items()
    assert blocks[5]["questions"] == ["Wat vindt u belangrijk?"] and blocks[5]["group"] == "groep"
    assert '# niet opgenomen: "Leeftijdscategorie"' in text
    # every proposal has a comment that says why
    assert all("#" in line for line in text.splitlines() if " = " in line and not line.startswith("#"))
    (tmp_path / "stemmen.toml").write_text("[privacy]\nuse_deduce = false\n" + text, encoding="utf-8")
    settings = load_settings(tmp_path, env={})
    summaries, errors = service.ingest_all(settings, today=dt.date(2026, 11, 1))
    assert errors == []
    assert [s.stored for s in summaries] == [5, 6, 6, 5, 3, 3]


def test_cli_init_from_prints_blocks_and_init_still_makes_a_workspace(tmp_path):
    path = write(tmp_path, qualtrics("en"))
    result = CliRunner().invoke(app, ["init", "--from", str(path)])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.output)["sources"][0]["format"] == "qualtrics"
    result = CliRunner().invoke(app, ["init", str(tmp_path / "nieuw")])
    assert result.exit_code == 0 and (tmp_path / "nieuw" / "stemmen.toml").is_file()
