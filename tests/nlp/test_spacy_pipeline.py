from __future__ import annotations

import logging

import pytest
import spacy

from stemmen.errors import ModelError
from stemmen.nlp.spacy_pipeline import (
    FALLBACK_ID,
    clear_nlp_cache,
    describe_nlp,
    has_sentence_boundaries,
    load_nlp,
)

TEXT = (
    "De medewerkers van de gemeente luisterden niet naar mij. "
    "Dhr. De Vries van Bureau Verbindingen belde mij o.a. over de vergunningen terug. "
    "Daar ben ik blij mee!"
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_nlp_cache()
    yield
    clear_nlp_cache()


def test_fallback_when_pipeline_not_installed(caplog):
    with caplog.at_level(logging.INFO, logger="stemmen.nlp.spacy_pipeline"):
        nlp = load_nlp("nl_core_news_niet_geinstalleerd")
        again = load_nlp("nl_core_news_niet_geinstalleerd")
    assert again is nlp
    fallback_logs = [r for r in caplog.records if FALLBACK_ID in r.getMessage()]
    assert len(fallback_logs) == 1  # logged once, not on every call
    assert "nl_core_news_niet_geinstalleerd" in fallback_logs[0].getMessage()
    assert nlp.lang == "nl"
    assert nlp.pipe_names == ["sentencizer", "lemmatizer"]
    assert describe_nlp(nlp).startswith(f"{FALLBACK_ID} (spacy {spacy.__version__}, spacy-lookups-data ")


def test_fallback_splits_sentences_and_lemmatises():
    doc = load_nlp(None)(TEXT)
    sents = [s.text for s in doc.sents]
    # abbreviations "Dhr." and "o.a." do not end a sentence
    assert sents == [
        "De medewerkers van de gemeente luisterden niet naar mij.",
        "Dhr. De Vries van Bureau Verbindingen belde mij o.a. over de vergunningen terug.",
        "Daar ben ik blij mee!",
    ]
    lemma = {t.text: t.lemma_ for t in doc}
    assert lemma["medewerkers"] == "medewerker"
    assert lemma["luisterden"] == "luisteren"
    assert lemma["vergunningen"] == "vergunning"
    stops = {t.text for t in doc if t.is_stop}
    assert {"De", "van", "niet", "naar"} <= stops
    assert "gemeente" not in stops


def test_default_name_without_package_uses_the_same_fallback():
    if spacy.util.is_package("nl_core_news_lg"):
        pytest.skip("nl_core_news_lg is installed here")
    assert load_nlp() is load_nlp(None)


def test_pipeline_directory_is_loaded_like_a_package(tmp_path):
    built = spacy.blank("nl")
    built.add_pipe("sentencizer")
    built.meta["name"] = "test_gemeente"
    built.meta["version"] = "0.2.0"
    path = tmp_path / "nl_test_gemeente"
    built.to_disk(path)

    nlp = load_nlp(str(path))
    assert nlp is load_nlp(path)  # str and Path share the cached pipeline
    assert nlp.pipe_names == ["sentencizer"]
    assert describe_nlp(nlp) == f"nl_test_gemeente 0.2.0 ({path})"
    assert [s.text for s in nlp("Goedemorgen. Hoe gaat het met u?").sents] == [
        "Goedemorgen.",
        "Hoe gaat het met u?",
    ]


def test_directory_without_sentence_component_gets_a_sentencizer(tmp_path):
    path = tmp_path / "alleen_tokenizer"
    spacy.blank("nl").to_disk(path)
    nlp = load_nlp(path)
    assert has_sentence_boundaries(nlp)
    assert len(list(nlp("Eerste zin. Tweede zin.").sents)) == 2


def test_directory_that_is_not_a_pipeline(tmp_path):
    (tmp_path / "geen_model").mkdir()
    (tmp_path / "geen_model" / "notities.txt").write_text("niets", encoding="utf-8")
    with pytest.raises(ModelError, match="geen spaCy-pipeline") as err:
        load_nlp(tmp_path / "geen_model")
    assert str(tmp_path / "geen_model") in str(err.value)


def test_broken_pipeline_config(tmp_path):
    path = tmp_path / "kapot"
    path.mkdir()
    (path / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    with pytest.raises(ModelError, match="geen spaCy-pipeline"):
        load_nlp(path)


def test_missing_path(tmp_path):
    with pytest.raises(ModelError, match="bestaat niet"):
        load_nlp(tmp_path / "bestaat_niet")


def test_non_dutch_pipeline_is_refused(tmp_path):
    path = tmp_path / "engels"
    spacy.blank("en").to_disk(path)
    with pytest.raises(ModelError, match="taal 'en'"):
        load_nlp(path)
