"""A value-scorer evaluation (``stemmen manifest evaluate``) as Dutch text and a CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from stemmen.report.cells import safe_text
from stemmen.values.evaluate import Evaluation

MAX_LISTED = 20  # misread sentences printed; the CSV has all


def _nl(x: float) -> str:
    return "–" if x != x else f"{x:.2f}".replace(".", ",")


def _misread(r) -> str:
    if r.value_id is None:
        return f"zonder waarde, gelezen als {r.top_value}"
    if not r.value_right:
        return f"verwacht {r.value_id} {r.stance}, gelezen als {r.predicted}"
    return f"verwacht {r.value_id} {r.stance}, richting gelezen als {'+' if (r.alignment or 0) > 0 else '-'}"


def summary_lines(result: dict) -> list[str]:
    """The evaluation as Dutch lines for a consultant: both scorers side by side, then the misread sentences."""
    evals = result["evaluations"]
    lines = [f"Manifest '{result['manifest']}' (versie {result['versie']}), {result['sentences']} gelabelde zinnen "
             f"uit {result['labels']}."]
    if result["left_out_as_example"]:
        lines.append(f"{result['left_out_as_example']} zinnen staan ook bij de voorbeelden en tellen niet mee.")
    if not evals:
        return lines + ["Geen zinnen over om te toetsen."]
    first = next(iter(evals.values()))
    lines.append(f"{first.n_value} zinnen met een waarde, {first.n_none} zonder (geen). "
                 "Tussen haken: 95%-betrouwbaarheidsinterval.")
    n_ex = sum(result["examples"].values())
    heads = {"manifest": "alleen het manifest", "voorbeelden": f"met de {n_ex} voorbeelden"}
    lines.append(f"{'':34}" + "".join(f"{heads[k]:>26}" for k in evals))
    rows = [
        ("juiste waarde (beste waarde)", lambda e: f"{_nl(e.top1)} [{_nl(e.top1_ci[0])}-{_nl(e.top1_ci[1])}]"),
        ("juiste richting (+/-)", lambda e: f"{_nl(e.stance)} [{_nl(e.stance_ci[0])}-{_nl(e.stance_ci[1])}]"),
        ("zinnen zonder waarde herkend", lambda e: _nl(e.none_rejected)),
        ("zinnen met waarde gevonden", lambda e: _nl(e.value_found)),
        ("scheiding waarde/geen (AUROC)", lambda e: _nl(e.auroc)),
    ]
    for label, show in rows:
        lines.append(f"{label:34}" + "".join(f"{show(e):>26}" for e in evals.values()))
    name, last = list(evals.items())[-1]
    wrong = [r for r in last.readings if r.misread]
    lines.append(f"Verkeerd gelezen ({heads[name]}): {len(wrong)} van {len(last.readings)}.")
    for r in wrong[:MAX_LISTED]:
        lines.append(f"  rij {r.row}: {_misread(r)}: {r.text}")
    if len(wrong) > MAX_LISTED:
        lines.append(f"  ... en {len(wrong) - MAX_LISTED} meer (--out schrijft ze allemaal)")
    return lines


def write_readings(path: Path, evaluation: Evaluation) -> None:
    """Per sentence how it was read (Dutch columns; 'goed' is ja/nee), for review in a spreadsheet."""
    # the sentence is the one free-text cell; '+'/'-' alone (richting) is no formula
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["rij", "tekst", "waarde", "richting", "gelezen_waarde", "gerapporteerde_waarde",
                    "afstemming", "relevantie", "goed"])
        for r in evaluation.readings:
            w.writerow([r.row, safe_text(r.text), r.value_id or "geen", r.stance or "", r.predicted, r.top_value or "geen",
                        "" if r.alignment is None else f"{r.alignment:.3f}", f"{r.relevance:.3f}",
                        "nee" if r.misread else "ja"])
