"""The JSON API under /api: places as GeoJSON, articles, and the basemap."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request

from geodata.geometry import parse_bbox
from geodata.service import article_detail, basemap_bytes, place_detail, places_collection
from webapp.db import get_store

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/places")
def places() -> Response:
    """List the mapped places as a GeoJSON FeatureCollection, optionally within a bbox or for one article."""
    bbox = None
    if "bbox" in request.args:
        try:
            bbox = parse_bbox(request.args["bbox"])
        except ValueError as e:
            abort(400, description=str(e))
    article = request.args.get("article") or None
    store = get_store()
    if article is not None and store.article(article) is None:
        abort(404, description=f"No article with id {article!r}.")
    response = jsonify(places_collection(store, bbox=bbox, article=article))
    response.mimetype = "application/geo+json"
    return response


@bp.get("/places/<slug>")
def place(slug: str) -> Response:
    """Return one place as a GeoJSON Feature with its verbatim passages."""
    feature = place_detail(get_store(), slug)
    if feature is None:
        abort(404, description=f"No place called {slug!r}.")
    response = jsonify(feature)
    response.mimetype = "application/geo+json"
    return response


@bp.get("/articles")
def articles() -> Response:
    """List the stored articles, newest first."""
    return jsonify({"articles": get_store().articles()})


@bp.get("/articles/<article_id>")
def article(article_id: str) -> Response:
    """Return one article with its text and place mentions."""
    detail = article_detail(get_store(), article_id)
    if detail is None:
        abort(404, description=f"No article with id {article_id!r}.")
    return jsonify(detail)


@bp.get("/basemap")
def basemap() -> Response:
    """Return the built-in vector basemap drawn under the markers when there are no tiles."""
    response = Response(basemap_bytes(), mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
