"""The JSON API under /api: places as GeoJSON, articles, and the basemap."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from werkzeug.routing import BaseConverter, ValidationError

from geodata.articles import ArticleError, article_from_dict
from geodata.curation import CurationError, NotFound, keep_apart, override_mention, rule_json
from geodata.export import ExportError, export_format, export_stream
from geodata.geo.geometry import parse_bbox
from geodata.limits import LimitExceeded
from geodata.selection import collection_bytes, parse_limit, places_page
from geodata.service import (
    add_articles,
    article_detail,
    basemap_bytes,
    compact_basemap_bytes,
    map_view,
    place_detail,
    regions_layers,
)
from geodata.store import DuplicateArticle
from webapp.access import check_write_allowed
from webapp.db import get_store

bp = Blueprint("api", __name__, url_prefix="/api")


class ExportFormatConverter(BaseConverter):
    """`<export_format:fmt>`: a name the export registry holds when the request comes (else the route is a 404)."""

    def to_python(self, value: str) -> str:
        try:
            return export_format(value).name
        except ExportError:
            raise ValidationError() from None


bp.record_once(lambda state: state.app.url_map.converters.setdefault("export_format", ExportFormatConverter))


@bp.get("/places")
def places() -> Response:
    """List the mapped places as GeoJSON, a page at a time, optionally within a bbox or for one article."""
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
    try:
        limit = parse_limit(request.args.get("limit"))
        features, next_cursor = places_page(
            store, limit=limit, cursor=request.args.get("cursor") or None, bbox=bbox, article=article,
            role=request.args.get("role") or None,
        )
    except ValueError as e:
        abort(400, description=str(e))
    args = {k: v for k, v in request.args.items() if k in ("bbox", "article", "role")}
    links = [{"rel": "self", "type": "application/geo+json", "href": request.full_path.rstrip("?")}]
    next_url = url_for("api.places", **args, limit=limit, cursor=next_cursor) if next_cursor else None
    if next_url:
        links.append({"rel": "next", "type": "application/geo+json", "href": next_url})
    body = collection_bytes(features, links=links, next=next_url, limit=limit)
    return Response(body, mimetype="application/geo+json")


@bp.get("/clusters")
def clusters() -> Response:
    """Return what a map view shows: ?bbox=minlon,minlat,maxlon,maxlat&zoom=Z gives clusters and lone markers."""
    try:
        bbox = parse_bbox(request.args.get("bbox", ""))
    except ValueError as e:
        abort(400, description=str(e))
    zoom = request.args.get("zoom", "")
    if not (zoom.isascii() and zoom.isdigit() and int(zoom) <= 30):
        abort(400, description="zoom must be a whole number from 0 to 30")
    return jsonify(map_view(get_store(), bbox, int(zoom)))


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
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        abort(400, description="The JSON body is nested too deeply to be an article.")
    if data is None:
        abort(400, description="The body is not valid JSON (UTF-8).")
    try:
        article = article_from_dict(data)
        store = get_store()
        add_articles(store, [article])
    except LimitExceeded as e:  # 413 for a text too long, 422 for too many passages or mentions
        abort(e.status, description=str(e))
    except ArticleError as e:
        abort(400, description=str(e))
    except DuplicateArticle as e:
        abort(409, description=str(e))
    response = jsonify(article_detail(store, article.id))
    response.headers["Location"] = f"/api/articles/{article.id}"
    return response, 201


@bp.post("/articles/<article_id>/overrides")
def override(article_id: str) -> Response:
    """Resolve one span of an article by hand ({"start", "end"} and one of "place": slug, "gazetteer_id": id
    or "not_a_place": true) and record the rule later articles follow."""
    check_write_allowed()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='Send a JSON object: {"start": 10, "end": 15, "place": "hajin"}.')
    place, gid, never = data.get("place"), data.get("gazetteer_id"), data.get("not_a_place", False)
    if not all(v is None or isinstance(v, str) for v in (place, gid)):
        abort(400, description="place and gazetteer_id must be strings.")
    if type(never) is not bool:
        abort(400, description="not_a_place must be true or false.")
    if not all(type(data.get(k)) is int for k in ("start", "end")):
        abort(400, description="start and end must be integers (character offsets).")
    store = get_store()
    try:
        override_mention(store, article_id, data["start"], data["end"], place=place, gazetteer_id=gid,
                         not_a_place=never)
    except NotFound as e:
        abort(404, description=str(e))
    except CurationError as e:
        abort(400, description=str(e))
    return jsonify(article_detail(store, article_id))


@bp.post("/articles/<article_id>/apart")
def apart(article_id: str) -> Response:
    """Say one passage ({"start": offset}) is not the same event as other articles' reports; "apart": false undoes it."""
    check_write_allowed()
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or type(data.get("start")) is not int:
        abort(400, description='Send a JSON object: {"start": 120, "apart": true} (start: the passage\'s offset).')
    keep = data.get("apart", True)
    if type(keep) is not bool:
        abort(400, description="apart must be true or false.")
    try:
        keep_apart(get_store(), article_id, data["start"], keep)
    except NotFound as e:
        abort(404, description=str(e))
    return jsonify({"article": article_id, "start": data["start"], "apart": keep})


@bp.get("/rules")
def rules() -> Response:
    """List the readers' rules that later articles follow, oldest first."""
    return jsonify({"rules": [rule_json(r) for r in get_store().rules()]})


@bp.delete("/rules/<rule_id>")
def remove_rule(rule_id: str) -> Response:
    """Remove a rule: later articles resolve its name as the geoparser does."""
    check_write_allowed()
    if not (rule_id.isascii() and rule_id.isdigit() and get_store().remove_rule(int(rule_id))):
        abort(404, description=f"No rule {rule_id}.")
    return jsonify({"removed": int(rule_id)})


@bp.get("/articles/<article_id>")
def article(article_id: str) -> Response:
    """Return one article with its text and place mentions."""
    detail = article_detail(get_store(), article_id)
    if detail is None:
        abort(404, description=f"No article with id {article_id!r}.")
    return jsonify(detail)


def _cached_for_a_day(response: Response) -> Response:
    # the basemap and context layers change only with a new release of the app
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


@bp.get("/regions")
def regions() -> Response:
    """Return the context layers: admin-1 regions and the Syria–Iraq border, with their sources."""
    return _cached_for_a_day(jsonify(regions_layers()))


@bp.get("/basemap")
def basemap() -> Response:
    """Return the built-in vector basemap drawn under the markers when there are no tiles."""
    return _cached_for_a_day(Response(basemap_bytes(), mimetype="application/json"))


@bp.get("/basemap/compact")
def basemap_compact() -> Response:
    """Return the basemap with coordinates as encoded polylines: what the map page loads."""
    return _cached_for_a_day(Response(compact_basemap_bytes(), mimetype="application/json"))


@bp.get("/export.<export_format:fmt>")
def export_file(fmt: str) -> Response:
    """Download the mapped places and their passages in a registered export format (geodata.export)."""
    found = export_format(fmt)
    article = request.args.get("article") or None
    try:
        body = export_stream(get_store(), fmt, article)  # the CSV is sent row by row
    except ExportError as e:
        abort(404, description=str(e))
    response = Response(body, mimetype=found.media_type.split(";")[0])
    name = "conflict-map" + (f"-{re.sub(r'[^A-Za-z0-9._-]', '_', article)}" if article else "")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{found.extension}"'
    return response


@bp.get("/openapi.json")
def openapi() -> Response:
    """Describe this JSON API as OpenAPI 3."""
    from webapp.openapi import spec

    return jsonify(spec(current_app))
