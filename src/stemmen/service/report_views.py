"""The alignment-index and gap figures the reports show, computed from the scores before rendering.

The report modules only render (``stemmen.report`` never calls ``stemmen.values.index``): what
they show of the index comes in :class:`~stemmen.report.data.ReportData`, as ``alignment``,
``alignment_department``, ``gap`` and the views in ``data.views`` filled in here.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stemmen.groups import EMPLOYEES
from stemmen.report.data import ReportData, Scope

N_BOOT_VIEWS = 500  # bootstrap draws of the charts' intervals (the exported index keeps the default)


def with_index_views(data: ReportData, scopes: Sequence[Scope] | None = None, seed: int = 42) -> ReportData:
    """``data`` (changed in place and returned) with everything the reports show of the index.

    - ``alignment`` (value x group x period) and ``alignment_department`` (value x department x
      period), when not given or given split by more keys (the store's value x group x kind);
    - ``views[("trend", "group"|"department")]``: the monitoring report's trend lines, per
      ``data.trend_period``;
    - ``views[("alert", alert_key)]``: each alert's series per period;
    - ``views[("matrix", scope, "alle"|"brainstorm")]``: the theme report's value x group table over
      the whole scope, and over its brainstorm turns;
    - ``views[("gap", scope)]``: citizens against employees in a scope whose data has no gap.

    ``scopes`` are the theme reports' scopes (default: everything). Without scores nothing is added.
    """
    from stemmen.report.monitoring_report import ALL, alert_key
    from stemmen.values.index import alignment_index

    if data.scores is None or not len(data.scores) or data.segments is None:
        return data
    scored = data.scored_frame()
    if data.alignment is not None and _split_beyond(data.alignment, ("value_id", "group", "period")):
        data.alignment = None
    if data.alignment_department is not None and _split_beyond(data.alignment_department,
                                                               ("value_id", "department", "period")):
        data.alignment_department = None
    if data.alignment is None:
        data.alignment = alignment_index(scored, threshold=data.threshold, period=data.period,
                                         by=("value_id", "group"), seed=seed)
    if data.alignment_department is None:
        data.alignment_department = alignment_index(scored.assign(department=scored["department"]),
                                                    threshold=data.threshold, period=data.period, by=("value_id",),
                                                    department=True, seed=seed)
    views = dict(data.views)
    if len(scored):
        kw = dict(threshold=data.threshold, period=data.trend_period, n_boot=N_BOOT_VIEWS)
        views["trend", "group"] = alignment_index(scored.assign(group=scored["group"].fillna("overig")),
                                                  by=("value_id", "group"), **kw)
        views["trend", "department"] = alignment_index(scored, by=("value_id",), department=True, **kw)
        for a in data.alerts:
            f = scored[scored["value_id"] == a.value_id]
            for dim in ("group", "department", "kind"):
                if getattr(a, dim) != ALL:
                    f = f[f[dim] == getattr(a, dim)]
            views["alert", alert_key(a)] = alignment_index(f, threshold=data.threshold, period=data.period,
                                                           by=("value_id",), n_boot=N_BOOT_VIEWS)
    for scope in scopes or [Scope()]:
        views.update(_scope_views(data.filtered(scope)))
    data.views = views
    return data


def _scope_views(data: ReportData) -> dict:
    from stemmen.values.index import gap_scores, group_gap

    scored = data.scored_frame()
    if scored.empty:
        return {}
    out = {}
    for part, frame in (("alle", scored), ("brainstorm", scored[scored["kind"] == "brainstorm"])):
        idx = _matrix_index(frame, data.threshold)
        if idx is not None:
            out["matrix", data.scope, part] = idx
    groups = set(scored["group"].dropna())
    if (data.gap is None or data.gap.empty) and "burger" in groups and groups & set(EMPLOYEES):
        names = {v: data.value_name(v) for v in data.value_ids}
        out["gap", data.scope] = group_gap(gap_scores(scored, data.gap_kinds), a="burger", b=EMPLOYEES, threshold=data.threshold,
                                           unit="document", value_names=names)
    return out


def _matrix_index(scored: pd.DataFrame, threshold: float, key: str = "group") -> pd.DataFrame | None:
    """Mean alignment per value x ``key`` over the whole frame (no periods); facilitators ("overig")
    are not a respondent group."""
    from stemmen.values.index import alignment_index

    if key == "group":
        scored = scored[scored["group"].fillna("overig") != "overig"]
    if scored.empty:
        return None
    return alignment_index(scored.assign(**{key: scored[key].fillna("overig")}), threshold=threshold, period=None,
                           by=("value_id", key), n_boot=N_BOOT_VIEWS)


def _split_beyond(frame: pd.DataFrame, keys: Sequence[str]) -> bool:
    """True when ``frame`` has more than one row per ``keys`` (it is split by further columns)."""
    if not set(keys) <= set(frame.columns):
        return True
    return bool(frame.duplicated(list(keys)).any())
