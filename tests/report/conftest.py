"""Report fixtures: small hand-made frames (fast) and the demo's report data (slow, once per session)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest


def _doc(doc_id, kind, group, department, date, text, case_id=None, status=None, **extra):
    return dict(doc_id=doc_id, kind=kind, group_name=group, department=department, date=pd.Timestamp(date),
                case_id=case_id, status=status, text=text, source_name=extra.get("source_name", kind),
                wave=extra.get("wave"), question=extra.get("question"), value_ref=extra.get("value_ref"),
                article=extra.get("article"), role=None)


@pytest.fixture
def small_frames():
    """Eight documents from three sources, one segment each, sentiment and value scores given."""
    docs = pd.DataFrame([
        _doc("d1", "enquete", "burger", None, "2025-01-10", "Ik werd netjes teruggebeld zoals beloofd.",
             wave="2025-01", source_name="monitor-burgers", question="Hoe ervaart u het contact?"),
        _doc("d2", "enquete", "burger", None, "2025-01-12", "Ze wimpelden me af met 'zo zijn de regels'.",
             wave="2025-01", source_name="monitor-burgers", question="Hoe ervaart u het contact?"),
        _doc("d3", "enquete", "medewerker", "Vergunningen", "2025-01-15",
             "We luisteren naar het hele verhaal van de aanvrager.", wave="2025-01", source_name="monitor-mw",
             question="Hoe gaan we met inwoners om?"),
        _doc("d4", "enquete", "medewerker", "Publiekszaken", "2025-01-20",
             "Aan de balie nemen we iedereen serieus.", wave="2025-01", source_name="monitor-mw",
             question="Hoe gaan we met inwoners om?"),
        _doc("c1", "casus", "burger", "Vergunningen", "2025-03-03",
             "Aanvrager boos: al drie keer gebeld zonder antwoord.", case_id="BV-1", status="nieuw"),
        _doc("c2", "casus", "burger", "Vergunningen", "2025-03-20",
             "Aanvraag afgewezen, maar de behandelaar legde rustig uit waarom en dacht mee over een alternatief.",
             case_id="BV-1", status="gesloten zonder oplossing"),
        _doc("c3", "casus", "burger", "Openbare Ruimte", "2025-04-01", "Melding over een losse stoeptegel.",
             case_id="BV-2", status="nieuw"),
        _doc("c4", "casus", "burger", "Openbare Ruimte", "2025-04-11", "Tegel binnen een week hersteld, bewoner tevreden.",
             case_id="BV-2", status="opgelost"),
    ])
    pol = {"d1": 0.6, "d2": -0.7, "d3": 0.4, "d4": 0.5, "c1": -0.8, "c2": 0.2, "c3": -0.1, "c4": 0.7}
    segs = pd.DataFrame([dict(segment_id="s" + d, doc_id=d, text=t, polarity=pol[d],
                              label="positief" if pol[d] > 0.05 else "negatief" if pol[d] < -0.05 else "neutraal")
                         for d, t in zip(docs["doc_id"], docs["text"])])
    # relevance/alignment for two values, written by hand for these sentences
    hand = {"d1": (0.2, 0.9, 0.3, 0.8), "d2": (0.9, -0.8, 0.2, -0.1), "d3": (0.9, 0.7, 0.1, 0.2),
            "d4": (0.8, 0.6, 0.2, 0.1), "c1": (0.3, -0.2, 0.9, -0.9), "c2": (0.9, 0.5, 0.2, 0.1),
            "c3": (0.1, 0.0, 0.2, 0.0), "c4": (0.2, 0.3, 0.8, 0.7)}
    scores = pd.DataFrame([dict(segment_id="s" + d, value_id=v, relevance=r[i * 2], alignment=r[i * 2 + 1])
                           for d, r in hand.items() for i, v in enumerate(("gelijkwaardig", "betrouwbaar"))])
    return docs, segs, scores


@pytest.fixture
def small_data(small_frames):
    from stemmen.report import Scope, ValueInfo, build_report_data_from_frames
    from stemmen.service.report_views import with_index_views

    docs, segs, scores = small_frames
    data = build_report_data_from_frames(
        docs, segs, scores, values=[ValueInfo("gelijkwaardig", "Gelijkwaardig"), ValueInfo("betrouwbaar", "Betrouwbaar")],
        municipality="Lindewaard", generated_at=dt.datetime(2026, 1, 5, 9, 0))
    return with_index_views(data, [Scope(), Scope(kind="casus")])


@pytest.fixture(scope="session")
def demo_data(demo_analysed):
    """The demo municipality's report data as `stemmen report` builds it (ingest, language layer,
    value scoring, index, gap, drift and themes)."""
    from stemmen import service

    settings, _ = demo_analysed
    return service.report_data(settings)
