"""Anchor texts per value, taken from the manifest.

Every value contributes its name and description (relevance only, stance 0),
each ``gedrag`` line (stance +1, the value lived), each ``tegengedrag`` line
(stance -1, the value violated) and, when present, the consultant's
``voorbeelden`` with their stance. The manifest is read by attribute, so any
object of the shape of ``stemmen.manifest.Manifest`` works.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stemmen.errors import Errors, ManifestError

SOURCES = ("naam", "beschrijving", "gedrag", "tegengedrag", "voorbeeld")


@dataclass(frozen=True)
class Anchor:
    """A sentence that stands for a value: the value, its direction and where it comes from in the manifest."""
    text: str
    value_id: str
    stance: int  # +1 gedrag, -1 tegengedrag, 0 name/description
    source: str  # one of SOURCES


def _stance(richting: str) -> int:
    return {"+": 1, "-": -1, "−": -1}[richting.strip()]


def build_anchors(manifest: Any, use_examples: bool = True) -> list[Anchor]:
    """All anchors of all values, in manifest order (deterministic)."""
    anchors: list[Anchor] = []
    seen_ids: set[str] = set()
    for value in manifest.waarden:
        if value.id in seen_ids:
            raise ManifestError(Errors.E100.format(
                path="<manifest>", problem=f"id '{value.id}' komt meer dan eens voor"))
        seen_ids.add(value.id)
        if not value.gedrag or not value.tegengedrag:
            raise ManifestError(Errors.E100.format(
                path="<manifest>", problem=f"waarde '{value.id}' heeft geen gedrag of geen tegengedrag"))
        anchors.append(Anchor(value.naam, value.id, 0, "naam"))
        anchors.append(Anchor(value.beschrijving, value.id, 0, "beschrijving"))
        anchors += [Anchor(t, value.id, 1, "gedrag") for t in value.gedrag]
        anchors += [Anchor(t, value.id, -1, "tegengedrag") for t in value.tegengedrag]
        if use_examples:
            anchors += [Anchor(ex.text, value.id, _stance(ex.stance), "voorbeeld")
                        for ex in getattr(value, "voorbeelden", None) or []]
    if not anchors:
        raise ManifestError(Errors.E100.format(path="<manifest>", problem="er staat geen enkele waarde in"))
    return anchors
