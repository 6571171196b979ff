"""Pseudonymisation of Dutch free text: project rules and deduce together.

The deduce tests share one loaded model (its lookup cache lives in the user's
cache directory, outside the repository: the first run builds it in 1-3 minutes).
"""

from __future__ import annotations

import logging
import re

import pytest

from stemmen.errors import ModelError
from stemmen.ingest.pseudonymise import (
    PLACEHOLDER_KINDS,
    Pseudonymiser,
    default_cache_dir,
    load_deduce,
    pseudonymise,
)

KEEP = ("Vergunningen", "Sociaal Domein", "Lindewaard", "Bureau Verbindingen")
PLACEHOLDER = re.compile(r"\[({})-\d+\]".format("|".join(PLACEHOLDER_KINDS)))


@pytest.fixture(scope="module")
def full() -> Pseudonymiser:
    return Pseudonymiser(keep=KEEP)


@pytest.fixture(scope="module")
def rules() -> Pseudonymiser:
    return Pseudonymiser(keep=KEEP, use_deduce=False)


@pytest.fixture(params=["rules", "full"])
def any_mode(request) -> Pseudonymiser:
    return request.getfixturevalue(request.param)


# --------------------------------------------------------------------------- names (deduce + rules)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bas Bakker belde over de bakker op de hoek.", "[PERSOON-1] belde over de bakker op de hoek."),
        ("Ik sprak mevrouw De Wit over haar aanvraag.", "Ik sprak mevrouw [PERSOON-1] over haar aanvraag."),
        ("Roos de Vries vond het een mooie roos.", "[PERSOON-1] vond het een mooie roos."),
        ("Zoals Pieter al zei, de gemeente luistert niet.", "Zoals [PERSOON-1] al zei, de gemeente luistert niet."),
        ("mevr. van den Berg heeft gebeld, meneer Smit ook.",
         "mevr. [PERSOON-1] heeft gebeld, meneer [PERSOON-2] ook."),
        ("Mw. Yilmaz en dhr. El Amrani hebben een klacht ingediend.",
         "Mw. [PERSOON-1] en dhr. [PERSOON-2] hebben een klacht ingediend."),
        ("Na het gesprek met Jeroen van Dijk was alles duidelijk.",
         "Na het gesprek met [PERSOON-1] was alles duidelijk."),
        ("Ik heb contact gehad met Anne-Marie Verhoeven.", "Ik heb contact gehad met [PERSOON-1]."),
        ("Volgens Anouk klopt dat niet.", "Volgens [PERSOON-1] klopt dat niet."),
    ],
)
def test_names_are_replaced_and_titles_and_words_around_them_stay(full, text, expected):
    assert full.pseudonymise_one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik sprak mevrouw De Wit over haar aanvraag.", "Ik sprak mevrouw [PERSOON-1] over haar aanvraag."),
        ("Dhr. Jansen en mevr. J. de Vries-Bos kwamen langs.",
         "Dhr. [PERSOON-1] en mevr. [PERSOON-2] kwamen langs."),
        ("Wethouder Van Dam sprak met meneer Bakker.", "Wethouder [PERSOON-1] sprak met meneer [PERSOON-2]."),
        ("Zoals Pieter al zei, de gemeente luistert niet.", "Zoals [PERSOON-1] al zei, de gemeente luistert niet."),
    ],
)
def test_rules_alone_find_names_after_titles_and_in_zoals_x_al_zei(rules, text, expected):
    assert rules.pseudonymise_one(text) == expected


def test_rules_alone_do_not_find_bare_names(rules):
    # documented limit of use_deduce=False: only deduce knows that "Bas" is a name
    assert rules.pseudonymise_one("Bas belde gisteren.") == "Bas belde gisteren."


