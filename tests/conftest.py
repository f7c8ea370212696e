"""Shared fixtures: a fresh store and app per test, filled by the same loader the app uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geodata.service import open_store
from webapp import create_app

SEED_ID = "baghouz-2019-02-17"


@pytest.fixture(scope="session", autouse=True)
def gazetteer_index() -> Path:
    """Return the cached gazetteer index (built once per INDEX_VERSION); run.py subprocesses inherit it."""
    from geodata.geoparse.gazetteer import build_index, index_path

    path = index_path()
    if not path.exists():
        build_index(path)
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


# --- PostgreSQL: the store tests run against both backends ------------------------------------------

REQUIRE_PG = os.environ.get("CONFLICT_MAP_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg_schemas():
    """A PostgreSQL server for the session: CONFLICT_MAP_TEST_PG_URL, or a throwaway one started here.

    Without one the PostgreSQL tests skip with the reason, or fail when CONFLICT_MAP_REQUIRE_PG=1 (CI).
    """
    from tests import pgserver

    server = None
    try:
        try:
            import psycopg  # noqa: F401
        except ImportError as e:
            raise pgserver.Unavailable("psycopg is not installed: pip install -e '.[postgres]'") from e
        url = os.environ.get("CONFLICT_MAP_TEST_PG_URL")
        if not url:
            server = pgserver.Server()
            url = server.url
        schemas = pgserver.Schemas(url)
    except pgserver.Unavailable as e:
        if server is not None:
            server.stop()
        message = f"PostgreSQL is not available: {e}"
        if REQUIRE_PG:
            pytest.fail(message + " (CONFLICT_MAP_REQUIRE_PG=1)", pytrace=False)
        pytest.skip(message)
    yield schemas
    schemas.close()
    if server is not None:
        server.stop()


@pytest.fixture
def pg_url(pg_schemas):
    """Return the URL of an empty PostgreSQL schema of this test's own."""
    name, url = pg_schemas.create()
    yield url
    pg_schemas.drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path: Path) -> str:
    """Return where a fresh store lives: a SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("pg_url")
