"""Data for the benchmarks and evaluations in ``bench/``: loaders of the evaluation sets and a
synthetic corpus built from the demo's real texts.

It lives in the package (not in ``bench/``) so that tests can check it without importing
scripts. Nothing here runs in the pipeline.
"""

from __future__ import annotations

import csv
import json
import random
import re
from itertools import combinations
from pathlib import Path

from stemmen.workspace import demo_source

DEPARTMENTS = ["Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]
STATUSES = ["nieuw", "in behandeling", "opgelost"]
GROUPS = ["burger", "medewerker", "leidinggevende"]
LONG_FRACTION = 0.2  # share of documents that are multi-sentence case notes
MAX_CHARS = 300  # [analysis] segment_max_chars default: shorter texts are one segment


def load_sts(path: Path) -> list[tuple[float, str, str]]:
    """(score 0-5, sentence a, sentence b) of a hand-scored similarity set (data/eval/similarity)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(float(r["score"]), r["sentence_a"], r["sentence_b"])
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def load_sib(folder: Path, splits: tuple[str, ...] = ("dev", "test")) -> list[tuple[str, str]]:
    """(topic, text) rows of the SIB-200 Dutch topic set (data/eval/sib200-nl)."""
    rows = []
    for split in splits:
        with (folder / f"{split}.tsv").open(encoding="utf-8", newline="") as fh:
            rows += [(r["category"], r["text"]) for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return rows


def sib_pairs(rows: list[tuple[str, str]], n: int, seed: int) -> list[tuple[int, int, int]]:
    """``n`` same-topic and ``n`` different-topic index pairs (i < j), sampled without replacement."""
    same, diff = [], []
    for i, j in combinations(range(len(rows)), 2):
        (same if rows[i][0] == rows[j][0] else diff).append((i, j))
    rng = random.Random(seed)
    return [(i, j, 1) for i, j in rng.sample(same, min(n, len(same)))] + \
           [(i, j, 0) for i, j in rng.sample(diff, min(n, len(diff)))]


def _csv_rows(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[dict]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def demo_documents() -> list[tuple[str, str]]:
    """(document id, text) of the demo's survey answers, manifest reactions and case notes."""
    docs: list[tuple[str, str]] = []
    for r in _csv_rows(demo_source() / "enquete" / "pulsmeting-medewerkers.csv"):
        docs.append((f"puls:{r['respondent']}:{r['maand']}", r["antwoord"]))
    burgers = _csv_rows(demo_source() / "enquete" / "monitor-2026-01-burgers.csv")
    for r in burgers:
        for q in list(r)[4:]:
            docs.append((f"burger26:{r['id']}:{q[:10]}", r[q] or ""))
    for r in _csv_rows(demo_source() / "manifest_reacties" / "reacties-bijeenkomsten-2025.csv"):
        docs.append((f"reactie:{r['reactie_id']}", r["reactie"]))
    for r in _csv_rows(demo_source() / "casussen" / "casussen-2025.csv"):
        docs.append((f"casus:{r['zaaknummer']}", r["notitie"]))
    for line in (demo_source() / "casussen" / "casussen-2026.jsonl").read_text(encoding="utf-8").splitlines():
        try:  # the demo file has a deliberately broken line (reader tests)
            r = json.loads(line)
            docs.append((f"casus:{r['zaak']}", str(r["tekst"])))
        except (ValueError, KeyError, TypeError):
            continue
    return docs


def demo_sentences() -> list[tuple[str, str]]:
    """(document id, sentence): complete sentences of 4+ words ending in '.', without planted PII."""
    planted = (demo_source() / "planted_pii.txt").read_text(encoding="utf-8").splitlines()
    pii = [p.strip().lower() for p in planted if p.strip()]
    out = []
    for doc_id, text in demo_documents():
        for s in re.split(r"(?<=[.!?])\s+", text.strip()):
            s = s.strip()
            # one sentence, no inner sentence end, so that "A; b" stays one sentence for the splitter
            # (a quoted sentence inside, or an abbreviation at the end like "n.a.v.", would be cut)
            if (len(s.split()) >= 4 and s.endswith(".") and not re.search(r"[.!?:;][\"'”’)]*\s", s[:-1])
                    and not re.search(r"\w\.\w+\.$", s) and not any(p in s.lower() for p in pii)):
                out.append((doc_id, s))
    return out


def _join(a: str, b: str) -> str:
    """'A.' + 'B.' -> 'A; b.' (one new sentence made of two real ones)."""
    b = b[0].lower() + b[1:] if b[0].isupper() and b[1:2].islower() else b  # not for "PZ", "BSN"
    return f"{a[:-1]}; {b}"


def build_corpus(ws: Path, n_segments: int, seed: int) -> dict:
    """Write enquete.csv and casussen.csv with about ``n_segments`` planned segments, all texts distinct."""
    sentences = demo_sentences()
    rng = random.Random(seed)
    seen: set[str] = set()

    def compound(max_len: int) -> str:
        while True:
            (da, a), (db, b) = rng.choice(sentences), rng.choice(sentences)
            if da == db:
                continue  # two sentences of different documents
            text = _join(a, b)
            if len(text) <= max_len and text not in seen:
                seen.add(text)
                return text

    survey, cases = [], []
    planned = 0
    i = 0
    while planned < n_segments:
        i += 1
        month = i % 20  # Jan 2025 .. Aug 2026, like the demo
        year, mon = 2025 + month // 12, month % 12 + 1
        date = f"{year}-{mon:02d}-{1 + rng.randrange(28):02d}"
        if rng.random() < LONG_FRACTION and n_segments - planned >= 2:
            k = min(rng.choice((2, 3)), n_segments - planned)
            parts = [compound(MAX_CHARS) for _ in range(k)]
            while len(" ".join(parts)) <= MAX_CHARS:  # must exceed max_chars to be split
                parts[-1] = compound(MAX_CHARS)
                if len(" ".join(parts)) <= MAX_CHARS:
                    parts.append(compound(MAX_CHARS))
            cases.append([f"SYN-{i:06d}", date, rng.choice(DEPARTMENTS), rng.choice(STATUSES), " ".join(parts)])
            planned += len(parts)
        elif rng.random() < 0.5:
            cases.append([f"SYN-{i:06d}", date, rng.choice(DEPARTMENTS), rng.choice(STATUSES), compound(MAX_CHARS)])
            planned += 1
        else:
            survey.append([f"R{i:06d}", rng.choice(GROUPS), rng.choice(DEPARTMENTS), date,
                           "Wat ging er deze maand goed of mis in het contact met inwoners?", compound(MAX_CHARS)])
            planned += 1
    with open(ws / "enquete.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["respondent", "groep", "afdeling", "datum", "vraag", "antwoord"])
        w.writerows(survey)
    with open(ws / "casussen.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["zaaknummer", "datum", "afdeling", "status", "notitie"])
        w.writerows(cases)
    return {"demo_sentences": len(sentences), "survey_docs": len(survey), "case_docs": len(cases),
            "long_case_docs": sum(len(r[4]) > MAX_CHARS for r in cases), "planned_segments": planned}
