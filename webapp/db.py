"""One store connection per server thread, reused from request to request.

Opening SQLite, setting its pragmas and checking the schema on every request cost more than most
queries; waitress serves from a fixed pool of threads, so each thread keeps its own connection
(SQLite connections must not be shared between threads while in use). The schema is migrated and
the seeds loaded once, when the app is created.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app, g

from geodata.articles import SEEDS_DIR
from geodata.service import open_store
from geodata.store import Store


def get_store() -> Store:
    """Return this thread's store for the app's database, opening it on first use."""
    local = current_app.extensions["conflict_map_stores"]
    store = getattr(local, "store", None)
    if store is None:
        store = local.store = Store(current_app.config["DATABASE"])
    g.store = store
    return store


def release_store(exc: BaseException | None = None) -> None:
    """After a request: never leave a transaction open on the thread's connection."""
    store = g.pop("store", None)
    if store is not None and store.db.in_transaction:
        store.db.execute("ROLLBACK")


def init_app(app: Flask) -> None:
    """Fill the store from seeds/ on first run; keep one connection per thread afterwards."""
    seeds = app.config["SEEDS_DIR"]
    open_store(app.config["DATABASE"], seeds_dir=Path(seeds) if seeds else SEEDS_DIR).close()
    app.extensions["conflict_map_stores"] = threading.local()
    app.teardown_appcontext(release_store)
