"""Report and export task bodies."""

from __future__ import annotations

from pathlib import Path

from stemmen.manifest import load_manifest
from stemmen.service.common import code_version, embedder_for, open_store
from stemmen.service.report_views import with_index_views
from stemmen.service.themes import _themes_for_report
from stemmen.service.values import _state_key, monitoring_results
from stemmen.settings import Settings


def report(settings: Settings, scopes: list[str] | None = None, pdf: bool = False, force: bool = False) -> list[str]:
    """Theme and monitoring reports (HTML, optionally PDF) and exports in the reports folder.

    Unchanged input gives the reports already written (``force`` writes them anyway).
    """
    from stemmen.report import Scope, write_reports

    manifest = load_manifest(settings.manifest_path) if settings.manifest_path.is_file() else None
    out = settings.reports_path
    parsed = [Scope.parse(x) for x in scopes] if scopes else None
    with open_store(settings) as store:
        state = _state_key(settings, store, manifest) if manifest is not None else None
        if state and not scopes and not pdf and not force:
            existing = sorted(str(p) for p in out.glob("*.html")) if out.is_dir() else []
            if existing and store.stage_key("report") == state:
                return existing
        data = _report_data(settings, store, manifest, state, parsed)
    settings.reports_path.mkdir(parents=True, exist_ok=True)
    paths = write_reports(data, settings.reports_path, scopes=parsed, pdf=pdf)
    if state and not scopes:
        # writing reports does not change the store, so the key read above still holds
        with open_store(settings) as store:
            store.set_stage_key("report", state)
    return [str(p) for p in paths]


def report_data(settings: Settings):
    """The ``ReportData`` that `report` renders: documents, segments, scores, index, gap, alerts, themes."""
    manifest = load_manifest(settings.manifest_path) if settings.manifest_path.is_file() else None
    with open_store(settings) as store:
        state = _state_key(settings, store, manifest) if manifest is not None else None
        return _report_data(settings, store, manifest, state)


def _report_data(settings: Settings, store, manifest, state, scopes=None):
    """The report input with the index views for the theme reports' ``scopes`` (default: everything)."""
    from stemmen.report import build_report_data_from_frames

    docs = store.report_documents()
    segs = store.report_segments()
    runs = store.runs_frame()
    res = monitoring_results(settings, store, state) if manifest is not None else None
    themes = _themes_for_report(settings, store)
    a = settings.analysis
    lineage = {
        "code_version": code_version(),
        "embedding_model": embedder_for(settings).model_key,
        "sentiment_model": ", ".join(sorted(segs["model_key"].dropna().unique())),
        "relevance_threshold": a.relevance_threshold, "period": a.period, "seed": a.seed,
        "runs": runs.assign(finished_at=runs["finished_at"].astype(str)).to_dict("records"),
    }
    extra = {}
    if res is not None:
        det = res["detector"]
        lineage["value_scorer"] = {"key": res["key"], **{k: v for k, v in res["scorer_params"].items()
                                                         if k != "background"}}
        lineage["drift"] = {"k": det.k_, "h": det.h_, "confirm": det.confirm, "baseline_periods": det.baseline_periods,
                            "pooling": det.pooling, "tau_min": det.tau_min, "echoes": det.echoes, "monitor_from": det.monitor_from_}
        extra = dict(scores=res["scores"], gap=res["gaps"], alerts=det.alerts_, drift_paths=det.paths_,
                     drift_baselines=det.baselines_)
    data = build_report_data_from_frames(
        documents=docs, segments=segs, manifest=manifest, themes=themes, lineage=lineage,
        municipality=(manifest.gemeente if manifest else ""), threshold=a.relevance_threshold,
        period=a.period, baseline_periods=a.baseline_periods, gap_kinds=a.gap_kinds, **extra)
    return with_index_views(data, scopes, seed=a.seed)


def export(settings: Settings, out_dir: str | Path | None = None) -> list[str]:
    """The researchers' rendering of the export (English CSVs, one per table of
    ``stemmen.report.export_spec``): the same tables and rows as the consultants' export."""
    from stemmen.report.export import write_researcher_csvs

    out = Path(out_dir) if out_dir else settings.reports_path / "export"
    return [str(p) for p in write_researcher_csvs(report_data(settings), out)]
