from __future__ import annotations

import pytest

from stemmen.nlp.segment import Segment, lemmas, segment, segment_many
from stemmen.nlp.spacy_pipeline import load_nlp

LONG = (
    "  Ik vind dat de gemeente beter moet luisteren naar inwoners. Ja. "
    "Vorige maand heb ik drie keer gebeld over de vergunning voor de schuur en niemand belde terug. "
    "Dat is niet hoe je met burgers omgaat!\n\n"
    "Wat wel goed ging:\n"
    "- de wijkagent kwam dezelfde dag nog langs\n"
    "- de brief was duidelijk en in gewone taal geschreven\n"
    "Klopt.  "
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(None)  # offline fallback: always available


def assert_offsets(text: str, segments: list[Segment]) -> None:
    assert [s.index for s in segments] == list(range(len(segments)))
    for s in segments:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    starts = [s.start for s in segments]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(segments, segments[1:]))


def test_short_answer_stays_whole(nlp):
    text = "\n  Meer groen in de wijk. En minder hondenpoep op de stoep.\t"
    segs = segment(text, nlp)
    assert segs == [Segment("Meer groen in de wijk. En minder hondenpoep op de stoep.", 3, 59, 0)]
    assert_offsets(text, segs)


def test_long_text_becomes_sentences_with_exact_offsets(nlp):
    segs = segment(LONG, nlp, max_chars=100)
    assert_offsets(LONG, segs)
    assert [s.text for s in segs] == [
        "Ik vind dat de gemeente beter moet luisteren naar inwoners. Ja.",
        "Vorige maand heb ik drie keer gebeld over de vergunning voor de schuur en niemand belde terug.",
        "Dat is niet hoe je met burgers omgaat!",
        "Wat wel goed ging:",
        "- de wijkagent kwam dezelfde dag nog langs",
        "- de brief was duidelijk en in gewone taal geschreven\nKlopt.",
    ]


def test_short_first_sentence_joins_the_next(nlp):
    text = "Nee. " + "De afspraak met de ambtenaar werd twee keer verzet zonder dat iemand mij belde. " * 4
    segs = segment(text, nlp, max_chars=120)
    assert segs[0].text.startswith("Nee. De afspraak")
    assert len(segs) == 4
    assert_offsets(text, segs)


def test_only_short_sentences_form_one_segment(nlp):
    text = "Ja. " * 120
    segs = segment(text, nlp, max_chars=50)
    assert len(segs) == 1
    assert segs[0].text == text.strip()


def test_single_long_sentence_stays_whole(nlp):
    text = ("Ik heb het gevoel dat de gemeente pas in beweging komt wanneer je een klacht indient, "
            "terwijl een gewoon telefoontje met de juiste ambtenaar veel sneller tot een oplossing zou "
            "leiden en voor iedereen prettiger zou zijn, zeker als het om een kleine zaak gaat")
    assert len(text) > 200
    assert segment(text, nlp, max_chars=200) == [Segment(text, 0, len(text), 0)]


def test_empty_and_whitespace(nlp):
    assert segment("", nlp) == []
    assert segment(" \n\t ", nlp) == []


def test_batch_matches_single(nlp):
    texts = [LONG, "Prima geholpen aan de balie.", "", LONG.strip()]
    batch = segment_many(texts, nlp, max_chars=100)
    assert batch == [segment(t, nlp, max_chars=100) for t in texts]
    for t, segs in zip(texts, batch):
        assert_offsets(t, segs)


def test_segment_is_frozen():
    seg = Segment("Prima.", 0, 6, 0)
    with pytest.raises(AttributeError):
        seg.text = "Slecht."  # type: ignore[misc]


def test_lemmas_are_lowercase_content_words(nlp):
    out = lemmas(
        [
            "De medewerkers van de gemeente luisterden niet naar de bewoners.",
            "Ik werd in 2023 drie keer doorverbonden!",
            "Ze deden hun werk.",
            "",
        ],
        nlp,
    )
    assert out[0] == ["medewerker", "gemeente", "luisteren", "bewoner"]
    # stop words, numbers and punctuation are dropped
    assert out[1] == ["keer", "doorverbinden"]
    # "deden" is no stop word, but its lemma "doen" is
    assert out[2] == ["werk"]
    assert out[3] == []
