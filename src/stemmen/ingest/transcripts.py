"""Pure parsers that turn transcript text into speaker turns.

File handling (encoding, DOCX loading, the participants sidecar) lives in
:mod:`stemmen.ingest.readers`; these functions only see numbered lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from stemmen.errors import Errors
from stemmen.ingest.dates import value_shape
from stemmen.ingest.rows import RowProblem, Turn

__all__ = ["parse_turn_lines", "parse_cues", "split_label", "normalise_name"]

# "[00:01:02] Naam (rol): tekst", "Naam: tekst", or a Teams copy "Naam   0:03" on its own line.
_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
_LABEL = re.compile(
    rf"\s*(?:\[?(?P<ts>{_TS})\]?\s+)?[-–]?\s*"
    r"(?P<name>[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,5}?)"
    r"[ \t]*(?:\((?P<role>[^()]{1,60})\))?[ \t]*:[ \t]*(?P<text>.*)",
    re.DOTALL,
)
_NAME_TIME = re.compile(
    r"\s*(?P<name>[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,5}?)"
    rf"[ \t]*(?:\((?P<role>[^()]{{1,60}})\))?[ \t]+(?P<ts>{_TS})\s*"
)
# Lower-case words allowed inside a name (Dutch tussenvoegsels).
_PARTICLES = {"van", "de", "der", "den", "het", "'t", "’t", "ten", "ter", "te", "in", "op", "la", "le", "du", "da", "di"}
# Labels that are metadata or notes, never a speaker ("Datum: 10 februari 2025").
_NOT_SPEAKERS = {
    "datum", "tijd", "tijdstip", "locatie", "plaats", "aanwezig", "aanwezigen", "afwezig", "onderwerp",
    "thema", "sessie", "titel", "notulist", "notulen", "verslag", "opname", "duur", "deelnemers",
    "project", "gemeente", "bijeenkomst", "versie", "transcriptie", "transcript", "afdeling",
    "actie", "actiepunt", "actiepunten", "besluit", "let op", "nb", "n.b", "noot", "opmerking",
    "conclusie", "samenvatting", "vraag", "antwoord", "spreker", "naam", "tekst", "date", "time",
    "location", "subject", "title", "kind", "language", "note",
    "kortom", "dus", "maar", "ofwel", "oftewel", "bijvoorbeeld", "bijv", "tip", "stelling", "punt",
    "reactie", "idee", "advies", "voorbeeld", "let wel", "ps", "p.s", "zie", "bron", "link",
    "e-mail", "email", "mail", "tel", "telefoon", "adres", "website",
    "om", "tot", "vanaf", "tussen", "sinds", "rond", "begin", "einde", "pauze", "start", "stop",
}
_TIMING = re.compile(r"\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*-->\s*(?P<end>\S+)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>]+)>(?P<text>.*?)(?=</v>|<v[ \t.]|$)", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")


def normalise_name(name: str) -> str:
    """A speaker name with its white space folded, to match the same person across turns."""
    return re.sub(r"\s+", " ", name).strip()


def split_label(line: str) -> tuple[str, str | None, str, float | None] | None:
    """Return (speaker, role, text, start) when ``line`` opens a turn, else None."""
    m = _NAME_TIME.fullmatch(line) or _LABEL.fullmatch(line)
    if m is None:
        return None
    name = normalise_name(m["name"])
    if not _looks_like_name(name):
        return None
    role = normalise_name(m["role"]) if m["role"] else None
    text = m.groupdict().get("text") or ""
    start = _seconds(m["ts"]) if m["ts"] else None
    return name, role or None, text.strip(), start


def parse_turn_lines(
    lines: Iterable[tuple[int, str]], speakers: Mapping[str, str] | None = None
) -> tuple[list[Turn], list[str]]:
    """Group numbered lines (text file lines or DOCX paragraphs) into turns.

    Lines before the first turn are returned as the header; later lines without
    a speaker label continue the current turn.
    """
    roles = _role_lookup(speakers)
    turns: list[Turn] = []
    header: list[str] = []
    current: dict | None = None
    for row, line in lines:
        label = split_label(line)
        if label is not None:
            if current:
                turns.append(_finish(current))
            name, role, text, start = label
            current = {"row": row, "speaker": name, "role": role or roles.get(name.casefold()),
                       "parts": [text] if text else [], "start": start}
        elif current is not None:
            if line.strip():
                current["parts"].append(line.strip())
        elif line.strip():
            header.append(line.strip())
    if current:
        turns.append(_finish(current))
    return [t for t in turns if t.text], header


def parse_cues(
    lines: list[tuple[int, str]], speakers: Mapping[str, str] | None = None
) -> tuple[list[Turn], list[str], list[RowProblem]]:
    """Parse WebVTT or SRT cues into turns; consecutive cues of one speaker merge.

    The speaker comes from a WebVTT voice tag (``<v Naam>``, as Microsoft Teams
    writes it) or a ``Naam:`` prefix; a cue without either continues the
    previous speaker. A turn's row is the first line of its first cue.
    """
    roles = _role_lookup(speakers)
    header: list[str] = []
    problems: list[RowProblem] = []
    turns: list[dict] = []
    seen_cue = False
    for block in _blocks(lines):
        first_row, first = block[0]
        if not seen_cue and first.lstrip("\ufeff").startswith("WEBVTT"):
            rest = first.lstrip("\ufeff")[len("WEBVTT"):].strip(" -\t")
            header.extend(x for x in [rest, *(t.strip() for _, t in block[1:])] if x)
            continue
        if first.startswith(("NOTE", "STYLE", "REGION")):
            if not seen_cue and first.startswith("NOTE"):
                note = " ".join(t.strip() for _, t in block)[len("NOTE"):].strip()
                if note:
                    header.append(note)
            continue
        timing_at = next((i for i, (_, t) in enumerate(block[:3]) if "-->" in t), None)
        if timing_at is None:
            # Blank line inside a cue payload (invalid but common): keep the text.
            text = _clean(" ".join(t for _, t in block))
            if turns:
                turns[-1]["parts"].append(text)
            elif text:
                header.append(text)
            continue
        timing = _TIMING.match(block[timing_at][1])
        if timing is None:
            row, line = block[timing_at]
            problems.append(RowProblem(row, Errors.E217.format(line=value_shape(line, 60)), "\n".join(t for _, t in block)))
            continue
        seen_cue = True
        start = _seconds(timing["start"])
        for speaker, role, text in _cue_segments([t for _, t in block[timing_at + 1:]]):
            if not text:
                continue
            if speaker is None and turns:
                turns[-1]["parts"].append(text)
            elif turns and speaker == turns[-1]["speaker"]:
                turns[-1]["parts"].append(text)
            else:
                turns.append({"row": first_row, "speaker": speaker, "parts": [text], "start": start,
                              "role": role or (roles.get(speaker.casefold()) if speaker else None)})
    result = [_finish(t, sep=" ") for t in turns]
    return [t for t in result if t.text], header, problems


def _cue_segments(payload: list[str]) -> list[tuple[str | None, str | None, str]]:
    """Split a cue payload into (speaker or None = previous, role, text) pieces."""
    joined = "\n".join(payload)
    if "<v" in joined:
        pieces: list[tuple[str | None, str | None, str]] = []
        before = joined[: joined.index("<v")]
        if _clean(before):
            pieces.append((None, None, _clean(before)))
        for m in _VOICE.finditer(joined):
            name, role = _name_role(m["name"])
            pieces.append((name, role, _clean(m["text"])))
        if pieces:
            return pieces
    pieces = []
    for line in payload:
        text = _clean(line)
        label = split_label(text)
        if label is not None:
            name, role, rest, _ = label
            pieces.append((name, role, rest))
        elif pieces:
            name, role, prev = pieces[-1]
            pieces[-1] = (name, role, f"{prev} {text}".strip())
        else:
            pieces.append((None, None, text))
    return pieces


def _blocks(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for row, line in lines:
        if line.strip():
            current.append((row, line.rstrip("\r\n")))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _name_role(label: str) -> tuple[str, str | None]:
    m = re.fullmatch(r"(.*?)\s*\(([^()]+)\)\s*", label)
    if m and m[1].strip():
        return normalise_name(m[1]), normalise_name(m[2])
    return normalise_name(label), None


def _looks_like_name(name: str) -> bool:
    if name.casefold().rstrip(".") in _NOT_SPEAKERS:
        return False
    words = name.split(" ")
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.isdigit() or w.casefold() in _PARTICLES for w in words)


def _role_lookup(speakers: Mapping[str, str] | None) -> dict[str, str]:
    return {normalise_name(k).casefold(): v for k, v in (speakers or {}).items() if v}


def _clean(text: str) -> str:
    return normalise_name(html.unescape(_TAG.sub("", text)))


def _finish(turn: dict, sep: str = "\n") -> Turn:
    return Turn(row=turn["row"], speaker=turn["speaker"], role=turn["role"],
                text=sep.join(p for p in turn["parts"] if p).strip(), start=turn["start"])


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds
