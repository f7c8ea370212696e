"""The pages: the map, and the map opened on one place."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from geodata.service import map_data
from webapp.db import get_store
from webapp.mapbuild import build_map

bp = Blueprint("pages", __name__)
LIST_LIMIT = 300


def _map_page(open_slug: str | None = None) -> str:
    store = get_store()
    if open_slug is not None and store.place(open_slug) is None:
        abort(404, description=f"No place called {open_slug!r} is on the map.")
    data = map_data(store, full_limit=current_app.config["MAP_FULL_LIMIT"])
    fmap = build_map(tile_url=current_app.config["TILE_URL"], tile_attribution=current_app.config["TILE_ATTRIBUTION"])
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": open_slug, "basemap": "/api/basemap/compact"}
    # the side list names every place of a small map; of a large archive, the most quoted ones
    listed = data["features"]
    if not data["complete"]:
        listed = sorted(listed, key=lambda f: -f["properties"]["passage_count"])[:LIST_LIMIT]
    return render_template("map.html", fmap=fmap, data=data, config=config, articles=store.articles(), listed=listed)


@bp.get("/")
def index() -> str:
    """Show the map of every place the articles name."""
    return _map_page()


@bp.get("/place/<slug>")
def place(slug: str) -> str:
    """Show the map with one place's popup open."""
    return _map_page(slug)
