"""Build the demo brainstorm exports and manifest comments from the hand-written sources.

The texts themselves live in scripts/demo/bronnen/ (written by hand, one turn or
comment at a time). This script only changes their *format*: it splits turns into
WebVTT / SRT cues with made-up but deterministic timestamps, writes the Word
minutes with python-docx, the speaker mappings and the comments CSV.

The wijkcentrum session (data/demo/brainstorm/2025-02-10-wijkcentrum-de-linde.txt)
is written directly in its final form and is not touched here.

Run: .venv/bin/python scripts/demo/build_brainstorm.py
Output is byte-for-byte reproducible (fixed ids, timestamps and zip dates).
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = Path(__file__).resolve().parent / "bronnen"
BRAINSTORM = ROOT / "data" / "demo" / "brainstorm"
REACTIES = ROOT / "data" / "demo" / "manifest_reacties"

TURN_RE = re.compile(r"^(?P<name>[^()\n:]+?) \((?P<role>[a-z]+)\): (?P<text>.*)$")
SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+")
ROLES = {"burger", "medewerker", "leidinggevende", "raadslid", "bestuurder", "gespreksleider"}


@dataclass(frozen=True)
class Turn:
    name: str
    role: str
    text: str


def read_turns(path: Path) -> list[Turn]:
    """Parse `Naam (rol): tekst` paragraphs; continuation lines join the open turn."""
    turns: list[Turn] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        first, *rest = block.split("\n")
        m = TURN_RE.match(first)
        if m is None or m["role"] not in ROLES:
            raise ValueError(f"{path.name}: geen beurt: {first[:60]!r}")
        text = " ".join([m["text"], *rest]).strip()
        if turns and turns[-1].name == m["name"]:
            # The VTT/SRT readers merge consecutive cues of one speaker, so the
            # sources must never have the same speaker twice in a row.
            raise ValueError(f"{path.name}: {m['name']} spreekt twee keer achter elkaar")
        turns.append(Turn(m["name"], m["role"], text))
    return turns


def chunk(text: str, limit: int) -> list[str]:
    """Split a turn into cue-sized pieces at sentence ends (words if a sentence is too long)."""
    pieces: list[str] = []
    current = ""
    for sentence in SENTENCE_RE.split(text):
        for part in textwrap.wrap(sentence, limit, break_long_words=False) or [sentence]:
            if current and len(current) + 1 + len(part) > limit:
                pieces.append(current)
                current = part
            else:
                current = f"{current} {part}".strip()
    if current:
        pieces.append(current)
    return pieces


def duration(piece: str) -> float:
    # roughly 2.6 words per second, as in normal conversation
    return round(0.9 + len(piece.split()) / 2.6, 3)


def pause(index: int) -> float:
    # deterministic, irregular gaps between speakers
    return 0.35 + (index * 37 % 11) / 10


def timed_cues(turns: list[Turn], limit: int, start: float) -> list[tuple[int, int, Turn, str, float, float]]:
    """(turn index, part index, turn, text, start, end) for every cue."""
    cues = []
    t = start
    for i, turn in enumerate(turns):
        for j, piece in enumerate(chunk(turn.text, limit)):
            end = t + duration(piece)
            cues.append((i, j, turn, piece, t, end))
            t = end + 0.04
        t += pause(i)
    return cues


def stamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_speakers(turns: list[Turn], path: Path) -> None:
    seen: dict[str, str] = {}
    for turn in turns:
        seen.setdefault(turn.name, turn.role)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["naam", "rol"])
        w.writerows(seen.items())


def write_vtt(turns: list[Turn], path: Path) -> None:
    """Microsoft Teams style: GUID/n-m cue ids and <v Name> voice tags."""
    lines = ["WEBVTT", ""]
    for i, j, turn, piece, start, end in timed_cues(turns, limit=130, start=3.21):
        guid = uuid.uuid5(uuid.NAMESPACE_URL, f"lindewaard/{path.stem}/{i}")
        lines += [f"{guid}/{i + 12}-{j}", f"{stamp(start, '.')} --> {stamp(end, '.')}", f"<v {turn.name}>{piece}</v>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(turns: list[Turn], path: Path) -> None:
    """Numbered cues; every cue starts with `Naam: ` and wraps over at most two lines."""
    lines: list[str] = []
    for n, (_, _, turn, piece, start, end) in enumerate(timed_cues(turns, limit=80, start=1.0), start=1):
        body = textwrap.wrap(f"{turn.name}: {piece}", 52, break_long_words=False)
        if len(body) > 2:
            body = [body[0], " ".join(body[1:])]
        lines += [str(n), f"{stamp(start, ',')} --> {stamp(end, ',')}", *body, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


FIXED_DATE = datetime(2025, 3, 6, 9, 30, 0)


def write_docx(turns: list[Turn], path: Path, title: str, date_line: str) -> None:
    import docx  # lazy: only this builder needs python-docx

    doc = docx.Document()
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph(date_line)
    for turn in turns:
        p = doc.add_paragraph()
        p.add_run(f"{turn.name} ({turn.role}):").bold = True
        p.add_run(f" {turn.text}")
    props = doc.core_properties
    props.author = "Griffie gemeente Lindewaard"
    props.last_modified_by = "Griffie gemeente Lindewaard"
    props.title = title
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    # python-docx stamps zip entries with the current time: rewrite with a fixed date.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 6, 9, 30, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, src.read(info.filename))


def write_reacties(source: Path, path: Path) -> int:
    rows = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        datum, afdeling, functie, waarde, artikel, reactie = raw.split("|")
        rows.append([f"R{len(rows) + 1:03d}", datum, afdeling, functie, waarde, artikel, reactie])
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["reactie_id", "datum", "afdeling", "functie", "waarde", "artikel", "reactie"])
        w.writerows(rows)
    return len(rows)


def main() -> None:
    BRAINSTORM.mkdir(parents=True, exist_ok=True)
    REACTIES.mkdir(parents=True, exist_ok=True)

    online = read_turns(SOURCES / "2025-02-24-online-sessie.txt")
    write_vtt(online, BRAINSTORM / "2025-02-24-online-sessie.vtt")
    write_speakers(online, BRAINSTORM / "2025-02-24-online-sessie.deelnemers.csv")

    raad = read_turns(SOURCES / "2025-03-05-raad-en-organisatie.txt")
    write_docx(
        raad,
        BRAINSTORM / "2025-03-05-raad-en-organisatie.docx",
        title="Verslag brainstormsessie raad en organisatie",
        date_line="5 maart 2025",
    )

    terugblik = read_turns(SOURCES / "2026-03-12-terugblik.txt")
    write_srt(terugblik, BRAINSTORM / "2026-03-12-terugblik.srt")
    write_speakers(terugblik, BRAINSTORM / "2026-03-12-terugblik.deelnemers.csv")

    n = write_reacties(
        SOURCES / "reacties-bijeenkomsten-2025.txt",
        REACTIES / "reacties-bijeenkomsten-2025.csv",
    )
    print(f"online {len(online)} beurten, raad {len(raad)}, terugblik {len(terugblik)}, reacties {n}")


if __name__ == "__main__":
    main()
