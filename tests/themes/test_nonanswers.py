from __future__ import annotations

import pytest

from stemmen.themes.nonanswers import EMPTY, NO_LETTERS, NonAnswerFilter, normalise


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("weet niet", "weet niet"),
        ("Weet ik niet.", "weet niet"),
        ("Geen idee!", "weet niet"),
        ("geen", "geen"),
        ("Nee.", "geen"),
        ("n.v.t.", "n.v.t."),
        ("NVT", "n.v.t."),
        ("Niet van toepassing", "n.v.t."),
        ("-", NO_LETTERS),
        ("?", NO_LETTERS),
        ("...", NO_LETTERS),
        ("   ", EMPTY),
        ("", EMPTY),
        ("idem", "zie eerder"),
    ],
)
def test_non_answers_are_recognised(text, kind):
    assert NonAnswerFilter().kind(text) == kind


@pytest.mark.parametrize(
    "text",
    ["Eerlijkheid", "Geen reactie gekregen op mijn melding.", "Ik weet niet waar ik met mijn klacht heen moet.",
     "Nee, de gemeente belt nooit terug.", "geen fatsoenlijke uitleg bij de aanslag"],
)
def test_real_answers_are_kept(text):
    # Short real answers and sentences that start like a non-answer are answers.
    assert NonAnswerFilter().kind(text) is None


def test_split_counts_per_kind():
    texts = ["Eerlijkheid", "weet niet", "geen idee", "-", "De balie is vriendelijk.", "nvt"]
    keep, kinds, counts = NonAnswerFilter().split(texts)
    assert keep == [0, 4]
    assert kinds[1] == "weet niet" and kinds[0] is None
    assert counts == {"weet niet": 2, NO_LETTERS: 1, "n.v.t.": 1}


def test_custom_phrases_replace_defaults():
    f = NonAnswerFilter({"geen": ("niks",)})
    assert f.kind("niks") == "geen"
    assert f.kind("weet niet") is None


def test_normalise_keeps_diacritics():
    assert normalise("  Geëmigreerd,  n.v.t. ") == "geëmigreerd n v t"


# --- by question -------------------------------------------------------------------------

CONTACT = "Heeft u het afgelopen jaar contact gehad met de gemeente?"
BETER = "Wat kan de gemeente beter doen in het contact met inwoners?"
NOG = "Heeft u nog opmerkingen of aanvullingen?"
STELLING = "Stelling: de gemeente neemt mijn melding serieus. Licht uw antwoord toe."


def test_yes_no_questions_are_told_apart_by_text_and_answers():
    questions = [CONTACT] * 3 + [BETER] * 3 + [NOG] * 3 + [STELLING] * 4
    answers = ["Nee", "Ja, over mijn paspoort", "ja",
               "Sneller terugbellen", "nee", "Meer uitleg bij een afwijzing",
               "Nee hoor", "nee", "Meer groen in de wijk graag",
               "Nee, nooit iets van gehoord", "Ja hoor, ze kwamen de volgende dag", "niet", "Soms wel, soms niet"]
    from stemmen.themes.nonanswers import yes_no_questions

    assert yes_no_questions(questions, answers) == {CONTACT: True, BETER: False, NOG: False, STELLING: True}


def test_nee_niet_geen_answer_a_yes_no_question_and_are_non_answers_elsewhere():
    texts = ["Nee", "Ja, over de afvalinzameling.", "geen", "nee", "Wachttijd aan de telefoon.", "Geen.", "niet", "Nee hoor"]
    questions = [CONTACT, CONTACT, CONTACT, BETER, BETER, BETER, STELLING, NOG]
    keep, kinds, counts = NonAnswerFilter().split(texts, questions)
    assert kinds == [None, None, None, "geen", None, "geen", "geen", "geen"]
    assert keep == [0, 1, 2, 4] and counts == {"geen": 4}
    # the statement has only one answer, "niet": too little to call it a yes/no question


def test_without_questions_nee_stays_a_non_answer_and_weet_niet_always_is_one():
    texts = ["Nee", "Weet ik niet", "n.v.t."]
    assert NonAnswerFilter().split(texts)[1] == ["geen", "weet niet", "n.v.t."]
    assert NonAnswerFilter().split(texts, [CONTACT] * 3)[1] == [None, "weet niet", "n.v.t."]
    assert NonAnswerFilter().split(texts, [None] * 3)[1] == ["geen", "weet niet", "n.v.t."]
