"""Structured identifiers of persons that case notes carry besides BSN and IBAN.

- Dutch licence plates (kentekens), every sidecode 1-14 (``AB-12-34`` ...
  ``12-ABC-3``, ``1-ABC-23``, ``999-XX-9``): a plate leads to its keeper.
- Identity document numbers (passport, identity card, driving licence) when
  the sentence names the document: the number alone looks like any code.
- Numbers that name a person in another register when labelled as such
  (``klantnummer``, ``cliëntnummer``, ``relatienummer``, ``personeelsnummer``,
  ``polisnummer``, ``vreemdelingennummer`` ...).

Case and file numbers of other systems (``2025-113``, ``BV-07``, ``Z-2025-00123``,
``zaaknummer``, ``kenmerk``) are kept: they name a case, not a person, and the
liaison office needs them to trace a case back. Pure functions, no state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["find_plates", "find_document_numbers", "find_register_numbers", "SIDECODES"]

# L = letter, D = digit; RDW sidecodes 1-14 in order
SIDECODES = ("LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD",
             "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D")


def _sidecode_regex(letter: str) -> str:
    alts = []
    for code in SIDECODES:
        groups = code.split("-")
        alts.append("-".join(f"{letter}{{{len(g)}}}" if g[0] == "L" else rf"\d{{{len(g)}}}" for g in groups))
    return "|".join(alts)


# letters all upper- or all lower-case (a plate typed in lower case is still a plate); mixed case is a word
_PLATE = re.compile(rf"(?<![\w\-/.])(?:{_sidecode_regex('[A-Z]')}|{_sidecode_regex('[a-z]')})(?![\w]|-\w)")
# "1-jan-25", "12-MRT-2": a date written with a month abbreviation, not a plate
_MONTH_ABBREVIATIONS = frozenset(
    "jan feb mrt maa apr mei jun jul aug sep okt nov dec mar may oct".split()
)


def find_plates(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each Dutch licence plate written with its dashes."""
    for m in _PLATE.finditer(text):
        letters = [g for g in m[0].split("-") if g.isalpha()]
        if any(g.lower() in _MONTH_ABBREVIATIONS for g in letters):
            continue
        yield m.start(), m.end()


_DOCUMENT_WORDS = (r"paspoort|reisdocument|identiteitskaart|id-kaart|idkaart|identiteitsbewijs|legitimatie(?:bewijs)?"
                   r"|rijbewijs|verblijfs(?:document|vergunning)|documentnummer")
# the number: 8-10 letters/digits with at least one digit, within a short stretch after the document word
_DOCUMENT_NUMBER = re.compile(
    rf"(?i:\b(?:{_DOCUMENT_WORDS})\w*)[^.!?\n]{{0,40}}?(?<![\w\-])(?P<num>(?=[A-Za-z]*\d)[A-Z0-9]{{8,10}})(?![\w])"
)
_REGISTER_WORDS = (r"klant|cli[eë]nt|relatie|debiteur(?:en)?|personeels|werknemers|medewerkers|polis|lid"
                   r"|vreemdelingen|v-|pas")
_REGISTER_NUMBER = re.compile(
    rf"(?i:\b(?:{_REGISTER_WORDS})(?:nummer|nr\.?)s?)\s*(?::|is|=)?\s*"
    r"(?P<num>(?=[A-Za-z./\-]*\d)[A-Za-z0-9][A-Za-z0-9./\-]{2,19}[A-Za-z0-9])"
)


def find_document_numbers(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of identity-document numbers that follow the document's name."""
    for m in _DOCUMENT_NUMBER.finditer(text):
        yield m.start("num"), m.end("num")


def find_register_numbers(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of a person's number in another register, after its label (klantnummer 123456)."""
    for m in _REGISTER_NUMBER.finditer(text):
        yield m.start("num"), m.end("num")
