"""Exports: one definition (export_spec), two renderings (English CSV; Dutch CSV and workbook),
documented in docs/exports.md."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from stemmen.report.export import WORKBOOK, export_tables, write_exports, write_researcher_csvs
from stemmen.report.export_spec import TABLES, Column, Table

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def test_csv_and_workbook_have_the_same_tables_with_dutch_headers(small_data, tmp_path):
    import openpyxl

    small_data.documents.loc[0, "text"] = "=SOM(A1:A3) is geen formule maar een antwoord"
    paths = write_exports(small_data, tmp_path)
    csvs = {p.stem for p in paths if p.suffix == ".csv"}
    assert {"documenten", "segmenten", "waardescores", "index_groep", "index_afdeling", "casussen",
            "herkomst"} <= csvs
    with open(tmp_path / "documenten.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:4] == ["document_id", "soort", "bron", "groep"]
    assert rows[0]["datum"] == "2025-01-10"
    wb = openpyxl.load_workbook(tmp_path / WORKBOOK)
    assert set(wb.sheetnames) == csvs | {"kolommen"}
    ws = wb["documenten"]
    header = [c.value for c in ws[1]]
    text_col = header.index("tekst") + 1
    cell = ws.cell(row=2, column=text_col)
    assert cell.data_type == "s" and cell.value.startswith("=SOM")  # stored as text, not as a formula
    cases = {r[0]: r for r in wb["casussen"].iter_rows(min_row=2, values_only=True)}
    assert cases["BV-1"][5] == "gesloten zonder oplossing"


def test_every_table_and_header_is_documented_in_both_languages():
    text = DOCS.read_text(encoding="utf-8")
    for table in TABLES:
        assert f"`{table.en}`" in text and f"`{table.nl}`" in text, table.en
        for col in table.columns:
            assert f"`{col.en}`" in text, (table.en, col.en)
            assert col.nl is None or f"`{col.nl}`" in text, (table.nl, col.nl)


def test_the_two_renderings_have_the_same_tables_and_rows(small_data, tmp_path):
    en_paths = write_researcher_csvs(small_data, tmp_path / "en")
    nl_paths = write_exports(small_data, tmp_path / "nl")
    assert [p.stem for p in en_paths] == [t.en for t in TABLES]  # every table, in the definition's order
    nl_csvs = [p.stem for p in nl_paths if p.suffix == ".csv"]
    assert nl_csvs == [t.nl for t in TABLES if t.nl in nl_csvs]
    assert len(nl_csvs) >= 7
    for t in TABLES:
        en = pd.read_csv(tmp_path / "en" / f"{t.en}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        if t.nl not in nl_csvs:
            assert en.empty, t.en  # the consultants' export leaves out what is not computed
            continue
        nl = pd.read_csv(tmp_path / "nl" / f"{t.nl}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert len(en) == len(nl) > 0, t.en
        # the columns both show hold the same cells, row by row
        both = [(c.en, c.nl) for c in t.columns if c.nl is not None and c.nl in nl.columns]
        assert both and all(c_en in en.columns for c_en, _ in both)
        assert en[[e for e, _ in both]].values.tolist() == nl[[n for _, n in both]].values.tolist(), t.en


def test_a_column_added_to_the_definition_appears_in_both_renderings(small_data, tmp_path, monkeypatch):
    import openpyxl

    from stemmen.report import export, export_spec

    docs = export_spec.table("documents")
    added = Table(docs.en, docs.nl, (*docs.columns, Column("channel", "channel", "kanaal", "hoe het binnenkwam")))
    tables = tuple(added if t is docs else t for t in export_spec.TABLES)
    monkeypatch.setattr(export_spec, "TABLES", tables)
    monkeypatch.setattr(export, "TABLES", tables)
    small_data.documents["channel"] = ["balie", "telefoon", "web", "web", "mail", "mail", "app", "app"]
    write_researcher_csvs(small_data, tmp_path / "en")
    write_exports(small_data, tmp_path / "nl")
    en = pd.read_csv(tmp_path / "en" / "documents.csv", encoding="utf-8")
    nl = pd.read_csv(tmp_path / "nl" / "documenten.csv", encoding="utf-8-sig")
    assert "channel" in en.columns and list(nl.columns)[-1] == "kanaal"
    assert en["channel"].tolist() == nl["kanaal"].tolist() == small_data.documents["channel"].tolist()
    wb = openpyxl.load_workbook(tmp_path / "nl" / WORKBOOK, read_only=True)
    assert [c.value for c in next(wb["documenten"].iter_rows(max_row=1))][-1] == "kanaal"
    assert ("documenten", "kanaal", "hoe het binnenkwam") in set(wb["kolommen"].iter_rows(values_only=True))


def test_researcher_only_columns_stay_out_of_the_consultants_export(small_data, tmp_path):
    small_data.documents["file_name"] = "monitor.csv"
    write_researcher_csvs(small_data, tmp_path / "en")
    write_exports(small_data, tmp_path / "nl")
    en = pd.read_csv(tmp_path / "en" / "documents.csv", encoding="utf-8")
    nl = pd.read_csv(tmp_path / "nl" / "documenten.csv", encoding="utf-8-sig")
    assert "file_name" in en.columns and "file_name" not in nl.columns and len(en) == len(nl)


def test_export_leaves_out_what_is_not_computed(small_frames):
    from stemmen.report import build_report_data_from_frames

    docs, _, _ = small_frames
    tables = export_tables(build_report_data_from_frames(docs))
    assert "waardescores" not in tables and "signalen" not in tables and "documenten" in tables


def test_workbook_keeps_relevant_value_scores_and_says_so(small_data, tmp_path):
    import openpyxl

    write_exports(small_data, tmp_path)
    full = pd.read_csv(tmp_path / "waardescores.csv", encoding="utf-8-sig")
    wb = openpyxl.load_workbook(tmp_path / WORKBOOK, read_only=True)
    rows = list(wb["waardescores"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    relevant = full[full["relevantie"] >= small_data.threshold]
    assert 0 < len(body) == len(relevant) < len(full)
    assert min(r[header.index("relevantie")] for r in body) >= small_data.threshold
    notes = [r[2] for r in wb["kolommen"].iter_rows(values_only=True) if r[0] == "waardescores" and not r[1]]
    assert notes and f"{len(relevant)} van {len(full)}" in notes[0]


def test_a_table_longer_than_a_sheet_is_left_to_the_csv_and_named(tmp_path, monkeypatch):
    import openpyxl

    from stemmen.report import export

    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)
    frame = pd.DataFrame({"waarde": ["open", "samenwerken", "open"], "relevantie": [0.9, 0.2, 0.7]})
    export.write_workbook({"waardescores": frame}, tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx", read_only=True)
    assert "waardescores" not in wb.sheetnames
    assert any("te veel voor één Excel-blad" in (r[2] or "") for r in wb["kolommen"].iter_rows(values_only=True))


def test_a_large_workbook_written_by_a_second_process_is_the_same(small_data, tmp_path, monkeypatch):
    import openpyxl

    from stemmen.report import export

    write_exports(small_data, tmp_path / "here")
    monkeypatch.setattr(export, "PARALLEL_CELLS", 0)  # small data through the second-process path
    write_exports(small_data, tmp_path / "there")

    def sheets(path):
        wb = openpyxl.load_workbook(path, read_only=True)
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}

    here, there = sheets(tmp_path / "here" / WORKBOOK), sheets(tmp_path / "there" / WORKBOOK)
    assert here and here == there


FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"klik\")", "+31 6 is geen formule", "-1 punt voor de balie",
            "@SUM(1+1)", "\tingesprongen notitie", "\rnotitie"]


def test_cells_excel_reads_as_formulas_are_neutralised_in_csv_and_workbook(small_data, tmp_path):
    import openpyxl

    for i, text in enumerate(FORMULAS):
        small_data.documents.loc[i, "text"] = text
    write_exports(small_data, tmp_path)
    with open(tmp_path / "documenten.csv", encoding="utf-8-sig", newline="") as f:
        texts = [r["tekst"] for r in csv.DictReader(f)]
    write_researcher_csvs(small_data, tmp_path / "en")
    with open(tmp_path / "en" / "documents.csv", encoding="utf-8", newline="") as f:
        en_texts = [r["text"] for r in csv.DictReader(f)]
    for text in FORMULAS:
        assert "'" + text in texts and text not in texts
        assert "'" + text in en_texts and text not in en_texts
    ws = openpyxl.load_workbook(tmp_path / WORKBOOK)["documenten"]
    col = [c.value for c in ws[1]].index("tekst") + 1
    cells = [ws.cell(row=r, column=col) for r in range(2, 2 + len(FORMULAS))]
    # the text itself (openpyxl reads xlsxwriter's escaped carriage return back as _x000D_) ...
    assert [c.value.replace("_x000D_", "\r") for c in cells] == FORMULAS
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)  # ... shown without apostrophe, text once edited
    plain = ws.cell(row=2 + len(FORMULAS), column=col)
    assert not plain.quotePrefix
    # numbers stay numbers (a negative alignment is no formula)
    scores = pd.read_csv(tmp_path / "segmenten.csv", encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(scores["toon"])


def test_researcher_export_is_safe_too(tmp_path):
    from stemmen import service
    from stemmen.report.cells import safe_frame
    from stemmen.settings import load_settings

    settings = load_settings(env={"STEMMEN_STORE_PATH": str(tmp_path / "s.duckdb")})
    paths = service.export(settings, tmp_path / "out")
    assert paths  # every table written, empty or not
    frame = safe_frame(pd.DataFrame({"tekst": ["=1+1", "gewoon"], "n": [-1, 2]}))
    assert frame["tekst"].tolist() == ["'=1+1", "gewoon"] and frame["n"].tolist() == [-1, 2]
