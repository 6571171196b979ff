"""Assemble the survey (enquete) files of the demo municipality Lindewaard.

The answer texts are hand-written in the enquete_texts_*.py modules next to this script; this
script only adds respondent ids, dates and file formats. Deterministic: fixed seeds, fixed
workbook timestamps. Run from the repo root:

    .venv/bin/python scripts/demo/build_enquete.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from enquete_texts_burgers_2025 import BURGERS_2025  # noqa: E402
from enquete_texts_burgers_2026 import BURGERS_2026  # noqa: E402
from enquete_texts_medewerkers_2025 import MEDEWERKERS_2025  # noqa: E402
from enquete_texts_pulse import PULSE  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "data" / "demo" / "enquete"

Q_BELANGRIJK = "Wat vindt u belangrijk in de manier waarop de gemeente met inwoners omgaat?"
Q_CONTACT = "Hoe ervaart u het contact met de gemeente op dit moment?"
Q_WAARDEN = "Welke waarden wil de gemeente volgens u uitdragen?"
Q_OMGANG = "Hoe gaan we nu met inwoners en met elkaar om?"
Q_MANIFEST = "Hoe merk je in je werk iets van het manifest?"
Q_MAAND = "Wat ging er deze maand goed of mis in het contact met inwoners?"

MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
           "augustus", "september", "oktober", "november", "december"]
AFDELINGEN = ["Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]


def sorted_dates(rng: random.Random, first: dt.date, last: dt.date, n: int) -> list[dt.date]:
    """n submission dates in [first, last], ascending (respondent numbers follow submission order)."""
    span = (last - first).days
    return sorted(first + dt.timedelta(days=rng.randint(0, span)) for _ in range(n))


def write_burgers_2025() -> Path:
    """Wave 1 citizens: cp1252, semicolon, CRLF, dates like 14-1-2025."""
    rng = random.Random(2025_01)
    dates = sorted_dates(rng, dt.date(2025, 1, 6), dt.date(2025, 1, 31), len(BURGERS_2025))
    path = OUT / "monitor-2025-01-burgers.csv"
    with path.open("w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(["respondent", "groep", "wijk", "datum", Q_BELANGRIJK, Q_CONTACT])
        for i, ((wijk, a1, a2), d) in enumerate(zip(BURGERS_2025, dates), start=1):
            w.writerow([f"B{i:03d}", "burger", wijk, f"{d.day}-{d.month}-{d.year}", a1, a2])
    return path


def _freeze_xlsx(raw: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the xlsx zip with fixed entry times and core-property dates (byte-reproducible)."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), data)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    return buf.getvalue()


def write_medewerkers_2025() -> Path:
    """Wave 1 employees: xlsx, sheet 'Antwoorden', real Excel date cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rng = random.Random(2025_02)
    dates = sorted_dates(rng, dt.date(2025, 1, 8), dt.date(2025, 1, 31), len(MEDEWERKERS_2025))
    wb = Workbook()
    ws = wb.active
    ws.title = "Antwoorden"
    ws.append(["Respondentnummer", "Functiegroep", "Afdeling", "Datum", Q_WAARDEN, Q_OMGANG])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, ((groep, afd, a1, a2), d) in enumerate(zip(MEDEWERKERS_2025, dates), start=1):
        # None instead of "" so a blank answer is a truly empty cell, as in a form export.
        ws.append([f"M{i:03d}", groep, afd, d, a1 or None, a2 or None])
        ws.cell(row=i + 1, column=4).number_format = "d-m-yyyy"
    for col, width in zip("ABCDEF", (18, 16, 18, 12, 60, 90)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    stamp = dt.datetime(2025, 2, 3, 9, 0, 0)
    wb.properties.creator = "Gemeente Lindewaard"
    wb.properties.created = stamp
    raw = io.BytesIO()
    wb.save(raw)
    path = OUT / "monitor-2025-01-medewerkers.xlsx"
    path.write_bytes(_freeze_xlsx(raw.getvalue(), stamp))
    return path


def write_pulse() -> Path:
    """Monthly pulse: UTF-8 without BOM, comma, long layout, one question per month (rotating)."""
    rng = random.Random(2025_03)
    pools = {afd: [f"P{k * 20 + j:03d}" for j in range(1, 21)] for k, afd in enumerate(AFDELINGEN)}
    rows = []
    for idx, (maand, answers) in enumerate(sorted(PULSE.items())):
        vraag = Q_MAAND if idx % 2 == 0 else Q_MANIFEST
        for afd in AFDELINGEN:
            leaders, staff = pools[afd][:2], pools[afd][2:]
            picked_staff = iter(rng.sample(staff, 3))
            for a_afd, groep, _topic, text in answers:
                if a_afd != afd:
                    continue
                rid = rng.choice(leaders) if groep == "leidinggevende" else next(picked_staff)
                rows.append([rid, groep, afd, maand, vraag, text])
    rows.sort(key=lambda r: (r[3], r[0]))
    path = OUT / "pulsmeting-medewerkers.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=",", lineterminator="\n")
        w.writerow(["respondent", "groep", "afdeling", "maand", "vraag", "antwoord"])
        w.writerows(rows)
    return path


def write_burgers_2026() -> Path:
    """Wave 2 citizens: UTF-8 with BOM, comma, dates like '12 januari 2026'."""
    rng = random.Random(2026_01)
    dates = sorted_dates(rng, dt.date(2026, 1, 5), dt.date(2026, 1, 30), len(BURGERS_2026))
    path = OUT / "monitor-2026-01-burgers.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=",", lineterminator="\r\n")
        w.writerow(["id", "groep", "wijk", "ingevuld_op", Q_BELANGRIJK, Q_CONTACT])
        for i, ((wijk, a1, a2), d) in enumerate(zip(BURGERS_2026, dates), start=1):
            w.writerow([f"C{i:03d}", "burger", wijk, f"{d.day} {MAANDEN[d.month - 1]} {d.year}", a1, a2])
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for write in (write_burgers_2025, write_medewerkers_2025, write_pulse, write_burgers_2026):
        print(write())


if __name__ == "__main__":
    main()
