"""Read the demo case notes back as an ingest would and print counts (no PII printed).

Counts notes per month x department, lists rows an ingest must reject, and shows the
Vergunningen/gelijkwaardig series from the answer key (data/demo/casussen-sleutel.csv).
Run: .venv/bin/python scripts/demo/check_casussen.py
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent.parent / "data" / "demo"
DEPTS = ["Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]


def read_csv(path: Path):
    good, bad = [], []
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for record_no, row in enumerate(reader, start=1):
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", row["datum"])
        try:
            iso = date(int(m[3]), int(m[2]), int(m[1])).isoformat() if m else None
        except ValueError:
            iso = None
        line = reader.line_num  # physical line on which the record ends
        if iso is None:
            bad.append((path.name, f"record {record_no} (regel {line})", "ongeldige datum", row["datum"]))
        elif not row["notitie"].strip():
            bad.append((path.name, f"record {record_no} (regel {line})", "lege notitie", row["zaaknummer"]))
        else:
            good.append((row["zaaknummer"], iso, row["afdeling"], row["status"], row["notitie"]))
    return good, bad


def read_jsonl(path: Path):
    good, bad = [], []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((path.name, f"regel {line_no}", "kapotte JSON", exc.msg))
            continue
        date.fromisoformat(obj["datum"])
        good.append((obj["zaak"], obj["datum"], obj["afdeling"], obj["status"], obj["tekst"]))
    return good, bad


def main() -> None:
    g25, b25 = read_csv(DEMO / "casussen" / "casussen-2025.csv")
    g26, b26 = read_jsonl(DEMO / "casussen" / "casussen-2026.jsonl")
    notes = g25 + g26
    assert all(n[1].startswith("2025") for n in g25) and all(n[1].startswith("2026") for n in g26)
    cases = {n[0] for n in notes}
    per_case = Counter(n[0] for n in notes)
    print(f"notes: {len(notes)} (2025: {len(g25)}, 2026: {len(g26)}), cases: {len(cases)}, "
          f"notes per case: min {min(per_case.values())} max {max(per_case.values())}")
    print("cases continuing into 2026:", sorted({n[0] for n in g26 if n[0].startswith('BV-2025')}))
    print("rejected rows:")
    for b in b25 + b26:
        print("  ", *b)

    months = sorted({n[1][:7] for n in notes})
    table = Counter((n[1][:7], n[2]) for n in notes)
    print("\nmonth    " + "".join(f"{d[:14]:>16}" for d in DEPTS) + "   total")
    for m in months:
        print(f"{m}  " + "".join(f"{table[(m, d)]:>16}" for d in DEPTS)
              + f"   {sum(table[(m, d)] for d in DEPTS):>5}")
    print("total    " + "".join(f"{sum(table[(m, d)] for m in months):>16}" for d in DEPTS))
    print("status:", dict(Counter(n[3] for n in notes)))

    key = list(csv.DictReader(open(DEMO / "casussen-sleutel.csv", encoding="utf-8")))
    assert len(key) == len(notes)
    print("\nvalue x department (notes):")
    vd = Counter((k["waarde"], k["afdeling"]) for k in key)
    for v in ["gelijkwaardig", "betrouwbaar", "open", "samenwerken", "initiatief"]:
        print(f"  {v:<14}" + "".join(f"{vd[(v, d)]:>6}" for d in DEPTS))

    def series(pred):
        s = defaultdict(list)
        for k in key:
            if pred(k):
                s[k["datum"][:7]].append(int(k["toon"]))
        return s

    vg = series(lambda k: k["afdeling"] == "Vergunningen" and k["waarde"] == "gelijkwaardig")
    print("\nVergunningen / gelijkwaardig per month: n, tone (+/0/-), mean")
    for m in months:
        t = vg.get(m, [])
        c = Counter(t)
        mean = sum(t) / len(t) if t else float("nan")
        print(f"  {m}  n={len(t):>2}  +{c[1]} 0{c[0]} -{c[-1]}  mean={mean:+.2f}"
              + ("   <- relapse" if m >= "2026-01" else ""))

    def mean_of(pred):
        t = [int(k["toon"]) for k in key if pred(k)]
        return f"{sum(t) / len(t):+.2f} (n={len(t)})"

    print("\nmean tone before 2026-01 vs from 2026-01:")
    groups = {
        "Vergunningen/gelijkwaardig": lambda k: k["afdeling"] == "Vergunningen" and k["waarde"] == "gelijkwaardig",
        "Vergunningen/other values": lambda k: k["afdeling"] == "Vergunningen" and k["waarde"] != "gelijkwaardig",
        "other depts/gelijkwaardig": lambda k: k["afdeling"] != "Vergunningen" and k["waarde"] == "gelijkwaardig",
        "other depts/other values": lambda k: k["afdeling"] != "Vergunningen" and k["waarde"] != "gelijkwaardig",
    }
    for name, pred in groups.items():
        before = mean_of(lambda k, pred=pred: pred(k) and k["datum"] < "2026")
        after = mean_of(lambda k, pred=pred: pred(k) and k["datum"] >= "2026")
        print(f"  {name:<28} {before:>16}   {after:>16}")


if __name__ == "__main__":
    main()
