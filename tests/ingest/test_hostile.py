"""Hostile input: awkward files end stored, with rows rejected for a reason, or refused with a message
naming the file; never a traceback, never a silent loss. Each case is a row of docs/hostile-input.md."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from stemmen.cli import app
from stemmen.settings import load_settings
from stemmen.store import Store

TODAY = dt.date(2026, 11, 1)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "hostile-input.md"
HEAD = "respondent;groep;datum;antwoord"
GOOD = ["R1;burger;3-2-2025;Dat ze luisteren en terugbellen als dat is beloofd.",
        "R2;medewerker;4-2-2025;Meer ruimte om zelf een oplossing te kiezen voor de inwoner.",
        "R3;inwoner;5-2-2025;Eerlijk zeggen wat wel en niet kan, ook als het nee is."]
SURVEY = 'kind = "enquete"\nid = "respondent"\ngroup = "groep"\ndate = "datum"\nquestions = ["antwoord"]'
CASES_CFG = 'kind = "casus"\nid = "zaak"\ndate = "datum"\ntext = "notitie"'
TALK = 'kind = "brainstorm"\ngroup_value = "burger"'


def text(lines: list[str], sep: str = ";", encoding: str = "utf-8", nl: str = "\n") -> bytes:
    return (nl.join(line.replace(";", sep) for line in lines) + nl).encode(encoding)


def xlsx(sheets: dict[str, list[list[object]]], merge: str | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if merge and name == next(iter(sheets)):
            ws.merge_cells(merge)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ROWS = [line.split(";") for line in [HEAD] + GOOD]
VTT = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Annelies Bakker (inwoner)>Ik wil vaker gehoord worden.\n\n"
       "00:00:05.000 --> 00:00:09.000\n<v Mark Visser (medewerker)>Dat snap ik, we bellen vaker terug.\n")
JSONL = ['{"zaak": "BV-07", "datum": "2025-03-03", "notitie": "Inwoner belde over de vergunning."}',
         '{"zaak": "BV-08", "datum": "2025-03-04", "notitie": "Afspraak gemaakt met Vergunningen."}']

# (case id, file name, content, source block, outcome, stored, rejected, message fragment)
CASES = [
    ("utf8-bom", "bom.csv", b"\xef\xbb\xbf" + text([HEAD] + GOOD), SURVEY, "opgeslagen", 3, 0, ""),
    ("windows-1252", "cp1252.csv", text([HEAD] + GOOD + ["R4;burger;6-2-2025;Café en één loket, prima."],
                                        encoding="cp1252"), SURVEY, "opgeslagen", 4, 0, ""),
    ("utf-16-tab", "unicode.txt", b"\xff\xfe" + text([HEAD] + GOOD, sep="\t", encoding="utf-16-le", nl="\r\n"),
     SURVEY, "opgeslagen", 3, 0, ""),
    ("undefined-cp1252-bytes", "latin.csv", text([HEAD] + GOOD).replace(b"terugbellen", b"terug\x81bellen"),
     SURVEY, "opgeslagen", 3, 0, ""),
    ("comma-quoted", "komma.csv", text([HEAD, 'R1;burger;3-2-2025;"Luisteren, terugbellen, en eerlijk zijn."',
                                        GOOD[1], 'R3;inwoner;5-2-2025;"Eerlijk zeggen, ook als het nee is."'], sep=","),
     SURVEY, "opgeslagen", 3, 0, ""),
    ("pipe", "pijp.csv", text([HEAD] + GOOD, sep="|"), SURVEY, "opgeslagen", 3, 0, ""),
    ("excel-sep-line", "sep.csv", b"sep=;\n" + text([HEAD] + GOOD), SURVEY, "opgeslagen", 3, 0, ""),
    ("wrong-delimiter", "dubbelepunt.csv", text([HEAD] + GOOD, sep=":"), SURVEY, "geweigerd", 0, 0,
     "kolom(men) uit de configuratie ontbreken"),
    ("cut-in-a-quote", "afgebroken.csv", text([HEAD] + GOOD + ['R4;burger;6-2-2025;"Dit antwoord stopt mid']),
     SURVEY, "rijen afgewezen", 3, 1, "aanhalingsteken"),
    ("cut-in-a-row", "kort.csv", text([HEAD] + GOOD + ["R4;burger"]), SURVEY, "rijen afgewezen", 3, 1,
     "rij heeft 2 velden, de kopregel heeft er 4"),
    ("png-as-csv", "foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, SURVEY,
     "geweigerd", 0, 0, "is geen tekstbestand"),
    ("xlsx-as-csv", "werkmap.csv", xlsx({"Blad1": ROWS}), SURVEY, "geweigerd", 0, 0, "Excel- of Word-bestand"),
    ("old-xls", "oud.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000, SURVEY, "geweigerd", 0, 0,
     "oud Office-bestand"),
    ("empty", "leeg.csv", b"", SURVEY, "geweigerd", 0, 0, "bestand is leeg"),
    ("header-only", "kop.csv", text([HEAD]), SURVEY, "opgeslagen", 0, 0, "0 rijen"),
    ("huge-cell", "groot.csv", text([HEAD] + GOOD + ["R4;burger;6-2-2025;" + "heel lang antwoord " * 2000]),
     SURVEY, "rijen afgewezen", 3, 1, "max_text_chars"),
    ("control-characters", "stuur.csv", text([HEAD] + GOOD).replace(b"luisteren", b"luis\x00te\x07ren\x1b"),
     SURVEY, "opgeslagen", 3, 0, "stuurteken"),
    ("every-row-twice", "dubbel.csv", text([HEAD] + [g for g in GOOD for _ in range(2)]), SURVEY, "opgeslagen",
     3, 0, "dubbel 3"),
    ("impossible-date", "datum.csv", text([HEAD] + GOOD + ["R4;burger;31-02-2025;Te laat geantwoord."]),
     SURVEY, "rijen afgewezen", 3, 1, "geen bestaande datum"),
    ("future-date", "toekomst.csv", text([HEAD] + GOOD + ["R4;burger;3-2-2031;Antwoord uit de toekomst."]),
     SURVEY, "rijen afgewezen", 3, 1, "in de toekomst"),
    ("ancient-date", "oud.csv", text([HEAD] + GOOD + ["R4;burger;3-2-1890;Antwoord uit 1890."]),
     SURVEY, "rijen afgewezen", 3, 1, "earliest_date"),
    ("merged-title-rows", "titel.xlsx", xlsx({"Blad1": [["Pulsmeting 2025 — gemeente Lindewaard"], []] + ROWS},
                                             merge="A1:D1"), SURVEY, "opgeslagen", 3, 0, "titelregel"),
    ("several-sheets", "bladen.xlsx", xlsx({"Toelichting": [["Lees dit eerst"]], "Antwoorden": ROWS}),
     SURVEY + '\nsheet = "Antwoorden"', "opgeslagen", 3, 0, ""),
    ("missing-sheet", "bladen2.xlsx", xlsx({"Toelichting": [["Lees dit eerst"]], "Antwoorden": ROWS}),
     SURVEY + '\nsheet = "Resultaten"', "geweigerd", 0, 0, "werkblad 'Resultaten' bestaat niet"),
    ("broken-jsonl", "notities.jsonl", ("\n".join(JSONL + ['{"zaak": "BV-09", "datum": ']) + "\n").encode(),
     CASES_CFG, "rijen afgewezen", 2, 1, "geen geldige JSON"),
    ("json-array", "lijst.jsonl", ("[" + ",".join(JSONL) + "]").encode(), CASES_CFG, "geweigerd", 0, 0,
     "één JSON-lijst"),
    ("broken-vtt-cue", "2025-02-10 sessie.vtt", (VTT + "\n00:00:1x --> 00:00:12.000\nEen zin.\n").encode(),
     TALK, "rijen afgewezen", 2, 1, "ongeldige tijdsaanduiding"),
    ("vtt-without-cues", "2025-02-11 leeg.vtt", b"WEBVTT\n\nNOTE alleen een opmerking\n", TALK, "geweigerd",
     0, 0, "geen ondertitels"),
    ("odd-file-name", "enquête 2025 (kopie) #2 – définitief.csv", text([HEAD] + GOOD), SURVEY, "opgeslagen",
     3, 0, ""),
    ("missing-file", "bestaat-niet.csv", None, SURVEY, "geweigerd", 0, 0, "bestand bestaat niet"),
]
IDS = [c[0] for c in CASES]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One workspace with a source per hostile file, ingested once through the CLI (as a user runs it)."""
    ws = tmp_path_factory.mktemp("vijandig")
    blocks = ["[privacy]\nuse_deduce = false"]
    for case, name, content, block, *_ in CASES:
        folder = ws / "data" / case
        folder.mkdir(parents=True)
        if content is not None:
            (folder / name).write_bytes(content)
        blocks.append(f'[[sources]]\nname = "{case}"\npath = "data/{case}/{name}"\n{block}')
    (ws / "stemmen.toml").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--no-prefect", "-c", str(ws)])
    return ws, result


