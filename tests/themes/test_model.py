from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score
from spacy.lang.nl.stop_words import STOP_WORDS

from stemmen.errors import ThemeError
from stemmen.themes import ThemeModel, extract_themes
from stemmen.themes.model import OK, TOO_FEW



def with_non_answers(texts: list[str], emb: np.ndarray, extra: list[str]) -> tuple[list[str], np.ndarray]:
    """Append non-answers with random vectors: they must be filtered before clustering."""
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(len(extra), emb.shape[1])).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return texts + extra, np.vstack([emb, vecs])


def test_themes_follow_the_topics(sib, sib_result):
    texts, labels, _ = sib
    r = sib_result
    assert r.status == OK and len(r.assignments) == len(texts)
    assert 2 <= len(r.themes) <= 8
    assert normalized_mutual_info_score(labels, r.assignments) > 0.3
    assert r.outlier_share <= 0.15
    assert [t.id for t in r.themes] == list(range(len(r.themes)))
    assert [t.size for t in r.themes] == sorted((t.size for t in r.themes), reverse=True)
    assert sum(t.size for t in r.themes) + r.n_outliers == len(texts)


def test_labels_keywords_and_examples_are_readable_dutch(sib, sib_result):
    texts = set(sib[0])
    for t in sib_result.themes:
        assert 3 <= len(t.examples) <= 5 and set(t.examples) <= texts
        assert t.keywords and not {w for k in t.keywords for w in k.split()} & STOP_WORDS
        # a Dutch phrase from the theme's own segments, not the keyword triple
        assert 1 <= len(t.label.split()) <= 5 and t.label[0].isupper() and "·" not in t.label
    assert len({t.label.lower() for t in sib_result.themes}) == len(sib_result.themes)
    # Examples belong to their theme.
    for t in sib_result.themes:
        for ex in t.examples:
            assert sib_result.assignments[sib[0].index(ex)] == t.id


def test_non_answers_are_filtered_and_counted(sib):
    texts, _, emb = sib
    extra = ["weet niet", "Weet ik niet", "geen", "n.v.t.", "-", "geen idee", "nvt", "?"] * 3
    all_texts, all_emb = with_non_answers(texts, emb, extra)
    r = extract_themes(all_texts, seed=7, embeddings=all_emb)
    assert r.n_non_answers == len(extra) and r.n_answers == len(texts)
    assert r.non_answers == {"alleen tekens": 6, "geen": 3, "n.v.t.": 6, "weet niet": 9}
    assert all(a == -1 for a in r.assignments[len(texts):])
    assert all(math.isnan(s) for s in r.similarities[len(texts):])
    assert not any(e in extra for t in r.themes for e in t.examples)


def test_same_data_and_seed_give_identical_themes(sib, sib_result):
    texts, _, emb = sib
    again = extract_themes(texts, seed=7, embeddings=emb)
    assert again.assignments == sib_result.assignments
    assert [(t.label, t.keywords, t.examples) for t in again.themes] == [
        (t.label, t.keywords, t.examples) for t in sib_result.themes]


def test_save_load_transform_reproduces_assignments(sib, sib_result, tmp_path):
    texts, _, emb = sib
    sib_result.model.save(tmp_path / "model")
    loaded = ThemeModel.load(tmp_path / "model")
    again = loaded.transform(texts, emb)
    assert again.assignments == sib_result.assignments
    assert [t.label for t in again.themes] == [t.label for t in sib_result.themes]
    assert again.lineage["seed"] == 7 and again.lineage["versions"]["bertopic"]
    # New texts get assigned too, non-answers stay -1.
    part = loaded.transform(texts[:5] + ["weet niet"], np.vstack([emb[:5], emb[:1]]))
    assert part.assignments == sib_result.assignments[:5] + [-1]


