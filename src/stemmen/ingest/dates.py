"""Parse the dates people put in Dutch survey exports, transcripts and case files.

Everything numeric is read day-first (Dutch convention): ``3-4-2025`` is 3 April,
unless a source says ``date_order = "mdy"``. Failures raise :class:`ValueError`
whose message is a Dutch reason fit for a rejected row (``Errors.E230``-``E240``);
the reason shows the shape of the value (``dd-dd-dddd``), never the value itself.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from stemmen.errors import Errors

__all__ = ["parse_date", "check_not_future", "find_date", "value_shape", "MONTHS", "ZONES"]

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
# Zones survey tools write after a time of day, as hours east of UTC. Amsterdam's own (CET/CEST)
# and UTC are what Dutch exports carry; the rest are there so that a server elsewhere does not
# turn a row into a rejected one.
ZONES: dict[str, float] = {
    "z": 0, "utc": 0, "gmt": 0, "wet": 0, "west": 1, "bst": 1, "ist": 1,
    "cet": 1, "met": 1, "mez": 1, "cest": 2, "mest": 2, "mesz": 2, "eet": 2, "eest": 3,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
}
LOCAL_ZONE = "Europe/Amsterdam"

# A time of day after the date: "10:00", "10:00:05", "10.00 uur", "om 10:00", "T10:00:00Z",
# "11:20:07 AM GMT+2", "11:20:07.123+02:00", "11:20:07 CET" (matched against the lower-cased input).
# With a zone the moment is converted to Dutch time before the date is taken.
_TIME = (
    r"(?:(?:\s*,?\s*(?:om\s+)?|t)(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?:uur|u(?![a-z]))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"\s*(?P<zone>(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}(?::?\d{2})?|[a-z]{1,5})?)?"
)

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_MONTH_KEY = re.compile(r"(\d{4})-(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20250403
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")  # an Excel date number that reached a CSV as text: 45810.47
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_NAMED = re.compile(
    rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
    r"(?:(\d{1,2})(?:e|ste|de)?[\s.-]*)?"  # optional day: "3", "3e", "03-"
    r"([a-z]+)\.?"  # month name or abbreviation
    r"(?:[\s.,-]+('?\d{4}|'\d{2}))?"  # year ("2025", "'25")
    + _TIME
)
# English tools: "Monday, June 2, 2025 11:20", "Jun 2, 2025"
_MONTH_FIRST = re.compile(
    rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?([a-z]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})" + _TIME
)

# Excel serials: 1 = 1900-01-01; 2958465 = 9999-12-31. 60 is Lotus' 1900-02-29.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX = 2958465

# Words a reason may show as they are; any other word in a bad value is shown as <tekst>.
_SHAPE_WORDS = frozenset(MONTHS) | frozenset(_WEEKDAYS.split("|")) | frozenset(ZONES) | {
    "am", "pm", "om", "uur", "u", "t", "gmt", "utc"}


def value_shape(value: object, limit: int = 40) -> str:
    """The form of a value without its content: ``'02/06/2025 11:20:07 CET'`` -> ``'dd/dd/dddd dd:dd:dd CET'``.

    Rejection reasons show this instead of the value, so that a reason never carries
    personal data and never has to be pseudonymised (which would garble its own words).
    """
    text = re.sub(r"\s+", " ", str(value).strip())
    text = re.sub(r"[^\W\d_]+", lambda m: m[0] if m[0].lower() in _SHAPE_WORDS else "\x00", text)
    text = re.sub(r"\d", "d", text)
    text = re.sub(r"\x00(?:[\s,.'’-]*\x00)*", "<tekst>", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_date(value: object, order: str = "dmy") -> dt.date:
    """Return the date in ``value``.

    Accepts ``date``/``datetime`` objects, Excel serial numbers (int/float cells, or
    a five-digit number as text), ISO strings (``2025-04-03``, ``2025-04-03T10:00:00Z``,
    ``2025/06/02 11:20:07 CET``), a month key ``2025-04`` (first of the month), Dutch
    day-first numeric dates (``3-4-2025``, ``03/04/2025 14:30``, ``3.4.25``), Dutch
    month names, full or abbreviated, with an optional weekday (``maandag 3 april 2025``,
    ``3 apr. 2025``, ``april 2025`` -> first of the month) and English month-first
    forms (``June 2, 2025``). A time of day may follow, with AM/PM and a zone; with a
    zone the date is the one in the Netherlands at that moment.

    ``order="mdy"`` reads numeric dates month-first (an English-language export).
    Raises ValueError with a Dutch reason when ``value`` is not an existing date;
    the reason shows the shape of the value, not the value.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return _local(value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise ValueError(Errors.E238)
    if isinstance(value, bool):
        raise ValueError(Errors.E230.format(value=value_shape(value)))
    if isinstance(value, (int, float)):
        return _from_excel_serial(value)
    if not isinstance(value, str):
        raise ValueError(Errors.E230.format(value=value_shape(value)))

    shown = value_shape(value)
    text = re.sub(r"\s+", " ", value.strip()).lower()
    if not text:
        raise ValueError(Errors.E238)

    if m := _ISO.fullmatch(text):
        return _build(shown, int(m[1]), int(m[2]), int(m[3]), m)
    if m := _MONTH_KEY.fullmatch(text):
        return _build(shown, int(m[1]), int(m[2]), 1)
    if m := _COMPACT.fullmatch(text):
        return _build(shown, int(m[1]), int(m[2]), int(m[3]))
    if _SERIAL.fullmatch(text):
        return _from_excel_serial(float(text.replace(",", ".")))
    if m := _DAY_FIRST.fullmatch(text):
        first, second = int(m[1]), int(m[3])
        day, month = (second, first) if order == "mdy" else (first, second)
        return _build(shown, _full_year(m[4]), month, day, m, order)
    if m := _MONTH_FIRST.fullmatch(text):
        month = MONTHS.get(m[1])
        if month is not None:
            return _build(shown, int(m[3]), month, int(m[2]), m)
    if m := _NAMED.fullmatch(text):
        day, name, year = m[1], m[2], m[3]
        month = MONTHS.get(name)
        if month is None:
            if day is None and year is None:
                raise ValueError(Errors.E230.format(value=shown))
            raise ValueError(Errors.E234.format(value=shown, name=name))
        if year is None:
            raise ValueError(Errors.E235.format(value=shown))
        return _build(shown, _full_year(year.lstrip("'")), month, int(day) if day else 1, m)
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


def _build(shown: str, year: int, month: int, day: int, m: re.Match | None = None,
           order: str = "dmy") -> dt.date:
    if not 1 <= month <= 12:
        how = "maand-dag-jaar" if order == "mdy" else "dag-maand-jaar"
        raise ValueError(Errors.E232.format(value=shown, month=month, order=how))
    if not 1 <= day <= 31:
        raise ValueError(Errors.E233.format(value=shown, day=day))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValueError(Errors.E231.format(value=shown, day=day, month=month)) from None
    if m is None or m["hour"] is None:
        return date
    hour, minute, second = int(m["hour"]), int(m["minute"]), int(m["second"] or 0)
    ampm = (m["ampm"] or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(Errors.E239.format(value=shown))
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(Errors.E239.format(value=shown))
    zone = m["zone"]
    if not zone:
        return date
    offset = _offset(zone)
    if offset is None:
        raise ValueError(Errors.E240.format(value=shown, zone=zone.upper()))
    moment = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone(dt.timedelta(hours=offset)))
    return _local(moment)


def _offset(zone: str) -> float | None:
    """Hours east of UTC for 'cet', 'z', '+02:00', 'gmt+2', 'utc-05'; None when unknown."""
    zone = zone.replace(" ", "")
    if zone in ZONES:
        return ZONES[zone]
    m = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?", zone)
    if m is None or int(m[2]) > 14 or int(m[3] or 0) > 59:
        return None
    return (1 if m[1] == "+" else -1) * (int(m[2]) + int(m[3] or 0) / 60)


def _local(moment: dt.datetime) -> dt.date:
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo(LOCAL_ZONE)).date()
    except Exception:  # no time zone database on this machine: the date as written
        return moment.date()


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
