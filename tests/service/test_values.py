"""The value-scoring task body keeps its fitted scorer in the cache folder and reuses it."""

from __future__ import annotations

import pytest

from stemmen.manifest import load_manifest
from stemmen.service.common import embedder_for, open_store
from stemmen.service.values import fitted_scorer, scorer_key
from stemmen.settings import load_settings
from stemmen.values.scoring import ValueScorer
from stemmen.workspace import create_demo_workspace

TEXTS = [
    "De ambtenaar belde me precies op de afgesproken dag terug.",
    "Ik werd van het kastje naar de muur gestuurd.",
    "De parkeerplaats bij het stadhuis is vol.",
]


@pytest.fixture
def settings(tmp_path):
    ws = create_demo_workspace(tmp_path / "ws")
    return load_settings(ws, env={}).model_copy(update={"cache_dir": tmp_path / "cache"})


def _scores(scorer):
    return [(s.top_value, s.relevance, s.alignment) for s in scorer.score(TEXTS)]


@pytest.mark.slow  # fits the value reader from cold (20 s a fit)
def test_a_fit_is_reused_by_the_next_run_and_scores_the_same(settings, monkeypatch):
    manifest = load_manifest(settings.manifest_path)
    base = embedder_for(settings)
    key = scorer_key(base)
    with open_store(settings) as store:
        first = fitted_scorer(settings, store, manifest, base, key)
        assert list((settings.cache_dir / "value-scorers").glob("*.pickle"))
        monkeypatch.setattr(ValueScorer, "fit", lambda self, m: pytest.fail("refitted although a fit was kept"))
        second = fitted_scorer(settings, store, manifest, base, key)
        assert second is not first
        assert _scores(second) == _scores(first)


@pytest.mark.slow  # fits the value reader from cold (20 s a fit)
def test_another_manifest_is_fitted_afresh(settings, monkeypatch):
    import dataclasses

    manifest = load_manifest(settings.manifest_path)
    base = embedder_for(settings)
    key = scorer_key(base)
    fits = []
    real_fit = ValueScorer.fit
    monkeypatch.setattr(ValueScorer, "fit", lambda self, m: fits.append(m.fingerprint) or real_fit(self, m))
    changed = dataclasses.replace(manifest, versie=manifest.versie + "-b")
    with open_store(settings) as store:
        fitted_scorer(settings, store, manifest, base, key)
        fitted_scorer(settings, store, changed, base, key)
        fitted_scorer(settings, store, manifest, base, key)
    assert fits == [manifest.fingerprint, changed.fingerprint]


@pytest.mark.slow  # fits the value reader from cold (20 s a fit)
def test_a_broken_cache_file_costs_only_a_fit(settings):
    manifest = load_manifest(settings.manifest_path)
    base = embedder_for(settings)
    key = scorer_key(base)
    with open_store(settings) as store:
        first = fitted_scorer(settings, store, manifest, base, key)
        (cached,) = (settings.cache_dir / "value-scorers").glob("*.pickle")
        cached.write_bytes(b"not a pickle")
        again = fitted_scorer(settings, store, manifest, base, key)
        assert _scores(again) == _scores(first)
    assert cached.read_bytes() != b"not a pickle"  # rewritten with the new fit


def test_the_scorer_key_follows_the_scoring_code(settings, monkeypatch):
    from stemmen.service import values as service_values

    base = embedder_for(settings)
    before = scorer_key(base)
    assert scorer_key(base) == before  # stable while nothing changes
    monkeypatch.setattr(service_values, "scorer_source", lambda: service_values.SCORER_MODULES[0] + " changed")
    after = scorer_key(base)
    assert after != before and after.split("|")[0] == before.split("|")[0] == base.model_key


@pytest.mark.slow  # fits the value reader from cold (20 s a fit)
def test_evaluation_compares_manifest_and_examples_without_showing_personal_data(evaluation_workspace):
    from stemmen.service.values import evaluate_manifest

    ws, labels, n_labels, pii = evaluation_workspace
    result = evaluate_manifest(load_settings(ws, env={}), labels)
    assert result["sentences"] == n_labels
    assert result["left_out_as_example"] == 1  # it would find itself among the anchors
    assert set(result["evaluations"]) == {"manifest", "voorbeelden"}
    for e in result["evaluations"].values():
        assert (e.n_value, e.n_none) == (6, 2)
        assert e.none_rejected == 1.0
        assert e.top1 >= 5 / 6
        shown = "\n".join(r.text for r in e.readings)
        assert not [p for p in pii if p in shown]
        assert "De parkeerplaats is vol." in shown
