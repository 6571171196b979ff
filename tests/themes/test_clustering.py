"""How many themes: the modularity choice of k on synthetic blobs, and which steps a corpus gets."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, homogeneity_score

from stemmen.themes import extract_themes
from stemmen.themes.clustering import (GraphThemes, KMeansThemes, SpectralThemes, choose_steps, graph_k, k_candidates,
                                       knn_graph, modularity)


def blobs(sizes: list[int], dim: int = 32, spread: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around ``len(sizes)`` random directions (blob i has sizes[i] points)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(sizes), dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = np.repeat(np.arange(len(sizes)), sizes)
    x = centres[labels] + rng.normal(0, spread, (len(labels), dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), labels


@pytest.mark.parametrize("n_blobs", [3, 6, 12])
def test_finds_the_number_of_well_separated_blobs(n_blobs):
    x, labels = blobs([40] * n_blobs, seed=n_blobs)
    g = GraphThemes(seed=42).fit(x)
    assert g.k_ == n_blobs
    assert adjusted_rand_score(labels, g.labels_) > 0.95
    assert graph_k(x, seed=42) == n_blobs


@pytest.mark.parametrize("seed", [0, 3])
def test_blobs_of_unequal_size(seed):
    x, labels = blobs([60, 50, 40, 40, 30, 20], seed=seed)
    g = GraphThemes(seed=1).fit(x)
    assert g.k_ == 6 and adjusted_rand_score(labels, g.labels_) > 0.95


def test_a_dominant_blob_is_split_but_blobs_are_not_mixed():
    """Resolution 2 splits a group that holds half of the data into sub-themes (the price of
    finding small themes next to it); the sub-themes stay inside their blob."""
    x, labels = blobs([200, 40, 40, 40, 40, 40], seed=1)
    g = GraphThemes(seed=1).fit(x)
    assert g.k_ > 6 and homogeneity_score(labels, g.labels_) > 0.98
    assert all(len(set(g.labels_[labels == b].tolist())) == 1 for b in range(1, 6))


def test_choice_is_deterministic_with_the_seed():
    x, _ = blobs([50, 50, 30, 30, 20], spread=0.35, seed=5)  # overlapping: the choice is not obvious
    a, b = GraphThemes(seed=7).fit(x), GraphThemes(seed=7).fit(x)
    assert a.k_ == b.k_ and np.array_equal(a.labels_, b.labels_) and a.scores_ == b.scores_


def test_a_fixed_number_is_kept():
    x, _ = blobs([40] * 6, seed=6)
    assert GraphThemes(n_clusters=4, seed=42).fit(x).k_ == 4
    assert len(set(GraphThemes(n_clusters=9, seed=42).fit(x).labels_.tolist())) == 9


def test_modularity_of_two_separate_cliques():
    from scipy import sparse

    a = np.zeros((8, 8))
    a[:4, :4] = a[4:, 4:] = 1
    np.fill_diagonal(a, 0)
    adj = sparse.csr_matrix(a)
    halves = np.array([0] * 4 + [1] * 4)
    assert modularity(adj, halves) == pytest.approx(0.5)  # each group holds half the weight: 2 x (1/2 - 1/4)
    assert modularity(adj, np.zeros(8, int)) == pytest.approx(0.0)
    assert modularity(adj, halves, resolution=2.0) == pytest.approx(0.0)
    assert modularity(adj, halves) > modularity(adj, np.array([0, 1] * 4))


def test_neighbour_graph_is_symmetric():
    x, _ = blobs([30, 30], seed=2)
    g = knn_graph(x, 10)
    assert (abs(g - g.T) > 1e-12).nnz == 0 and g.shape == (60, 60)


def test_candidates_stay_within_range_and_size():
    assert k_candidates(1000) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 19, 21, 24, 27, 30, 34, 38, 43, 48]
    assert k_candidates(80) == [2, 3, 4, 5, 6, 7, 8]  # at most one theme per 10 points
    assert k_candidates(100_000, (2, 20))[-1] <= 20


def test_large_corpora_choose_k_on_a_sample():
    x, labels = blobs([1000, 800, 700, 600, 500, 400, 300, 200], seed=8)
    km = KMeansThemes(None, seed=42, k_range=(2, 50), choose="graph", sample=1500).fit(x)
    assert km.k_ == 8 and adjusted_rand_score(labels, km.labels_) > 0.95


def test_steps_by_size_and_setting():
    assert isinstance(choose_steps(1000)[2], GraphThemes)
    strategy, _, clusterer = choose_steps(10_000)
    assert strategy == "kmeans" and clusterer.n_clusters is None and clusterer.choose == "graph"
    assert isinstance(choose_steps(1000, n_themes=12)[2], SpectralThemes)
    assert choose_steps(1000, n_themes=12)[2].n_clusters == 12
    assert choose_steps(10_000, n_themes=30)[2].n_clusters == 30
    assert choose_steps(30)[2].n_clusters == 3  # below 50 segments: the size rule
    assert choose_steps(1000, n_themes="size")[2].n_clusters == 11


def test_extract_themes_finds_the_blobs_and_a_setting_fixes_the_count():
    x, labels = blobs([40] * 6, seed=11)
    texts = [f"antwoord {i} over onderwerp {t}" for i, t in enumerate(labels)]
    r = extract_themes(texts, embeddings=x)
    assert len(r.themes) == 6 and r.outlier_share <= 0.10
    assert adjusted_rand_score(labels, r.assignments) > 0.95
    assert len(extract_themes(texts, embeddings=x, n_themes=4).themes) == 4
