"""Relapse alerts go out through a webhook and SMTP (local receivers) and into Prefect as an artifact."""

from __future__ import annotations

import json
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from pipelines.notify import alert_key, alerts_markdown, notify_alerts
from stemmen.settings import AlertSettings

EVIDENCE = "Ik kreeg pas na drie weken antwoord op mijn vraag over de kapvergunning."


def alert(**changes) -> dict:
    a = dict(value_id="betrouwbaar", group="burger", department="Vergunningen", kind="enquete", metric="alignment",
             start_period="2026-01", alarm_period="2026-03", baseline_mean=0.412, recent_mean=0.218, drop=0.194,
             drop_ci_low=0.08, drop_ci_high=0.31, n_baseline=140, n_recent=37, statistic=5.2, threshold=4.0,
             evidence_texts=[EVIDENCE], episode_end=None)
    a.update(changes)
    return a


class _Receiver(BaseHTTPRequestHandler):
    status = 200
    received: list = []

    def do_POST(self):  # noqa: N802 (http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def webhook():
    handler = type("Handler", (_Receiver,), {"received": [], "status": 200})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}/hooks/geheim-token-123"
    server.shutdown()
    server.server_close()


def test_webhook_receives_table_without_evidence_texts(webhook):
    handler, url = webhook
    alerts = [alert(), alert(value_id="open", group="medewerker", department="Sociaal Domein")]
    sent = notify_alerts(alerts, AlertSettings(webhook_url=url))
    assert sent == {"webhook": "verstuurd"}
    [(path, ctype, body)] = handler.received
    assert path == "/hooks/geheim-token-123"
    assert ctype.startswith("application/json")
    payload = json.loads(body.decode("utf-8"))
    assert "| betrouwbaar | burger | Vergunningen | enquete | 2026-01 | 2026-03 | 0.412 | 0.218 | 0.194 | 37 |" \
        in payload["text"]
    assert [r["waarde"] for r in payload["alerts"]] == ["betrouwbaar", "open"]
    assert payload["keys"] == [alert_key(a) for a in alerts]
    assert EVIDENCE not in body.decode("utf-8")


def test_failing_webhook_is_reported_without_token_and_does_not_raise(webhook):
    handler, url = webhook
    handler.status = 500
    sent = notify_alerts([alert()], AlertSettings(webhook_url=url))
    assert "500" in sent["webhook"] and "webhook" in sent["webhook"]
    assert "geheim-token-123" not in sent["webhook"]


def test_nothing_is_sent_without_alerts(webhook):
    handler, url = webhook
    assert notify_alerts([], AlertSettings(webhook_url=url)) == {}
    assert handler.received == []


def test_alert_key_is_stable_per_episode():
    assert alert_key(alert()) == alert_key(alert(alarm_period="2026-04", drop=0.3, n_recent=50))
    assert alert_key(alert()) != alert_key(alert(start_period="2026-02"))
    assert alert_key(alert()) != alert_key(alert(department="Publiekszaken"))


def test_markdown_escapes_pipes_and_says_when_quiet():
    md = alerts_markdown([alert(department="Wonen | Zorg")])
    assert "Wonen / Zorg" in md and md.count("\n|") == 3  # header, rule, one row
    assert "Geen signalen" in alerts_markdown([])


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) to accept one message, like aiosmtpd's Debugging handler."""

    messages: list = []

    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 localhost test")
        envelope = {"to": []}
        while line := self.rfile.readline().decode().rstrip("\r\n"):
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif verb == "MAIL":
                envelope["from"] = line.split(":", 1)[1].strip(" <>")
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["to"].append(line.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline().decode()) not in (".\r\n", ""):
                    data.append(chunk)
                envelope["data"] = "".join(data)
                type(self).messages.append(envelope)
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


def test_email_through_local_smtp_receiver():
    import email

    handler = type("Handler", (_SMTPHandler,), {"messages": []})
    server = socketserver.TCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cfg = AlertSettings(email_to=["team-cultuur@lindewaard.example"], email_from="stemmen@lindewaard.example",
                            smtp_host="127.0.0.1", smtp_port=server.server_address[1], timeout_seconds=5)
        assert notify_alerts([alert()], cfg) == {"email": "verstuurd"}
    finally:
        server.shutdown()
        server.server_close()
    [env] = handler.messages
    assert env["to"] == ["team-cultuur@lindewaard.example"]
    msg = email.message_from_string(env["data"])
    assert msg["Subject"] == "stemmen: 1 signaal/signalen van terugval"
    assert "| betrouwbaar | burger | Vergunningen |" in msg.get_payload(decode=True).decode("utf-8")


def test_unreachable_smtp_is_reported():
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = AlertSettings(email_to=["a@lindewaard.example"], smtp_host="127.0.0.1", smtp_port=port, timeout_seconds=2)
    assert "e-mail via 127.0.0.1" in notify_alerts([alert()], cfg)["email"]


@pytest.fixture(scope="module")
def prefect_harness():
    from pipelines.environment import configure_prefect

    configure_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_alerts_become_event_and_markdown_artifact_in_a_flow(prefect_harness, webhook):
    from prefect import flow, get_client

    from pipelines.notify import EVENT_NAME, signal_alerts

    handler, url = webhook

    @flow(name="monitor-test")
    def monitor(alerts: list[dict]) -> dict:
        return signal_alerts(alerts, AlertSettings(webhook_url=url))

    out = monitor([alert()])
    assert out["sent"] == {"webhook": "verstuurd"} and len(handler.received) == 1
    with get_client(sync_client=True) as client:
        artifact = client.read_latest_artifacts()
        mine = [a for a in artifact if a.key == "stemmen-signalen"]
    assert mine and "| betrouwbaar | burger | Vergunningen |" in mine[0].data
    assert EVIDENCE not in mine[0].data
    from prefect.events.filters import EventFilter, EventNameFilter

    flt = EventFilter(event=EventNameFilter(name=[EVENT_NAME]))
    deadline = time.monotonic() + 60  # the server persists events in batches
    events = []
    while not events and time.monotonic() < deadline:
        with get_client(sync_client=True) as client:
            events = client.read_events(filter=flt, limit=50).events  # server max is 50
        time.sleep(0.5)
    assert [e.payload["value_id"] for e in events] == ["betrouwbaar"]
    assert events[0].payload["key"] == out["keys"][0]
