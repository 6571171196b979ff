"""Active learning: uncertain segments first, spread over values and sources, no repeats."""

from __future__ import annotations

import numpy as np

from stemmen.review.select import choose, uncertainty


def test_a_segment_torn_between_two_values_comes_before_a_clear_one():
    rel = np.array([[0.90, 0.05], [0.45, 0.44], [0.02, 0.01]])  # clear, torn, about nothing
    ali = np.array([[0.9, 0.1], [0.8, 0.1], [0.0, 0.0]])
    u = uncertainty(rel, ali, threshold=0.5)
    assert u["total"][1] > u["total"][0] and u["total"][1] > u["total"][2]
    assert choose(u["total"], [{}] * 3, [], 1) == [1]


def test_unsure_direction_and_near_threshold_count():
    rel = np.array([[0.8, 0.0], [0.8, 0.0], [0.52, 0.0], [0.05, 0.0]])
    ali = np.array([[0.9, 0.0], [0.05, 0.0], [0.9, 0.0], [0.9, 0.0]])
    u = uncertainty(rel, ali, threshold=0.5)
    assert u["stance"][1] > u["stance"][0] and u["total"][1] > u["total"][0]
    assert u["threshold"][2] > u["threshold"][0] > u["threshold"][3]  # 0.52 is nearest the threshold


def test_picks_spread_over_values_and_sources_and_skip_known_texts():
    scores = np.array([1.0, 0.99, 0.98, 0.97, 0.5])
    metas = [{"value": "a", "source": "enquete"}, {"value": "a", "source": "enquete"},
             {"value": "a", "source": "enquete"}, {"value": "b", "source": "casus"}, {"value": "b", "source": "casus"}]
    labelled = [{"value": "a", "source": "enquete"}] * 3
    assert choose(scores, metas, labelled, 1) == [3]  # 'a' from surveys has had its share
    texts = ["Zelfde zin.", "Andere zin.", "Derde zin.", "Vierde zin.", "Vijfde zin."]
    picked = choose(scores, metas, [], 2, texts=texts, labelled_texts=["zelfde  ZIN."])
    assert 0 not in picked and len(picked) == 2
