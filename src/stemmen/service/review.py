"""The consultant review: a session over the store's segments, and the spreadsheet round trip."""

from __future__ import annotations

import re
from pathlib import Path

from stemmen.service.common import open_store, values_embedder_for
from stemmen.settings import Settings


def ensure_labels_table(settings: Settings) -> Path:
    """The labels table the manifest names; named (``labels = "labels.csv"`` under [manifest])
    and created empty when the manifest names none yet, so that labels count from the first."""
    from stemmen.errors import Errors, ManifestError
    from stemmen.labels import LABEL_FILE, write_labels
    from stemmen.manifest import load_manifest

    path = settings.manifest_path
    manifest = load_manifest(path)
    if manifest.labels_path:
        return Path(manifest.labels_path)
    table = path.parent / LABEL_FILE
    if not table.exists():
        write_labels(table, [])
    text = path.read_text(encoding="utf-8")
    head = re.search(r"^\[manifest\][ \t]*(#.*)?$", text, flags=re.MULTILINE)
    if head is None:
        raise ManifestError(Errors.E100.format(path=path, problem="sectie [manifest] niet gevonden"))
    line = (f'labels = "{LABEL_FILE}"   # labels van stemmen review: tellen mee in de vingerafdruk,'
            " de volgende run scoort opnieuw\n")
    text = text[: head.end() + 1] + line + text[head.end() + 1:]
    path.write_text(text, encoding="utf-8")
    load_manifest(path)  # the edited file still reads
    return table


def open_review(settings: Settings, background: bool = True):
    """A review session over the workspace's current segments (read from the store, which is
    closed again: the pipeline can run while the page is open)."""
    import numpy as np

    from stemmen.errors import Errors, StemmenError
    from stemmen.manifest import load_manifest
    from stemmen.nlp.embed import DictCache, embed_cached
    from stemmen.review.session import ReviewSession, Segment
    from stemmen.review.teach import scorer_for
    from stemmen.service.common import CachingEmbedder
    from stemmen.service.themes import THEME_SCOPE
    from stemmen.service.language import sentiment_model
    from stemmen.service.values import fitted_scorer, scorer_key

    labels_path = ensure_labels_table(settings)
    manifest = load_manifest(settings.manifest_path, labels=False)
    base = values_embedder_for(settings)
    cache = DictCache()
    sentiment = sentiment_model(settings, cache)
    sentiment_key = sentiment.model_key
    with open_store(settings) as store:
        frame = store.review_segments(sentiment_key, THEME_SCOPE)
        cache.put(store.vectors(base.model_key), base.model_key)
    if frame.empty:
        raise StemmenError(Errors.E1000.format(problem="nog geen segmenten; draai eerst stemmen run"))
    embedder = CachingEmbedder(base, cache)
    texts = frame["text"].tolist()
    vectors = embed_cached(texts, base, cache=cache, kind="query")
    polarity = None if frame["polarity"].isna().any() else frame["polarity"].to_numpy(dtype=float)
    if polarity is None:
        polarity = np.array([r.polarity for r in sentiment.predict(texts)])
    segments = [Segment(r.segment_id, r.text, r.kind, r.source_name, r.group_name,
                        r.department if isinstance(r.department, str) else "", str(r.date)[:7],
                        r.theme if isinstance(r.theme, str) else "")
                for r in frame.itertuples(index=False)]
    key = scorer_key(base)
    current = load_manifest(settings.manifest_path).fingerprint

    def fit(m):
        if m.fingerprint == current:  # the labels on disk: the pipeline's kept fit, and kept for its next run
            return fitted_scorer(settings, cache, m, base, key, sentiment)
        return scorer_for(m, embedder, sentiment=sentiment).fit(m)  # as the pipeline fits it

    return ReviewSession(manifest, labels_path, segments, vectors, polarity, fit,
                         threshold=settings.analysis.relevance_threshold, background=background)


def export_review(settings: Settings, out: Path, n: int = 50) -> dict:
    """The next ``n`` segments the review would ask about, in a workbook with drop-down lists."""
    from stemmen.review.workbook import write_workbook

    session = open_review(settings, background=False)
    chosen = session.chosen(n)
    write_workbook(out, session, chosen)
    return {"path": str(out), "segments": len(chosen), "labels": str(session.labels_path)}


def import_review(settings: Settings, path: Path) -> dict:
    """Labels from a filled-in workbook, checked whole before any is saved."""
    from stemmen.labels import merge, read_labels, write_labels
    from stemmen.manifest import load_manifest
    from stemmen.review.workbook import read_workbook

    labels_path = ensure_labels_table(settings)
    manifest = load_manifest(settings.manifest_path, labels=False)
    with open_store(settings) as store:
        texts = store.segment_texts()
    new = read_workbook(path, manifest, texts)
    old = read_labels(labels_path, manifest.value_ids)
    write_labels(labels_path, merge(old, new))
    return {"imported": len(new), "labels": len(merge(old, new)), "path": str(labels_path)}
