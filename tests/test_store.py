import datetime as dt

import pytest

from stemmen.schemas import DocumentDraft, RejectedRow, SourceBatch
from stemmen.store import MIGRATIONS, Store


def draft(key, text, h=None, **kw):
    return DocumentDraft(key=key, content_hash=h or f"h-{text}", kind="enquete", source_name="s", file_name="f.csv",
                         row=2, text=text, group="burger", date=dt.date(2025, 3, 1), pseudonymised=True, **kw)


def batch(docs, rejected=(), sha="abc"):
    return SourceBatch(source_name="s", kind="enquete", file_name="f.csv", file_path="/x/f.csv", sha256=sha,
                       mapping_hash="m", n_read=len(docs) + len(rejected), documents=list(docs),
                       rejected=list(rejected))


def test_migrations_recorded_in_order(store):
    assert [name for _, name in store.migrations()] == [name for name, _ in MIGRATIONS]
    assert store.migrate() == []  # idempotent


def test_migrations_apply_once_on_file(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path) as s:
        assert s.migrate() == []
        assert {"documents", "rejected_rows", "import_batches", "runs"} <= set(s.tables())


def test_same_batch_twice_adds_nothing(store):
    docs = [draft("s|1|q", "De gemeente luistert goed."), draft("s|2|q", "Ik werd niet teruggebeld.")]
    first = store.write_batch(batch(docs))
    second = store.write_batch(batch(docs))
    assert (first.stored, second.stored, second.duplicate) == (2, 0, 2)
    assert store.count("documents") == 2


def test_changed_row_is_new_version(store):
    store.write_batch(batch([draft("s|1|q", "Goed geholpen.")]))
    s = store.write_batch(batch([draft("s|1|q", "Toch niet goed geholpen.")]))
    assert (s.stored, s.new_versions) == (1, 1)
    rows = store.query("SELECT version, is_current, text FROM documents ORDER BY version")
    assert rows == [(1, False, "Goed geholpen."), (2, True, "Toch niet goed geholpen.")]


def test_rejected_rows_kept_with_reason(store):
    s = store.write_batch(batch([draft("s|1|q", "Prima.")], [RejectedRow("f.csv", 7, "datum ontbreekt", "B7;;")]))
    assert s.rejected == 1
    assert store.query("SELECT file_name, row_number, reason FROM rejected_rows") == [("f.csv", 7, "datum ontbreekt")]


def test_batch_is_atomic(store):
    bad = draft("s|2|q", "Tweede.")
    bad.date = "geen datum"  # makes the insert fail halfway
    with pytest.raises(ValueError):  # the date does not parse
        store.write_batch(batch([draft("s|1|q", "Eerste."), bad]))
    assert store.count("documents") == 0
    assert store.count("import_batches") == 0


def test_refuses_raw_text(store):
    d = draft("s|1|q", "Jan Jansen belde.")
    d.pseudonymised = False
    with pytest.raises(Exception, match="niet-gepseudonimiseerd"):
        store.write_batch(batch([d]))
    assert store.count("documents") == 0


def test_run_lineage(store):
    run_id = store.start_run("ingest", "0.1.0", {"seed": 42})
    store.finish_run(run_id, "completed", {"seed": 42, "batches": []})
    assert store.query("SELECT status, code_version FROM runs") == [("completed", "0.1.0")]


def test_vector_cache_reports_missing_keys_per_model(store):
    import numpy as np

    store.put({"a": np.ones(3, dtype=np.float32)}, "model-1")
    assert store.missing(["a", "b"], "model-1") == ["b"]
    assert sorted(store.missing(["a", "b"], "model-2")) == ["a", "b"]
    assert np.allclose(store.get(["a"], "model-1")["a"], 1.0)
