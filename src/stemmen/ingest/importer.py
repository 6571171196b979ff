"""Turn one configured source file into a pseudonymised, stored-ready batch.

``prepare_batch`` is a pure stage: it reads, maps, asks ``known`` which
documents the store already has (so that unchanged text is not pseudonymised
again) and pseudonymises the rest. Raw text never leaves this function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from stemmen.errors import Errors, InputError
from stemmen.ingest import readers
from stemmen.ingest.guess import open_text_columns
from stemmen.ingest.tools import DATE_FIELD, TOOLS, apply_tool, detect_tool
from stemmen.ingest.sources import (
    QUOTED_CELL, MappingContext, Mapped, check_columns, required_columns, map_table_rows, map_transcript, speaker_name_patterns,
    strip_speaker_names,
)
from stemmen.ingest.readers import TRANSCRIPT_EXTENSIONS
from stemmen.ingest.transcript_files import read_transcript
from stemmen.schemas import RejectedRow, SourceBatch
from stemmen.settings import IngestSettings, SourceSettings

TABLE_EXTENSIONS = {".csv", ".tsv", ".xlsx", ".jsonl", ".ndjson"}
REJECTED_CONTENT_CHARS = 2_000  # a 5 MB cell is kept as its start; the file and row say where the rest is

Pseudonymise = Callable[[list[str]], list[str]]
Known = Callable[[list[str]], dict[str, str]]


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes, read in 1 MiB chunks: what tells an already imported file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def mapping_hash(source: SourceSettings) -> str:
    """Short hash of a source's settings (path left out): the same file read with another mapping is a new import."""
    data = source.model_dump(mode="json", exclude={"path"})
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def source_files(source: SourceSettings, workspace: Path) -> list[Path]:
    """The files a source names: one file, or every supported file in a folder."""
    path = source.path if source.path.is_absolute() else workspace / source.path
    if path.is_dir():
        exts = TRANSCRIPT_EXTENSIONS if source.kind == "brainstorm" else TABLE_EXTENSIONS
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in exts
                       and not p.name.endswith(".deelnemers.csv"))
        if not files:
            raise InputError(Errors.E300.format(file=path, problem="map bevat geen bestanden om in te lezen"),
                             file=str(path))
        return files
    if not path.exists():
        raise InputError(Errors.E300.format(file=path, problem="bestand bestaat niet"), file=str(path))
    return [path]


def apply_survey_tool(source: SourceSettings, table, file_name: str):
    """A survey tool's layout: its named format, or the one its columns show beyond doubt.

    Returns the source with the tool's date, id and open questions filled in where
    the configuration leaves them out, the table without personal columns and
    header rows, question texts per column, the set-aside responses and notes.
    """
    tool = TOOLS.get(source.format) if source.format else detect_tool(table.columns)
    if tool is None:
        return source, table, {}, [], []
    personal = {c.casefold(): c for c in table.columns if c.casefold() in tool.personal}
    for key in required_columns(source):
        if key.casefold() in personal:
            hint = ", ".join(repr(n) for n in tool.ids[:1]) or "een antwoordkolom"
            raise InputError(Errors.E300.format(file=file_name, problem=Errors.E227.format(
                column=key, tool=tool.label, hint=hint)), file=file_name)
    named = frozenset(required_columns(source))
    tt = apply_tool(tool, table, incomplete=source.incomplete, keep_columns=named)
    by_text = {text.casefold(): col for col, text in tt.questions.items()}
    questions = [q if q in tt.questions else by_text.get(q.casefold(), q) for q in source.questions]
    if not questions:
        questions = open_text_columns(tt.table.rows, [c for c in tt.answer_columns if c not in named])
    update = {"questions": questions}
    if not (source.date or source.date_value or source.wave or source.wave_value) and tt.date_column:
        update["date"] = tt.date_column
    if not source.id and tt.id_column:
        update["id"] = tt.id_column
    notes = [] if source.format else [Errors.E228.format(tool=tool.label, name=tool.name)]
    if not questions and tt.table.rows:
        notes.append(Errors.E229)
    tt.table.columns = tt.table.columns + [DATE_FIELD]
    return source.model_copy(update=update), tt.table, tt.questions, tt.skipped, notes


