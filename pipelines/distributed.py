"""Embedding and sentiment beyond one process: batches mapped over a Dask cluster.

DuckDB has a single writer, so the work is split like this:

- the flow (one process) reads what is missing from the store, cuts it into
  batches of ``[prefect] batch_size`` segments and closes nothing else in between;
- tasks get plain data (pseudonymised segment texts, cached vectors), load their
  model once per worker through the cached loaders and return plain results;
  they never open the store;
- both sides run the same service functions as the one pipeline
  (``service.embedding_todo``/``embed_texts``, ``service.sentiment_model``/``sentiment_rows``),
  so a distributed run stores and counts what ``service.analyse_language`` does;
- the flow writes every finished batch back, one transaction per batch, so a run
  killed halfway keeps the batches it finished and the next run does the rest.

``[prefect] dask_address``: "" runs the batches in this process (threads), "local"
starts a LocalCluster of ``dask_workers`` processes on 127.0.0.1, and a scheduler
address ("tcp://10.0.0.5:8786") uses an existing cluster (workers on other hosts
need stemmen installed; they read nothing from disk but their models).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.futures import as_completed

from stemmen import service
from stemmen.settings import Settings, load_settings


def batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def make_task_runner(settings: Settings):
    """The task runner for ``[prefect] dask_address`` (see the module docstring)."""
    address = settings.prefect.dask_address
    if not address:
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=1)  # models are not thread-safe to share; one batch at a time
    from prefect_dask import DaskTaskRunner

    if address == "local":
        # loopback only, no dashboard port: nothing listens beyond this machine
        return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=dict(
            n_workers=settings.prefect.dask_workers, threads_per_worker=1, processes=True,
            host="127.0.0.1", dashboard_address=None,
        ))
    return DaskTaskRunner(address=address)


# -- tasks: plain data in, plain data out; no store ------------------------------------------
@task(name="embed-batch", task_run_name="embedden batch {index}", cache_policy=NONE, retries=1)
def embed_batch(index: int, texts: list[str], settings: Settings) -> dict[str, np.ndarray]:
    """Vectors of one batch (``service.embed_texts`` into a worker-local cache), by cache key."""
    from stemmen.nlp.embed import DictCache

    cache = DictCache()
    embedder = service.embedder_for(settings)
    service.embed_texts(settings, texts, embedder, cache)
    return cache.data_.get(embedder.model_key, {})


@task(name="sentiment-batch", task_run_name="sentiment batch {index}", cache_policy=NONE, retries=1)
def sentiment_batch(index: int, todo: list[tuple[str, str]], settings: Settings,
                    known: dict[str, np.ndarray]) -> tuple[list[dict], dict[str, np.ndarray]]:
    """Sentiment rows of one batch of (segment_id, text) (``service.sentiment_rows``); ``known`` are cached
    vectors of the workspace's embedder. Returns the rows and, per model key, the vectors it had to
    compute (the values encoder's too, which the value step reuses)."""
    from stemmen.nlp.embed import DictCache

    cache = DictCache()
    model_key = service.embedder_for(settings).model_key
    cache.put(known, model_key)
    rows = service.sentiment_rows(service.sentiment_model(settings, cache), todo)
    computed = {key: {k: v for k, v in vectors.items() if key != model_key or k not in known}
                for key, vectors in cache.data_.items()}
    return rows, computed


# -- flow side: read, map, write back per batch -------------------------------------------------
def _progress(key: str, description: str):
    from prefect.artifacts import create_progress_artifact

    return create_progress_artifact(0.0, key=key, description=description)


def _advance(artifact_id, done: int, total: int) -> None:
    from prefect.artifacts import update_progress_artifact

    update_progress_artifact(artifact_id, 100.0 * done / max(total, 1))


def embed_distributed(settings: Settings) -> tuple[int, str]:
    """``service.embed_segments`` batch-wise: returns (current segments, model_key) as it does."""
    embedder = service.embedder_for(settings)
    with service.open_store(settings) as store:
        n_segments, todo = service.embedding_todo(store, embedder)
        if not todo:
            return n_segments, embedder.model_key
        futures = [embed_batch.submit(i, chunk, settings)
                   for i, chunk in enumerate(batches(todo, settings.prefect.batch_size))]
        progress = _progress("stemmen-embeddings", f"{len(todo)} teksten in {len(futures)} batches")
        for done, fut in enumerate(as_completed(futures), start=1):
            store.put(fut.result(), embedder.model_key)  # one transaction per batch
            _advance(progress, done, len(futures))
    return n_segments, embedder.model_key


def score_distributed(settings: Settings) -> tuple[int, str]:
    """``service.score_sentiment`` batch-wise: returns (segments scored, model_key) as it does."""
    from stemmen.nlp.embed import text_key

    embedder = service.embedder_for(settings)
    with service.open_store(settings) as store:
        model = service.sentiment_model(settings, store)  # here only for its key and head; tasks do the work
        todo = store.segments_without_sentiment(model.model_key)
        if not todo:
            return 0, model.model_key
        head = getattr(model, "head_", None)
        kind = head.metadata["embedder"]["kind"] if head is not None else None
        futures = []
        for i, chunk in enumerate(batches(todo, settings.prefect.batch_size)):
            # the vectors the store already has travel with the batch: a worker never opens the store
            known = store.get([text_key(t, embedder.prefix(kind)) for _, t in chunk], embedder.model_key) \
                if kind else {}
            futures.append(sentiment_batch.submit(i, chunk, settings, known))
        progress = _progress("stemmen-sentiment", f"{len(todo)} segmenten in {len(futures)} batches")
        n = 0
        for done, fut in enumerate(as_completed(futures), start=1):
            rows, computed = fut.result()
            for key, vectors in computed.items():
                store.put(vectors, key)
            n += store.write_sentiment(rows, model.model_key)  # one transaction per batch
            _advance(progress, done, len(futures))
    return n, model.model_key


@flow(name="stemmen-analyse-batches")
def analyse_batches_flow(config: str) -> dict:
    """Embeddings and sentiment, batch-wise on the task runner of this flow (see make_task_runner)."""
    settings = load_settings(config)
    n_embedded, embedding_model = embed_distributed(settings)
    n_sentiment, sentiment_model = score_distributed(settings)
    return {"segments_embedded": n_embedded, "embedding_model": embedding_model,
            "sentiment_added": n_sentiment, "sentiment_model": sentiment_model}


@flow(name="stemmen-analyse-distributed")
def distributed_analyse_flow(config: str) -> dict:
    """Segments in this process (spaCy), then embeddings and sentiment on the configured cluster."""
    from pipelines import tasks

    settings = load_settings(config)
    segments = tasks.segment_documents(settings)
    out = analyse_batches_flow.with_options(task_runner=make_task_runner(settings))(config)
    return {"segments_added": segments, **out}
