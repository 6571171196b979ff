"""The two renderings of the one export definition (``stemmen.report.export_spec``).

Both start from the same frames (:func:`export_frames`), so every table has the same rows in both:

- researchers (``stemmen export``): :func:`write_researcher_csvs`, one CSV per table with English
  file names and headers, UTF-8 without BOM; every table is written, an absent one as its header;
- consultants (``stemmen report``): :func:`write_exports`, one CSV per table with Dutch names and
  headers, UTF-8 with BOM (so Excel shows accents), and one Excel workbook with a sheet per table
  and a sheet 'kolommen' with each column's meaning; an absent table is left out.

CSV: comma separated, decimal point, ISO dates, lists joined with "; ", line ends ``\\r\\n``.
The workbook is written with ``strings_to_formulas=False``: a text that starts with "=" stays
text. Cells that a spreadsheet would read as a formula are neutralised in both renderings
(``stemmen.report.cells``, OWASP CSV injection). docs/exports.md describes the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from stemmen.errors import Errors, ReportError
from stemmen.report.cells import is_risky, safe_frame
from stemmen.report.data import ReportData
from stemmen.report.export_spec import TABLES, Table, table

WORKBOOK = "stemmen-export.xlsx"

def _alerts(data: ReportData) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, ev = [], []
    for i, a in enumerate(data.alerts, 1):
        d = {c.source: getattr(a, c.source, None) for c in table("alerts").columns if c.source != "nr"}
        d["nr"] = i
        d["also_signalled"] = "; ".join(getattr(a, "also_signalled", ()) or ())
        rows.append(d)
        ev += [{"nr": i, **{c.source: getattr(e, c.source) for c in table("alert_evidence").columns
                            if c.source != "nr"}}
               for e in getattr(a, "evidence", ()) or ()]
    return pd.DataFrame(rows), pd.DataFrame(ev)


def export_frames(data: ReportData) -> dict[str, pd.DataFrame | None]:
    """English table name -> the frame the table is made from (its source columns; None = not computed)."""
    from stemmen.report.casus import case_metrics
    from stemmen.report.common import lineage_rows

    alerts, evidence = _alerts(data)
    themes = data.themes
    sources: dict[str, Callable[[], pd.DataFrame | None]] = {
        "documents": lambda: data.documents,
        "segments": lambda: data.segments,
        "value_scores": lambda: data.scores,
        "alignment_group": lambda: data.alignment,
        "alignment_department": lambda: data.alignment_department,
        "group_gaps": lambda: data.gap,
        "alerts": lambda: alerts,
        "alert_evidence": lambda: evidence,
        "themes": lambda: themes.themes if themes is not None else None,
        "theme_assignments": lambda: themes.assignments if themes is not None else None,
        "cases": lambda: case_metrics(data).cases,
        "lineage": lambda: pd.DataFrame([{"key": k, "value": str(v)} for k, v in
                                         lineage_rows(data) + _flat(data.lineage)]),
    }
    return {t.en: sources[t.en]() for t in TABLES}  # a table without a source here fails loudly


def render_table(spec: Table, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame as the rendering in ``lang`` shows it: its columns of the definition, in order, renamed;
    lists joined with "; ", timestamps as dates. Columns the frame lacks are left out."""
    cols = [(c, h) for c, h in spec.headers(lang) if c in frame.columns]
    f = frame[[c for c, _ in cols]].copy()
    for c in f.columns:
        if f[c].map(lambda x: isinstance(x, (list, tuple))).any():
            f[c] = f[c].map(lambda x: "; ".join(map(str, x)) if isinstance(x, (list, tuple)) else x)
        if pd.api.types.is_datetime64_any_dtype(f[c]):
            f[c] = f[c].dt.date
    return f.rename(columns=dict(cols)).reset_index(drop=True)


