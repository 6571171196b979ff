"""A relapse alert reaches a webhook with --no-prefect, once per episode (the flow does the same)."""

from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from typer.testing import CliRunner

from stemmen.cli import app
from stemmen.store import Store


class _Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 (http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, json.loads(body)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    handler = type("Handler", (_Receiver,), {"received": []})
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}/hooks/token-abc"
    server.shutdown()
    server.server_close()


def test_no_prefect_monitor_sends_a_new_relapse_alert_once(demo_analysed, tmp_path, receiver):
    settings, result = demo_analysed
    assert result["alerts"], "the demo has a planted relapse"
    ws = tmp_path / "lindewaard"
    shutil.copytree(settings.workspace, ws, ignore=shutil.ignore_patterns("reports"))
    with Store(ws / settings.store.path) as store:  # forget that the episode was seen and signalled
        store._con.execute("DELETE FROM alerts")
        store._con.execute("DELETE FROM stage_state WHERE stage = 'monitor'")
    handler, url = receiver
    env = {"STEMMEN_ALERTS_WEBHOOK_URL": url}

    first = CliRunner().invoke(app, ["monitor", "--no-prefect", "-c", str(ws)], env=env)
    assert first.exit_code == 0, first.output
    assert "TERUGVAL: 'gelijkwaardig' bij Vergunningen" in first.output
    assert "Signaal via webhook: verstuurd" in first.output
    assert len(handler.received) == 1
    path, body = handler.received[0]
    assert path == "/hooks/token-abc" and body["event"] == "stemmen.alert.relapse"
    assert any(r["waarde"] == "gelijkwaardig" and r["afdeling"] == "Vergunningen" for r in body["alerts"])
    assert "evidence" not in json.dumps(body)  # aggregates only, never the quotes

    # the same episode next week: not sent again
    with Store(ws / settings.store.path) as store:
        store._con.execute("DELETE FROM stage_state WHERE stage = 'monitor'")
    again = CliRunner().invoke(app, ["monitor", "--no-prefect", "-c", str(ws)], env=env)
    assert again.exit_code == 0, again.output
    assert "TERUGVAL" in again.output and "Signaal via" not in again.output
    assert len(handler.received) == 1
