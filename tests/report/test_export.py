"""Exports: CSV and an Excel workbook with Dutch headers, documented in docs/exports.md."""

from __future__ import annotations

import csv
from pathlib import Path

from report_fixtures import small_data, small_frames  # noqa: F401  (fixtures)

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
