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
import gzip
import json
import logging
import os
import pickle
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from stemmen.errors import Errors, ModelError
from stemmen.ingest.identifiers import find_document_numbers, find_plates, find_register_numbers
from stemmen.loading import long_lived

__all__ = ["PLACEHOLDER_KINDS", "Pseudonymiser", "default_cache_dir", "load_deduce", "looks_personal", "pseudonymise"]

PLACEHOLDER_KINDS = (
    "PERSOON", "EMAIL", "TELEFOON", "ADRES", "POSTCODE", "BSN", "IBAN", "LOCATIE", "INSTELLING", "DATUM",
    "KENTEKEN", "DOCUMENTNUMMER", "KLANTNUMMER",
)

# Higher wins when spans overlap; the loser keeps only the parts outside the winner.
_PRIORITY = {
    "PLACEHOLDER": 200, "EMAIL": 100, "IBAN": 95, "TELEFOON": 90, "BSN": 85, "KLANTNUMMER": 84,
    "DOCUMENTNUMMER": 83, "KENTEKEN": 82, "POSTCODE": 80,
    "DATUM": 75, "KEEP": 72, "ADRES": 70, "LOCATIE_RULE": 60, "PERSOON_RULE": 40,
    "PERSOON": 30, "INSTELLING": 30, "PERSOON_WEAK": 29, "LOCATIE": 20,
}
# kinds the keep-list protects (structured identifiers are replaced regardless)
_SOFT_KINDS = {"PERSOON", "LOCATIE", "INSTELLING", "ADRES"}

# deduce groups switched off: our rules replace them (with validation) or they are not personal data
_DEDUCE_DISABLED = frozenset(
    {"dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls", "redactor",
     # its slack lets "Mark Visser. Visser zei" become one name, eating the full stop; _resolve merges instead
     "merge_adjacent_annotations"}
)
_DEDUCE_KIND = {"persoon": "PERSOON", "patient": "PERSOON", "locatie": "LOCATIE",
                "ziekenhuis": "INSTELLING", "zorginstelling": "INSTELLING"}


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str  # a PLACEHOLDER_KINDS member, or KEEP / PLACEHOLDER (never replaced)
    priority: int


def _span(start: int, end: int, kind: str, rank: str | None = None) -> _Span:
    return _Span(start, end, kind, _PRIORITY[rank or kind])


# --------------------------------------------------------------------------- rules

_EXISTING_PLACEHOLDER = re.compile(r"\[(?:{})-\d+\]".format("|".join(PLACEHOLDER_KINDS)))

_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w.+\-']+"
    r"(?:@|\s?[(\[](?:at|apenstaartje)[)\]]\s?)"
    r"[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}(?![\w])"
)

_PHONE_SEP = r"(?:[ ]?[\-./][ ]?|[ ]|\)[ ]?|[ ]?\()"
_PHONE = re.compile(
    r"(?<![\w+@/])"
    r"(?:(?P<intl>(?:\+|00)[ ]?31[ \-]?(?:\(0\)[ \-]?)?)|\(?0)"
    r"\d(?:" + _PHONE_SEP + r"?\d)*"
)
_DATE_LIKE_START = re.compile(r"\(?\d{1,2}[\-/.]\d{1,2}[\-/.]\d{2,4}")
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")  # businesses, not persons

# Lengths per country (EU/EEA, UK, CH); letters case-insensitive.
_IBAN_LENGTHS = {
    "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
    "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
    "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
}
_IBAN_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){10,30}")
# A Dutch IBAN shape is unambiguous: masked even when the checksum fails (a typo is still an account).
_NL_IBAN_SHAPE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")

_BSN = re.compile(
    r"(?<![\w.,/+\-])(?:\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\w]|[.,\-]\d)"
)

_PLACE_AFTER_POSTCODE = (
    r"(?:[ ]{1,2}(?P<place>(?:'[sS][\- ]|(?:Den|De|Sint|St\.)[ ])?"
    r"[A-Z][a-zà-ÿ]+(?:-[A-Z]?[a-zà-ÿ]+)*(?:[ ](?:aan|op|bij)[ ](?:de[ ]|den[ ])?[A-Z][a-zà-ÿ]+)?))?"
)
_POSTCODE = re.compile(
    r"(?<![\w\-])(?P<code>[1-9]\d{3}(?:[ ]?(?!SA|SD|SS)[A-Z]{2}"
    r"|(?!mg|ml|kg|km|cm|mm|gb|mb|kb|pm|am|uu)[a-z]{2}))(?![\w])" + _PLACE_AFTER_POSTCODE
)

