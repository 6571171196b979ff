"""Alignment index and group gap on small constructed score tables."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from stemmen.errors import ConfigError, InputError
from stemmen.values.index import alignment_index, group_gap, period_label, to_periods

TEKSTEN_NEG = [
    "Ik werd weggestuurd met 'zo zijn de regels' en verder geen uitleg.",
    "Aan de telefoon werd ik toegesproken alsof ik een klein kind was.",
    "Ik voelde me behandeld als een lastige klant.",
]
TEKSTEN_POS = [
    "De medewerker aan de balie nam echt de tijd om mijn verhaal aan te horen.",
    "Ook al kreeg ik nee, ik ben netjes en persoonlijk gebeld om het uit te leggen.",
    "We luisteren eerst naar het hele verhaal voordat we iets besluiten.",
]


def rows(group, alignments, *, value="gelijkwaardig", kind="enquete", date=dt.date(2025, 1, 15),
         relevance=0.9, department=None, prefix=None, extra_values=("betrouwbaar",)):
    """One segment per alignment; each segment also gets a row for the other values (irrelevant)."""
    prefix = prefix or f"{group}-{kind}-{date:%Y%m}"
    texts = TEKSTEN_NEG if np.mean(alignments) < 0 else TEKSTEN_POS
    out = []
    for i, a in enumerate(alignments):
        seg = f"{prefix}-{i}"
        base = dict(segment_id=seg, doc_id=seg.rsplit("-", 1)[0] + f"-d{i}", kind=kind, group=group,
                    department=department, date=date, text=texts[i % len(texts)])
        out.append({**base, "value_id": value, "relevance": relevance, "alignment": float(a)})
        out += [{**base, "value_id": v, "relevance": 0.1, "alignment": 0.0} for v in extra_values]
    return out


def test_periods_are_labelled_as_documented():
    dates = [dt.date(2025, 3, 3), dt.date(2024, 12, 30), dt.date(2025, 12, 31)]
    assert [period_label(p) for p in to_periods(dates, "month")] == ["2025-03", "2024-12", "2025-12"]
    assert [period_label(p) for p in to_periods(dates, "quarter")] == ["2025-Q1", "2024-Q4", "2025-Q4"]
    # 30 Dec 2024 belongs to ISO week 1 of 2025
    assert [period_label(p) for p in to_periods(dates, "week")] == ["2025-W10", "2025-W01", "2026-W01"]


def test_index_mean_ci_attention_and_small_n():
    rng = np.random.default_rng(1)
    big = np.clip(rng.normal(0.3, 0.4, 40), -1, 1)
    df = pd.DataFrame(rows("burger", big) + rows("medewerker", [0.5, 0.1, 0.4], kind="enquete")
                      + rows("raadslid", [0.6], kind="brainstorm")
                      # irrelevant segment for gelijkwaardig: counts in the attention denominator only
                      + rows("burger", [0.0], relevance=0.2, prefix="burger-irrelevant"))
    out = alignment_index(df, threshold=0.5, period="month")
    gw = out[out["value_id"] == "gelijkwaardig"].set_index("group")

    b = gw.loc["burger"]
    assert b["n"] == 40 and b["n_segments"] == 41
    assert b["attention"] == pytest.approx(40 / 41)
    assert b["mean"] == pytest.approx(big.mean())
    assert b["ci_low"] < b["mean"] < b["ci_high"]
    assert b["ci_method"] == "bootstrap" and not b["low_n"]

    m = gw.loc["medewerker"]
    assert m["ci_method"] == "t" and m["ci_low"] < m["mean"] < m["ci_high"]
    # n=3 gives a much wider interval than n=40 although the spread is similar
    assert (m["ci_high"] - m["ci_low"]) > 2 * (b["ci_high"] - b["ci_low"])
    assert not m["low_n"]  # 3 >= min_n

    r = gw.loc["raadslid"]
    assert r["n"] == 1 and np.isnan(r["ci_low"]) and np.isnan(r["ci_high"]) and r["low_n"]
    assert out["period"].unique().tolist() == ["2025-01"]


def test_index_is_deterministic_and_cell_seeds_do_not_depend_on_other_cells():
    rng = np.random.default_rng(2)
    df = pd.DataFrame(rows("burger", rng.uniform(-1, 1, 30)) + rows("medewerker", rng.uniform(-1, 1, 25)))
    a = alignment_index(df, n_boot=500, seed=7)
    b = alignment_index(df, n_boot=500, seed=7)
    pd.testing.assert_frame_equal(a, b)
    only_burger = alignment_index(df[df["group"] == "burger"], n_boot=500, seed=7)
    assert only_burger["ci_low"].iloc[0] == a[a["group"] == "burger"]["ci_low"].iloc[0]


def test_index_by_department_and_quarter():
    df = pd.DataFrame(rows("medewerker", [0.5, 0.4], department="Vergunningen", prefix="v")
                      + rows("medewerker", [-0.2, -0.4], department="Publiekszaken", prefix="p")
                      + rows("burger", [0.1, 0.3], department=None, prefix="b"))
    out = alignment_index(df, period="quarter", department=True)
    gw = out[out["value_id"] == "gelijkwaardig"].set_index("department")
    assert set(gw.index) == {"Vergunningen", "Publiekszaken", "(geen afdeling)"}
    assert gw.loc["Publiekszaken", "mean"] == pytest.approx(-0.3)
    assert set(out["period"]) == {"2025-Q1"}


def test_index_rejects_bad_input():
    df = pd.DataFrame(rows("burger", [0.2, 0.3]))
    with pytest.raises(InputError, match="alignment"):
        alignment_index(df.drop(columns=["alignment"]))
    with pytest.raises(ConfigError, match="maand|week|month"):
        alignment_index(df, period="jaar")


def gap_frame(seed=3, burger_mean=-0.3, mw_mean=0.3, n=30):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        rows("burger", np.clip(rng.normal(burger_mean, 0.35, n), -1, 1))
        + rows("medewerker", np.clip(rng.normal(mw_mean, 0.35, n), -1, 1))
        + rows("leidinggevende", np.clip(rng.normal(mw_mean, 0.35, 8), -1, 1))
        # betrouwbaar: the same distribution in both groups
        + rows("burger", np.clip(rng.normal(0.1, 0.4, n), -1, 1), value="betrouwbaar",
               extra_values=("gelijkwaardig",), prefix="bb")
        + rows("medewerker", np.clip(rng.normal(0.1, 0.4, n), -1, 1), value="betrouwbaar",
               extra_values=("gelijkwaardig",), prefix="mb"))


def test_gap_finds_a_clear_difference_with_dutch_verdict():
    out = group_gap(gap_frame(), value_names={"gelijkwaardig": "Gelijkwaardig"}).set_index("value_id")
    g = out.loc["gelijkwaardig"]
    assert g["n_a"] == 30 and g["n_b"] == 38  # medewerkers and leidinggevenden pooled
    assert g["diff"] < -0.4 and g["ci_low"] < g["diff"] < g["ci_high"] < 0
    assert g["p_adj"] < 0.01 and g["significant"]
    assert g["p_adj"] >= g["p"]
    assert g["verdict"].startswith("burgers ervaren 'Gelijkwaardig' duidelijk negatiever dan medewerkers en "
                                   "leidinggevenden (verschil \u22120,")
    assert "95%-BI" in g["verdict"] and "Holm" in g["verdict"]


def test_gap_not_significant_on_identical_groups():
    out = group_gap(gap_frame(), value_id="betrouwbaar")
    b = out.iloc[0]
    assert not b["significant"] and b["p"] > 0.05
    assert b["ci_low"] < 0 < b["ci_high"]
    assert b["verdict"].startswith("geen aantoonbaar verschil tussen burgers en medewerkers")


def test_gap_too_few_segments_and_document_unit():
    df = pd.DataFrame(rows("burger", [-0.5]) + rows("medewerker", [0.4, 0.5, 0.6]))
    g = group_gap(df, value_id="gelijkwaardig").iloc[0]
    assert np.isnan(g["p"]) and "te weinig" in g["verdict"]
    # two segments of one citizen's answer count once with unit="document"
    df2 = pd.DataFrame(rows("burger", [-0.5, -0.7, 0.1]) + rows("medewerker", [0.4, 0.5, 0.6]))
    df2.loc[df2["segment_id"].isin(["burger-enquete-202501-0", "burger-enquete-202501-1"]), "doc_id"] = "B001"
    g2 = group_gap(df2, value_id="gelijkwaardig", unit="document").iloc[0]
    assert g2["n_a"] == 2 and g2["mean_a"] == pytest.approx((-0.6 + 0.1) / 2)


def test_gap_is_deterministic_and_period_filter_works():
    df = gap_frame()
    pd.testing.assert_frame_equal(group_gap(df, seed=5), group_gap(df, seed=5))
    assert group_gap(df, period="2025-02")["n_a"].sum() == 0
    assert group_gap(df, period="2025-01")["n_a"].sum() > 0
