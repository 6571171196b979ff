from __future__ import annotations

import numpy as np
import pytest

from stemmen.nlp.chunker import chunk_sentences
from stemmen.themes.clustering import centre
from stemmen.themes.naming import name_themes, phrase_candidates

WACHTTIJD_TELEFOON = [
    "De lange wachttijd aan de telefoon is ergerlijk.",
    "Door de lange wachttijd aan de telefoon hang ik vaak op.",
    "Een lange wachttijd aan de telefoon, elke keer weer.",
    "Ik had een lange wachttijd aan de telefoon en toen werd de verbinding verbroken.",
    "Aan de telefoon moet je eindeloos wachten.",
]
WACHTTIJD_BALIE = [
    "Bij de balie was de lange wachttijd het grootste probleem.",
    "De lange wachttijd bij de balie van het stadhuis kost me een ochtend.",
    "Een lange wachttijd bij de balie, terwijl ik een afspraak had.",
    "Lange wachttijd bij de balie voor een nieuw paspoort.",
    "Aan de balie stond een rij tot buiten.",
]
MELDINGEN = [
    "[PERSOON-1] kreeg geen reactie op haar melding over de kapotte lantaarnpaal.",
    "Ik kreeg geen reactie op mijn melding over zwerfvuil, zei [PERSOON-2].",
    "Op mijn melding over de losse stoeptegel kwam geen reactie.",
    "Geen reactie op de melding van [PERSOON-3] over de verstopte put.",
    "Mijn melding werd zonder reactie afgesloten.",
]


def _candidates(text: str) -> set[str]:
    return {c.text for c in phrase_candidates(chunk_sentences(text))}


def test_candidates_are_noun_phrases_without_articles_and_with_their_prepositional_phrase():
    got = _candidates("De wachttijd bij de vergunningen is veel te lang.")
    assert {"wachttijd", "wachttijd bij vergunningen", "vergunningen"} <= got
    assert not any(c.startswith(("de ", "het ", "een ")) for c in got)
    assert {"geen reactie", "geen reactie op melding"} <= _candidates("Ik kreeg geen reactie op mijn melding.")


def test_candidates_have_at_most_five_words_and_no_placeholders():
    text = ("[PERSOON-1] van [INSTELLING-1] vond de nieuwe digitale aanvraag van een parkeervergunning voor"
            " bewoners van de binnenstad onduidelijk.")
    got = _candidates(text)
    assert got and all(len(c.split()) <= 5 for c in got)
    assert not any("persoon" in c.lower() or "instelling" in c.lower() or "[" in c for c in got)


@pytest.fixture(scope="module")
def three_themes(embedder):
    texts = WACHTTIJD_TELEFOON + WACHTTIJD_BALIE + MELDINGEN
    z = centre(embedder.encode(texts), embedder.encode(texts).mean(axis=0))
    assigned = np.repeat([0, 1, 2], 5)
    cents = np.stack([z[assigned == t].mean(axis=0) for t in range(3)])
    cents /= np.linalg.norm(cents, axis=1, keepdims=True)
    return texts, z, assigned, cents


def test_names_are_phrases_from_the_theme_unique_and_short(three_themes, embedder):
    texts, z, assigned, cents = three_themes
    mean = embedder.encode(texts).mean(axis=0)
    names = name_themes(texts, assigned, z, cents, [["wachttijd"], ["balie"], ["melding"]],
                        embed=lambda p: centre(embedder.encode(p), mean))
    labels = [n.name for n in names]
    assert len({x.lower() for x in labels}) == 3
    assert all(1 <= len(x.split()) <= 5 and x[0].isupper() for x in labels)
    assert not any("[" in x or "persoon" in x.lower() for x in labels)
    assert "wachttijd" in labels[0].lower()
    assert "melding" in labels[2].lower() or "reactie" in labels[2].lower()
    # each name is written in its own theme's segments (lemmas aside, the head noun occurs there)
    for t, x in enumerate(labels):
        head = x.split(" (")[0].split()[-1].lower()
        assert any(head[:5] in s.lower() for s in np.array(texts)[assigned == t])


def test_a_phrase_two_themes_share_names_only_the_first(three_themes):
    texts, z, assigned, cents = three_themes
    # without an embedder, closeness comes from the segments that contain the phrase
    names = name_themes(texts, assigned, z, cents, [["telefoon"], ["balie"], ["melding"]])
    labels = [n.name.lower() for n in names]
    assert len(set(labels)) == 3
    assert all(n.source == "zinsdeel" for n in names)


def test_a_theme_without_noun_phrases_keeps_its_keyword_label(embedder):
    texts = ["Ja hoor.", "Zeker wel.", "Helemaal goed.", "Ja, prima."] + MELDINGEN
    emb = embedder.encode(texts)
    z = centre(emb, emb.mean(axis=0))
    assigned = np.array([0] * 4 + [1] * 5)
    cents = np.stack([z[assigned == t].mean(axis=0) for t in range(2)])
    names = name_themes(texts, assigned, z, cents, [["prima", "goed"], ["melding", "reactie"]])
    assert names[0].name == "prima · goed" and names[0].source == "trefwoorden"
    assert names[1].source == "zinsdeel"


def test_a_theme_whose_phrases_each_occur_once_is_still_named_by_a_phrase(embedder):
    # five segments about elections, no noun phrase in two of them: a phrase of one segment
    # still reads better than a keyword triple
    varied = [
        "Ambtenaren controleren eerst de identiteit van de kiezer bij het stembureau.",
        "Tijdens de verkiezingen beloofde de kandidaat lagere belastingen.",
        "De tweede verkiezingsronde werd op het laatste moment geannuleerd.",
        "Veel inwoners brachten hun stem per brief uit.",
        "De opkomst in de wijk was hoger dan vier jaar geleden.",
    ]
    texts = varied + MELDINGEN
    emb = embedder.encode(texts)
    z = centre(emb, emb.mean(axis=0))
    assigned = np.array([0] * 5 + [1] * 5)
    cents = np.stack([z[assigned == t].mean(axis=0) for t in range(2)])
    names = name_themes(texts, assigned, z, cents, [["kiezer", "stem", "opkomst"], ["melding", "reactie"]])
    assert names[0].source == "zinsdeel" and "·" not in names[0].name
    assert any(names[0].name.lower() in t.lower() for t in varied)
