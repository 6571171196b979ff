"""Exports for researchers: one CSV per table and one Excel workbook with a sheet per table.

Column headers are Dutch; ``TABLES`` is the single source of the headers and their meaning
(docs/exports.md describes the same). CSV: UTF-8 with BOM (so Excel shows accents), comma
separated, decimal point, ISO dates, lists joined with "; ". The workbook is written with
``strings_to_formulas=False``: a text that starts with "=" stays text. Cells that a spreadsheet
would read as a formula are neutralised in both (``stemmen.report.cells``, OWASP CSV injection).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from stemmen.errors import Errors, ReportError
from stemmen.report.cells import is_risky, safe_frame
from stemmen.report.data import ReportData

WORKBOOK = "stemmen-export.xlsx"

# table -> [(source column, Dutch header, meaning)]
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "documenten": [
        ("doc_id", "document_id", "id van het document (hash van sleutel en inhoud)"),
        ("kind", "soort", "enquete, brainstorm, manifest_reactie of casus"),
        ("source_name", "bron", "naam van de bron in stemmen.toml"),
        ("group_name", "groep", "burger, medewerker, leidinggevende, raadslid, bestuurder, overig"),
        ("department", "afdeling", "afdeling, als bekend"),
        ("date", "datum", "datum van antwoord, sessie, reactie of notitie (JJJJ-MM-DD)"),
        ("wave", "golf", "enquêtegolf"),
        ("question", "vraag", "enquêtevraag"),
        ("value_ref", "waarde_verwijzing", "waarde waar een reactie op het manifest over gaat"),
        ("article", "artikel", "artikel van het manifest waar een reactie over gaat"),
        ("case_id", "zaaknummer", "zaaknummer (Bureau Verbindingen)"),
        ("status", "status", "status van de zaak bij deze notitie"),
        ("text", "tekst", "gepseudonimiseerde tekst"),
    ],
    "segmenten": [
        ("segment_id", "segment_id", "id van het segment"),
        ("doc_id", "document_id", "document waar het segment in staat"),
        ("text", "tekst", "gepseudonimiseerde tekst van het segment"),
        ("polarity", "toon", "sentiment van −1 (negatief) tot +1 (positief)"),
        ("label", "toon_label", "positief, neutraal of negatief"),
    ],
    "waardescores": [
        ("segment_id", "segment_id", "segment"),
        ("value_id", "waarde", "id van de waarde in het manifest"),
        ("relevance", "relevantie", "hoe sterk het segment over de waarde gaat (0–1, gekalibreerd)"),
        ("alignment", "waardering", "waargemaakt (+1) tot geschonden (−1)"),
    ],
    "index_groep": [
        ("value_id", "waarde", "waarde"),
        ("group", "groep", "groep"),
        ("kind", "soort", "soort bron (als de index daarnaar is gesplitst)"),
        ("period", "periode", "periode (JJJJ-MM, JJJJ-Qn of JJJJ-Wnn; 'totaal' = hele periode)"),
        ("n", "n", "aantal relevante segmenten"),
        ("n_segments", "n_segmenten", "alle segmenten in de cel"),
        ("attention", "aandacht", "aandeel van de segmenten dat over de waarde gaat"),
        ("mean", "gemiddelde", "gemiddelde waardering"),
        ("sd", "sd", "standaardafwijking"),
        ("ci_low", "bi_onder", "ondergrens 95%-betrouwbaarheidsinterval"),
        ("ci_high", "bi_boven", "bovengrens 95%-betrouwbaarheidsinterval"),
        ("ci_method", "bi_methode", "t of bootstrap"),
        ("low_n", "weinig_gegevens", "waar als n kleiner is dan 3"),
    ],
    "index_afdeling": [
        ("value_id", "waarde", "waarde"),
        ("department", "afdeling", "afdeling"),
        ("period", "periode", "periode"),
        ("n", "n", "aantal relevante segmenten"),
        ("n_segments", "n_segmenten", "alle segmenten in de cel"),
        ("attention", "aandacht", "aandeel van de segmenten dat over de waarde gaat"),
        ("mean", "gemiddelde", "gemiddelde waardering"),
        ("ci_low", "bi_onder", "ondergrens 95%-betrouwbaarheidsinterval"),
        ("ci_high", "bi_boven", "bovengrens 95%-betrouwbaarheidsinterval"),
        ("low_n", "weinig_gegevens", "waar als n kleiner is dan 3"),
    ],
    "kloof": [
        ("value_id", "waarde", "waarde"),
        ("n_a", "n_burgers", "aantal teksten van burgers"),
        ("n_b", "n_medewerkers", "aantal teksten van medewerkers en leidinggevenden"),
        ("mean_a", "gemiddelde_burgers", "gemiddelde waardering burgers"),
        ("mean_b", "gemiddelde_medewerkers", "gemiddelde waardering medewerkers"),
        ("diff", "verschil", "burgers min medewerkers"),
        ("ci_low", "bi_onder", "ondergrens 95%-interval van het verschil (bootstrap)"),
        ("ci_high", "bi_boven", "bovengrens 95%-interval van het verschil"),
        ("p", "p", "permutatietoets, tweezijdig"),
        ("p_adj", "p_gecorrigeerd", "p na correctie voor het aantal waarden (Holm)"),
        ("significant", "aantoonbaar", "waar als p_gecorrigeerd < 0,05"),
        ("verdict", "oordeel", "uitkomst in woorden"),
    ],
    "signalen": [
        ("nr", "signaal_nr", "volgnummer van het signaal"),
        ("value_id", "waarde", "waarde"),
        ("group", "groep", "groep ('alle' = samengenomen)"),
        ("department", "afdeling", "afdeling ('alle' = samengenomen)"),
        ("kind", "soort", "soort bron ('alle' = samengenomen)"),
        ("metric", "maat", "alignment (waardering) of attention (aandacht)"),
        ("start_period", "begin_daling", "eerste periode van de daling"),
        ("alarm_period", "signaal_periode", "periode waarin het signaal afging"),
        ("episode_end", "hersteld_in", "periode waarin de reeks terug is op de basislijn (leeg = nog niet)"),
        ("baseline_mean", "basislijn", "gemiddelde in de basisperiode"),
        ("recent_mean", "recent", "gemiddelde sinds het begin van de daling"),
        ("drop", "daling", "basislijn min recent"),
        ("drop_ci_low", "daling_bi_onder", "ondergrens 95%-interval van de daling"),
        ("drop_ci_high", "daling_bi_boven", "bovengrens 95%-interval van de daling"),
        ("n_baseline", "n_basislijn", "relevante segmenten in de basisperiode"),
        ("n_recent", "n_recent", "relevante segmenten sinds de daling"),
        ("statistic", "cusum", "CUSUM-statistiek bij het signaal"),
        ("threshold", "drempel", "drempel h van de CUSUM"),
        ("also_signalled", "ook_gesignaleerd", "overlappende reeksen met hetzelfde signaal"),
    ],
    "signaal_bewijs": [
        ("nr", "signaal_nr", "signaal waar het bewijs bij hoort"),
        ("segment_id", "segment_id", "segment"),
        ("doc_id", "document_id", "document"),
        ("period", "periode", "periode"),
        ("group", "groep", "groep"),
        ("kind", "soort", "soort bron"),
        ("alignment", "waardering", "waardering van het segment"),
        ("relevance", "relevantie", "relevantie van het segment"),
        ("text", "tekst", "gepseudonimiseerde tekst"),
    ],
    "themas": [
        ("theme_id", "thema_id", "id van het thema"),
        ("label", "label", "naam van het thema"),
        ("keywords", "kernwoorden", "kernwoorden"),
        ("size", "omvang", "aantal segmenten"),
    ],
    "thema_toewijzing": [
        ("segment_id", "segment_id", "segment"),
        ("theme_id", "thema_id", "thema"),
    ],
    "casussen": [
        ("case_id", "zaaknummer", "zaaknummer"),
        ("department", "afdeling", "afdeling van de eerste notitie"),
        ("first_date", "eerste_notitie", "datum eerste notitie"),
        ("last_date", "laatste_notitie", "datum laatste notitie"),
        ("n_notes", "notities", "aantal notities"),
        ("outcome", "afloop", "status van de laatste notitie (open = loopt nog)"),
        ("days", "doorlooptijd_dagen", "dagen van eerste tot laatste notitie (afgesloten zaken)"),
        ("tone_first", "toon_eerste", "gemiddelde toon eerste notitie"),
        ("tone_last", "toon_laatste", "gemiddelde toon laatste notitie"),
        ("values", "waarden", "waarden waar de zaak over gaat"),
        ("equal_alignment", "gelijkwaardig_waardering",
         "gemiddelde waardering op de waarde gelijkwaardigheid (leeg = niet beoordeelbaar)"),
    ],
    "herkomst": [
        ("key", "onderdeel", "onderdeel"),
        ("value", "waarde", "waarde"),
    ],
}


def _alerts(data: ReportData) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, ev = [], []
    for i, a in enumerate(data.alerts, 1):
        d = {c: getattr(a, c, None) for c, _, _ in TABLES["signalen"] if c != "nr"}
        d["nr"] = i
        d["also_signalled"] = "; ".join(getattr(a, "also_signalled", ()) or ())
        rows.append(d)
        ev += [{"nr": i, **{c: getattr(e, c) for c, _, _ in TABLES["signaal_bewijs"] if c != "nr"}}
               for e in getattr(a, "evidence", ()) or ()]
    return pd.DataFrame(rows), pd.DataFrame(ev)


def export_tables(data: ReportData) -> dict[str, pd.DataFrame]:
    """The tables to export, with Dutch headers, in a fixed order; absent parts are left out."""
    from stemmen.report.casus import case_metrics
    from stemmen.report.common import lineage_rows

    alerts, evidence = _alerts(data)
    themes = data.themes
    cases = case_metrics(data).cases
    sources: dict[str, Callable[[], pd.DataFrame | None]] = {
        "documenten": lambda: data.documents,
        "segmenten": lambda: data.segments,
        "waardescores": lambda: data.scores,
        "index_groep": lambda: data.alignment,
        "index_afdeling": lambda: data.alignment_department,
        "kloof": lambda: data.gap,
        "signalen": lambda: alerts,
        "signaal_bewijs": lambda: evidence,
        "themas": lambda: themes.themes if themes is not None else None,
        "thema_toewijzing": lambda: themes.assignments if themes is not None else None,
        "casussen": lambda: cases,
        "herkomst": lambda: pd.DataFrame([{"key": k, "value": str(v)} for k, v in
                                          lineage_rows(data) + _flat(data.lineage)]),
    }
    out = {}
    for name, get in sources.items():
        frame = get()
        if frame is None or frame.empty:
            continue
        cols = [(c, h) for c, h, _ in TABLES[name] if c in frame.columns]
        f = frame[[c for c, _ in cols]].copy()
        for c in f.columns:
            if f[c].map(lambda x: isinstance(x, (list, tuple))).any():
                f[c] = f[c].map(lambda x: "; ".join(map(str, x)) if isinstance(x, (list, tuple)) else x)
            if pd.api.types.is_datetime64_any_dtype(f[c]):
                f[c] = f[c].dt.date
        out[name] = f.rename(columns=dict(cols)).reset_index(drop=True)
    return out


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
            for _, header, meaning in TABLES[name]:
                if header in tables[name].columns:
                    ws.write_row(r, 0, [name, header, meaning])
                    r += 1
        ws.set_column(0, 1, 24)
        ws.set_column(2, 2, 90)
    finally:
        wb.close()
    return path
