"""The OpenAPI 3 description of /api, served at /api/openapi.json and checked by a property test."""

from __future__ import annotations

from typing import Any

from flask import Flask

from geodata.limits import FIELD_LIMITS, MAX_MENTIONS, MAX_PASSAGES, MAX_TEXT_CHARS
from geodata.selection import MAX_LIMIT

_JSON = "application/json"
_GEOJSON = "application/geo+json"
_NULLABLE_STR = {"type": ["string", "null"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"schema": _ref("Error")}}}


def _ok(description: str, schema: str, media: str = _JSON) -> dict[str, Any]:
    return {"description": description, "content": {media: {"schema": _ref(schema)}}}


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "description": "The one error shape of every 4xx and 5xx response.",
        "required": ["ok", "status", "title", "error"],
        "properties": {
            "ok": {"const": False},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "title": {"type": "string"},
            "error": {"type": "string"},
        },
    },
    "Geometry": {
        "type": "object",
        "description": "A GeoJSON geometry (RFC 7946): WGS84, [lon, lat].",
        "required": ["type"],
        "properties": {
            "type": {"enum": ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                              "GeometryCollection"]},
            "coordinates": {"type": "array"},
        },
    },
    "PlaceProperties": {
        "type": "object",
        "required": ["name", "aliases", "kind", "precision", "source", "gazetteer_id", "origin", "marker"],
        "properties": {
            "name": {"type": "string"},
            "name_ar": {"type": "string"},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "kind": {"type": "string"},
            "precision": {"type": "integer", "enum": [1, 2, 3],
                          "description": "1 the town itself, 2 near a town or part of a region, 3 region or country"},
            "source": {"type": "string", "description": "Where the coordinates come from."},
            "gazetteer_id": {"type": "string"},
            "origin": {"enum": ["curated", "geoparsed"]},
            "country": _NULLABLE_STR,
            "admin1": _NULLABLE_STR,
            "marker": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2,
                       "description": "[lon, lat] where the map puts the marker."},
            "passage_count": {"type": "integer", "minimum": 0},
        },
    },
    "Place": {
        "type": "object",
        "required": ["type", "id", "geometry", "properties"],
        "properties": {
            "type": {"const": "Feature"},
            "id": {"type": "string", "description": "The place's stable slug."},
            "geometry": _ref("Geometry"),
            "properties": _ref("PlaceProperties"),
        },
    },
    "Link": {
        "type": "object",
        "required": ["rel", "href"],
        "properties": {"rel": {"type": "string"}, "href": {"type": "string"}, "type": {"type": "string"}},
    },
    "PlaceCollection": {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {"type": "array", "items": _ref("Place")},
            "links": {"type": "array", "items": _ref("Link"), "description": "self, and next when more places follow."},
            "next": {"type": ["string", "null"], "description": "The next page's URL, null at the end."},
            "limit": {"type": "integer"},
        },
    },
    "Passage": {
        "type": "object",
        "description": "A verbatim slice of an article: text == article.text[start:end].",
        "required": ["article", "title", "published", "start", "end", "text", "mentions"],
        "properties": {
            "article": {"type": "string"},
            "title": {"type": "string"},
            "published": {"type": "string", "format": "date"},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "text": {"type": "string"},
            "mentions": {"type": "array", "items": _ref("PassageMention"),
                         "description": "The place's mentions in the passage, with their role."},
            "time": {"type": ["object", "null"], "description": "When: the event time resolved from the passage's "
                     "dating words (start, end, precision, label, words), else its publication date."},
            "event": {"oneOf": [_ref("Event"), {"type": "null"}],
                      "description": "What the passage reports (geodata.events), null when it reports no event."},
            "reported": {"oneOf": [_ref("ReportedEvent"), {"type": "null"}],
                         "description": "The reported event this passage is part of, with passages of other articles "
                                        "at the same place (or within 5 km) and time; null when no other article reports it."},
            "apart": {"type": "boolean", "description": "A reader said this passage is not the same event as the "
                                                        "others: it joins no reported event."},
        },
    },
    "Apart": {
        "type": "object",
        "required": ["start"],
        "properties": {
            "article": {"type": "string"},
            "start": {"type": "integer", "minimum": 0, "description": "The passage's start offset in its article."},
            "apart": {"type": "boolean", "default": True},
        },
    },
    "PassageMention": {
        "type": "object",
        "required": ["start", "end", "role"],
        "properties": {
            "start": {"type": "integer"}, "end": {"type": "integer"}, "place": {"type": "string"},
            "method": {"type": "string"}, "confidence": {"type": "number"},
            "role": {"type": "string", "enum": ["event", "background"],
                     "description": "event: the passage reports something happening there; background: history, "
                                    "comparison, the seat of a speaker, a list of countries asked to act."},
            "role_cues": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}},
                          "description": "Article offsets [start, end] of the words that decided the role."},
        },
    },
    "Event": {
        "type": "object",
        "required": ["type", "sub_type", "fatalities", "actors", "cues"],
        "properties": {
            "type": {"type": "string", "enum": ["Battles", "Explosions/Remote violence", "Violence against civilians",
                                                "Protests", "Riots", "Strategic developments"],
                     "description": "ACLED event type."},
            "sub_type": {"type": ["string", "null"], "description": "ACLED sub-event type, null when the text does not tell it."},
            "fatalities": {"type": ["integer", "null"], "description": "Lowest number of deaths stated; null if none stated."},
            "actors": {"type": "array", "items": {"type": "string"},
                       "description": "Named armed groups and forces, the one that acted first."},
            "cues": {"type": "array", "items": {"type": "object", "properties": {
                "start": {"type": "integer"}, "end": {"type": "integer"}}}, "description": "Article offsets of the cue words."},
        },
    },
    "ReportedEvent": {
        "type": "object",
        "required": ["source_count", "sources", "reports"],
        "properties": {
            "source_count": {"type": "integer", "description": "Distinct publishers (not articles)."},
            "article_count": {"type": "integer"},
            "sources": {"type": "array", "items": {"type": "string"}},
            "radius_km": {"type": "number", "description": "Places at most this far apart may report one event."},
            "reports": {"type": "array", "description": "The passages grouped: article, start, end, place, place_name, "
                                                        "title, publisher, source, url, type, time {start, end}.",
                        "items": {"type": "object"}},
        },
    },
    "Relation": {
        "type": "object",
        "required": ["slug", "name", "km", "direction", "text"],
        "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "km": {"type": "number"},
                       "direction": {"type": "string"}, "text": {"type": "string"}},
    },
    "PlaceDetail": {
        "allOf": [
            _ref("Place"),
            {"type": "object", "properties": {"properties": {
                "type": "object", "required": ["passages", "nearest"],
                "properties": {"passages": {"type": "array", "items": _ref("Passage")},
                               "nearest": {"type": "array", "items": _ref("Relation")}},
            }}},
        ]
    },
    "ArticleSummary": {
        "type": "object",
        "required": ["id", "title", "published", "places"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string", "format": "date"},
            "source": {"type": "string"}, "url": {"type": "string"}, "language": {"type": "string"},
            "credit": {"type": "string"}, "places": {"type": "integer", "minimum": 0},
        },
    },
    "ArticleList": {
        "type": "object", "required": ["articles"],
        "properties": {"articles": {"type": "array", "items": _ref("ArticleSummary")}},
    },
    "Mention": {
        "type": "object",
        "required": ["start", "end", "text", "place", "method", "confidence"],
        "properties": {
            "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
            "place": {"type": "string"}, "method": {"type": "string"}, "confidence": {"type": "number"},
            "role": {"type": "string", "enum": ["event", "background"]},
            "role_cues": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
            "candidates": {"type": "array", "items": {"type": "object"}, "description": "The places it beat."},
            "rule": {"type": ["integer", "null"], "description": "The id of the reader's rule that placed it."},
        },
    },
    "Article": {
        "type": "object",
        "required": ["id", "title", "published", "text", "mentions", "places"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string", "format": "date"},
            "source": {"type": "string"}, "url": {"type": "string"}, "language": {"type": "string"},
            "credit": {"type": "string"}, "text": {"type": "string"},
            "mentions": {"type": "array", "items": _ref("Mention")},
            "places": {"type": "array", "items": {"type": "string"}},
        },
    },
    "NewArticle": {
        "type": "object",
        "required": ["id", "title", "text", "published"],
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"},
            "title": {"type": "string", "maxLength": FIELD_LIMITS["title"]},
            "text": {"type": "string", "maxLength": MAX_TEXT_CHARS,
                     "description": f"At most {MAX_TEXT_CHARS:,} characters (413 beyond); the article may make at most "
                                    f"{MAX_PASSAGES:,} passages and {MAX_MENTIONS:,} place mentions (422 beyond)."},
            "published": {"type": "string", "format": "date"},
            "source": {"type": "string", "maxLength": FIELD_LIMITS["source"]},
            "url": {"type": "string", "maxLength": FIELD_LIMITS["url"]},
            "language": {"type": "string", "maxLength": FIELD_LIMITS["language"]},
            "credit": {"type": "string", "maxLength": FIELD_LIMITS["credit"]},
        },
    },
    "Override": {
        "type": "object",
        "required": ["start", "end"],
        "properties": {
            "start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 1},
            "place": {"type": "string", "description": "Slug of a stored place."},
            "gazetteer_id": {"type": "string", "description": "e.g. geonames:172955"},
            "not_a_place": {"type": "boolean", "description": "true: the span names no place (kept off the map)."},
        },
    },
    "Rule": {
        "type": "object",
        "required": ["id", "name_key", "country", "action", "place", "gazetteer_id", "note", "created_at"],
        "properties": {
            "id": {"type": "integer"}, "name_key": {"type": "string", "description": "The name, normalised."},
            "country": {"type": "string", "description": "ISO 3166-1 alpha-2 country context, or ''."},
            "action": {"type": "string", "enum": ["place", "never"]}, "place": _NULLABLE_STR,
            "gazetteer_id": _NULLABLE_STR, "note": {"type": "string"}, "created_at": {"type": "string"},
        },
    },
    "Rules": {"type": "object", "required": ["rules"],
              "properties": {"rules": {"type": "array", "items": _ref("Rule")}}},
    "Removed": {"type": "object", "required": ["removed"], "properties": {"removed": {"type": "integer"}}},
    "Basemap": {
        "type": "object",
        "required": ["countries", "rivers"],
        "properties": {"attribution": {"type": "string"}, "countries": {"type": "object"}, "rivers": {"type": "object"}},
    },
}