def test_transform_with_embedder_embeds_itself(sib, sib_result, embedder, tmp_path):
    texts, _, emb = sib
    sib_result.model.save(tmp_path / "m")
    loaded = ThemeModel.load(tmp_path / "m", embedder=embedder)
    assert loaded.transform(texts[:4]).assignments == sib_result.assignments[:4]


def test_thirty_answer_question_gives_themes(survey):
    texts, emb = survey
    r = extract_themes(texts, embeddings=emb)
    assert r.status == OK and 2 <= len(r.themes) <= 6
    assert r.outlier_share <= 0.15
    # The telephone answers (first 7) mostly share a theme.
    first = [a for a in r.assignments[:7] if a >= 0]
    assert max(first.count(a) for a in set(first)) >= 5


def test_too_few_answers_give_one_honest_result(survey):
    texts, emb = survey
    r = extract_themes(texts[:8] + ["weet niet", "-"], embeddings=np.vstack([emb[:8], emb[:2]]))
    assert r.status == TOO_FEW and "Te weinig antwoorden" in r.message
    assert len(r.themes) == 1 and r.themes[0].size == 8
    assert r.assignments == [0] * 8 + [-1, -1]
    assert r.non_answers == {"weet niet": 1, "alleen tekens": 1}


def test_only_non_answers_do_not_crash(survey):
    _, emb = survey
    r = extract_themes(["weet niet", "nvt", ""], embeddings=emb[:3])
    assert r.status == TOO_FEW and r.themes == [] and r.assignments == [-1, -1, -1]


def test_outliers_are_capped(sib):
    texts, _, emb = sib
    r = extract_themes(texts, seed=7, embeddings=emb, min_similarity=0.99, max_outliers=0.1)
    assert 0 < r.outlier_share <= 0.1
    assert r.model.threshold_ < 0.99


def test_kmeans_strategy_and_fixed_number_of_themes(sib):
    texts, labels, emb = sib
    r = extract_themes(texts, embeddings=emb, strategy="kmeans", n_themes=4)
    assert len(r.themes) <= 4 and r.lineage["strategy"] == "kmeans"
    assert normalized_mutual_info_score(labels, r.assignments) > 0.3


def test_errors_are_dutch_and_specific(sib, tmp_path):
    texts, _, emb = sib
    with pytest.raises(ThemeError, match="embeddings meegegeven"):
        extract_themes(texts, embeddings=emb[:3])
    with pytest.raises(ThemeError, match="strategie"):
        extract_themes(texts, embeddings=emb, strategy="lda")
    with pytest.raises(ThemeError, match="geen opgeslagen themamodel"):
        ThemeModel.load(tmp_path / "leeg")
    with pytest.raises(ThemeError, match="nog niet gefit"):
        ThemeModel().transform(texts, emb)


def test_clusterer_is_swappable_and_all_noise_falls_back(sib):
    from sklearn.cluster import HDBSCAN

    texts, _, emb = sib
    # A density clusterer that calls everything noise must not make fit fail.
    r = extract_themes(texts, seed=7, embeddings=emb, clusterer=HDBSCAN(min_cluster_size=len(texts), min_samples=5, copy=True))
    assert r.lineage["strategy"] == "custom+kmeans"
    assert len(r.themes) >= 2 and r.outlier_share <= 0.15


def test_nee_to_a_yes_no_question_is_an_answer_and_elsewhere_a_non_answer(sib):
    texts, _, emb = sib
    contact, beter = "Heeft u contact gehad met de gemeente?", "Wat kan de gemeente beter doen?"
    extra = ["Nee", "nee", "Nee."] * 2 + ["nee", "Geen", "niet"] * 2
    all_texts, all_emb = with_non_answers(texts, emb, extra)
    questions = [None] * len(texts) + [contact] * 6 + [beter] * 6
    r = extract_themes(all_texts, seed=7, embeddings=all_emb, questions=questions)
    assert r.non_answers == {"geen": 6} and r.n_answers == len(texts) + 6
    assert r.non_answer_kinds[len(texts):] == [None] * 6 + ["geen"] * 6
