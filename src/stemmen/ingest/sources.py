"""Map rows of a read file onto document drafts, per source kind.

Pure functions: a row that cannot be used becomes a rejected row with a reason
a person understands; nothing is dropped without being counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from stemmen.errors import Errors, InputError, RowError
from stemmen.ingest.dates import parse_date
from stemmen.schemas import DocumentDraft, RejectedRow
from stemmen.groups import GROUPS
from stemmen.settings import SourceSettings

GROUP_SYNONYMS = {
    "burger": ("burger", "burgers", "inwoner", "inwoners", "bewoner", "ondernemer", "citizen"),
    "medewerker": ("medewerker", "medewerkers", "ambtenaar", "uitvoerende", "beleidsmedewerker",
                   "verbindingsofficier", "employee"),
    "leidinggevende": ("leidinggevende", "manager", "teamleider", "teamleider", "afdelingshoofd", "directeur"),
    "raadslid": ("raadslid", "raadsleden", "fractievoorzitter", "commissielid"),
    "bestuurder": ("bestuurder", "wethouder", "burgemeester", "gemeentesecretaris", "college"),
    "overig": ("overig", "gespreksleider", "facilitator", "notulist"),
}
_GROUP_OF = {syn: g for g, syns in GROUP_SYNONYMS.items() for syn in syns}
DEFAULT_GROUP = {"casus": "burger", "manifest_reactie": "medewerker"}
NON_TEXT = re.compile(r"^\s*$")


# A cell value quoted in a rejection reason is wrapped in these (private-use) characters: the
# importer pseudonymises what is between them and nothing else, so the reason's own words
# (and example dates) stay readable.
CELL_OPEN, CELL_CLOSE = "\ue000", "\ue001"
QUOTED_CELL = re.compile(f"{CELL_OPEN}(.*?){CELL_CLOSE}", re.S)


def quote_cell(value: object, limit: int = 40) -> str:
    """A cell value for a reason, marked for pseudonymisation and cut to ``limit`` characters."""
    text = re.sub(r"\s+", " ", str(value)).strip().replace(CELL_OPEN, "").replace(CELL_CLOSE, "")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{CELL_OPEN}{text}{CELL_CLOSE}'"


def normalise_group(value: object) -> str | None:
    """The respondent group a cell names (aliases and case allowed), or None for an unknown one."""
    return _GROUP_OF.get(str(value or "").strip().lower())


def content_hash(*parts: object) -> str:
    """SHA-256 of the parts (None kept apart from "None"): a document's content identity."""
    return hashlib.sha256(json.dumps([str(p) if p is not None else None for p in parts]).encode()).hexdigest()


def respondent_key(value: object) -> str | None:
    """A short hash of a respondent id: links one respondent's answers without storing the id; None when empty."""
    text = str(value or "").strip()
    return hashlib.sha256(f"stemmen-respondent\x00{text}".encode()).hexdigest()[:16] if text else None


@dataclass
class MappingContext:
    """What mapping one file's rows needs: the source settings, file name, date limits and known values."""
    source: SourceSettings
    file_name: str
    today: dt.date
    earliest: dt.date
    max_chars: int
    value_ids: set[str] | None = None
    question_text: dict[str, str] = field(default_factory=dict)  # column -> question text (survey tools)
    seen: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (hash, row) within this file


class Mapped:
    """What mapping one file gives: drafts, rejected rows, counts."""

    def __init__(self) -> None:
        self.documents: list[DocumentDraft] = []
        self.rejected: list[RejectedRow] = []
        self.empty = 0
        self.duplicate_in_file = 0


def required_columns(src: SourceSettings) -> list[str]:
    """The columns of the file a source's settings name, in settings order."""
    cols = [src.id, src.group, src.date, src.wave, src.department, src.question, src.text, src.value,
            src.article, src.status, *src.questions]
    return [c for c in cols if c]


