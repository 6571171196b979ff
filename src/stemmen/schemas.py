"""Plain data passed between the stages and the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class DocumentDraft:
    """One unit of input after mapping and (once pseudonymised) ready to store.

    ``key`` identifies the same unit across imports (e.g. respondent + question);
    ``content_hash`` tells whether it changed. ``text`` holds raw text until the
    importer replaces it with the pseudonymised text; raw text is never stored.
    """

    key: str
    content_hash: str
    kind: str
    source_name: str
    file_name: str
    row: int
    text: str
    group: str
    date: dt.date
    department: str | None = None
    wave: str | None = None
    question: str | None = None
    value_ref: str | None = None
    article: str | None = None
    case_id: str | None = None
    status: str | None = None
    role: str | None = None
    respondent_key: str | None = None
    pseudonymised: bool = False


@dataclass
class RejectedRow:
    """A row that was refused, with its file, row number, the reason and its (pseudonymised) content."""
    file_name: str
    row: int | None
    reason: str
    content: str  # pseudonymised before storage


@dataclass
class SourceBatch:
    """Everything one file yields; lands in the store whole or not at all."""

    source_name: str
    kind: str
    file_name: str
    file_path: str
    sha256: str
    mapping_hash: str
    n_read: int
    documents: list[DocumentDraft] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    n_empty: int = 0  # blank answers: no document, not an error
    n_duplicate_in_file: int = 0
    skipped: bool = False  # the same file with the same mapping was imported before
    warnings: list[str] = field(default_factory=list)  # Dutch notes for the summary (0 rijen, removed characters)


@dataclass
class BatchSummary:
    """What importing one file did: rows read, stored, new versions, duplicates, rejected and empty."""
    file_name: str
    source_name: str
    kind: str
    read: int = 0
    stored: int = 0
    new_versions: int = 0
    duplicate: int = 0
    rejected: int = 0
    empty: int = 0
    already_imported: bool = False
    batch_id: str | None = None
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The summary as one Dutch line for the console."""
        if self.already_imported:
            return f"{self.file_name}: al eerder geïmporteerd, niets toegevoegd ({self.read} rijen gelezen)"
        notes = "".join(f"; let op: {w}" for w in self.warnings)
        return (
            f"{self.file_name}: gelezen {self.read}, opgeslagen {self.stored}"
            f" (waarvan {self.new_versions} nieuwe versie), dubbel {self.duplicate},"
            f" afgewezen {self.rejected}, leeg {self.empty}{notes}"
        )
