"""Read a transcript file (.txt, .vtt, .srt, .docx) into speaker turns.

The parsing of speaker labels and cues is in ``transcripts``; the file handling (encoding,
control characters, clear errors) is the readers' own (``readers``). Pure: no store, no
pseudonymisation, no Prefect.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from stemmen.errors import Errors
from stemmen.ingest.dates import find_date, parse_date
from stemmen.ingest.readers import (
    TRANSCRIPT_EXTENSIONS, _binary_hint, _check_file, _controls_note, _fail, read_table, read_text, strip_controls,
)
from stemmen.ingest.rows import RowProblem, TranscriptResult
from stemmen.ingest.transcripts import normalise_name, parse_cues, parse_turn_lines

__all__ = ["read_transcript"]


def read_transcript(path: str | Path, *, speakers: Mapping[str, str] | None = None) -> TranscriptResult:
    """Read a transcript (.txt, .vtt, .srt, .docx) into speaker turns.

    Roles come from ``Naam (rol):`` labels, else from ``speakers`` (name -> role),
    else from a sidecar ``<stem>.deelnemers.csv`` (columns naam, rol) next to the
    file. ``session_date`` comes from a ``YYYY-MM-DD`` in the file name, else from
    a date in the header lines.
    """
    path = Path(path)
    _check_file(path, TRANSCRIPT_EXTENSIONS)
    ext = path.suffix.lower()
    roles = {**_read_participants(path), **(speakers or {})}
    problems: list[RowProblem] = []
    encoding: str | None = None
    n_controls = 0
    if ext == ".docx":
        turns, header = parse_turn_lines(_docx_lines(path), roles)
    else:
        text, encoding = read_text(path)
        text, n_controls = strip_controls(text)
        if not text.strip():
            raise _fail(path, Errors.E204)
        # only CR/LF end a line (str.splitlines would also split on U+2028, \x0c, ...)
        lines = list(enumerate(re.split(r"\r\n|\r|\n", text), start=1))
        if ext in (".vtt", ".srt"):
            turns, header, problems = parse_cues(lines, roles)
            if not turns and not problems:
                raise _fail(path, Errors.E220)
        else:
            turns, header = parse_turn_lines(lines, roles)
    if not turns and not problems:
        raise _fail(path, Errors.E216)
    return TranscriptResult(turns, header, _session_date(path, header), problems, encoding,
                            warnings=_controls_note(n_controls))


def _read_participants(path: Path) -> dict[str, str]:
    sidecar = path.with_name(f"{path.stem}.deelnemers.csv")
    if not sidecar.is_file():
        return {}
    table = read_table(sidecar, expected_columns=["naam", "rol"])
    if table.problems:
        p = table.problems[0]
        raise _fail(path, Errors.E221.format(sidecar=sidecar.name, row=p.row, problem=p.reason))
    by_key = {c.strip().casefold(): c for c in table.columns}
    name_col, role_col = by_key.get("naam"), by_key.get("rol")
    if name_col is None or role_col is None:
        raise _fail(sidecar, Errors.E211.format(expected="naam, rol", found=", ".join(table.columns), hint=""))
    return {normalise_name(str(r.fields[name_col])): str(r.fields[role_col]).strip()
            for r in table.rows if str(r.fields[name_col] or "").strip() and str(r.fields[role_col] or "").strip()}


def _docx_lines(path: Path) -> list[tuple[int, str]]:
    """(paragraph number, text) in body order; a table row counts as one paragraph."""
    import docx  # lazy: python-docx is only needed for Word files
    from docx.table import Table

    if not zipfile.is_zipfile(path):
        raise _fail(path, Errors.E219.format(hint=_binary_hint(path.read_bytes()[:8]) or ""))
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises PackageNotFoundError/KeyError/ValueError
        raise _fail(path, Errors.E219.format(hint=f" ({type(exc).__name__})")) from None
    lines: list[tuple[int, str]] = []
    number = 0
    for block in document.iter_inner_content():
        rows = block.rows if isinstance(block, Table) else [block]
        for item in rows:
            number += 1
            if isinstance(block, Table):
                cells = _unique_cells(item.cells)
                # two cells (speaker | text) read as "speaker: text"
                text = ": ".join(cells) if len(cells) == 2 else " ".join(cells)
            else:
                text = item.text
            lines.extend((number, part) for part in text.splitlines())
    return lines


def _unique_cells(cells) -> list[str]:
    out, seen = [], set()
    for cell in cells:  # merged cells repeat the same element
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell.text.strip())
    return out


def _session_date(path: Path, header: list[str]) -> dt.date | None:
    for m in re.finditer(r"\d{4}-\d{2}-\d{2}", path.stem):
        try:
            return parse_date(m[0])
        except ValueError:
            continue
    for line in header:
        found = find_date(line)
        if found is not None:
            return found
    return None
