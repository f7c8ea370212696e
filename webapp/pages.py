"""The pages: the map, and the map opened on one place."""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, Response, abort, current_app, render_template
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from geodata import DATA_DIR
from geodata.export import export_formats
from geodata.geoparse.parser import UNCERTAIN_BELOW
from geodata.reading import reading_view
from geodata.service import map_data, most_quoted_places
from webapp.db import get_store
from webapp.mapbuild import BASEMAP_URL, LABELS_URL, app_map, tile_config
from webapp.mapshell import page_scripts

bp = Blueprint("pages", __name__)
# export_formats: the download menu lists the export registry's formats (geodata.export)
bp.app_context_processor(lambda: {"page_scripts": page_scripts, "export_formats": export_formats})


def _map_data(store) -> tuple[dict, Markup]:
    """Return the map's data and its JSON for the page, kept until the store's revision changes:
    at 20,000 places building them takes most of the page's time, and they only change with the data."""
    cache = current_app.extensions.setdefault("conflict_map_page_cache", {})
    key = (store.path, store.revision(), current_app.config["MAP_FULL_LIMIT"])
    hit = cache.get("map")
    if hit is None or hit[0] != key:
        data = map_data(store, full_limit=current_app.config["MAP_FULL_LIMIT"])
        hit = cache["map"] = (key, data, Markup(htmlsafe_json_dumps(data, dumps=current_app.json.dumps)))
    return hit[1], hit[2]


LIST_LIMIT = 300


def _map_page(open_slug: str | None = None) -> str:
    store = get_store()
    if open_slug is not None and store.place(open_slug) is None:
        abort(404, description=f"No place called {open_slug!r} is on the map.")
    data, data_json = _map_data(store)
    fmap = app_map()
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": open_slug, "basemap": BASEMAP_URL,
              "labels": LABELS_URL, "tiles": tile_config(), "uncertain_below": UNCERTAIN_BELOW,
              "regions": "/api/regions"}
    # the side list names every place of a small map; of a large archive, the most quoted ones
    listed = data["features"]
    if not data["complete"]:
        top = most_quoted_places(store, LIST_LIMIT)
        listed = [{"id": m[0], "properties": {"name": m[1], "kind": m[2], "passage_count": m[7]}} for m in top]
    articles = store.articles(limit=LIST_LIMIT)
    return render_template("map.html", fmap=fmap, data=data, data_json=data_json, config=config, articles=articles, listed=listed,
                           article_total=store.count("articles"), place_total=data.get("count", len(data["features"])))


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
    fmap = app_map()
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": None, "basemap": BASEMAP_URL,
              "labels": LABELS_URL, "tiles": tile_config(), "uncertain_below": UNCERTAIN_BELOW,
              "regions": "/api/regions", "article": article_id}
    return render_template("article.html", fmap=fmap, data=data, config=config, article=view)


@lru_cache(maxsize=1)
def _labels_bytes() -> bytes:
    return (DATA_DIR / "labels.json").read_bytes()


@bp.get("/map/labels.json")
def labels() -> Response:
    """Return the basemap's labels: countries, main cities and named rivers, with their source."""
    response = Response(_labels_bytes(), mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = 86400  # changes only with a new release of the app
    return response
