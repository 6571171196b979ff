"""The DuckDB store: with ``store_reads`` (named read queries) and ``store_migrations`` (the schema)
the only code that talks to the database; a test fails when SQL appears anywhere else.

Schema changes are named, ordered migrations recorded in ``schema_migrations``.
All SQL is parameterised; bulk inserts go through registered data frames.
A batch is written in one transaction: it lands whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from stemmen import store_file
from stemmen.errors import Errors, StemmenError
from stemmen.schemas import BatchSummary, SourceBatch
from stemmen.store_migrations import MIGRATIONS
from stemmen.store_reads import Reads

_RESULT_TABLES = ("value_scores", "alignment_index", "group_gaps", "alerts", "theme_runs", "themes",
                  "theme_assignments")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class StoreBusyError(StemmenError):
    """Another process holds the store (a run is busy)."""


class Store(Reads):
    """A connection to one DuckDB file (or ``:memory:``) with the schema migrated."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False, wait_seconds: float = 0.0):
        """Open (or create) the store. A store another run holds is waited for up to ``wait_seconds``."""
        import duckdb

        self.path = str(path)
        file = Path(self.path) if self.path != ":memory:" else None
        existed = file is not None and file.is_file() and file.stat().st_size > 0
        if file is not None:
            file.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                # never fetch an extension: a foreign file (SQLite, ...) must not make DuckDB go online
                self._con = duckdb.connect(self.path, read_only=read_only, config={
                    "autoinstall_known_extensions": False, "autoload_known_extensions": False})
                break
            except duckdb.Error as exc:
                if store_file.is_lock_error(exc):
                    if time.monotonic() < deadline:
                        time.sleep(min(2.0, max(deadline - time.monotonic(), 0.1)))
                        continue
                    raise StoreBusyError(store_file.busy_message(self.path, exc, wait_seconds)) from None
                raise StemmenError(store_file.open_failure(self.path, exc, existed)) from None
        if existed:
            try:
                self._check_ours()
            except duckdb.Error as exc:  # the catalog opened, its blocks are missing: a file cut short
                self._con.close()
                raise StemmenError(store_file.open_failure(self.path, exc, existed)) from None
        if not read_only:
            self.migrate()

    def _check_ours(self) -> None:
        """Refuse a DuckDB file that is not a stemmen store, or one from a newer stemmen."""
        tables = self.tables()
        if "schema_migrations" not in tables:
            if tables:
                self.close()
                raise StemmenError(Errors.E503.format(path=self.path, tables=", ".join(sorted(tables)[:5])))
            return
        known = {name for name, _ in MIGRATIONS}
        unknown = [n for (n,) in self._con.execute("SELECT name FROM schema_migrations").fetchall() if n not in known]
        if unknown:
            self.close()
            raise StemmenError(Errors.E504.format(path=self.path, names=", ".join(unknown)))

    def backup(self, dest: str | Path | None = None, label: str = "kopie") -> Path:
        """A consistent copy of the store file (default: in 'reservekopieen' beside it); returns its path."""
        if self.path == ":memory:":
            raise StemmenError(Errors.E500.format(path=self.path, problem="een database in het geheugen heeft geen bestand"))
        target = Path(dest) if dest else store_file.backup_path(Path(self.path), label)
        try:
            return store_file.copy_store(self._con, Path(self.path), target)
        except OSError as exc:
            raise StemmenError(Errors.E505.format(path=self.path, dest=target, problem=exc.strerror or exc)) from None

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        """Close the connection (and with it the file lock)."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or, on an exception, not at all."""
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        else:
            self._con.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; return their names."""
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL)"
        )
        done = {r[0] for r in self._con.execute("SELECT name FROM schema_migrations").fetchall()}
        pending = [name for name, _ in MIGRATIONS if name not in done]
        if pending and done and self.path != ":memory:":
            # a schema change on a store with data: keep the store as it was, beside it
            self.backup(label=f"voor-{pending[0]}")
        applied = []
        for i, (name, statements) in enumerate(MIGRATIONS, start=1):
            if name in done:
                continue
            with self.transaction():
                for sql in statements:
                    self._con.execute(sql)
                self._con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [i, name, _now()])
            applied.append(name)
        return applied

    def migrations(self) -> list[tuple[int, str]]:
        """(id, name) of the schema migrations applied, in order."""
        return self._con.execute("SELECT id, name FROM schema_migrations ORDER BY id").fetchall()

    # -- generic read access (researchers, exports, tests) ----------------
    def query(self, sql: str, params: Iterable | None = None) -> list[tuple]:
        """Rows of an ad-hoc parameterised query (tests and notebooks; the package uses the named reads)."""
        return self._con.execute(sql, list(params or [])).fetchall()

    def count(self, table: str) -> int:
        """Rows in one table; a StemmenError for a table that does not exist."""
        if table not in self.tables():
            raise StemmenError(Errors.E500.format(path=self.path, problem=f"tabel '{table}' bestaat niet"))
        return self._con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # name checked above

    def tables(self) -> list[str]:
        """The names of the store's tables."""
        return [r[0] for r in self._con.execute("SELECT table_name FROM information_schema.tables").fetchall()]

    # -- ingest ----------------------------------------------------------
    def imported_read_count(self, sha256: str, mapping_hash: str) -> int | None:
        """Rows read when this file was imported with this mapping; None if it never was."""
        row = self._con.execute(
            "SELECT n_read FROM import_batches WHERE sha256 = ? AND mapping_hash = ? LIMIT 1", [sha256, mapping_hash]
        ).fetchone()
        return None if row is None else int(row[0])

    def known_versions(self, keys: list[str]) -> dict[str, tuple[str, int]]:
        """Current (content_hash, version) per document key among ``keys``."""
        if not keys:
            return {}
        rows = self._rows_for_keys(keys, "SELECT d.doc_key, d.content_hash, d.version FROM documents d"
                                         " JOIN _keys ON d.doc_key = _keys.k WHERE d.is_current")
        return {k: (h, v) for k, h, v in rows}

    def _rows_for_keys(self, keys: list[str], sql: str, params: list | None = None) -> list[tuple]:
        """The rows of ``sql``, which reads the temporary table ``_keys(k)`` holding ``keys`` (each once)."""
        import pandas as pd

        self._con.register("_keys", pd.DataFrame({"k": list(dict.fromkeys(keys))}))
        try:
            return self._con.execute(sql, params or []).fetchall()
        finally:
            self._con.unregister("_keys")

    def known_hashes(self, keys: list[str]) -> dict[str, str]:
        """Current content hash per document key among ``keys``."""
        return {k: h for k, (h, _) in self.known_versions(keys).items()}

    def write_batch(self, batch: SourceBatch, run_id: str | None = None) -> BatchSummary:
        """Store one file's documents and rejected rows in one transaction.

        Unchanged documents (same key, same content) are duplicates; a changed
        document becomes a new version and the old one stops being current.
        """
        import pandas as pd

        summary = BatchSummary(
            file_name=batch.file_name, source_name=batch.source_name, kind=batch.kind, read=batch.n_read,
            empty=batch.n_empty, rejected=len(batch.rejected), warnings=list(batch.warnings),
        )
        if batch.skipped:
            summary.already_imported = True
            return summary
        if any(not d.pseudonymised for d in batch.documents):
            # guard: raw text must never reach the store
            raise StemmenError(Errors.E500.format(path=self.path, problem="niet-gepseudonimiseerde tekst aangeboden"))
        batch_id = uuid.uuid4().hex[:16]
        now = _now()
        known = self.known_versions([d.key for d in batch.documents])
        new_rows, superseded = [], []
        for d in batch.documents:
            prev = known.get(d.key)
            if prev is not None and prev[0] == d.content_hash:
                summary.duplicate += 1
                continue
            version = 1 if prev is None else prev[1] + 1
            if prev is not None:
                summary.new_versions += 1
                superseded.append(d.key)
            known[d.key] = (d.content_hash, version)
            row = asdict(d)
            row.update(
                doc_id=hashlib.sha256(f"{d.key}\x00{d.content_hash}".encode()).hexdigest()[:20],
                doc_key=row.pop("key"), group_name=row.pop("group"), row_number=row.pop("row"),
                version=version, is_current=True, batch_id=batch_id, created_at=now,
            )
            new_rows.append(row)
        summary.duplicate += batch.n_duplicate_in_file
        summary.stored = len(new_rows)
        summary.batch_id = batch_id
        doc_cols = [c[0] for c in self._con.execute("DESCRIBE documents").fetchall()]
        with self.transaction():
            self._con.execute(
                "INSERT INTO import_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [batch_id, batch.source_name, batch.kind, batch.file_name, batch.sha256, batch.mapping_hash,
                 batch.n_read, summary.stored, summary.new_versions, summary.duplicate, summary.rejected,
                 batch.n_empty, run_id, now],
            )
            if superseded:
                self._con.register("_old", pd.DataFrame({"k": superseded}))
                self._con.execute("UPDATE documents SET is_current = false WHERE doc_key IN (SELECT k FROM _old)")
                self._con.unregister("_old")
            if new_rows:
                frame = pd.DataFrame(new_rows)[doc_cols]
                frame["date"] = pd.to_datetime(frame["date"]).dt.date
                self._con.register("_docs", frame)
                self._con.execute("INSERT INTO documents BY NAME SELECT * FROM _docs")
                self._con.unregister("_docs")
            if batch.rejected:
                rej = pd.DataFrame(
                    [dict(batch_id=batch_id, source_name=batch.source_name, file_name=r.file_name,
                          row_number=r.row, reason=r.reason, content=r.content, created_at=now)
                     for r in batch.rejected]
                )
                rej["row_number"] = rej["row_number"].astype("Int64")
                self._con.register("_rej", rej)
                self._con.execute("INSERT INTO rejected_rows BY NAME SELECT * FROM _rej")
                self._con.unregister("_rej")
        return summary

    # -- language layer ----------------------------------------------------
    def documents_without_segments(self) -> list[tuple[str, str]]:
        """(doc_id, text) of current documents that have not been segmented yet."""
        return self._con.execute(
            "SELECT d.doc_id, d.text FROM documents d WHERE d.is_current"
            " AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.doc_id = d.doc_id) ORDER BY d.doc_id"
        ).fetchall()

    def write_segments(self, rows: list[dict]) -> int:
        """Insert segments (dicts with the segments columns but created_at) in one transaction."""
        if not rows:
            return 0
        import pandas as pd

        with self.transaction():
            self._append("segments", pd.DataFrame(rows))
        return len(rows)

    def segments_without_sentiment(self, model_key: str) -> list[tuple[str, str]]:
        """(segment_id, text) of current segments without sentiment of ``model_key``, by segment id."""
        return self._con.execute(
            "SELECT s.segment_id, s.text FROM segments s JOIN documents d ON d.doc_id = s.doc_id WHERE d.is_current"
            " AND NOT EXISTS (SELECT 1 FROM sentiment t WHERE t.segment_id = s.segment_id AND t.model_key = ?)"
            " ORDER BY s.segment_id",
            [model_key],
        ).fetchall()

    def write_sentiment(self, rows: list[dict], model_key: str) -> int:
        """Append sentiment rows (segment_id, polarity, label) of ``model_key`` in one transaction; returns how many."""
        if not rows:
            return 0
        import pandas as pd

        with self.transaction():
            self._append("sentiment", pd.DataFrame(rows).assign(model_key=model_key))
        return len(rows)

    def current_segments(self) -> list[tuple[str, str, str]]:
        """(segment_id, text_hash, text) of the segments of current documents."""
        return self._con.execute(
            "SELECT s.segment_id, s.text_hash, s.text FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
            " WHERE d.is_current ORDER BY s.segment_id"
        ).fetchall()

    # VectorCache protocol (stemmen.nlp.embed): vectors by text key, one space per model_key
    def get(self, keys: list[str], model_key: str) -> dict:
        """Cached vectors of ``keys`` in the space of ``model_key`` (the ones the store has)."""
        import numpy as np

        if not keys:
            return {}
        rows = self._rows_for_keys(keys, "SELECT e.text_hash, e.vector FROM embeddings e JOIN _keys"
                                         " ON e.text_hash = _keys.k WHERE e.model_key = ?", [model_key])
        return {k: np.asarray(v, dtype=np.float32) for k, v in rows}

    def missing(self, keys: list[str], model_key: str) -> list[str]:
        """Keys without a vector for ``model_key`` (without loading the vectors)."""
        if not keys:
            return []
        rows = self._rows_for_keys(keys, "SELECT _keys.k FROM _keys WHERE NOT EXISTS (SELECT 1 FROM embeddings e"
                                         " WHERE e.text_hash = _keys.k AND e.model_key = ?)", [model_key])
        return [k for (k,) in rows]

    def put(self, items: dict, model_key: str) -> None:
        """Cache vectors in the space of ``model_key`` in one transaction; a key already there keeps its vector."""
        import pandas as pd

        if not items:
            return
        frame = pd.DataFrame({"text_hash": list(items), "vector": [v.astype("float32").tolist() for v in items.values()]})
        frame["model_key"] = model_key
        frame["created_at"] = _now()
        with self.transaction():
            self._con.register("_emb", frame)
            self._con.execute(
                "INSERT INTO embeddings BY NAME SELECT * FROM _emb"
                " WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.text_hash = _emb.text_hash"
                " AND e.model_key = _emb.model_key)"
            )
            self._con.unregister("_emb")

    # -- values ------------------------------------------------------------
    def segments_without_scores(self, fingerprint: str, scorer_key: str) -> list[tuple[str, str]]:
        """(segment_id, text) of current segments without value scores of this manifest and scorer."""
        return self._con.execute(
            "SELECT s.segment_id, s.text FROM segments s JOIN documents d ON d.doc_id = s.doc_id WHERE d.is_current"
            " AND NOT EXISTS (SELECT 1 FROM value_scores v WHERE v.segment_id = s.segment_id"
            " AND v.manifest_fingerprint = ? AND v.scorer_key = ?) ORDER BY s.segment_id",
            [fingerprint, scorer_key],
        ).fetchall()

    def other_score_versions(self, fingerprint: str, scorer_key: str) -> list[tuple[str, str, str]]:
        """(manifest_version, fingerprint, scorer_key) of stored scores made with another manifest or model."""
        return self._con.execute(
            "SELECT DISTINCT manifest_version, manifest_fingerprint, scorer_key FROM value_scores"
            " WHERE manifest_fingerprint <> ? OR scorer_key <> ?",
            [fingerprint, scorer_key],
        ).fetchall()

    def insert_frame(self, table: str, frame) -> int:
        """Append a data frame to one of the result tables (columns by name) in one transaction."""
        if table not in _RESULT_TABLES:
            raise StemmenError(Errors.E500.format(path=self.path, problem=f"tabel '{table}' is geen resultaattabel"))
        if len(frame) == 0:
            return 0
        with self.transaction():
            self._append(table, frame)
        return len(frame)

    def replace_results(self, table: str, frame, fingerprint: str, scorer_key: str) -> int:
        """Swap a derived table's rows for one manifest/model in one transaction (series never mix)."""
        if table not in ("alignment_index", "group_gaps", "alerts"):
            raise StemmenError(Errors.E500.format(path=self.path, problem=f"tabel '{table}' kan niet vervangen worden"))
        with self.transaction():
            # table name checked against a fixed list above
            self._con.execute(f"DELETE FROM {table} WHERE manifest_fingerprint = ? AND scorer_key = ?",
                              [fingerprint, scorer_key])
            self._append(table, frame)
        return len(frame)

    def _append(self, table: str, frame) -> None:
        """Insert a frame by column name (callers check the table name and hold the transaction)."""
        if len(frame) == 0:
            return
        frame = frame.copy()
        frame["created_at"] = _now()
        self._con.register("_frame", frame)
        try:
            self._con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")
        finally:
            self._con.unregister("_frame")

    def scored_segments(self, fingerprint: str, scorer_key: str):
        """One row per (segment, value) with the document's metadata: the input of the monitoring stage."""
        return self._con.execute(
            "SELECT v.segment_id, s.doc_id, v.value_id, v.relevance, v.alignment, v.is_top, d.kind,"
            " d.group_name AS \"group\", d.department, d.date, s.text, d.case_id, d.source_name"
            " FROM value_scores v JOIN segments s ON s.segment_id = v.segment_id"
            " JOIN documents d ON d.doc_id = s.doc_id"
            " WHERE d.is_current AND v.manifest_fingerprint = ? AND v.scorer_key = ?"
            " ORDER BY d.date, v.segment_id, v.value_id",
            [fingerprint, scorer_key],
        ).df()

    def review_segments(self, sentiment_key: str, theme_scope: str):
        """Current segments with what a reviewer sees (source, group, department, month, theme) and
        their polarity under ``sentiment_key`` (None when not computed): the input of the review page."""
        return self._con.execute(
            "SELECT s.segment_id, s.text, d.kind, d.source_name, d.group_name, d.department, d.date,"
            " p.polarity, t.label AS theme"
            " FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
            " LEFT JOIN sentiment p ON p.segment_id = s.segment_id AND p.model_key = ?"
            " LEFT JOIN (SELECT a.segment_id, th.label FROM theme_assignments a JOIN themes th"
            "   ON th.run_id = a.run_id AND th.scope = a.scope AND th.theme_id = a.theme_id"
            "   WHERE a.scope = ? AND a.theme_id >= 0) t ON t.segment_id = s.segment_id"
            " WHERE d.is_current ORDER BY s.segment_id",
            [sentiment_key, theme_scope],
        ).df()

    def vectors(self, model_key: str) -> dict:
        """Every cached vector of one model (text key -> vector)."""
        import numpy as np

        rows = self._con.execute("SELECT text_hash, vector FROM embeddings WHERE model_key = ?", [model_key]).fetchall()
        return {k: np.asarray(v, dtype=np.float32) for k, v in rows}

    # -- themes ------------------------------------------------------------
    def replace_scope(self, scope: str, frames: dict) -> None:
        """Swap the stored themes of one analysis scope for a new run, in one transaction."""
        with self.transaction():
            for table in ("theme_runs", "themes", "theme_assignments"):
                # table names from a fixed tuple
                self._con.execute(f"DELETE FROM {table} WHERE scope = ?", [scope])
                self._append(table, frames[table])

    def add_theme_assignments(self, scope: str, assignments, sizes: dict[int, int], n_non_answers: int,
                              n_outliers: int, lineage: str) -> None:
        """New segments joined to the scope's existing themes (no refit), in one transaction: their
        assignments, the themes' sizes and the run's counts and lineage."""
        with self.transaction():
            self._append("theme_assignments", assignments)
            for theme_id, size in sizes.items():
                self._con.execute("UPDATE themes SET size = size + ? WHERE scope = ? AND theme_id = ?",
                                  [size, scope, theme_id])
            self._con.execute(
                "UPDATE theme_runs SET n_segments = n_segments + ?, n_non_answers = n_non_answers + ?,"
                " n_outliers = n_outliers + ?, lineage = ? WHERE scope = ?",
                [len(assignments), n_non_answers, n_outliers, lineage, scope])

    # -- stage state: what a derived stage last ran on ----------------------
    def stage_key(self, stage: str) -> str | None:
        """The input key a stage last ran on (None before its first run): unchanged input skips the stage."""
        row = self._con.execute("SELECT input_key FROM stage_state WHERE stage = ?", [stage]).fetchone()
        return row[0] if row else None

    def set_stage_key(self, stage: str, key: str) -> None:
        """Record the input key a stage ran on."""
        self._con.execute("INSERT OR REPLACE INTO stage_state VALUES (?, ?, ?)", [stage, key, _now()])

    def input_key(self, fingerprint: str, scorer_key: str) -> str:
        """A key that changes whenever documents, segments, scores or themes change."""
        parts = self._con.execute(
            "SELECT (SELECT count(*) FROM documents WHERE is_current), (SELECT max(created_at) FROM documents),"
            " (SELECT count(*) FROM segments), (SELECT count(*) FROM sentiment),"
            " (SELECT count(*) FROM value_scores WHERE manifest_fingerprint = ? AND scorer_key = ?),"
            " (SELECT max(created_at) FROM value_scores WHERE manifest_fingerprint = ? AND scorer_key = ?),"
            " (SELECT max(created_at) FROM theme_runs)",
            [fingerprint, scorer_key, fingerprint, scorer_key],
        ).fetchone()
        return hashlib.sha256(repr((fingerprint, scorer_key, parts)).encode()).hexdigest()

    # -- runs / lineage ----------------------------------------------------
    def start_run(self, command: str, code_version: str, lineage: dict) -> str:
        """Record a new run; a run still marked running was killed and becomes 'onderbroken'. Returns the run id."""
        # a run still 'running' here was killed: one writer at a time, so it cannot be alive
        self._con.execute("UPDATE runs SET status = 'onderbroken' WHERE status = 'running'")
        run_id = uuid.uuid4().hex[:16]
        self._con.execute(
            "INSERT INTO runs VALUES (?, ?, 'running', ?, NULL, ?, ?)",
            [run_id, command, _now(), code_version, json.dumps(lineage, default=str, sort_keys=True)],
        )
        return run_id

    def finish_run(self, run_id: str, status: str = "completed", lineage: dict | None = None) -> None:
        """Record a run's end, its status and (when given) its lineage."""
        if lineage is None:
            self._con.execute("UPDATE runs SET status = ?, finished_at = ? WHERE run_id = ?", [status, _now(), run_id])
        else:
            self._con.execute(
                "UPDATE runs SET status = ?, finished_at = ?, lineage = ? WHERE run_id = ?",
                [status, _now(), json.dumps(lineage, default=str, sort_keys=True), run_id],
            )
