"""Turn an input file into rows (tables); ``transcript_files`` turns one into speaker turns.

Readers never lose data silently: a row that cannot be parsed comes back as a
:class:`RowProblem` (it becomes a rejected row), and a file that cannot be read
at all raises :class:`stemmen.errors.InputError` with a Dutch message. Readers
are pure: no store, no pseudonymisation, no Prefect.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from stemmen.errors import Errors, InputError
from stemmen.ingest.dates import parse_date
from stemmen.ingest.rows import RawRow, ReadResult, RowProblem, TranscriptResult, Turn

__all__ = [
    "RawRow", "RowProblem", "ReadResult", "Turn", "TranscriptResult",
    "read_table", "read_text",
    "TABLE_EXTENSIONS", "TRANSCRIPT_EXTENSIONS", "DELIMITERS",
]

TABLE_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".jsonl", ".ndjson")
TRANSCRIPT_EXTENSIONS = (".txt", ".vtt", ".srt", ".docx")
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tab", "|": "'|'"}
_SNIFF_LINES = 200
_FEW_CONTROLS = 8  # this many control characters are stray ones even in a small text file
_MAX_HEADER_NAME = 100
_JSON_ARRAY_HINT = " — het bestand is één JSON-lijst; schrijf één object per regel (JSON Lines)"


# --------------------------------------------------------------------------- files

def _fail(path: Path, problem: str, row: int | None = None) -> InputError:
    if row is None:
        return InputError(Errors.E200.format(file=path.name, problem=problem), file=str(path))
    return InputError(Errors.E201.format(file=path.name, row=row, problem=problem), file=str(path), row=row)


def _check_file(path: Path, supported: tuple[str, ...]) -> None:
    if not path.exists():
        raise _fail(path, Errors.E202)
    if path.is_dir():
        raise _fail(path, Errors.E203)
    if path.suffix.lower() not in supported:
        raise _fail(path, Errors.E207.format(ext=path.suffix or "(geen)", supported=", ".join(supported)))
    if path.stat().st_size == 0:
        raise _fail(path, Errors.E204)


def _binary_hint(head: bytes) -> str | None:
    """Name the real format of a binary file, or None when it may be text."""
    if head.startswith(b"PK\x03\x04"):
        return " — het lijkt een Excel- of Word-bestand; gebruik de extensie .xlsx of .docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return " — het is een oud Office-bestand (.xls/.doc); sla het op als .xlsx, .docx of .csv"
    if head.startswith(b"%PDF"):
        return " — het is een PDF-bestand"
    return None


def read_text(path: str | Path) -> tuple[str, str]:
    """Return (text, encoding) of a text file.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised; Windows-1252
    is used only when the bytes are not valid UTF-8. Binary files raise InputError.
    """
    path = Path(path)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _check_text(path, data.decode("utf-8-sig"), "utf-8-sig")
        except UnicodeDecodeError:  # a BOM followed by Windows-1252 text: trust the bytes
            data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel "Unicode-tekst"
        return _check_text(path, _decode_or_fail(path, data, "utf-16"), "utf-16")
    hint = _binary_hint(data[:8])
    if hint is not None:
        raise _fail(path, Errors.E206.format(hint=hint))
    if b"\x00" in data:
        sample = data[:4096]
        if sample[1::2].count(0) > 0.9 * len(sample[1::2]):
            return _check_text(path, _decode_or_fail(path, data, "utf-16-le"), "utf-16-le")
        if sample[0::2].count(0) > 0.9 * len(sample[0::2]):
            return _check_text(path, _decode_or_fail(path, data, "utf-16-be"), "utf-16-be")
        # a stray NUL in one cell (a copy from another system) does not make a text file binary:
        # _check_text still refuses a file full of control characters, strip_controls removes the few
        if data.count(0) > max(_FEW_CONTROLS, 0.01 * len(data)):
            raise _fail(path, Errors.E206.format(hint=""))
    try:
        return _check_text(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _check_text(path, data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:  # 5 bytes are undefined in cp1252; latin-1 maps them all
        return _check_text(path, data.decode("latin-1"), "latin-1")


def _decode_or_fail(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise _fail(path, Errors.E206.format(hint="")) from None


def _check_text(path: Path, text: str, encoding: str) -> tuple[str, str]:
    sample = text[:65536]
    control = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\x7f")
    if sample and control > max(_FEW_CONTROLS, 0.01 * len(sample)):
        raise _fail(path, Errors.E206.format(hint=""))
    return text.removeprefix("\ufeff"), encoding


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters (NUL, form feed, ...; tab and line ends stay) and their count."""
    cleaned, n = _CONTROLS.subn("", text)
    return cleaned, n


