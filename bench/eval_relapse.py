"""Relapse detection end to end: held-out labelled sentences through the real pipeline and detector.

    .venv/bin/python bench/eval_relapse.py                          # held-out manifests, 200 runs per setting
    .venv/bin/python bench/eval_relapse.py --runs 50 --notes 4 --periods month
    .venv/bin/python bench/eval_relapse.py --root data/train/values --manifests 3   # tuning (never the held-out)
    .venv/bin/python bench/eval_relapse.py --weighting threshold    # the primary-value series, for comparison
    .venv/bin/python bench/eval_relapse.py --reading 1:1 0.9:0.8     # what the detector needs of the reading
    .venv/bin/python bench/eval_relapse.py --pooling none --kh 1.25:3   # the detector before pooled baselines

For each manifest, every labelled sentence becomes one case note of a workspace that is run
through the service's own steps (ingest with pseudonymisation, segments, embeddings,
sentiment, value scores: what ``stemmen run`` does), so each note's stored segment rows are
what the pipeline would store. Streams are then drawn from those notes, per run:

- 3 departments x every value, ``--notes`` notes per value x department per period
  (2, 4, 8), plus one value-free note per department per period for every 4 value notes;
- 40 periods (weekly or monthly); the first 6 are the detector's baseline;
- every value lived in 75 % of its notes, except one value in one department (drawn per
  run) that turns to 25 % lived (75 % violated) from period 26 on;
- a note's sentence is drawn from the held-out sentences of its value and direction.

The rows go to the detector the service builds (``service.values.relapse_detector`` and
``relapse_rows``). Reported: the share of runs with an alert on the changed value x
department within 6 periods of the change, the median delay (1 = alarm in the first
changed period), and false alerts per series per 52 steady periods (every alert on another
series, or on the changed series before the change).

``--reading STANCE:VALUE`` replaces the scorer by a simulated reading of known accuracy (each
sentence read once, with a fixed seed: its value right with probability VALUE, else another
value; its direction right with probability STANCE; value-free sentences about no value), so
that the same streams and detector show how good the reading of single notes must be.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.values.corpus import LabelledManifest, read_corpus  # noqa: E402

HELD_OUT = ROOT / "data" / "eval" / "values-unseen"
DEPARTMENTS = ("Vergunningen", "Sociaal Domein", "Openbare Ruimte")
T, CHANGE_AT, WITHIN = 40, 26, 6
P_LIVED, P_AFTER = 0.75, 0.25
WORKSPACE = """[store]
path = "stemmen.duckdb"
[manifest]
path = "manifest.toml"
[privacy]
use_deduce = true
[analysis]
relapse_weighting = "{weighting}"
[[sources]]
name = "notities"
kind = "casus"
path = "notities.csv"
id = "zaak"
date = "datum"
department = "afdeling"
text = "notitie"
"""


def scored_notes(lm: LabelledManifest, folder: Path, weighting: str):
    """Run the labelled sentences through the service as case notes; their stored score rows."""
    from stemmen import service
    from stemmen.service.common import open_store, values_embedder_for
    from stemmen.service.language import embed_segments, segment_documents
    from stemmen.service.values import score_values, scorer_key

    settings = workspace_settings(lm, folder, weighting)
    with (folder / "notities.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["zaak", "datum", "afdeling", "notitie"])
        for i, s in enumerate(lm.sentences):
            w.writerow([f"Z{i:04d}", "2025-01-15", DEPARTMENTS[0], s.text])
    summaries, errors = service.ingest_all(settings)
    if errors:
        raise SystemExit(f"{lm.slug}: ingest failed: {errors}")
    segment_documents(settings)
    embed_segments(settings)
    score_values(settings)
    with open_store(settings) as store:
        scores = store.scored_segments(lm.manifest.fingerprint, scorer_key(values_embedder_for(settings)))
    scores["note"] = scores["case_id"].str[1:].astype(int)
    return settings, scores


def simulated_reading(lm: LabelledManifest, stance_acc: float, value_acc: float, seed: int) -> pd.DataFrame:
    """Score rows as a reader of the given accuracy would store them (one segment per note)."""
    rng = np.random.default_rng(seed)
    ids, rows = lm.manifest.value_ids, []
    for i, s in enumerate(lm.sentences):
        read = None
        if s.value_id is not None:
            others = [v for v in ids if v != s.value_id]
            read = s.value_id if rng.random() < value_acc else others[rng.integers(len(others))]
            lived = (s.stance == "+") == (rng.random() < stance_acc)
        for v in ids:
            on = v == read
            rows.append({"note": i, "segment_id": f"s{i}", "value_id": v, "relevance": float(on),
                         "alignment": (1.0 if lived else -1.0) if on else 0.0, "is_top": on, "text": s.text})
    return pd.DataFrame(rows)


def workspace_settings(lm: LabelledManifest, folder: Path, weighting: str):
    from stemmen.settings import load_settings

    (folder / "manifest.toml").write_bytes(Path(lm.manifest.source).read_bytes())
    (folder / "stemmen.toml").write_text(WORKSPACE.format(weighting=weighting), encoding="utf-8")
    return load_settings(folder)


class Streams:
    """Draws streams of case notes from the scored held-out notes."""

    def __init__(self, lm: LabelledManifest, scores: pd.DataFrame):
        self.values = lm.manifest.value_ids
        self.pool = {(v, st): [i for i, s in enumerate(lm.sentences) if s.value_id == v and s.stance == st]
                     for v in self.values for st in "+-"}
        self.free = [i for i, s in enumerate(lm.sentences) if s.value_id is None]
        # all stored rows, grouped by note: a stream gathers the rows of its notes by index
        scores = scores.sort_values(["note", "segment_id", "value_id"], kind="mergesort").reset_index(drop=True)
        self.flat = scores
        counts = scores.groupby("note").size()
        self.count = np.zeros(len(lm.sentences), dtype=int)
        self.count[counts.index.to_numpy()] = counts.to_numpy()
        self.offset = np.concatenate([[0], np.cumsum(self.count)[:-1]])

    def draw(self, rng: np.random.Generator, n: int, period: str) -> tuple[pd.DataFrame, str, str]:
        changed_value = self.values[rng.integers(len(self.values))]
        changed_dept = DEPARTMENTS[rng.integers(len(DEPARTMENTS))]
        note, tt, dd = [], [], []
        n_free = max(1, n * len(self.values) // 4)
        for t in range(T):
            for di, d in enumerate(DEPARTMENTS):
                for v in self.values:
                    p = P_AFTER if (v == changed_value and d == changed_dept and t >= CHANGE_AT) else P_LIVED
                    for ok in rng.random(n) < p:
                        pool = self.pool[(v, "+" if ok else "-")]
                        note.append(pool[rng.integers(len(pool))])
                for _ in range(n_free):
                    note.append(self.free[rng.integers(len(self.free))])
                tt += [t] * (len(note) - len(tt))
                dd += [di] * (len(note) - len(dd))
        note, tt, dd = np.array(note), np.array(tt), np.array(dd)
        reps = self.count[note]
        k = np.repeat(np.arange(len(note)), reps)  # the stream's note number of every row
        within = np.arange(len(k)) - np.repeat(np.cumsum(reps) - reps, reps)
        src = self.offset[note][k] + within
        f = self.flat
        start = pd.Timestamp("2025-01-06")  # a Monday: period t starts at start + t weeks or months
        days = [(start + (pd.DateOffset(weeks=t) if period == "week" else pd.DateOffset(months=t))).date()
                for t in range(T)]
        frame = pd.DataFrame({
            "segment_id": [f"{a}-{b}" for a, b in zip(k, f["segment_id"].to_numpy()[src])],
            "doc_id": [f"d{a}" for a in k], "value_id": f["value_id"].to_numpy()[src],
            "relevance": f["relevance"].to_numpy(float)[src], "alignment": f["alignment"].to_numpy(float)[src],
            "is_top": f["is_top"].to_numpy(bool)[src], "kind": "casus", "group": "burger",
            "department": np.array(DEPARTMENTS, dtype=object)[dd[k]],
            "date": np.array(days, dtype=object)[tt[k]], "text": f["text"].to_numpy(object)[src]})
        return frame, changed_value, changed_dept


def judge(alerts, periods: list[str], value: str, dept: str, n_values: int) -> dict:
    first_changed = CHANGE_AT
    hit, false = None, 0
    for a in alerts:
        t = periods.index(a.alarm_period)
        on_changed = a.value_id == value and a.department == dept
        if on_changed and t >= first_changed:
            delay = t - first_changed + 1
            hit = delay if hit is None else min(hit, delay)
        else:
            false += 1
    n_base = 6
    exposure = (n_values * len(DEPARTMENTS) - 1) * (T - n_base) + (first_changed - n_base)
    return {"delay": hit, "false": false, "exposure": exposure}


def run_setting(streams: Streams, settings, n: int, period: str, runs: int, seed: int,
                overrides: dict | None = None) -> dict:
    from stemmen.service.values import relapse_detector, relapse_rows

    settings = settings.model_copy(update={"analysis": settings.analysis.model_copy(update={"period": period})})
    rng = np.random.default_rng(seed)
    delays, false, exposure = [], 0, 0
    t0 = time.perf_counter()
    for _ in range(runs):
        frame, value, dept = streams.draw(rng, n, period)
        # the detector's baseline starts at the first period of the stream
        det = relapse_detector(settings, SimpleNamespace(start_date=frame["date"].min()))
        for name, setting in (overrides or {}).items():  # tuning only: the service's detector otherwise
            setattr(det, name, setting)
        det.fit(relapse_rows(frame, det))
        j = judge(det.alerts_, det.periods_, value, dept, len(streams.values))
        delays.append(j["delay"])
        false += j["false"]
        exposure += j["exposure"]
    found = [d for d in delays if d is not None and d <= WITHIN]
    return {"notes": n, "period": period, "runs": runs,
            "detected_within_6": len(found) / runs,
            "detected_ever": sum(d is not None for d in delays) / runs,
            "median_delay": float(np.median(found)) if found else None,
            "false_per_series_52": 52 * false / exposure,
            "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=HELD_OUT)
    ap.add_argument("--manifests", type=int, default=0, help="only the first N manifests (0: all)")
    ap.add_argument("--only", nargs="*", default=[], help="only these manifests (by folder name)")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--notes", type=int, nargs="*", default=[2, 4, 8])
    ap.add_argument("--periods", nargs="*", default=["week", "month"])
    ap.add_argument("--weighting", default="posterior", choices=("posterior", "threshold"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--kh", nargs="*", default=[],
                    help="tuning: CUSUM k:h pairs to try instead of the detector's own, e.g. 1.25:3 0.75:4")
    ap.add_argument("--pooling", choices=("level", "none"),
                    help="tuning: the detector's baseline pooling instead of its default")
    ap.add_argument("--reading", nargs="*", default=[],
                    help="simulated reading STANCE:VALUE accuracies instead of the scorer, e.g. 1:1 0.9:0.8")
    args = ap.parse_args(argv)
    grid = [dict(zip(("k", "h"), map(float, x.split(":")))) for x in args.kh] or [{}]
    if args.pooling:
        grid = [{**g, "pooling": args.pooling} for g in grid]
    readings = [tuple(map(float, x.split(":"))) for x in args.reading] or [None]

    corpus = read_corpus(args.root)
    if args.manifests:
        corpus = corpus[:args.manifests]
    if args.only:
        corpus = [lm for lm in corpus if lm.slug in args.only]
    results = []
    for (m, lm), reading in ((x, r) for x in enumerate(corpus) for r in readings):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            if reading is None:
                settings, scores = scored_notes(lm, Path(tmp), args.weighting)
                print(f"{lm.slug}: {len(lm.sentences)} notes scored through the service in "
                      f"{time.perf_counter() - t0:.0f} s", flush=True)
            else:
                settings = workspace_settings(lm, Path(tmp), args.weighting)
                scores = simulated_reading(lm, *reading, seed=args.seed + 1000 * m)
                print(f"{lm.slug}: simulated reading, stance {reading[0]:g}, value {reading[1]:g}", flush=True)
            streams = Streams(lm, scores)
            for overrides, period, (i, n) in ((o, p, x) for o in grid for p in args.periods
                                              for x in enumerate(args.notes)):
                r = run_setting(streams, settings, n, period, args.runs, args.seed + 1000 * m + 10 * i, overrides)
                r.update(manifest=lm.slug, **overrides)
                if reading is not None:
                    r.update(stance_acc=reading[0], value_acc=reading[1])
                results.append(r)
                print(f"  {overrides or ''} {period:5s} n={n}: detected within 6 {r['detected_within_6']:.3f}"
                      f" (ever {r['detected_ever']:.3f}), median delay {r['median_delay']},"
                      f" false alerts per series per 52 periods {r['false_per_series_52']:.3f}"
                      f"  [{r['seconds']} s]", flush=True)
    print("\npooled over manifests")
    df = pd.DataFrame(results)
    keys = [c for c in ("stance_acc", "value_acc", "k", "h", "pooling") if c in df] + ["period", "notes"]
    for key, g in df.groupby(keys):
        print(f"  {key}: detected within 6 {g['detected_within_6'].mean():.3f},"
              f" false per series per 52 {g['false_per_series_52'].mean():.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
