"""Replace personal data in Dutch free text by consistent Dutch placeholders.

Two layers find personal data; their findings are merged and then replaced:

- project rules (always on): e-mail addresses, Dutch phone numbers, IBANs
  (mod-97), BSNs (elfproef), postcodes, street + house number, full dates and
  dates of birth, and names after a title ("mevrouw De Wit", "dhr. Jansen") or
  in "zoals X al zei";
- ``deduce`` (default on): names, places and care institutions from its Dutch
  lookup lists and context patterns. Its identifier, phone, e-mail, date, age
  and URL annotators are switched off: the rules above replace the first four
  with validation, ages ("wacht al 3 jaar") and URLs are not personal data here.

Placeholders ("[PERSOON-1]", "[EMAIL-1]", ...) are numbered per text in order of
appearance; the same person, number or address gets the same placeholder each
time within one text, never across texts (rows are not linkable).

Dates: every full date (day, month and year: "12-03-1985", "3 april 2024") is
replaced by [DATUM-n], since birth dates are written that way and the date of a
case note is kept as metadata anyway; a date after a birth cue ("geboren op 3
april", "geb. 03-04") is replaced too. Partial dates ("3 april", "in maart",
"2024") stay: they matter for the analysis. ``dates="birth"`` keeps full dates
unless they follow a birth cue.

The keep-list (the municipality's own name, department names) protects words
from the name/place/institution/address layers; structured identifiers (e-mail,
phone, IBAN, BSN, postcode) are replaced even if they contain a kept word.
Acronyms written like names ("Wmo", "Awb", ...) are always kept.

deduce is tuned for medical text; three corrections keep ordinary words intact:
a single capitalised word at the start of a sentence that is an ordinary Dutch
word and no first name ("Mooi gezegd.", "Pas na ...") is only replaced when the
same text names that person in full; ordinary words deduce glues to a name on
the left ("Kenniscentrum Hendrik Bos") are given back; a place name that is an
ordinary word ("Best lastig.") stays at the start of a sentence.

Limits: without deduce only names after a title or in "zoals X al zei" are
found; ages, URLs, partial dates and 0800/0900 numbers stay by design.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from stemmen.errors import Errors
from stemmen.ingest.pii_deduce import (
    _LEADING_LOWER, _TRAILING_LOWER, _deduce_spans, _drop_unconfirmed_weak_names, default_cache_dir, load_deduce,
)
from stemmen.ingest.pii_rules import (
    _NON_NAME_WORDS, PLACEHOLDER_KINDS, _keep_regex, _person_tokens, _phone_key, _rule_spans, _Span, _span,
    looks_personal,
)

__all__ = ["PLACEHOLDER_KINDS", "Pseudonymiser", "default_cache_dir", "load_deduce", "looks_personal", "pseudonymise"]

# --------------------------------------------------------------------------- merge + redact


def _resolve(text: str, spans: list[_Span]) -> list[_Span]:
    """Highest priority (then longest) first; a lower span keeps only what lies outside the winners."""
    accepted: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-s.priority, -(s.end - s.start), s.start)):
        pieces = [(span.start, span.end)]
        for other in accepted:
            nxt = []
            for a, b in pieces:
                if other.end <= a or other.start >= b:
                    nxt.append((a, b))
                    continue
                if a < other.start:
                    nxt.append((a, other.start))
                if other.end < b:
                    nxt.append((other.end, b))
            pieces = nxt
        for a, b in pieces:
            if (a, b) != (span.start, span.end):  # a leftover: trim it; a name/place must still look like one
                while a < b and not text[a].isalnum():
                    a += 1
                while b > a and not text[b - 1].isalnum():
                    b -= 1
                if span.kind == "PERSOON":  # "uit de Bloemenbuurt" left of a name is no name
                    if m := _LEADING_LOWER.match(text, a, b):
                        a = m.end()
                    if m := _TRAILING_LOWER.search(text, a, b):
                        b = m.start()
                piece = text[a:b]
                if span.kind in {"PERSOON", "LOCATIE", "INSTELLING"} and (
                    not any(ch.isupper() for ch in piece) or piece.lower() in _NON_NAME_WORDS
                ):
                    continue
            piece = text[a:b]
            if sum(ch.isalnum() for ch in piece) >= 2:
                accepted.append(_Span(a, b, span.kind, span.priority))
    merged: list[_Span] = []
    for span in sorted(accepted, key=lambda s: s.start):
        prev = merged[-1] if merged else None
        if prev and prev.kind == span.kind == "PERSOON" and re.fullmatch(r"[ \-]*", text[prev.end:span.start]):
            merged[-1] = _Span(prev.start, span.end, "PERSOON", max(prev.priority, span.priority))
        else:
            merged.append(span)
    return merged


def _close(a: str, b: str) -> bool:
    """Same word up to one edit (typo, "Jansen"/"Janssen"); only for longer words."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _key(kind: str, raw: str) -> str:
    if kind == "TELEFOON":
        return _phone_key(raw)
    if kind in {"IBAN", "BSN", "POSTCODE", "KENTEKEN", "DOCUMENTNUMMER", "KLANTNUMMER"}:
        return re.sub(r"[\s.\-]", "", raw).upper()
    return " ".join(raw.lower().split())


