"""Licence plates, identity-document numbers and register numbers in case notes."""

from __future__ import annotations

import pytest

from stemmen.ingest.identifiers import SIDECODES, find_document_numbers, find_plates, find_register_numbers
from stemmen.ingest.pseudonymise import Pseudonymiser

# one real-looking plate per RDW sidecode, in order 1-14
PLATES = ["AB-12-34", "12-34-AB", "12-AB-34", "AB-12-CD", "AB-CD-12", "12-AB-CD", "12-ABC-3", "1-ABC-23",
          "AB-123-C", "A-123-BC", "ABC-12-D", "A-12-BCD", "1-AB-234", "123-AB-4"]


@pytest.fixture(scope="module")
def rules() -> Pseudonymiser:
    return Pseudonymiser(use_deduce=False)


def test_one_example_per_sidecode():
    assert len(PLATES) == len(SIDECODES) == 14


@pytest.mark.parametrize("plate", PLATES)
def test_every_sidecode_is_replaced_in_a_case_note(rules, plate):
    note = f"De auto van de melder ({plate}) stond weer op het trottoir bij de school."
    out = rules.pseudonymise([note])[0]
    assert plate not in out
    assert out == "De auto van de melder ([KENTEKEN-1]) stond weer op het trottoir bij de school."


def test_a_plate_typed_in_lower_case_is_still_a_plate(rules):
    assert rules.pseudonymise(["Zijn busje, 12-abc-3, blokkeert de inrit."])[0] == (
        "Zijn busje, [KENTEKEN-1], blokkeert de inrit.")


def test_the_same_plate_gets_the_same_placeholder(rules):
    out = rules.pseudonymise(["Kenteken 12-ABC-3 gezien; later stond 12-abc-3 er weer, en ook AB-12-CD."])[0]
    assert out == "Kenteken [KENTEKEN-1] gezien; later stond [KENTEKEN-1] er weer, en ook [KENTEKEN-2]."


@pytest.mark.parametrize("text", [
    "Zaak 2025-113 is doorgezet naar BV-07 voor een tweede gesprek.",
    "Zaaknummer Z-2025-00123, kenmerk 2025/0412, dossier WMO-2024-88.",
    "Op 1-jan-25 belde zij en op 12-MRT-2 weer.",  # dates with a month abbreviation
    "Het gesprek duurde 10-15 minuten, versie 1.2-rc-3.",
    "Afdeling Kf-12-34 is een interne code met gemengde letters.",
    "Artikel 3-4-2 van de verordening.",
])
def test_case_numbers_dates_and_codes_are_no_plates(rules, text):
    assert list(find_plates(text)) == []
    assert "KENTEKEN" not in rules.pseudonymise([text])[0]


def test_identity_document_numbers_after_the_document_word(rules):
    text = "Zij liet haar paspoort zien (nummer NXC1R8K34) en later haar ID-kaart: IPB3K91L7."
    assert [text[a:b] for a, b in find_document_numbers(text)] == ["NXC1R8K34", "IPB3K91L7"]
    out = rules.pseudonymise([text])[0]
    assert "NXC1R8K34" not in out and "[DOCUMENTNUMMER-2]" in out
    # without the document word a code is left alone
    assert list(find_document_numbers("Formulier ABC12345X ingevuld.")) == []


def test_register_numbers_of_a_person_after_their_label(rules):
    text = "Klantnummer: 4483921 bij het UWV; cliëntnr. C-20931 bij de zorgaanbieder; personeelsnummer 88213."
    assert [text[a:b] for a, b in find_register_numbers(text)] == ["4483921", "C-20931", "88213"]
    out = rules.pseudonymise([text])[0]
    assert out == ("Klantnummer: [KLANTNUMMER-1] bij het UWV; cliëntnr. [KLANTNUMMER-2] bij de zorgaanbieder;"
                   " personeelsnummer [KLANTNUMMER-3].")
    assert list(find_register_numbers("Het zaaknummer is 2025-113.")) == []
