"""Parse the dates people put in Dutch survey exports, transcripts and case files.

Everything numeric is read day-first (Dutch convention): ``3-4-2025`` is 3 April.
Failures raise :class:`ValueError` whose message is a Dutch reason fit for a
rejected row (see ``Errors.E230``-``E238``).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from stemmen.errors import Errors

__all__ = ["parse_date", "check_not_future", "find_date", "MONTHS"]

# Dutch month names and abbreviations (plus the English ones that differ, since
# exports from English-language tools end up here too).
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "maa": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

_WEEKDAYS = (
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    "ma|di|wo|do|vr|za|zo|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
# A time part is accepted and ignored: "10:00", "10:00:05", "10.00 uur", "om 10:00", "T10:00:00Z"
# (matched against the lower-cased input).
_TIME = r"(?:(?:\s*,?\s*(?:om\s+)?|t)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:uur|u)?(?:z|[+-]\d{2}:?\d{2})?)?"

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_MONTH_KEY = re.compile(r"(\d{4})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20250403
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_NAMED = re.compile(
    rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
    r"(?:(\d{1,2})(?:e|ste|de)?[\s.-]*)?"  # optional day: "3", "3e", "03-"
    r"([a-z]+)\.?"  # month name or abbreviation
    r"(?:[\s.,-]+('?\d{4}|'\d{2}))?"  # year ("2025", "'25")
    + _TIME
)

# Excel serials: 1 = 1900-01-01; 2958465 = 9999-12-31. 60 is Lotus' 1900-02-29.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX = 2958465


def parse_date(value: object) -> dt.date:
    """Return the date in ``value``.

    Accepts ``date``/``datetime`` objects, Excel serial numbers (int/float cells),
    ISO strings (``2025-04-03``, ``2025-04-03T10:00:00``, ``2025-04-03 10:00``),
    a month key ``2025-04`` (first of the month), Dutch day-first numeric dates
    (``3-4-2025``, ``03/04/2025``, ``3.4.25``) and Dutch month names, full or
    abbreviated, with an optional weekday (``maandag 3 april 2025``, ``3 apr. 2025``,
    ``april 2025`` -> first of the month).

    Raises ValueError with a Dutch reason when ``value`` is not an existing date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise ValueError(Errors.E238)
    if isinstance(value, bool):
        raise ValueError(Errors.E230.format(value=value))
    if isinstance(value, (int, float)):
        return _from_excel_serial(value)
    if not isinstance(value, str):
        raise ValueError(Errors.E230.format(value=value))

    shown = value.strip()
    if len(shown) > 40:  # reasons echo the value; a mis-mapped answer column must not end up whole in them
        shown = shown[:37] + "…"
    text = re.sub(r"\s+", " ", value.strip()).lower()
    if not text:
        raise ValueError(Errors.E238)

    if m := _ISO.fullmatch(text):
        return _build(shown, int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH_KEY.fullmatch(text):
        return _build(shown, int(m[1]), int(m[2]), 1)
    if m := _COMPACT.fullmatch(text):
        return _build(shown, int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST.fullmatch(text):
        return _build(shown, _full_year(m[4]), int(m[3]), int(m[1]))
    if m := _NAMED.fullmatch(text):
        day, name, year = m[1], m[2], m[3]
        month = MONTHS.get(name)
        if month is None:
            if day is None and year is None:
                raise ValueError(Errors.E230.format(value=shown))
            raise ValueError(Errors.E234.format(value=shown, name=name))
        if year is None:
            raise ValueError(Errors.E235.format(value=shown))
        return _build(shown, _full_year(year.lstrip("'")), month, int(day) if day else 1)
    raise ValueError(Errors.E230.format(value=shown))


def check_not_future(d: dt.date, today: dt.date | None = None) -> dt.date:
    """Return ``d``; raise ValueError (Dutch reason) when it lies after ``today``."""
    today = today or dt.date.today()
    if d > today:
        raise ValueError(Errors.E237.format(value=d.isoformat(), today=today.isoformat()))
    return d


# Candidates inside running text, e.g. a transcript header "Brainstorm 10 februari 2025".
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_FIND = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"
    r"|\b\d{1,2}([-/.])\d{1,2}\1\d{4}\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_ALT})\.?\s+\d{{4}}\b",
    re.IGNORECASE,
)


def find_date(text: str) -> dt.date | None:
    """Return the first existing date written out in ``text`` (or None)."""
    for m in _FIND.finditer(text):
        try:
            return parse_date(m[0])
        except ValueError:
            continue
    return None


def _build(shown: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(Errors.E232.format(value=shown, month=month))
    if not 1 <= day <= 31:
        raise ValueError(Errors.E233.format(value=shown, day=day))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(Errors.E231.format(value=shown)) from None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # POSIX pivot: 69 -> 2069, 70 -> 1970
        year += 2000 if year < 70 else 1900
    return year


def _from_excel_serial(value: int | float) -> dt.date:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(Errors.E236.format(value=value))
    day = math.floor(value)  # the fraction is the time of day
    if not 1 <= day <= _EXCEL_MAX or day == 60:
        raise ValueError(Errors.E236.format(value=value))
    if day < 60:  # before Excel's phantom 1900-02-29
        day += 1
    return _EXCEL_EPOCH + dt.timedelta(days=day)
