"""Ingest end to end on real files: mapping, idempotency, versions, atomicity, bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from stemmen import service
from stemmen.errors import InputError
from stemmen.ingest.importer import prepare_batch
from stemmen.settings import load_settings
from stemmen.store import Store

TODAY = dt.date(2026, 11, 1)
Q1 = "Wat vindt u belangrijk?"
Q2 = "Hoe ervaart u het contact?"

SURVEY_CONFIG = f"""
[privacy]
use_deduce = false
[[sources]]
kind = "enquete"
path = "enquete.csv"
id = "respondent"
group = "groep"
date = "datum"
department = "afdeling"
questions = ["{Q1}", "{Q2}"]
"""


def workspace(tmp_path: Path, config: str, files: dict[str, bytes | str]) -> Path:
    (tmp_path / "stemmen.toml").write_text(config, encoding="utf-8")
    for name, content in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_bytes(content)
    return tmp_path


def survey_csv(rows: list[list[str]], sep: str = ";") -> str:
    header = ["respondent", "groep", "afdeling", "datum", Q1, Q2]
    return "\n".join(sep.join(r) for r in [header, *rows]) + "\n"


ROWS = [
    ["B001", "burger", "", "3-2-2025", "Dat ze luisteren en terugbellen.", "Matig, ik moest drie keer bellen."],
    ["B002", "Inwoner", "", "4 februari 2025", "Eerlijkheid, ook als het nee is.", ""],
    ["B003", "burger", "", "2025-02-05", "Weet niet", "Prima geholpen aan de balie."],
]


def ingest(ws: Path):
    settings = load_settings(ws, env={})
    return service.ingest_source(settings, settings.sources[0], today=TODAY), settings


def docs(settings) -> list[tuple]:
    with Store(settings.store_path) as s:
        return s.query("SELECT doc_key, version, is_current, text, group_name, date FROM documents ORDER BY doc_key, version")


def test_survey_wide_windows1252_semicolon(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(ROWS).replace("\n", "\r\n").encode("cp1252")})
    (summaries, errors), settings = ingest(ws)
    assert errors == []
    assert (summaries[0].read, summaries[0].stored, summaries[0].empty) == (3, 5, 1)
    rows = docs(settings)
    assert {r[4] for r in rows} == {"burger"}  # "Inwoner" normalised
    assert dt.date(2025, 2, 4) in {r[5] for r in rows}


def test_reimport_adds_nothing_and_changed_row_is_new_version(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(ROWS)})
    ingest(ws)
    (again, _), settings = ingest(ws)
    assert again[0].already_imported and again[0].stored == 0
    changed = [r[:] for r in ROWS]
    changed[0][4] = "Dat ze écht luisteren."
    changed.append(["B004", "burger", "", "6-2-2025", "Snelheid.", ""])
    (ws / "enquete.csv").write_text(survey_csv(changed), encoding="utf-8")
    (summaries, _), settings = ingest(ws)
    s = summaries[0]
    assert (s.stored, s.new_versions, s.duplicate) == (2, 1, 4)
    rows = docs(settings)
    versions = [r for r in rows if r[0].endswith(f"B001|{Q1}")]
    assert [(v[1], v[2]) for v in versions] == [(1, False), (2, True)]
    assert len(rows) == 7


def test_a_file_imported_before_is_not_read_again(tmp_path, monkeypatch):
    from stemmen.ingest import readers

    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(ROWS)})
    (first, _), _ = ingest(ws)
    monkeypatch.setattr(readers, "read_table", lambda *a, **k: pytest.fail("read an imported file again"))
    (again, errors), _ = ingest(ws)
    assert not errors and again[0].already_imported and again[0].stored == 0
    assert again[0].read == first[0].read  # the count of the first import, for the summary line


def test_rejected_rows_keep_reason_and_content(tmp_path):
    bad = ROWS + [
        ["B005", "burger", "", "31-02-2025", "Te laat antwoord gekregen.", ""],
        ["B006", "marsmannetje", "", "3-2-2025", "Vriendelijk.", ""],
        ["B007", "burger", "", "3-2-2031", "Toekomstig antwoord.", ""],
    ]
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(bad)})
    (summaries, errors), settings = ingest(ws)
    assert summaries[0].rejected == 3 and summaries[0].stored == 5
    with Store(settings.store_path) as s:
        rej = s.query("SELECT row_number, reason, content FROM rejected_rows ORDER BY row_number")
    assert [r[0] for r in rej] == [5, 6, 7]
    assert "geen bestaande datum" in rej[0][1]
    assert "marsmannetje" in rej[1][1]
    assert "toekomst" in rej[2][1]
    assert "Te laat antwoord" in rej[0][2]


def test_rejection_reasons_stay_readable_and_quoted_cells_are_pseudonymised(tmp_path):
    config = SURVEY_CONFIG.replace("use_deduce = false", "use_deduce = false\nkeep = []")
    bad = ROWS + [
        ["B005", "burger", "", "2025/06/02 11:20:07 XYZ", "Te laat antwoord gekregen.", ""],
        ["B006", "mail jan@example.nl", "", "3-2-2025", "Vriendelijk.", ""],
        ["B007", "burger", "", "bel 06-12345678", "Aardig.", ""],
    ]
    ws = workspace(tmp_path, config, {"enquete.csv": survey_csv(bad)})
    (summaries, errors), settings = ingest(ws)
    with Store(settings.store_path) as s:
        reasons = [r for (r,) in s.query("SELECT reason FROM rejected_rows ORDER BY row_number")]
    # the reason's own words and example dates are not pseudonymised ...
    assert reasons[0].startswith("datum: 'dddd/dd/dd dd:dd:dd <tekst>': onbekende tijdzone")
    assert reasons[2] == ("datum: '<tekst> dd-dddddddd' is geen datum"
                          " (verwacht bijv. 2025-04-03, 3-4-2025 of 2025-04-03 10:00)")
    assert "[DATUM" not in " ".join(reasons)
    # ... but a cell value a reason quotes is
    assert reasons[1].startswith("groep 'mail [EMAIL-1]' is onbekend")
    assert "jan@example.nl" not in " ".join(reasons) and "12345678" not in " ".join(reasons)


def test_duplicate_rows_in_file_counted_once(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(ROWS + [ROWS[0]])})
    (summaries, _), settings = ingest(ws)
    assert summaries[0].stored == 5 and summaries[0].duplicate == 2
    assert len(docs(settings)) == 5


def test_same_respondent_twice_with_other_answers_is_rejected(tmp_path):
    other = ["B001", "burger", "", "3-2-2025", "Iets heel anders.", "Ook anders."]
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(ROWS + [other])})
    (summaries, _), _ = ingest(ws)
    assert summaries[0].rejected == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "leeg"),
        (b"\x00\x01\x02PK\x03\x04" * 200, "binair|geen tekst|tekstbestand"),
        (survey_csv(ROWS, sep=":").encode(), "scheidingsteken"),
    ],
    ids=["empty", "binary", "wrong-delimiter"],
)
def test_unreadable_file_names_file_and_stores_nothing(tmp_path, content, message):
    ws = workspace(tmp_path, SURVEY_CONFIG.replace('department = "afdeling"\n', 'department = "afdeling"\n'),
                   {"enquete.csv": content})
    (summaries, errors), settings = ingest(ws)
    assert summaries == [] and len(errors) == 1
    assert "enquete.csv" in errors[0]
    import re

    assert re.search(message, errors[0], re.I)
    with Store(settings.store_path) as s:
        assert s.count("documents") == 0 and s.count("import_batches") == 0


def test_missing_mapped_column_lists_found_columns(tmp_path):
    csv_text = survey_csv(ROWS).replace("afdeling", "team")
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": csv_text})
    (_, errors), _ = ingest(ws)
    assert "'afdeling'" in errors[0] and "'team'" in errors[0]


def test_huge_cell_rejected_rest_kept(tmp_path):
    rows = ROWS + [["B009", "burger", "", "3-2-2025", "x" * 5_000_000, ""]]
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(rows)})
    (summaries, errors), settings = ingest(ws)
    assert errors == [] and summaries[0].rejected == 1 and summaries[0].stored == 5
    with Store(settings.store_path) as s:
        reason, content = s.query("SELECT reason, content FROM rejected_rows")[0]
    assert "max_text_chars" in reason
    assert len(content) < 3_000  # kept as its start, with a pointer to the file


def test_batch_is_atomic_when_writing_fails(tmp_path, monkeypatch):
    rows = ROWS + [["B005", "burger", "", "31-02-2025", "Fout.", ""]]
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(rows)})
    settings = load_settings(ws, env={})
    store = Store(settings.store_path)
    batch = prepare_batch(settings.sources[0], ws / "enquete.csv", pseudonymise=lambda t: t, today=TODAY)
    real = store._con

    class FailingConnection:
        """Fails when the rejected rows are registered, after the documents were inserted."""

        def __getattr__(self, name):
            return getattr(real, name)

        def register(self, name, obj):
            if name == "_rej":
                raise RuntimeError("schijf vol")
            return real.register(name, obj)

    store._con = FailingConnection()
    with pytest.raises(RuntimeError, match="schijf vol"):
        store.write_batch(batch)
    store._con = real
    assert store.count("documents") == 0 and store.count("import_batches") == 0
    store.close()


def test_case_notes_jsonl_with_broken_line(tmp_path):
    config = """
