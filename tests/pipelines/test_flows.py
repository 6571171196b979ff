"""The Prefect flows run for real (against a temporary local Prefect server)."""

from __future__ import annotations

import pytest

from stemmen.store import Store


@pytest.fixture(scope="module")
def prefect_harness():
    from pipelines.environment import configure_prefect

    configure_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_ingest_flow_writes_store_and_lineage(tmp_path, prefect_harness):
    from pipelines.flows import ingest_flow

    (tmp_path / "stemmen.toml").write_text(
        '[privacy]\nuse_deduce = false\n'
        '[[sources]]\nkind = "casus"\npath = "notities.csv"\nid = "zaak"\ndate = "datum"\n'
        'department = "afdeling"\ntext = "notitie"\n',
        encoding="utf-8",
    )
    (tmp_path / "notities.csv").write_text(
        "zaak;datum;afdeling;notitie\n"
        "BV-1;3-4-2025;Vergunningen;Aanvrager gebeld op 06-12345678, uitleg gegeven over de dakkapel.\n"
        "BV-1;9-4-2025;Vergunningen;Vergunning verleend, aanvrager voelde zich serieus genomen.\n",
        encoding="cp1252",
    )
    result = ingest_flow(str(tmp_path / "stemmen.toml"))
    assert result["errors"] == []
    assert result["summaries"][0]["stored"] == 2
    with Store(tmp_path / "stemmen.duckdb") as store:
        texts = [t for (t,) in store.query("SELECT text FROM documents")]
        runs = store.query("SELECT command, status FROM runs")
    assert not any("06-12345678" in t for t in texts)
    assert runs == [("ingest", "completed")]
    again = ingest_flow(str(tmp_path / "stemmen.toml"))
    assert again["summaries"][0]["already_imported"]
