"""Relapse alerts out of the pipeline, with or without an orchestrator: a webhook and an e-mail.

Alerts are plain dicts with the fields of ``stemmen.values.drift.DriftAlert``
(``alerts_frame(...).to_dict("records")`` or ``dataclasses.asdict``). What
leaves the machine is aggregate only: value, group, department, periods and
numbers; never the evidence texts (they stay in the store and the report).
The Prefect flow (``pipelines/notify.py``) adds an event and an artifact and
sends through :func:`notify_alerts`, as ``--no-prefect`` runs do.
"""

from __future__ import annotations

import hashlib
import json
import logging
import smtplib
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from stemmen.errors import Errors
from stemmen.settings import AlertSettings, Settings

logger = logging.getLogger(__name__)

EVENT_NAME = "stemmen.alert.relapse"
# (field, Dutch column label) in the order a reader scans them
COLUMNS = [
    ("value_id", "waarde"), ("group", "groep"), ("department", "afdeling"), ("kind", "bron"),
    ("start_period", "begin"), ("alarm_period", "alarm"), ("baseline_mean", "basislijn"),
    ("recent_mean", "recent"), ("drop", "daling"), ("n_recent", "n recent"),
]
KEY_FIELDS = ("value_id", "group", "department", "kind", "metric", "start_period")


def alert_key(alert: dict) -> str:
    """Stable id of one relapse episode: the same episode found next week has the same key."""
    raw = "\x00".join(str(alert.get(f, "")) for f in KEY_FIELDS)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value).replace("|", "/").replace("\n", " ")


def alert_rows(alerts: list[dict]) -> list[dict[str, str]]:
    """One row per alert with Dutch column labels; evidence texts are left out on purpose."""
    return [{label: _cell(a.get(field)) for field, label in COLUMNS} for a in alerts]


def alerts_markdown(alerts: list[dict], title: str = "Signalen van terugval") -> str:
    """The alerts as a Dutch Markdown message (a table of the series, no quotes: those stay in the report)."""
    rows = alert_rows(alerts)
    labels = [label for _, label in COLUMNS]
    lines = [f"# {title}", ""]
    if not rows:
        return "\n".join(lines + ["Geen signalen van terugval in deze run."]) + "\n"
    lines.append(f"{len(rows)} signaal/signalen. Onderbouwing (citaten) staat in het rapport, niet in dit bericht.")
    lines += ["", "| " + " | ".join(labels) + " |", "|" + "---|" * len(labels)]
    lines += ["| " + " | ".join(r[c] for c in labels) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _settings(settings: Settings | AlertSettings) -> AlertSettings:
    return settings.alerts if isinstance(settings, Settings) else settings


def _safe_url(url: str) -> str:
    # webhook URLs carry their token in the path: show only where it goes
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…"


def _describe(exc: Exception) -> str:
    """The error without the URL (httpx puts the full URL, token included, in its messages)."""
    import httpx

    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP-status {exc.response.status_code}"
    return type(exc).__name__


def post_webhook(url: str, alerts: list[dict], timeout: float = 10.0) -> None:
    """POST the alerts as JSON (Markdown text, rows, keys) to a webhook; raises on an HTTP error."""
    import httpx

    body = {"text": alerts_markdown(alerts), "alerts": alert_rows(alerts),
            "keys": [alert_key(a) for a in alerts], "event": EVENT_NAME}
    # trust_env=False: no proxy from the environment; a webhook on the LAN stays on the LAN
    with httpx.Client(timeout=timeout, trust_env=False) as client:
        response = client.post(url, content=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                               headers={"Content-Type": "application/json; charset=utf-8"})
        response.raise_for_status()


def send_email(cfg: AlertSettings, alerts: list[dict]) -> None:
    """Send the alerts as a Dutch plain-text e-mail through the configured SMTP server."""
    msg = EmailMessage()
    msg["Subject"] = f"stemmen: {len(alerts)} signaal/signalen van terugval"
    msg["From"] = cfg.email_from
    msg["To"] = ", ".join(cfg.email_to)
    msg.set_content(alerts_markdown(alerts))
    with smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_seconds) as smtp:
        if cfg.smtp_starttls:
            smtp.starttls()
        if cfg.smtp_user:
            smtp.login(cfg.smtp_user, cfg.smtp_password.get_secret_value())
        smtp.send_message(msg)


def notify_alerts(alerts: list[dict], settings: Settings | AlertSettings) -> dict[str, str]:
    """Send alerts through every configured channel; returns {channel: "verstuurd" | error message}.

    A channel that fails does not stop the others or the flow: the alert is in the
    store, the report and the Prefect UI anyway; the error is logged and returned.
    Nothing is sent when there are no alerts.
    """
    cfg = _settings(settings)
    result: dict[str, str] = {}
    if not alerts:
        return result
    url = cfg.webhook_url.get_secret_value()
    if url:
        try:
            post_webhook(url, alerts, cfg.timeout_seconds)
            result["webhook"] = "verstuurd"
        except Exception as exc:  # network errors and HTTP status alike
            result["webhook"] = Errors.E950.format(url=_safe_url(url), problem=_describe(exc))
            logger.warning(result["webhook"])
    if cfg.email_to and cfg.smtp_host:
        try:
            send_email(cfg, alerts)
            result["email"] = "verstuurd"
        except (OSError, smtplib.SMTPException) as exc:
            result["email"] = Errors.E951.format(host=cfg.smtp_host, port=cfg.smtp_port,
                                                 to=", ".join(cfg.email_to), problem=exc)
            logger.warning(result["email"])
    return result


def notify_new_alerts(alerts: list[dict], settings: Settings | AlertSettings) -> dict[str, str] | None:
    """Send the alerts of a monitoring run that start a new episode (``new``), once per episode.

    The one place both paths signal from: the Prefect flow and ``--no-prefect`` runs.
    Returns what :func:`notify_alerts` returns, or None when no alert is new.
    """
    new = [a for a in alerts if a.get("new")]
    return notify_alerts(new, settings) if new else None
