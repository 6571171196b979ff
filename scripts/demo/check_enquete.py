"""Read the demo survey files back with their intended encoding/format and print counts.

    .venv/bin/python scripts/demo/check_enquete.py [--relapse]
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENQ = ROOT / "data" / "demo" / "enquete"
NON_ANSWERS = {"weet niet", "geen", "n.v.t.", "-", "–", "niks", "geen idee", "geen mening",
               "niks bijzonders.", "niks bijzonders", "n.v.t., ik was drie weken op vakantie."}


def kind(text: str | None) -> str:
    if text is None or not str(text).strip():
        return "leeg"
    return "non" if str(text).strip().lower() in NON_ANSWERS else "antwoord"


def read_csv(path: Path, encoding: str, delimiter: str) -> list[dict[str, str]]:
    raw = path.read_bytes()
    text = raw.decode(encoding)  # strict: fails loudly on a wrong encoding
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def main() -> None:
    answers: list[str] = []
    kinds = collections.Counter()

    p1 = ENQ / "monitor-2025-01-burgers.csv"
    raw1 = p1.read_bytes()
    assert b"\r\n" in raw1 and raw1.count(b"\n") == raw1.count(b"\r\n"), "CRLF expected"
    try:
        raw1.decode("utf-8")
        print("  ! file 1 also decodes as UTF-8")
    except UnicodeDecodeError:
        pass
    r1 = read_csv(p1, "cp1252", ";")
    qs1 = list(r1[0].keys())[4:]
    for r in r1:
        dt.datetime.strptime(r["datum"], "%d-%m-%Y")
        for q in qs1:
            answers.append(r[q])
            kinds[kind(r[q])] += 1
    print(f"{p1.name}: {len(r1)} respondenten, {len(r1) * 2} antwoordcellen, wijken {collections.Counter(r['wijk'] for r in r1)}")
    d1 = [dt.datetime.strptime(r["datum"], "%d-%m-%Y").date() for r in r1]
    print(f"   datums {min(d1)} .. {max(d1)}, kolommen {list(r1[0].keys())}")

    from openpyxl import load_workbook
    p2 = ENQ / "monitor-2025-01-medewerkers.xlsx"
    wb = load_workbook(p2)
    ws = wb["Antwoorden"]
    rows = list(ws.iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert all(isinstance(r[3], dt.datetime) for r in body), "Datum must be real date cells"
    for r in body:
        for v in r[4:6]:
            answers.append(v or "")
            kinds[kind(v)] += 1
    print(f"{p2.name}: sheets {wb.sheetnames}, {len(body)} respondenten, {len(body) * 2} antwoordcellen")
    print(f"   kolommen {list(head)}")
    print(f"   functiegroep {collections.Counter(r[1] for r in body)}, afdeling {collections.Counter(r[2] for r in body)}")
    print(f"   datums {min(r[3] for r in body).date()} .. {max(r[3] for r in body).date()}")

    p3 = ENQ / "pulsmeting-medewerkers.csv"
    assert not p3.read_bytes().startswith(b"\xef\xbb\xbf"), "no BOM expected"
    r3 = read_csv(p3, "utf-8", ",")
    for r in r3:
        answers.append(r["antwoord"])
        kinds[kind(r["antwoord"])] += 1
    print(f"{p3.name}: {len(r3)} antwoorden, {len({r['respondent'] for r in r3})} respondenten")
    print(f"   per maand {dict(sorted(collections.Counter(r['maand'] for r in r3).items()))}")
    print(f"   per afdeling {collections.Counter(r['afdeling'] for r in r3)}")
    print(f"   per groep {collections.Counter(r['groep'] for r in r3)}, per vraag {collections.Counter(r['vraag'] for r in r3)}")

    p4 = ENQ / "monitor-2026-01-burgers.csv"
    assert p4.read_bytes().startswith(b"\xef\xbb\xbf"), "BOM expected"
    r4 = read_csv(p4, "utf-8-sig", ",")
    qs4 = list(r4[0].keys())[4:]
    for r in r4:
        for q in qs4:
            answers.append(r[q])
            kinds[kind(r[q])] += 1
    print(f"{p4.name}: {len(r4)} respondenten, {len(r4) * 2} antwoordcellen, kolommen {list(r4[0].keys())}")
    multiline = sum("\n" in r[q] for r in r4 for q in qs4)
    print(f"   datums {r4[0]['ingevuld_op']} .. {r4[-1]['ingevuld_op']}, antwoorden met regeleinde: {multiline}")

    total = sum(kinds.values())
    print(f"TOTAAL {total} antwoordcellen: {dict(kinds)} -> lege/non-antwoorden {100 * (kinds['leeg'] + kinds['non']) / total:.1f} %")

    pii_file = ROOT / "data" / "demo" / "planted_pii.txt"
    if pii_file.exists():
        blob = "\n".join(str(a) for a in answers)
        planted = [ln for ln in pii_file.read_text(encoding="utf-8").splitlines() if ln.strip()]
        mine = [p for p in planted if p in blob]
        print(f"PII uit planted_pii.txt gevonden in enquetes: {len(mine)}: {mine}")

    if "--relapse" in sys.argv:
        for r in r3:
            if r["afdeling"] == "Vergunningen":
                tag = "NA " if r["maand"] >= "2026-01" else "VOOR"
                print(f"   [{tag}] {r['maand']} {r['respondent']} {r['antwoord']}")


if __name__ == "__main__":
    main()
