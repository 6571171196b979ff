"""The store's read model: one named method per question the service layer asks.

Mixed into :class:`stemmen.store.Store`, so callers write ``store.report_documents()``
and never SQL. Every query is parameterised; table names only ever come from the fixed
lists here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from stemmen.errors import Errors, StemmenError

_MONITORING_TABLES = ("alignment_index", "group_gaps", "alerts")


class Reads:
    """Named read queries (the store's connection is ``self._con``)."""

    _con: Any
    path: str

    def _frame(self, sql: str, params: list | None = None):
        return self._con.execute(sql, params or []).df()

    # -- reports and exports ------------------------------------------------
    def report_documents(self):
        """Current documents with what the reports and exports show of them (provenance too), by date."""
        return self._frame(
            "SELECT doc_id, kind, source_name, group_name, department, date, wave, question, value_ref, article,"
            " case_id, status, role, respondent_key, text, doc_key, version, file_name, row_number, batch_id"
            " FROM documents WHERE is_current ORDER BY date, doc_id")

    def report_segments(self):
        """Segments of current documents with their sentiment (if scored)."""
        return self._frame(
            "SELECT s.segment_id, s.doc_id, s.idx, s.text, st.polarity, st.label, st.model_key"
            " FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
            " LEFT JOIN sentiment st ON st.segment_id = s.segment_id WHERE d.is_current ORDER BY s.doc_id, s.idx")

    def runs_frame(self):
        """The run records (lineage of every run)."""
        return self._frame("SELECT run_id, command, status, finished_at, code_version FROM runs")

    def rejected(self, limit: int) -> list[tuple[str, int, str]]:
        """(file, row, reason) of refused rows, oldest first."""
        return self._con.execute(
            "SELECT file_name, row_number, reason FROM rejected_rows ORDER BY created_at, file_name, row_number"
            " LIMIT ?", [limit]).fetchall()

    # -- segments -----------------------------------------------------------
    def segment_texts(self) -> dict[str, str]:
        """segment id -> text, for the segments of current documents."""
        return dict(self._con.execute("SELECT s.segment_id, s.text FROM segments s JOIN documents d"
                                      " ON d.doc_id = s.doc_id WHERE d.is_current").fetchall())

    def segment_questions(self) -> dict[str, str]:
        """segment id -> the survey question it answers (segments of other sources are left out)."""
        return dict(self._con.execute(
            "SELECT s.segment_id, d.question FROM segments s JOIN documents d ON d.doc_id = s.doc_id"
            " WHERE d.is_current AND d.question IS NOT NULL AND d.question <> ''").fetchall())

    def draft_documents(self, before: dt.date) -> list[tuple[str, str, str]]:
        """(text, group, kind) of current survey answers and brainstorm turns dated before ``before``."""
        return self._con.execute(
            "SELECT text, group_name, kind FROM documents WHERE is_current AND kind IN ('enquete', 'brainstorm')"
            " AND date < ? ORDER BY date, doc_id", [before]).fetchall()

    # -- themes -------------------------------------------------------------
    def theme_run(self, scope: str) -> tuple | None:
        """(lineage, status, n_non_answers, n_outliers, n_segments) of the scope's theme run, or None."""
        rows = self._con.execute("SELECT lineage, status, n_non_answers, n_outliers, n_segments FROM theme_runs"
                                 " WHERE scope = ?", [scope]).fetchall()
        return rows[0] if rows else None

    def theme_count(self, scope: str) -> int:
        """Themes stored for ``scope``."""
        return self._con.execute("SELECT count(*) FROM themes WHERE scope = ?", [scope]).fetchone()[0]

    def assigned_segment_ids(self, scope: str) -> set[str]:
        """The segments with a theme assignment in ``scope``."""
        return {sid for (sid,) in self._con.execute(
            "SELECT segment_id FROM theme_assignments WHERE scope = ?", [scope]).fetchall()}

    def theme_frames(self, scope: str) -> tuple | None:
        """(non_answers JSON, embedding model, themes frame, assignments frame) of the scope, or None."""
        run = self._con.execute(
            "SELECT non_answers, embedding_model FROM theme_runs WHERE scope = ?", [scope]).fetchone()
        if run is None:
            return None
        themes = self._frame(
            "SELECT theme_id, label, keywords, size, examples, status FROM themes WHERE scope = ? ORDER BY theme_id",
            [scope])
        assignments = self._frame(
            "SELECT segment_id, theme_id, similarity, non_answer FROM theme_assignments WHERE scope = ?", [scope])
        return run[0], run[1], themes, assignments

    # -- monitoring ---------------------------------------------------------
    def stored_alerts(self, fingerprint: str, scorer_key: str):
        """The stored alerts of one manifest and scorer, without their evidence."""
        return self._frame("SELECT * EXCLUDE (evidence) FROM alerts WHERE manifest_fingerprint = ? AND scorer_key = ?",
                           [fingerprint, scorer_key])

    def alert_ids(self, fingerprint: str, scorer_key: str) -> set[str]:
        """Ids of the stored alerts of one manifest and scorer (to tell new alerts)."""
        return {a for (a,) in self._con.execute(
            "SELECT alert_id FROM alerts WHERE manifest_fingerprint = ? AND scorer_key = ?",
            [fingerprint, scorer_key]).fetchall()}

    def result_count(self, table: str, fingerprint: str, scorer_key: str) -> int:
        """Rows of a monitoring table (alignment_index, group_gaps, alerts) for one manifest and scorer."""
        if table not in _MONITORING_TABLES:
            raise StemmenError(Errors.E500.format(path=self.path, problem=f"tabel '{table}' is geen monitoringtabel"))
        return self._con.execute(  # the table name comes from the fixed list above
            f"SELECT count(*) FROM {table} WHERE manifest_fingerprint = ? AND scorer_key = ?",
            [fingerprint, scorer_key]).fetchone()[0]
