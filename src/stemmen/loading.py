"""Loading objects that live as long as the process (models, lookup tables), and where models live.

Models such as deduce's lookup structures or spaCy's lemma tables are millions of
small Python objects. The cyclic garbage collector would walk all of them during
loading (many times), at every later full collection and once more at interpreter
exit: for deduce 6 s extra to load and 12 s to exit. ``long_lived`` loads with the
collector paused and then freezes everything loaded so far out of its view
(``gc.freeze``); those objects are never garbage while the loader's cache holds them.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# the repository's models/ (trained heads), linked into the package so that checkouts and installs find it
PACKAGED_MODELS = Path(__file__).resolve().parent / "models_data"


def local_model_dir(model: str) -> Path | None:
    """The folder of a model given as a path, or as a Hugging Face hub id already in the local cache;
    None when it is not on this machine. Nothing is downloaded."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve()
    if path.exists() or model.startswith((".", "/", "~")) or model.count("/") > 1:
        return None  # a file, or a path that is not there: not a hub id either
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(model, local_files_only=True))
    except Exception:  # not in the local cache, or not a valid id
        return None


def default_cache_dir() -> Path:
    """Where stemmen keeps what it downloads or builds once: ``$XDG_CACHE_HOME/stemmen``, else ``~/.cache/stemmen``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stemmen"


def long_lived(load: Callable[..., T]) -> Callable[..., T]:
    """Decorate a (cached) loader: collector paused while it runs, its result frozen after."""

    @functools.wraps(load)
    def wrapper(*args, **kwargs) -> T:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()
            gc.freeze()

    return wrapper
