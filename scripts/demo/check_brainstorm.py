"""Read the demo brainstorm files and manifest comments back and print counts.

Independent of the builder: parses the finished files the way a reader would
(plain text, WebVTT, python-docx, SRT, csv) so that format mistakes show up.

Run: .venv/bin/python scripts/demo/check_brainstorm.py
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
BS = DEMO / "brainstorm"

TURN_RE = re.compile(r"^(?P<name>[A-Z][^():\n]*?) \((?P<role>[a-z]+)\): ?(?P<text>.*)$")
TIME_RE = re.compile(r"^\d\d:\d\d:\d\d[.,]\d{3} --> \d\d:\d\d:\d\d[.,]\d{3}$")
VOICE_RE = re.compile(r"^<v (?P<name>[^>]+)>(?P<text>.*)</v>$")
SRT_NAME_RE = re.compile(r"^(?P<name>[A-Z][\w'-]*(?: [\w'-]+){1,3}): (?P<text>.*)$")


def merge(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge consecutive pieces of one speaker into one turn."""
    turns: list[tuple[str, str]] = []
    for name, text in pairs:
        if turns and turns[-1][0] == name:
            turns[-1] = (name, f"{turns[-1][1]} {text}")
        else:
            turns.append((name, text))
    return turns


def read_txt(path: Path) -> list[tuple[str, str, str]]:
    turns: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = TURN_RE.match(line)
        if m:
            turns.append([m["name"], m["role"], m["text"]])
        elif turns and line.strip():
            turns[-1][2] += " " + line.strip()
    return [tuple(t) for t in turns]


def read_roles(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {r["naam"]: r["rol"] for r in csv.DictReader(f)}


def read_vtt(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "WEBVTT"
    pieces = []
    for i, line in enumerate(lines):
        if TIME_RE.match(line):
            m = VOICE_RE.match(lines[i + 1])
            assert m, lines[i + 1]
            pieces.append((m["name"], m["text"]))
    return merge(pieces)


def read_srt(path: Path) -> list[tuple[str, str]]:
    pieces = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        num, times, *text = block.split("\n")
        assert num.isdigit() and TIME_RE.match(times), block
        m = SRT_NAME_RE.match(text[0])
        assert m, text[0]
        for extra in text[1:]:
            assert not SRT_NAME_RE.match(extra), f"vervolgregel lijkt op spreker: {extra}"
        pieces.append((m["name"], " ".join([m["text"], *text[1:]])))
    return merge(pieces)


def read_docx(path: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    import docx

    paras = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    turns = []
    for p in paras[2:]:
        m = TURN_RE.match(p)
        assert m, p
        turns.append((m["name"], m["role"], m["text"]))
    return paras[:2], turns


def main() -> None:
    roles_ok = {"burger", "medewerker", "leidinggevende", "raadslid", "bestuurder", "gespreksleider"}
    speakers: dict[str, str] = {}
    sessions: dict[str, list[tuple[str, str, str]]] = {}

    sessions["2025-02-10 wijkcentrum (txt)"] = read_txt(BS / "2025-02-10-wijkcentrum-de-linde.txt")

    roles = read_roles(BS / "2025-02-24-online-sessie.deelnemers.csv")
    sessions["2025-02-24 online (vtt)"] = [(n, roles[n], t) for n, t in read_vtt(BS / "2025-02-24-online-sessie.vtt")]

    header, turns = read_docx(BS / "2025-03-05-raad-en-organisatie.docx")
    assert header[1] == "5 maart 2025", header
    sessions["2025-03-05 raad en organisatie (docx)"] = turns

    roles = read_roles(BS / "2026-03-12-terugblik.deelnemers.csv")
    sessions["2026-03-12 terugblik (srt)"] = [(n, roles[n], t) for n, t in read_srt(BS / "2026-03-12-terugblik.srt")]

    total = 0
    for name, turns in sessions.items():
        by_role = Counter(r for _, r, _ in turns)
        assert set(by_role) <= roles_ok, by_role
        words = [len(t.split()) for _, _, t in turns]
        print(f"{name}: {len(turns)} beurten, {len({n for n, _, _ in turns})} sprekers, "
              f"woorden per beurt {min(words)}-{max(words)}, rollen {dict(by_role)}")
        total += len(turns)
        for n, r, _ in turns:
            speakers[n] = r
    print(f"totaal beurten: {total}, unieke sprekers: {len(speakers)}")

    manifest = tomllib.loads((DEMO / "manifest.toml").read_text(encoding="utf-8"))
    value_ids = [w["id"] for w in manifest["waarde"]]
    with (DEMO / "manifest_reacties" / "reacties-bijeenkomsten-2025.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    bad, per_value, per_article, per_dept, per_date = [], Counter(), Counter(), Counter(), Counter()
    for i, r in enumerate(rows, start=2):  # row 1 is the header
        problems = []
        if not r["reactie"].strip():
            problems.append("lege reactie")
        if r["waarde"] and r["waarde"] not in value_ids:
            problems.append(f"onbekende waarde {r['waarde']!r}")
        try:
            d = date.fromisoformat(r["datum"])
            if not date(2025, 4, 7) <= d <= date(2025, 6, 30):
                problems.append(f"datum buiten bereik {d}")
        except ValueError:
            problems.append(f"ongeldige datum {r['datum']!r}")
        if not r["waarde"] and not r["artikel"]:
            problems.append("geen waarde en geen artikel")
        if problems:
            bad.append((i, r["reactie_id"], problems))
            continue
        per_value[r["waarde"] or "(alleen artikel)"] += 1
        if r["artikel"]:
            per_article[r["artikel"]] += 1
        per_dept[r["afdeling"]] += 1
        per_date[r["datum"]] += 1
    print(f"reacties: {len(rows)} rijen, {len(rows) - len(bad)} geldig")
    print("per waarde:", dict(per_value))
    print("met artikel:", dict(sorted(per_article.items())),
          "waarvan ook waarde:", sum(1 for r in rows if r["waarde"] and r["artikel"]))
    print("per afdeling:", dict(per_dept))
    print("per datum:", dict(sorted(per_date.items())))
    print("functie:", dict(Counter(r["functie"] for r in rows)))
    for i, rid, problems in bad:
        print(f"fout: regel {i} ({rid}): {', '.join(problems)}")

    planted = (DEMO / "planted_pii.txt").read_text(encoding="utf-8").splitlines()
    missing_speakers = [n for n in speakers if n not in planted]
    print("sprekers niet in planted_pii.txt:", missing_speakers)
    print("planted_pii.txt regels:", len(planted))


if __name__ == "__main__":
    main()
