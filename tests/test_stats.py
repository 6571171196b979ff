"""The shared statistics: Wilson interval, AUROC, multiple-testing corrections, intervals of a mean."""

from __future__ import annotations

import numpy as np
import pytest

from stemmen.errors import ConfigError
from stemmen.stats import adjust_p, auroc, key_seed, mean_ci, proportion_text, wilson


def test_wilson_interval_matches_the_textbook_values():
    assert wilson(8, 10) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert wilson(5, 17) == pytest.approx((0.1328, 0.5313), abs=1e-3)
    lo, hi = wilson(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.2775, abs=1e-4)  # clipped at 0, never a hair below
    assert wilson(10, 10)[1] == 1.0
    assert all(np.isnan(wilson(0, 0)))


def test_a_proportion_is_printed_with_its_interval():
    assert proportion_text(8, 10) == "0.800 [0.490, 0.943]"
    assert proportion_text(0, 0) == "-"


def test_auroc_counts_ties_half():
    assert auroc(np.array([0.9, 0.8]), np.array([0.1, 0.2])) == 1.0
    assert auroc(np.array([0.5]), np.array([0.5])) == 0.5
    assert np.isnan(auroc(np.array([0.5]), np.array([])))


def test_holm_and_bh_adjustments():
    p = [0.01, 0.04, 0.03, np.nan]
    assert adjust_p(p, "holm")[:3] == pytest.approx([0.03, 0.06, 0.06])
    assert adjust_p(p, "bh")[:3] == pytest.approx([0.03, 0.04, 0.04])
    assert np.isnan(adjust_p(p, "holm")[3])
    with pytest.raises(ConfigError):
        adjust_p(p, "bonferroni")


def test_mean_interval_is_t_for_small_n_and_bootstrap_from_twenty():
    small = np.array([0.2, 0.4, 0.6])
    lo, hi, method = mean_ci(small)
    assert method == "t" and lo < 0.4 < hi
    large = np.linspace(-0.5, 0.5, 40)
    lo, hi, method = mean_ci(large, rng=key_seed(42, ("open", "burger")))
    assert method == "bootstrap" and lo < 0 < hi
    assert mean_ci(large, rng=key_seed(42, ("open", "burger"))) == (lo, hi, method)  # a cell's seed is its own
    assert np.isnan(mean_ci(np.array([0.3]))[0])