def _controls_note(n: int) -> list[str]:
    return [Errors.E223.format(n=n)] if n else []


# --------------------------------------------------------------------------- tables

def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    expected_columns: Iterable[str] | None = None,
    delimiter: str | None = None,
    allow_empty: bool = False,
) -> ReadResult:
    """Read a CSV/TSV/TXT, XLSX or JSONL file into rows.

    ``sheet`` picks an XLSX sheet (default: the first). ``expected_columns``: when
    given and none of them is among the file's columns (case-insensitive), raise
    InputError listing the columns found, with a delimiter hint. ``delimiter``
    overrides the detection for delimited text. ``allow_empty``: a file with only a
    header row gives no rows and a warning instead of an error (a survey without
    responses yet). Control characters in cells are removed and counted in ``warnings``.
    """
    path = Path(path)
    _check_file(path, TABLE_EXTENSIONS)
    ext = path.suffix.lower()
    if ext not in (".xlsx", ".jsonl", ".ndjson"):
        result = _read_delimited(path, ext, delimiter, expected_columns)
    else:
        result = _read_xlsx(path, sheet) if ext == ".xlsx" else _read_jsonl(path)
        if expected_columns is not None:
            _check_expected(path, result, list(expected_columns), header_line=None)
    if not result.rows and not result.problems:
        if not allow_empty:
            raise _fail(path, Errors.E205)
        result.warnings.append(Errors.E224)
    return result


def _read_delimited(
    path: Path, ext: str, delimiter: str | None, expected_columns: Iterable[str] | None
) -> ReadResult:
    text, encoding = read_text(path)
    text, n_controls = strip_controls(text)
    if not text.strip():
        raise _fail(path, Errors.E204)
    # A single answer may be megabytes long; the default limit (128 KiB) would abort the file.
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)
    lines = io.StringIO(text, newline="").readlines()
    # Excel's "sep=;" first line names the delimiter and is not part of the table
    sep_line = re.fullmatch(r"sep=(.)\s*", lines[0]) if lines else None
    if sep_line:
        delimiter = delimiter or sep_line[1]
    delimiter = delimiter or _detect_delimiter(lines, ext)
    records = [r for r in _records(path, lines, delimiter) if not (sep_line and r[0] == 1)]

    header_row, header_fields = next(((r, f) for r, _, f in records if _filled(f)), (None, None))
    if header_fields is None:
        raise _fail(path, Errors.E204)
    columns = _column_names([_header_name(f) for f in header_fields], excel=False)
    _check_header(path, columns, header_row, lambda v: _looks_numeric(v) or _is_date(v))
    if expected_columns is not None:
        _check_expected(path, ReadResult([], [], columns, encoding, delimiter), list(expected_columns),
                        header_line=lines[header_row - 1])

    rows: list[RawRow] = []
    problems: list[RowProblem] = []
    for start, end, fields in records:
        if start <= header_row or not _filled(fields):
            continue
        raw = "".join(lines[start - 1:end]).rstrip("\r\n")
        if len(fields) > len(columns) and not _filled(fields[len(columns):]):
            fields = fields[: len(columns)]
        if end == len(lines) and _unclosed_quote(raw):  # a file cut off inside a quoted answer
            problems.append(RowProblem(start, Errors.E222.format(start=start, end=end), raw))
            continue
        if len(fields) != len(columns):
            hint = f" (regels {start}-{end}; mogelijk een aanhalingsteken dat niet gesloten is)" if end > start else ""
            problems.append(RowProblem(start, Errors.E212.format(n=len(fields), expected=len(columns), hint=hint), raw))
            continue
        rows.append(RawRow(start, dict(zip(columns, fields)), raw))
    return ReadResult(rows, problems, columns, encoding, delimiter, warnings=_controls_note(n_controls))


