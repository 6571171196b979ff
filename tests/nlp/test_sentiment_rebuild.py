"""The shipped sentiment head is the one scripts/train_sentiment.py rebuilds from the training
registers (``make check-models``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stemmen.nlp.sentiment import DEFAULT_HEAD, EmbeddingSentiment, load_head, read_labelled_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.training  # embeds the eleven registers with both encoders (about two minutes)
def test_shipped_sentiment_head_is_rebuilt_by_the_script(tmp_path):
    out = tmp_path / "sentiment"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_sentiment.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    shipped, rebuilt = load_head(DEFAULT_HEAD), load_head(out.with_suffix(".npz"))
    for key in ("train_data", "embedder", "values_encoder", "base", "meta", "label_rule"):
        assert rebuilt.metadata[key] == shipped.metadata[key], key
    # byte-identical on the machine that trained it; another CPU rounds the PyTorch encoder a little
    # differently, so the weights and what they decide are compared within a tolerance
    for name, a in shipped.arrays().items():
        if name != "classes":
            np.testing.assert_allclose(rebuilt.arrays()[name], a, rtol=0, atol=5e-3, err_msg=name)
    dev = [r.text for r in read_labelled_texts(ROOT / "data" / "eval" / "sentiment" / "dev.tsv")]
    before = EmbeddingSentiment(path=DEFAULT_HEAD).predict_proba(dev)
    after = EmbeddingSentiment(path=out.with_suffix(".npz")).predict_proba(dev)
    np.testing.assert_allclose(after, before, atol=1e-2)
