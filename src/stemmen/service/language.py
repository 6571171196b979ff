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


def embed_segments(settings: Settings) -> tuple[int, str]:
    """Embed the segments not yet in the cache for the configured model; returns (segments, model_key)."""
    from stemmen.nlp.embed import embed_cached, text_key

    embedder = embedder_for(settings)
    with open_store(settings) as store:
        texts = [t for _, _, t in store.current_segments()]
        prefix = embedder.prefix("query")
        by_key = {text_key(t, prefix): t for t in texts}
        # ask which vectors are missing instead of loading all of them: a warm run stays cheap
        todo = [by_key[k] for k in store.missing(list(by_key), embedder.model_key)]
        if todo:
            embed_cached(todo, embedder, cache=store, kind="query", batch_size=settings.models.batch_size * 4)
    return len(texts), embedder.model_key


def score_sentiment(settings: Settings) -> tuple[int, str]:
    """Sentiment for segments that have none yet for the configured model; returns (count, model_key)."""
    from stemmen.nlp.sentiment import get_sentiment

    m = settings.models
    with open_store(settings) as store:
        embedder = CachingEmbedder(embedder_for(settings), store) if m.sentiment in ("hybrid", "embedding") else None
        model = get_sentiment(m.sentiment, m.sentiment_model or None, embedder)
        todo = store.segments_without_sentiment(model.model_key)
        if not todo:
            return 0, model.model_key
        results = model.predict([t for _, t in todo])
        rows = [dict(segment_id=sid, polarity=float(r.polarity), label=r.label) for (sid, _), r in zip(todo, results)]
        return store.write_sentiment(rows, model.model_key), model.model_key
