"""The JSON API under /api: places as GeoJSON, articles, and the basemap."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request

from geodata.articles import ArticleError, article_from_dict
from geodata.curation import CurationError, NotFound, override_mention
from geodata.geometry import parse_bbox
from geodata.service import add_articles, article_detail, basemap_bytes, place_detail, places_collection, regions_layers
from geodata.store import DuplicateArticle
from webapp.db import get_store
from webapp.security import check_write_allowed

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


@bp.post("/articles")
def add_article() -> tuple[Response, int]:
    """Store one article (JSON body), find its places, and return it with them; all or nothing."""
    check_write_allowed()
    if not request.is_json:
        abort(415, description="Send the article as JSON with Content-Type: application/json.")
    data = request.get_json(silent=True)
    if data is None:
        abort(400, description="The body is not valid JSON (UTF-8).")
    try:
        article = article_from_dict(data)
        store = get_store()
        add_articles(store, [article])
    except ArticleError as e:
        abort(400, description=str(e))
    except DuplicateArticle as e:
        abort(409, description=str(e))
    response = jsonify(article_detail(store, article.id))
    response.headers["Location"] = f"/api/articles/{article.id}"
    return response, 201


@bp.post("/articles/<article_id>/overrides")
def override(article_id: str) -> Response:
    """Resolve one span of an article by hand: {"start", "end", "place": slug} or {..., "gazetteer_id": id}."""
    check_write_allowed()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='Send a JSON object: {"start": 10, "end": 15, "place": "hajin"}.')
    place, gid = data.get("place"), data.get("gazetteer_id")
    if not all(v is None or isinstance(v, str) for v in (place, gid)):
        abort(400, description="place and gazetteer_id must be strings.")
    if not all(type(data.get(k)) is int for k in ("start", "end")):
        abort(400, description="start and end must be integers (character offsets).")
    store = get_store()
    try:
        override_mention(store, article_id, data["start"], data["end"], place=place, gazetteer_id=gid)
    except NotFound as e:
        abort(404, description=str(e))
    except CurationError as e:
        abort(400, description=str(e))
    return jsonify(article_detail(store, article_id))


@bp.get("/articles/<article_id>")
def article(article_id: str) -> Response:
    """Return one article with its text and place mentions."""
    detail = article_detail(get_store(), article_id)
    if detail is None:
        abort(404, description=f"No article with id {article_id!r}.")
    return jsonify(detail)


@bp.get("/regions")
def regions() -> Response:
    """Return the context layers: admin-1 regions and the Syria–Iraq border, with their sources."""
    response = jsonify(regions_layers())
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


@bp.get("/basemap")
def basemap() -> Response:
    """Return the built-in vector basemap drawn under the markers when there are no tiles."""
    response = Response(basemap_bytes(), mimetype="application/json")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