_ARTICLE_FILTER = {"name": "article", "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "Only the places (and passages) of this article."}
_EXPORTS = {
    "geojson": ("GeoJSON (RFC 7946): one Feature per place with its passages and provenance.", _GEOJSON),
    "kml": ("KML 2.2: a Placemark per place, passages escaped in its description.",
            "application/vnd.google-earth.kml+xml"),
    "csv": ("CSV, UTF-8 with BOM: one row per place mention, ACLED-style columns, formula-safe.", "text/csv"),
    "html": ("One self-contained HTML map that works opened from disk with no network.", "text/html"),
}


def _paths() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/api/places": {"get": {
            "summary": "List the mapped places as a GeoJSON FeatureCollection.",
            "parameters": [
                {"name": "bbox", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "minlon,minlat,maxlon,maxlat in WGS84 degrees.", "example": "38,33,43,37"},
                _ARTICLE_FILTER,
                {"name": "role", "in": "query", "required": False, "schema": {"type": "string", "enum": ["event"]},
                 "description": "event: only the places named by at least one event mention."},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                 "description": f"Page size (default {MAX_LIMIT}): every listing is paged and links to its next page."},
                {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "Opaque: take it from a previous page's next link."},
            ],
            "responses": {"200": _ok("The places.", "PlaceCollection", _GEOJSON),
                          "400": _error("A bad bbox, limit or cursor."), "404": _error("No such article.")},
        }},
        "/api/clusters": {"get": {
            "summary": "What one map view shows: clusters of places and the markers that stand alone.",
            "parameters": [
                {"name": "bbox", "in": "query", "required": True, "schema": {"type": "string"},
                 "description": "minlon,minlat,maxlon,maxlat in WGS84 degrees.", "example": "38,33,43,37"},
                {"name": "zoom", "in": "query", "required": True,
                 "schema": {"type": "integer", "minimum": 0, "maximum": 30}, "example": 6},
            ],
            "responses": {"200": {"description": "clusters: [lon, lat, count, [minlon, minlat, maxlon, maxlat]]; "
                                                 "markers: [slug, name, kind, precision, lon, lat, geometry, passages]",
                                  "content": {_JSON: {"schema": {"type": "object",
                                                                 "required": ["clusters", "markers", "zoom"]}}}},
                          "400": _error("A bad bbox or zoom.")},
        }},
        "/api/places/{slug}": {"get": {
            "summary": "One place with its verbatim passages and nearest neighbours.",
            "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": _ok("The place.", "PlaceDetail", _GEOJSON), "404": _error("No such place.")},
        }},
        "/api/articles": {
            "get": {"summary": "List the stored articles, newest first.",
                    "responses": {"200": _ok("The articles.", "ArticleList")}},
            "post": {
                "summary": "Store one article, find its places; all or nothing.",
                "description": "Needs 'Authorization: Bearer <token>' when a write token is configured; "
                               "refused off loopback without one.",
                "security": [{}, {"bearerAuth": []}],
                "requestBody": {"required": True, "content": {_JSON: {"schema": _ref("NewArticle")}}},
                "responses": {
                    "201": {**_ok("Stored; the article with its mentions.", "Article"),
                            "headers": {"Location": {"schema": {"type": "string"}}}},
                    "400": _error("A missing or malformed field, or a url that is not an absolute http(s) URL."),
                    "401": _error("A wrong or missing token."),
                    "403": _error("Writes are refused here."), "409": _error("An article with this id exists."),
                    "413": _error(f"The body is too large, or the text is over {MAX_TEXT_CHARS:,} characters."),
                    "415": _error("The body is not JSON."),
                    "422": _error(f"The article makes over {MAX_PASSAGES:,} passages or {MAX_MENTIONS:,} mentions."),
                },
            },
        },
        "/api/articles/{article_id}/overrides": {"post": {
            "summary": "Resolve one span of an article by hand, to a stored place, a gazetteer entry or no place.",
            "description": "Give exactly one of place (a slug), gazetteer_id or not_a_place: true. The correction "
                           "is kept as a rule: the same name in the same country context (the article's dominant "
                           "country) resolves the same way in later articles. Same write rules as POST /api/articles.",
            "security": [{}, {"bearerAuth": []}],
            "parameters": [{"name": "article_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {_JSON: {"schema": _ref("Override")}}},
            "responses": {
                "200": _ok("The article with its mentions after the override.", "Article"),
                "400": _error("A malformed body or span."), "401": _error("A wrong or missing token."),
                "403": _error("Writes are refused here."), "404": _error("No such article, place or gazetteer id."),
                "413": _error("The body is too large."),
            },
        }},
        "/api/articles/{article_id}/apart": {"post": {
            "summary": "Say a passage is not the same event as other articles' reports (apart: false undoes it).",
            "description": "The passage starting at `start` joins no reported event from then on; grouping is "
                           "computed when read, so the change shows at once. Same write rules as POST /api/articles.",
            "security": [{}, {"bearerAuth": []}],
            "parameters": [{"name": "article_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {_JSON: {"schema": _ref("Apart")}}},
            "responses": {
                "200": _ok("The passage and whether it is kept apart.", "Apart"),
                "400": _error("A malformed body."), "401": _error("A wrong or missing token."),
                "403": _error("Writes are refused here."), "404": _error("No such article or passage."),
                "413": _error("The body is too large."),
            },
        }},
        "/api/rules": {"get": {
            "summary": "The readers' rules later articles follow (from corrections), oldest first.",
            "responses": {"200": _ok("Every rule.", "Rules")},
        }},
        "/api/rules/{rule_id}": {"delete": {
            "summary": "Remove a rule: later articles resolve its name as the geoparser does.",
            "description": "Same write rules as POST /api/articles.",
            "security": [{}, {"bearerAuth": []}],
            "parameters": [{"name": "rule_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}}],
            "responses": {
                "200": _ok("The id of the rule removed.", "Removed"),
                "401": _error("A wrong or missing token."), "403": _error("Writes are refused here."),
                "404": _error("No such rule."),
            },
        }},
        "/api/articles/{article_id}": {"get": {
            "summary": "One article with its text and place mentions.",
            "parameters": [{"name": "article_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": _ok("The article.", "Article"), "404": _error("No such article.")},
        }},
        "/api/regions": {"get": {
            "summary": "The context layers: admin-1 regions and the Syria–Iraq border, with their sources.",
            "responses": {"200": {"description": "GeoJSON layers by name.",
                                  "content": {_JSON: {"schema": {"type": "object"}}}}},
        }},
        "/api/basemap": {"get": {
            "summary": "The built-in vector basemap (Natural Earth countries and rivers).",
            "responses": {"200": _ok("Country and river FeatureCollections.", "Basemap")},
        }},
        "/api/basemap/compact": {"get": {
            "summary": "The same basemap with coordinates as encoded polylines (what the map page loads).",
            "responses": {"200": {"description": "Countries and rivers as polyline-encoded parts.",
                                  "content": {_JSON: {"schema": {"type": "object",
                                                               "required": ["format", "countries", "rivers"]}}}}},
        }},
        "/api/openapi.json": {"get": {
            "summary": "This description.",
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {_JSON: {"schema": {"type": "object"}}}}},
        }},
    }
    for fmt, (summary, media) in _EXPORTS.items():
        paths[f"/api/export.{fmt}"] = {"get": {
            "summary": summary,
            "parameters": [_ARTICLE_FILTER],
            "responses": {
                "200": {"description": "A file to download (Content-Disposition: attachment).",
                        "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
                        "content": {media: {"schema": _ref("PlaceCollection") if fmt == "geojson"
                                                      else {"type": "string"}}}},
                "404": _error("No such article."),
            },
        }}
    return paths


def spec(app: Flask) -> dict[str, Any]:
    """Return the OpenAPI document for the routes this app has."""
    rules = {(rule.rule, method) for rule in app.url_map.iter_rules() for method in rule.methods or ()}
    paths = _paths()
    # describe the write routes only where the app has them
    if ("/api/articles", "POST") not in rules:
        del paths["/api/articles"]["post"]
    if ("/api/articles/<article_id>/overrides", "POST") not in rules:
        del paths["/api/articles/{article_id}/overrides"]
    if ("/api/articles/<article_id>/apart", "POST") not in rules:
        del paths["/api/articles/{article_id}/apart"]
    if ("/api/rules/<rule_id>", "DELETE") not in rules:
        del paths["/api/rules/{rule_id}"]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Conflict Map API",
            "version": "1",
            "description": "War reporting on a map: places as GeoJSON (WGS84, [lon, lat]) with the verbatim "
                           "passages that name them. Every error has the shape of the Error schema.",
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