@pytest.mark.parametrize(
    "text",
    [
        "Mooi gezegd. Dank u wel allemaal.",
        "Star. Er is geen ruimte voor een uitzondering.",
        "Pas na de derde keer werd het opgelost.",
        "Zomer, weinig gemerkt.",
        "Boom blijft staan, wel een worteldoek onder de stoep.",
    ],
)
def test_surnames_that_are_ordinary_words_at_sentence_start_stay(full, text):
    assert full.pseudonymise_one(text) == text


def test_a_surname_at_sentence_start_goes_when_the_text_names_the_person(full):
    assert full.pseudonymise_one("Ik sprak Mark Visser. Visser beloofde terug te bellen.") == (
        "Ik sprak [PERSOON-1]. [PERSOON-1] beloofde terug te bellen."
    )


def test_law_acronyms_are_no_surnames(full):
    assert full.pseudonymise_one("Zoals Gerda Smits van het Wmo-loket al zei: eerst koffie.") == (
        "Zoals [PERSOON-1] van het Wmo-loket al zei: eerst koffie."
    )
    assert full.pseudonymise_one("Een collega van de Wmo belde terug.") == "Een collega van de Wmo belde terug."


def test_codes_and_hashes_are_left_alone(full):
    text = "Sessie 6e54067f-ce13-5d73-88e3-6fca5e4842df/22-0 en bestand 181000fb."
    assert full.pseudonymise_one(text) == text


def test_same_person_gets_same_placeholder_within_one_text(full):
    text = "Bas Bakker belde. Later zei Bakker dat hij terug zou bellen. Toen belde Anouk Smit."
    assert full.pseudonymise_one(text) == (
        "[PERSOON-1] belde. Later zei [PERSOON-1] dat hij terug zou bellen. Toen belde [PERSOON-2]."
    )


def test_same_person_with_and_without_title_and_in_other_case(full):
    text = "Ik sprak mevrouw De Wit, daarna nog een keer met mevr. de Wit en met meneer Jansen."
    assert full.pseudonymise_one(text) == (
        "Ik sprak mevrouw [PERSOON-1], daarna nog een keer met mevr. [PERSOON-1] en met meneer [PERSOON-2]."
    )


def test_numbering_starts_again_in_every_text(full):
    out = full.pseudonymise(["Frank belde gisteren.", "Mohammed en Frank belden."])
    assert out == ["[PERSOON-1] belde gisteren.", "[PERSOON-1] en [PERSOON-2] belden."]


# --------------------------------------------------------------------------- ordinary text survives


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente moet beter luisteren naar inwoners.",
        "De wachttijd voor een vergunning was te lang, ik mis respect.",
        "Eerlijkheid, Respect en Betrouwbaarheid zijn onze kernwaarden.",
        "Ben ik de enige die dit vindt? Wil je dat even nakijken?",
        "Hoop doet leven, maar de gemeente reageert niet.",
        "Best lastig om iemand te bereiken. Echt waar.",
        "Iedereen zei dat het goed zou komen.",
        "Ik ben 45 jaar en wacht al 3 jaar op antwoord; de vergunning duurde 2 jaar.",
        "Op 3 april heb ik gebeld, in maart 2024 nog een keer.",
        "Het fietspad wordt 2 keer per jaar gemaaid.",
        "Open communicatie is belangrijk voor het College van B en W.",
        "Afdeling Burgerzaken en Wijkteam Noord zijn goed bereikbaar.",
    ],
)
def test_ordinary_text_is_unchanged(any_mode, text):
    assert any_mode.pseudonymise_one(text) == text


def test_content_words_survive_around_personal_data(full):
    text = ("Mevrouw De Wit (06-12345678) wacht al weken op haar vergunning; de wachttijd is lang "
            "en zij voelt weinig respect van de gemeente.")
    out = full.pseudonymise_one(text)
    assert "De Wit" not in out and "06-12345678" not in out
    for word in ("vergunning", "wachttijd", "respect", "gemeente", "weken", "Mevrouw"):
        assert word in out


