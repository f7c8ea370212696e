"""Fixtures for the reliability tests: an app that answers errors as production does, and row counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.store import Store
from webapp import create_app

TABLES = ("articles", "passages", "mentions", "places")


def row_counts(db: str | Path) -> dict[str, int]:
    """Return the number of rows of each table, read through a fresh connection."""
    store = Store(db)
    try:
        return {t: store.count(t) for t in TABLES}
    finally:
        store.close()


@pytest.fixture(scope="module")
def prod_app(tmp_path_factory):
    """The app as it runs for users: exceptions become 500 responses instead of propagating to the test."""
    db = tmp_path_factory.mktemp("prod") / "prod.sqlite"
    app = create_app({"TESTING": False, "DATABASE": str(db), "TILE_URL": ""})
    app.config["DB_PATH_FOR_TESTS"] = str(db)
    return app


@pytest.fixture
def live_server(tmp_path: Path):
    """`run.py serve` (waitress) on a free port with its own database file."""
    from tests.browser.conftest import Server

    db = tmp_path / "live.sqlite"
    server = Server(db, tiles="none")
    server.db = db
    yield server
    server.stop()
