"""Reports (Dutch, self-contained HTML with inline SVG; PDF via headless Chromium) and exports.

Stage modules over plain data: they never open the store. The service layer builds a
:class:`ReportData` with :func:`build_report_data_from_frames` and calls
:func:`write_reports` (or the ``render_*`` functions for strings).
"""

from stemmen.report.data import ReportData, Scope, ThemeSet, ValueInfo, build_report_data_from_frames
from stemmen.report.render import (html_to_pdf, load_snapshot, render_monitoring_report, render_theme_report,
                                   write_reports)

__all__ = ["ReportData", "Scope", "ThemeSet", "ValueInfo", "build_report_data_from_frames", "html_to_pdf",
           "load_snapshot", "render_monitoring_report", "render_theme_report", "write_reports"]
