"""Ingest throughput and peak memory, with and without pseudonymisation.

    .venv/bin/python bench/bench_ingest.py            # all cases, one subprocess each
    .venv/bin/python bench/bench_ingest.py --case survey20k --mode rules   # one case

Cases: ``demo`` (the demo municipality, all sources) and ``survey20k`` (a
20,000-row wide survey export with two open questions, built from the demo's
real answers). Modes: ``deduce`` (default: deduce + project rules), ``rules``
(project rules only), ``none`` (no pseudonymisation: the cost of reading,
mapping and storing alone; never used in the product). Each run starts from an
empty store in a fresh process, so peak RSS includes loading deduce.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"
Q1 = "Wat vindt u belangrijk in de manier waarop de gemeente met inwoners omgaat?"
Q2 = "Hoe ervaart u het contact met de gemeente op dit moment?"


def build_survey(path: Path, rows: int = 20_000, seed: int = 7) -> None:
    """A large export made of the demo's real answers (re-sampled), semicolon, Windows-1252."""
    answers = []
    for name in ("monitor-2025-01-burgers.csv", "monitor-2026-01-burgers.csv"):
        p = DEMO / "enquete" / name
        enc = "cp1252" if "2025" in name else "utf-8-sig"
        with open(p, encoding=enc, newline="") as fh:
            reader = csv.reader(fh, delimiter=";" if "2025" in name else ",")
            next(reader)
            for r in reader:
                answers += [a for a in r[4:6] if a.strip()]
    rng = random.Random(seed)
    wijken = ["Centrum", "De Linde", "Waardhoven", "Oosterveld", "Buitengebied"]
    with open(path, "w", encoding="cp1252", errors="replace", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["respondent", "groep", "wijk", "datum", Q1, Q2])
        for i in range(rows):
            day = rng.randint(1, 28)
            w.writerow([f"R{i:06d}", "burger", rng.choice(wijken), f"{day}-3-2025", rng.choice(answers),
                        rng.choice(answers)])


def workspace(case: str, tmp: Path) -> Path:
    if case == "demo":
        shutil.copytree(DEMO, tmp / "ws")
        return tmp / "ws"
    ws = tmp / "ws"
    (ws / "enquete").mkdir(parents=True)
    build_survey(ws / "enquete" / "export.csv")
    (ws / "stemmen.toml").write_text(
        f"""[[sources]]
kind = "enquete"
path = "enquete/export.csv"
id = "respondent"
group = "groep"
date = "datum"
questions = ["{Q1}", "{Q2}"]
""",
        encoding="utf-8",
    )
    return ws


def run_one(case: str, mode: str) -> dict:
    from stemmen import service
    from stemmen.ingest.importer import prepare_batch
    from stemmen.settings import load_settings
    from stemmen.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        ws = workspace(case, Path(tmp))
        env = {"STEMMEN_PRIVACY_USE_DEDUCE": "true" if mode == "deduce" else "false"}
        settings = load_settings(ws, env=env)
        t_load = time.perf_counter()
        if mode != "none":
            service.pseudonymiser_for(settings).pseudonymise(["Warm-up: Jan Jansen belde."])
        load_s = time.perf_counter() - t_load
        t0 = time.perf_counter()
        stored = 0
        if mode == "none":
            with Store(settings.store_path) as store:
                for source in settings.sources:
                    for path in service.list_source_files(settings, source):
                        batch = prepare_batch(source, Path(path), pseudonymise=lambda t: t, known=store.known_hashes,
                                              value_ids=service.manifest_value_ids(settings), ingest=settings.ingest)
                        stored += store.write_batch(batch).stored
        else:
            summaries, errors = service.ingest_all(settings)
            stored = sum(s.stored for s in summaries)
        seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": case, "mode": mode, "documents": stored, "seconds": round(seconds, 2),
            "docs_per_s": round(stored / seconds, 1), "model_load_s": round(load_s, 1), "peak_rss_mb": round(rss_mb)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", choices=["demo", "survey20k"])
    ap.add_argument("--mode", choices=["deduce", "rules", "none"])
    args = ap.parse_args()
    if args.case and args.mode:
        print(json.dumps(run_one(args.case, args.mode)))
        return
    print(f"{'case':<10} {'mode':<7} {'docs':>6} {'s':>7} {'docs/s':>8} {'load s':>7} {'peak MB':>8}")
    for case in ("demo", "survey20k"):
        for mode in ("none", "rules", "deduce"):
            out = subprocess.run([sys.executable, __file__, "--case", case, "--mode", mode], capture_output=True,
                                 text=True, check=True).stdout.strip().splitlines()[-1]
            r = json.loads(out)
            print(f"{r['case']:<10} {r['mode']:<7} {r['documents']:>6} {r['seconds']:>7} {r['docs_per_s']:>8}"
                  f" {r['model_load_s']:>7} {r['peak_rss_mb']:>8}")


if __name__ == "__main__":
    main()
