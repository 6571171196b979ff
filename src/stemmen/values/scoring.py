"""Score text segments against a municipality's own core values.

Relevance r(segment, value) in [0, 1]
    1. similarity: a soft maximum (log-mean-exp, ``temperature``) of the cosine
       between the segment ("query") and each anchor of the value ("passage"),
       after removing the mean vector of everyday background sentences (small
       models give every pair a high cosine; centring makes differences count);
    2. plus a lexical channel (shared value-specific words, ``lexical_weight``);
    3. minus the same soft maximum over the background sentences: the null class;
    4. z-normalised per value against the background sentences and mapped to a
       probability by one logistic curve fitted on the manifest itself: anchors as
       positives (each scored without itself and, for manifest lines, without the
       text written with it; every value the same weight), as negatives each
       background sentence at its highest z over the values (value-free means low
       on all) and the other values' anchors. So one ``threshold`` means the same
       for every value, for any number of examples and, refitted per model, for
       every embedding model.
Alignment a(segment, value) in [-1, 1] (meaningful where the segment is relevant)
    soft-max similarity to the value's ``gedrag`` minus to its ``tegengedrag``
    (query vs query), plus the same contrast over all values (a shared "lived vs
    violated" direction); for "X, maar Y" the verdict clause Y is weighed in. This
    embedding evidence is divided by its spread on the background sentences
    (comparable across models); then minus a penalty per negation word (those of
    Y only, when there is a Y), plus the general tone of the sentence, squashed by
    tanh. The tone is the sentence polarity when sentiments are given, else the
    same contrast over generic good/bad experiences in residents' voice (both
    measure tone: using both counts it twice).
Everything is deterministic: no sampling, fixed solver.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from stemmen.errors import Errors, ModelError
from stemmen.stats import softmax
from stemmen.values.anchors import Anchor, build_anchors
from stemmen.values.background import BACKGROUND_NL, STANCE_NEGATIVE_NL, STANCE_POSITIVE_NL
from stemmen.values.lexical import LexicalIndex, terms
from stemmen.values.reader import DEFAULT_READER, STANCE_SCALARS, ReaderFeatures, ReaderHead, load_reader, reader_features

_NEGATION = re.compile(r"\b(niet|geen|nooit|niemand|niets|niks|nergens|zonder)\b", re.IGNORECASE)
_HAS_WORD = re.compile(r"[^\W\d_]{2,}")
# "X, maar Y": the clause after the contrast word carries the verdict ("beloofd, maar nooit gedaan")
_CONTRAST = re.compile(r"\b(?:maar|echter)\b", re.IGNORECASE)


def _verdict_clause(text: str) -> str | None:
    parts = _CONTRAST.split(text)
    tail = parts[-1].strip(" ,.;:") if len(parts) > 1 else ""
    return tail if len(_HAS_WORD.findall(tail)) >= 2 else None


@dataclass(frozen=True)
class ValueScore:
    """One segment's relevance and alignment per value, and its most relevant value."""
    relevance: dict[str, float]
    alignment: dict[str, float]
    top_value: str | None


