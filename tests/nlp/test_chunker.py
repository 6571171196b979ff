from __future__ import annotations

from stemmen.nlp.chunker import chunk_sentences


def _tags(text: str) -> dict[str, str]:
    return {t.word: t.tag for s in chunk_sentences(text) for t in s}


def test_nouns_prepositions_and_lemmas_of_a_survey_answer():
    (sentence,) = chunk_sentences("De wachttijd bij de vergunningen is veel te lang.")
    by_word = {t.word: t for t in sentence}
    assert by_word["wachttijd"].tag == "NN" and by_word["wachttijd"].chunk.endswith("NP")
    assert by_word["bij"].tag == "IN" and by_word["vergunningen"].pnp.endswith("PNP")
    assert by_word["vergunningen"].is_noun and by_word["lang"].tag.startswith("JJ")


def test_sentences_are_split_and_placeholders_never_become_words():
    sentences = chunk_sentences("Mevrouw [PERSOON-1] belde over haar melding. Ze kreeg geen reactie van [INSTELLING-2]!")
    assert len(sentences) == 2
    words = [t.word for s in sentences for t in s]
    assert "melding" in words and "reactie" in words
    assert not any("PERSOON" in w or "INSTELLING" in w or "[" in w for w in words)


def test_unknown_participles_and_adjectives_are_not_nouns():
    tags = _tags("Ik ben nooit teruggebeld. De wijkagent is goed bereikbaar.")
    assert tags["teruggebeld"] == "VBN"
    assert tags["bereikbaar"] == "JJ"
    assert tags["wijkagent"] == "NN"


def test_empty_text_gives_no_sentences():
    assert chunk_sentences("") == [] and chunk_sentences("   ") == []
