"""Prefect flows: thin wiring over the tasks. Settings are loaded here, at the edge."""

from __future__ import annotations

from prefect import flow

from pipelines import tasks
from stemmen import service
from stemmen.settings import load_settings as _load


def load_settings(config: str):
    """Settings for a flow: a store another run holds is waited for ([store] flow_wait_seconds)."""
    settings = _load(config)
    service.wait_for_store(settings, settings.store.flow_wait_seconds)
    return settings


@flow(name="stemmen-ingest")
def ingest_flow(config: str) -> dict:
    """Read every configured source into the store; one atomic batch per file."""
    settings = load_settings(config)
    run_id = tasks.start_run(settings, "ingest")
    summaries, errors = [], []
    for source in settings.sources:
        s, e = tasks.ingest_source(settings, source, run_id)
        summaries += s
        errors += e
    tasks.finish_run(settings, run_id, "failed" if errors else "completed", summaries)
    return {"run_id": run_id, "summaries": summaries, "errors": errors}


@flow(name="stemmen-analyse")
def analyse_flow(config: str) -> dict:
    """Segments, embeddings, sentiment and value scores for new documents only."""
    settings = load_settings(config)
    segments = tasks.segment_documents(settings)
    n_embedded, embedding_model = tasks.embed_segments(settings)
    n_sentiment, sentiment_model = tasks.score_sentiment(settings)
    values = tasks.score_values(settings) if settings.manifest_path.is_file() else None
    themes = tasks.extract_themes(settings)
    return {"segments_added": segments, "segments_embedded": n_embedded, "embedding_model": embedding_model,
            "sentiment_added": n_sentiment, "sentiment_model": sentiment_model, "values": values, "themes": themes}


@flow(name="stemmen-monitor")
def monitor_flow(config: str) -> dict:
    """Alignment series, citizen-employee gaps and relapse alerts; alerts go out as events and messages."""
    settings = load_settings(config)
    if not settings.manifest_path.is_file():
        return {"alerts": [], "index_rows": 0, "gaps": 0, "skipped": "geen manifest"}
    run_id = tasks.start_run(settings, "monitor")
    result = tasks.monitor(settings, run_id)
    new = [a for a in result["alerts"] if a.get("new")]
    result["signalled"] = tasks.signal_alerts(settings, new) if new else None
    tasks.finish_run(settings, run_id, "completed", [])
    return result


@flow(name="stemmen-report")
def report_flow(config: str) -> list[str]:
    """Theme and monitoring reports and exports in the workspace's reports folder."""
    return tasks.write_reports(load_settings(config))


@flow(name="stemmen-pipeline")
def pipeline_flow(config: str) -> dict:
    """The whole pipeline in order: ingest, analyse, monitor, report."""
    ingest = ingest_flow(config)
    analyse = analyse_flow(config)
    monitor = monitor_flow(config)
    reports = report_flow(config)
    return {"ingest": ingest, "analyse": analyse, "monitor": monitor, "reports": reports}
