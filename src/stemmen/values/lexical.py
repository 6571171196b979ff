"""Lexical overlap between a text and a value's anchor texts.

Embeddings of a small model blur words that carry a value ("toezegging",
"protocol", "meedenken"); a word-overlap channel keeps them. Words are
lemmatised with the spaCy lookup table (``spacy-lookups-data``) and lightly
stemmed so that "afspraak/afspraken" and "samenwerken/samenwerking" meet.
A shared word counts more when it is specific to one value (idf over the
values) and rare in everyday language (the background sentences).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

_WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
# Function words and words every municipal sentence has: no value signal.
STOPWORDS = frozenset(
    """
    de het een en van in op te dat die is zijn we ze wij zij hun ons onze met voor aan als ook niet er
    bij om naar door of tot dan maar zo nog wel al hij ik je jij u mijn me mij wat wie waar hoe geen
    wordt worden werd werden was waren had hadden heeft hebben kan kunnen moet moeten zou zouden dit
    deze daar hier over uit tegen zich zelf elkaar alles iets niets iemand niemand men heel erg echt
    gewoon veel meer dan toen nu na the gemeente inwoner inwoners mensen
    """.split()
)
_SUFFIXES = ("heden", "heid", "ingen", "ing", "lijke", "lijk", "en", "e", "s")


@lru_cache(maxsize=1)
def _lemma_table():
    from stemmen.nlp.spacy_pipeline import dutch_lemma_lookups  # lazy: spaCy is heavy

    # a spaCy Table (keyed by string hashes, looked up with strings), shared with the pipeline
    return dutch_lemma_lookups().get_table("lemma_lookup")


def _stem(word: str) -> str:
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            word = word[: -len(suf)]
            break
    # open/closed syllables: afspraak/afsprak-en, toezeggen/toezeg
    word = re.sub(r"([aeou])\1", r"\1", word)
    return re.sub(r"([^aeiou])\1$", r"\1", word)


def terms(text: str) -> set[str]:
    """Content-word stems of ``text``."""
    table = _lemma_table()
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in STOPWORDS or len(w) < 3:
            continue
        lemma = table.get(w, w)
        if lemma in STOPWORDS:
            continue
        out.add(_stem(lemma))
    return out


class LexicalIndex:
    """Per-value bags of anchor terms, weighted by value-specificity and background rarity."""

    def __init__(self, anchor_terms: Sequence[set[str]], anchor_value: Sequence[int],
                 n_values: int, background_terms: Sequence[set[str]]):
        self.anchor_terms = list(anchor_terms)
        self.anchor_value = list(anchor_value)
        self.n_values = n_values
        self.counts = [Counter() for _ in range(n_values)]
        for t, v in zip(self.anchor_terms, self.anchor_value):
            self.counts[v].update(t)
        self.bg_df = Counter(w for t in background_terms for w in t)

    def _weight(self, word: str, counts: list[Counter]) -> float:
        df = sum(1 for c in counts if c[word] > 0)
        if df == 0:
            return 0.0
        return math.log((self.n_values + 1) / df) / (1 + self.bg_df[word])

    def score(self, text_terms: set[str], exclude_anchor: int | Sequence[int] | None = None) -> list[float]:
        """Overlap score per value; ``exclude_anchor``: one anchor or several left out (calibration)."""
        counts = self.counts
        if exclude_anchor is not None:
            counts = [c.copy() for c in counts]
            for k in exclude_anchor if hasattr(exclude_anchor, "__iter__") else [exclude_anchor]:
                counts[self.anchor_value[k]].subtract(self.anchor_terms[k])
        return [
            sum(self._weight(w, counts) for w in text_terms if counts[j][w] > 0)
            for j in range(self.n_values)
        ]
