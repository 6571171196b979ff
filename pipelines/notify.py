"""Relapse alerts in Prefect: an event per alert and a markdown artifact, then the library's channels.

The webhook and e-mail code lives in :mod:`stemmen.alerts` so that ``--no-prefect``
runs send exactly what the flow sends.
"""

from __future__ import annotations

from typing import Any

from stemmen.alerts import (  # noqa: F401  (re-exported for callers of this module)
    COLUMNS, EVENT_NAME, KEY_FIELDS, alert_key, alert_rows, alerts_markdown, notify_alerts, post_webhook, send_email,
)
from stemmen.settings import AlertSettings, Settings

ARTIFACT_KEY = "stemmen-signalen"


def publish_alert_artifact(alerts: list[dict], key: str = ARTIFACT_KEY):
    """A markdown artifact (table) on the current flow run; returns its id. Call inside a flow or task."""
    from prefect.artifacts import create_markdown_artifact

    return create_markdown_artifact(
        markdown=alerts_markdown(alerts), key=key, description=f"{len(alerts)} signalen van terugval",
    )


def emit_alert_events(alerts: list[dict]) -> list:
    """One Prefect event per alert (for automations: 'when stemmen.alert.relapse, then ...')."""
    from prefect.events import emit_event

    events = []
    for a in alerts:
        events.append(emit_event(
            event=EVENT_NAME,
            resource={
                "prefect.resource.id": f"stemmen.alert.{alert_key(a)}",
                "prefect.resource.name": f"{a.get('value_id', '')} / {a.get('group', '')}",
                "stemmen.value": str(a.get("value_id", "")),
            },
            payload={field: a.get(field) for field, _ in COLUMNS} | {"key": alert_key(a)},
        ))
    return events


def signal_alerts(alerts: list[dict], settings: Settings | AlertSettings) -> dict[str, Any]:
    """Everything a monitoring flow does with its alerts: events, artifact, notifications."""
    emit_alert_events(alerts)
    artifact_id = publish_alert_artifact(alerts)
    return {"artifact": str(artifact_id), "sent": notify_alerts(alerts, settings),
            "keys": [alert_key(a) for a in alerts]}
