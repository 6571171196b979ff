"""Assemble the Bureau Verbindingen case notes (step 5) of the demo municipality Lindewaard.

Reads the hand-written notes from casus_notes_*.py and writes, deterministically:
  data/demo/casussen/casussen-2025.csv    (zaaknummer,datum d-m-yyyy,afdeling,status,notitie)
  data/demo/casussen/casussen-2026.jsonl  (zaak, datum ISO, afdeling, status, tekst)
  data/demo/casussen-sleutel.csv          answer key (value, tone) per note, no text
and appends the planted personal data strings to data/demo/planted_pii.txt (only the ones
not yet listed, so re-running does not duplicate them).

Three deliberately bad rows are inserted for the ingest to reject (see BAD_ROWS).
Run: .venv/bin/python scripts/demo/build_casussen.py
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import casus_notes_openbare_ruimte  # noqa: E402
import casus_notes_publiekszaken  # noqa: E402
import casus_notes_sociaal_domein  # noqa: E402
import casus_notes_vergunningen  # noqa: E402

REPO = HERE.parent.parent
DEMO = REPO / "data" / "demo"
OUT_DIR = DEMO / "casussen"

STATUSES = {"nieuw", "in behandeling", "doorverwezen", "opgelost", "gesloten zonder oplossing"}
VALUES = {"gelijkwaardig", "betrouwbaar", "open", "samenwerken", "initiatief"}

# Bad rows: (case key, ISO date used for placement, status, raw date text or None, text).
# The CSV rows are complete rows with a defect; the JSONL row is a line cut off mid-write.
BAD_CSV_EMPTY = ("O11", "2025-11-13", "in behandeling", None, "")
BAD_CSV_DATE = ("P10", "2025-12-15", "opgelost", "15-13-2025",
                "Akte ontvangen, geboortedatum in de BRP gecorrigeerd. SVB krijgt het via de BRP "
                "automatisch door. Dhr. blij dat het 'eindelijk klopt'.")
BAD_JSONL_TRUNCATED = ("O16", "2026-04-15", "in behandeling", None,
                       "Tel. gesproken met de wijkregisseur over de gebruiksovereenkomst. Vastgoed "
                       "wil eerst een")

# Personal data planted on purpose (exact text as it occurs in the notes).
PLANTED_PII = [
    "Van den Berg", "Kerkstraat 14", "Molenweg 3a", "5612 KL", "040-2345678", "Henk Jansen",
    "Karin Vos", "karin.vos@example.com", "Vos", "Lindelaan 27", "Yilmaz", "06-41827365",
    "Ria Mulder", "Mulder", "214587307", "Johan Smit", "j.smit@example.nl", "Smit", "Bas Bakker",
    "0687654321", "06-29384756", "Visser", "De Wit", "12-03-1958", "+31 6 23 45 67 89",
    "309162543", "NL79 RABO 0361 5284 97",
]


def all_cases() -> list[tuple[str, str, list[tuple]]]:
    return (casus_notes_vergunningen.CASES + casus_notes_sociaal_domein.CASES
            + casus_notes_openbare_ruimte.CASES + casus_notes_publiekszaken.CASES)


def assign_ids(cases) -> dict[str, str]:
    """Number cases BV-<year>-NNNN per starting year, in order of their first note."""
    ordered = sorted(cases, key=lambda c: (min(n[0] for n in c[2]), c[0]))
    counters: dict[str, int] = {}
    ids = {}
    for key, _dept, notes in ordered:
        year = min(n[0] for n in notes)[:4]
        counters[year] = counters.get(year, 0) + 1
        ids[key] = f"BV-{year}-{counters[year]:04d}"
    return ids


def validate(cases) -> None:
    keys = [c[0] for c in cases]
    assert len(keys) == len(set(keys)), "duplicate case key"
    texts = set()
    for key, _dept, notes in cases:
        assert 2 <= len(notes) <= 4, f"{key}: {len(notes)} notes"
        dates = [n[0] for n in notes]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), f"{key}: dates not increasing"
        for iso, status, value, tone, text in notes:
            date.fromisoformat(iso)
            assert "2025-01-01" <= iso <= "2026-08-31", f"{key}: {iso} outside period"
            assert status in STATUSES, f"{key}: status {status!r}"
            assert value in VALUES, f"{key}: value {value!r}"
            assert tone in (-1, 0, 1), f"{key}: tone {tone!r}"
            assert text.strip() and text not in texts, f"{key}: empty or duplicate note"
            texts.add(text)


def dutch_short(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day}-{d.month}-{d.year}"


def main() -> None:
    cases = all_cases()
    validate(cases)
    ids = assign_ids(cases)
    dept_of = {key: dept for key, dept, _ in cases}

    notes = [(iso, ids[key], dept, status, value, tone, text)
             for key, dept, ns in cases for iso, status, value, tone, text in ns]
    notes.sort(key=lambda n: (n[0], n[1]))

    # (sort key, kind, payload): kind "ok" for real notes, "bad" for the planted defects.
    rows_2025, rows_2026 = [], []
    for n in notes:
        (rows_2025 if n[0] < "2026" else rows_2026).append(((n[0], n[1]), "ok", n))
    for key, iso, status, raw, text in (BAD_CSV_EMPTY, BAD_CSV_DATE):
        rows_2025.append(((iso, ids[key] + "~"), "bad", (raw or dutch_short(iso), ids[key],
                                                          dept_of[key], status, text)))
    key, iso, status, _raw, text = BAD_JSONL_TRUNCATED
    rows_2026.append(((iso, ids[key] + "~"), "bad", (iso, ids[key], dept_of[key], status, text)))
    rows_2025.sort(key=lambda r: r[0])
    rows_2026.sort(key=lambda r: r[0])

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    key_rows = []
    bad_positions = []

    with open(OUT_DIR / "casussen-2025.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["zaaknummer", "datum", "afdeling", "status", "notitie"])
        for record_no, (_, kind, p) in enumerate(rows_2025, start=1):
            if kind == "bad":
                raw_date, zaak, dept, status, text = p
                writer.writerow([zaak, raw_date, dept, status, text])
                bad_positions.append(("casussen-2025.csv", record_no, zaak, raw_date))
                continue
            iso, zaak, dept, status, value, tone, text = p
            writer.writerow([zaak, dutch_short(iso), dept, status, text])
            key_rows.append([zaak, iso, dept, value, tone, "casussen-2025.csv", record_no])

    with open(OUT_DIR / "casussen-2026.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for line_no, (_, kind, p) in enumerate(rows_2026, start=1):
            if kind == "bad":
                iso, zaak, dept, status, text = p
                full = json.dumps({"zaak": zaak, "datum": iso, "afdeling": dept,
                                   "status": status, "tekst": text}, ensure_ascii=False)
                fh.write(full[:-2] + "\n")  # cut before the closing quote and brace
                bad_positions.append(("casussen-2026.jsonl", line_no, zaak, iso))
                continue
            iso, zaak, dept, status, value, tone, text = p
            fh.write(json.dumps({"zaak": zaak, "datum": iso, "afdeling": dept,
                                 "status": status, "tekst": text}, ensure_ascii=False) + "\n")
            key_rows.append([zaak, iso, dept, value, tone, "casussen-2026.jsonl", line_no])

    with open(DEMO / "casussen-sleutel.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["zaaknummer", "datum", "afdeling", "waarde", "toon", "bestand", "rij"])
        writer.writerows(key_rows)

    all_text = "\n".join(n[6] for n in notes)
    missing = [s for s in PLANTED_PII if s not in all_text]
    assert not missing, f"planted PII not found in notes: {missing}"
    pii_file = DEMO / "planted_pii.txt"
    present = set(pii_file.read_text(encoding="utf-8").splitlines()) if pii_file.exists() else set()
    new = [s for s in PLANTED_PII if s not in present]
    if new:
        prefix = ""
        if pii_file.exists() and pii_file.stat().st_size:
            prefix = "" if pii_file.read_bytes().endswith(b"\n") else "\n"
        with open(pii_file, "a", encoding="utf-8") as fh:
            fh.write(prefix + "\n".join(new) + "\n")

    print(f"cases: {len(cases)}  notes: {len(notes)}  "
          f"(2025: {sum(1 for r in rows_2025 if r[1] == 'ok')}, "
          f"2026: {sum(1 for r in rows_2026 if r[1] == 'ok')})")
    for pos in bad_positions:
        print("bad row:", *pos)
    print(f"planted PII appended: {len(new)} of {len(PLANTED_PII)}")


if __name__ == "__main__":
    main()