def _records(path: Path, lines: list[str], delimiter: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, fields) per CSV record; quoted newlines span lines."""
    reader = csv.reader(lines, delimiter=delimiter)
    out: list[tuple[int, int, list[str]]] = []
    previous = 0
    try:
        for fields in reader:
            out.append((previous + 1, reader.line_num, fields))
            previous = reader.line_num
    except csv.Error as exc:
        raise _fail(path, Errors.E218.format(error=exc), row=previous + 1) from None
    return out


def _unclosed_quote(raw: str) -> bool:
    # Quotes inside a quoted field are doubled, so an odd count means one never closed.
    return raw.count('"') % 2 == 1


def _detect_delimiter(lines: list[str], ext: str) -> str:
    """Pick the delimiter that splits the header into the most consistently repeated field count.

    csv.Sniffer guesses from character frequencies and is easily fooled by
    commas inside answers; counting parsed fields per record is not.
    """
    sample = lines[:_SNIFF_LINES]
    truncated = len(lines) > _SNIFF_LINES
    preferred = "\t" if ext == ".tsv" else None
    best: tuple[float, bool, int] | None = None
    # no delimiter fits (a single column): take one that does not split the first line
    first = next((line for line in sample if line.strip()), "")
    chosen = preferred or min(DELIMITERS, key=first.count)
    for d in DELIMITERS:
        try:
            records = [r for r in csv.reader(sample, delimiter=d) if _filled(r)]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        body = records[1:-1] if truncated else records[1:]
        fits = sum(1 for r in body if len(r) == width or (len(r) > width and not _filled(r[width:])))
        score = (round(fits / len(body), 2) if body else 1.0, d == preferred, width)
        # a delimiter that most rows disagree with is a comma inside text, not a separator
        if score[0] >= 0.5 and (best is None or score > best):
            best, chosen = score, d
    return chosen


def _read_xlsx(path: Path, sheet: str | None) -> ReadResult:
    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:4096]
        hint = _binary_hint(head[:8])
        if hint is None and b"\x00" not in head:
            hint = " — het lijkt een tekstbestand; geef het de extensie .csv"
        raise _fail(path, Errors.E208.format(hint=hint or ""))
    import openpyxl  # lazy: only needed for spreadsheets

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises KeyError/InvalidFileException/... on broken packages
        raise _fail(path, Errors.E208.format(hint=f" ({type(exc).__name__})")) from None
    try:
        names = workbook.sheetnames
        if sheet is None:
            ws = workbook.worksheets[0]
        else:
            match = next((n for n in names if n == sheet), None) or next(
                (n for n in names if n.casefold() == sheet.strip().casefold()), None)
            if match is None:
                raise _fail(path, Errors.E209.format(sheet=sheet, sheets=", ".join(names)))
            ws = workbook[match]
        ws.reset_dimensions()  # a wrong <dimension> tag would otherwise cut rows off
        removed = [0]
        grid = [(n, [_cell(v, removed) for v in values])
                for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)]
        title = ws.title
    finally:
        workbook.close()

    filled = [(n, values) for n, values in grid if _filled(values)]
    if not filled:
        raise _fail(path, Errors.E204)
    titles = _title_rows([values for _, values in filled])
    filled = filled[titles:]
    header_row, header = filled[0]
    width = max(_last_filled(values) for _, values in filled)
    names_ = [_header_name(v) for v in header] + [""] * width
    columns = _column_names(names_[:width], excel=True)
    _check_header(path, columns, header_row, lambda v: False,
                  raw_header=[v for v in header if v is not None])
    rows = [RawRow(n, {c: (values[i] if i < len(values) else None) for i, c in enumerate(columns)},
                   "\t".join(_text(v) for v in values[: _last_filled(values)]))
            for n, values in filled[1:]]
    notes = _controls_note(removed[0]) + ([Errors.E241.format(n=titles)] if titles else [])
    return ReadResult(rows, [], columns, None, None, sheet=title, warnings=notes)


def _read_jsonl(path: Path) -> ReadResult:
    text, encoding = read_text(path)
    if not text.strip():
        raise _fail(path, Errors.E204)
    if text.lstrip().startswith("["):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None
        if isinstance(whole, list):
            raise _fail(path, Errors.E215.format(hint=_JSON_ARRAY_HINT))
    rows: list[RawRow] = []
    problems: list[RowProblem] = []
    columns: dict[str, None] = {}
    n_controls = 0
    # split on "\n" only: U+2028 and friends are legal inside JSON strings
    for number, line in enumerate(text.split("\n"), start=1):
        raw = line.rstrip("\r")
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(RowProblem(number, Errors.E213.format(error=f"bij teken {exc.colno}: {_json_error(exc.msg)}"), raw))
            continue
        if not isinstance(value, dict):
            problems.append(RowProblem(number, Errors.E214.format(kind=_json_kind(value)), raw))
            continue
        columns.update(dict.fromkeys(str(k) for k in value))
        fields = {}
        for k, v in value.items():
            if isinstance(v, str):  # "\u0000" in a JSON string
                v, n = strip_controls(v)
                n_controls += n
            fields[str(k)] = v
        rows.append(RawRow(number, fields, raw))
    if not rows:
        hint = _JSON_ARRAY_HINT if text.lstrip().startswith("[") else ""
        raise _fail(path, Errors.E215.format(hint=hint))
    return ReadResult(rows, problems, list(columns), encoding, None, warnings=_controls_note(n_controls))


def _title_rows(rows: list[list[object]], look: int = 10) -> int:
    """How many leading spreadsheet rows are titles (one filled cell, often merged across) above the header.

    Only text cells make a header; in delimited text a one-field first line means a wrong
    delimiter far more often than a title, so this is for spreadsheets only.
    """
    for i, values in enumerate(rows[:look]):
        cells = [v for v in values if v is not None and str(v).strip()]
        if len(cells) > 1:
            return i if all(isinstance(v, str) for v in cells) else 0
    return 0


def _check_header(path: Path, columns: list[str], row: int, is_data, raw_header: list | None = None) -> None:
    """Raise when the first filled row holds data instead of column names."""
    # The messages say where, not what: cell content may hold personal data and errors get logged.
    long = next((i for i, c in enumerate(columns, start=1) if len(c) > _MAX_HEADER_NAME), None)
    if long is not None:
        reason = f"kolom {long} van de eerste rij bevat een tekst van {len(columns[long - 1])} tekens"
        raise _fail(path, Errors.E210.format(reason=reason), row=row)
    values = raw_header if raw_header is not None else columns
    datalike = [v for v in values if not isinstance(v, str) or is_data(v)]
    if values and len(datalike) * 2 > len(values):
        reason = f"{len(datalike)} van de {len(values)} cellen van de eerste rij zijn getallen of datums"
        raise _fail(path, Errors.E210.format(reason=reason), row=row)


def _check_expected(path: Path, result: ReadResult, expected: list[str], header_line: str | None) -> None:
    if not expected:
        return
    found = {_header_name(c).casefold() for c in result.columns}
    if any(_header_name(e).casefold() in found for e in expected):
        return
    hint = ""
    if header_line is not None and len(result.columns) == 1:
        counts = {d: header_line.count(d) for d in DELIMITERS if d != result.delimiter}
        likely = max(counts, key=counts.get)
        if counts[likely]:
            hint = f"; is het scheidingsteken misschien {_DELIMITER_NAMES[likely]}?"
    elif result.sheet is not None:
        hint = f"; gelezen werkblad: '{result.sheet}'"
    raise _fail(path, Errors.E211.format(expected=", ".join(expected),
                                          found=", ".join(result.columns) or "(geen)", hint=hint))


def _column_names(names: list[str], *, excel: bool) -> list[str]:
    """Name unnamed columns after their position and make duplicates unique.

    Delimited text drops trailing unnamed columns (a trailing delimiter); a
    spreadsheet keeps every column that holds data (``names`` is cut to that width).
    """
    while names and not names[-1] and not excel:
        names = names[:-1]
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        if not name:
            name = f"kolom {_excel_letter(i)}" if excel else f"kolom {i}"
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        out.append(name if seen[key] == 1 else f"{name}_{seen[key]}")
    return out


def _header_name(value: object) -> str:
    # Alt+Enter line breaks and stray BOM/zero-width characters in names make them unmatchable.
    text = "" if value is None else _text(value)
    return re.sub(r"\s+", " ", text.replace("\ufeff", "").replace("\u200b", "")).strip()


def _excel_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(value: object, removed: list[int]) -> object:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, str):
        value, n = strip_controls(value)
        removed[0] += n
    return value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _filled(values: Iterable[object]) -> bool:
    return any(v is not None and str(v).strip() for v in values)


def _last_filled(values: list[object]) -> int:
    for i in range(len(values), 0, -1):
        v = values[i - 1]
        if v is not None and str(v).strip():
            return i
    return 0


def _looks_numeric(value: str) -> bool:
    return bool(re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?", value.strip()))


def _is_date(value: str) -> bool:
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


_JSON_ERRORS = {  # json's English messages, for a Dutch reason
    "Unterminated string": "tekst tussen aanhalingstekens niet afgesloten",
    "Expecting value": "waarde verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Expecting property name": "veldnaam tussen dubbele aanhalingstekens verwacht",
    "Extra data": "extra tekens na het einde van het object",
    "Invalid control character": "ongeldig stuurteken",
    "Invalid \\escape": "ongeldige escape met \\",
}


def _json_error(message: str) -> str:
    return next((nl for en, nl in _JSON_ERRORS.items() if message.startswith(en)), "ongeldige opbouw")


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, str):
        return "tekst"
    if value is None:
        return "null"
    return "een getal" if isinstance(value, (int, float)) and not isinstance(value, bool) else "true/false"
