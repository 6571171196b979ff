"""Deployments of the stemmen flows on a Prefect server: declared here, served or deployed.

- ``wekelijks``  the whole pipeline (new files in, analyse, monitor, report) on the
                 ``[prefect] weekly_cron`` schedule (default Monday 06:00, Europe/Amsterdam).
- ``na-meting``  the same pipeline without a schedule: start it after each survey wave
                 (UI "Run", or ``prefect deployment run 'stemmen-pipeline/na-meting'``).
- ``inlezen``    ingest only, manual.
- ``analyse-cluster``  embeddings and sentiment batch-wise on a Dask cluster, manual
                 (pipelines/distributed.py; ``[prefect] dask_address``).

``serve_deployments`` registers them and runs their flow runs from this process
(``stemmen serve``); ``deploy_to_work_pool`` registers them for Prefect workers of a
process work pool instead (several hosts, each with stemmen installed).
Entry points are module paths (``pipelines.flows.pipeline_flow``), so the code is
found wherever stemmen is installed, whatever the working directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from stemmen.errors import ConfigError, Errors
from stemmen.settings import CONFIG_NAME, Settings, load_settings


@dataclass(frozen=True)
class DeploymentSpec:
    name: str
    flow: str  # attribute of pipelines.flows
    description: str
    weekly: bool = False
    tags: tuple[str, ...] = field(default=("stemmen",))


DEPLOYMENTS = (
    DeploymentSpec("wekelijks", "pipeline_flow", "Wekelijkse monitoring: nieuwe bestanden, analyse, signalen, rapport.",
                   weekly=True, tags=("stemmen", "monitoring")),
    DeploymentSpec("na-meting", "pipeline_flow", "Handmatig na elke meting (enquêtegolf): de hele pijplijn.",
                   tags=("stemmen", "meting")),
    DeploymentSpec("inlezen", "ingest_flow", "Handmatig: alleen nieuwe bestanden inlezen.", tags=("stemmen", "inlezen")),
    DeploymentSpec("analyse-cluster", "distributed_analyse_flow",
                   "Handmatig: embeddings en sentiment in batches op het Dask-cluster van [prefect] dask_address.",
                   tags=("stemmen", "dask")),
)


def config_file(config_path: str | Path) -> Path:
    p = Path(config_path).resolve()
    return p / CONFIG_NAME if p.is_dir() else p


def api_url_for(settings: Settings, env: dict[str, str] | None = None) -> str:
    """The Prefect server to register with: [prefect] api_url, else PREFECT_API_URL; never a temporary one."""
    env = os.environ if env is None else env
    url = settings.prefect.api_url or env.get("PREFECT_API_URL", "")
    if not url:
        raise ConfigError(Errors.E952.format(path=settings.workspace / CONFIG_NAME))
    return url


def _schedule(settings: Settings):
    from prefect.schedules import Cron

    try:
        return Cron(settings.prefect.weekly_cron, timezone=settings.prefect.timezone)
    except ValueError as exc:
        raise ConfigError(Errors.E954.format(cron=settings.prefect.weekly_cron, problem=exc)) from exc


def build_deployments(config_path: str | Path, names: list[str] | None = None, settings: Settings | None = None):
    """RunnerDeployments for the named specs (all when ``names`` is None), with the config as parameter."""
    from prefect.deployments.runner import EntrypointType

    from pipelines import distributed, flows
    from stemmen.service import code_version

    cfg = config_file(config_path)
    settings = settings or load_settings(cfg)
    known = {s.name: s for s in DEPLOYMENTS}
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise ConfigError(Errors.E953.format(name=", ".join(unknown), known=", ".join(known)))
    out = []
    for spec in (known[n] for n in names) if names else DEPLOYMENTS:
        flow = getattr(distributed if spec.flow == "distributed_analyse_flow" else flows, spec.flow)
        out.append(flow.to_deployment(
            name=spec.name,
            schedule=_schedule(settings) if spec.weekly else None,
            parameters={"config": str(cfg)},
            description=spec.description,
            tags=list(spec.tags),
            version=code_version(),
            entrypoint_type=EntrypointType.MODULE_PATH,
        ))
    return out


def serve_deployments(config_path: str | Path, names: list[str] | None = None, *, limit: int = 1,
                      print_starting_message: bool = True) -> None:
    """Register the deployments with the configured Prefect server and run their flow runs until stopped.

    ``limit=1``: one run at a time, because the store (DuckDB) has a single writer.
    Blocks; Ctrl-C (SIGINT) or SIGTERM stops it and pauses the schedules.
    """
    from pipelines.environment import configure_prefect

    cfg = config_file(config_path)
    settings = load_settings(cfg)
    url = api_url_for(settings)
    configure_prefect(url, settings.prefect.analytics)
    from prefect import serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: url}):
        serve(*build_deployments(cfg, names, settings), limit=limit, print_starting_message=print_starting_message)


def deploy_to_work_pool(config_path: str | Path, work_pool: str, names: list[str] | None = None) -> list:
    """Register the deployments for a process work pool (``prefect work-pool create <pool> --type process``).

    Runs are then picked up by ``prefect worker start --pool <pool>`` on any host where
    stemmen is installed and the config path (and store) are reachable. Returns deployment ids.
    """
    from pipelines.environment import configure_prefect

    cfg = config_file(config_path)
    settings = load_settings(cfg)
    url = api_url_for(settings)
    configure_prefect(url, settings.prefect.analytics)
    from prefect import deploy
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: url}):
        return deploy(*build_deployments(cfg, names, settings), work_pool_name=work_pool, build=False, push=False,
                      print_next_steps_message=False, ignore_warnings=True)
