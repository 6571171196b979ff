"""Deployments on a real Prefect server (loopback, sqlite in tmp): serve, trigger, check the store, shut down.

Everything started here runs in its own process group and is stopped with bounded
waits; the test fails if a process of those groups survives.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stemmen.errors import ConfigError
from stemmen.settings import load_settings
from stemmen.store import Store

CASES = (
    "zaak;datum;afdeling;notitie\n"
    "BV-1;3-4-2025;Vergunningen;Aanvrager gebeld op 06-12345678, uitleg gegeven over de dakkapel.\n"
    "BV-1;9-4-2025;Vergunningen;Vergunning verleend, aanvrager voelde zich serieus genomen.\n"
    "BV-2;14-4-2025;Publiekszaken;Bewoner kreeg pas na drie weken antwoord op een eenvoudige vraag.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prefect_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp / "prefect-home"),
        PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{tmp / 'prefect.db'}",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_SERVER_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
    )
    return env


def _stop(proc: subprocess.Popen, sig: int, wait: float = 30) -> None:
    """Signal the whole process group, wait a bounded time, then kill what is left."""
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + 10
    while _group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in _group_members(proc.pid):  # orphans of the group (e.g. a flow-run subprocess)
        os.kill(pid, signal.SIGKILL)


def _group_members(pgid: int) -> list[int]:
    import psutil

    members = []
    for p in psutil.process_iter():
        try:
            if os.getpgid(p.pid) == pgid and p.status() != psutil.STATUS_ZOMBIE:
                members.append(p.pid)
        except (ProcessLookupError, psutil.Error):
            continue
    return members


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    import httpx

    tmp = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = open(tmp / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--analytics-off"],
        env=_prefect_env(tmp), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 150
        while True:
            assert proc.poll() is None, (tmp / "server.log").read_text()
            try:
                if httpx.get(f"{url}/health", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "Prefect server did not become healthy in 150 s"
            time.sleep(0.5)
        yield url, tmp
    finally:
        _stop(proc, signal.SIGTERM)
        log.close()
    assert _group_members(proc.pid) == []


def _workspace(tmp: Path, api_url: str) -> Path:
    ws = tmp / "gemeente"
    ws.mkdir()
    (ws / "stemmen.toml").write_text(
        f'[privacy]\nuse_deduce = false\n[prefect]\napi_url = "{api_url}"\n'
        '[[sources]]\nkind = "casus"\npath = "notities.csv"\nid = "zaak"\ndate = "datum"\n'
        'department = "afdeling"\ntext = "notitie"\n',
        encoding="utf-8",
    )
    (ws / "notities.csv").write_text(CASES, encoding="cp1252")
    return ws / "stemmen.toml"


def test_served_deployment_runs_on_real_server_and_writes_store(prefect_server):
    from prefect import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url, tmp = prefect_server
    cfg = _workspace(tmp, url)
    serve_log = open(tmp / "serve.log", "w")
    env = _prefect_env(tmp)
    env["PYTHONUNBUFFERED"] = "1"
    serve = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pipelines.deployments import serve_deployments;"
         " serve_deployments(sys.argv[1])", str(cfg)],
        env=env, stdout=serve_log, stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp,
    )
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            with get_client(sync_client=True) as client:
                deadline = time.monotonic() + 90
                while True:
                    assert serve.poll() is None, (tmp / "serve.log").read_text()
                    try:
                        weekly = client.read_deployment_by_name("stemmen-pipeline/wekelijks")
                        client.read_deployment_by_name("stemmen-ingest/inlezen")
                        break
                    except Exception:
                        assert time.monotonic() < deadline, "deployments not registered in 90 s"
                        time.sleep(1)
            [sched] = weekly.schedules
            assert (sched.schedule.cron, sched.schedule.timezone) == ("0 6 * * 1", "Europe/Amsterdam")
            assert weekly.parameters == {"config": str(cfg.resolve())}

            run = run_deployment("stemmen-ingest/inlezen", timeout=150, poll_interval=1, as_subflow=False)
            assert run.state is not None and run.state.is_completed(), (run.state, (tmp / "serve.log").read_text())
    finally:
        _stop(serve, signal.SIGINT)
        serve_log.close()
    assert _group_members(serve.pid) == []

    with Store(cfg.parent / "stemmen.duckdb", read_only=True) as store:
        texts = [t for (t,) in store.query("SELECT text FROM documents ORDER BY date")]
        runs = store.query("SELECT command, status FROM runs")
    assert len(texts) == 3 and not any("06-12345678" in t for t in texts)
    assert runs == [("ingest", "completed")]
    for name in ("server.log", "serve.log"):  # quiet: no telemetry or other tracebacks
        assert "Traceback" not in (tmp / name).read_text(), (tmp / name).read_text()


def test_serving_needs_a_configured_server(tmp_path):
    from pipelines.deployments import api_url_for

    (tmp_path / "stemmen.toml").write_text("", encoding="utf-8")
    settings = load_settings(tmp_path, env={})
    with pytest.raises(ConfigError, match="prefect server start"):
        api_url_for(settings, env={})
    assert api_url_for(settings, env={"PREFECT_API_URL": "http://127.0.0.1:4200/api"}) == "http://127.0.0.1:4200/api"


def test_unknown_deployment_and_bad_cron_are_named(tmp_path):
    from pipelines.deployments import build_deployments

    (tmp_path / "stemmen.toml").write_text('[prefect]\nweekly_cron = "0 6 * *"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'maandelijks'.*wekelijks, na-meting, inlezen, analyse-cluster"):
        build_deployments(tmp_path, names=["maandelijks"])
    with pytest.raises(ConfigError, match="weekly_cron = '0 6 \\* \\*'"):
        build_deployments(tmp_path, names=["wekelijks"])
