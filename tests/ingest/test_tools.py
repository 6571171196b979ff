"""Survey tool exports (Qualtrics, Microsoft Forms, Google Forms, LimeSurvey) in their real layouts."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from stemmen import service
from stemmen.ingest.readers import read_table
from stemmen.ingest.tools import detect_tool
from stemmen.settings import load_settings
from stemmen.store import Store

from survey_exports import ANSWERS, MOMENTS, PERSONAL, Q1, Q2, googleforms, limesurvey, msforms, qualtrics, write

TODAY = dt.date(2026, 11, 1)

# (builder, language, xlsx, format, group column, documents, rejected)
CASES = [
    (qualtrics, "en", False, "qualtrics", "Q3", 5, 1),
    (qualtrics, "nl", False, "qualtrics", "Q3", 5, 1),
    (qualtrics, "nl", True, "qualtrics", "Q3", 5, 1),
    (msforms, "nl", True, "msforms", "Wat is uw relatie tot de gemeente?", 6, 0),
    (msforms, "en", True, "msforms", "Wat is uw relatie tot de gemeente?", 6, 0),
    (msforms, "nl", False, "msforms", "Wat is uw relatie tot de gemeente?", 6, 0),
    (googleforms, "nl", False, "googleforms", "Wat is uw relatie tot de gemeente?", 6, 0),
    (googleforms, "en", False, "googleforms", "Wat is uw relatie tot de gemeente?", 6, 0),
    (googleforms, "nl", True, "googleforms", "Wat is uw relatie tot de gemeente?", 6, 0),
    (limesurvey, "nl", False, "limesurvey", "Wat is uw relatie tot de gemeente?", 5, 0),
    (limesurvey, "en", True, "limesurvey", "Wat is uw relatie tot de gemeente?", 5, 0),
    (limesurvey, "code", False, "limesurvey", "G01Q03", 5, 0),
]
IDS = [f"{c[0].__name__}-{c[1]}-{'xlsx' if c[2] else 'csv'}" for c in CASES]


def _workspace(tmp_path: Path, file: Path, block: str) -> Path:
    (tmp_path / "stemmen.toml").write_text(
        f'[privacy]\nuse_deduce = false\n[[sources]]\nkind = "enquete"\npath = "{file.name}"\n{block}\n',
        encoding="utf-8")
    return tmp_path


def _everything_stored(store: Store) -> str:
    """Every value of every table, as text."""
    parts = []
    for table in store.tables():
        for row in store.query(f'SELECT * FROM "{table}"'):  # table names from the store itself
            parts.append(" ".join("" if v is None else str(v) for v in row))
    return "\n".join(parts)


@pytest.mark.parametrize(("build", "lang", "xlsx", "fmt", "group", "n_docs", "n_rejected"), CASES, ids=IDS)
def test_tool_export_lands_with_question_texts_dates_and_no_metadata(
        tmp_path, caplog, build, lang, xlsx, fmt, group, n_docs, n_rejected):
    file = write(tmp_path, build(lang, xlsx=xlsx))
    ws = _workspace(tmp_path, file, f'format = "{fmt}"\ngroup = "{group}"')
    settings = load_settings(ws, env={})
    with caplog.at_level(logging.DEBUG):
        summaries, errors = service.ingest_source(settings, settings.sources[0], today=TODAY)
        exported = service.export(settings, tmp_path / "export")
    assert errors == []
    assert (summaries[0].stored, summaries[0].rejected) == (n_docs, n_rejected)
    with Store(settings.store_path) as store:
        docs = store.query("SELECT question, date, group_name, text FROM documents ORDER BY date, question")
        everything = _everything_stored(store)
    # the question as asked, not the tool's column id; the date of the response
    questions = {q for q, *_ in docs}
    assert questions == ({Q1, Q2} if lang != "code" else {"G01Q01", "G01Q02"})
    assert {d for _, d, *_ in docs} == {m.date() for m in MOMENTS}
    assert {(t, g) for _, _, g, t in docs} >= {(ANSWERS[0][0], "burger"), (ANSWERS[2][0], "medewerker")}
    # not one metadata value anywhere: tables (rejected rows and lineage included), exports, log, summary
    files = "\n".join(Path(p).read_text(encoding="utf-8") for p in exported)
    seen = everything + files + caplog.text + summaries[0].line()
    assert [v for v in PERSONAL if v in seen] == []


def test_preview_response_is_set_aside_with_its_reason_and_no_metadata(tmp_path):
    file = write(tmp_path, qualtrics("nl"))
    settings = load_settings(_workspace(tmp_path, file, 'format = "qualtrics"\ngroup = "Q3"'), env={})
    service.ingest_source(settings, settings.sources[0], today=TODAY)
    with Store(settings.store_path) as store:
        rows = store.query("SELECT row_number, reason, content FROM rejected_rows")
    assert len(rows) == 1
    row, reason, content = rows[0]
    assert row == 7  # three header rows, three responses, then the preview
    assert reason == "testantwoord of voorbeeldweergave van Qualtrics (kolom 'Status'), geen echt antwoord"
    assert "testtest" in content and "R_preview" not in content


def test_incomplete_responses_can_be_skipped(tmp_path):
    file = write(tmp_path, limesurvey("nl"))
    block = 'format = "limesurvey"\ngroup = "Wat is uw relatie tot de gemeente?"\nincomplete = "skip"'
    settings = load_settings(_workspace(tmp_path, file, block), env={})
    summaries, _ = service.ingest_source(settings, settings.sources[0], today=TODAY)
    assert (summaries[0].stored, summaries[0].rejected) == (4, 1)


def test_questions_may_be_named_by_column_id_or_question_text(tmp_path):
    file = write(tmp_path, qualtrics("en"))
    block = f'format = "qualtrics"\ngroup = "Q3"\nquestions = ["Q1", "{Q2}"]'
    settings = load_settings(_workspace(tmp_path, file, block), env={})
    summaries, errors = service.ingest_source(settings, settings.sources[0], today=TODAY)
    assert errors == [] and summaries[0].stored == 5


def test_a_personal_column_cannot_be_mapped(tmp_path):
    file = write(tmp_path, msforms("nl"))
    block = 'format = "msforms"\ngroup_value = "burger"\nid = "E-mail"'
    settings = load_settings(_workspace(tmp_path, file, block), env={})
    summaries, errors = service.ingest_source(settings, settings.sources[0], today=TODAY)
    assert summaries == []
    assert "kolom 'E-mail' is een persoonsgegeven in een Microsoft Forms-export en wordt nooit gelezen" in errors[0]
    assert "example" not in errors[0]


@pytest.mark.parametrize(("build", "lang", "name"), [
    (qualtrics, "en", "qualtrics"), (qualtrics, "nl", "qualtrics"), (msforms, "en", "msforms"),
    (msforms, "nl", "msforms"), (googleforms, "en", "googleforms"), (googleforms, "nl", "googleforms"),
    (limesurvey, "code", "limesurvey"), (limesurvey, "en", "limesurvey"), (limesurvey, "nl", "limesurvey"),
])
def test_tool_is_detected_from_its_columns(tmp_path, build, lang, name):
    file = write(tmp_path, build(lang))
    assert detect_tool(read_table(file).columns).name == name


def test_a_plain_table_is_no_tool_export():
    assert detect_tool(["respondent", "groep", "datum", Q1]) is None


def test_detected_without_format_with_a_hand_written_mapping(tmp_path):
    file = write(tmp_path, googleforms("nl"))
    block = f'group_value = "burger"\ndate = "Tijdstempel"\nquestions = ["{Q1}"]'
    settings = load_settings(_workspace(tmp_path, file, block), env={})
    summaries, errors = service.ingest_source(settings, settings.sources[0], today=TODAY)
    assert errors == [] and summaries[0].stored == 3
    assert "herkend als Google Forms-export" in summaries[0].line()


def test_header_only_qualtrics_export_is_zero_rows(tmp_path):
    name, data = qualtrics("en")
    (tmp_path / name).write_bytes(b"\r\n".join(data.split(b"\r\n")[:3]) + b"\r\n")
    settings = load_settings(_workspace(tmp_path, tmp_path / name, 'format = "qualtrics"\ngroup_value = "burger"'),
                             env={})
    summaries, errors = service.ingest_source(settings, settings.sources[0], today=TODAY)
    assert errors == [] and summaries[0].read == 0 and "0 rijen" in summaries[0].line()
