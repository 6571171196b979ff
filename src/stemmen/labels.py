"""Consultant labels: segments whose value and direction a consultant confirmed or corrected.

They live in a table next to the manifest (``labels.csv``, named under [manifest] as
``labels``), written by ``stemmen review``: one row per segment with ``segment_id``,
``tekst`` (pseudonymised, as stored), ``waarde`` (a value id or ``geen``), ``richting``
(``+`` lived, ``-`` violated, empty for ``geen``) and ``gelabeld_op``. The manifest reads
them as ``voorbeelden`` (and the value-free ones apart), so they count in its fingerprint.
The file is rewritten whole and atomically on every change: a crash loses nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stemmen.errors import Errors, ManifestError

LABEL_FILE = "labels.csv"
NO_VALUE = "geen"
COLUMNS = ("segment_id", "tekst", "waarde", "richting", "gelabeld_op")


@dataclass(frozen=True)
class Label:
    """One consultant label; ``value_id`` None means about no value."""

    segment_id: str
    text: str
    value_id: str | None
    stance: str | None  # "+" or "-"; None when value_id is None
    labelled_at: str = ""  # ISO timestamp


def now() -> str:
    """The local time to the second, ISO formatted: when a label was given."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def read_labels(path: str | Path, value_ids: Iterable[str]) -> list[Label]:
    """The labels in ``path`` (in the order given); a bad row names file, row and problem."""
    path = Path(path)
    known = set(value_ids)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(Errors.E104.format(path=path, row=1, problem=f"niet te lezen: {exc}")) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("segment_id", "tekst", "waarde", "richting") if c not in (reader.fieldnames or [])]
    if missing:
        raise ManifestError(Errors.E104.format(path=path, row=1, problem=f"kolom(men) {', '.join(missing)} ontbreken"))
    out = []
    for row, rec in enumerate(reader, start=2):
        sid, tekst, waarde, richting = ((rec.get(k) or "").strip() for k in ("segment_id", "tekst", "waarde", "richting"))
        if not (sid or tekst or waarde or richting):
            continue
        problem = label_problem(tekst, waarde, richting, known)
        if problem:
            raise ManifestError(Errors.E104.format(path=path, row=row, problem=problem))
        value = None if waarde == NO_VALUE else waarde
        out.append(Label(sid, tekst, value, richting or None, (rec.get("gelabeld_op") or "").strip()))
    return out


def label_problem(text: str, value: str, stance: str, known: set[str]) -> str | None:
    """What is wrong with one label (Dutch, for the user), or None."""
    if not text:
        return "de kolom tekst is leeg"
    if value == NO_VALUE:
        return f"waarde '{NO_VALUE}' heeft geen richting (gevonden: '{stance}')" if stance else None
    if value not in known:
        return f"onbekende waarde '{value}'; verwacht {', '.join(sorted(known))} of {NO_VALUE}"
    if stance not in ("+", "-"):
        return f"richting '{stance}' moet + (waarde geleefd) of - (waarde geschonden) zijn"
    return None


def write_labels(path: str | Path, labels: Sequence[Label]) -> None:
    """Write all labels at once: a temporary file next to ``path``, flushed to disk, then renamed."""
    path = Path(path)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for lb in labels:
        w.writerow([lb.segment_id, lb.text, lb.value_id or NO_VALUE, lb.stance or "", lb.labelled_at])
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".labels-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def merge(labels: Sequence[Label], new: Sequence[Label]) -> list[Label]:
    """``labels`` with ``new`` appended; a segment labelled again keeps only its newest label."""
    replaced = {lb.segment_id for lb in new if lb.segment_id}
    return [lb for lb in labels if not lb.segment_id or lb.segment_id not in replaced] + list(new)
