"""One store per app: its pool of connections serves every server thread.

The schema is migrated and the seeds loaded once, when the app is created; each request borrows a
connection from the store's pool for each query and gives it back (SQLAlchemy's pool replaces the
thread-local stores of before).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from geodata.articles import SEEDS_DIR
from geodata.service import open_store
from geodata.store import Store


def get_store() -> Store:
    """Return the app's store."""
    return current_app.extensions["conflict_map_store"]


def init_app(app: Flask) -> None:
    """Open the store (filled from seeds/ on first run) and keep it, with its pool, for the app's life."""
    seeds = app.config["SEEDS_DIR"]
    app.extensions["conflict_map_store"] = open_store(app.config["DATABASE"], seeds_dir=Path(seeds) if seeds else SEEDS_DIR)
