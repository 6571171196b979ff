"""Recognise non-answers ("weet niet", "geen", "n.v.t.", "-", "?") before clustering.

Non-answers would otherwise form a theme of their own (a well-known BERTopic
failure on survey data). They are set aside and counted per kind, so a report
can say "12 mensen wisten het niet" next to the themes.

"Nee", "niet" and "geen" are real answers to a yes/no question ("Heeft u contact
gehad met de gemeente?") and non-answers to an open one ("Wat kan beter?", "Heeft u
nog opmerkingen?"). :func:`yes_no_questions` decides per question, from its text and
from the answers given to it (see there); :meth:`NonAnswerFilter.split` takes the
question of every text.
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
# Negative answers that answer a yes/no question (kind "geen" elsewhere).
NEGATIVE_ANSWERS = frozenset({
    "nee", "neen", "niet", "geen", "nope", "nee hoor", "niets", "niks", "nee dank u", "nee bedankt", "neen bedankt",
})
# Dutch yes/no questions put the finite verb first ("Heeft u ...?", "Bent u ...?").
_VERB_FIRST = frozenset({
    "heeft", "hebt", "heb", "hadden", "had", "bent", "ben", "is", "zijn", "was", "waren", "kunt", "kan", "kon",
    "konden", "zou", "zouden", "wilt", "wil", "wou", "vindt", "vond", "weet", "wist", "gaat", "ging", "doet",
    "deed", "krijgt", "kreeg", "kregen", "werd", "werden", "wordt", "worden", "ervaart", "voelt", "voelde",
    "herkent", "mag", "mocht", "moet", "moest", "speelt", "staat", "komt", "kwam", "gebruikt", "maakt", "neemt",
    "nam", "denkt", "verwacht", "merkt", "merkte", "zag", "ziet", "sprak", "spreekt", "woont", "werkt", "kent",
    "voldoet", "houdt", "hield", "belde", "belt", "zoudt", "hoort", "hoorde", "begrijpt", "snapt",
})
# "Heeft u nog opmerkingen?" asks for more text: there "nee" means "nothing to add".
_INVITATION_WORDS = ("opmerking", "aanvulling", "vraag", "vragen", "toevoeg", "suggestie", "tip", "iets", "wens",
                     "idee", "kwijt")
_YES = frozenset({"ja", "jawel", "jazeker", "zeker", "ja hoor", "jazeker wel"})
_YES_NO_START = re.compile(r"^(ja|jawel|jazeker|nee|neen)\b")
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

    def split(self, texts: Sequence[str | None], questions: Sequence[str | None] | None = None
              ) -> tuple[list[int], list[str | None], Counter]:
        """(indices of real answers, kind per text (None = answer), counts per non-answer kind).

        ``questions``: the question each text answers (None where there is none); a
        negative answer ("nee", "niet", "geen") to a yes/no question is then an answer.
        """
        kinds = [self.kind(t) for t in texts]
        if questions is not None:
            yes_no = yes_no_questions(questions, texts)
            for i, (q, text) in enumerate(zip(questions, texts)):
                if kinds[i] is not None and q is not None and yes_no.get(q) and normalise(text or "") in NEGATIVE_ANSWERS:
                    kinds[i] = None
        keep = [i for i, k in enumerate(kinds) if k is None]
        return keep, kinds, Counter(k for k in kinds if k is not None)


def yes_no_questions(questions: Sequence[str | None], answers: Sequence[str | None],
                     min_share: float = 0.25) -> dict[str, bool]:
    """Per distinct question: is it a yes/no question?

    Yes when its text puts a finite verb first ("Heeft u contact gehad met de gemeente?")
    and is no invitation to add something ("Heeft u nog opmerkingen?"); also yes when
    at least ``min_share`` of its answers start with ja/nee and some of them with ja
    (a statement to agree with, or a question of unusual form). People do not answer
    "ja" to "Heeft u nog opmerkingen?": they write the remark.
    """
    by_question: dict[str, list[str]] = {}
    for q, a in zip(questions, answers):
        if q is not None:
            by_question.setdefault(q, []).append(normalise(a or ""))
    out = {}
    for q, given in by_question.items():
        words = normalise(q).split()
        invitation = ("nog" in words and any(w.startswith(_INVITATION_WORDS) for w in words)) or "overige" in words
        verb_first = bool(words) and words[0] in _VERB_FIRST and not invitation
        real = [a for a in given if a]
        yes_no_share = sum(1 for a in real if _YES_NO_START.match(a)) / len(real) if real else 0.0
        has_yes = any(a in _YES or a.startswith(("ja ", "jawel ", "jazeker ")) for a in real)
        out[q] = verb_first or (yes_no_share >= min_share and has_yes)
    return out
