"""Cells that are safe to open in Excel (OWASP: CSV injection).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is read by spreadsheet programs as a formula: a case note could become one. In CSV
such a cell gets a leading apostrophe (Excel shows it as text); in XLSX it is
written as text with Excel's quote prefix (shown without the apostrophe, and it
stays text when someone edits the cell). Numbers are numbers and left alone.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: object) -> bool:
    """True for a text a spreadsheet would read as a formula (it starts with =, +, -, @, tab or CR)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def safe_text(value: object) -> object:
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + value if is_risky(value) else value


def safe_frame(frame):
    """A copy of a data frame whose text cells are safe for CSV (numeric columns untouched)."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_text, na_action="ignore")
    return out


def safe_row(values) -> list:
    """``safe_text`` of each value of a row."""
    return [safe_text(v) for v in values]
