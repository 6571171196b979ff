"""Build and time the demo reports (Lindewaard) before the lead's full pipeline exists.

This is a DEV script (and the source of the report test fixture): it plays the role of
the service layer. It ingests the demo into a fresh workspace, runs the language layer
(segments, embeddings, sentiment), scores values with ``ValueScorer``, computes the
alignment index, the citizen-employee gap and relapse alerts, and hands plain frames to
``stemmen.report``. The report modules themselves never open the store.

    .venv/bin/python bench/report_demo.py                # workspace in a temp folder
    .venv/bin/python bench/report_demo.py --out reports-demo   # keep reports there
    .venv/bin/python bench/report_demo.py --pdf          # also PDFs (headless Chromium)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _timed(label: str, timings: dict, fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    timings[label] = round(time.perf_counter() - t0, 2)
    return out


def prepare_store(workspace: Path, timings: dict) -> object:
    """Fresh demo workspace, ingested and analysed (segments, embeddings, sentiment)."""
    from stemmen import service
    from stemmen.settings import load_settings
    from stemmen.workspace import create_demo_workspace

    create_demo_workspace(workspace)
    settings = load_settings(workspace, env={})
    _, errors = _timed("ingest", timings, service.ingest_all, settings)
    if errors:
        raise RuntimeError(errors)
    _timed("analyse_language", timings, service.analyse_language, settings)
    return settings


def read_frames(settings) -> dict:
    """What the service layer would read: documents, segments with sentiment, embeddings."""
    from stemmen import service

    with service.open_store(settings) as store:
        docs = store.con.execute(
            "SELECT doc_id, kind, source_name, group_name, department, date, wave, question, value_ref, article,"
            " case_id, status, role, text FROM documents WHERE is_current ORDER BY date, doc_id").df()
        segs = store.con.execute(
            "SELECT s.segment_id, s.doc_id, s.idx, s.text, st.polarity, st.label, st.model_key"
            " FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
            " LEFT JOIN sentiment st ON st.segment_id = s.segment_id WHERE d.is_current"
            " ORDER BY s.doc_id, s.idx").df()
        runs = store.con.execute("SELECT run_id, command, finished_at, code_version FROM runs").df()
        embedder = service.CachingEmbedder(service.embedder_for(settings), store)
        vectors = embedder.encode(segs["text"].tolist(), kind="query")
        model_key = embedder.model_key
    return dict(documents=docs, segments=segs, vectors=vectors, embed_model=model_key, runs=runs)


def score_values(settings, frames: dict, timings: dict) -> tuple[pd.DataFrame, dict]:
    """Value scores (one row per segment x value) with the document metadata drift/index need."""
    from stemmen import service
    from stemmen.manifest import load_manifest
    from stemmen.values import ValueScorer

    manifest = load_manifest(settings.manifest_path)
    t0 = time.perf_counter()
    reader_embedder = service.values_embedder_for(settings)  # what the service scores values with
    scorer = ValueScorer(reader_embedder, threshold=settings.analysis.relevance_threshold).fit(manifest)
    segs = frames["segments"]
    vectors = reader_embedder.encode(segs["text"].tolist(), kind="query")
    res = scorer.score(segs["text"].tolist(), vectors, segs["polarity"].fillna(0.0).tolist())
    timings["value_scoring"] = round(time.perf_counter() - t0, 2)
    rows = [(sid, v, r.relevance[v], r.alignment[v], r.top_value == v)
            for sid, r in zip(segs["segment_id"], res) for v in scorer.value_ids_]
    scores = pd.DataFrame(rows, columns=["segment_id", "value_id", "relevance", "alignment", "is_top"])
    meta = segs[["segment_id", "doc_id", "text"]].merge(
        frames["documents"][["doc_id", "kind", "group_name", "department", "date", "case_id", "source_name"]],
        on="doc_id")
    scores = scores.merge(meta, on="segment_id").rename(columns={"group_name": "group"})
    return scores, scorer.describe()


def demo_report_data(workspace: Path, timings: dict | None = None):
    """The full demo chain up to a ``ReportData``; returns (data, timings)."""
    from stemmen.manifest import load_manifest
    from stemmen.report import build_report_data_from_frames
    from stemmen.service.values import relapse_detector, relapse_rows
    from stemmen.values.index import alignment_index, group_gap

    timings = {} if timings is None else timings
    settings = prepare_store(workspace, timings)
    frames = read_frames(settings)
    scores, scorer_info = score_values(settings, frames, timings)
    manifest = load_manifest(settings.manifest_path)
    names = {v.id: v.naam for v in manifest.waarden}
    thr = settings.analysis.relevance_threshold
    t0 = time.perf_counter()
    index = alignment_index(scores, threshold=thr, period="month", by=("value_id", "group"), department=True,
                            seed=settings.analysis.seed)
    gap = group_gap(scores, a="burger", b=("medewerker", "leidinggevende"), threshold=thr, unit="document",
                    seed=settings.analysis.seed, value_names=names)
    # the service's own detector and rows (period, baseline and weighting from the settings)
    detector = relapse_detector(settings, manifest)
    detector.fit(relapse_rows(scores, detector))
    timings["index_gap_drift"] = round(time.perf_counter() - t0, 2)
    lineage = {
        "embedding_model": frames["embed_model"],
        "sentiment_model": ", ".join(sorted(frames["segments"]["model_key"].dropna().unique())),
        "value_scorer": scorer_info,
        "drift": {"k": detector.k, "h": detector.h, "confirm": detector.confirm,
                  "baseline_periods": detector.baseline_periods, "monitor_from": detector.monitor_from_},
        "relevance_threshold": thr,
        "period": "month",
        "seed": settings.analysis.seed,
        "runs": frames["runs"].assign(finished_at=frames["runs"]["finished_at"].astype(str)).to_dict("records"),
    }
    t0 = time.perf_counter()
    data = build_report_data_from_frames(
        documents=frames["documents"], segments=frames["segments"], scores=scores, manifest=manifest,
        alignment=index, gap=gap, alerts=detector.alerts_, drift_paths=detector.paths_,
        drift_baselines=detector.baselines_, lineage=lineage, municipality=manifest.gemeente,
        threshold=thr)
    timings["build_report_data"] = round(time.perf_counter() - t0, 2)
    return data, timings


def main() -> None:
    from stemmen.report import write_reports

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="folder for the reports (default: in the workspace)")
    ap.add_argument("--pdf", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        timings: dict = {}
        data, timings = demo_report_data(Path(tmp) / "lindewaard", timings)
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