def export_tables(data: ReportData, lang: str = "nl") -> dict[str, pd.DataFrame]:
    """The tables to export in the rendering in ``lang``, in the definition's order, named and headed in
    that language; absent and empty parts are left out."""
    frames = export_frames(data)
    out = {}
    for spec in TABLES:
        frame = frames[spec.en]
        if frame is None or frame.empty:
            continue
        out[spec.name(lang)] = render_table(spec, frame, lang)
    return out


def write_researcher_csvs(data: ReportData, out_dir: str | Path) -> list[Path]:
    """The researchers' rendering: one CSV per table of the definition, English names and headers.

    Every table is written (one not computed yet as its header only), so that scripts find every file.
    """
    out = Path(out_dir)
    tables = export_tables(data, "en")
    paths = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for spec in TABLES:
            frame = tables.get(spec.en)
            if frame is None:
                frame = pd.DataFrame(columns=[h for _, h in spec.headers("en")])
            p = out / f"{spec.en}.csv"
            safe_frame(frame).to_csv(p, index=False, encoding="utf-8", lineterminator="\r\n")
            paths.append(p)
    except OSError as exc:
        raise ReportError(Errors.E905.format(path=out, problem=exc.strerror or exc)) from exc
    return paths


def _flat(d: dict, prefix: str = "") -> list[tuple[str, object]]:
    out = []
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out += _flat(v, key + ".")
        else:
            out.append((key, v))
    return out


PARALLEL_CELLS = 100_000  # from this size the workbook is written by a second process


def write_exports(data: ReportData, out_dir: str | Path) -> list[Path]:
    """CSV files and one workbook in ``out_dir``; returns the paths."""
    return start_exports(data, out_dir)()


def start_exports(data: ReportData, out_dir: str | Path) -> Callable[[], list[Path]]:
    """Start writing the exports; returns a function that finishes them and gives the paths.

    A large workbook (pure-Python cell writing, the slowest part) is written by a second
    process, so that on two cores the caller renders the reports meanwhile (about 2 s less
    at 10,000 documents). Where no process can be started it is written here.
    """
    out = Path(out_dir)
    tables = export_tables(data)
    book, notes = _workbook_tables(tables, data.threshold)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(Errors.E905.format(path=out, problem=exc.strerror or exc)) from exc
    cells = sum(frame.size for frame in book.values())
    job = _in_second_process(write_workbook, book, out / WORKBOOK, notes) if cells >= PARALLEL_CELLS else None

    def finish() -> list[Path]:
        paths = []
        try:
            for name, frame in tables.items():
                p = out / f"{name}.csv"
                safe_frame(frame).to_csv(p, index=False, encoding="utf-8-sig", lineterminator="\r\n")
                paths.append(p)
            paths.append(_result(job) if job is not None else write_workbook(book, out / WORKBOOK, notes))
        except OSError as exc:
            raise ReportError(Errors.E905.format(path=out, problem=exc.strerror or exc)) from exc
        return paths

    def _result(job) -> Path:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return job.result()
        except BrokenProcessPool:  # the helper process died: write it here after all
            return write_workbook(book, out / WORKBOOK, notes)

    return finish


def _in_second_process(fn: Callable, *args):
    """``fn(*args)`` in a fresh process (spawned: no state of this one is shared); None if none starts."""
    import concurrent.futures as cf
    import multiprocessing as mp

    try:
        pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"))
        job = pool.submit(fn, *args)
    except (OSError, RuntimeError, ValueError):
        return None
    pool.shutdown(wait=False)  # the process ends once the job is done
    return job


EXCEL_MAX_ROWS = 1_048_576  # rows per sheet in Excel, header included


