"""The deduce layer of the pseudonymiser: names, places and care institutions from deduce's Dutch
lookup lists, with the corrections that keep ordinary words intact (see ``pseudonymise``).
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import os
import pickle
import re
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from stemmen.errors import Errors, ModelError
from stemmen.ingest.pii_rules import (
    _AMBIGUOUS_PLACES, _NON_NAME_WORDS, _PARTICLES, _PRIORITY, _SENTENCE_START, _TITLE, _person_tokens, _Span,
    _span,
)
from stemmen.loading import default_cache_dir as stemmen_cache_dir
from stemmen.loading import long_lived

# deduce groups switched off: our rules replace them (with validation) or they are not personal data
_DEDUCE_DISABLED = frozenset(
    {"dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls", "redactor",
     # its slack lets "Mark Visser. Visser zei" become one name, eating the full stop; _resolve merges instead
     "merge_adjacent_annotations"}
)
_DEDUCE_KIND = {"persoon": "PERSOON", "patient": "PERSOON", "locatie": "LOCATIE",
                "ziekenhuis": "INSTELLING", "zorginstelling": "INSTELLING"}


# --------------------------------------------------------------------------- deduce


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/stemmen/deduce``, or ``~/.cache/stemmen/deduce``."""
    return stemmen_cache_dir() / "deduce"


def _import_deduce() -> Any:
    # deduce calls logging.basicConfig(DEBUG, stdout) and warnings.simplefilter at import:
    # undo both so that importing it changes nothing else in the process.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        with warnings.catch_warnings():
            import deduce
    except ImportError as exc:
        raise ModelError(Errors.E401.format(problem=str(exc))) from exc
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return deduce


_CACHE_FILE = Path("cache") / "lookup_structs.pickle"  # where deduce keeps its pickle under cache_path
_BROKEN_PICKLE = (EOFError, pickle.UnpicklingError, KeyError, ValueError, AttributeError, ImportError, IndexError)


@functools.lru_cache(maxsize=4)
@long_lived
def load_deduce(cache_dir: str) -> Any:
    """Load ``deduce.Deduce`` once per process and cache directory.

    The first use builds deduce's lookup structures (about 83 MB, one to three
    minutes) into ``cache_dir``; later processes load them in seconds. The build
    goes to a temporary directory first and is moved in place, so that parallel
    workers never read a half-written cache. The structures live as long as the
    process (``long_lived``: under the garbage collector, loading took 7.7 s and the
    interpreter's exit 12 s more).
    """
    deduce = _import_deduce()
    path = Path(cache_dir)
    target = path / _CACHE_FILE
    try:
        path.mkdir(parents=True, exist_ok=True)
        if target.is_file():
            try:
                return deduce.Deduce(cache_path=path)
            except _BROKEN_PICKLE as exc:
                logging.getLogger(__name__).warning(Errors.E403.format(path=target, problem=type(exc).__name__))
        logging.getLogger(__name__).info("deduce: opzoektabellen worden eenmalig opgebouwd in %s (1-3 minuten)", path)
        build_dir = Path(tempfile.mkdtemp(prefix=".build-", dir=path))
        try:
            model = deduce.Deduce(cache_path=build_dir, build_lookup_structs=True)
            target.parent.mkdir(exist_ok=True)
            os.replace(build_dir / _CACHE_FILE, target)
        finally:
            shutil.rmtree(build_dir, ignore_errors=True)
        return model
    except OSError as exc:
        raise ModelError(Errors.E402.format(path=path, problem=exc.strerror or exc)) from exc


_DEDUCE_ADDRESS = re.compile(r"\d+[a-zA-Z]?$|^[Pp]ostbus")


@functools.lru_cache(maxsize=1)
def _dutch_words() -> frozenset[str]:
    """Dutch word forms (spaCy's lookup lemmatizer table), to tell "Wijkcentrum" from a name."""
    try:
        from importlib.resources import files

        with gzip.open(files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as fh:
            table = json.load(fh)
    except (ImportError, OSError, ValueError):
        return frozenset()
    return frozenset(w.lower() for pair in table.items() for w in pair)


def _trim_common_words(text: str, span: _Span, model: Any) -> _Span | None:
    """deduce extends names over neighbouring capitalised words ("Kenniscentrum Hendrik Bos");
    give back such words when they are Dutch words and neither a known first name nor surname."""
    words = _dutch_words()
    first, last = model.lookup_structs["first_name"], model.lookup_structs["surname"]

    def common(token: str) -> bool:
        return token[:1].isupper() and token.lower() in words and [token] not in first and [token] not in last

    # only on the left (deduce's "naam_left" context) and never next to a particle ("Roos de Wit")
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[span.start:span.end])]
    while (
        len(tokens) > 1
        and common(text[span.start + tokens[0][0]:span.start + tokens[0][1]])
        and text[span.start + tokens[1][0]:span.start + tokens[1][1]].lower() not in _PARTICLES
    ):
        tokens.pop(0)
    return _Span(span.start + tokens[0][0], span.end, span.kind, span.priority)


