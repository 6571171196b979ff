"""The evaluation as a consultant reads it: Dutch numbers, both scorers, the misread sentences."""

from __future__ import annotations

import csv

import numpy as np

from stemmen.report.evaluation import MAX_LISTED, summary_lines, write_readings
from stemmen.values.evaluate import evaluate_matrices


def _evaluation(n_wrong: int):
    ids = ["open", "betrouwbaar"]
    n = n_wrong + 2
    gold = ["open"] * (n - 1) + [None]
    rel = np.tile([0.9, 0.1], (n, 1))
    rel[: n_wrong] = [0.1, 0.9]  # the first n_wrong are read as betrouwbaar
    rel[-1] = [0.2, 0.1]
    ali = np.full((n, 2), 0.5)
    texts = [f"Zin {i}." for i in range(n)]
    tops = ["betrouwbaar"] * n_wrong + ["open"] + [None]
    return evaluate_matrices(ids, gold, ["+"] * (n - 1) + [None], rel, ali, rel, tops, texts=texts,
                             rows=list(range(2, n + 2)))


def _result(n_wrong: int) -> dict:
    e = _evaluation(n_wrong)
    return {"manifest": "Manifest Lindewaard", "versie": "2025-04", "labels": "gelabeld.csv", "sentences": 40,
            "left_out_as_example": 2, "examples": {"open": 3, "betrouwbaar": 2},
            "evaluations": {"manifest": e, "voorbeelden": e}}


def test_summary_shows_both_scorers_with_dutch_numbers_and_the_misread():
    text = "\n".join(summary_lines(_result(3)))
    assert "alleen het manifest" in text and "met de 5 voorbeelden" in text
    assert "2 zinnen staan ook bij de voorbeelden" in text
    assert "juiste waarde (beste waarde)" in text and "0,25 [" in text  # 1 of 4 right, decimal comma
    assert "rij 2: verwacht open +, gelezen als betrouwbaar: Zin 0." in text
    assert "Verkeerd gelezen (met de 5 voorbeelden): 3 van 5." in text


def test_summary_lists_at_most_max_listed_and_says_how_many_more():
    lines = summary_lines(_result(MAX_LISTED + 4))
    assert sum(line.startswith("  rij ") for line in lines) == MAX_LISTED
    assert lines[-1] == "  ... en 4 meer (--out schrijft ze allemaal)"


def test_readings_csv_has_every_sentence(tmp_path):
    path = tmp_path / "gelezen.csv"
    write_readings(path, _evaluation(2))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["goed"] for r in rows] == ["nee", "nee", "ja", "ja"]
    assert rows[-1]["waarde"] == "geen" and rows[-1]["gerapporteerde_waarde"] == "geen"
