"""Time to the next segment after a label on the review page (target <= 300 ms), demo workspace.

    nice .venv/bin/python bench/bench_review.py                 # builds the demo workspace in a temp folder
    nice .venv/bin/python bench/bench_review.py --workspace ws  # an analysed workspace (a copy is used)

The page is the real app (``stemmen.review.app``) driven over HTTP in process: each step
posts a label (the page's own reading, as a consultant confirming it) and loads the next
page, the way the browser follows the redirect. The worker thread refits the scorer and
re-estimates the accuracy meanwhile, as it does for a consultant. Reported: median, 95th
percentile and maximum of post + next page, and the start-up time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from stemmen import service  # noqa: E402
from stemmen.settings import load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workspace", type=Path, help="an analysed workspace (copied first)")
    ap.add_argument("--labels", type=int, default=40)
    args = ap.parse_args(argv)
    from starlette.testclient import TestClient

    from stemmen.review.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        if args.workspace:
            shutil.copytree(args.workspace, ws, ignore=shutil.ignore_patterns("*.wal", "reports"))
        else:
            from stemmen.workspace import create_demo_workspace

            create_demo_workspace(ws)
            settings = load_settings(ws, env={})
            service.ingest_all(settings)
            service.analyse_language(settings)
        settings = load_settings(ws, env={})
        t0 = time.perf_counter()
        session = service.open_review(settings)
        start = time.perf_counter() - t0
        client = TestClient(make_app(session, "t"))
        client.get("/?token=t")
        times = []
        try:
            for _ in range(args.labels):
                i = session.current
                r = session.reading_of(i)
                form = {"segment_id": session.segments[i].segment_id, "waarde": r["value_id"], "richting": r["stance"]}
                t = time.perf_counter()
                resp = client.post("/label?token=t", data=form)  # follows the redirect to the next page
                times.append(time.perf_counter() - t)
                assert resp.status_code == 200 and session.segments[session.current].text[:20] in resp.text.replace("&#39;", "'")
            t = time.perf_counter()
            while session.read_version != session.version and time.perf_counter() - t < 300:
                time.sleep(0.2)  # the worker catching up: refit, reread, cross-validate
            catch_up = time.perf_counter() - t
        finally:
            session.close()
        times_ms = sorted(1000 * x for x in times)
        p95 = times_ms[min(len(times_ms) - 1, int(0.95 * len(times_ms)))]
        print(f"segments {len(session.segments)}, start-up {start:.1f} s, {len(times_ms)} labels:"
              f" next segment median {statistics.median(times_ms):.0f} ms, p95 {p95:.0f} ms, max {times_ms[-1]:.0f} ms"
              f" (target <= 300 ms); the worker caught up {catch_up:.1f} s after the last label"
              f" (estimate on {session.estimates[-1]['n_labels'] if session.estimates else 0} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
