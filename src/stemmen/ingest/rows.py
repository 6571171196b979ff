"""Plain data returned by the readers (see :mod:`stemmen.ingest.readers`).

Row numbers are 1-based and point where a person finds the row in the file:
CSV/TSV the physical line where the record starts (header = 1), XLSX the
spreadsheet row, JSONL and text transcripts the line, DOCX the paragraph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawRow:
    """One data row: column name -> cell value (str for text files; XLSX keeps types)."""

    row: int
    fields: dict[str, object]
    raw: str  # the original content of the row, kept for rejected rows


@dataclass(frozen=True)
class RowProblem:
    """A row the reader could not parse; the importer turns it into a rejected row."""

    row: int
    reason: str  # Dutch, fit for a consultant
    raw: str


@dataclass
class ReadResult:
    """What a table reader found: its rows, the rows it refused, the columns and how the file was read."""
    rows: list[RawRow]
    problems: list[RowProblem]
    columns: list[str]
    encoding: str | None  # None for XLSX
    delimiter: str | None  # None for XLSX / JSONL
    sheet: str | None = None  # XLSX: the sheet that was read
    warnings: list[str] = field(default_factory=list)  # Dutch; shown with the import summary


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcript (consecutive cues of one speaker merged)."""

    row: int
    speaker: str | None  # None when the transcript does not say who speaks
    role: str | None
    text: str
    start: float | None = None  # seconds from the start of the recording (VTT/SRT)


@dataclass
class TranscriptResult:
    """What a transcript reader found: speaker turns, the text before them, the session date and problems."""
    turns: list[Turn]
    header: list[str]  # lines/paragraphs before the first turn (title, date, ...)
    session_date: dt.date | None
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
