"""Bureau Verbindingen metrics on two hand-made cases."""

from __future__ import annotations

import pytest

from stemmen.report.casus import case_metrics


def test_cases_outcome_duration_and_tone(small_data):
    m = case_metrics(small_data)
    c = m.cases.set_index("case_id")
    assert c.loc["BV-1", "outcome"] == "gesloten zonder oplossing" and c.loc["BV-1", "days"] == 17
    assert c.loc["BV-2", "outcome"] == "opgelost" and c.loc["BV-2", "days"] == 10
    assert c.loc["BV-1", "tone_first"] == pytest.approx(-0.8) and c.loc["BV-1", "tone_last"] == pytest.approx(0.2)
    # BV-1 is about both values (c1 betrouwbaar, c2 gelijkwaardig); BV-2 only about betrouwbaar (c4)
    assert c.loc["BV-1", "values"] == ["betrouwbaar", "gelijkwaardig"] and c.loc["BV-2", "values"] == ["betrouwbaar"]


def test_equal_party_yardstick_counts_cases_without_a_solution(small_data):
    m = case_metrics(small_data)
    y = m.yardstick.set_index("outcome")
    # BV-1: the citizen did not get their way, but the note about the refusal is respectful
    assert y.loc["gesloten zonder oplossing", ["n_cases", "n_assessed", "n_equal"]].tolist() == [1, 1, 1]
    # BV-2 never touches equal treatment: not assessable, not counted as treated equally
    assert y.loc["opgelost", ["n_cases", "n_assessed", "n_equal"]].tolist() == [1, 0, 0]


def test_without_scores_the_yardstick_is_not_invented(small_frames):
    from stemmen.report import build_report_data_from_frames

    docs, segs, _ = small_frames
    m = case_metrics(build_report_data_from_frames(docs, segs))
    assert not m.has_scores and m.cases["equal_alignment"].isna().all()
    assert m.has_sentiment and len(m.tone_by_department)
