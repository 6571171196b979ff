"""Exports: CSV and an Excel workbook with Dutch headers, documented in docs/exports.md."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from stemmen.report.export import TABLES, WORKBOOK, export_tables, write_exports

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


def test_every_header_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for table, cols in TABLES.items():
        assert f"`{table}`" in text
        for _, header, _ in cols:
            assert f"`{header}`" in text, (table, header)


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
    for text in FORMULAS:
        assert "'" + text in texts and text not in texts
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