def test_keep_list_is_never_replaced(full):
    text = ("De afdeling Vergunningen en het Sociaal Domein werken met Bureau Verbindingen in Lindewaard; "
            "ik woon in Lindewaard.")
    assert full.pseudonymise_one(text) == text


def test_keep_list_is_needed_and_case_insensitive():
    # "De Linde" is a place for deduce; as part of a kept venue name, in any case, it stays
    text = "Het Wijkcentrum De Linde is open."
    assert Pseudonymiser().pseudonymise_one(text) == "Het Wijkcentrum [LOCATIE-1] is open."
    assert Pseudonymiser(keep=("wijkcentrum de linde",)).pseudonymise_one(text) == text


def test_ordinary_words_that_deduce_glues_to_a_name_are_given_back(full):
    assert full.pseudonymise_one("Het Kenniscentrum Hendrik Bos is gesloten.") == (
        "Het Kenniscentrum [PERSOON-1] is gesloten."
    )


def test_keep_list_does_not_protect_e_mail_addresses(full):
    assert full.pseudonymise_one("Mail info.bureau@lindewaard.nl voor Lindewaard.") == (
        "Mail [EMAIL-1] voor Lindewaard."
    )


def test_already_pseudonymised_text_stays_the_same(full):
    once = full.pseudonymise_one("Mevrouw De Wit belde met Bas Bakker over Kerkstraat 14.")
    assert PLACEHOLDER.search(once)
    assert full.pseudonymise_one(once) == once


# --------------------------------------------------------------------------- phone numbers


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678", "0612345678", "06 1234 5678", "06 12 34 56 78", "06 - 12345678", "010-1234567",
        "010 123 4567", "0201234567", "020-123 45 67", "(020) 123 45 67", "0575-123456", "+31 6 12345678",
        "+31612345678", "+31 (0)20 123 4567", "+31(0)6-12345678", "0031 6 12345678", "0031201234567",
    ],
)
def test_dutch_phone_numbers_in_all_usual_forms(any_mode, number):
    assert any_mode.pseudonymise_one(f"Bel mij op {number} na vijf uur.") == "Bel mij op [TELEFOON-1] na vijf uur."


def test_same_phone_number_in_different_forms_gets_one_placeholder(rules):
    text = "Bel 06-12345678 of +31 6 1234 5678, en anders 010 123 4567."
    assert rules.pseudonymise_one(text) == "Bel [TELEFOON-1] of [TELEFOON-1], en anders [TELEFOON-2]."


@pytest.mark.parametrize(
    "text",
    [
        "Bel 0800-1234 of 0900-1234567 voor algemene vragen.",  # service numbers, not a person
        "Dat kostte 1234567 euro en 061234567 is te kort.",
        "Het nummer 06123456789 heeft te veel cijfers.",
    ],
)
def test_non_phone_numbers_stay(rules, text):
    assert rules.pseudonymise_one(text) == text


def test_two_phone_numbers_side_by_side_are_both_found(rules):
    assert rules.pseudonymise_one("0612345678 0687654321") == "[TELEFOON-1] [TELEFOON-2]"


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    "address",
    ["jan.de.vries+gemeente@gmail.com", "a.b.c@sub.example.nl", "Piet_Jansen-2@hotmail.com", "piet (at) hotmail.com"],
)
def test_e_mail_addresses_with_dots_and_plus(any_mode, address):
    assert any_mode.pseudonymise_one(f"Mail naar {address}.") == "Mail naar [EMAIL-1]."


# --------------------------------------------------------------------------- BSN and IBAN


def test_bsn_only_when_it_passes_the_elfproef(any_mode):
    # 123456782 passes the elfproef; 123456789 (an order number) does not and must stay for the analysis
    text = "Het ordernummer is 123456789 en mijn BSN is 123456782."
    assert any_mode.pseudonymise_one(text) == "Het ordernummer is 123456789 en mijn BSN is [BSN-1]."