def prepare_batch(
    source: SourceSettings,
    path: Path,
    *,
    pseudonymise: Pseudonymise,
    known: Known | None = None,
    earlier_read: Callable[[str, str], int | None] | None = None,
    value_ids: set[str] | None = None,
    ingest: IngestSettings | None = None,
    today: dt.date | None = None,
) -> SourceBatch:
    """Read, validate, map and pseudonymise one file. Raises InputError if the file is unusable."""
    ingest = ingest or IngestSettings()
    path = Path(path)
    name = source.name or path.stem
    source = source.model_copy(update={"name": name})
    sha = file_sha256(path) if path.is_file() else ""
    mhash = mapping_hash(source)
    batch = SourceBatch(source_name=name, kind=source.kind, file_name=path.name, file_path=str(path),
                        sha256=sha, mapping_hash=mhash, n_read=0)
    ctx = MappingContext(
        source=source, file_name=path.name, today=today or dt.date.today(),
        earliest=dt.date.fromisoformat(ingest.earliest_date), max_chars=ingest.max_text_chars, value_ids=value_ids,
    )
    if earlier_read is not None and sha:
        n_read = earlier_read(sha, mhash)
        if n_read is not None:  # the same file with the same mapping: not even read again
            batch.n_read, batch.skipped = n_read, True
            return batch
    out = Mapped()
    names: list[str] = []
    if source.kind == "brainstorm":
        transcript = read_transcript(path, speakers=source.speakers or None)
        batch.n_read = len(transcript.turns) + len(transcript.problems)
        names = [t.speaker for t in transcript.turns if t.speaker] + list(source.speakers)
        problems = transcript.problems
        batch.warnings += transcript.warnings
        map_transcript(ctx, transcript, out)
    else:
        table = readers.read_table(path, sheet=source.sheet, allow_empty=True)
        skipped: list = []
        if source.kind == "enquete":
            source, table, ctx.question_text, skipped, notes = apply_survey_tool(source, table, path.name)
            ctx.source = source
            batch.warnings += notes
        check_columns(source, table.columns, path.name)
        batch.n_read = len(table.rows) + len(table.problems) + len(skipped)
        problems = table.problems + skipped
        batch.warnings += table.warnings
        map_table_rows(ctx, table.rows, out)
    out.rejected = [RejectedRow(path.name, p.row, p.reason, p.raw) for p in problems] + out.rejected

    # pseudonymise only what the store does not already hold unchanged
    have = known([d.key for d in out.documents]) if known else {}
    todo = [d for d in out.documents if have.get(d.key) != d.content_hash]
    patterns = speaker_name_patterns(names)
    texts = [strip_speaker_names(d.text, patterns) for d in todo]
    # rejected rows keep their content (pseudonymised); a reason's own words are never pseudonymised
    # (that garbled them), only the cell values it quotes (quote_cell)
    rejected_texts = [strip_speaker_names(r.content[:REJECTED_CONTENT_CHARS], patterns) for r in out.rejected]
    quoted = [[strip_speaker_names(v, patterns) for v in QUOTED_CELL.findall(r.reason)] for r in out.rejected]
    everything = texts + rejected_texts + [v for vs in quoted for v in vs]
    cleaned = pseudonymise(everything) if everything else []
    n, m = len(todo), len(out.rejected)
    for d, text in zip(todo, cleaned[:n]):
        d.text, d.pseudonymised = text, True
    values = iter(cleaned[n + m:])
    for r, text, _vs in zip(out.rejected, cleaned[n:n + m], quoted):
        extra = len(r.content) - REJECTED_CONTENT_CHARS
        r.content = text + (f" … [nog {extra} tekens, zie het bronbestand]" if extra > 0 else "")
        r.reason = QUOTED_CELL.sub(lambda _: next(values), r.reason)
    # unchanged documents are duplicates: the store skips them; drop their raw text now
    for d in out.documents:
        if not d.pseudonymised:
            d.text, d.pseudonymised = "", True
    batch.documents, batch.rejected = out.documents, out.rejected
    batch.n_empty, batch.n_duplicate_in_file = out.empty, out.duplicate_in_file
    return batch
