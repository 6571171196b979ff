"""Check a report in headless Chromium over the DevTools protocol (CDP) and take screenshots.

Used by the acceptance test and ``scripts/report_screenshots.py``: the page must load with
no failed requests, no request to anything but the file itself, no console errors, and
non-empty charts. Chromium runs offline with a fresh profile and listens on 127.0.0.1 only.
The websocket client is ``websockets`` (installed with prefect), imported lazily.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stemmen.errors import Errors, ReportError
from stemmen.report.render import CHROMIUM_FLAGS, find_chromium

LOCAL_SCHEMES = ("file:", "data:", "about:")

# Evaluated in the page (by the harness, not by the report): what the charts look like.
_SVG_PROBE = """(() => {
  const svgs = [...document.querySelectorAll('svg.chart')];
  const info = svgs.map(s => { const r = s.getBoundingClientRect();
    return {w: r.width, h: r.height, shapes: s.querySelectorAll('rect,line,polyline,polygon,circle,text,path').length,
            title: (s.querySelector('title') || {}).textContent || '', desc: (s.querySelector('desc') || {}).textContent || '',
            labelled: !!s.getAttribute('aria-labelledby'), role: s.getAttribute('role')}; });
  return JSON.stringify({n: svgs.length, charts: info, scripts: document.scripts.length,
                         title: document.title, height: document.documentElement.scrollHeight,
                         text: document.body.innerText.length});
})()"""


@dataclass
class PageCheck:
    """What a headless browser saw of a report: requests, console errors and the charts drawn."""
    url: str
    loaded: bool = False
    requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    scripts: int = 0
    title: str = ""
    height: int = 0

    @property
    def ok(self) -> bool:
        """True when the page loaded offline without errors and every chart has something to show."""
        return (self.loaded and not self.external_requests and not self.failed_requests
                and not self.console_errors and bool(self.charts) and all(empty_reason(c) is None for c in self.charts))


def empty_reason(chart: dict) -> str | None:
    """Why a chart counts as not rendered, or None when it rendered."""
    if chart["w"] <= 0 or chart["h"] <= 0:
        return "heeft geen afmeting"
    if chart["shapes"] < 3:
        return "bevat (bijna) geen vormen"
    if not chart["title"] or not chart["desc"] or not chart["labelled"] or chart["role"] != "img":
        return "mist title/desc/aria-labelledby/role"
    return None


class Browser:
    """A headless Chromium with one page, driven over CDP (context manager)."""

    def __init__(self, chromium: str | None = None, width: int = 1280, height: int = 860, timeout: float = 30.0):
        self.chromium = chromium
        self.width = width
        self.height = height
        self.timeout = timeout

    def __enter__(self) -> Browser:
        try:
            return self._start()
        except BaseException:
            self._stop()  # never leave a browser behind when start-up fails half-way
            raise

    def _start(self) -> Browser:
        from websockets.sync.client import connect

        self._tmp = tempfile.TemporaryDirectory(prefix="stemmen-cdp-")
        profile = Path(self._tmp.name) / "profile"
        exe = self.chromium or find_chromium()
        self._proc = subprocess.Popen(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", f"--window-size={self.width},{self.height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self._proc.poll() is not None:
                self._stop()
                raise ReportError(Errors.E906.format(path="about:blank", problem="Chromium start niet"))
            time.sleep(0.05)
        port = port_file.read_text().splitlines()[0]
        # connect to the page itself (not the browser): a page socket survives the renderer
        # swap that a navigation from about:blank to file:// causes
        ws_url = None
        while ws_url is None:
            try:
                # no proxy: the DevTools endpoint is local (an http_proxy variable would break it)
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                # a fresh page of our own (headless may start without one)
                req = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
                with opener.open(req, timeout=5) as resp:
                    ws_url = json.load(resp).get("webSocketDebuggerUrl")
            except (OSError, ValueError):
                ws_url = None
            if ws_url is None:
                if time.monotonic() > deadline:
                    self._stop()
                    raise ReportError(Errors.E906.format(path="about:blank", problem="geen pagina in Chromium"))
                time.sleep(0.1)
        self._ws = connect(ws_url, max_size=None, open_timeout=self.timeout, proxy=None)
        self._id = 0
        self.events: list[dict] = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method)
        self.call("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height,
                                                         "deviceScaleFactor": 1, "mobile": False})
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop()

    def _stop(self) -> None:
        try:
            if getattr(self, "_ws", None) is not None:
                self._ws.close()
                self._ws = None
        finally:
            if getattr(self, "_proc", None) is not None and self._proc.poll() is None:
                self._proc.terminate()  # only the process this object started
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait(timeout=10)
            if getattr(self, "_tmp", None) is not None:
                _remove_profile(self._tmp)
                self._tmp = None

    def call(self, method: str, params: dict | None = None) -> dict:
        """Send one CDP command and wait for its answer; events that arrive meanwhile are kept."""
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        self._ws.send(json.dumps(msg))
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ReportError(Errors.E906.format(path=method, problem="geen antwoord van Chromium"))
            data = json.loads(self._ws.recv(timeout=left))
            if data.get("id") == self._id:
                if "error" in data:
                    raise ReportError(Errors.E906.format(path=method, problem=data["error"].get("message")))
                return data.get("result", {})
            self.events.append(data)

    def _drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                self.events.append(json.loads(self._ws.recv(timeout=left)))
            except TimeoutError:
                return

    def open(self, path: str | Path) -> PageCheck:
        """Load a file and report what happened (requests, failures, console errors, charts)."""
        url = Path(path).resolve().as_uri()
        self.events = []
        check = PageCheck(url=url)
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + self.timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                break
            self._drain(0.2)
        check.loaded = any(e.get("method") == "Page.loadEventFired" for e in self.events)
        self._drain(0.5)  # late requests or errors after load
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Network.requestWillBeSent":
                u = p["request"]["url"]
                check.requests.append(u)
                if not u.startswith(LOCAL_SCHEMES):
                    check.external_requests.append(u)
            elif m == "Network.loadingFailed":
                check.failed_requests.append(f"{p.get('errorText')} ({p.get('requestId')})")
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                check.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
            elif m == "Runtime.exceptionThrown":
                check.console_errors.append(p["exceptionDetails"].get("text", "exception"))
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                check.console_errors.append(p["entry"].get("text", ""))
        probe = json.loads(self.call("Runtime.evaluate", {"expression": _SVG_PROBE, "returnByValue": True},
                                     )["result"]["value"])
        check.charts, check.scripts = probe["charts"], probe["scripts"]
        check.title, check.height = probe["title"], probe["height"]
        return check

    def screenshot(self, target: str | Path, selector: str | None = None, max_height: int = 1400) -> Path:
        """PNG of the first screen, or of the element matching ``selector`` (page coordinates)."""
        params: dict[str, Any] = {"format": "png"}
        if selector:
            expr = (f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null; "
                    "const r = e.getBoundingClientRect(); return JSON.stringify({x: r.left + scrollX, y: r.top + scrollY,"
                    " w: r.width, h: r.height}); })()")
            res = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})["result"]
            if res.get("value") is None:
                raise ReportError(Errors.E906.format(path=selector, problem="element niet gevonden"))
            r = json.loads(res["value"])
            params.update(clip={"x": max(r["x"] - 8, 0), "y": max(r["y"] - 8, 0), "width": r["w"] + 16,
                                "height": min(r["h"] + 16, max_height), "scale": 1}, captureBeyondViewport=True)
        data = self.call("Page.captureScreenshot", params)["data"]
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
        return target


def check_report(path: str | Path, chromium: str | None = None) -> PageCheck:
    """Open one report in a fresh headless Chromium and return the check."""
    with Browser(chromium) as b:
        return b.open(path)


def _remove_profile(tmp: tempfile.TemporaryDirectory, attempts: int = 10) -> None:
    """Remove Chromium's profile folder. Its helper processes (crash handler, utility) may
    still write there for a moment after the browser exits: retry briefly, and never let a
    folder in /tmp fail a report."""
    for _ in range(attempts):
        try:
            tmp.cleanup()
            return
        except OSError:
            time.sleep(0.2)
    shutil.rmtree(tmp.name, ignore_errors=True)