def test_bsn_with_dots_or_spaces(rules):
    assert rules.pseudonymise_one("BSN 1234.56.782 en 123 456 782.") == "BSN [BSN-1] en [BSN-1]."


@pytest.mark.parametrize(
    "iban",
    ["NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", "nl91abna0417164300", "DE89 3704 0044 0532 0130 00",
     "BE68539007547034", "FR14 2004 1010 0505 0001 3M02 606"],
)
def test_valid_ibans_with_or_without_spaces(any_mode, iban):
    assert any_mode.pseudonymise_one(f"Maak het over naar {iban} graag.") == "Maak het over naar [IBAN-1] graag."


def test_invalid_ibans(rules):
    # Decision: a Dutch IBAN shape (NLdd + 4 letters + 10 digits) that fails mod-97 is still replaced: a typo
    # in someone's account number still identifies the account. Other strings that only look like an IBAN
    # must pass mod-97, so product and case codes stay.
    assert rules.pseudonymise_one("Rekening NL12 ABNA 0417 1643 00 klopt niet.") == "Rekening [IBAN-1] klopt niet."
    for text in ("Code DE12 3456 7890 1234 5678 90 is een kenmerk.", "Zaak AB12CDEF1234567890 loopt nog."):
        assert rules.pseudonymise_one(text) == text


def test_iban_followed_by_words_and_a_second_iban(rules):
    text = "Mijn IBAN is NL91 ABNA 0417 1643 00 en die van mijn zus NL91ABNA0417164300."
    assert rules.pseudonymise_one(text) == "Mijn IBAN is [IBAN-1] en die van mijn zus [IBAN-1]."


# --------------------------------------------------------------------------- addresses and postcodes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik woon aan de Kerkstraat 14 sinds mei.", "Ik woon aan de [ADRES-1] sinds mei."),
        ("Het gaat om Lindelaan 12a, vlak bij school.", "Het gaat om [ADRES-1], vlak bij school."),
        ("Molenweg 3a, 5612 KL Lindewaard", "[ADRES-1], [POSTCODE-1] Lindewaard"),
        ("Stuur het naar 5611 AB Eindhoven.", "Stuur het naar [POSTCODE-1] [LOCATIE-1]."),
        ("Adres: Burgemeester de Vlugtlaan 120-2, 5611AB.", "Adres: [ADRES-1], [POSTCODE-1]."),
        ("Laan van Meerdervoort 12 is ver weg.", "[ADRES-1] is ver weg."),
        ("Sinds de verhuizing naar de dorpsstraat 5 hoor ik niets.",
         "Sinds de verhuizing naar de [ADRES-1] hoor ik niets."),
    ],
)
def test_addresses_and_postcodes_in_running_text(any_mode, text, expected):
    assert any_mode.pseudonymise_one(text) == expected


def test_same_address_gets_same_placeholder(rules):
    assert rules.pseudonymise_one("Kerkstraat 14 of Kerkstraat 14? Nee, Kerkstraat 16.") == (
        "[ADRES-1] of [ADRES-1]? Nee, [ADRES-2]."
    )


def test_places_from_deduce_and_ambiguous_place_names_at_sentence_start(full):
    assert full.pseudonymise_one("Zij wonen in Amsterdam.") == "Zij wonen in [LOCATIE-1]."
    # "Best" is a town, but at the start of a sentence it is an ordinary word
    assert full.pseudonymise_one("Best lastig. Zij wonen in Best.") == "Best lastig. Zij wonen in [LOCATIE-1]."


def test_care_institutions(full):
    assert full.pseudonymise_one("Hij werkt in het Catharina Ziekenhuis en bij Parnassia.") == (
        "Hij werkt in het [INSTELLING-1] en bij [INSTELLING-2]."
    )


# --------------------------------------------------------------------------- dates


