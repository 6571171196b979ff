"""How far a second reader agrees with the labels of the held-out manifests: the ceiling of the figures of record.

    .venv/bin/python bench/eval_second_reader.py

Each held-out folder may hold ``tweede-lezer.tsv`` (columns ``text``, ``value``, ``stance``):
the same sentences as ``zinnen.tsv``, labelled again, blind, by a reader who saw only the
manifest and the sentences in a shuffled order (data/eval/values-unseen/README.md says who).
Reported per manifest, on the writer's labels as truth and with 95 % Wilson intervals, the
three figures ``bench/eval_values_unseen.py`` reports for stemmen: top-1 value and stance on
the value-bearing sentences (stance counted where the value agrees, as for stemmen), and the
value-free sentences the second reader also left without a value.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen.stats import proportion_text  # noqa: E402
from stemmen.values.corpus import read_corpus, read_labelled_manifest  # noqa: E402

HELD_OUT = ROOT / "data" / "eval" / "values-unseen"
SECOND = "tweede-lezer.tsv"


def agreement(truth, second) -> dict[str, tuple[int, int]]:
    """Counts (agreeing, total) of top-1, stance and value-free between two labellings of the same sentences."""
    by_text = {s.text: s for s in second}
    missing = [s.text for s in truth if s.text not in by_text]
    if missing:
        raise SystemExit(f"{SECOND}: {len(missing)} sentences of zinnen.tsv are not labelled, e.g. {missing[0]!r}")
    bearing = [(s, by_text[s.text]) for s in truth if s.value_id is not None]
    free = [(s, by_text[s.text]) for s in truth if s.value_id is None]
    same_value = [(a, b) for a, b in bearing if a.value_id == b.value_id]
    return {"top1": (len(same_value), len(bearing)),
            "stance": (sum(a.stance == b.stance for a, b in same_value), len(bearing)),
            "none": (sum(b.value_id is None for _, b in free), len(free))}



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=HELD_OUT)
    args = ap.parse_args(argv)
    second = {p.parent.name: read_labelled_manifest(p.parent, SECOND) for p in sorted(args.root.glob(f"*/{SECOND}"))}
    totals = {"top1": [0, 0], "stance": [0, 0], "none": [0, 0]}
    for lm in read_corpus(args.root):
        if lm.slug not in second:
            continue
        counts = agreement(lm.sentences, second[lm.slug].sentences)
        print(f"\n{lm.slug}")
        for key, (k, n) in counts.items():
            print(f"  {key:6s} {proportion_text(k, n)}")
            totals[key][0] += k
            totals[key][1] += n
    print("\nall pooled")
    for key, (k, n) in totals.items():
        print(f"  {key:6s} {proportion_text(k, n)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
