"""The pages: the map, and the map opened on one place."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from geodata.reading import reading_view
from geodata.service import map_data
from webapp.db import get_store
from webapp.mapbuild import build_map

bp = Blueprint("pages", __name__)


def _map_page(open_slug: str | None = None) -> str:
    store = get_store()
    if open_slug is not None and store.place(open_slug) is None:
        abort(404, description=f"No place called {open_slug!r} is on the map.")
    data = map_data(store)
    fmap = build_map(tile_url=current_app.config["TILE_URL"], tile_attribution=current_app.config["TILE_ATTRIBUTION"])
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": open_slug, "basemap": "/api/basemap",
              "regions": "/api/regions"}
    return render_template("map.html", fmap=fmap, data=data, config=config, articles=store.articles())


@bp.get("/")
def index() -> str:
    """Show the map of every place the articles name."""
    return _map_page()


@bp.get("/place/<slug>")
def place(slug: str) -> str:
    """Show the map with one place's popup open."""
    return _map_page(slug)


@bp.get("/articles")
def articles() -> str:
    """List the stored articles: title, date, source and how many places each names."""
    return render_template("articles.html", articles=get_store().articles())


@bp.get("/articles/<article_id>")
def article(article_id: str) -> str:
    """Show an article's text beside the map of the places it names."""
    store = get_store()
    view = reading_view(store, article_id)
    if view is None:
        abort(404, description=f"No article with id {article_id!r}.")
    data = map_data(store, article=article_id)
    fmap = build_map(tile_url=current_app.config["TILE_URL"], tile_attribution=current_app.config["TILE_ATTRIBUTION"])
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": None, "basemap": "/api/basemap",
              "regions": "/api/regions", "article": article_id}
    return render_template("article.html", fmap=fmap, data=data, config=config, article=view)