def check_columns(src: SourceSettings, columns: list[str], file_name: str) -> None:
    """Raise an InputError (in Dutch, with a hint on the delimiter) when a configured column is missing."""
    missing = [c for c in required_columns(src) if c not in columns]
    if missing:
        found = ", ".join(repr(c) for c in columns[:12]) or "geen"
        hint = ""
        if len(columns) == 1 and len(required_columns(src)) > 1:
            hint = (" Alles staat in één kolom: klopt het scheidingsteken? stemmen herkent komma, puntkomma,"
                    " tab en |.")
        raise InputError(
            Errors.E300.format(
                file=file_name,
                problem=f"kolom(men) uit de configuratie ontbreken: {', '.join(repr(c) for c in missing)};"
                f" gevonden kolommen: {found}.{hint}",
            ),
            file=file_name,
        )


def _cell(fields: dict, column: str, constant: str = "") -> str:
    if column:
        v = fields.get(column)
        if isinstance(v, (dt.date, dt.datetime)):
            return v.isoformat()
        return "" if v is None else str(v).strip()
    return constant


def _date(ctx: MappingContext, fields: dict) -> tuple[dt.date, str | None]:
    src = ctx.source
    wave = _cell(fields, src.wave, src.wave_value) or None
    raw = fields.get(src.date) if src.date else (src.date_value or wave)
    if raw is None or str(raw).strip() == "":
        raise RowError("datum ontbreekt" + (f" (kolom '{src.date}')" if src.date else ""))
    try:
        day = parse_date(raw, src.date_order)
    except ValueError as exc:
        raise RowError(f"datum: {exc}") from exc
    if day > ctx.today:
        raise RowError(f"datum {day.isoformat()} ligt in de toekomst")
    if day < ctx.earliest:
        raise RowError(f"datum {day.isoformat()} ligt vóór {ctx.earliest.isoformat()} ([ingest] earliest_date)")
    return day, wave


def _group(ctx: MappingContext, fields: dict, kind: str) -> str:
    src = ctx.source
    raw = _cell(fields, src.group, src.group_value) or DEFAULT_GROUP.get(kind, "")
    group = normalise_group(raw)
    if group is None or group == "overig":
        raise RowError(
            f"groep {quote_cell(raw)} is onbekend; verwacht een van: {', '.join(GROUPS)}" if raw
            else f"groep ontbreekt (kolom '{src.group}')" if src.group else "groep ontbreekt: zet 'group' of 'group_value'"
        )
    return group


def _check_text(ctx: MappingContext, text: str) -> None:
    if len(text) > ctx.max_chars:
        raise RowError(
            f"tekst is {len(text):,} tekens lang; het maximum is {ctx.max_chars:,}"
            " ([ingest] max_text_chars). Staat er een heel bestand in één cel?".replace(",", ".")
        )
    if "\x00" in text:
        raise RowError("tekst bevat binaire tekens (NUL)")


def _add(ctx: MappingContext, out: Mapped, draft: DocumentDraft) -> None:
    prev = ctx.seen.get(draft.key)
    if prev is not None:
        if prev[0] == draft.content_hash:
            out.duplicate_in_file += 1
            return
        raise RowError(f"dezelfde eenheid ({quote_cell(draft.key.split('|', 1)[1], 80)}) staat al in rij {prev[1]}"
                       " met andere inhoud")
    ctx.seen[draft.key] = (draft.content_hash, draft.row)
    out.documents.append(draft)


def _row_signature(fields: dict) -> str:
    return content_hash(*[f"{k}\x00{v}" for k, v in fields.items()])


