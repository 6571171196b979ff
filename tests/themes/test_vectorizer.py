from __future__ import annotations

from stemmen.themes.vectorizer import BOUNDARY, DutchVectorizer, NgramAnalyzer, clean_keywords, make_label


def test_lemma_docs_drop_stop_words_and_keep_diacritics():
    vec = DutchVectorizer(nlp=None)
    docs = vec.lemma_docs(["De ideeën van de inwoners over de coördinatie werden niet gehoord."])
    words = docs[0].replace(BOUNDARY, " ").split()
    assert "ideeën" in " ".join(words) or "idee" in words
    assert any("coördinatie" in w for w in words)
    assert not {"de", "van", "over", "niet"} & set(words)
    assert docs[0].endswith(BOUNDARY)


def test_ngrams_do_not_cross_segment_boundaries():
    analyzer = NgramAnalyzer((1, 2))
    joined = " ".join(["wachttijd telefoon |", "balie vriendelijk |"])  # how BERTopic joins a theme's segments
    grams = analyzer(joined)
    assert "wachttijd telefoon" in grams and "balie vriendelijk" in grams
    assert "telefoon balie" not in grams


def test_vocabulary_keeps_ngrams_seen_twice_only():
    vec = DutchVectorizer(nlp=None, ngram_range=(1, 2), min_ngram_df=2)
    vec.fit(["lange wachttijd |", "lange wachttijd telefoon |", "balie vriendelijk |"])
    assert "lange wachttijd" in vec.vocabulary_
    assert "balie vriendelijk" not in vec.vocabulary_
    assert "balie" in vec.vocabulary_
    counts = vec.count_vectorizer().transform(["lange wachttijd | lange wachttijd |"])
    assert counts[0, vec.vocabulary_.index("lange wachttijd")] == 2


def test_clean_keywords_removes_repeats_and_label_joins_three():
    kws = clean_keywords(["wachttijd", "lange wachttijd", "wachttijd telefoon", "loket", "terugbellen", "loket"])
    assert kws == ["lange wachttijd", "wachttijd telefoon", "loket", "terugbellen"]
    assert make_label(kws) == "lange wachttijd · wachttijd telefoon · loket"
    assert make_label([]) == "(geen trefwoorden)"
