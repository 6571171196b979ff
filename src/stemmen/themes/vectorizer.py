"""Dutch bag-of-words for theme keywords: spaCy lemmas, Dutch stop words, 1-3-grams.

Each segment becomes a string of content-word lemmas (diacritics kept: "geëmigreerd"
stays as it is). BERTopic joins all segments of a theme into one document before
counting; the analyzer splits on a boundary mark so that n-grams never run from one
segment into the next. The vocabulary is fixed at fit time (multi-word terms must
occur in at least ``min_ngram_df`` segments), which keeps keywords free of one-off
word pairs and makes counting deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import CountVectorizer
    from spacy.language import Language

BOUNDARY = "|"
# Words that carry no theme in survey answers, on top of spaCy's Dutch stop words.
EXTRA_STOP_WORDS = frozenset({
    "vinden", "vind", "denken", "denk", "echt", "heel", "erg", "best", "soms", "beetje", "zeggen",
    "gaan", "komen", "staan", "zien", "maken", "krijgen", "laten", "willen", "zullen", "goed",
    "graag", "natuurlijk", "eigenlijk", "wellicht", "ding", "dingen", "keer", "manier", "jaar",
    "kun", "zit", "the", "of", "and",
    # spoken fillers in transcripts
    "ja", "nee", "nou", "haha", "gelach", "hmm", "eh", "ehm", "oké", "ok", "precies", "weet", "ga", "gewoon",
    "eerlijk", "gezegd", "zeg", "even", "wel", "toch", "gaat", "kwam", "lacht", "lachen", "snap", "merk", "gemerkt", "vond",
    # case-note shorthand (liaison officers' notes)
    "pz", "beh", "dhr", "mevr", "or", "via", "tel", "nav", "z.s.m.", "i.o.m.", "m.b.t.", "mbt", "ivm", "evt",
    "bv", "zsm", "cq", "ihkv", "t.a.v.", "tav",
    # pseudonymisation placeholders are not themes
    "persoon", "deelnemer", "locatie", "datum", "telefoon", "email", "adres", "postcode", "instelling", "bsn",
    "iban",
})


class NgramAnalyzer:
    """Callable analyzer: lemma string -> n-grams within each ``BOUNDARY``-separated piece."""

    def __init__(self, ngram_range: tuple[int, int] = (1, 3)):
        self.ngram_range = tuple(ngram_range)

    def __call__(self, doc: str) -> list[str]:
        lo, hi = self.ngram_range
        out: list[str] = []
        for piece in doc.split(BOUNDARY):
            toks = piece.split()
            for n in range(lo, hi + 1):
                out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
        return out


class DutchVectorizer:
    """Turns segments into lemma documents and builds BERTopic's CountVectorizer.

    ``nlp``: a spaCy Language or a pipeline name for :func:`stemmen.nlp.spacy_pipeline.load_nlp`
    (None = the offline fallback).
    """

    def __init__(
        self,
        nlp: Language | str | None = "nl_core_news_lg",
        ngram_range: tuple[int, int] = (1, 3),
        min_ngram_df: int = 2,
        extra_stop_words: frozenset[str] | Sequence[str] = EXTRA_STOP_WORDS,
    ):
        self.nlp = nlp
        self.ngram_range = ngram_range
        self.min_ngram_df = min_ngram_df
        self.extra_stop_words = extra_stop_words

    def lemma_docs(self, texts: Sequence[str]) -> list[str]:
        """One lemma string per text, ending in the boundary mark."""
        from stemmen.nlp.segment import lemmas

        extra = set(self.extra_stop_words)
        return [" ".join(w for w in ws if w not in extra) + f" {BOUNDARY}" for ws in lemmas(texts, self._nlp())]

    def fit(self, lemma_docs: Sequence[str]) -> DutchVectorizer:
        """Fix the vocabulary: all lemmas, plus n-grams found in at least ``min_ngram_df`` segments."""
        analyzer = NgramAnalyzer(self.ngram_range)
        df: Counter[str] = Counter()
        for doc in lemma_docs:
            df.update(set(analyzer(doc)))
        self.vocabulary_ = sorted(t for t, c in df.items() if " " not in t or c >= self.min_ngram_df)
        if not self.vocabulary_:
            self.vocabulary_ = ["leeg"]  # CountVectorizer refuses an empty vocabulary
        return self

    def count_vectorizer(self) -> CountVectorizer:
        """A scikit-learn CountVectorizer over the fitted vocabulary (what BERTopic's c-TF-IDF reads)."""
        from sklearn.feature_extraction.text import CountVectorizer

        return CountVectorizer(analyzer=NgramAnalyzer(self.ngram_range), vocabulary=self.vocabulary_, lowercase=False)

    def _nlp(self) -> Language:
        if self.nlp is None or isinstance(self.nlp, str):
            from stemmen.nlp.spacy_pipeline import load_nlp

            return load_nlp(self.nlp)
        return self.nlp


def clean_keywords(terms: Sequence[str], n: int = 10) -> list[str]:
    """Top terms without repeats: skip a term whose words all occur in terms already chosen,
    and drop a chosen single word once a later n-gram contains it ("wachttijd" ⊂ "lange wachttijd")."""
    chosen: list[str] = []
    for term in terms:
        if not term or len(chosen) >= n:
            continue
        words = term.split()
        seen = {w for c in chosen for w in c.split()}
        if all(w in seen for w in words):
            continue
        if len(words) > 1:
            chosen = [c for c in chosen if not (" " not in c and c in words)]
        chosen.append(term)
    return chosen[:n]


def make_label(keywords: Sequence[str], n: int = 3) -> str:
    """Short readable label from the first keywords: "wachttijd · terugbellen · loket"."""
    return " · ".join(keywords[:n]) if keywords else "(geen trefwoorden)"