_MONTHS = (
    r"(?:januari|jan|februari|feb|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug"
    r"|september|sept|sep|oktober|okt|november|nov|december|dec)"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_FULL_DATE = re.compile(
    r"(?<![\w\-/.])(?:"
    + _DAY + r"(?P<s1>[\-/.])" + _MONTH_NUM + r"(?P=s1)(?:19|20)?\d{2}"
    + r"|(?:19|20)\d{2}(?P<s2>[\-/.])" + _MONTH_NUM + r"(?P=s2)" + _DAY
    + r"|" + _DAY + r"\.?[ \-](?i:" + _MONTHS + r")\.?[ \-](?:19|20)\d{2}"
    + r")(?![\w]|[\-/.]\d)"
)
_BIRTH_DATE = re.compile(
    r"(?i:geboren|geb\.|geboortedatum|geb\.datum|geboortedag|verjaardag|jarig)"
    r"(?:[ ]?:)?(?:[ ](?:op|is|was|de|den))*[ ]"
    r"(?P<date>" + _DAY + r"(?:[\-/.]" + _MONTH_NUM + r"(?:[\-/.](?:19|20)?\d{2})?"
    + r"|\.?[ \-](?i:" + _MONTHS + r")\.?(?:[ \-](?:19|20)\d{2})?))(?![\w]|[\-/.]\d)"
)

# Street names end in a street word; a capitalised (or all-lowercase, stricter) word, then a house number.
_STREET_WORDS = (
    r"(?:straat|laan|weg|plein|pad|dijk|dreef|gracht|kade|singel|steeg|hof|markt|park|plantsoen"
    r"|baan|dam|wal|erf|zoom|ring|haven|brink|boulevard|allee|veld|burcht|wetering|vaart|dwarsweg)"
)
_STRICT_STREET_WORDS = r"(?:straat|laan|weg|plein|gracht|kade|singel|dreef|steeg|dijk)"
_HOUSE_NUMBER = (
    r"\d{1,5}(?:[a-zA-Z](?![\w])|[ ][A-Z](?![\w])|-\d{1,4}(?!\d)|-[a-zA-Z](?![\w])|[ ]?(?:bis|hs|rd|zw)(?![\w]))?"
    r"(?![\d]|[.,]\d)"
)
_NOT_UNITS = (
    r"(?![ ](?:keer|jaar|jaren|dag|dagen|week|weken|maand|maanden|uur|minuten|meter|km|kilometer|procent|%|x)\b)"
)
_CAP_WORD = r"[A-Z][\w'’.\-]*"
_ADDRESS = re.compile(
    r"(?<![\w\-])(?:"
    # "Van Goghstraat 3", "Burgemeester de Vlugtlaan 12", "Kerkstraat 14"
    r"(?:" + _CAP_WORD + r"[ ](?:(?:van|de|der|den|'t|ter|ten|" + _CAP_WORD + r")[ ]){0,2})?"
    r"[A-Z][\w'’\-]*?" + _STREET_WORDS
    + r"|[a-z][a-z\-]{2,}" + _STRICT_STREET_WORDS
    # "Laan van Meerdervoort 12", "Plein van de Republiek 3"
    + r"|(?:Laan|Plein|Weg|Dreef|Singel|Kade|Hof|Park|Straat)[ ](?:van|der|de|den|op|ten|ter|het|'t)"
    r"(?:[ ](?:van|der|de|den|het))?[ ][A-Z][\w'’\-]+"
    r")[ ](?:nr\.?[ ]|nummer[ ])?" + _HOUSE_NUMBER + _NOT_UNITS
)
# Capitalised sentence words that deduce's name context or our street pattern can swallow.
_NON_NAME_WORDS = frozenset(
    """volgens zoals namens met door voor bij na naast via aan toen dan maar en of want dus ook alleen
    helaas gelukkig gisteren vandaag morgen beste geachte hallo hoi dag groeten groet bedankt dank sorry
    ja nee hij zij ze ik wij we jij je u mijn onze ons hun haar zijn uw jullie iedereen niemand iemand men
    alle allemaal sommige sommigen veel velen weinig elke iedere deze die dit dat het de een wat wie
    waar wanneer hoe waarom welke nou nu daarna eerst later soms vaak nooit altijd misschien echt heel
    erg zeer graag wel niet geen meneer mevrouw mevr dhr mw heer collega wethouder burgemeester raadslid
    gemeente afdeling team bureau college raad inwoner inwoners burger burgers medewerker medewerkers
    ambtenaar ambtenaren klant klanten ook verder tot sinds tijdens over uit in op om te als omdat
    hoewel terwijl zodat""".split()
)

_TITLE = (
    r"(?i:mevrouw|mevr\.?|mw\.?|mej\.?|juffrouw|juf|meneer|mijnheer|mnr\.?|de[ ]heer|dhr\.?|hr\.|dokter"
    r"|dr\.|drs\.|ir\.|ing\.|mr\.|prof\.|ds\.|wethouder|burgemeester|raadslid|collega|buurman|buurvrouw"
    r"|oom|tante|opa|oma)"
)
_PARTICLE = r"(?:van|de|der|den|het|'t|ten|ter|te|in|op|Van|De|Der|Den|Ten|Ter|Te|El|Al|La|Le|Da|Di|Du|Von)"
_NAME_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*"
_NAME = (
    r"(?:(?:[A-Z]\.[ ]?){1,4}[ ]?)?(?:" + _PARTICLE + r"[ ]){0,3}" + _NAME_WORD
    + r"(?:[ ](?:" + _PARTICLE + r"[ ]){0,3}" + _NAME_WORD + r"){0,2}"
)
_TITLED_NAME = re.compile(r"(?<![\w])" + _TITLE + r"[ ]+(?P<name>" + _NAME + r")")
_SAID_BY = re.compile(
    r"(?i:zoals|aldus)[ ]+(?P<name>" + _NAME + r")(?:[ ](?i:al|ook|net|eerder|terecht|toen))*[ ]"
    r"(?i:zei|zegt|aangaf|aangeeft|schreef|schrijft|opmerkte|opmerkt|stelde|stelt|vertelde|vertelt|noemde"
    r"|noemt|mailde|benadrukte|benadrukt|zei)"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[\"'“‘(]\s*)$")

# Places that are ordinary words when capitalised at the start of a sentence ("Best lastig", "Goes het goed?").
_AMBIGUOUS_PLACES = frozenset(
    """Best Goes Putten Huizen Kampen Leiden Hoorn Sluis Echt Made Rijen Zetten Loon Vrij Warm Raar Juist
    Ziek Monster Winkel Brand Handel Dorp Straat Plein Park Veld Eind Middag Drie Acht Honderd Oranje Duur
    Effen Enter Halte Val Waarde Heer Boer Hoek Meer Kruis Neer Smal Vink Ven Rijk Dal Dam Dijk Berg Beek
    Broek Hof Kade Steeg Sloot Eng Lies Look Spier Wissel Schouw Klimmen Glimmen Zoom Geer Gauw Doorsnee
    Doodstil Haren Heel Ede Epe Son Lemmer Lopik Vaals Doorn Leek Wijk Land Grave Weert Beesd""".split()
)


def _find_emails(text: str) -> Iterator[_Span]:
    for m in _EMAIL.finditer(text):
        yield _span(m.start(), m.end(), "EMAIL")


def _candidates(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Like finditer, but a rejected or trimmed candidate does not swallow what follows it."""
    pos = 0
    while m := regex.search(text, pos):
        yield m
        pos = m.start() + 1


def _find_phones(text: str) -> Iterator[_Span]:
    taken = 0
    for m in _candidates(_PHONE, text):
        if m.start() < taken:
            continue
        digits_at = [i for i in range(m.start(), m.end()) if text[i].isdigit()]
        if m.group("intl"):
            skip = sum(ch.isdigit() for ch in m.group("intl"))  # "31" / "0031" and a "(0)"
            needed = skip + 9
        else:
            skip, needed = 0, 10
        if len(digits_at) < needed:
            continue
        end = digits_at[needed - 1] + 1
        if end < len(text) and text[end].isdigit():
            continue
        national = "0" + "".join(text[i] for i in digits_at[skip:needed])[-9:]
        if national[1] == "0" or national.startswith(_SERVICE_PREFIXES):
            continue
        start = m.start()
        if _DATE_LIKE_START.match(text, start):
            continue
        if text[start] == "(" and ")" not in text[start:end]:
            start += 1
        taken = end
        yield _span(start, end, "TELEFOON")


def _phone_key(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    return "0" + digits[-9:]


def _iban_ok(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _find_ibans(text: str) -> Iterator[_Span]:
    taken = 0
    for m in _candidates(_IBAN_CANDIDATE, text):
        if m.start() < taken:
            continue
        country = m.group()[:2].upper()
        length = _IBAN_LENGTHS.get(country)
        if length is None:
            continue
        chars_at = [i for i in range(m.start(), m.end()) if text[i].isalnum()]
        if len(chars_at) < length:
            continue
        end = chars_at[length - 1] + 1
        if end < len(text) and text[end].isalnum():
            continue
        compact = "".join(text[i] for i in chars_at[:length]).upper()
        if _iban_ok(compact) or (country == "NL" and _NL_IBAN_SHAPE.fullmatch(compact)):
            taken = end
            yield _span(m.start(), end, "IBAN")


def _elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0 and digits != "000000000"


def _find_bsns(text: str) -> Iterator[_Span]:
    for m in _BSN.finditer(text):
        if _elfproef(re.sub(r"\D", "", m.group())):
            yield _span(m.start(), m.end(), "BSN")


def _find_postcodes(text: str) -> Iterator[_Span]:
    for m in _POSTCODE.finditer(text):
        yield _span(m.start("code"), m.end("code"), "POSTCODE")
        place = m.group("place")
        if place and place.lower() not in _NON_NAME_WORDS:
            yield _span(m.start("place"), m.end("place"), "LOCATIE", "LOCATIE_RULE")


def _find_dates(text: str, full: bool) -> Iterator[_Span]:
    for m in _BIRTH_DATE.finditer(text):
        yield _span(m.start("date"), m.end("date"), "DATUM")
    if full:
        for m in _FULL_DATE.finditer(text):
            yield _span(m.start(), m.end(), "DATUM")


def _find_addresses(text: str) -> Iterator[_Span]:
    for m in _ADDRESS.finditer(text):
        start = m.start()
        # a capitalised function word in front ("Via Kerkstraat 3", "Ook Dorpsstraat 2") is no street name
        first, _, rest = m.group().partition(" ")
        if first.lower() in _NON_NAME_WORDS and rest and rest[0].isupper():
            start += len(first) + 1
        yield _span(start, m.end(), "ADRES")


def _find_titled_names(text: str) -> Iterator[_Span]:
    for regex in (_TITLED_NAME, _SAID_BY):
        for m in regex.finditer(text):
            start, end = m.span("name")
            words = m.group("name").split(" ")
            # drop trailing capitalised function words ("meneer Jansen Toen ...")
            while words and words[-1].lower() in _NON_NAME_WORDS:
                end -= len(words.pop()) + 1
            if words and any(w[0].isupper() and w.lower() not in _NON_NAME_WORDS for w in words):
                yield _span(start, end, "PERSOON", "PERSOON_RULE")


def _find_identifiers(text: str) -> Iterator[_Span]:
    for kind, finder in (("KENTEKEN", find_plates), ("DOCUMENTNUMMER", find_document_numbers),
                         ("KLANTNUMMER", find_register_numbers)):
        for start, end in finder(text):
            yield _span(start, end, kind)


def _rule_spans(text: str, full_dates: bool) -> list[_Span]:
    spans = [_span(m.start(), m.end(), "PLACEHOLDER") for m in _EXISTING_PLACEHOLDER.finditer(text)]
    spans.extend(_find_identifiers(text))
    for finder in (_find_emails, _find_ibans, _find_phones, _find_bsns, _find_postcodes, _find_addresses,
                   _find_titled_names):
        spans.extend(finder(text))
    spans.extend(_find_dates(text, full_dates))
    return spans


def looks_personal(text: str) -> bool:
    """True when a rule detector finds contact details or an identifier in ``text``: an e-mail address,
    phone number, IBAN, BSN, postcode, licence plate, document or register number. The reports use
    it to leave out a quote that still looks personal after pseudonymisation (defence in depth)."""
    return any(next(finder(text), None) is not None for finder in (
        _find_emails, _find_phones, _find_ibans, _find_bsns, _find_postcodes, _find_identifiers))


# --------------------------------------------------------------------------- keep-list

# Acronyms of Dutch laws and agencies written like names ("de Wmo"): deduce reads "van de Wmo" as a surname.
DEFAULT_KEEP = ("Wmo", "Wlz", "Woz", "Awb", "Ggd", "Uwv", "Svb", "Duo", "Cak", "Bibob", "Jeugdwet", "Participatiewet")


def _keep_regex(keep: Iterable[str]) -> re.Pattern[str] | None:
    phrases = sorted({k.strip() for k in (*DEFAULT_KEEP, *keep) if k and k.strip()}, key=len, reverse=True)
    if not phrases:
        return None
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE)


# --------------------------------------------------------------------------- deduce


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/stemmen/deduce``, or ``~/.cache/stemmen/deduce``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stemmen" / "deduce"


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


_PARTICLES = frozenset("van de der den het 't ten ter te in op el al la le da di du von".split())


def _person_tokens(raw: str) -> tuple[str, ...]:
    words = re.findall(r"[\w'’]+", raw.lower())
    return tuple(w for w in words if w not in _PARTICLES and len(w) > 1)


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