class _Numbering:
    """Per-text placeholder numbers: same entity, same number."""

    def __init__(self) -> None:
        self._keys: dict[str, dict[str, int]] = {}
        self._people: list[tuple[tuple[str, ...], int]] = []

    def placeholder(self, kind: str, raw: str) -> str:
        if kind == "PERSOON":
            return f"[PERSOON-{self._person(raw)}]"
        keys = self._keys.setdefault(kind, {})
        key = _key(kind, raw)
        if key not in keys:
            keys[key] = len(keys) + 1
        return f"[{kind}-{keys[key]}]"

    def _person(self, raw: str) -> int:
        tokens = _person_tokens(raw) or (raw.lower(),)
        for known, number in self._people:
            # "Bakker" after "Bas Bakker" (or the other way round), "Janssen" after "Jansen"
            if all(any(_close(t, k) for k in known) for t in tokens) or all(
                any(_close(k, t) for t in tokens) for k in known
            ):
                return number
        number = len(self._people) + 1
        self._people.append((tokens, number))
        return number


def _redact(text: str, spans: list[_Span]) -> str:
    numbering = _Numbering()
    out, pos = [], 0
    for span in spans:
        out.append(text[pos:span.start])
        raw = text[span.start:span.end]
        out.append(raw if span.kind in {"KEEP", "PLACEHOLDER"} else numbering.placeholder(span.kind, raw))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- public API


class Pseudonymiser:
    """Replace personal data in Dutch texts by placeholders such as ``[PERSOON-1]``.

    Parameters
    ----------
    cache_dir:
        Where deduce keeps its lookup cache (default: :func:`default_cache_dir`).
    keep:
        Words and phrases never replaced as name, place, institution or address
        (the municipality's name, department names). Case-insensitive, whole words.
    use_deduce:
        ``False`` runs the project rules only (fast; finds no bare names or places).
    dates:
        ``"full"`` replaces every full date and dates of birth; ``"birth"`` only dates of birth.
    """

    def __init__(
        self,
        cache_dir: str | os.PathLike[str] | None = None,
        keep: Sequence[str] = (),
        use_deduce: bool = True,
        dates: Literal["full", "birth"] = "full",
    ) -> None:
        self.cache_dir = cache_dir
        self.keep = tuple(keep)
        self.use_deduce = use_deduce
        self.dates = dates

    def _prepare(self) -> None:
        if hasattr(self, "keep_regex_"):
            return
        if self.dates not in ("full", "birth"):
            raise ValueError(Errors.E404.format(value=self.dates))
        self.model_ = load_deduce(str(Path(self.cache_dir or default_cache_dir()).expanduser().resolve())) \
            if self.use_deduce else None
        self.keep_regex_ = _keep_regex(self.keep)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of every replaced part of ``text``, in order."""
        self._prepare()
        return [(s.start, s.end, s.kind) for s in self._spans(text) if s.kind in PLACEHOLDER_KINDS]

    def _spans(self, text: str) -> list[_Span]:
        spans = _rule_spans(text, full_dates=self.dates == "full")
        if self.keep_regex_ is not None:
            spans.extend(_span(m.start(), m.end(), "KEEP") for m in self.keep_regex_.finditer(text))
        if self.model_ is not None:
            spans.extend(_deduce_spans(self.model_, text))
        return _resolve(text, _drop_unconfirmed_weak_names(text, spans))

    def pseudonymise_one(self, text: str) -> str:
        """Pseudonymise one text."""
        if not isinstance(text, str):
            raise TypeError(Errors.E400.format(problem=f"verwacht tekst, kreeg {type(text).__name__}"))
        self._prepare()
        if not text.strip():
            return text
        return _redact(text, self._spans(text))

    def pseudonymise(self, texts: Iterable[str]) -> list[str]:
        """Pseudonymise texts; placeholders are numbered per text."""
        return [self.pseudonymise_one(t) for t in texts]


@functools.lru_cache(maxsize=8)
def _cached(cache_dir: str | None, keep: tuple[str, ...], use_deduce: bool) -> Pseudonymiser:
    return Pseudonymiser(cache_dir=cache_dir, keep=keep, use_deduce=use_deduce)


def pseudonymise(
    texts: Iterable[str],
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    keep: Sequence[str] = (),
    use_deduce: bool = True,
) -> list[str]:
    """Pseudonymise texts with a per-process cached :class:`Pseudonymiser`."""
    key = None if cache_dir is None else str(cache_dir)
    return _cached(key, tuple(keep), use_deduce).pseudonymise(texts)
