"""End to end in headless Chromium: label with the keyboard, undo, close, restart, rescore.

Set REVIEW_SCREENSHOTS to a folder to keep the screenshots (docs/img has them).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from stemmen.report.render import find_chromium

REPO = Path(__file__).resolve().parents[2]

try:
    CHROMIUM = find_chromium()
except Exception:  # noqa: BLE001 - no browser on this machine
    CHROMIUM = None

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (scripts/setup-browser.sh)")]


@pytest.fixture
def workspace(demo_analysed, tmp_path):
    settings, _ = demo_analysed
    ws = tmp_path / "ws"
    shutil.copytree(settings.workspace, ws, ignore=shutil.ignore_patterns("*.wal", "reports"))
    return ws


def _start(ws: Path) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "stemmen.cli", "review", "-c", str(ws), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.monotonic() + 300
    lines = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        m = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if m:
            return proc, m.group(1)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError("review did not start:\n" + "".join(lines))


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)  # Ctrl+C
    try:
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()


class Page:
    """The review page in a headless Chromium, keys sent as a user types them."""

    def __init__(self, browser):
        self.b = browser

    def go(self, url: str) -> None:
        self.b.events = []
        self.b.call("Page.navigate", {"url": url})
        self._loaded()

    def _loaded(self) -> None:
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.b.events):
            assert time.monotonic() < deadline, "page did not load"
            self.b._drain(0.1)

    def js(self, expr: str):
        return self.b.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})["result"].get("value")

    def key(self, key: str, navigates: bool = True) -> None:
        self.b.events = []
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key}
            if kind == "keyDown" and len(key) == 1:
                params["text"] = key
            self.b.call("Input.dispatchKeyEvent", params)
        if navigates:
            self._loaded()

    def text(self) -> str:
        return self.js("document.getElementById('tekst') ? document.getElementById('tekst').textContent : ''")


def test_label_undo_restart_and_rescore(workspace, tmp_path):
    from stemmen.manifest import load_manifest
    from stemmen.report.browser import Browser

    shots = Path(os.environ.get("REVIEW_SCREENSHOTS") or tmp_path / "shots")
    before = load_manifest(workspace / "manifest.toml").fingerprint
    proc, url = _start(workspace)
    try:
        # refused without the token, or with another one
        for bad in (url.split("?")[0], url.split("?")[0] + "?token=raden"):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(bad, timeout=10)
            assert err.value.code == 403
        # it listens on 127.0.0.1 only
        import psutil

        ports = {c.laddr for c in psutil.Process(proc.pid).net_connections(kind="inet") if c.status == "LISTEN"}
        assert ports and all(a.ip == "127.0.0.1" for a in ports)
        with Browser(CHROMIUM) as b:
            page = Page(b)
            page.go(url)
            b.screenshot(shots / "review-pagina.png")
            seen = []
            # five labels with the keyboard: value digits, + / -, 0, Enter (confirm the reading)
            for keys in (["1", "+"], ["2", "-"], ["0"], ["3", "+"], ["Enter"]):
                seen.append(page.text())
                for k in keys[:-1]:
                    page.key(k, navigates=False)
                page.key(keys[-1])
                assert page.text() != seen[-1]
            page.key("z")  # undo the fifth: it is shown again
            assert page.text() == seen[-1]
            assert "Labels: 4" in page.js("document.body.innerText")
            requests = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
            assert requests and all(u.startswith("http://127.0.0.1:") for u in requests)  # nothing from outside
            # readable at 200 % zoom: half the CSS width at twice the pixels, no sideways scrolling
            b.call("Emulation.setDeviceMetricsOverride", {"width": 640, "height": 900, "deviceScaleFactor": 2,
                                                          "mobile": False})
            assert page.js("document.documentElement.scrollWidth <= window.innerWidth + 1")
            b.screenshot(shots / "review-zoom-200.png")
        # the browser (and the tab) closed
    finally:
        _stop(proc)
    with (workspace / "labels.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4
    assert [r["waarde"] == "geen" for r in rows] == [False, False, True, False]
    assert {r["richting"] for r in rows if r["waarde"] != "geen"} <= {"+", "-"}

    proc, url = _start(workspace)  # restart: the four labels are kept
    try:
        with Browser(CHROMIUM) as b:
            page = Page(b)
            page.go(url)
            body = page.js("document.body.innerText")
            assert "Labels: 4" in body
            b.screenshot(shots / "review-na-herstart.png")
    finally:
        _stop(proc)

    after = load_manifest(workspace / "manifest.toml")
    assert after.fingerprint != before and after.n_labels == 4
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    run = subprocess.run([sys.executable, "-m", "stemmen.cli", "analyse", "-c", str(workspace), "--no-prefect"],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr
    assert "Herberekend: eerder gescoord met manifest" in run.stdout  # the change is recorded
    import duckdb

    con = duckdb.connect(str(workspace / "stemmen.duckdb"), read_only=True)
    try:
        n_new, = con.execute("SELECT count(DISTINCT segment_id) FROM value_scores WHERE manifest_fingerprint = ?",
                             [after.fingerprint]).fetchone()
        n_old, = con.execute("SELECT count(DISTINCT segment_id) FROM value_scores WHERE manifest_fingerprint = ?",
                             [before]).fetchone()
    finally:
        con.close()
    assert n_new == n_old > 0  # every segment scored afresh, the old scores kept apart