def map_table_rows(ctx: MappingContext, rows, out: Mapped) -> None:
    """Map rows of a tabular file (enquete, manifest_reactie, casus).

    A row repeated exactly (every cell the same, as when an export is pasted twice)
    yields its documents once; the repeats count as duplicates (``dubbel``).
    """
    kind = ctx.source.kind
    per_case_date: dict[tuple[str, dt.date], int] = {}
    first_yield: dict[str, int] = {}  # row signature -> documents its first occurrence gave
    for raw_row in rows:
        signature = _row_signature(raw_row.fields)
        if first_yield.get(signature):
            out.duplicate_in_file += first_yield[signature]
            continue
        before = len(out.documents)
        try:
            if kind == "enquete":
                _map_survey_row(ctx, raw_row, out)
            elif kind == "manifest_reactie":
                _map_comment_row(ctx, raw_row, out)
            elif kind == "casus":
                _map_case_row(ctx, raw_row, out, per_case_date)
        except RowError as exc:
            out.rejected.append(RejectedRow(ctx.file_name, raw_row.row, str(exc), raw_row.raw))
        first_yield[signature] = len(out.documents) - before


def _map_survey_row(ctx: MappingContext, raw_row, out: Mapped) -> None:
    src = ctx.source
    f = raw_row.fields
    answers = [(q, _cell(f, q)) for q in src.questions] if src.layout == "wide" else [(_cell(f, src.question), _cell(f, src.text))]
    if all(NON_TEXT.match(a) for _, a in answers):
        out.empty += len(answers)
        return
    day, wave = _date(ctx, f)
    group = _group(ctx, f, "enquete")
    rid = _cell(f, src.id)
    resp = rid or f"rij {raw_row.row}"
    department = _cell(f, src.department, src.department_value) or None
    for question, text in answers:
        if NON_TEXT.match(text):
            out.empty += 1
            continue
        _check_text(ctx, text)
        if src.layout == "long" and not question:
            raise RowError(f"vraag ontbreekt (kolom '{src.question}')")
        key_parts = [ctx.source.name, resp, question] + ([] if src.layout == "wide" else [wave or day.isoformat()])
        label = ctx.question_text.get(question, question)  # the question as asked, not the tool's column id
        _add(ctx, out, DocumentDraft(
            key="|".join(key_parts), content_hash=content_hash(text, group, day, department, label, wave),
            kind="enquete", source_name=src.name, file_name=ctx.file_name, row=raw_row.row, text=text,
            group=group, date=day, department=department, wave=wave, question=label,
            respondent_key=respondent_key(rid),
        ))


def _map_comment_row(ctx: MappingContext, raw_row, out: Mapped) -> None:
    src = ctx.source
    f = raw_row.fields
    text = _cell(f, src.text)
    if NON_TEXT.match(text):
        raise RowError(f"reactie is leeg (kolom '{src.text}')")
    _check_text(ctx, text)
    value = _cell(f, src.value) or None
    article = _cell(f, src.article) or None
    if value and ctx.value_ids is not None and value not in ctx.value_ids:
        raise RowError(f"waarde {quote_cell(value)} staat niet in het manifest; bekende waarden: {', '.join(sorted(ctx.value_ids))}")
    if not value and not article:
        raise RowError("reactie is niet aan een waarde of artikel van het manifest gekoppeld")
    day, wave = _date(ctx, f)
    group = _group(ctx, f, "manifest_reactie")
    department = _cell(f, src.department, src.department_value) or None
    rid = _cell(f, src.id) or f"rij {raw_row.row}"
    _add(ctx, out, DocumentDraft(
        key=f"{src.name}|{rid}", content_hash=content_hash(text, group, day, department, value, article),
        kind="manifest_reactie", source_name=src.name, file_name=ctx.file_name, row=raw_row.row, text=text,
        group=group, date=day, department=department, wave=wave, value_ref=value, article=article,
    ))


