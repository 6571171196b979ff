"""Installed package versions, for model keys and lineage. Imports nothing of stemmen."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version(name: str) -> str | None:
    """The installed version of a distribution, or None when it is not installed."""
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def dist_version(name: str) -> str:
    """The installed version of a distribution, or '?' (for keys and lineage that must be strings)."""
    return package_version(name) or "?"
