"""From step 1 to step 2: a draft manifest from what people said."""

from __future__ import annotations

from pathlib import Path

from stemmen.manifest import load_manifest
from stemmen.service.common import embedder_for, open_store
from stemmen.settings import Settings


# -- from step 1 to step 2: a draft manifest ---------------------------------------------
def draft_manifest(settings: Settings, out: str | Path | None = None, until: str | None = None) -> dict:
    """Candidate core values from step-1 input (surveys, brainstorms) as a draft manifest file.

    Step-1 input is what was said before the current manifest took effect (``until``
    overrides; without a manifest everything counts): later pulse surveys talk about the
    manifest itself, not about what people value.
    """
    import datetime as dt

    from stemmen.nlp.embed import embed_cached
    from stemmen.themes.draft import draft_manifest as draft

    if until is None and settings.manifest_path.is_file():
        until = load_manifest(settings.manifest_path).datum or None
    limit = dt.date.fromisoformat(until) if until else dt.date.max
    with open_store(settings) as store:
        rows = store.draft_documents(limit)
        texts = [r[0] for r in rows]
        vectors = embed_cached(texts, embedder_for(settings), cache=store, kind="query") if texts else None
    result = draft(texts, [r[1] for r in rows], kinds=[r[2] for r in rows], embeddings=vectors,
                   seed=settings.analysis.seed)
    path = Path(out) if out else settings.workspace / "manifest-concept.toml"
    path.write_text(result.to_toml(), encoding="utf-8")
    return {"path": str(path), "values": [v.naam for v in result.values], "texts": len(texts), "until": until}