def _map_case_row(ctx: MappingContext, raw_row, out: Mapped, per_case_date: dict) -> None:
    src = ctx.source
    f = raw_row.fields
    case_id = _cell(f, src.id)
    if not case_id:
        raise RowError(f"zaaknummer ontbreekt (kolom '{src.id}')")
    text = _cell(f, src.text)
    if NON_TEXT.match(text):
        raise RowError(f"notitie is leeg (kolom '{src.text}')")
    _check_text(ctx, text)
    day, wave = _date(ctx, f)
    group = _group(ctx, f, "casus")
    department = _cell(f, src.department, src.department_value) or None
    status = _cell(f, src.status) or None
    nth = per_case_date.get((case_id, day), 0) + 1
    per_case_date[(case_id, day)] = nth
    _add(ctx, out, DocumentDraft(
        key=f"{src.name}|{case_id}|{day.isoformat()}|{nth}",
        content_hash=content_hash(text, group, day, department, status),
        kind="casus", source_name=src.name, file_name=ctx.file_name, row=raw_row.row, text=text, group=group,
        date=day, department=department, wave=wave, case_id=case_id, status=status,
    ))


def map_transcript(ctx: MappingContext, transcript, out: Mapped) -> None:
    """One document per speaker turn, with the speaker's role, never the name."""
    src = ctx.source
    day = None
    if src.date_value:
        day = parse_date(src.date_value)
    day = day or transcript.session_date
    if day is None:
        raise InputError(
            Errors.E300.format(
                file=ctx.file_name,
                problem="geen sessiedatum gevonden: begin de bestandsnaam met JJJJ-MM-DD, zet de datum in de kop,"
                " of geef 'date_value' in de configuratie",
            ),
            file=ctx.file_name,
        )
    if day > ctx.today:
        raise InputError(Errors.E300.format(file=ctx.file_name, problem=f"sessiedatum {day} ligt in de toekomst"),
                         file=ctx.file_name)
    for i, turn in enumerate(transcript.turns, start=1):
        text = (turn.text or "").strip()
        if not text:
            out.empty += 1
            continue
        try:
            _check_text(ctx, text)
        except RowError as exc:
            out.rejected.append(RejectedRow(ctx.file_name, turn.row, str(exc), text))
            continue
        role = (turn.role or src.speakers.get(turn.speaker or "", "") or "").strip().lower() or None
        group = normalise_group(role) or normalise_group(src.group_value) or "overig"
        _add(ctx, out, DocumentDraft(
            key=f"{src.name}|{ctx.file_name}|{i}", content_hash=content_hash(text, group, day, role),
            kind="brainstorm", source_name=src.name, file_name=ctx.file_name, row=turn.row, text=text,
            group=group, date=day, role=role,
        ))


_NAME_PART = re.compile(r"[A-ZÀ-Ý][\w'’-]+")
_PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "'t"}


def speaker_name_patterns(names: list[str]) -> list[tuple[re.Pattern, str]]:
    """Patterns that replace participants' names (full, first, surname) by a stable placeholder.

    The transcript tells us who took part, so we need not rely on a name
    detector to find "zoals Annelies al zei".
    """
    pairs: list[tuple[str, str]] = []
    for k, name in enumerate(sorted({n.strip() for n in names if n and n.strip()}), start=1):
        placeholder = f"[DEELNEMER-{k}]"
        words = name.split()
        variants = {name}
        if len(words) > 1:
            variants.update({words[0], " ".join(words[1:])})
            core = [w for w in words[1:] if w.lower() not in _PARTICLES]
            if core:
                variants.add(" ".join(core))
        pairs += [(v, placeholder) for v in variants if len(v) >= 3 and _NAME_PART.match(v.split()[-1])]
    # longest first, so "Mark Visser" goes before "Mark" of another participant
    pairs.sort(key=lambda p: (-len(p[0]), p[0]))
    return [(re.compile(rf"(?<![\w-]){re.escape(v)}(?![\w-])"), ph) for v, ph in pairs]


def strip_speaker_names(text: str, patterns: list[tuple[re.Pattern, str]]) -> str:
    """Replace the participants' names (``speaker_name_patterns``) in a text by their placeholders."""
    for pat, placeholder in patterns:
        text = pat.sub(placeholder, text)
    return text
