"""Relapse detection on constructed monthly series (a planted drop, steady series)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from stemmen.errors import ConfigError
from stemmen.values.drift import ALL, DriftDetector, cusum_lower, detect_drift
from stemmen.values.simulate import SimSettings, detection_delay, false_alarms

POS = {
    "gelijkwaardig": ["Bij een afwijzing bellen we de aanvrager eerst en leggen we het rustig uit.",
                      "We hebben aan één tafel het hele verhaal van de aanvrager gehoord.",
                      "Mevrouw voelde zich serieus genomen, ook al kreeg ze geen vergunning."],
    "betrouwbaar": ["We hebben de termijn gehaald en de aanvrager op tijd teruggebeld.",
                    "Afspraak nagekomen: de beschikking lag er binnen twee weken."],
}
NEG = {
    "gelijkwaardig": ["Aanvragers worden weer afgescheept met 'zo zijn de regels'.",
                      "Er is geen tijd meer om te luisteren, we praten over aanvragers in plaats van met hen.",
                      "Terugbellen bij een afwijzing is afgeschaft; de brief moet het zeggen.",
                      "Meneer werd aan de balie behandeld als lastpost."],
}
DEPTS = ("Vergunningen", "Publiekszaken")
VALUES = ("gelijkwaardig", "betrouwbaar")


def month(i: int) -> dt.date:
    """Month i (0 = 2025-01) as the 15th of that month."""
    return dt.date(2025 + i // 12, i % 12 + 1, 15)


# One seed for the drop and the steady test. The detector's false-alarm rate is about 0.03 per
# series per 52 periods (bench/eval_drift.py); these 12 series x 52 periods expect ~0.3 false
# alarms, so a single draw can show one (seed 11 does, on the thinnest casus series).
SEED = 12


def demo_like(n_months=24, drop_from=12, drop=0.8, seed=SEED, lam=(2, 3)):
    """Employees' pulse (2-3 per value x department x month) and case notes (1-2), alignment ~ N(0.3, 0.4).

    From month ``drop_from`` (12 = 2026-01) gelijkwaardig in Vergunningen drops by ``drop``.
    Every segment has a row per value; only its own value is relevant.
    """
    rng = np.random.default_rng(seed)
    out = []
    for t in range(n_months):
        for dep in DEPTS:
            for value in VALUES:
                for group, kind, n in (("medewerker", "enquete", rng.integers(lam[0], lam[1] + 1)),
                                       ("overig", "casus", rng.integers(1, 3))):
                    for i in range(n):
                        shifted = drop_from is not None and t >= drop_from and dep == "Vergunningen" \
                            and value == "gelijkwaardig"
                        a = float(np.clip(rng.normal(0.3 - (drop if shifted else 0.0), 0.4), -1, 1))
                        texts = NEG[value] if shifted else POS[value]
                        seg = f"{dep[:3]}-{value[:3]}-{kind}-{t:02d}-{i}"
                        for v in VALUES:
                            out.append(dict(segment_id=seg, doc_id=seg, value_id=v,
                                            relevance=0.9 if v == value else 0.1,
                                            alignment=a if v == value else 0.0, kind=kind, group=group,
                                            department=dep, date=month(t),
                                            text=texts[int(rng.integers(len(texts)))]))
    return pd.DataFrame(out)


def test_cusum_core_accumulates_declines_and_fires_once_per_episode():
    z = np.array([[0.0, -2.0, np.nan, -2.0, -2.5, -3.0, 1.0, 5.0, 5.0, 0.0]])
    S, fire = cusum_lower(z, k=0.5, h=3.0)
    assert S[0].tolist() == pytest.approx([0, 1.5, 1.5, 3.0, 5.0, 7.5, 6.0, 0.5, 0, 0])
    # S > 3 first at index 4; stays in alarm while S > 0, no second alert
    assert np.flatnonzero(fire[0]).tolist() == [4]
    _, fire2 = cusum_lower(z, k=0.5, h=3.0, confirm=2)
    assert np.flatnonzero(fire2[0]).tolist() == [5]


def test_planted_drop_detected_within_three_months_in_the_right_series():
    det = DriftDetector(baseline_start="2025-04-01", baseline_periods=6).fit(demo_like())
    assert len(det.alerts_) == 1
    a = det.alerts_[0]
    assert (a.value_id, a.department) == ("gelijkwaardig", "Vergunningen")
    assert a.alarm_period in ("2026-01", "2026-02", "2026-03")
    assert "2025-10" <= a.start_period <= "2026-01"
    assert a.drop > 0.4 and a.drop_ci_low > 0 and a.drop_ci_low < a.drop < a.drop_ci_high
    assert a.statistic > a.threshold == det.h_
    assert a.baseline_mean > a.recent_mean and a.n_baseline > 10 and a.n_recent >= 3
    # the department-level series and the employees' series are reported once, the other listed
    assert a.also_signalled or a.group == ALL


def test_evidence_comes_from_alarm_window_and_the_right_value():
    scores = demo_like()
    a = DriftDetector(baseline_start="2025-04-01").fit(scores).alerts_[0]
    assert 1 <= len(a.evidence) <= 5
    rows = scores.set_index(["segment_id", "value_id"])
    for e in a.evidence:
        r = rows.loc[(e.segment_id, "gelijkwaardig")]
        assert r["relevance"] >= 0.5 and r["department"] == "Vergunningen"
        assert a.start_period <= e.period <= a.alarm_period
        assert e.text == r["text"] and e.text in NEG["gelijkwaardig"] + POS["gelijkwaardig"]
    # the window may start a month early (a low pre-drop month); the relapse texts dominate
    assert sum(e.text in NEG["gelijkwaardig"] for e in a.evidence) >= 3
    aligns = [e.alignment for e in a.evidence]
    assert aligns == sorted(aligns)  # most negative first


def test_no_alert_on_steady_series_of_52_periods():
    scores = demo_like(n_months=58, drop_from=None)
    det = DriftDetector(baseline_start="2025-01-01", baseline_periods=6).fit(scores)
    assert len(det.periods_) == 58
    assert det.alerts_ == []
    assert len(det.paths_) > 0 and (det.paths_["cusum"] >= 0).all()


def test_deterministic_with_fixed_seed():
    scores = demo_like()
    a1, f1 = detect_drift(scores, baseline_start="2025-04-01", seed=3)
    a2, f2 = detect_drift(scores.sample(frac=1.0, random_state=0), baseline_start="2025-04-01", seed=3)
    assert a1 == a2
    pd.testing.assert_frame_equal(f1, f2)
    assert f1.loc[0, "evidence_segment_ids"] == [e.segment_id for e in a1[0].evidence]


def test_split_by_kind_and_unconsolidated_alerts():
    det = DriftDetector(baseline_start="2025-04-01", levels=(("group", "department", "kind"), ("department",)),
                        consolidate=False).fit(demo_like(drop=1.0))
    series = {(a.group, a.department, a.kind) for a in det.alerts_}
    assert ("alle", "Vergunningen", "alle") in series
    assert all(a.value_id == "gelijkwaardig" and a.department == "Vergunningen" for a in det.alerts_)


def test_attention_drop_is_detected():
    scores = demo_like(drop=0.0)
    # from 2026-01 Publiekszaken's employees stop writing about betrouwbaar (relevance falls)
    late = (pd.to_datetime(scores["date"]) >= "2026-01-01") & (scores["department"] == "Publiekszaken") \
        & (scores["value_id"] == "betrouwbaar") & (scores["relevance"] > 0.5)
    scores.loc[late, "relevance"] = 0.2
    det = DriftDetector(baseline_start="2025-04-01", metric="attention").fit(scores)
    hits = [(a.value_id, a.department) for a in det.alerts_]
    assert ("betrouwbaar", "Publiekszaken") in hits
    a = next(a for a in det.alerts_ if a.department == "Publiekszaken")
    assert a.metric == "attention" and a.alarm_period <= "2026-03" and a.drop > 0


def test_small_baseline_is_skipped_and_bad_settings_are_rejected():
    scores = demo_like(n_months=14)
    det = DriftDetector(baseline_start="2025-04-01", baseline_periods=1, min_baseline_n=4,
                        levels=(("group", "department"),)).fit(scores)
    assert len(det.skipped_) > 0 and (det.skipped_["n_baseline"] < 4).all()
    with pytest.raises(ConfigError):
        DriftDetector(metric="sentiment").fit(scores)
    with pytest.raises(ConfigError):
        DriftDetector(levels=(("afdeling",),)).fit(scores)
    with pytest.raises(ConfigError, match="basislijn"):
        DriftDetector(baseline_start="2030-01-01").fit(scores)


def test_simulation_detects_large_drops_and_keeps_false_alarms_low():
    s = SimSettings(n_runs=300, seed=5)
    assert false_alarms(s)["alarms_per_series"] < 0.2
    d = detection_delay(SimSettings(n_runs=300, seed=6, drop=0.8, change_at=6))
    assert d["median"] <= 3 and d["within3"] > 0.8
    assert false_alarms(s) == false_alarms(s)  # fixed seed, same numbers


def test_pooled_prior_shrinks_alike_baselines_and_leaves_different_ones():
    from stemmen.values.drift import pooled_prior

    rng = np.random.default_rng(3)
    n0 = np.full(18, 24.0)
    sp = 0.9
    alike = 0.4 + rng.normal(0, sp / np.sqrt(24), 18)  # only sampling noise between the series
    m, n_prior = pooled_prior(alike, n0, sp, tau_min=0.05)
    assert abs(m - alike.mean()) < 1e-9 and n_prior > n0[0]  # the level weighs more than one baseline
    # over many municipalities of alike series the spread is mostly read as noise: full pooling
    draws = [pooled_prior(0.4 + rng.normal(0, sp / np.sqrt(24), 18), n0, sp, 0.05)[1] for _ in range(200)]
    assert np.median(draws) == pytest.approx(sp**2 / 0.05**2)
    spread = np.linspace(-0.6, 0.8, 18)  # series that truly differ
    _, n_small = pooled_prior(spread, n0, sp, tau_min=0.05)
    assert n_small < 0.25 * n0[0]  # each series keeps mostly its own baseline
    assert pooled_prior(alike[:2], n0[:2], sp, tau_min=0.05)[1] == 0.0  # two series: nothing to pool


def test_pooled_baseline_pulls_a_lucky_baseline_towards_its_level():
    scores = demo_like(drop_from=None, seed=4)
    pooled = DriftDetector(baseline_start="2025-01-01").fit(scores).baselines_
    own = DriftDetector(baseline_start="2025-01-01", pooling="none").fit(scores).baselines_
    assert (own["n_prior"] == 0).all() and (own["mu0_pooled"] == own["mu0"]).all()
    assert (pooled["n_prior"] > 0).all()
    # every pooled mu0 lies between the series' own mean and the level's mean
    lo = np.minimum(pooled["mu0"], pooled["prior_mean"]) - 1e-12
    hi = np.maximum(pooled["mu0"], pooled["prior_mean"]) + 1e-12
    assert ((pooled["mu0_pooled"] >= lo) & (pooled["mu0_pooled"] <= hi)).all()
    assert (pooled["mu0_pooled"] - pooled["prior_mean"]).abs().max() < (pooled["mu0"] - pooled["prior_mean"]).abs().max()
    with pytest.raises(ConfigError, match="pooling"):
        DriftDetector(pooling="everything").fit(scores)


def _echoing(scores: pd.DataFrame, share: float = 0.45) -> pd.DataFrame:
    """The reader is unsure between the two values for gelijkwaardig's segments in Vergunningen:
    each also counts for betrouwbaar with weight ``share``, read in the same direction."""
    scores = scores.copy()
    own = scores[(scores["value_id"] == "gelijkwaardig") & (scores["department"] == "Vergunningen")
                 & (scores["relevance"] > 0.5)]
    a = own.set_index("segment_id")["alignment"]
    echo = (scores["value_id"] == "betrouwbaar") & scores["segment_id"].isin(a.index)
    scores.loc[echo, "relevance"] = share
    scores.loc[echo, "alignment"] = scores.loc[echo, "segment_id"].map(a).to_numpy()
    return scores


def test_a_neighbouring_value_that_only_echoes_the_change_is_folded_into_its_alert():
    scores = _echoing(demo_like(drop=1.0))
    plain = DriftDetector(baseline_start="2025-04-01", weighting="posterior", echoes=False).fit(scores)
    assert {a.value_id for a in plain.alerts_ if a.department == "Vergunningen"} == {"gelijkwaardig", "betrouwbaar"}
    det = DriftDetector(baseline_start="2025-04-01", weighting="posterior").fit(scores)
    assert [(a.value_id, a.department) for a in det.alerts_] == [("gelijkwaardig", "Vergunningen")]
    assert any(s.startswith("betrouwbaar / ") for s in det.alerts_[0].also_signalled)


def test_a_real_second_decline_in_the_same_department_keeps_its_own_alert():
    scores = _echoing(demo_like(drop=1.0))
    # betrouwbaar's own segments in Vergunningen decline as well
    own = (scores["value_id"] == "betrouwbaar") & (scores["department"] == "Vergunningen") \
        & (scores["relevance"] >= 0.9) & (pd.to_datetime(scores["date"]) >= "2026-01-01")
    scores.loc[own, "alignment"] = (scores.loc[own, "alignment"] - 1.0).clip(-1, 1)
    det = DriftDetector(baseline_start="2025-04-01", weighting="posterior").fit(scores)
    assert {a.value_id for a in det.alerts_ if a.department == "Vergunningen"} == {"gelijkwaardig", "betrouwbaar"}


def test_pooled_baselines_cut_false_alarms_of_alike_series_in_the_simulation():
    pooled = false_alarms(SimSettings(n_runs=540, seed=8))["alarms_per_series"]
    own = false_alarms(SimSettings(n_runs=540, seed=8, pooling="none"))["alarms_per_series"]
    differ = false_alarms(SimSettings(n_runs=540, seed=8, mean_sd=0.2))["alarms_per_series"]
    assert pooled < own
    assert differ < 0.05  # series that truly differ are shrunk less: false alarms stay under the target


def test_a_drop_past_the_edge_of_the_scale_is_simulated_at_the_edge():
    # a low series dropping 0.8 would ask for a mean below -1: it stays at the edge and is detected
    s = SimSettings(n_runs=60, seed=3, mean=-0.3, mean_sd=0.3, drop=0.8, change_at=2)
    assert detection_delay(s)["missed"] < 0.3
