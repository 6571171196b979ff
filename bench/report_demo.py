"""Build and time the demo reports (Lindewaard) through the service layer.

It ingests the demo into a fresh workspace, runs the language layer (segments, embeddings,
sentiment, value scores, themes) and monitoring, builds the report data exactly as
`stemmen report` does (``service.report_data``) and renders it, timing each step.

    .venv/bin/python bench/report_demo.py                # workspace in a temp folder
    .venv/bin/python bench/report_demo.py --out reports-demo   # keep reports there
    .venv/bin/python bench/report_demo.py --pdf          # also PDFs (headless Chromium)
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def _timed(label: str, timings: dict, fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    timings[label] = round(time.perf_counter() - t0, 2)
    return out


def demo_report_data(workspace: Path, timings: dict | None = None):
    """The full demo chain up to a ``ReportData``; returns (data, timings)."""
    from stemmen import service
    from stemmen.settings import load_settings
    from stemmen.workspace import create_demo_workspace

    timings = {} if timings is None else timings
    create_demo_workspace(workspace)
    settings = load_settings(workspace, env={})
    _, errors = _timed("ingest", timings, service.ingest_all, settings)
    if errors:
        raise RuntimeError(errors)
    _timed("analyse_language", timings, service.analyse_language, settings)
    _timed("monitor", timings, service.monitor, settings)
    data = _timed("report_data", timings, service.report_data, settings)
    return data, timings


def main() -> None:
    from stemmen.report import write_reports

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="folder for the reports (default: in the workspace)")
    ap.add_argument("--pdf", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, timings = demo_report_data(Path(tmp) / "lindewaard")
        out = args.out or Path(tmp) / "reports"
        t0 = time.perf_counter()
        paths = write_reports(data, out, pdf=False)
        timings["render_html_and_exports"] = round(time.perf_counter() - t0, 2)
        if args.pdf:
            from stemmen.report.render import html_to_pdf

            t0 = time.perf_counter()
            for p in [p for p in paths if p.suffix == ".html"]:
                paths.append(html_to_pdf(p))
            timings["pdf"] = round(time.perf_counter() - t0, 2)
        print(json.dumps({"documents": len(data.documents), "segments": len(data.segments),
                          "timings_s": timings}, indent=1))
        for p in paths:
            print(p, f"{p.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
