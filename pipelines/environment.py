"""Quiet, offline Prefect defaults; call before ``import prefect``.

Without a configured API, Prefect starts a temporary local server per run and
reports telemetry unless told not to (tracebacks on a machine without internet).
"""

from __future__ import annotations

import os

QUIET_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def configure_prefect(api_url: str = "", analytics: bool = False) -> None:
    for key, value in QUIET_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if analytics:
        os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "true"
    if api_url:
        os.environ["PREFECT_API_URL"] = api_url
