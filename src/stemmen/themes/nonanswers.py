"""Recognise non-answers ("weet niet", "geen", "n.v.t.", "-", "?") before clustering.

Non-answers would otherwise form a theme of their own (a well-known BERTopic
failure on survey data). They are set aside and counted per kind, so a report
can say "12 mensen wisten het niet" next to the themes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

# Canonical kind -> normalised phrasings (lower case, punctuation removed, single spaces).
DEFAULT_PHRASES: dict[str, tuple[str, ...]] = {
    "weet niet": (
        "weet niet", "weet ik niet", "ik weet het niet", "ik weet niet", "weet het niet", "geen idee",
        "geen flauw idee", "weet ik veel", "geen mening", "geen oordeel", "kan ik niet beoordelen",
        "niet te beoordelen", "onbekend", "wn", "idk",
    ),
    "geen": (
        "geen", "nee", "neen", "niets", "niks", "nope", "geen opmerkingen", "geen opmerking",
        "geen commentaar", "geen aanvulling", "geen aanvullingen", "niet", "nvm", "geen antwoord",
        "niets aan toe te voegen", "nee hoor", "nee dank u", "nee bedankt", "neen bedankt",
    ),
    "n.v.t.": ("nvt", "n v t", "niet van toepassing", "na", "n a", "nvt niet van toepassing"),
    "zie eerder": ("idem", "zie boven", "zie hierboven", "zie vorige", "zie eerder", "zelfde als boven", "dito"),
}
_NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
EMPTY = "leeg"
NO_LETTERS = "alleen tekens"


def normalise(text: str) -> str:
    """Lower case, NFC, punctuation removed ("n.v.t." -> "n v t"), whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).lower().replace("_", " ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


@dataclass
class NonAnswerFilter:
    """Classifies each text as an answer (None) or a kind of non-answer.

    ``phrases`` maps a kind to phrasings (compared after :func:`normalise`);
    texts without any letter ("-", "?", "...", "0") are kind "alleen tekens",
    empty texts "leeg".
    """

    phrases: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PHRASES))

    def __post_init__(self) -> None:
        self.lookup_ = {normalise(p): kind for kind, ps in self.phrases.items() for p in ps}

    def kind(self, text: str | None) -> str | None:
        """The non-answer kind of ``text``, or None for a real answer."""
        if text is None or not text.strip():
            return EMPTY
        if not any(ch.isalpha() for ch in text):
            return NO_LETTERS
        return self.lookup_.get(normalise(text))

    def split(self, texts: Sequence[str | None]) -> tuple[list[int], list[str | None], Counter]:
        """(indices of real answers, kind per text (None = answer), counts per non-answer kind)."""
        kinds = [self.kind(t) for t in texts]
        keep = [i for i, k in enumerate(kinds) if k is None]
        return keep, kinds, Counter(k for k in kinds if k is not None)
