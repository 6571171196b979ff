"""The hand-scored similarity set and the synthetic benchmark corpus (stemmen.benchdata) are well-formed."""

from __future__ import annotations

import csv
from pathlib import Path

from stemmen import benchdata

REPO = Path(__file__).resolve().parents[2]
STS = REPO / "data" / "eval" / "similarity" / "nl-sts.tsv"
SIB = REPO / "data" / "eval" / "sib200-nl"


def test_nl_sts_rows_are_scored_pairs_of_distinct_sentences():
    with STS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 150
    pairs = set()
    for i, r in enumerate(rows, start=2):
        score = float(r["score"])
        assert 0 <= score <= 5 and score * 2 == int(score * 2), f"line {i}: score {score}"
        a, b = r["sentence_a"], r["sentence_b"]
        assert a and b and a != b and None not in r, f"line {i}"
        assert (a, b) not in pairs and (b, a) not in pairs, f"line {i}: duplicate pair"
        pairs.add((a, b))
    # every level of the rubric is used
    assert {int(float(r["score"])) for r in rows} == {0, 1, 2, 3, 4, 5}


def test_eval_loader_reads_every_pair():
    sts = benchdata.load_sts(STS)
    assert len(sts) == sum(1 for _ in STS.open(encoding="utf-8")) - 1
    assert sts[0][0] == 5.0 and sts[0][1].startswith("De gemeente heeft beloofd")


def test_sib_pair_sample_is_fixed_by_seed_and_balanced():
    rows = benchdata.load_sib(SIB)
    a, b = benchdata.sib_pairs(rows, 200, seed=7), benchdata.sib_pairs(rows, 200, seed=7)
    assert a == b and a != benchdata.sib_pairs(rows, 200, seed=8)
    assert sum(y for *_, y in a) == 200
    assert all((rows[i][0] == rows[j][0]) == bool(y) for i, j, y in a)


def test_synthetic_corpus_is_deterministic_and_every_text_is_new(tmp_path):
    bench = benchdata
    demo_texts = {s for _, s in bench.demo_sentences()}
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    info = bench.build_corpus(first, 400, seed=3)
    bench.build_corpus(second, 400, seed=3)
    for name in ("enquete.csv", "casussen.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    with (first / "enquete.csv").open(encoding="utf-8", newline="") as fh:
        texts = [r["antwoord"] for r in csv.DictReader(fh)]
    with (first / "casussen.csv").open(encoding="utf-8", newline="") as fh:
        texts += [r["notitie"] for r in csv.DictReader(fh)]
    assert info["planned_segments"] == 400
    assert len(texts) == len(set(texts)) == info["survey_docs"] + info["case_docs"]
    assert not demo_texts & set(texts)
    assert info["long_case_docs"] > 0
