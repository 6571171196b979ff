"""Prefect flows: thin wiring over the tasks. Settings are loaded here, at the edge."""

from __future__ import annotations

from prefect import flow

from pipelines import tasks
from stemmen.settings import load_settings


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
    """Segments, embeddings and sentiment for new documents only."""
    settings = load_settings(config)
    segments = tasks.segment_documents(settings)
    n_embedded, embedding_model = tasks.embed_segments(settings)
    n_sentiment, sentiment_model = tasks.score_sentiment(settings)
    return {"segments_added": segments, "segments_embedded": n_embedded, "embedding_model": embedding_model,
            "sentiment_added": n_sentiment, "sentiment_model": sentiment_model}


@flow(name="stemmen-pipeline")
def pipeline_flow(config: str) -> dict:
    """The whole pipeline in order: ingest, analyse."""
    ingest = ingest_flow(config)
    analyse = analyse_flow(config)
    return {"ingest": ingest, "analyse": analyse}
