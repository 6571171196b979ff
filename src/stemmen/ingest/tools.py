"""Survey tools as named formats: Qualtrics, Microsoft Forms, Google Forms, LimeSurvey.

Each tool knows its header rows, its metadata columns (personal ones are dropped
the moment the file is read, so they reach no table, log, rejected row or export),
its date and respondent-id columns, its preview or incomplete responses, and the
question text of each column. Column names are matched case-insensitively, in
the tool's English and Dutch interface. Pure functions over read rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from stemmen.errors import Errors
from stemmen.ingest.rows import RawRow, ReadResult, RowProblem

__all__ = ["TOOLS", "SurveyTool", "ToolTable", "detect_tool", "apply_tool", "DATE_FIELD"]

DATE_FIELD = "stemmen:datum"  # the response's date, from the first filled date column of the tool


def _names(*names: str) -> frozenset[str]:
    return frozenset(n.casefold() for n in names)


@dataclass(frozen=True)
class SurveyTool:
    """How to recognise one survey tool's export and which of its columns are personal, technical, dates or ids."""
    name: str
    label: str
    signatures: tuple[frozenset[str], ...]  # the file is this tool's when all names of one set are columns
    personal: frozenset[str]  # never read: names, e-mail, IP address, location, tokens
    technical: frozenset[str]  # metadata that is no answer (dates, ids, progress): never a question
    dates: tuple[str, ...]  # date columns, first filled one wins
    ids: tuple[str, ...] = ()  # respondent id columns, first present one is used
    question_rows: bool = False  # Qualtrics: row 2 holds the question texts, row 3 the import ids
    status: tuple[str, ...] = ()  # a column whose values mark preview/test responses
    preview_values: frozenset[str] = frozenset()
    finished: tuple[str, ...] = ()  # a column that is false for an incomplete response
    submitted: tuple[str, ...] = ()  # a column that is empty for an incomplete response


QUALTRICS = SurveyTool(
    name="qualtrics", label="Qualtrics",
    signatures=(_names("StartDate", "EndDate", "ResponseId"), _names("StartDate", "EndDate", "ResponseID")),
    personal=_names("IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
                    "ExternalDataReference", "LocationLatitude", "LocationLongitude", "Q_URL", "Q_RelevantIDDuplicate",
                    "Q_RelevantIDFraudScore", "Q_RelevantIDLastStartDate", "Q_RelevantIDDuplicateScore"),
    technical=_names("StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
                     "ResponseId", "ResponseID", "DistributionChannel", "UserLanguage", "Q_RecaptchaScore",
                     "Q_BallotBoxStuffing", "Q_TotalDuration"),
    dates=("RecordedDate", "EndDate", "StartDate"), ids=("ResponseId", "ResponseID"), question_rows=True,
    status=("Status",),
    # with choice text: the label, in the English or Dutch interface; with numeric values: 1 preview, 2 test, 8 spam
    preview_values=_names("Survey Preview", "Survey Test", "Spam", "Voorbeeld van enquête", "Voorbeeldweergave",
                          "Enquêtetest", "Test van enquête", "1", "2", "8"),
    finished=("Finished",),
)

MSFORMS = SurveyTool(
    name="msforms", label="Microsoft Forms",
    signatures=(_names("Id", "Start time", "Completion time"), _names("Id", "Begintijd", "Tijd van voltooien"),
                _names("Id", "Begintijd", "Voltooiingstijd"), _names("Id", "Begintijd", "Eindtijd")),
    personal=_names("Email", "E-mail", "E-mailadres", "Name", "Naam", "Responder", "Respondent"),
    technical=_names("Id", "Start time", "Completion time", "Last modified time", "Begintijd", "Tijd van voltooien",
                     "Voltooiingstijd", "Eindtijd", "Tijdstip van laatste wijziging", "Laatst gewijzigd",
                     "Laatste wijzigingstijd", "Total points", "Quiz feedback", "Grade posted time",
                     "Totaal aantal punten", "Feedback op quiz", "Tijd waarop cijfer is gepubliceerd"),
    dates=("Completion time", "Tijd van voltooien", "Voltooiingstijd", "Eindtijd", "Start time", "Begintijd"),
    ids=("Id",),
)

GOOGLEFORMS = SurveyTool(
    name="googleforms", label="Google Forms",
    signatures=(_names("Timestamp"), _names("Tijdstempel")),
    personal=_names("Email Address", "Email address", "E-mailadres", "Username", "Gebruikersnaam"),
    technical=_names("Timestamp", "Tijdstempel", "Score", "Punten"),
    dates=("Timestamp", "Tijdstempel"), ids=("Timestamp", "Tijdstempel"),  # no response id: the moment is one
)

LIMESURVEY = SurveyTool(
    name="limesurvey", label="LimeSurvey",
    signatures=(_names("id", "submitdate", "lastpage", "startlanguage"),
                _names("Response ID", "Date submitted", "Last page", "Start language"),
                _names("Antwoord ID", "Datum ingestuurd", "Laatste pagina", "Starttaal"),
                _names("Respons ID", "Datum verstuurd", "Laatste pagina", "Starttaal")),
    personal=_names("ipaddr", "refurl", "token", "firstname", "lastname", "email", "IP address", "Referrer URL",
                    "Access code", "Token", "First name", "Last name", "Email address", "IP-adres",
                    "Verwijzende URL", "Toegangscode", "Voornaam", "Achternaam", "E-mailadres"),
    technical=_names("id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
                     "Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started",
                     "Date last action", "Antwoord ID", "Respons ID", "Datum ingestuurd", "Datum verstuurd",
                     "Laatste pagina", "Starttaal", "Startwaarde", "Datum gestart", "Startdatum",
                     "Datum laatste actie", "interviewtime", "Total time", "Totale tijd"),
    dates=("submitdate", "Date submitted", "Datum ingestuurd", "Datum verstuurd", "datestamp", "Date last action",
           "Datum laatste actie", "startdate", "Date started", "Datum gestart", "Startdatum"),
    ids=("id", "Response ID", "Antwoord ID", "Respons ID"),
    submitted=("submitdate", "Date submitted", "Datum ingestuurd", "Datum verstuurd"),
)

