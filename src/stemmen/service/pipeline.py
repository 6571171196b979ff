"""The pipeline's order, written once: ingest, analyse, monitor, report.

Both ways of running stemmen go through these functions. Without an orchestrator (the
CLI's ``--no-prefect``, tests, benchmarks) they call the service's own steps
(:class:`DirectSteps`); the Prefect flows call them with ``pipelines.tasks``, which has a
task of the same name and signature for every step. So what one path does, the other does,
alerts included; Prefect only adds run history, retries, events and an artifact.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from stemmen.alerts import notify_alerts
from stemmen.schemas import BatchSummary
from stemmen.service.common import finish_run, start_run
from stemmen.service.ingest import ingest_source
from stemmen.service.language import embed_segments, score_sentiment, segment_documents
from stemmen.service.report import report
from stemmen.service.themes import extract_themes
from stemmen.service.values import monitor, score_values
from stemmen.settings import Settings, SourceSettings

STAGES = ("ingest", "analyse", "monitor", "report")


class Steps(Protocol):
    """The steps the pipeline puts in order (``pipelines.tasks`` implements them as Prefect tasks)."""

    def start_run(self, settings: Settings, command: str) -> str:
        """Record a run as started; returns its id (``service.start_run``)."""

    def ingest_source(self, settings: Settings, source: SourceSettings, run_id: str) -> tuple[list[dict], list[str]]:
        """Import one source's files; returns the batch summaries and the errors (``service.ingest_source``)."""

    def finish_run(self, settings: Settings, run_id: str, status: str, summaries: list[dict]) -> None:
        """Record a run as finished (``service.finish_run``)."""

    def segment_documents(self, settings: Settings) -> int:
        """Segment new documents; returns the segments added (``service.segment_documents``)."""

    def embed_segments(self, settings: Settings) -> tuple[int, str]:
        """Embed segments without a vector; returns (current segments, model key) (``service.embed_segments``)."""

    def score_sentiment(self, settings: Settings) -> tuple[int, str]:
        """Sentiment of segments without one; returns (count, model key) (``service.score_sentiment``)."""

    def score_values(self, settings: Settings) -> dict:
        """Value scores of segments without them for the manifest (``service.score_values``)."""

    def extract_themes(self, settings: Settings) -> dict:
        """Themes of the main scope, refitted or extended (``service.extract_themes``)."""

    def monitor(self, settings: Settings, run_id: str) -> dict:
        """Alignment index, gaps and relapse alerts (``service.monitor``)."""

    def signal_alerts(self, settings: Settings, alerts: list[dict]) -> dict:
        """Send the new alerts to the configured channels (webhook, e-mail); returns what was sent."""

    def write_reports(self, settings: Settings) -> list[str]:
        """Write the reports and exports; returns their paths (``service.report``)."""


class DirectSteps:
    """The steps run in this process, without an orchestrator.

    ``today`` fixes the date against which input dates are checked (tests of old files).
    """

    def __init__(self, today: dt.date | None = None):
        self.today = today

    start_run = staticmethod(start_run)
    finish_run = staticmethod(finish_run)
    segment_documents = staticmethod(segment_documents)
    embed_segments = staticmethod(embed_segments)
    score_sentiment = staticmethod(score_sentiment)
    score_values = staticmethod(score_values)
    extract_themes = staticmethod(extract_themes)
    monitor = staticmethod(monitor)

    def ingest_source(self, settings: Settings, source: SourceSettings, run_id: str) -> tuple[list[dict], list[str]]:
        """``service.ingest_source`` with the summaries as plain dicts (what a Prefect task returns too)."""
        summaries, errors = ingest_source(settings, source, run_id, today=self.today)
        return [s.__dict__ for s in summaries], errors

    @staticmethod
    def signal_alerts(settings: Settings, alerts: list[dict]) -> dict:
        """The configured channels (webhook, e-mail); a Prefect run adds an event and an artifact."""
        return {"sent": notify_alerts(alerts, settings)}

    @staticmethod
    def write_reports(settings: Settings) -> list[str]:
        """``service.report`` with its defaults."""
        return report(settings)


def run_ingest(settings: Settings, steps: Steps | None = None) -> dict:
    """Read every configured source into the store; one atomic batch per file, one run record."""
    steps = steps or DirectSteps()
    run_id = steps.start_run(settings, "ingest")
    summaries: list[dict] = []
    errors: list[str] = []
    for source in settings.sources:
        s, e = steps.ingest_source(settings, source, run_id)
        summaries += s
        errors += e
    steps.finish_run(settings, run_id, "failed" if errors else "completed", summaries)
    return {"run_id": run_id, "summaries": summaries, "errors": errors}


def run_analyse(settings: Settings, steps: Steps | None = None) -> dict:
    """Segments, embeddings, sentiment, value scores (with a manifest) and themes, for new documents only."""
    steps = steps or DirectSteps()
    segments = steps.segment_documents(settings)
    n_embedded, embedding_model = steps.embed_segments(settings)
    n_sentiment, sentiment_model = steps.score_sentiment(settings)
    values = steps.score_values(settings) if settings.manifest_path.is_file() else None
    themes = steps.extract_themes(settings)
    return {"segments_added": segments, "segments_embedded": n_embedded, "embedding_model": embedding_model,
            "sentiment_added": n_sentiment, "sentiment_model": sentiment_model, "values": values, "themes": themes}


def run_monitor(settings: Settings, steps: Steps | None = None) -> dict:
    """Alignment index, citizen-employee gaps and relapse alerts; an alert that starts a new episode is
    signalled once (``signalled``)."""
    steps = steps or DirectSteps()
    if not settings.manifest_path.is_file():
        return {"alerts": [], "index_rows": 0, "gaps": 0, "skipped": "geen manifest"}
    run_id = steps.start_run(settings, "monitor")
    result = steps.monitor(settings, run_id)
    new = [a for a in result["alerts"] if a.get("new")]
    result["signalled"] = steps.signal_alerts(settings, new) if new else None
    steps.finish_run(settings, run_id, "completed", [])
    return result


def run_report(settings: Settings, steps: Steps | None = None) -> list[str]:
    """Theme and monitoring reports and exports in the workspace's reports folder."""
    return (steps or DirectSteps()).write_reports(settings)


def ingest_all(settings: Settings, today: dt.date | None = None) -> tuple[list[BatchSummary], list[str]]:
    """`run_ingest` without an orchestrator, the summaries as objects; returns summaries and file errors."""
    out = run_ingest(settings, DirectSteps(today))
    return [BatchSummary(**s) for s in out["summaries"]], out["errors"]


def analyse_language(settings: Settings) -> dict:
    """`run_analyse` without an orchestrator."""
    return run_analyse(settings)


RUNNERS = {"ingest": run_ingest, "analyse": run_analyse, "monitor": run_monitor, "report": run_report}


def run_pipeline(settings: Settings, stages: tuple[str, ...] = STAGES, steps: Steps | None = None) -> dict[str, Any]:
    """The given stages in the pipeline's order; the result of each under its name."""
    return {stage: RUNNERS[stage](settings, steps) for stage in STAGES if stage in stages}
