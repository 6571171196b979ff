"""Pseudonymisation: deduce cache build, warm start, peak RSS and docs/s (with and without deduce).

    .venv/bin/python bench/bench_pseudonymise.py                 # warm start + throughput, 20,000 rows
    .venv/bin/python bench/bench_pseudonymise.py --build         # also a first build into a fresh temp cache
    .venv/bin/python bench/bench_pseudonymise.py --n 5000 --modes rules

Texts: the free-text cells (answers, comments, case notes) of the demo municipality
in data/demo, longer than 40 characters, repeated to --n rows. Every mode runs in its own
process so that load time and peak RSS are its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


def demo_texts(n: int) -> list[str]:
    texts: list[str] = []
    for path in sorted(DEMO.rglob("*.csv")) + sorted(DEMO.rglob("*.jsonl")):
        raw = path.read_bytes()
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            body = raw.decode("cp1252")
        if path.suffix == ".csv":
            first = body.split("\n", 1)[0]
            delim = ";" if first.count(";") > first.count(",") else ","
            cells = [c for row in csv.reader(body.splitlines(), delimiter=delim) for c in row]
        else:
            cells = []
            for line in body.splitlines():
                try:
                    cells.extend(v for v in json.loads(line).values() if isinstance(v, str))
                except ValueError:
                    continue
        texts.extend(c for c in cells if len(c) > 40)
    if not texts:
        raise SystemExit("no demo texts found under data/demo")
    return [texts[i % len(texts)] for i in range(n)]


def run_one(mode: str, n: int, cache_dir: str | None) -> dict:
    from stemmen.ingest.pseudonymise import Pseudonymiser

    texts = demo_texts(n)
    t0 = time.perf_counter()
    p = Pseudonymiser(cache_dir=cache_dir, use_deduce=mode != "rules")
    p.pseudonymise_one("Mevrouw De Wit belde.")  # loads deduce (or builds its cache)
    load_s = time.perf_counter() - t0
    load_cpu_s = resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime
    t1 = time.perf_counter()
    p.pseudonymise(texts)
    run_s = time.perf_counter() - t1
    return {
        "mode": mode, "rows": n, "mean_chars": round(sum(map(len, texts)) / n), "load_s": round(load_s, 1),
        "load_cpu_s": round(load_cpu_s, 1),
        "docs_per_s": round(n / run_s), "run_s": round(run_s, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--modes", nargs="+", default=["rules", "deduce"], choices=["rules", "deduce", "build"])
    ap.add_argument("--build", action="store_true", help="also measure a first build in a fresh cache dir")
    ap.add_argument("--cache-dir", default=None)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(args.modes[0], args.n, args.cache_dir)))
        return
    jobs = [(m, args.cache_dir) for m in args.modes]
    tmp = tempfile.TemporaryDirectory(prefix="stemmen-deduce-build-") if args.build else None
    if tmp:
        jobs.insert(0, ("build", tmp.name))
    for mode, cache in jobs:
        cmd = [sys.executable, __file__, "--child", "--n", str(args.n if mode != "build" else 200),
               "--modes", mode if mode != "build" else "deduce"]
        if cache:
            cmd += ["--cache-dir", cache]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        result = json.loads(out)
        result["mode"] = mode
        print(json.dumps(result))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
