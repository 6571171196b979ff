"""The input of the reports: plain frames in one dataclass, and the scope a report covers.

The service layer reads the store and calls :func:`build_report_data_from_frames`;
report modules only read a :class:`ReportData`. Every part except ``documents`` may
be missing: each section then says in Dutch what is not (yet) computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from stemmen.errors import Errors, InputError

DOC_COLUMNS = ("doc_id", "kind", "group_name", "department", "date", "case_id", "status", "text")
OPTIONAL_DOC_COLUMNS = ("source_name", "wave", "question", "value_ref", "article", "role")
SEGMENT_COLUMNS = ("segment_id", "doc_id", "text")
SCORE_COLUMNS = ("segment_id", "value_id", "relevance", "alignment")
# kept when given, for the researchers' export (stemmen.report.export_spec); the reports do not read them
SEGMENT_EXTRA_COLUMNS = ("idx", "model_key")
SCORE_EXTRA_COLUMNS = ("is_top",)
THEME_COLUMNS = ("theme_id", "label")
ASSIGNMENT_COLUMNS = ("segment_id", "theme_id")


@dataclass(frozen=True)
class ValueInfo:
    """A value as the reports name it."""
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class ThemeSet:
    """Themes from the theme stage: ``themes`` (theme_id, label, keywords, size, [examples])
    and ``assignments`` (segment_id, theme_id); ``non_answers`` counts set-aside texts per kind."""

    themes: pd.DataFrame
    assignments: pd.DataFrame
    non_answers: Mapping[str, int] = field(default_factory=dict)
    model: str = ""


@dataclass(frozen=True)
class Scope:
    """Which documents a theme report covers; None = no restriction."""

    wave: str | None = None
    source: str | None = None
    kind: str | None = None
    question: str | None = None
    department: str | None = None

    @classmethod
    def parse(cls, text: str | None) -> Scope:
        """'wave=2025-01,source=monitor-2025-01-burgers' (keys: golf/wave, bron/source, soort/kind,
        vraag/question, afdeling/department)."""
        if not text:
            return cls()
        alias = {"golf": "wave", "bron": "source", "soort": "kind", "vraag": "question", "afdeling": "department"}
        parts: dict[str, str] = {}
        for item in text.split(","):
            if not item.strip():
                continue
            key, sep, value = item.partition("=")
            key = alias.get(key.strip().lower(), key.strip().lower())
            if not sep or key not in cls.__dataclass_fields__ or not value.strip():
                raise InputError(Errors.E901.format(scope=text, item=item.strip()))
            parts[key] = value.strip()
        return cls(**parts)

    @property
    def is_all(self) -> bool:
        """True when the scope restricts nothing."""
        return all(getattr(self, f) is None for f in self.__dataclass_fields__)

    def label(self) -> str:
        """The scope in Dutch words, as the report's header shows it."""
        names = {"wave": "golf", "source": "bron", "kind": "soort", "question": "vraag", "department": "afdeling"}
        parts = [f"{names[f]} {getattr(self, f)}" for f in self.__dataclass_fields__ if getattr(self, f)]
        return "; ".join(parts) if parts else "alle bronnen"

    def slug(self) -> str:
        """The scope as part of a file name ("" for everything)."""
        import re

        if self.is_all:
            return ""
        raw = "-".join(str(getattr(self, f)) for f in self.__dataclass_fields__ if getattr(self, f))
        return re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")[:60]


