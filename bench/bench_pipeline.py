"""The whole pipeline: cold, warm with 1 % new documents, and Prefect's overhead per run.

    .venv/bin/python bench/bench_pipeline.py                       # demo, then corpus10k
    .venv/bin/python bench/bench_pipeline.py --case demo --no-deduce
    .venv/bin/python bench/bench_pipeline.py --case corpus10k --docs 10000
    .venv/bin/python bench/bench_pipeline.py --case demo --overhead-only --runs 5

Cases: ``demo`` (the demo municipality, all sources) and ``corpus10k`` (a casus
file of ``--docs`` documents built deterministically from the demo's texts: every
sentence is the first half of one demo sentence joined to the second half of
another, so segments are new text and the embedding cache cannot cheat).

Per case, each in a fresh process (``stemmen run --no-prefect``, so model loading counts):
  cold   empty store, all input
  warm0  the same input again (nothing new)
  warm1  1 % new documents added as a new file (``--warm-runs`` times from a copy of the
         warm store; the median counts)
Then the Prefect overhead: in one process, ``--runs`` warm runs through the
``stemmen-pipeline`` flow (temporary local Prefect server) against the same
calls without Prefect (``stemmen.cli._run(..., no_prefect=True)``); the first
flow run includes starting the temporary server and is reported apart.
Prints one JSON line per measurement and a summary.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"
DEPARTMENTS = ["Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]
STATUSES = ["nieuw", "in behandeling", "opgelost"]
CASUS_SOURCE = """
[[sources]]
name = "{name}"
kind = "casus"
path = "{name}"
id = "zaaknummer"
date = "datum"
department = "afdeling"
status = "status"
text = "notitie"
"""
CASUS_CONFIG = """\
[privacy]
use_deduce = {deduce}
keep = ["Lindewaard", "Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]
""" + CASUS_SOURCE.format(name="casussen")


def demo_sentences() -> list[str]:
    texts = []
    with open(DEMO / "casussen" / "casussen-2025.csv", encoding="utf-8", newline="") as fh:
        texts += [r["notitie"] for r in csv.DictReader(fh)]
    for line in (DEMO / "casussen" / "casussen-2026.jsonl").read_text(encoding="utf-8").splitlines():
        try:  # the demo file has deliberately broken lines (reader tests)
            texts.append(str(json.loads(line)["tekst"]))
        except (ValueError, KeyError, TypeError):
            continue
    with open(DEMO / "manifest_reacties" / "reacties-bijeenkomsten-2025.csv", encoding="utf-8", newline="") as fh:
        texts += [r["reactie"] for r in csv.DictReader(fh)]
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t)]
    return [s for s in sentences if len(s.split()) >= 6]


def build_corpus(path: Path, docs: int, seed: int, start: int = 0) -> None:
    """``docs`` casus notes of 2-4 recombined demo sentences, dated over 18 months."""
    sentences = demo_sentences()
    halves = [(s.split()[: len(s.split()) // 2], s.split()[len(s.split()) // 2 :]) for s in sentences]
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["zaaknummer", "datum", "afdeling", "status", "notitie"])
        for i in range(start, start + docs):
            parts = []
            for _ in range(rng.randint(2, 4)):
                head, _ = rng.choice(halves)
                _, tail = rng.choice(halves)
                parts.append(" ".join(head + tail))
            month = 1 + i % 18
            date = f"{rng.randint(1, 28)}-{(month - 1) % 12 + 1}-{2025 + (month - 1) // 12}"
            w.writerow([f"BV-{i:06d}", date, rng.choice(DEPARTMENTS), rng.choice(STATUSES), " ".join(parts)])


def make_workspace(case: str, root: Path, docs: int, deduce: bool) -> Path:
    ws = root / "ws"
    if case == "demo":
        shutil.copytree(DEMO, ws, ignore=shutil.ignore_patterns("planted_pii.txt", "casussen-sleutel.csv", "*.duckdb*"))
        if not deduce:
            cfg = ws / "stemmen.toml"
            cfg.write_text(cfg.read_text(encoding="utf-8").replace("use_deduce = true", "use_deduce = false"),
                           encoding="utf-8")
        return ws
    ws.mkdir(parents=True)
    (ws / "stemmen.toml").write_text(CASUS_CONFIG.format(deduce=str(deduce).lower()), encoding="utf-8")
    shutil.copy(DEMO / "manifest.toml", ws / "manifest.toml")  # value scoring and monitoring need the manifest
    build_corpus(ws / "casussen" / "casussen-0.csv", docs, seed=1)
    return ws


def add_new_documents(case: str, ws: Path, n: int) -> None:
    """1 % new input: for the demo a new casus file next to the configured one."""
    if case == "demo":
        build_corpus(ws / "casussen-extra" / "casussen-extra.csv", n, seed=2, start=900_000)
        with open(ws / "stemmen.toml", "a", encoding="utf-8") as fh:
            fh.write(CASUS_SOURCE.format(name="casussen-extra"))
    else:
        build_corpus(ws / "casussen" / "casussen-1.csv", n, seed=2, start=900_000)


def timed_cli(ws: Path) -> dict:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", "from stemmen.cli import main; main()", "run", "-c", str(ws),
                        "--no-prefect"], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"stemmen run failed:\n{p.stdout}\n{p.stderr}")
    return {"seconds": round(seconds, 2), "output": [ln for ln in p.stdout.splitlines() if ln.startswith(("Totaal", "Analyse"))]}


OVERHEAD = r"""
import json, sys, time
from pathlib import Path
from pipelines.environment import configure_prefect
configure_prefect()
from stemmen.cli import _run
ws, runs = Path(sys.argv[1]), int(sys.argv[2])
plain = []
for _ in range(runs):
    t0 = time.perf_counter(); _run(ws, "pipeline", True); plain.append(time.perf_counter() - t0)
from pipelines import flows
cfg = str(ws / "stemmen.toml")
prefect = []
for _ in range(runs + 1):
    t0 = time.perf_counter(); flows.pipeline_flow(cfg); prefect.append(time.perf_counter() - t0)
print(json.dumps({"plain": plain, "prefect_first": prefect[0], "prefect": prefect[1:]}))
"""


def overhead(ws: Path, runs: int) -> dict:
    p = subprocess.run([sys.executable, "-c", OVERHEAD, str(ws), str(runs)], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"overhead run failed:\n{p.stderr[-3000:]}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    plain, pref = statistics.median(r["plain"]), statistics.median(r["prefect"])
    return {"plain_median_s": round(plain, 3), "prefect_median_s": round(pref, 3),
            "overhead_per_run_s": round(pref - plain, 3), "prefect_first_run_s": round(r["prefect_first"], 2),
            "runs": runs}


def bench_case(case: str, docs: int, deduce: bool, runs: int, overhead_only: bool, warm_runs: int = 3) -> dict:
    out: dict = {"case": case, "deduce": deduce}
    with tempfile.TemporaryDirectory(prefix=f"bench-{case}-") as tmp:
        ws = make_workspace(case, Path(tmp), docs, deduce)
        if overhead_only:
            timed_cli(ws)
        else:
            for name in ("cold", "warm0"):
                out[name] = timed_cli(ws)
                print(json.dumps({"case": case, "phase": name, **out[name]}, ensure_ascii=False), flush=True)
            import duckdb

            con = duckdb.connect(str(ws / "stemmen.duckdb"), read_only=True)
            n_docs = con.execute("SELECT count(*) FROM documents WHERE is_current").fetchone()[0]
            con.close()
            out["documents"] = n_docs
            # each +1 % run starts from a copy of the same warm store (median of --warm-runs: one
            # run on a shared machine can be off by a few seconds either way)
            snapshot = Path(tmp) / "after-warm0"
            shutil.copytree(ws, snapshot)
            timings = []
            for i in range(warm_runs):
                shutil.rmtree(ws)
                shutil.copytree(snapshot, ws)
                add_new_documents(case, ws, max(1, round(n_docs / 100)))
                timings.append(timed_cli(ws))
                print(json.dumps({"case": case, "phase": f"warm1 run {i + 1}", **timings[-1]}, ensure_ascii=False),
                      flush=True)
            median = statistics.median(t["seconds"] for t in timings)
            out["warm1"] = {"seconds": round(median, 2), "runs": [t["seconds"] for t in timings]}
            out["speedup_warm1"] = round(out["cold"]["seconds"] / median, 1)
            print(json.dumps({"case": case, "phase": "warm1", **out["warm1"], "speedup": out["speedup_warm1"]},
                             ensure_ascii=False), flush=True)
        out["overhead"] = overhead(ws, runs)
        print(json.dumps({"case": case, "phase": "overhead", **out["overhead"]}), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", choices=["demo", "corpus10k", "all"], default="all")
    ap.add_argument("--docs", type=int, default=10_000, help="documents in corpus10k")
    ap.add_argument("--no-deduce", action="store_true", help="rules-only pseudonymisation (default: deduce + rules,"
                    " as a workspace runs)")
    ap.add_argument("--runs", type=int, default=3, help="warm runs per mode for the overhead")
    ap.add_argument("--overhead-only", action="store_true")
    ap.add_argument("--warm-runs", type=int, default=3, help="+1 %% runs, each from a copy of the warm store (median)")
    args = ap.parse_args()
    cases = ["demo", "corpus10k"] if args.case == "all" else [args.case]
    results = [bench_case(c, args.docs, deduce=not args.no_deduce, runs=args.runs,
                          overhead_only=args.overhead_only, warm_runs=args.warm_runs) for c in cases]
    print("\nsummary")
    for r in results:
        if "cold" in r:
            print(f"  {r['case']}: {r['documents']} documents; cold {r['cold']['seconds']} s, nothing new "
                  f"{r['warm0']['seconds']} s, +1 % {r['warm1']['seconds']} s (median of {r['warm1']['runs']};"
                  f" x{r['speedup_warm1']} vs cold)")
        o = r["overhead"]
        print(f"  {r['case']}: warm run {o['plain_median_s']} s without Prefect, {o['prefect_median_s']} s as flow"
              f" -> overhead {o['overhead_per_run_s']} s/run; first flow run (temporary server) "
              f"{o['prefect_first_run_s']} s")


if __name__ == "__main__":
    main()
