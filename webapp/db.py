"""One store connection per request, on flask.g, as in Flask's tutorial."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g

from geodata.articles import SEEDS_DIR
from geodata.service import open_store
from geodata.store import Store


def get_store() -> Store:
    """Return this request's store, opening it on first use."""
    if "store" not in g:
        g.store = open_store(current_app.config["DATABASE"], seeds_dir=None)
    return g.store


def close_store(exc: BaseException | None = None) -> None:
    """Close the request's store if one was opened."""
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    """Fill the store from seeds/ on first run and close connections after each request."""
    seeds = app.config["SEEDS_DIR"]
    open_store(app.config["DATABASE"], seeds_dir=Path(seeds) if seeds else SEEDS_DIR).close()
    app.teardown_appcontext(close_store)
