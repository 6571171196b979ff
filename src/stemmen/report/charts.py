"""Pure-Python inline SVG charts: line with confidence band, heatmap, bars, intervals.

No JavaScript and no external files: every chart is a string that is pasted into the
report. Accessibility: each SVG has role="img", a <title> and a <desc> (referenced by
aria-labelledby), colours come from the Okabe-Ito palette (safe for the common forms of
colour blindness) and never carry meaning alone: groups also differ in marker shape and
line dash, cells and bars carry their number as text, and the report puts a data table
next to every chart. Points carry a <title> so that hovering shows the exact figures.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from stemmen.report import fmt

# Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#7A7A7A",
}
SERIES_CYCLE = ("blue", "vermillion", "green", "purple", "orange", "sky", "black", "grey")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle_open", "square_open", "triangle_open")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 2 1 2")
# fixed styles for respondent groups, so a group looks the same in every chart
GROUP_STYLE = {
    "burger": ("vermillion", "circle", ""),
    "medewerker": ("blue", "square", "6 3"),
    "leidinggevende": ("green", "triangle", "2 3"),
    "raadslid": ("purple", "diamond", "8 3 2 3"),
    "bestuurder": ("orange", "cross", "1 2"),
    "overig": ("grey", "circle_open", "4 4"),
    "alle": ("black", "square_open", ""),
}
SENTIMENT_COLOURS = {"negatief": OKABE_ITO["vermillion"], "neutraal": "#C8C8C8", "positief": OKABE_ITO["blue"]}
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}{next(_ids)}"


def reset_ids() -> None:
    """Restart chart ids (so that rendering the same report twice gives the same HTML)."""
    global _ids
    _ids = itertools.count(1)


def _svg(width: int, height: int, title: str, desc: str, body: str, cls: str = "chart") -> str:
    cid = _id("c")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'role="img" aria-labelledby="{cid}t {cid}d" class="{cls}" {FONT} font-size="12" '
            f'preserveAspectRatio="xMinYMin meet" style="max-width:{width}px">'
            f'<title id="{cid}t">{escape(title)}</title><desc id="{cid}d">{escape(desc)}</desc>{body}</svg>')


def _marker(shape: str, x: float, y: float, colour: str, r: float = 4.0, tip: str = "") -> str:
    t = f"<title>{escape(tip)}</title>" if tip else ""
    fill = "#fff" if shape.endswith("_open") else colour
    base = shape.removesuffix("_open")
    if base == "circle":
        el = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="{colour}" stroke-width="1.5">'
        return el + t + "</circle>"
    if base == "square":
        return (f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1.5">{t}</rect>')
    if base == "triangle":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y + r:.1f} {x - r - 1:.1f},{y + r:.1f}"
    elif base == "diamond":
        pts = f"{x:.1f},{y - r - 1:.1f} {x + r + 1:.1f},{y:.1f} {x:.1f},{y + r + 1:.1f} {x - r - 1:.1f},{y:.1f}"
    else:  # cross
        return (f'<g stroke="{colour}" stroke-width="2.2"><line x1="{x - r:.1f}" y1="{y - r:.1f}" x2="{x + r:.1f}" '
                f'y2="{y + r:.1f}"/><line x1="{x - r:.1f}" y1="{y + r:.1f}" x2="{x + r:.1f}" y2="{y - r:.1f}"/>'
                f'{t}</g>')
    return f'<polygon points="{pts}" fill="{fill}" stroke="{colour}" stroke-width="1.5">{t}</polygon>'


def style_for(key: str, i: int) -> tuple[str, str, str]:
    """(colour, marker, dash) for a series: fixed per respondent group, cycling otherwise."""
    if key in GROUP_STYLE:
        c, m, d = GROUP_STYLE[key]
        return OKABE_ITO[c], m, d
    return OKABE_ITO[SERIES_CYCLE[i % len(SERIES_CYCLE)]], MARKERS[i % len(MARKERS)], DASHES[i % len(DASHES)]


def legend_swatch(key: str, i: int = 0) -> str:
    """A small inline SVG (marker + dash) to put next to a series name in HTML tables/legends."""
    colour, marker, dash = style_for(key, i)
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg width="34" height="12" viewBox="0 0 34 12" aria-hidden="true" focusable="false">'
            f'<line x1="1" y1="6" x2="33" y2="6" stroke="{colour}" stroke-width="2"{d}/>'
            f'{_marker(marker, 17, 6, colour, 3.5)}</svg>')


# --- line chart with confidence band -----------------------------------------------------------

@dataclass
class Series:
    """One line: ``points`` maps an x label to (mean, ci_low, ci_high, n); missing x = gap."""

    name: str
    key: str
    points: Mapping[str, tuple[float, float, float, int]]
    baseline: float | None = None


@dataclass
class Mark:
    """A note on a line chart's x axis at one period, or a shaded span of periods."""
    x: str
    text: str
    x_end: str | None = None  # shade x .. x_end (e.g. the window of a relapse)