def _cell_writer(ws, series: pd.Series, datef, quoted):
    """One write function per column, chosen once from its dtype (the per-cell checks were most of the time).

    A text that Excel would read as a formula gets the quote prefix (``quoted``): text, also once edited.
    """
    if pd.api.types.is_bool_dtype(series):
        return lambda i, j, v: ws.write_boolean(i, j, bool(v))
    if pd.api.types.is_numeric_dtype(series):
        return lambda i, j, v: ws.write_number(i, j, float(v))

    def write_text(i, j, v):
        if is_risky(v):
            ws.write_string(i, j, v, quoted)
        else:
            ws.write_string(i, j, v)
    if series.map(lambda v: v is None or isinstance(v, str)).all():
        return write_text

    def write_any(i, j, v):
        if isinstance(v, str):
            write_text(i, j, v)
        elif isinstance(v, bool):
            ws.write_boolean(i, j, v)
        elif hasattr(v, "year") and hasattr(v, "month"):
            ws.write_datetime(i, j, pd.Timestamp(v).to_pydatetime(), datef)
        elif isinstance(v, (int, float)):
            ws.write_number(i, j, v)
        elif hasattr(v, "item"):  # numpy scalar
            ws.write(i, j, v.item())
        else:
            ws.write_string(i, j, str(v))
    return write_any


def _workbook_tables(tables: dict[str, pd.DataFrame], threshold: float) -> tuple[dict[str, pd.DataFrame], dict]:
    """The workbook is for reading: its value-score sheet keeps the relevant pairs only (the CSV has all).

    One row per segment and value is five times the segments, mostly near-zero relevance, and
    was most of the time spent writing the workbook on a large store.
    """
    scores = tables.get("waardescores")
    if scores is None:
        return tables, {}
    keep = scores[scores["relevantie"] >= threshold]
    count = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731 - Dutch thousands separator
    note = (f"alleen segment-waardeparen met relevantie ≥ {threshold:g} ({count(len(keep))} van {count(len(scores))});"
            f" alle paren staan in waardescores.csv").replace("≥ 0.", "≥ 0,")
    return {**tables, "waardescores": keep.reset_index(drop=True)}, {"waardescores": note}


def write_workbook(tables: dict[str, pd.DataFrame], path: Path, notes: dict[str, str] | None = None) -> Path:
    """One sheet per table (bold header, frozen first row, filter), plus 'kolommen' explaining headers.

    A table longer than an Excel sheet is not cut off silently: its sheet is left out and
    'kolommen' says so; the CSV next to the workbook has all rows.
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "nan_inf_to_errors": True})
    too_long = {name: len(f) for name, f in tables.items() if len(f) >= EXCEL_MAX_ROWS}
    try:
        head = wb.add_format({"bold": True, "bg_color": "#DCE6F0", "border": 1})
        datef = wb.add_format({"num_format": "yyyy-mm-dd"})
        quoted = wb.add_format({"quote_prefix": True})
        for name, frame in tables.items():
            if name in too_long:
                continue
            ws = wb.add_worksheet(name[:31])
            for j, col in enumerate(frame.columns):
                ws.write_string(0, j, str(col), head)
                values = frame[col].tolist()
                width = max([len(str(col))] + [min(len(str(v)), 60) for v in values[:200]]) + 2
                ws.set_column(j, j, min(width, 62))
                write = _cell_writer(ws, frame[col], datef, quoted)
                for i, v in enumerate(values, 1):
                    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
                        continue
                    write(i, j, v)
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, max(len(frame), 1), max(len(frame.columns) - 1, 0))
        ws = wb.add_worksheet("kolommen")
        for j, h in enumerate(("tabblad", "kolom", "betekenis")):
            ws.write_string(0, j, h, head)
        r = 1
        for name, n in too_long.items():
            ws.write_row(r, 0, [name, "", f"{n:,} rijen: te veel voor één Excel-blad; zie {name}.csv".replace(",", ".")])
            r += 1
        for name, note in (notes or {}).items():
            ws.write_row(r, 0, [name, "", note])
            r += 1
        for name in tables:
            for col in table(name).columns:
                if col.nl is not None and col.nl in tables[name].columns:
                    ws.write_row(r, 0, [name, col.nl, col.meaning])
                    r += 1
        ws.set_column(0, 1, 24)
        ws.set_column(2, 2, 90)
    finally:
        wb.close()
    return path