def test_never_a_traceback(hostile):
    _, result = hostile
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 1  # refused files make the run fail; everything else landed


@pytest.mark.parametrize(("case", "name", "content", "block", "outcome", "stored", "rejected", "message"),
                         CASES, ids=IDS)
def test_each_hostile_file_has_its_outcome(hostile, case, name, content, block, outcome, stored, rejected, message):
    ws, result = hostile
    settings = load_settings(ws, env={})
    with Store(settings.store_path) as store:
        n_docs = store.query("SELECT count(*) FROM documents WHERE source_name = ?", [case])[0][0]
        reasons = [r for (r,) in store.query("SELECT reason FROM rejected_rows WHERE source_name = ?", [case])]
        batches = store.query("SELECT n_read, n_stored, n_duplicate, n_rejected, n_empty FROM import_batches"
                              " WHERE source_name = ?", [case])
    assert (n_docs, len(reasons)) == (stored, rejected)
    lines = [line for line in result.output.splitlines() if name in line]
    if outcome == "geweigerd":
        assert batches == [] and any(message in line and "FOUT" in line for line in lines), result.output
    else:
        assert len(batches) == 1
        read, n_stored, dup, n_rej, empty = batches[0]
        assert read == n_stored + dup + n_rej + empty  # nothing read is unaccounted for
        shown = " ".join(lines + reasons)
        assert message in shown, shown


def test_the_documented_table_lists_every_case_with_its_outcome():
    table = {m[1]: m[2] for m in re.finditer(r"^\| `([\w-]+)` \|[^|]*\| (opgeslagen|rijen afgewezen|geweigerd)",
                                              DOCS.read_text(encoding="utf-8"), re.M)}
    assert table == {case: outcome for case, _, _, _, outcome, *_ in CASES}
    assert len(table) >= 25