def _norm(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


def _soft_max(sims: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise log-mean-exp; entries set to -inf are left out (leave-one-out)."""
    finite = np.isfinite(sims)
    top = np.max(np.where(finite, sims, -np.inf), axis=1, keepdims=True)
    any_finite = finite.any(1)
    top = np.where(any_finite[:, None], top, 0.0)
    expo = np.where(finite, np.exp((np.where(finite, sims, 0.0) - top) / temperature), 0.0)
    out = temperature * np.log(np.maximum(expo.sum(1), 1e-300) / np.maximum(finite.sum(1), 1)) + top[:, 0]
    return np.where(any_finite, out, 0.0)  # nothing left (one-line value, left out): no evidence


def _fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """1-D weighted logistic regression (lbfgs: deterministic); returns (slope, intercept)."""
    from sklearn.linear_model import LogisticRegression  # lazy: keep `import stemmen` light

    clf = LogisticRegression(C=10.0, max_iter=1000)
    clf.fit(x.reshape(-1, 1), y.astype(int), sample_weight=w)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def _polarity(s: Any) -> float:
    if s is None:
        return 0.0
    p = getattr(s, "polarity", s)
    return 0.0 if p is None else float(p)


def resolve_reader(reader: str | None, model_key: str) -> ReaderHead | None:
    """The learned reader to use: "auto" the shipped one if it was trained on ``model_key``'s
    vectors (else None: the hand-set rules), a path that file (a mismatch is an error)."""
    if reader is None or reader == "off":
        return None
    if reader == "auto" and not DEFAULT_READER.exists():
        return None
    head = load_reader(None if reader == "auto" else reader)
    trained_on = head.metadata.get("embedder", {}).get("model_key")
    if trained_on != model_key:
        if reader == "auto":
            return None
        raise ModelError(Errors.E707.format(path=reader, trained=trained_on, model=model_key))
    return head


class ValueScorer:
    """Relevance and alignment of segments for each value of a manifest.

    ``embedder``: an object with ``encode(texts, kind="query"|"passage")`` returning
    L2-normalised rows (``stemmen.nlp.embed.Embedder``). ``use_examples``: use the
    manifest's ``voorbeelden`` as extra anchors. ``threshold``: minimum relevance
    for ``top_value``. ``generic_stance_weight``: weight of the generic good/bad
    experiences, used only when ``score`` gets no sentiments. ``background``:
    everyday sentences for centring, the null class and calibration (default: the
    Dutch set shipped with stemmen). ``reader``: the value reader learned across manifests
    (``stemmen.values.reader``): "auto" uses the shipped one when it was trained on this
    embedder's vectors, a path a reader file, None the hand-set rules alone.
    ``reader_stance_weight``: alignment is this share of the reader's ``2 P(lived) - 1`` and the
    rest the hand-set rules' alignment (default the reader alone, which reads the rules as one
    of its features; docs/values.md says how the share was chosen). ``adapt``: teach the
    reader with the manifest's own ``voorbeelden`` and "geen" labels (``stemmen.values.adapt``)
    when there are enough; ``sentiment``: the sentiment model whose polarities ``score`` will be
    given (``predict(texts)``), so that the examples are read as segments will be.
    """

    def __init__(
        self,
        embedder: Any,
        *,
        use_examples: bool = True,
        threshold: float = 0.5,
        temperature: float = 0.02,
        lexical_weight: float = 0.05,
        global_stance_weight: float = 1.0,
        generic_stance_weight: float = 0.5,
        negation_weight: float = 0.4,
        sentiment_weight: float = 1.0,
        stance_spread: float = 2.0,
        verdict_weight: float = 0.5,
        other_value_weight: float = 0.13,
        classifier_weight: float = 1.0,
        classifier_c: float = 1.0,
        background: Sequence[str] | None = None,
        reader: str | None = "auto",
        reader_stance_weight: float = 1.0,
        adapt: bool = True,
        sentiment: Any = None,
    ):
        self.embedder = embedder
        self.use_examples = use_examples
        self.threshold = threshold
        self.temperature = temperature
        self.lexical_weight = lexical_weight
        self.global_stance_weight = global_stance_weight
        self.generic_stance_weight = generic_stance_weight
        self.negation_weight = negation_weight
        self.sentiment_weight = sentiment_weight
        self.stance_spread = stance_spread
        self.verdict_weight = verdict_weight
        self.other_value_weight = other_value_weight
        self.classifier_weight = classifier_weight
        self.classifier_c = classifier_c
        self.background = background
        self.reader = reader
        self.reader_stance_weight = reader_stance_weight
        self.adapt = adapt
        self.sentiment = sentiment

    # --- fitting -----------------------------------------------------------------

    def fit(self, manifest: Any) -> ValueScorer:
        """Learn the manifest: anchors from its values and examples, and the relevance, stance and reader models."""
        anchors = build_anchors(manifest, use_examples=self.use_examples)
        background = list(self.background if self.background is not None else BACKGROUND_NL)
        self.value_ids_ = [v.id for v in manifest.waarden]
        self.manifest_version_ = str(getattr(manifest, "versie", ""))
        self.model_key_ = str(getattr(self.embedder, "model_key", getattr(self.embedder, "model_id", "")))
        self.anchors_: list[Anchor] = anchors
        self.background_ = background
        self.anchor_value_ = np.array([self.value_ids_.index(a.value_id) for a in anchors])
        self.anchor_stance_ = np.array([a.stance for a in anchors])
        self.anchor_source_ = np.array([a.source for a in anchors])

        texts = [a.text for a in anchors]
        a_query = self.embedder.encode(texts, kind="query")
        a_passage = self.embedder.encode(texts, kind="passage")
        b_query = self.embedder.encode(background, kind="query")
        b_passage = self.embedder.encode(background, kind="passage")
        self.dim_ = int(a_query.shape[1])
        self.mean_query_ = b_query.mean(0)
        self.mean_passage_ = b_passage.mean(0)
        self.relevance_anchors_ = _norm(a_passage - self.mean_passage_)
        self.null_anchors_ = _norm(b_passage - self.mean_passage_)
        self.stance_anchors_ = a_query
        generic = self.embedder.encode(list(STANCE_POSITIVE_NL) + list(STANCE_NEGATIVE_NL), kind="query")
        self.generic_stance_sign_ = np.array([1] * len(STANCE_POSITIVE_NL) + [-1] * len(STANCE_NEGATIVE_NL))
        self.generic_stance_anchors_ = generic
        self.lexicon_ = LexicalIndex([terms(t) for t in texts], self.anchor_value_.tolist(),
                                     len(self.value_ids_), [terms(t) for t in background])
        self._fit_relevance(a_query, b_query, background)
        from sklearn.linear_model import LogisticRegression

        self.classifier_ = LogisticRegression(C=self.classifier_c, max_iter=3000).fit(
            _norm(a_query - self.mean_query_), self.anchor_value_)
        self._fit_stance(b_query)
        self._fit_reader(a_query)
        # the examples teach the reader only when they are used at all ("manifest alone" stays alone)
        teach = self.adapt and self.use_examples and self.reader_ is not None
        self.adaptation_ = self._fit_adaptation(manifest) if teach else None
        return self

    def _fit_adaptation(self, manifest: Any):
        """Corrections of the reader learned from the manifest's labelled examples, each example
        read by a scorer fitted without its fold (``stemmen.values.adapt``); None with too few."""
        from stemmen.values import adapt

        ex = adapt.manifest_examples(manifest)
        if len(ex.texts) < min(adapt.MIN_EXAMPLES, adapt.MIN_STANCE):
            return None
        emb = np.asarray(self.embedder.encode(ex.texts, kind="query"), dtype=np.float32)
        pol = None
        if self.sentiment is not None:
            pol = np.array([_polarity(p) for p in self.sentiment.predict(ex.texts)], dtype=float)
        fold = adapt.folds_of(ex.texts)
        n_v = len(self.value_ids_)
        logits, s, rules = np.zeros((len(ex.texts), 1 + n_v)), np.zeros((len(ex.texts), n_v)), np.zeros((len(ex.texts), n_v))
        params = {k: v for k, v in vars(self).items() if not k.endswith("_")}
        for k in range(int(fold.max()) + 1):
            rows = np.flatnonzero(fold == k)
            drop = {ex.texts[i] for i in rows}
            sub_params = dict(params, adapt=False)
            if self.background is not None:
                sub_params["background"] = [t for t in self.background if t not in drop]
            sub = ValueScorer(**sub_params).fit(adapt.without(manifest, drop))
            logits[rows], s[rows], rules[rows], _ = sub._reader_outputs(
                [ex.texts[i] for i in rows], emb[rows], None if pol is None else pol[rows])
        q = _norm(emb - self.mean_query_)
        w = self.reader_stance_weight
        # the shipped blend, in logit units of the reader: the prior of the stance correction
        base_a = (1.0, 2.0 * (1.0 - w) / w) if w > 0 else (0.0, 4.0)
        return adapt.fit_adaptation(ex, fold, logits, s, rules, q, base_a)

    def _fit_reader(self, a_query: np.ndarray) -> None:
        """Load the learned reader when it fits this embedder; prepare the per-value vectors it reads."""
        self.reader_ = resolve_reader(self.reader, self.model_key_)
        centred = _norm(a_query - self.mean_query_)
        self.reader_anchors_ = centred
        n_v = len(self.value_ids_)
        self.reader_centroids_ = _norm(np.stack([centred[self.anchor_value_ == j].mean(0) for j in range(n_v)]))
        st = self.anchor_stance_
        self.reader_directions_ = _norm(np.stack([
            centred[(self.anchor_value_ == j) & (st > 0)].mean(0) - centred[(self.anchor_value_ == j) & (st < 0)].mean(0)
            for j in range(n_v)]))

    def _fit_relevance(self, a_query: np.ndarray, b_query: np.ndarray, background: list[str]) -> None:
        n_v = len(self.value_ids_)
        a_centered = _norm(a_query - self.mean_query_)
        # anchors as texts, each scored without itself and the manifest text written with it
        left_out = self._calibration_left_out(a_centered)
        lex_a = np.array([self.lexicon_.score(terms(a.text), exclude_anchor=np.flatnonzero(left_out[i]).tolist())
                          for i, a in enumerate(self.anchors_)])
        m_anchor = self._margins(a_centered, lex_a, exclude_anchor=left_out)
        # background sentences as texts, each left out of the null set
        lex_b = np.array([self.lexicon_.score(terms(t)) for t in background])
        excl_bg = np.eye(len(background), dtype=bool)
        m_bg = self._margins(_norm(b_query - self.mean_query_), lex_b, exclude_null=excl_bg)
        self.bg_mean_ = m_bg.mean(0)
        self.bg_std_ = m_bg.std(0) + 1e-6
        z_anchor = (m_anchor - self.bg_mean_) / self.bg_std_
        z_bg = (m_bg - self.bg_mean_) / self.bg_std_
        is_own = self.anchor_value_[:, None] == np.arange(n_v)[None, :]
        pos = z_anchor[is_own]  # row-major: one per anchor, in anchor order
        neg_other = z_anchor[~is_own]
        # a value-free sentence must stay below the threshold on *every* value: one negative per
        # background sentence, at its highest z (that tail grows with the number of anchors; per
        # (sentence, value) pair the negatives are mostly easy ones that hide it)
        neg_bg = z_bg.max(1)
        x = np.concatenate([pos, neg_bg, neg_other])
        y = np.concatenate([np.ones(len(pos)), np.zeros(len(neg_bg) + len(neg_other))])
        # equal total weight for positives and negatives; every value the same share of the
        # positives however many anchors it has; a share of the negatives are other values' anchors
        share = self.other_value_weight
        per_value = np.bincount(self.anchor_value_, minlength=n_v)
        w = np.concatenate([1 / (n_v * per_value[self.anchor_value_]), np.full(len(neg_bg), (1 - share) / len(neg_bg)),
                            np.full(len(neg_other), share / max(len(neg_other), 1))]) * len(x)
        self.calibration_ = _fit_logistic(x, y, w)

    def _calibration_left_out(self, a_centered: np.ndarray) -> np.ndarray:
        """(n_anchors, n_anchors): which anchors each anchor is scored without as a calibration positive.

        A positive must look like a new segment. Leaving out only the anchor itself is not enough
        for the manifest's own text: the description summarises the gedrag/tegengedrag lines and
        the lines come in near-mirrored pairs, so such a line still finds itself in the rest of the
        manifest and looks more typical than any real segment (zero-shot threshold too high). So a
        line is scored without the description and without its closest other line, the description
        without the lines. Consultant examples are separate sentences: each leaves out only itself.
        """
        n_a = len(self.anchors_)
        source = np.array([a.source for a in self.anchors_])
        same = self.anchor_value_[:, None] == self.anchor_value_[None, :]
        line = np.isin(source, ("gedrag", "tegengedrag"))
        desc = source == "beschrijving"
        out = np.eye(n_a, dtype=bool)
        out |= same & line[:, None] & desc[None, :]
        out |= same & desc[:, None] & line[None, :]
        sims = np.where(same & line[None, :] & ~out, a_centered @ self.relevance_anchors_.T, -np.inf)
        rows = np.flatnonzero(line)  # every value has gedrag and tegengedrag: a line always has a sibling
        out[rows, np.argmax(sims[rows], axis=1)] = True
        return out

    def _fit_stance(self, b_query: np.ndarray) -> None:
        # Manifest lines come in mirrored pairs (gedrag vs its tegengedrag), so a leave-one-out
        # fit on the anchors inverts; instead scale by the spread of the contrast on everyday
        # sentences, which makes the scale comparable across embedding models.
        c = self._embedding_contrast(b_query, generic=False)
        self.stance_scale_ = float(c.std()) + 1e-6

    # --- shared maths --------------------------------------------------------------

    def _margins(self, x_centered: np.ndarray, lex: np.ndarray, exclude_anchor: np.ndarray | None = None,
                 exclude_null: np.ndarray | None = None) -> np.ndarray:
        """Value score minus null score, shape (n_texts, n_values)."""
        sims = x_centered @ self.relevance_anchors_.T
        if exclude_anchor is not None:
            sims = np.where(exclude_anchor, -np.inf, sims)
        value = np.stack([_soft_max(sims[:, self.anchor_value_ == j], self.temperature)
                          for j in range(len(self.value_ids_))], axis=1)
        null_sims = x_centered @ self.null_anchors_.T
        if exclude_null is not None:
            null_sims = np.where(exclude_null, -np.inf, null_sims)
        null = _soft_max(null_sims, self.temperature)
        return value + self.lexical_weight * lex - null[:, None]

    def _embedding_contrast(self, e: np.ndarray, generic: bool) -> np.ndarray:
        """Embedding evidence for stance per text ("query" vectors ``e``) and value, shape
        (n, n_values); > 0 means lived. ``generic``: add the generic good/bad experiences."""
        per_value, shared = self._contrasts(e, generic)
        return per_value + shared[:, None]

    def _contrasts(self, e: np.ndarray, generic: bool) -> tuple[np.ndarray, np.ndarray]:
        """The value's own contrast (n, n_values) and the one shared by all values (n,)."""
        t = self.temperature
        st = self.anchor_stance_
        gs = self.generic_stance_sign_
        sims = e @ self.stance_anchors_.T
        shared = self.global_stance_weight * (_soft_max(sims[:, st > 0], t) - _soft_max(sims[:, st < 0], t))
        if generic:
            g = e @ self.generic_stance_anchors_.T
            shared = shared + self.generic_stance_weight * (_soft_max(g[:, gs > 0], t) - _soft_max(g[:, gs < 0], t))
        per_value = np.stack([
            _soft_max(sims[:, (self.anchor_value_ == j) & (st > 0)], t)
            - _soft_max(sims[:, (self.anchor_value_ == j) & (st < 0)], t)
            for j in range(len(self.value_ids_))], axis=1)
        return per_value, shared

    # --- scoring -------------------------------------------------------------------

    def _z(self, texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
        lex = np.array([self.lexicon_.score(terms(t)) for t in texts]).reshape(len(texts), -1)
        return (self._margins(_norm(embeddings - self.mean_query_), lex) - self.bg_mean_) / self.bg_std_

    def relevance_matrix(self, texts: Sequence[str], embeddings: np.ndarray,
                         polarity: np.ndarray | None = None) -> np.ndarray:
        """Calibrated relevance, shape (n_texts, n_values); ``embeddings`` of kind "query".
        With the learned reader: P(segment is about this value), from its posterior."""
        if self.reader_ is not None:
            return self.read(texts, embeddings, polarity)[0][:, 1:]
        a, b = self.calibration_
        rel = 1.0 / (1.0 + np.exp(-(a * self._z(texts, embeddings) + b)))
        empty = np.array([not _HAS_WORD.search(t) for t in texts])
        rel[empty] = 0.0  # "-", "?", "12": nothing to be about
        return rel

    def choice_matrix(self, texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
        """Evidence for WHICH value a segment is about (argmax), shape (n_texts, n_values).

        The per-value z-scores behind relevance plus the log-probabilities of a light
        classifier (logistic regression on the anchors): it learns which directions
        separate the values rather than treating every dimension alike.
        """
        if self.reader_ is not None:
            return self.reader_.logits(self._features(texts, embeddings, None))[:, 1:]
        z = self._z(texts, embeddings)
        if self.classifier_weight > 0:
            z = z + self.classifier_weight * self.classifier_.predict_log_proba(
                _norm(embeddings - self.mean_query_))
        return z

    def stance_evidence(self, texts: Sequence[str], embeddings: np.ndarray, generic: bool) -> dict[str, np.ndarray]:
        """The pieces of stance evidence, in units of the contrast's spread on everyday sentences:
        ``contrast`` per value (value's own plus the shared lived/violated contrast), ``shared``,
        ``verdict`` (``contrast`` with the clause after "maar" weighed in), and per text the
        negation counts of the whole text and of its verdict clause, and whether it has one."""
        verdicts = [_verdict_clause(x) for x in texts]
        neg_all = np.array([len(_NEGATION.findall(t)) for t in texts], dtype=float)
        # "niet X, maar Y": a negation before the contrast word belongs to the rejected part
        neg = np.array([len(_NEGATION.findall(v or t)) for t, v in zip(texts, verdicts)], dtype=float)
        per_value, shared = self._contrasts(embeddings, generic)
        c = (per_value + shared[:, None]) / self.stance_scale_
        shared = shared / self.stance_scale_
        verdict = c.copy()
        tails = {i: t for i, t in enumerate(verdicts) if t is not None}
        if tails and self.verdict_weight > 0:
            te = self.embedder.encode(list(tails.values()), kind="query")
            ct = self._embedding_contrast(te, generic)
            rows = list(tails)
            verdict[rows] = (1 - self.verdict_weight) * c[rows] + self.verdict_weight * ct / self.stance_scale_
        return {"contrast": c, "shared": np.broadcast_to(shared[:, None], c.shape).copy(), "verdict": verdict,
                "negations": neg_all, "negations_verdict": neg,
                "has_verdict": np.array([v is not None for v in verdicts], dtype=float)}

    def alignment_matrix(self, texts: Sequence[str], embeddings: np.ndarray,
                         polarity: np.ndarray | None = None) -> np.ndarray:
        """Alignment per value in [-1, 1], shape (n_texts, n_values)."""
        if self.reader_ is not None:
            return self.read(texts, embeddings, polarity)[1]
        generic = polarity is None  # tone: the sentence polarity when given, else generic experiences
        return self._rule_alignment(self.stance_evidence(texts, embeddings, generic), polarity)

    def _rule_alignment(self, ev: dict[str, np.ndarray], polarity: np.ndarray | None) -> np.ndarray:
        """The hand-set rules: embedding evidence in units of its spread on everyday sentences
        (comparable across models), then negation words and sentence polarity in those units."""
        pol = np.zeros(len(ev["negations"])) if polarity is None else polarity
        c = ev["verdict"] - self.negation_weight * ev["negations_verdict"][:, None] + self.sentiment_weight * pol[:, None]
        return np.tanh(c / self.stance_spread)

    def read(self, texts: Sequence[str], embeddings: np.ndarray,
             polarity: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The learned reader's posterior (n, 1 + J), column 0 "no value", and the alignment (n, J):
        ``reader_stance_weight`` of its ``2 P(lived) - 1`` and the rest the hand-set rules'."""
        if self.reader_ is None:
            raise ModelError(Errors.E706)
        logits, s, rules, q = self._reader_outputs(texts, embeddings, polarity)
        ad = getattr(self, "adaptation_", None)
        post = ad.choice.apply(logits, q) if ad is not None and ad.choice is not None else softmax(logits)
        if ad is not None and ad.stance is not None:
            return post, 2.0 / (1.0 + np.exp(-ad.stance.apply(s, rules, q))) - 1.0
        w = self.reader_stance_weight
        return post, w * (2.0 / (1.0 + np.exp(-s)) - 1.0) + (1.0 - w) * rules

    def _reader_outputs(self, texts: Sequence[str], embeddings: np.ndarray,
                        polarity: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The reader's logits (n, 1 + J), stance logits and the rules' alignment (n, J), and the
        centred segment vectors the local corrections read."""
        f = self._features(texts, embeddings, polarity)
        rules = f.stance[:, :, STANCE_SCALARS.index("rule_alignment")]
        return (self.reader_.logits(f), self.reader_.stance_logit(f), rules,
                _norm(np.asarray(embeddings, dtype=float) - self.mean_query_))

    def _features(self, texts: Sequence[str], embeddings: np.ndarray, polarity: np.ndarray | None) -> ReaderFeatures:
        """The learned reader's features of these texts against this manifest."""
        texts = list(texts)
        z = self._z(texts, embeddings)
        clf = self.classifier_.predict_log_proba(_norm(embeddings - self.mean_query_))
        ev = self.stance_evidence(texts, embeddings, generic=polarity is None)
        ev["rule_alignment"] = self._rule_alignment(ev, polarity)
        return reader_features(self, texts, embeddings, z, clf, ev, polarity)

    def null_similarity(self, q_centered: np.ndarray) -> np.ndarray:
        """Soft maximum similarity to the everyday background sentences (n,)."""
        return _soft_max(q_centered @ self.null_anchors_.T, self.temperature)

    def score(self, texts: Sequence[str], embeddings: np.ndarray | None = None,
              sentiments: Sequence[Any] | None = None) -> list[ValueScore]:
        """Score each text. ``embeddings``: precomputed "query" vectors from the same embedder
        (for an ``EnsembleEmbedder`` also those of one member);
        ``sentiments``: per text a float polarity in [-1, 1] or an object with ``.polarity``."""
        if not hasattr(self, "calibration_"):
            raise ModelError(Errors.E701)
        texts = list(texts)
        if not texts:
            return []
        if embeddings is None:
            embeddings = self.embedder.encode(texts, kind="query")
        embeddings = np.asarray(embeddings, dtype=np.float32)
        complete = getattr(self.embedder, "complete", None)
        if complete is not None:  # an ensemble given one member's (cached) vectors embeds the rest itself
            embeddings = complete(texts, embeddings, kind="query")
        if embeddings.ndim != 2 or embeddings.shape[0] != len(texts) or embeddings.shape[1] != self.dim_:
            raise ModelError(Errors.E702.format(
                n_emb=embeddings.shape[0] if embeddings.ndim else 0, n_texts=len(texts),
                dim=embeddings.shape[-1] if embeddings.ndim else 0, expected=self.dim_))
        polarity = None
        if sentiments is not None:
            sentiments = list(sentiments)
            if len(sentiments) != len(texts):
                raise ModelError(Errors.E703.format(n_sent=len(sentiments), n_texts=len(texts)))
            polarity = np.array([_polarity(s) for s in sentiments], dtype=float)
        if self.reader_ is not None:
            post, ali = self.read(texts, embeddings, polarity)
            rel = post[:, 1:]
            # top value: the most probable value, when the segment is about some value at all
            choice = np.where((1.0 - post[:, :1]) >= self.threshold, rel, -np.inf)
        else:
            rel = self.relevance_matrix(texts, embeddings)
            ali = self.alignment_matrix(texts, embeddings, polarity)
            # top value: the best-supported value among those that pass the relevance threshold
            choice = np.where(rel >= self.threshold, self.choice_matrix(texts, embeddings), -np.inf)
        out = []
        for i in range(len(texts)):
            best = int(np.argmax(choice[i]))
            top = self.value_ids_[best] if np.isfinite(choice[i, best]) else None
            out.append(ValueScore(
                relevance={v: float(rel[i, j]) for j, v in enumerate(self.value_ids_)},
                alignment={v: float(ali[i, j]) for j, v in enumerate(self.value_ids_)},
                top_value=top,
            ))
        return out

    def describe(self) -> dict[str, Any]:
        """Lineage: what these scores were computed with."""
        return {
            "model_key": self.model_key_, "manifest_version": self.manifest_version_,
            "n_anchors": len(self.anchors_), "use_examples": self.use_examples,
            "threshold": self.threshold, "temperature": self.temperature,
            "lexical_weight": self.lexical_weight, "global_stance_weight": self.global_stance_weight,
            "generic_stance_weight": self.generic_stance_weight,
            "negation_weight": self.negation_weight, "sentiment_weight": self.sentiment_weight,
            "calibration": self.calibration_, "stance_scale": self.stance_scale_,
            "stance_spread": self.stance_spread, "verdict_weight": self.verdict_weight,
            "other_value_weight": self.other_value_weight, "classifier_weight": self.classifier_weight,
            "classifier_c": self.classifier_c,
            "reader": None if self.reader_ is None else {"key": self.reader_.key,
                                                          "version": self.reader_.metadata.get("version"),
                                                          "stance_weight": self.reader_stance_weight},
            "adaptation": None if getattr(self, "adaptation_", None) is None else self.adaptation_.metadata,
        }
