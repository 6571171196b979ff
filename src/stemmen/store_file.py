"""The store file on its bad days: damaged, foreign, busy; copies before migrations and on demand.

DuckDB's own messages are English and name no remedy; these say, in Dutch, which
file, what is wrong and what to do. Used by :mod:`stemmen.store` only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from stemmen.errors import Errors

BACKUP_DIR = "reservekopieen"
_LOCK = re.compile(r"Could not set lock on file|Conflicting lock is held", re.I)
_PID = re.compile(r"\(PID (\d+)\)")


def is_lock_error(exc: Exception) -> bool:
    """True when DuckDB refused the file because another process holds its lock."""
    return bool(_LOCK.search(str(exc)))


def process_of(pid: int) -> str:
    """The command line of a running process, shortened ('stemmen run -c ...'), or '' when unknown."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    parts = [os.path.basename(p) if i == 0 else p for i, p in enumerate(raw.decode(errors="replace").split("\0")) if p]
    text = " ".join(parts)
    return text if len(text) <= 120 else text[:119] + "…"


def busy_message(path: str, exc: Exception, waited: float) -> str:
    """The Dutch message for a store another process holds: which process, and how long we waited."""
    m = _PID.search(str(exc))
    pid = int(m[1]) if m else None
    who = f"proces {pid}" if pid else "een ander proces"
    command = process_of(pid) if pid else ""
    if command:
        who += f" ({command})"
    wait = f" (na {waited:.0f} s wachten)" if waited > 0 else ""
    return Errors.E501.format(path=path, who=who, wait=wait)


def open_failure(path: str, exc: Exception, existed: bool) -> str:
    """A Dutch message for a store that DuckDB cannot open."""
    text = str(exc)
    if "not a valid DuckDB database file" in text or "extension" in text.lower():
        return Errors.E502.format(path=path, problem="het is geen DuckDB-database (een ander soort bestand)")
    if "Could not read enough bytes" in text or "Corrupt" in text or "checksum" in text.lower() or existed:
        return Errors.E502.format(path=path, problem="het bestand is beschadigd of afgebroken")
    return Errors.E500.format(path=path, problem=text.splitlines()[0] if text else type(exc).__name__)


def damaged_message(exc: Exception) -> str | None:
    """A Dutch message for a DuckDB error met after opening (a damaged block), naming the file; else None."""
    m = re.search(r'file "([^"]+)"', str(exc))
    if m is None or "Could not read enough bytes" not in str(exc) and "Corrupt" not in str(exc):
        return None
    return open_failure(m[1], exc, True)


def backup_path(path: Path, label: str) -> Path:
    """Where a backup of the store goes: the backups folder beside it, with a label and a time stamp."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.parent / BACKUP_DIR / f"{path.stem}-{label}-{stamp}{path.suffix}"


def copy_store(con, path: Path, dest: Path) -> Path:
    """A consistent copy of the store file while ``con`` holds it (nobody else can write meanwhile)."""
    con.execute("CHECKPOINT")  # everything in the main file, nothing left in the write-ahead log
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".deel")
    shutil.copyfile(path, tmp)
    os.replace(tmp, dest)  # a copy interrupted half-way never looks like a backup
    return dest
