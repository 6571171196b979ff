"""Guess what the columns of a table are: open text, choice answers, dates, ids, groups.

Used to find a survey tool's open questions and by ``stemmen init --from`` to
propose a ``[[sources]]`` block. Guesses look at names and value shapes only and
never return cell values (they may be personal).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from stemmen.ingest.dates import parse_date
from stemmen.ingest.rows import RawRow

OPEN_MIN_CHARS = 25  # mean answer length from which a column reads as free text
OPEN_MIN_DISTINCT = 0.6  # share of distinct answers from which a shorter column still does


def column_values(rows: Iterable[RawRow], column: str, limit: int = 500) -> list[object]:
    """Up to ``limit`` non-empty values of ``column``, in row order."""
    out = []
    for row in rows:
        v = row.fields.get(column)
        if v is not None and str(v).strip():
            out.append(v)
            if len(out) >= limit:
                break
    return out


def text_profile(values: list[object]) -> tuple[float, float]:
    """(mean length, share of distinct values) of the filled cells of a column."""
    texts = [str(v).strip() for v in values]
    if not texts:
        return 0.0, 0.0
    return sum(map(len, texts)) / len(texts), len(set(texts)) / len(texts)


def is_open_text(values: list[object]) -> bool:
    """Free text rather than a choice, a number, a date or a code."""
    texts = [v for v in values if isinstance(v, str)]
    if not texts or len(texts) < len(values) / 2:
        return False
    if sum(is_date(v) for v in texts) > len(texts) / 2:
        return False
    mean, distinct = text_profile(texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    if mean >= OPEN_MIN_CHARS and words >= 4:
        return True
    # short but varied answers with words ("Eerlijkheid, ook als het nee is") in a column of several rows
    return len(texts) >= 3 and distinct >= OPEN_MIN_DISTINCT and words >= 3


def is_date(value: object) -> bool:
    """True when ``value`` is a date or a text that parses as one."""
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if not isinstance(value, str) or not re.search(r"\d", value):
        return False
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


def open_text_columns(rows: list[RawRow], columns: list[str]) -> list[str]:
    """The columns whose values read as free text (answers), not as codes, numbers or dates."""
    return [c for c in columns if is_open_text(column_values(rows, c))]