def test_dates_of_birth_and_full_dates_go_partial_dates_stay(any_mode):
    text = "Geboren op 3 april, geboortedatum: 12-03-1985. Op 3 april 2024 belde ik; op 5 mei ook."
    assert any_mode.pseudonymise_one(text) == (
        "Geboren op [DATUM-1], geboortedatum: [DATUM-2]. Op [DATUM-3] belde ik; op 5 mei ook."
    )


def test_a_date_followed_by_a_number_is_no_phone_number(rules):
    assert rules.pseudonymise_one("Op 01-02-2024 12 mensen gesproken.") == "Op [DATUM-1] 12 mensen gesproken."


def test_dates_birth_mode_keeps_full_dates_outside_birth_context():
    p = Pseudonymiser(use_deduce=False, dates="birth")
    assert p.pseudonymise_one("geb. 12-03-1985, gebeld op 3 april 2024.") == "geb. [DATUM-1], gebeld op 3 april 2024."


def test_unknown_dates_option_is_refused_in_dutch():
    with pytest.raises(ValueError, match="dates='alles'"):
        Pseudonymiser(use_deduce=False, dates="alles").pseudonymise_one("tekst")


# --------------------------------------------------------------------------- API and loading


def test_module_function_and_empty_texts(tmp_path):
    out = pseudonymise(["", "   ", "Bel 0612345678."], use_deduce=False)
    assert out == ["", "   ", "Bel [TELEFOON-1]."]


def test_non_text_is_refused(rules):
    with pytest.raises(TypeError, match="Pseudonimisering"):
        rules.pseudonymise([None])


def test_constructor_only_stores_parameters(tmp_path):
    p = Pseudonymiser(cache_dir=tmp_path / "nieuw", keep=["Lindewaard"])
    assert p.keep == ("Lindewaard",) and p.use_deduce is True
    assert not (tmp_path / "nieuw").exists() and not hasattr(p, "model_")


def test_spans_name_the_kinds(full):
    text = "Mevrouw De Wit, 06-12345678, Kerkstraat 14."
    assert [(text[a:b], kind) for a, b, kind in full.spans(text)] == [
        ("De Wit", "PERSOON"), ("06-12345678", "TELEFOON"), ("Kerkstraat 14", "ADRES"),
    ]


def test_default_cache_dir_honours_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "stemmen" / "deduce"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir().parts[-3:] == (".cache", "stemmen", "deduce")


def test_deduce_is_loaded_once_per_cache_dir(full):
    full.pseudonymise_one("Bas belde.")
    other = Pseudonymiser(cache_dir=default_cache_dir())
    assert other.pseudonymise_one("Bas belde.") == "[PERSOON-1] belde."
    assert other.model_ is full.model_
    assert load_deduce(str(default_cache_dir().resolve())) is full.model_


def test_loading_deduce_leaves_root_logging_alone(full):
    full.pseudonymise_one("Bas belde.")
    # deduce's import calls logging.basicConfig(level=DEBUG, stream=stdout); the loader undoes it
    root = logging.getLogger()
    assert root.level != logging.DEBUG
    assert not [h for h in root.handlers if type(h) is logging.StreamHandler]


def test_unwritable_cache_dir_gives_a_dutch_error(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    with pytest.raises(ModelError, match="cachemap"):
        Pseudonymiser(cache_dir=blocker / "deduce").pseudonymise_one("Bas belde.")


def test_looks_personal_uses_the_rule_detectors():
    from stemmen.ingest.pseudonymise import looks_personal

    assert looks_personal("Bel me terug op 06-12345678, ik wacht al twee weken.")
    assert looks_personal("Mijn rekening is NL91ABNA0417164300 en daar kwam niets op.")
    assert looks_personal("Ik woon op 1234 AB en niemand kwam kijken.")
    assert not looks_personal("[PERSOON-1] belde terug zoals beloofd, op [TELEFOON-1].")
    assert not looks_personal("We hebben 123456789 keer gebeld.")  # nine digits that fail the elfproef: no BSN
