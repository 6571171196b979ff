"""HTML rendering (Jinja2, Dutch templates), writing report files, PDF via headless Chromium.

A report is one self-contained HTML file: CSS and SVG inline, no scripts, no fonts or
images from elsewhere, so it opens from a USB stick. The PDF is Chromium's print of the
same HTML (print CSS; data tables unfolded).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from stemmen.errors import Errors, ReportError
from stemmen.report import fmt
from stemmen.report.data import ReportData, Scope

THEME_FILE = "themarapport"
MONITORING_FILE = "monitoringsrapport"
SNAPSHOT_SUFFIX = ".snapshot.json"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Flags for a browser that must not touch the network or a user profile.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                  "--disable-default-apps", "--mute-audio")


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment of the report templates (strict undefined, autoescape, Dutch number filters)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("stemmen.report", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(num=fmt.num, pct=fmt.pct, integer=fmt.integer, group=fmt.group, kind=fmt.kind,
                       date=fmt.date, month=fmt.month, missing=fmt.missing, word=fmt.alignment_word)
    return env


def render(template: str, ctx: dict) -> str:
    """One template rendered with ``ctx``."""
    return environment().get_template(template).render(**ctx)


def render_theme_report(data: ReportData, scope: Scope | None = None) -> str:
    """The theme report (for consultants) as one HTML string."""
    from stemmen.report.theme_report import theme_context

    return render("theme.html.j2", theme_context(data, scope))


def render_monitoring_report(data: ReportData) -> tuple[str, dict]:
    """The monitoring report as one HTML string, and the snapshot the next report compares with."""
    from stemmen.report.monitoring_report import monitoring_context

    ctx = monitoring_context(data)
    return render("monitoring.html.j2", ctx), ctx["snapshot"]


def _write(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # a half-written report never replaces a good one
    except OSError as exc:
        raise ReportError(Errors.E905.format(path=path, problem=exc.strerror or exc)) from exc
    return path


def load_snapshot(path: str | Path) -> dict | None:
    """The snapshot of a previous monitoring report, or None when there is none (or it is unreadable)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_reports(data: ReportData, out_dir: str | Path, *, scopes: list[Scope] | None = None, pdf: bool = False,
                  exports: bool = True, which: tuple[str, ...] = ("thema", "monitoring")) -> list[Path]:
    """Write the reports (and exports) into ``out_dir``; returns the paths written.

    One theme report per scope (default: everything), one monitoring report. The monitoring
    report compares with the snapshot of the previous one in ``out_dir`` unless
    ``data.previous`` is given. ``pdf=True`` also prints each HTML file to PDF (Chromium).
    """
    out = Path(out_dir)
    paths: list[Path] = []
    finish_exports = None
    if exports:  # started first: a large workbook is written by a second process meanwhile
        from stemmen.report.export import start_exports

        finish_exports = start_exports(data, out / "export")
    if "thema" in which:
        for scope in scopes or [Scope()]:
            slug = scope.slug()
            name = f"{THEME_FILE}-{slug}.html" if slug else f"{THEME_FILE}.html"
            paths.append(_write(out / name, render_theme_report(data, scope)))
    if "monitoring" in which:
        snap_path = out / f"{MONITORING_FILE}{SNAPSHOT_SUFFIX}"
        if data.previous is None:
            data = data.replaced(previous=load_snapshot(snap_path))
        html, snap = render_monitoring_report(data)
        paths.append(_write(out / f"{MONITORING_FILE}.html", html))
        paths.append(_write(snap_path, json.dumps(snap, ensure_ascii=False, indent=1, default=str)))
    if finish_exports is not None:
        paths += finish_exports()
    if pdf:
        paths += [html_to_pdf(p) for p in list(paths) if p.suffix == ".html"]
    return paths


# --- Chromium ------------------------------------------------------------------------------------

def find_chromium() -> str:
    """Path of a Chromium/Chrome binary (STEMMEN_CHROMIUM wins); raises ReportError when absent."""
    env = os.environ.get("STEMMEN_CHROMIUM")
    if env and Path(env).is_file():
        return env
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ReportError(Errors.E903)


def print_ready_html(html: str) -> str:
    """The same report with every data table unfolded (a closed <details> does not print)."""
    return html.replace('<details class="data">', '<details class="data" open>')


def html_to_pdf(html_path: str | Path, pdf_path: str | Path | None = None, chromium: str | None = None,
                timeout: float = 120.0) -> Path:
    """Print an HTML report to PDF with headless Chromium (``--print-to-pdf``), offline."""
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path) if pdf_path else html_path.with_suffix(".pdf")
    exe = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="stemmen-pdf-") as tmp:
        page = Path(tmp) / html_path.name
        page.write_text(print_ready_html(html_path.read_text(encoding="utf-8")), encoding="utf-8")
        target = Path(tmp) / "out.pdf"
        # --no-pdf-header-footer: no file path and date in the page margins
        cmd = [exe, *CHROMIUM_FLAGS, "--no-pdf-header-footer", f"--user-data-dir={Path(tmp) / 'profile'}",
               f"--print-to-pdf={target}", page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(Errors.E904.format(path=html_path, problem=exc)) from exc
        if not target.is_file() or target.stat().st_size == 0:
            tail = (proc.stderr or "").strip().splitlines()[-3:]
            raise ReportError(Errors.E904.format(path=html_path, problem=f"exitcode {proc.returncode}; {' | '.join(tail)}"))
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), pdf_path)
    return pdf_path
