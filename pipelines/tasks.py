"""One-line Prefect tasks over the library: the steps of ``stemmen.service.pipeline`` (same names and
signatures as its ``DirectSteps``). Retries live here, only on I/O.

Raw (not yet pseudonymised) text never crosses a task boundary: reading,
pseudonymising and writing a file happen inside one task. Tasks get settings
(plain data) and open the store themselves; models come from cached loaders.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NONE

from stemmen import service
from stemmen.settings import Settings, SourceSettings


@task(name="run-starten", retries=2, retry_delay_seconds=1, cache_policy=NONE)
def start_run(settings: Settings, command: str) -> str:
    return service.start_run(settings, command)


@task(name="bron-inlezen", task_run_name="inlezen {source.path}", cache_policy=NONE)
def ingest_source(settings: Settings, source: SourceSettings, run_id: str) -> tuple[list[dict], list[str]]:
    summaries, errors = service.ingest_source(settings, source, run_id)
    return [s.__dict__ for s in summaries], errors


@task(name="run-afsluiten", retries=2, retry_delay_seconds=1, cache_policy=NONE)
def finish_run(settings: Settings, run_id: str, status: str, summaries: list[dict]) -> None:
    service.finish_run(settings, run_id, status, summaries)


@task(name="segmenteren", cache_policy=NONE)
def segment_documents(settings: Settings) -> int:
    return service.segment_documents(settings)


@task(name="embedden", cache_policy=NONE)
def embed_segments(settings: Settings) -> tuple[int, str]:
    return service.embed_segments(settings)


@task(name="sentiment", cache_policy=NONE)
def score_sentiment(settings: Settings) -> tuple[int, str]:
    return service.score_sentiment(settings)


@task(name="waarden-scoren", cache_policy=NONE)
def score_values(settings: Settings) -> dict:
    return service.score_values(settings)


@task(name="thema's", cache_policy=NONE)
def extract_themes(settings: Settings) -> dict:
    return service.extract_themes(settings)


@task(name="rapporten", retries=1, retry_delay_seconds=2, cache_policy=NONE)
def write_reports(settings: Settings) -> list[str]:
    return service.report(settings)


@task(name="monitoren", cache_policy=NONE)
def monitor(settings: Settings, run_id: str) -> dict:
    return service.monitor(settings, run_id)


@task(name="signalen-melden", cache_policy=NONE)
def signal_alerts(settings: Settings, alerts: list[dict]) -> dict:
    """Relapse alerts -> Prefect events, a markdown artifact and the configured channels ([alerts])."""
    from pipelines.notify import signal_alerts as signal

    return signal(alerts, settings)
