"""Validate the relapse detector on simulated alignment series (stemmen.values.simulate).

Reports (a) detection delay after a planted drop (median, 90th percentile, share within
3 periods; delay 1 = alarm in the first drifted period) for several drop sizes, and
(b) false alarms per 52 steady periods, per series and for a family of 30 independent
series, plus the in-control ARL0. 2,000 runs per setting, fixed seeds: re-running gives
the same numbers.

    .venv/bin/python bench/eval_drift.py            # defaults of DriftDetector
    .venv/bin/python bench/eval_drift.py --k 0.5 --h 4 --runs 500
    .venv/bin/python bench/eval_drift.py --mean-sd 0.2            # series that truly differ (pooling strained)
    .venv/bin/python bench/eval_drift.py --no-pooling --k 1.25 --h 3   # the detector before pooled baselines
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from stemmen.values.drift import DEFAULTS_NOTE
from stemmen.values.simulate import SimSettings, arl0, detection_delay, false_alarms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--k", type=float, default=None)
    ap.add_argument("--h", type=float, default=None)
    ap.add_argument("--confirm", type=int, default=None)
    ap.add_argument("--sd", type=float, default=0.5, help="SD of segment alignments (scorer on data/eval: 0.40-0.55)")
    ap.add_argument("--mean", type=float, default=0.2)
    ap.add_argument("--family", type=int, default=30)
    ap.add_argument("--no-adapt", action="store_true")
    ap.add_argument("--no-pooling", action="store_true", help="baselines not pooled over the series of a level")
    ap.add_argument("--mean-sd", type=float, default=0.0,
                    help="series that truly differ: SD of the series' own means around --mean")
    args = ap.parse_args()

    base = SimSettings(n_runs=args.runs, sd=args.sd, mean=args.mean, adapt=not args.no_adapt,
                       pooling="none" if args.no_pooling else "level", mean_sd=args.mean_sd, family=args.family)
    for name in ("k", "h", "confirm"):
        if getattr(args, name) is not None:
            base = replace(base, **{name: getattr(args, name)})
    print(f"detector: k={base.k} h={base.h} confirm={base.confirm} z_clip={base.z_clip} prior_df={base.prior_df} "
          f"adapt={base.adapt} pooling={base.pooling} over {base.family} series (defaults: {DEFAULTS_NOTE})")
    print(f"series' own means: SD {base.mean_sd} around the mean")
    print(f"noise: alignment mean {base.mean}, SD {base.sd} (rescaled beta in [-1,1]); baseline {base.n_base} "
          f"periods; runs {base.n_runs}")

    print("\n(b) steady series, 52 monitored periods")
    for lam, seed in (((4, 8), 101), ((2, 4), 102), ((8, 16), 103)):
        s = replace(base, lam_low=lam[0], lam_high=lam[1], seed=seed)
        fa = false_alarms(s)
        a = arl0(replace(s, n_runs=min(base.n_runs, 1000)), horizon=2000)
        fam = fa["alarms_per_series"] * args.family
        p_fam = 1 - (1 - fa["p_any"]) ** args.family
        print(f"  n~Poisson(U{lam}): false alarms/series/52 = {fa['alarms_per_series']:.3f} "
              f"(P(any) {fa['p_any']:.3f}); family of {args.family}: {fam:.2f} expected, "
              f"P(any) {p_fam:.2f}; ARL0 ~ {a['arl0']:.0f} periods ({a['censored']:.0%} runs censored at 2000)")

    print("\n(a) planted drop after 6 steady monitored periods; delay in periods (1 = first drifted period)")
    for lam, seed in (((4, 8), 201), ((2, 4), 202)):
        for drop in (0.3, 0.5, 0.8):
            s = replace(base, lam_low=lam[0], lam_high=lam[1], drop=drop, change_at=6, seed=seed)
            d = detection_delay(s)
            med, p90 = (">12" if v == float("inf") else f"{v:.0f}" for v in (d["median"], d["p90"]))
            print(f"  n~Poisson(U{lam}) drop {drop:.1f}: median {med}, p90 {p90}, "
                  f"within 3: {d['within3']:.0%}, missed (>12): {d['missed']:.1%}, "
                  f"alarm before the drop: {d['early_alarm']:.1%}")


if __name__ == "__main__":
    main()
