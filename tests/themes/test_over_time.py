from __future__ import annotations

import math

import pytest

from stemmen.errors import ThemeError
from stemmen.themes import extract_themes
from stemmen.themes.over_time import aggregate_per_theme, keywords_per_period, prevalence


def test_prevalence_per_group_sums_to_answered_share(survey):
    texts, emb = survey
    texts2 = texts + ["weet niet", "nvt"]
    r = extract_themes(texts2, embeddings=__import__("numpy").vstack([emb, emb[:2]]))
    groups = ["burger" if i % 2 else "medewerker" for i in range(len(texts2))]
    rows = prevalence(r, groups)
    for g in ("burger", "medewerker"):
        mine = [p for p in rows if p.key == g]
        assert {p.total for p in mine} == {15}  # non-answers (index 30, 31) are not counted
        assert sum(p.n for p in mine) == 15 - sum(1 for a, gg in zip(r.assignments[:30], groups) if gg == g and a == -1)
        assert all(p.low <= p.share <= p.high for p in mine)
    with pytest.raises(ThemeError):
        prevalence(r, groups[:3])


def test_period_keywords_come_only_from_that_period(sib):
    texts, labels, emb = sib
    r = extract_themes(texts, seed=7, embeddings=emb)
    periods = ["2025" if i % 2 == 0 else "2026" for i in range(len(texts))]
    kw = keywords_per_period(r, texts, periods, n=10)
    docs = {p: [r.model.vectorizer_.lemma_docs([t])[0] for t, pp in zip(texts, periods) if pp == p] for p in ("2025", "2026")}
    assert kw
    for (theme, period), words in kw.items():
        theme_docs = " ".join(d for d, t, pp in zip(
            [r.model.vectorizer_.lemma_docs([x])[0] for x in texts], r.assignments, periods) if t == theme and pp == period)
        for w in words:
            for part in w.split():
                assert part in theme_docs.split()  # every keyword word occurs in this period's documents of the theme
    assert docs  # both periods present


def test_aggregate_sentiment_per_theme(survey):
    texts, emb = survey
    r = extract_themes(texts, embeddings=emb)
    sentiment = [-0.8 if i < 7 else 0.6 for i in range(len(texts))]
    sentiment[3] = None
    aggs = {a.theme_id: a for a in aggregate_per_theme(r, sentiment, "sentiment")}
    phone = max(set(r.assignments[:7]), key=r.assignments[:7].count)
    assert aggs[phone].mean < 0 and aggs[phone].low <= aggs[phone].mean <= aggs[phone].high
    assert sum(a.n for a in aggs.values()) == sum(1 for a, s in zip(r.assignments, sentiment) if a >= 0 and s is not None)
    assert all(math.isnan(a.mean) == (a.n == 0) for a in aggs.values())
