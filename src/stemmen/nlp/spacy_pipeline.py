"""Load the Dutch spaCy pipeline, with an offline fallback.

``load_nlp("nl_core_news_lg")`` uses the installed package when it is there.
Otherwise stemmen builds a pipeline from what is always installed: a blank
Dutch tokenizer, a rule-based sentence splitter and the lookup lemmatizer
from ``spacy-lookups-data``. A path to a pipeline directory (``nlp.to_disk``
output, or one trained by this project) is loaded the same way as a package.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from stemmen.errors import Errors, ModelError
from stemmen.loading import long_lived
from stemmen.versions import dist_version

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

DEFAULT_PIPELINE = "nl_core_news_lg"
FALLBACK_ID = "blank-nl+lookup"
# Key in nlp.meta holding the lineage string (see describe_nlp).
_META_KEY = "stemmen_pipeline"
# What a component must assign for doc.sents to work.
_SENT_ASSIGNS = {"token.is_sent_start", "doc.sents"}


def load_nlp(name: str | os.PathLike[str] | None = DEFAULT_PIPELINE) -> Language:
    """Return the Dutch pipeline ``name`` (package name or directory), loaded once.

    ``None`` or a package name that is not installed gives the offline fallback.
    A path that does not exist, is not a pipeline or is not Dutch raises ModelError.
    """
    return _load_cached(None if name is None else os.fspath(name))


def clear_nlp_cache() -> None:
    """Forget loaded pipelines (tests, or after installing a pipeline in a running process)."""
    _load_cached.cache_clear()
    _fallback.cache_clear()


def describe_nlp(nlp: Language) -> str:
    """Short id + version of a pipeline, for run lineage (e.g. 'nl_core_news_lg 3.8.0')."""
    meta = nlp.meta
    if meta.get(_META_KEY):
        return str(meta[_META_KEY])
    return f"{meta.get('lang', nlp.lang)}_{meta.get('name', 'pipeline')} {meta.get('version', '?')}"


def has_sentence_boundaries(nlp: Language) -> bool:
    """True when some enabled component sets sentence starts (parser, senter, sentencizer)."""
    return any(_SENT_ASSIGNS & set(nlp.get_pipe_meta(n).assigns) for n in nlp.pipe_names)


@lru_cache(maxsize=8)
@long_lived
def _load_cached(name: str | None) -> Language:
    import spacy

    if name is None:
        logger.info("spaCy: no pipeline configured; using %s", FALLBACK_ID)
        return _fallback()
    if _looks_like_path(name):
        nlp = _load_path(Path(name))
        how = f"directory {name}"
    elif spacy.util.is_package(name):
        try:
            nlp = spacy.load(name)
        except Exception as exc:  # incompatible version, broken install
            raise ModelError(Errors.E604.format(name=name, problem=exc)) from exc
        how = "installed package"
    else:
        logger.warning(
            "spaCy: pipeline %r is not installed; using offline fallback %s "
            "(no POS tags, parser or entities; lemmas from lookup tables)",
            name,
            FALLBACK_ID,
        )
        return _fallback()
    if nlp.lang != "nl":
        raise ModelError(Errors.E603.format(name=name, lang=nlp.lang))
    if not has_sentence_boundaries(nlp):
        # A custom pipeline without parser/senter still has to split sentences.
        nlp.add_pipe("sentencizer", first=True)
    if how != "installed package":
        nlp.meta[_META_KEY] = f"{describe_nlp(nlp)} ({name})"
    logger.info("spaCy: using %s from %s", describe_nlp(nlp), how)
    return nlp


def _looks_like_path(name: str) -> bool:
    # Package names never contain a separator; anything else that exists is a path too.
    return os.sep in name or "/" in name or name.startswith(".") or Path(name).exists()


def _load_path(path: Path) -> Language:
    import spacy

    if not path.exists():
        raise ModelError(Errors.E602.format(path=path))
    if not path.is_dir() or not (path / "config.cfg").is_file():
        raise ModelError(Errors.E601.format(path=path, problem="config.cfg ontbreekt"))
    try:
        return spacy.load(path)
    except Exception as exc:  # corrupt config, missing weights, unknown factory
        raise ModelError(Errors.E601.format(path=path, problem=exc)) from exc


@lru_cache(maxsize=1)
def _fallback() -> Language:
    """Blank Dutch + sentencizer + lookup lemmatizer; Dutch stop words come with spacy.lang.nl."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    # "rule" mode needs POS tags, which a blank pipeline lacks; "lookup" maps word form -> lemma.
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    try:
        # the nl lemma_lookup table from spacy-lookups-data, shared with the value lexicon
        lemmatizer.initialize(lookups=dutch_lemma_lookups())
    except Exception as exc:
        raise ModelError(Errors.E604.format(name=FALLBACK_ID, problem=exc)) from exc
    nlp.meta[_META_KEY] = (
        f"{FALLBACK_ID} (spacy {spacy.__version__}, "
        f"spacy-lookups-data {dist_version('spacy-lookups-data')})"
    )
    return nlp


@lru_cache(maxsize=1)
@long_lived
def dutch_lemma_lookups():
    """spacy-lookups-data's Dutch ``lemma_lookup`` table (a ``spacy.lookups.Lookups``), loaded once."""
    from spacy.lookups import load_lookups

    return load_lookups("nl", ["lemma_lookup"])
