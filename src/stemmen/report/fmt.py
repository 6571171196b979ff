"""Dutch formatting of numbers, dates and labels for reports (shared by charts and templates)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from stemmen.groups import GROUP_LABEL, KIND_LABEL

MINUS = "\u2212"
SENTIMENT_LABEL = {"positief": "positief", "neutraal": "neutraal", "negatief": "negatief"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def missing(x: Any) -> bool:
    """True for None and NaN (and anything that reads as NaN)."""
    if x is None:
        return True
    try:
        return bool(math.isnan(float(x)))
    except (TypeError, ValueError):
        return False


def num(x: Any, digits: int = 2, sign: bool = False) -> str:
    """0.425 -> '0,43'; negative with a real minus sign; '–' for missing."""
    if missing(x):
        return "–"
    x = float(x)
    s = f"{abs(x):.{digits}f}".replace(".", ",")
    if round(abs(x), digits) == 0:
        return s
    if x < 0:
        return MINUS + s
    return ("+" + s) if sign else s


def pct(x: Any, digits: int = 0) -> str:
    """0.253 -> '25%' (share in [0, 1])."""
    return "–" if missing(x) else num(100 * float(x), digits) + "%"


def integer(x: Any) -> str:
    """12345 -> '12.345'."""
    return "–" if missing(x) else f"{int(x):,}".replace(",", ".")


def group(g: Any) -> str:
    """A respondent group's Dutch label."""
    return GROUP_LABEL.get(str(g), str(g).capitalize() if g else "onbekend")


def kind(k: Any) -> str:
    """A source kind's Dutch label."""
    return KIND_LABEL.get(str(k), str(k))


def date(d: Any) -> str:
    """2026-03-12 -> '12 maart 2026'."""
    if missing(d) or d == "":
        return "–"
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    if hasattr(d, "date") and callable(d.date):
        d = d.date()
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month(label: Any) -> str:
    """'2026-01' -> 'jan 2026'; other period labels are returned as they are."""
    s = str(label)
    if len(s) == 7 and s[4] == "-" and s[5:].isdigit():
        return f"{MONTHS[int(s[5:]) - 1][:3]} {s[:4]}"
    if len(s) == 7 and s[4:6] == "-Q":
        return f"K{s[6]} {s[:4]}"  # kwartaal
    return s


def alignment_word(x: Any) -> str:
    """Plain-language reading of an alignment mean in [-1, 1]."""
    if missing(x):
        return "onbekend"
    x = float(x)
    if x >= 0.3:
        return "duidelijk waargemaakt"
    if x >= 0.1:
        return "eerder waargemaakt"
    if x > -0.1:
        return "gemengd"
    if x > -0.3:
        return "eerder geschonden"
    return "duidelijk geschonden"