[privacy]
use_deduce = false
[[sources]]
kind = "casus"
path = "casussen.jsonl"
id = "zaak"
date = "datum"
department = "afdeling"
status = "status"
text = "tekst"
"""
    lines = [
        json.dumps({"zaak": "BV-1", "datum": "2026-01-05", "afdeling": "Vergunningen", "status": "nieuw",
                    "tekst": "Aanvrager belt over dakkapel, voelt zich niet gehoord."}),
        '{"zaak": "BV-1", "datum": "2026-01-09", "afdel',
        json.dumps({"zaak": "BV-1", "datum": "2026-01-12", "afdeling": "Vergunningen", "status": "opgelost",
                    "tekst": "Gesprek gehad, uitleg gegeven. Aanvrager tevreden over de bejegening."}),
    ]
    ws = workspace(tmp_path, config, {"casussen.jsonl": "\n".join(lines) + "\n"})
    (summaries, errors), settings = ingest(ws)
    assert errors == [] and summaries[0].stored == 2 and summaries[0].rejected == 1
    with Store(settings.store_path) as s:
        assert s.query("SELECT row_number FROM rejected_rows") == [(2,)]
        assert s.query("SELECT DISTINCT group_name, case_id FROM documents") == [("burger", "BV-1")]


def test_transcript_stores_role_not_name(tmp_path):
    config = '[privacy]\nuse_deduce = false\n[[sources]]\nkind = "brainstorm"\npath = "sessies"\n'
    text = (
        "Brainstorm wijkcentrum, 10 februari 2025\n\n"
        "Annelies Verbeek (burger): Ik wil gewoon teruggebeld worden.\n"
        "Mark Visser (medewerker): Zoals Annelies al zei, terugbellen is het begin.\n"
    )
    ws = workspace(tmp_path, config, {"sessies/2025-02-10-wijk.txt": text})
    (summaries, errors), settings = ingest(ws)
    assert errors == [] and summaries[0].stored == 2
    with Store(settings.store_path) as s:
        rows = s.query("SELECT role, group_name, text, date FROM documents ORDER BY row_number")
    assert [r[0] for r in rows] == ["burger", "medewerker"]
    assert rows[0][3] == dt.date(2025, 2, 10)
    assert "Annelies" not in rows[1][2] and "[DEELNEMER-" in rows[1][2]


def test_prepare_batch_never_returns_raw_text_for_known_documents(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv(ROWS)})
    settings = load_settings(ws, env={})
    batch = prepare_batch(settings.sources[0], ws / "enquete.csv", pseudonymise=lambda t: [x.upper() for x in t],
                          known=lambda keys: {k: None for k in keys}, today=TODAY)
    assert all(d.pseudonymised for d in batch.documents)
    assert {d.text for d in batch.documents} == {t.upper() for r in ROWS for t in r[4:] if t}


def test_missing_file_is_clear(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {})
    (_, errors), _ = ingest(ws)
    assert "enquete.csv" in errors[0] and "bestaat niet" in errors[0]
    with pytest.raises(InputError):
        prepare_batch(load_settings(ws, env={}).sources[0], ws / "enquete.csv", pseudonymise=lambda t: t)


CASE_CONFIG = """
[privacy]
use_deduce = false
[[sources]]
kind = "casus"
path = "casussen.csv"
id = "zaak"
date = "datum"
text = "notitie"
status = "status"
"""
CASES = [
    "zaak;datum;status;notitie",
    "BV-07;3-3-2025;open;Inwoner belde over de vergunning, zij voelt zich niet gehoord.",
    "BV-08;4-3-2025;open;Afspraak gemaakt met de afdeling Vergunningen.",
]


def test_every_row_twice_is_stored_once_and_reported_as_dubbel(tmp_path):
    doubled = CASES[:1] + [line for line in CASES[1:] for _ in range(2)]
    ws = workspace(tmp_path, CASE_CONFIG, {"casussen.csv": "\n".join(doubled) + "\n"})
    (summaries, errors), settings = ingest(ws)
    assert not errors
    assert (summaries[0].read, summaries[0].stored, summaries[0].duplicate) == (4, 2, 2)
    assert "dubbel 2" in summaries[0].line()
    assert len(docs(settings)) == 2


def test_two_notes_on_one_case_and_day_that_differ_are_both_kept(tmp_path):
    lines = CASES + ["BV-07;3-3-2025;open;Teruggebeld: zij is tevreden met de uitleg."]
    ws = workspace(tmp_path, CASE_CONFIG, {"casussen.csv": "\n".join(lines) + "\n"})
    (summaries, _), settings = ingest(ws)
    assert summaries[0].stored == 3 and summaries[0].duplicate == 0


def test_a_nul_in_one_cell_is_removed_and_the_file_kept(tmp_path):
    data = ("\n".join(CASES) + "\n").encode("utf-8").replace(b"zij voelt", b"zij\x00 voelt")
    ws = workspace(tmp_path, CASE_CONFIG, {"casussen.csv": data})
    (summaries, errors), settings = ingest(ws)
    assert not errors and summaries[0].stored == 2
    assert "1 onzichtbare stuurteken(s) (zoals NUL) uit de cellen verwijderd" in summaries[0].line()
    texts = [t for *_, t, _g, _d in docs(settings)]
    assert any("zij voelt zich niet gehoord" in t for t in texts)
    assert not any("\x00" in t for t in texts)


def test_header_only_export_is_a_warning_not_a_failure(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": survey_csv([])})
    (summaries, errors), settings = ingest(ws)
    assert errors == []
    assert summaries[0].read == 0 and summaries[0].stored == 0
    assert "0 rijen" in summaries[0].line()


def test_header_only_export_with_wrong_columns_is_still_an_error(tmp_path):
    ws = workspace(tmp_path, SURVEY_CONFIG, {"enquete.csv": "id;tekst\n"})
    (summaries, errors), _ = ingest(ws)
    assert summaries == [] and "kolom(men) uit de configuratie ontbreken" in errors[0]