@dataclass
class LineChart:
    """Series over periods, with 95 % bands, baselines and marks, drawn as accessible inline SVG."""
    x_labels: Sequence[str]
    series: Sequence[Series]
    title: str
    desc: str
    y_min: float = -1.0
    y_max: float = 1.0
    y_label: str = "waardering (−1 … +1)"
    marks: Sequence[Mark] = field(default_factory=list)
    baseline_span: tuple[str, str] | None = None  # x range of the baseline period
    width: int = 760
    height: int = 300
    low_n: int = 3

    def svg(self) -> str:
        """The chart as an SVG string (title and description for screen readers)."""
        W, H = self.width, self.height
        # room at the right for the series names (bold 12 px, about 7.6 px a character), in at
        # most two lines: a fixed margin cut off "Gelijkwaardig, alle g…" in print
        names = {s.name: _wrap(s.name, 22) for s in self.series}
        widest = max((len(line) for lines in names.values() for line in lines), default=0)
        left, right, top, bottom = 54, int(min(240, max(60, 16 + 7.6 * widest))), 16, 52
        pw, ph = W - left - right, H - top - bottom
        xs = list(self.x_labels)
        if not xs:
            return _svg(W, 60, self.title, self.desc, '<text x="10" y="30">geen gegevens</text>')
        step = pw / max(len(xs) - 1, 1)
        xpos = {x: left + i * step for i, x in enumerate(xs)}

        def y(v: float) -> float:
            v = min(max(v, self.y_min), self.y_max)
            return top + (self.y_max - v) / (self.y_max - self.y_min) * ph

        out = []
        if self.baseline_span and self.baseline_span[0] in xpos and self.baseline_span[1] in xpos:
            x0, x1 = xpos[self.baseline_span[0]], xpos[self.baseline_span[1]]
            out.append(f'<rect x="{x0 - step / 2:.1f}" y="{top}" width="{x1 - x0 + step:.1f}" height="{ph}" '
                       f'fill="#EEF3F7"/><text x="{x0 - step / 2 + 4:.1f}" y="{top + 12}" fill="#4A5A68" '
                       f'font-size="11">basisperiode</text>')
        for m in self.marks:
            if m.x not in xpos:
                continue
            x0 = xpos[m.x]
            x1 = xpos.get(m.x_end or m.x, x0)
            out.append(f'<rect x="{x0 - step / 2:.1f}" y="{top}" width="{max(x1 - x0 + step, 3):.1f}" height="{ph}" '
                       f'fill="url(#hatch)" opacity="0.9"/>')
            out.append(f'<line x1="{x1:.1f}" x2="{x1:.1f}" y1="{top}" y2="{top + ph}" stroke="#222" '
                       f'stroke-width="1.5" stroke-dasharray="3 2"/>'
                       f'<text x="{x1 + 4:.1f}" y="{top + 12}" font-weight="bold" '
                       f'font-size="11">{escape(m.text)}</text>')
        # grid and axes
        ticks = [t / 4 * (self.y_max - self.y_min) + self.y_min for t in range(5)]
        for t in ticks:
            strong = abs(t) < 1e-9
            out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
                       f'stroke="{"#666" if strong else "#DDD"}" stroke-width="{1.2 if strong else 1}"/>'
                       f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#333">{fmt.num(t, 1)}</text>')
        out.append(f'<text transform="translate(14 {top + ph / 2:.0f}) rotate(-90)" text-anchor="middle" '
                   f'fill="#333" font-size="11">{escape(self.y_label)}</text>')
        every = max(1, -(-len(xs) // 12))
        for i, x in enumerate(xs):
            if i % every == 0 or (i == len(xs) - 1 and i % every >= every / 2 + 0.5) or every == 1:
                out.append(f'<text x="{xpos[x]:.1f}" y="{top + ph + 16}" text-anchor="middle" fill="#333" '
                           f'font-size="11">{escape(fmt.month(x))}</text>')
        # bands, lines, markers, baselines
        label_y: list[float] = []
        for i, s in enumerate(self.series):
            colour, marker, dash = style_for(s.key, i)
            runs, run = [], []
            for x in xs:
                p = s.points.get(x)
                if p is None or fmt.missing(p[0]):
                    if run:
                        runs.append(run)
                    run = []
                else:
                    run.append((x, p))
            if run:
                runs.append(run)
            if s.baseline is not None and not fmt.missing(s.baseline):
                out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(s.baseline):.1f}" y2="{y(s.baseline):.1f}" '
                           f'stroke="{colour}" stroke-width="1" stroke-dasharray="1 3" opacity="0.9">'
                           f'<title>basislijn {escape(s.name)}: {fmt.num(s.baseline)}</title></line>')
            for r in runs:
                # no band where n is small: a t interval over 2 points spans the whole scale
                band = [(xpos[x], p[2], p[1]) for x, p in r
                        if not fmt.missing(p[1]) and not fmt.missing(p[2]) and p[3] >= self.low_n]
                if len(band) >= 2:
                    up = " ".join(f"{bx:.1f},{y(hi):.1f}" for bx, hi, _ in band)
                    down = " ".join(f"{bx:.1f},{y(lo):.1f}" for bx, _, lo in reversed(band))
                    out.append(f'<polygon points="{up} {down}" fill="{colour}" opacity="0.14"/>')
                elif len(band) == 1:
                    bx, hi, lo = band[0]
                    out.append(f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{y(hi):.1f}" y2="{y(lo):.1f}" '
                               f'stroke="{colour}" stroke-width="6" opacity="0.2"/>')
                if len(r) >= 2:
                    pts = " ".join(f"{xpos[x]:.1f},{y(p[0]):.1f}" for x, p in r)
                    d = f' stroke-dasharray="{dash}"' if dash else ""
                    out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.2"{d}/>')
            for x in xs:
                p = s.points.get(x)
                if p is None or fmt.missing(p[0]):
                    continue
                tip = (f"{s.name}, {fmt.month(x)}: {fmt.num(p[0])} (95%-BI {fmt.num(p[1])} tot {fmt.num(p[2])}; "
                       f"n = {p[3]})")
                shape = marker if p[3] >= self.low_n else marker.removesuffix("_open") + "_open"
                out.append(_marker(shape, xpos[x], y(p[0]), colour, 3.6, tip))
            last = [(x, p) for x, p in ((x, s.points.get(x)) for x in xs) if p is not None and not fmt.missing(p[0])]
            if last:
                lines = names[s.name]
                ly = y(last[-1][1][0])
                while any(abs(ly - o) < 13 for o in label_y):
                    ly += 13
                label_y.extend(ly + 13 * k for k in range(len(lines)))
                spans = "".join(f'<tspan x="{left + pw + 8}" dy="{0 if k == 0 else 13}">{escape(line)}</tspan>'
                                for k, line in enumerate(lines))
                out.append(f'<text x="{left + pw + 8}" y="{ly + 4:.1f}" fill="{colour}" font-weight="bold" '
                           f'font-size="12">{spans}</text>')
        defs = ('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
                'patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFF4E5"/>'
                '<line x1="0" y1="0" x2="0" y2="6" stroke="#E69F00" stroke-width="2" opacity="0.6"/></pattern></defs>')
        return _svg(W, H, self.title, self.desc, defs + "".join(out))


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in at most two lines of about ``width`` characters, split at a space or comma."""
    if len(text) <= width or " " not in text:
        return [text]
    cut = max((i for i, ch in enumerate(text) if ch == " " and i <= width), default=text.index(" "))
    return [text[:cut].rstrip(), text[cut:].strip()]


# --- heatmap ------------------------------------------------------------------------------------

def diverging(v: float, vmin: float = -1.0, vmax: float = 1.0) -> str:
    """PuOr-like diverging colour (orange = negative, purple = positive); safe for colour blindness."""
    neg, mid, pos = (179, 88, 6), (247, 247, 247), (84, 39, 136)
    t = (min(max(v, vmin), vmax) - vmin) / (vmax - vmin) * 2 - 1
    a, b = (mid, pos) if t >= 0 else (mid, neg)
    f = abs(t) ** 0.9
    r, g, bl = (round(a[k] + (b[k] - a[k]) * f) for k in range(3))
    return f"#{r:02X}{g:02X}{bl:02X}"


def _ink(v: float) -> str:
    return "#FFFFFF" if abs(v) > 0.45 else "#111111"


def heatmap(rows: Sequence[tuple[str, str]], cols: Sequence[tuple[str, str]],
            cells: Mapping[tuple[str, str], tuple[float, int, bool]], title: str, desc: str,
            vmin: float = -1.0, vmax: float = 1.0, cell_w: int = 112, cell_h: int = 44,
            legend: str = "waardering: − geschonden … + waargemaakt") -> str:
    """Rows x columns of (value, n, low_n); the value and n are printed in every cell."""
    left = 16 + max((len(lbl) for _, lbl in rows), default=6) * 8  # bold labels at 12 px
    cell_w = max(cell_w, 12 + max((len(lbl) for _, lbl in cols), default=6) * 8)
    top = 40
    W = left + cell_w * len(cols) + 16
    H = top + cell_h * len(rows) + 64
    out = ['<defs><pattern id="lown" width="5" height="5" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#999" stroke-width="1"/>'
           '</pattern></defs>']
    for j, (_, clabel) in enumerate(cols):
        out.append(f'<text x="{left + j * cell_w + cell_w / 2:.0f}" y="{top - 10}" text-anchor="middle" '
                   f'font-weight="bold">{escape(clabel)}</text>')
    for i, (rkey, rlabel) in enumerate(rows):
        yy = top + i * cell_h
        out.append(f'<text x="{left - 8}" y="{yy + cell_h / 2 + 4:.0f}" text-anchor="end" '
                   f'font-weight="bold">{escape(rlabel)}</text>')
        for j, (ckey, clabel) in enumerate(cols):
            xx = left + j * cell_w
            cell = cells.get((rkey, ckey))
            if cell is None or fmt.missing(cell[0]):
                out.append(f'<rect x="{xx + 1}" y="{yy + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="#F2F2F2">'
                           f'<title>{escape(rlabel)} × {escape(clabel)}: geen relevante uitspraken</title></rect>'
                           f'<text x="{xx + cell_w / 2:.0f}" y="{yy + cell_h / 2 + 4:.0f}" text-anchor="middle" '
                           f'fill="#777">–</text>')
                continue
            v, n, low = cell
            tip = f"{rlabel} × {clabel}: {fmt.num(v)} (n = {n}{'; weinig gegevens' if low else ''})"
            out.append(f'<rect x="{xx + 1}" y="{yy + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                       f'fill="{diverging(v, vmin, vmax)}"><title>{escape(tip)}</title></rect>')
            if low:
                out.append(f'<rect x="{xx + 1}" y="{yy + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                           f'fill="url(#lown)" opacity="0.6"/>')
            out.append(f'<text x="{xx + cell_w / 2:.0f}" y="{yy + cell_h / 2:.0f}" text-anchor="middle" '
                       f'fill="{_ink(v)}" font-weight="bold" font-size="13">{fmt.num(v, sign=True)}</text>'
                       f'<text x="{xx + cell_w / 2:.0f}" y="{yy + cell_h / 2 + 14:.0f}" text-anchor="middle" '
                       f'fill="{_ink(v)}" font-size="10">n = {n}{"*" if low else ""}</text>')
    # legend: gradient with ticks
    ly = top + cell_h * len(rows) + 22
    lw = min(300, W - left - 10)
    stops = "".join(f'<stop offset="{k / 10:.1f}" stop-color="{diverging(vmin + (vmax - vmin) * k / 10, vmin, vmax)}"/>'
                    for k in range(11))
    gid = _id("g")
    out.append(f'<defs><linearGradient id="{gid}">{stops}</linearGradient></defs>'
               f'<rect x="{left}" y="{ly}" width="{lw}" height="10" fill="url(#{gid})" stroke="#999" stroke-width="0.5"/>'
               f'<text x="{left}" y="{ly + 24}" font-size="10">{fmt.num(vmin, 1)}</text>'
               f'<text x="{left + lw / 2:.0f}" y="{ly + 24}" font-size="10" text-anchor="middle">0</text>'
               f'<text x="{left + lw}" y="{ly + 24}" font-size="10" text-anchor="end">{fmt.num(vmax, 1, sign=True)}</text>'
               f'<text x="{left + lw + 10}" y="{ly + 9}" font-size="10">{escape(legend)}; * = minder dan 3</text>')
    return _svg(max(W, left + lw + 260), H, title, desc, "".join(out))


# --- bars ---------------------------------------------------------------------------------------

def hbars(items: Sequence[tuple[str, float, str]], title: str, desc: str, colour: str = OKABE_ITO["blue"],
          max_value: float | None = None, width: int = 640, bar_h: int = 22, label_w: int | None = None) -> str:
    """Horizontal bars: (label, value, text printed after the bar)."""
    if not items:
        return _svg(width, 40, title, desc, '<text x="8" y="24">geen gegevens</text>')
    label_w = label_w or min(260, 14 + max(len(lbl) for lbl, _, _ in items) * 7)
    vmax = max_value or max((v for _, v, _ in items), default=1) or 1
    pw = width - label_w - 90
    out = []
    for i, (lbl, v, text) in enumerate(items):
        yy = 6 + i * (bar_h + 6)
        w = max(0.0, v) / vmax * pw
        out.append(f'<text x="{label_w - 8}" y="{yy + bar_h / 2 + 4:.0f}" text-anchor="end">{escape(lbl)}</text>'
                   f'<rect x="{label_w}" y="{yy}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                   f'<title>{escape(lbl)}: {escape(text)}</title></rect>'
                   f'<text x="{label_w + w + 6:.1f}" y="{yy + bar_h / 2 + 4:.0f}">{escape(text)}</text>')
    return _svg(width, 12 + len(items) * (bar_h + 6), title, desc, "".join(out))


def stacked_sentiment(rows: Sequence[tuple[str, Mapping[str, int]]], title: str, desc: str,
                      width: int = 640, bar_h: int = 24) -> str:
    """100 % bars of negatief / neutraal / positief per row; shares printed inside, negatives hatched."""
    order = ("negatief", "neutraal", "positief")
    if not rows:
        return _svg(width, 40, title, desc, '<text x="8" y="24">geen gegevens</text>')
    label_w = min(240, 14 + max(len(lbl) for lbl, _ in rows) * 7)
    pw = width - label_w - 60
    out = ['<defs><pattern id="neghatch" width="6" height="6" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="1.4" '
           'opacity="0.55"/></pattern></defs>']
    for i, (lbl, counts) in enumerate(rows):
        yy = 28 + i * (bar_h + 8)
        total = sum(counts.get(k, 0) for k in order)
        out.append(f'<text x="{label_w - 8}" y="{yy + bar_h / 2 + 4:.0f}" text-anchor="end">{escape(lbl)}</text>')
        x = float(label_w)
        for k in order:
            share = counts.get(k, 0) / total if total else 0
            w = share * pw
            if w <= 0:
                continue
            out.append(f'<rect x="{x:.1f}" y="{yy}" width="{w:.1f}" height="{bar_h}" fill="{SENTIMENT_COLOURS[k]}">'
                       f'<title>{escape(lbl)}: {k} {fmt.pct(share)} ({counts.get(k, 0)} van {total})</title></rect>')
            if k == "negatief":
                out.append(f'<rect x="{x:.1f}" y="{yy}" width="{w:.1f}" height="{bar_h}" fill="url(#neghatch)"/>')
            if w > 34:
                ink = "#111" if k == "neutraal" else "#fff"
                out.append(f'<text x="{x + w / 2:.1f}" y="{yy + bar_h / 2 + 4:.0f}" text-anchor="middle" fill="{ink}" '
                           f'font-size="11" font-weight="bold">{fmt.pct(share)}</text>')
            x += w
        out.append(f'<text x="{label_w + pw + 6}" y="{yy + bar_h / 2 + 4:.0f}" font-size="11" fill="#444">'
                   f'n = {total}</text>')
    lx = label_w
    for k in order:
        out.append(f'<rect x="{lx}" y="4" width="14" height="14" fill="{SENTIMENT_COLOURS[k]}"/>')
        if k == "negatief":
            out.append(f'<rect x="{lx}" y="4" width="14" height="14" fill="url(#neghatch)"/>')
        out.append(f'<text x="{lx + 19}" y="15" font-size="11">{k}</text>')
        lx += 90
    return _svg(width, 32 + len(rows) * (bar_h + 8), title, desc, "".join(out))


# --- intervals ----------------------------------------------------------------------------------

def interval_plot(items: Sequence[tuple[str, float, float, float, str]], title: str, desc: str,
                  x_min: float | None = None, x_max: float | None = None, left_note: str = "", right_note: str = "",
                  width: int = 720, row_h: int = 34) -> str:
    """Point with 95 % interval per row: (label, value, low, high, text); a zero line in the middle.

    ``left_note``/``right_note`` say what the two directions mean (e.g. 'burgers negatiever')."""
    if not items:
        return _svg(width, 40, title, desc, '<text x="8" y="24">geen gegevens</text>')
    if x_min is None or x_max is None:  # symmetric around 0, in steps of 0.25, so small gaps stay visible
        ext = max([abs(v) for i in items for v in i[1:4] if not fmt.missing(v)] + [0.25])
        x_max = min(2.0, math.ceil(ext * 1.1 / 0.25) * 0.25)
        x_min = -x_max
    label_w = min(200, 14 + max(len(i[0]) for i in items) * 7)
    right = 190
    pw = width - label_w - right
    top = 26

    def x(v: float) -> float:
        return label_w + (min(max(v, x_min), x_max) - x_min) / (x_max - x_min) * pw

    H = top + len(items) * row_h + 30
    out = [f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top - 6}" y2="{H - 26}" stroke="#555" stroke-width="1.2"/>']
    ticks = (x_min, x_min / 2, 0.0, x_max / 2, x_max)
    digits = 1 if all(abs(t * 2 - round(t * 2)) < 1e-9 for t in ticks) else 2
    for t in ticks:
        out.append(f'<text x="{x(t):.1f}" y="{H - 10}" text-anchor="middle" font-size="10" fill="#333">'
                   f'{fmt.num(t, digits if t else 1, sign=t > 0)}</text>')
    if left_note:
        out.append(f'<text x="{x(0) - 6:.1f}" y="14" text-anchor="end" font-size="11" fill="#333">← '
                   f'{escape(left_note)}</text>')
    if right_note:
        out.append(f'<text x="{x(0) + 6:.1f}" y="14" font-size="11" fill="#333">{escape(right_note)} →</text>')
    for i, (lbl, v, lo, hi, text) in enumerate(items):
        yy = top + i * row_h + row_h / 2
        out.append(f'<text x="{label_w - 8}" y="{yy + 4:.0f}" text-anchor="end">{escape(lbl)}</text>')
        if i % 2 == 0:
            out.insert(0, f'<rect x="{label_w}" y="{yy - row_h / 2:.0f}" width="{pw}" height="{row_h}" fill="#F6F6F6"/>')
        if not fmt.missing(lo) and not fmt.missing(hi):
            out.append(f'<line x1="{x(lo):.1f}" x2="{x(hi):.1f}" y1="{yy:.0f}" y2="{yy:.0f}" stroke="#333" '
                       f'stroke-width="2"/><line x1="{x(lo):.1f}" x2="{x(lo):.1f}" y1="{yy - 6:.0f}" y2="{yy + 6:.0f}" '
                       f'stroke="#333" stroke-width="2"/><line x1="{x(hi):.1f}" x2="{x(hi):.1f}" y1="{yy - 6:.0f}" '
                       f'y2="{yy + 6:.0f}" stroke="#333" stroke-width="2"/>')
        if not fmt.missing(v):
            colour = OKABE_ITO["vermillion"] if v < 0 else OKABE_ITO["blue"]
            shape = "diamond" if v < 0 else "circle"
            out.append(_marker(shape, x(v), yy, colour, 5, f"{lbl}: {text}"))
        out.append(f'<text x="{label_w + pw + 10}" y="{yy + 4:.0f}" font-size="11">{escape(text)}</text>')
    return _svg(width, H, title, desc, "".join(out))


def dumbbell(items: Sequence[tuple[str, float, float, str]], title: str, desc: str, a_label: str, b_label: str,
             x_min: float = -1.0, x_max: float = 1.0, width: int = 720, row_h: int = 32) -> str:
    """Change from a (open circle) to b (filled square) per row, with an arrow; text after the row."""
    if not items:
        return _svg(width, 40, title, desc, '<text x="8" y="24">geen gegevens</text>')
    label_w = min(200, 14 + max(len(i[0]) for i in items) * 7)
    pw = width - label_w - 170
    top = 30

    def x(v: float) -> float:
        return label_w + (min(max(v, x_min), x_max) - x_min) / (x_max - x_min) * pw

    H = top + len(items) * row_h + 28
    ca, cb = OKABE_ITO["grey"], OKABE_ITO["blue"]
    out = [f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top - 6}" y2="{H - 24}" stroke="#999"/>',
           _marker("circle_open", label_w + 6, 12, ca, 4.5), f'<text x="{label_w + 16}" y="16" font-size="11">'
           f'{escape(a_label)}</text>', _marker("square", label_w + 160, 12, cb, 4.5),
           f'<text x="{label_w + 170}" y="16" font-size="11">{escape(b_label)}</text>']
    for t in (x_min, 0.0, x_max):
        out.append(f'<text x="{x(t):.1f}" y="{H - 8}" text-anchor="middle" font-size="10">{fmt.num(t, 1, sign=t > 0)}</text>')
    for i, (lbl, a, b, text) in enumerate(items):
        yy = top + i * row_h + row_h / 2
        out.append(f'<text x="{label_w - 8}" y="{yy + 4:.0f}" text-anchor="end">{escape(lbl)}</text>')
        if not fmt.missing(a) and not fmt.missing(b):
            out.append(f'<line x1="{x(a):.1f}" x2="{x(b):.1f}" y1="{yy:.0f}" y2="{yy:.0f}" stroke="#555" '
                       f'stroke-width="2"/>')
        if not fmt.missing(a):
            out.append(_marker("circle_open", x(a), yy, ca, 5, f"{lbl}, {a_label}: {fmt.num(a)}"))
        if not fmt.missing(b):
            out.append(_marker("square", x(b), yy, cb, 5, f"{lbl}, {b_label}: {fmt.num(b)}"))
        out.append(f'<text x="{label_w + pw + 10}" y="{yy + 4:.0f}" font-size="11">{escape(text)}</text>')
    return _svg(width, H, title, desc, "".join(out))


def spark_columns(values: Sequence[float], labels: Sequence[str], title: str, width: int = 160,
                  height: int = 34, colour: str = OKABE_ITO["blue"]) -> str:
    """Tiny column chart (e.g. theme size per period); the exact counts are in each column's title."""
    if not values:
        return ""
    vmax = max(values) or 1
    w = width / len(values)
    out = [f'<line x1="0" x2="{width}" y1="{height - 1}" y2="{height - 1}" stroke="#999"/>']
    for i, (v, lbl) in enumerate(zip(values, labels)):
        h = (height - 4) * v / vmax
        out.append(f'<rect x="{i * w + 1:.1f}" y="{height - 1 - h:.1f}" width="{max(w - 2, 1):.1f}" height="{h:.1f}" '
                   f'fill="{colour}"><title>{escape(fmt.month(lbl))}: {fmt.integer(v)}</title></rect>')
    desc = "; ".join(f"{fmt.month(lbl)}: {fmt.integer(v)}" for v, lbl in zip(values, labels))
    return _svg(width, height, title, desc, "".join(out), cls="spark")
