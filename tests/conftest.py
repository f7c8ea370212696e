"""Shared fixtures: a fresh store and app per test, filled by the same loader the app uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geodata.service import open_store
from webapp import create_app

SEED_ID = "baghouz-2019-02-17"


@pytest.fixture(scope="session", autouse=True)
def gazetteer_index(tmp_path_factory) -> Path:
    """Build the geoparser's gazetteer index once per session; run.py subprocesses inherit it."""
    from geodata.gazetteer import build_index

    path = build_index(tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite")
    os.environ["CONFLICT_MAP_GAZETTEER"] = str(path)
    return path


@pytest.fixture
def store(tmp_path: Path):
    """Return a store in a temporary file, filled from seeds/."""
    s = open_store(tmp_path / "test.sqlite")
    yield s
    s.close()


@pytest.fixture
def app(tmp_path: Path):
    """Return the app on a fresh temporary database, with no tile server."""
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "app.sqlite"), "TILE_URL": ""})


@pytest.fixture
def client(app):
    """Return a test client for the app."""
    return app.test_client()
