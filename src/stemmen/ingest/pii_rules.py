"""The project's rules for personal data in Dutch text: e-mail, phone numbers, IBAN (mod-97),
BSN (elfproef), postcodes, addresses, full and birth dates, names after a title, licence plates
and document numbers; and the keep-list. Used by the pseudonymiser (``pseudonymise``) and by
the reports' safety filter (``looks_personal``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stemmen.ingest.identifiers import find_document_numbers, find_plates, find_register_numbers

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


_PARTICLES = frozenset("van de der den het 't ten ter te in op el al la le da di du von".split())


def _person_tokens(raw: str) -> tuple[str, ...]:
    words = re.findall(r"[\w'’]+", raw.lower())
    return tuple(w for w in words if w not in _PARTICLES and len(w) > 1)
