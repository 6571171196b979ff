"""Propose ``[[sources]]`` blocks for given files (``stemmen init --from``).

Each guess (kind, format, id, date, group, department, open questions) comes with
a Dutch comment that says why, so a consultant checks a proposal instead of writing
a mapping. Guesses use column names and value shapes; no cell value is written out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from stemmen.errors import StemmenError
from stemmen.ingest import readers
from stemmen.ingest.guess import column_values, is_date, is_open_text, text_profile
from stemmen.ingest.readers import TRANSCRIPT_EXTENSIONS
from stemmen.ingest.sources import normalise_group
from stemmen.ingest.tools import apply_tool, detect_tool
from stemmen.ingest.transcript_files import read_transcript

# column-name patterns per key, matched against the casefolded name
_NAMES = {
    "id": r"^(?:respondent(?:nummer|_?id)?|id|nr|nummer|zaak(?:nummer|_?id)?|casus(?:nummer)?|dossier(?:nummer)?"
          r"|kenmerk|reactie_?id)$",
    "date": r"datum|^date|tijdstempel|timestamp|ingevuld|ingediend",
    "group": r"^(?:groep|doelgroep|rol|respondentgroep|type respondent|relatie)$|relatie tot de gemeente|ik ben",
    "department": r"^(?:afdeling|team|department|cluster|domein|directie)$",
    "wave": r"^(?:golf|meting|ronde|wave|peiling)$",
    "status": r"^status$",
    "value": r"^(?:waarde|kernwaarde|waarde_?id)$",
    "article": r"^(?:artikel|artikelnummer)$",
    "text": r"^(?:notitie|aantekening|verslag|tekst|reactie|opmerking|toelichting|omschrijving)$",
}


def _match(columns: list[str], key: str, taken: set[str]) -> str | None:
    return next((c for c in columns if c not in taken and re.search(_NAMES[key], c.casefold())), None)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string


def propose_sources(paths: list[str | Path]) -> str:
    """TOML text with one commented ``[[sources]]`` block per file."""
    blocks = []
    for p in paths:
        path = Path(p)
        try:
            blocks.append(_propose(path))
        except StemmenError as exc:
            blocks.append(f"# {path}: niet voorgesteld — {exc}")
    return "\n\n".join(blocks) + "\n"


def _propose(path: Path) -> str:
    lines = ["[[sources]]"]

    def put(key: str, value: str, why: str) -> None:
        lines.append(f"{key} = {value}".ljust(44) + f"  # {why}")

    if path.suffix.lower() in TRANSCRIPT_EXTENSIONS and path.suffix.lower() != ".txt" or (
            path.suffix.lower() == ".txt" and _looks_like_transcript(path)):
        transcript = read_transcript(path)
        put("kind", '"brainstorm"', f"transcript ({path.suffix.lower()}), {len(transcript.turns)} spreekbeurten")
        put("path", _q(str(path)), "pad vanaf de map van stemmen.toml")
        roles = sum(1 for t in transcript.turns if t.role)
        if not roles:
            lines.append("# speakers = { \"Naam\" = \"rol\" }  # geen rollen in het transcript: geef ze hier of in"
                         f" {path.stem}.deelnemers.csv")
        if transcript.session_date is None:
            lines.append('# date_value = "JJJJ-MM-DD"                   # geen sessiedatum in naam of kop gevonden')
        return "\n".join(lines)

    table = readers.read_table(path, allow_empty=True)
    tool = detect_tool(table.columns)
    if tool is not None:
        tt = apply_tool(tool, table)
        put("kind", '"enquete"', f"{tool.label}-export herkend aan de kolommen")
        put("format", _q(tool.name), "kopregels, metadata (nooit opgeslagen) en datums volgens het programma")
        put("path", _q(str(path)), "pad vanaf de map van stemmen.toml")
        rows, answers, questions = tt.table.rows, tt.answer_columns, tt.questions
    else:
        rows, answers, questions = table.rows, list(table.columns), {c: c for c in table.columns}
    taken: set[str] = set()
    found: dict[str, str] = {}
    for key in ("id", "date", "group", "department", "wave", "status", "value", "article"):
        if tool is not None and key in ("id", "date"):
            continue  # the tool knows them
        col = _match(answers, key, taken) or (_date_column(rows, answers, taken) if key == "date" else None) or (
            _group_column(rows, answers, taken) if key == "group" else None)
        if col is not None:
            found[key] = col
            taken.add(col)
    if tool is None:
        kind, why = _kind(found, answers)
        text_col = _match(answers, "text", taken) if kind != "enquete" else None
        if kind != "enquete" and text_col is None:
            text_col = next((c for c in answers if c not in taken and is_open_text(column_values(rows, c))), None)
        put("kind", _q(kind), why)
        put("path", _q(str(path)), "pad vanaf de map van stemmen.toml")
    reasons = {"id": "kolomnaam: respondent-, zaak- of reactienummer", "department": "kolomnaam: afdeling",
               "wave": "kolomnaam: meting/golf", "status": "kolomnaam: status",
               "value": "kolomnaam: waarde van het manifest", "article": "kolomnaam: artikel van het manifest"}
    for key, col in found.items():
        if key == "date":
            put("date", _q(col), "kolomnaam of waarden: datums")
            order = _date_order(rows, col)
            if order:
                put("date_order", _q(order[0]), order[1])
        elif key == "group":
            put("group", _q(col), _group_reason(rows, col))
        else:
            put(key, _q(col), reasons[key])
    if "group" not in found and (tool is not None or kind == "enquete"):
        lines.append('# group_value = "burger"                     # geen kolom met de respondentgroep gevonden:'
                     " geef de groep van het hele bestand")
    if tool is None and kind != "enquete":
        if text_col:
            mean, _ = text_profile(column_values(rows, text_col))
            put("text", _q(text_col), f"vrije tekst, gemiddeld {mean:.0f} tekens")
        return "\n".join(lines)
    open_cols = [c for c in answers if c not in taken and is_open_text(column_values(rows, c))]
    lines.append("questions = [".ljust(44) + "  # open vragen: lange of gevarieerde vrije tekst, geen keuzeantwoorden")
    for c in open_cols:
        mean, distinct = text_profile(column_values(rows, c))
        label = f" — {questions[c]}" if questions.get(c, c) != c else ""
        lines.append(f"    {_q(c)},".ljust(44) + f"  # open vraag{label}: gemiddeld {mean:.0f} tekens,"
                     f" {distinct:.0%} verschillend")
    lines.append("]")
    for c in answers:
        if c not in taken and c not in open_cols and column_values(rows, c):
            lines.append(f"# niet opgenomen: {_q(c)} (keuzeantwoorden, getallen of datums)")
    if not rows:
        lines.append("# het bestand heeft nog geen antwoorden: de open vragen zijn niet te herkennen")
    return "\n".join(lines)


def _kind(found: dict[str, str], columns: list[str]) -> tuple[str, str]:
    if "value" in found or "article" in found:
        return "manifest_reactie", "kolom met een waarde of artikel van het manifest"
    if found.get("id") and re.search(r"zaak|casus|dossier|kenmerk", found["id"].casefold()):
        return "casus", "kolom met een zaaknummer"
    return "enquete", "geen zaaknummer of manifestkolom: antwoorden op een vragenlijst"


def _date_column(rows, columns: list[str], taken: set[str]) -> str | None:
    for c in columns:
        values = column_values(rows, c, 200)
        if c not in taken and values and sum(is_date(v) for v in values) > 0.8 * len(values):
            return c
    return None


def _group_column(rows, columns: list[str], taken: set[str]) -> str | None:
    for c in columns:
        values = column_values(rows, c, 200)
        if c not in taken and values and sum(normalise_group(v) is not None for v in values) > 0.8 * len(values):
            return c
    return None


def _group_reason(rows, col: str) -> str:
    values = column_values(rows, col, 200)
    share = sum(normalise_group(v) is not None for v in values) / len(values) if values else 0.0
    return f"respondentgroep; {share:.0%} van de waarden herkend (inwoner → burger, ...)"


def _date_order(rows, col: str) -> tuple[str, str] | None:
    """Day-first or month-first, from numeric dates whose first or second part exceeds 12."""
    first = second = 0
    for v in column_values(rows, col, 500):
        m = re.match(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}", str(v))
        if m:
            first += int(m[1]) > 12
            second += int(m[2]) > 12
    if second and not first:
        return "mdy", "datums als maand/dag/jaar (tweede getal soms > 12): Engelstalige export"
    return None


def _looks_like_transcript(path: Path) -> bool:
    try:
        table = readers.read_table(path)
    except StemmenError:
        return True
    return len(table.columns) < 2