@dataclass
class ReportData:
    """Everything a report shows; frames are never modified by the report modules."""

    documents: pd.DataFrame
    segments: pd.DataFrame | None = None          # segment_id, doc_id, text, [polarity, label]
    scores: pd.DataFrame | None = None            # segment_id, value_id, relevance, alignment
    values: list[ValueInfo] = field(default_factory=list)
    alignment: pd.DataFrame | None = None         # alignment_index by value_id, group, period
    alignment_department: pd.DataFrame | None = None  # alignment_index by value_id, department, period
    gap: pd.DataFrame | None = None               # group_gap (burgers vs medewerkers)
    gap_kinds: tuple[str, ...] = ()               # the source kinds the gap compares (empty: all)
    alerts: list[Any] = field(default_factory=list)   # DriftAlert
    # index and gap figures the reports show beyond ``alignment``/``gap``, computed by the service
    # (``stemmen.service.report_views``): ("trend", "group"|"department"), ("alert", alert_key),
    # ("matrix", scope, "alle"|"brainstorm"), ("gap", scope) -> frame; a report leaves out what is missing
    views: dict = field(default_factory=dict)
    drift_paths: pd.DataFrame | None = None
    drift_baselines: pd.DataFrame | None = None
    themes: ThemeSet | None = None
    lineage: dict = field(default_factory=dict)
    municipality: str = ""
    manifest_name: str = ""
    manifest_version: str = ""
    manifest_date: str = ""
    n_labels: int = 0                             # consultant labels the scores rest on (stemmen review)
    n_examples: int = 0                           # voorbeelden of the manifest, labels included
    threshold: float = 0.5
    period: str = "month"                         # period of the alignment frames and the drift detector
    trend_period: str = "quarter"                 # period of the trend charts (less noise for small groups)
    baseline_periods: int = 6
    equal_value_id: str | None = None             # the value behind Bureau Verbindingen's yardstick
    previous: dict | None = None                  # snapshot of the previous monitoring report
    scope: Scope = field(default_factory=Scope)
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    # figures several outputs share (case metrics: both reports and the export), computed once;
    # not an init field, so ``replace``/``filtered`` start a fresh one
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- helpers used by every section --

    def value_name(self, value_id: str) -> str:
        """The value's name in the manifest, or its id capitalised."""
        for v in self.values:
            if v.id == value_id:
                return v.name
        return str(value_id).capitalize()

    @property
    def value_ids(self) -> list[str]:
        """The values in manifest order (without a manifest: those the scores name, sorted)."""
        if self.values:
            return [v.id for v in self.values]
        if self.scores is not None and len(self.scores):
            return sorted(self.scores["value_id"].unique())
        return []

    def segment_frame(self) -> pd.DataFrame:
        """Segments joined with their document's metadata (empty frame when there are none)."""
        if self.segments is None or self.segments.empty:
            return pd.DataFrame(columns=[*SEGMENT_COLUMNS, "polarity", "label", *DOC_COLUMNS[1:]])
        meta = self.documents.drop(columns=["text"], errors="ignore")
        return self.segments.merge(meta, on="doc_id", how="inner")

    def scored_frame(self) -> pd.DataFrame:
        """Value scores with segment text and document metadata ("group" as values.index expects)."""
        if self.scores is None or self.scores.empty:
            return pd.DataFrame(columns=[*SCORE_COLUMNS, "doc_id", "group", "kind", "department", "date", "text"])
        seg = self.segment_frame()
        cols = [c for c in seg.columns if c not in self.scores.columns or c == "segment_id"]
        out = self.scores.merge(seg[cols], on="segment_id", how="inner")
        return out.rename(columns={"group_name": "group"})

    def replaced(self, **changes) -> ReportData:
        """``replace`` for changes that leave the data as is (scope label, snapshot): shared figures stay."""
        new = replace(self, **changes)
        new.memo = self.memo
        return new

    def filtered(self, scope: Scope) -> ReportData:
        """The same data restricted to one scope (documents, segments, scores, theme assignments).

        Precomputed monitoring frames (alignment, alerts) stay whole: monitoring is about the
        organisation over time; the theme report recomputes what it shows from the scores."""
        if scope.is_all:
            return self.replaced(scope=scope)
        docs = self.documents
        cols = {"wave": "wave", "source": "source_name", "kind": "kind", "question": "question",
                "department": "department"}
        for f, col in cols.items():
            want = getattr(scope, f)
            if want is None:
                continue
            if col not in docs.columns:
                docs = docs.iloc[0:0]
                continue
            docs = docs[docs[col].astype(str).str.casefold() == want.casefold()]
        ids = set(docs["doc_id"])
        segs = None if self.segments is None else self.segments[self.segments["doc_id"].isin(ids)]
        seg_ids = set() if segs is None else set(segs["segment_id"])
        scores = None if self.scores is None else self.scores[self.scores["segment_id"].isin(seg_ids)]
        themes = self.themes
        if themes is not None:
            themes = replace(themes, assignments=themes.assignments[themes.assignments["segment_id"].isin(seg_ids)])
        return replace(self, documents=docs, segments=segs, scores=scores, themes=themes, scope=scope, gap=None)


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(Errors.E902.format(what=what, missing=", ".join(missing), expected=", ".join(columns)))


def _documents(frame: pd.DataFrame) -> pd.DataFrame:
    _require(frame, DOC_COLUMNS, "documenten")
    docs = frame.copy()
    for c in OPTIONAL_DOC_COLUMNS:
        if c not in docs.columns:
            docs[c] = None
    docs["date"] = pd.to_datetime(docs["date"], errors="coerce")
    return docs.reset_index(drop=True)


def _values_from(manifest: Any, values: Sequence[Any] | None, scores: pd.DataFrame | None) -> list[ValueInfo]:
    if manifest is not None:
        return [ValueInfo(v.id, v.naam, v.beschrijving) for v in manifest.waarden]
    if values:
        return [v if isinstance(v, ValueInfo) else ValueInfo(str(v), str(v).capitalize()) for v in values]
    if scores is not None and len(scores):
        return [ValueInfo(v, v.capitalize()) for v in sorted(scores["value_id"].unique())]
    return []


def _equal_value(values: Sequence[ValueInfo]) -> str | None:
    """The value behind 'treated as an equal party' (gelijkwaardig), found by id or name."""
    for v in values:
        if "gelijkwaard" in v.id.lower() or "gelijkwaard" in v.name.lower():
            return v.id
    return None


def build_report_data_from_frames(
    documents: pd.DataFrame,
    segments: pd.DataFrame | None = None,
    scores: pd.DataFrame | None = None,
    *,
    manifest: Any = None,
    values: Sequence[Any] | None = None,
    alignment: pd.DataFrame | None = None,
    alignment_department: pd.DataFrame | None = None,
    gap: pd.DataFrame | None = None,
    gap_kinds: Sequence[str] = (),
    alerts: Sequence[Any] | None = None,
    drift_paths: pd.DataFrame | None = None,
    drift_baselines: pd.DataFrame | None = None,
    themes: ThemeSet | None = None,
    lineage: Mapping[str, Any] | None = None,
    municipality: str = "",
    threshold: float = 0.5,
    period: str = "month",
    trend_period: str = "quarter",
    baseline_periods: int = 6,
    equal_value_id: str | None = None,
    previous: dict | None = None,
    generated_at: dt.datetime | None = None,
) -> ReportData:
    """Validate and assemble the report input.

    ``documents`` needs DOC_COLUMNS; ``segments`` (segment_id, doc_id, text, optional polarity
    and label; idx and model_key are kept), ``scores`` (segment_id, value_id, relevance, alignment;
    is_top is kept, other columns are ignored),
    ``alignment`` (``alignment_index(..., by=("value_id", "group"))``), ``gap`` (``group_gap``)
    and ``alerts`` (``DriftDetector.alerts_``) are optional. Nothing is computed here: the
    service fills in the alignment views the reports show (``stemmen.service.report_views``).
    ``documents`` may use "group" instead of "group_name".
    """
    if "group_name" not in documents.columns and "group" in documents.columns:
        documents = documents.rename(columns={"group": "group_name"})
    docs = _documents(documents)
    segs = None
    if segments is not None:
        _require(segments, SEGMENT_COLUMNS, "segmenten")
        segs = segments.copy()
        for c in ("polarity", "label"):
            if c not in segs.columns:
                segs[c] = None
        segs = segs[["segment_id", "doc_id", "text", "polarity", "label",
                     *(c for c in SEGMENT_EXTRA_COLUMNS if c in segs.columns)]]
    sc = None
    if scores is not None:
        _require(scores, SCORE_COLUMNS, "waardescores")
        sc = scores[[*SCORE_COLUMNS, *(c for c in SCORE_EXTRA_COLUMNS if c in scores.columns)]].copy()
    if themes is not None:
        _require(themes.themes, THEME_COLUMNS, "thema's")
        _require(themes.assignments, ASSIGNMENT_COLUMNS, "thematoewijzing")
    vals = _values_from(manifest, values, sc)
    data = ReportData(
        documents=docs, segments=segs, scores=sc, values=vals, alignment=alignment,
        alignment_department=alignment_department, gap=gap, gap_kinds=tuple(gap_kinds), alerts=list(alerts or []),
        drift_paths=drift_paths, drift_baselines=drift_baselines, themes=themes,
        lineage=dict(lineage or {}), municipality=municipality or getattr(manifest, "gemeente", "") or "",
        manifest_name=getattr(manifest, "naam", "") or "", manifest_version=getattr(manifest, "versie", "") or "",
        manifest_date=getattr(manifest, "datum", "") or "", n_labels=int(getattr(manifest, "n_labels", 0) or 0),
        n_examples=sum(len(v.voorbeelden) for v in getattr(manifest, "waarden", ()) or ()), threshold=threshold, period=period,
        trend_period=trend_period,
        baseline_periods=baseline_periods, equal_value_id=equal_value_id or _equal_value(vals), previous=previous,
    )
    if generated_at is not None:
        data.generated_at = generated_at
    for name in ("alignment", "alignment_department"):
        frame = getattr(data, name)
        if frame is not None and "group_name" in frame.columns:  # the store's column name
            setattr(data, name, frame.rename(columns={"group_name": "group"}))
    return data
