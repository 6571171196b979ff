"""Shared fixtures: an in-memory store and a workspace writer."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"


@pytest.fixture
def store():
    from stemmen.store import Store

    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture
def demo_manifest_path() -> Path:
    return DEMO / "manifest.toml"
