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


def load_manifest(path) -> "Manifest":
    """Load and validate a manifest TOML file (values with gedrag and tegengedrag)."""
    from stemmen.manifest import load_manifest as _load

    return _load(path)


__all__ = ["__version__", "load_manifest", "pseudonymise"]