def _deduce_spans(model: Any, text: str) -> list[_Span]:
    doc = model.deidentify(text, disabled=_DEDUCE_DISABLED)
    spans = []
    for ann in doc.annotations:
        kind = _DEDUCE_KIND.get(ann.tag)
        if kind is None:
            continue
        if kind == "LOCATIE" and _DEDUCE_ADDRESS.search(ann.text):
            kind = "ADRES"  # street + house number, "Postbus 12" (not "5611 AB Eindhoven")
        if (ann.start_char > 0 and text[ann.start_char - 1].isalnum()) or (
            ann.end_char < len(text) and text[ann.end_char].isalnum()
        ):
            continue  # inside a code or hash ("6fca5e4842df"), not a postcode or name
        span = _trim(text, _span(ann.start_char, ann.end_char, kind))
        if span is not None and kind == "PERSOON":
            span = _trim_common_words(text, span, model)
            if span is not None and _is_weak_name(text, span, model):
                span = _Span(span.start, span.end, kind, _PRIORITY["PERSOON_WEAK"])
        if span is not None:
            spans.append(span)
    return spans


def _is_weak_name(text: str, span: _Span, model: Any) -> bool:
    """One capitalised word at the start of a sentence that is an ordinary Dutch word and no first name:
    "Mooi gezegd.", "Star.", "Pas na de derde keer" (surnames for deduce)."""
    word = text[span.start:span.end]
    return (
        word.isalpha()
        and (word in _WORDS_NOT_NAMES
             or (word.lower() in _dutch_words() and [word] not in model.lookup_structs["first_name"]))
        and _SENTENCE_START.search(text, 0, span.start) is not None
    )


# In deduce's first-name list, but at the start of a sentence nearly always the ordinary word ("Star.", "Zomer, ...").
_WORDS_NOT_NAMES = frozenset(
    """Burger Star Zomer Winter Lente Herfst Niks Prima Top Fijn Goed Super Helder Klopt Jammer Gelukkig Eerlijk
    Open Vrij Klaar Zeker Echt Stil Blij Boos Precies Juist Mooi Sterk Snel Traag Duidelijk Netjes""".split()
)


def _drop_unconfirmed_weak_names(text: str, spans: list[_Span]) -> list[_Span]:
    """Keep a weak name only when the text also names that person in full ("Bas Bakker ... Bakker zei")."""
    weak = [s for s in spans if s.priority == _PRIORITY["PERSOON_WEAK"]]
    if not weak:
        return spans
    strong = {t for s in spans if s.kind == "PERSOON" and s not in weak for t in _person_tokens(text[s.start:s.end])}
    return [s for s in spans if s not in weak or text[s.start:s.end].lower() in strong]


_LEADING_TITLE = re.compile(r"(?:" + _TITLE + r"|[A-Z][a-z]+)[ ]+")
_TRAILING_LOWER = re.compile(r"(?:[ ]+[a-z'][\w']*)+$")
_LEADING_LOWER = re.compile(r"(?:[a-z'][\w']*[ ]+)+")
_LEADING_ARTICLE = re.compile(r"(?:de|het|'t|een)[ ]+")


def _trim(text: str, span: _Span) -> _Span | None:
    """Keep titles and leading sentence words outside a name/place span ("mevrouw [PERSOON-1]")."""
    start, end = span.start, span.end
    if span.kind == "PERSOON":
        while (m := _LEADING_TITLE.match(text, start, end)) and (
            re.fullmatch(_TITLE, m.group().strip()) or m.group().strip().lower() in _NON_NAME_WORDS
        ):
            start = m.end()
        if m := _TRAILING_LOWER.search(text, start, end):  # "Smits van het" once "Wmo" is kept
            end = m.start()
    elif span.kind in {"LOCATIE", "ADRES", "INSTELLING"}:
        if m := _LEADING_ARTICLE.match(text, start, end):
            start = m.end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if end <= start:
        return None
    word = text[start:end]
    if span.kind == "LOCATIE" and word in _AMBIGUOUS_PLACES and _SENTENCE_START.search(text, 0, start):
        return None
    return _Span(start, end, span.kind, span.priority)


