"""The spreadsheet round trip: every filled-in row checked, nothing imported half."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from stemmen.errors import StemmenError
from stemmen.manifest import parse_manifest
from stemmen.review.workbook import HEADERS, read_workbook

MANIFEST = parse_manifest({"manifest": {"naam": "Teststad", "versie": "1"}, "waarde": [
    {"id": "betrouwbaar", "naam": "Betrouwbaar", "beschrijving": "We doen wat we zeggen.",
     "gedrag": ["We komen afspraken na."], "tegengedrag": ["We laten mails liggen."]},
    {"id": "open", "naam": "Open", "beschrijving": "We zijn eerlijk.",
     "gedrag": ["We leggen uit."], "tegengedrag": ["We houden informatie achter."]}]})
TEXTS = {"s1": "Ik werd precies op tijd teruggebeld.", "s2": "Niemand legde uit waarom het zo lang duurde.",
         "s3": "Het regende die dag."}


def _sheet(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "review"
    ws.append(HEADERS)
    for sid, value, stance in rows:
        ws.append([sid, "enquete", "burger", "", "2025-05", "", "tekst in het blad", "", "", 0.5, value, stance])
    path = tmp_path / "werkblad.xlsx"
    wb.save(path)
    return path


def test_filled_rows_become_labels_with_the_stored_text(tmp_path):
    path = _sheet(tmp_path, [("s1", "betrouwbaar", "+"), ("s2", "Open", "−"), ("s3", "geen", ""), ("s1", "", "")])
    labels = read_workbook(path, MANIFEST, TEXTS)
    assert [(lb.segment_id, lb.value_id, lb.stance) for lb in labels] == [
        ("s1", "betrouwbaar", "+"), ("s2", "open", "-"), ("s3", None, None)]
    assert labels[0].text == TEXTS["s1"]  # the stored (pseudonymised) text, not the sheet's


def test_unknown_value_or_direction_is_named_with_its_row_and_nothing_is_imported(tmp_path):
    path = _sheet(tmp_path, [("s1", "betrouwbaar", "+"), ("s2", "eerlijk", "-"), ("s3", "open", "?")])
    with pytest.raises(StemmenError) as err:
        read_workbook(path, MANIFEST, TEXTS)
    message = str(err.value)
    assert "niets ingelezen, 2 fout(en)" in message
    assert "rij 3: onbekende waarde 'eerlijk'" in message and "rij 4: richting '?'" in message


class _Chosen:
    """What the workbook writer reads from a review session: segments, readings, values."""

    def __init__(self):
        from stemmen.review.session import Segment

        self.value_ids = MANIFEST.value_ids
        self.names = {v.id: v.naam for v in MANIFEST.waarden}
        self.segments = [Segment(sid, text, "enquete", "monitor", "burger", "Burgerzaken", "2025-05")
                         for sid, text in TEXTS.items()]

    def reading_of(self, i):
        return {"value_id": "open", "stance": "-", "relevance": 0.41}


def test_an_exported_sheet_has_drop_down_lists_and_reads_back(tmp_path):
    from openpyxl import load_workbook

    from stemmen.review.workbook import write_workbook

    path = tmp_path / "werkblad.xlsx"
    write_workbook(path, _Chosen(), [0, 2])
    wb = load_workbook(path)
    ws = wb["review"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"K2:K3": "=lijsten!$A$1:$A$3", "L2:L3": '"+,-"'}
    assert [c.value for c in wb["lijsten"]["A"][:3]] == ["betrouwbaar", "open", "geen"]
    ws["K2"], ws["L2"], ws["K3"] = "open", "-", "geen"
    wb.save(path)
    labels = read_workbook(path, MANIFEST, TEXTS)
    assert [(lb.segment_id, lb.value_id, lb.stance) for lb in labels] == [("s1", "open", "-"), ("s3", None, None)]


def test_a_segment_that_looks_like_a_formula_stays_text(tmp_path):
    from openpyxl import load_workbook

    from stemmen.review.workbook import write_workbook

    chosen = _Chosen()
    texts = dict(TEXTS, s2='=HYPERLINK("http://voorbeeld.nl","klik") stond in de mail')
    from stemmen.review.session import Segment

    chosen.segments = [Segment(sid, text, "enquete", "monitor", "burger", "Burgerzaken", "2025-05")
                       for sid, text in texts.items()]
    path = tmp_path / "werkblad.xlsx"
    write_workbook(path, chosen, [1])
    cell = load_workbook(path)["review"]["G2"]
    assert cell.data_type == "s" and cell.quotePrefix
    assert cell.value.startswith("=HYPERLINK")
