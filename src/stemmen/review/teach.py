"""Consultant labels into the value scorer, through its public API.

Value-bearing labels reach the scorer as the values' ``voorbeelden`` (the manifest does
that, ``stemmen.manifest.with_labels``): they are anchors for relevance and stance and the
training data of the classifier the scorer fits per manifest. Labels about no value
(``Manifest.geen``) join the everyday background sentences that stand for "about no
value" when ``GEEN_AS_BACKGROUND`` (docs/review.md has the measurement behind it).
"""

from __future__ import annotations

from typing import Any

GEEN_AS_BACKGROUND = True


def scorer_for(manifest: Any, embedder: Any, geen_as_background: bool | None = None, **params: Any):
    """An unfitted ``ValueScorer`` for ``manifest`` and its labels."""
    from stemmen.values.background import BACKGROUND_NL
    from stemmen.values.scoring import ValueScorer

    use = GEEN_AS_BACKGROUND if geen_as_background is None else geen_as_background
    geen = list(getattr(manifest, "geen", ()) or ())
    if use and geen:
        params.setdefault("background", list(BACKGROUND_NL) + [t for t in dict.fromkeys(geen) if t not in BACKGROUND_NL])
    return ValueScorer(embedder, **params)
