"""Language-layer task bodies: segments, embeddings, sentiment (the analyse stage's order is in ``pipeline``)."""

from __future__ import annotations

from stemmen.service.common import CachingEmbedder, embedder_for, nlp_for, open_store
from stemmen.settings import Settings


def segment_documents(settings: Settings) -> int:
    """Split new documents into segments with lemmas; returns how many segments were added."""
    import hashlib

    from stemmen.nlp.segment import lemmas, segment_many
    from stemmen.nlp.spacy_pipeline import describe_nlp

    with open_store(settings) as store:
        docs = store.documents_without_segments()
        if not docs:
            return 0
        nlp = nlp_for(settings)
        pipeline = describe_nlp(nlp)
        segmented = segment_many([t for _, t in docs], nlp, max_chars=settings.analysis.segment_max_chars)
        flat = [(doc_id, seg) for (doc_id, _), segs in zip(docs, segmented) for seg in segs]
        lemma_lists = lemmas([seg.text for _, seg in flat], nlp)
        rows = [
            dict(segment_id=hashlib.sha256(f"{doc_id}\x00{seg.index}".encode()).hexdigest()[:20], doc_id=doc_id,
                 idx=seg.index, start_char=seg.start, end_char=seg.end, text=seg.text,
                 text_hash=hashlib.sha256(seg.text.encode()).hexdigest(), lemmas=lem, pipeline=pipeline)
            for (doc_id, seg), lem in zip(flat, lemma_lists)
        ]
        return store.write_segments(rows)


EMBED_KIND = "query"  # one vector space for clustering, anchors and sentiment


def embed_segments(settings: Settings) -> tuple[int, str]:
    """Embed the segments not yet in the cache for the configured model; returns (current segments, model_key)."""
    embedder = embedder_for(settings)
    with open_store(settings) as store:
        n_segments, todo = embedding_todo(store, embedder)
        if todo:
            embed_texts(settings, todo, embedder, store)
    return n_segments, embedder.model_key


def embedding_todo(store, embedder) -> tuple[int, list[str]]:
    """(number of current segments, their texts without a vector of ``embedder``, each text once).

    Asks the store which vectors are missing instead of loading them all: a warm run stays cheap.
    """
    from stemmen.nlp.embed import text_key

    texts = [t for _, _, t in store.current_segments()]
    prefix = embedder.prefix(EMBED_KIND)
    by_key = {text_key(t, prefix): t for t in texts}
    return len(texts), [by_key[k] for k in store.missing(list(by_key), embedder.model_key)]


def embed_texts(settings: Settings, texts: list[str], embedder, cache) -> None:
    """Vectors of ``texts`` put into ``cache``: the store, or a worker's ``DictCache`` whose vectors the
    distributed flow writes back (``pipelines/distributed.py``)."""
    from stemmen.nlp.embed import embed_cached

    embed_cached(texts, embedder, cache=cache, kind=EMBED_KIND, batch_size=settings.models.batch_size * 4)


def score_sentiment(settings: Settings) -> tuple[int, str]:
    """Sentiment for segments that have none yet for the configured model; returns (count, model_key)."""
    with open_store(settings) as store:
        model = sentiment_model(settings, store)
        todo = store.segments_without_sentiment(model.model_key)
        if not todo:
            return 0, model.model_key
        return store.write_sentiment(sentiment_rows(model, todo), model.model_key), model.model_key


def sentiment_model(settings: Settings, cache):
    """The configured sentiment model; one that reads vectors gets them through ``cache`` (the store, or a
    worker's ``DictCache``)."""
    from stemmen.nlp.sentiment import EmbeddingSentiment, get_sentiment

    m = settings.models
    if m.sentiment not in ("hybrid", "embedding"):
        return get_sentiment(m.sentiment, m.sentiment_model or None)
    head = str(settings.resolve(m.sentiment_model)) if m.sentiment_model else None  # a file, workspace-relative
    plain = CachingEmbedder(embedder_for(settings), cache)
    # a head that also reads a values encoder's vectors gets the encoder it names, cached too (for the
    # shipped head the value step's own, so the value step reuses them)
    wanted = EmbeddingSentiment(plain, head).values_embedder_
    return get_sentiment(m.sentiment, head, plain, None if wanted is None else CachingEmbedder(wanted, cache))


def sentiment_rows(model, todo: list[tuple[str, str]]) -> list[dict]:
    """The sentiment rows (segment_id, polarity, label) of ``todo``'s (segment_id, text) pairs."""
    results = model.predict([t for _, t in todo])
    return [dict(segment_id=sid, polarity=float(r.polarity), label=r.label) for (sid, _), r in zip(todo, results)]
