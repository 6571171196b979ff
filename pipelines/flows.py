"""Prefect flows: the service's pipeline (``stemmen.service.pipeline``) run with Prefect tasks.

The order of the steps is not written here: each flow hands its stage the tasks module,
which has a task for every step. Settings are loaded here, at the edge.
"""

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
    return service.run_ingest(load_settings(config), tasks)


@flow(name="stemmen-analyse")
def analyse_flow(config: str) -> dict:
    """Segments, embeddings, sentiment, value scores and themes for new documents only."""
    return service.run_analyse(load_settings(config), tasks)


@flow(name="stemmen-monitor")
def monitor_flow(config: str) -> dict:
    """Alignment series, citizen-employee gaps and relapse alerts; alerts go out as events and messages."""
    return service.run_monitor(load_settings(config), tasks)


@flow(name="stemmen-report")
def report_flow(config: str) -> list[str]:
    """Theme and monitoring reports and exports in the workspace's reports folder."""
    return service.run_report(load_settings(config), tasks)


STAGE_FLOWS = {"ingest": ingest_flow, "analyse": analyse_flow, "monitor": monitor_flow, "report": report_flow}


@flow(name="stemmen-pipeline")
def pipeline_flow(config: str) -> dict:
    """The whole pipeline in the service's order (ingest, analyse, monitor, report), each stage its own flow run."""
    return {stage: STAGE_FLOWS[stage](config) for stage in service.STAGES}
