"""The demo municipality as a consultant first sees it: complete, and without personal data."""

from __future__ import annotations

import re

from conftest import all_stored_text, planted_pii


def test_demo_ingests_completely(demo_workspace):
    settings, summaries, errors = demo_workspace
    assert errors == []
    stored = sum(s.stored for s in summaries)
    assert stored >= 800
    assert sum(s.rejected for s in summaries) == 6  # the six rows planted as bad input
    kinds = {s.kind for s in summaries if s.stored}
    assert kinds == {"enquete", "brainstorm", "manifest_reactie", "casus"}


def test_no_planted_personal_data_anywhere_in_the_store(demo_workspace):
    settings, _, _ = demo_workspace
    text = all_stored_text(settings.store_path)
    assert len(text) > 100_000
    leaked = [p for p in planted_pii() if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    assert leaked == []


def test_content_survives_pseudonymisation(demo_workspace):
    settings, _, _ = demo_workspace
    text = all_stored_text(settings.store_path)
    for word in ("teruggebeld", "vergunning", "Vergunningen", "gelijkwaardig", "Lindewaard"):
        assert word in text
