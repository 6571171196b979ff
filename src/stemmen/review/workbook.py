"""The review as a spreadsheet, for consultants who label with colleagues.

``write_workbook``: the chosen segments with stemmen's reading and two columns to fill,
``waarde`` and ``richting``, with drop-down lists (openpyxl data validation). ``read_workbook``:
every filled-in row checked before any is used; a wrong value or direction is named with its
row, and then nothing is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from stemmen.errors import Errors, StemmenError
from stemmen.labels import NO_VALUE, Label, label_problem, now
from stemmen.report.cells import is_risky

SHEET = "review"
LISTS = "lijsten"
HEADERS = ("segment_id", "bron", "groep", "afdeling", "maand", "thema", "tekst", "stemmen_waarde",
           "stemmen_richting", "stemmen_zekerheid", "waarde", "richting")
HELP = ("Kies per rij in 'waarde' de waarde waarover de tekst gaat (of 'geen') en in 'richting' + (geleefd) of"
        " - (geschonden); laat beide leeg om een rij over te slaan. Lees in met: stemmen review --import <bestand>.")


def write_workbook(path: str | Path, session: Any, chosen: Sequence[int]) -> None:
    """The chosen segments as an Excel sheet a consultant fills in offline (value and direction from drop-down
    lists)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADERS)
    for c in ws[1]:
        c.font = Font(bold=True)
    for i in chosen:
        s, r = session.segments[i], session.reading_of(i)
        ws.append([s.segment_id, s.kind, s.group, s.department, s.month, s.theme, s.text, r["value_id"],
                   r["stance"], round(r["relevance"], 2), "", ""])
        ws.cell(ws.max_row, 7).alignment = Alignment(wrap_text=True, vertical="top")
        for c in ws[ws.max_row]:
            if is_risky(c.value):  # openpyxl would store '=...' as a formula: keep it text (OWASP)
                c.data_type, c.quotePrefix = "s", True
    lists = wb.create_sheet(LISTS)
    options = list(session.value_ids) + [NO_VALUE]
    for k, v in enumerate(options, start=1):
        lists.cell(k, 1, v)
        lists.cell(k, 2, session.names.get(v, "over geen enkele waarde"))
    lists.cell(1, 4, "+")
    lists.cell(2, 4, "-")
    lists.cell(4, 4, HELP)
    last = max(ws.max_row, 2)
    dv_value = DataValidation(type="list", formula1=f"={LISTS}!$A$1:$A${len(options)}", allow_blank=True,
                              showErrorMessage=True, errorTitle="Onbekende waarde",
                              error="Kies een waarde uit de lijst (of 'geen').")
    dv_stance = DataValidation(type="list", formula1='"+,-"', allow_blank=True, showErrorMessage=True,
                               errorTitle="Onbekende richting", error="Kies + (geleefd) of - (geschonden).")
    ws.add_data_validation(dv_value)
    ws.add_data_validation(dv_stance)
    dv_value.add(f"K2:K{last}")
    dv_stance.add(f"L2:L{last}")
    for col, width in zip("ABCDEFGHIJKL", (12, 14, 12, 16, 9, 22, 70, 16, 10, 10, 16, 9)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def read_workbook(path: str | Path, manifest: Any, texts: Mapping[str, str]) -> list[Label]:
    """The labels of a filled-in workbook; ``texts``: the stored text per segment id (the text
    in the sheet is not trusted). Raises naming every bad row; nothing is returned half."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise StemmenError(Errors.E1002.format(path=path, problem=f"geen leesbaar Excel-bestand ({exc})")) from exc
    if SHEET not in wb.sheetnames:
        raise StemmenError(Errors.E1002.format(path=path, problem=f"werkblad '{SHEET}' ontbreekt"))
    rows = list(wb[SHEET].iter_rows(values_only=True))
    wb.close()
    head = [str(c or "").strip().lower() for c in (rows[0] if rows else ())]
    missing = [c for c in ("segment_id", "waarde", "richting") if c not in head]
    if missing:
        raise StemmenError(Errors.E1002.format(path=path, problem=f"kolom(men) {', '.join(missing)} ontbreken"))
    col = {c: head.index(c) for c in ("segment_id", "waarde", "richting")}
    by_name = {v.id.lower(): v.id for v in manifest.waarden} | {v.naam.lower(): v.id for v in manifest.waarden}
    known = set(manifest.value_ids)
    out, problems = [], []
    for n, row in enumerate(rows[1:], start=2):
        cell = {k: str(row[i] if i < len(row) and row[i] is not None else "").strip() for k, i in col.items()}
        if not cell["waarde"] and not cell["richting"]:
            continue  # not labelled
        sid = cell["segment_id"]
        value = cell["waarde"].lower()
        value = NO_VALUE if value == NO_VALUE else by_name.get(value, cell["waarde"])
        stance = cell["richting"].replace("−", "-")
        problem = ("segment_id ontbreekt of is onbekend in deze werkruimte" if sid not in texts
                   else label_problem(texts[sid], value, stance, known))
        if problem:
            problems.append(Errors.E1001.format(path=path.name, row=n, problem=problem))
            continue
        out.append(Label(sid, texts[sid], None if value == NO_VALUE else value, stance or None, now()))
    if problems:
        shown = "; ".join(problems[:10]) + (f"; en nog {len(problems) - 10}" if len(problems) > 10 else "")
        raise StemmenError(Errors.E1002.format(path=path, problem=f"niets ingelezen, {len(problems)} fout(en): {shown}"))
    if not out:
        raise StemmenError(Errors.E1002.format(path=path, problem="geen enkele ingevulde rij (kolommen waarde en richting)"))
    return out
