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