TOOLS: dict[str, SurveyTool] = {t.name: t for t in (QUALTRICS, MSFORMS, GOOGLEFORMS, LIMESURVEY)}
_FALSE = _names("false", "0", "onwaar", "nee", "no")


def detect_tool(columns: list[str]) -> SurveyTool | None:
    """The tool whose export these columns are, when exactly one tool fits."""
    have = {c.casefold() for c in columns}
    found = [t for t in TOOLS.values() if any(sig <= have for sig in t.signatures)]
    return found[0] if len(found) == 1 else None


@dataclass
class ToolTable:
    """A read table after the tool's layout is applied."""

    table: ReadResult
    questions: dict[str, str]  # column -> question text (the column name when the tool gives none)
    answer_columns: list[str]  # columns that are neither metadata nor personal
    id_column: str | None
    date_column: str | None
    skipped: list[RowProblem] = field(default_factory=list)  # preview/test and (if asked) incomplete responses


def _find(columns: list[str], names: tuple[str, ...]) -> str | None:
    by_key = {c.casefold(): c for c in columns}
    return next((by_key[n.casefold()] for n in names if n.casefold() in by_key), None)


def _is_import_id_row(row: RawRow) -> bool:
    return any(str(v or "").lstrip().startswith('{"ImportId"') for v in row.fields.values())


def apply_tool(tool: SurveyTool, table: ReadResult, *, incomplete: str = "keep",
               keep_columns: frozenset[str] = frozenset()) -> ToolTable:
    """Drop personal columns, read the question texts, set aside preview responses.

    ``keep_columns``: metadata columns the mapping names (they stay available, but
    personal columns are dropped whatever the mapping says).
    """
    personal = [c for c in table.columns if c.casefold() in tool.personal]
    columns = [c for c in table.columns if c not in personal]
    rows = table.rows
    questions = {c: c for c in columns}
    if tool.question_rows and rows and not _looks_like_response(rows[0], tool, columns):
        texts = rows[0].fields
        questions = {c: _question_text(texts.get(c)) or c for c in columns}
        rows = rows[1:]
        if rows and _is_import_id_row(rows[0]):
            rows = rows[1:]
    meta = {c for c in columns if c.casefold() in tool.technical}
    answers = [c for c in columns if c not in meta]
    date_cols = [c for n in tool.dates if (c := _find(columns, (n,)))]
    status_col, finished_col = _find(columns, tool.status), _find(columns, tool.finished)
    submitted_col = _find(columns, tool.submitted)
    shown = [c for c in answers + sorted(keep_columns & meta) if c in columns]  # what a rejected row may show

    kept: list[RawRow] = []
    skipped: list[RowProblem] = []
    for row in rows:
        fields = {c: row.fields.get(c) for c in columns}
        fields[DATE_FIELD] = next((fields[c] for c in date_cols if str(fields.get(c) or "").strip()), None)
        raw = "\t".join("" if fields.get(c) is None else str(fields[c]) for c in shown)
        clean = RawRow(row.row, fields, raw)
        status = str(fields.get(status_col) or "").strip().casefold() if status_col else ""
        if status and status in tool.preview_values:
            skipped.append(RowProblem(row.row, Errors.E225.format(tool=tool.label, column=status_col), raw))
            continue
        done = True
        if finished_col is not None:
            done = str(fields.get(finished_col) or "").strip().casefold() not in _FALSE
        elif submitted_col is not None:
            done = bool(str(fields.get(submitted_col) or "").strip())
        if not done and incomplete == "skip":
            skipped.append(RowProblem(row.row, Errors.E226.format(tool=tool.label), raw))
            continue
        kept.append(clean)
    problems = [replace(p, raw="") for p in table.problems]  # a broken line may hold personal columns
    warnings = list(table.warnings)
    if not kept and not skipped and not problems and Errors.E224 not in warnings:
        warnings.append(Errors.E224)
    out = ReadResult(kept, problems, columns, table.encoding, table.delimiter, table.sheet, warnings)
    return ToolTable(out, questions, answers, _find(columns, tool.ids), DATE_FIELD if date_cols else None, skipped)


def _looks_like_response(row: RawRow, tool: SurveyTool, columns: list[str]) -> bool:
    """False for Qualtrics' second header row (question texts) and third (import ids)."""
    if _is_import_id_row(row):
        return False
    from stemmen.ingest.dates import parse_date

    for name in tool.dates:
        col = _find(columns, (name,))
        if col is not None and str(row.fields.get(col) or "").strip():
            try:
                parse_date(row.fields[col])
                return True
            except ValueError:
                return False
    return True


def _question_text(value: object) -> str:
    # Alt+Enter breaks inside a question text; Qualtrics adds " - Selected Choice" to choice columns
    return re.sub(r"\s+", " ", str(value or "")).strip()
