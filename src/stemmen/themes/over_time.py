"""Theme prevalence per period and per group, keywords per period, and per-theme aggregates.

Per-period keywords come only from that period's segments of the theme (c-TF-IDF
with the period's themes as classes), so a word from 2025 can never describe the
theme in 2026 (BERTopic's topics_over_time blends in the global representation).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from stemmen.errors import Errors, ThemeError
from stemmen.stats import wilson
from stemmen.themes.model import ThemeResult
from stemmen.themes.vectorizer import DutchVectorizer, clean_keywords


@dataclass(frozen=True)
class Prevalence:
    """Share of the answers in ``key`` (a period or group) that belong to ``theme_id``, with a 95 % Wilson interval."""

    theme_id: int
    key: Hashable
    n: int
    total: int
    share: float
    low: float
    high: float


@dataclass(frozen=True)
class ThemeAggregate:
    """Mean of a per-text score (sentiment, value alignment) over a theme's segments, with a 95 % interval."""

    theme_id: int
    n: int
    mean: float
    low: float
    high: float


def prevalence(result: ThemeResult, keys: Sequence[Hashable]) -> list[Prevalence]:
    """Prevalence of every theme per key (period or group; ``keys`` parallel to the texts).

    The denominator is the answers with that key (non-answers excluded, outliers included).
    """
    _check_len(keys, result, "perioden/groepen")
    totals: Counter = Counter()
    counts: Counter = Counter()
    for a, kind, key in zip(result.assignments, result.non_answer_kinds, keys):
        if kind is not None:
            continue
        totals[key] += 1
        if a >= 0:
            counts[(a, key)] += 1
    out = []
    for key in sorted(totals, key=_sort_key):
        for t in result.themes:
            n, total = counts[(t.id, key)], totals[key]
            low, high = wilson(n, total)
            out.append(Prevalence(t.id, key, n, total, n / total, low, high))
    return out


def keywords_per_period(
    result: ThemeResult,
    texts: Sequence[str],
    periods: Sequence[Hashable],
    vectorizer: DutchVectorizer | None = None,
    n: int = 8,
) -> dict[tuple[int, Hashable], list[str]]:
    """{(theme id, period): keywords} computed from that period's segments of the theme only."""
    _check_len(texts, result, "teksten")
    _check_len(periods, result, "perioden")
    vec = vectorizer or (result.model.vectorizer_ if result.model is not None else DutchVectorizer())
    by_period: dict[Hashable, list[int]] = defaultdict(list)
    for i, (a, p) in enumerate(zip(result.assignments, periods)):
        if a >= 0:
            by_period[p].append(i)
    out: dict[tuple[int, Hashable], list[str]] = {}
    for p in sorted(by_period, key=_sort_key):
        idx = by_period[p]
        docs = DutchVectorizer.lemma_docs(vec, [texts[i] for i in idx])
        local = DutchVectorizer(vec.nlp, vec.ngram_range, vec.min_ngram_df, vec.extra_stop_words).fit(docs)
        labels = [result.assignments[i] for i in idx]
        themes = sorted(set(labels))
        joined = [" ".join(d for d, lab in zip(docs, labels) if lab == t) for t in themes]
        counts = local.count_vectorizer().transform(joined)
        scores = _ctfidf(counts)
        words = np.asarray(local.vocabulary_)
        for row, t in enumerate(themes):
            r = scores.getrow(row)
            order = np.lexsort((words[r.indices], -r.data))  # score desc, then alphabetical
            out[(t, p)] = clean_keywords(words[r.indices[order]].tolist(), n)
    return out


def aggregate_per_theme(result: ThemeResult, values: Sequence[float | None], what: str = "waarde") -> list[ThemeAggregate]:
    """Mean (with 95 % t-interval) of per-text ``values`` per theme; None/nan values are skipped."""
    _check_len(values, result, what)
    groups: dict[int, list[float]] = defaultdict(list)
    for a, v in zip(result.assignments, values):
        if a >= 0 and v is not None and not math.isnan(float(v)):
            groups[a].append(float(v))
    out = []
    for t in result.themes:
        xs = np.asarray(groups.get(t.id, []), dtype=float)
        if len(xs) == 0:
            out.append(ThemeAggregate(t.id, 0, math.nan, math.nan, math.nan))
            continue
        mean = float(xs.mean())
        half = 1.96 * float(xs.std(ddof=1)) / math.sqrt(len(xs)) if len(xs) > 1 else math.inf
        out.append(ThemeAggregate(t.id, len(xs), mean, mean - half, mean + half))
    return out


def _ctfidf(counts):
    """BERTopic's class-based TF-IDF with reduce_frequent_words (sqrt of normalised tf)."""
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    counts = sp.csr_matrix(counts, dtype=float)
    df = np.asarray(counts.sum(axis=0)).ravel()
    avg = counts.sum(axis=1).mean()
    idf = np.log(1 + avg / np.where(df > 0, df, 1))
    tf = normalize(counts, norm="l1", axis=1)
    tf.data = np.sqrt(tf.data)
    out = tf @ sp.diags(idf)
    out.eliminate_zeros()
    return sp.csr_matrix(out)


def _check_len(values: Sequence, result: ThemeResult, what: str) -> None:
    if len(values) != result.n_documents:
        raise ThemeError(Errors.E806.format(n_values=len(values), what=what, n_texts=result.n_documents))


def _sort_key(key: Hashable):
    return (str(type(key)), str(key))
