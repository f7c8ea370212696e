"""Exports over HTTP, pagination of /api/places, embed headers, and the OpenAPI description kept true."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from geodata.export import export_formats
from webapp import create_app

SEED = "baghouz-2019-02-17"


@pytest.mark.parametrize("fmt", ["geojson", "kml", "csv", "html"])
def test_export_downloads(client, fmt):
    r = client.get(f"/api/export.{fmt}")
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == f'attachment; filename="conflict-map.{fmt}"'
    body = r.get_data()
    mapped = len(client.get("/api/places").get_json()["features"])
    if fmt == "geojson":
        assert r.mimetype == "application/geo+json" and len(json.loads(body)["features"]) == mapped
    elif fmt == "kml":
        assert len(ET.fromstring(body).findall(".//{http://www.opengis.net/kml/2.2}Placemark")) == mapped
    elif fmt == "csv":
        assert r.mimetype == "text/csv"
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
        assert {row["place_slug"] for row in rows} >= {"baghouz", "hajin", "raqqa", "al-susah"}
    else:
        assert b'id="map-data"' in body


def test_export_of_one_article_and_errors(client):
    r = client.get(f"/api/export.geojson?article={SEED}")
    assert r.status_code == 200 and SEED in r.headers["Content-Disposition"]
    r = client.get("/api/export.csv?article=nope")
    assert r.status_code == 404 and r.get_json()["ok"] is False and "nope" in r.get_json()["error"]
    assert client.get("/api/export.shp").status_code == 404


def test_map_page_offers_downloads(client):
    html = client.get("/").get_data(as_text=True)
    for fmt in ("geojson", "kml", "csv", "html"):
        assert f'href="/api/export.{fmt}"' in html


# --- pagination ---------------------------------------------------------------------------


def test_pages_walk_every_place_once_in_a_stable_order(client):
    everything = [f["id"] for f in client.get("/api/places").get_json()["features"]]
    seen, url, pages = [], "/api/places?limit=3", 0
    while url:
        body = client.get(url).get_json()
        assert len(body["features"]) <= 3 and body["limit"] == 3
        assert body["links"][0]["rel"] == "self"
        seen += [f["id"] for f in body["features"]]
        url = body["next"]
        assert (url is None) == (not any(link["rel"] == "next" for link in body["links"]))
        pages += 1
    assert pages == -(-len(everything) // 3)
    assert sorted(seen) == sorted(everything) and len(seen) == len(set(seen))
    again = [f["id"] for f in client.get(f"/api/places?limit={len(everything)}").get_json()["features"]]
    assert again == seen


def test_pages_keep_their_filters(client):
    body = client.get("/api/places?limit=1&bbox=40,34,41.5,35").get_json()
    assert "bbox=40" in body["next"]
    ids = [f["id"] for f in body["features"]]
    while body["next"]:
        body = client.get(body["next"]).get_json()
        ids += [f["id"] for f in body["features"]]
    assert set(ids) == {"baghouz", "hajin", "al-susah"}
    body = client.get(f"/api/places?limit=100&article={SEED}").get_json()
    assert body["next"] is None
    assert len(body["features"]) == len(client.get(f"/api/places?article={SEED}").get_json()["features"])


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=-1", "limit=two", "limit=1.5", "limit=١",
                                   "cursor=%%%", "cursor=WzFd", "limit=2&cursor=bm90IGpzb24"])
def test_bad_limit_or_cursor_is_a_400(client, query):
    r = client.get(f"/api/places?{query}")
    assert r.status_code == 400
    body = r.get_json()
    assert body["ok"] is False and body["status"] == 400 and re.search("limit|cursor", body["error"])


def test_without_limit_the_list_is_one_page_with_its_links(client):
    body = client.get("/api/places").get_json()
    assert body["limit"] == 1000 and body["next"] is None and len(body["features"]) >= 8
    assert [link["rel"] for link in body["links"]] == ["self"]


def test_a_large_box_is_paged_by_default_and_next_gives_the_rest(app, client):
    from tests.geodata.test_placeindex import _add

    with app.app_context():
        from webapp.db import get_store

        _add(get_store(), 1100)  # 1,100 towns along a diagonal from 30°E 30°N
    body = client.get("/api/places?bbox=29,29,45,45").get_json()
    assert len(body["features"]) == 1000 and body["next"]
    rest = client.get(body["next"]).get_json()
    ids = [f["id"] for f in body["features"] + rest["features"]]
    assert rest["next"] is None and len(ids) == len(set(ids))
    assert {f"t{i}" for i in range(1100)} <= set(ids)  # the seed's Syrian places lie in the box too


# --- embedding ----------------------------------------------------------------------------


def test_embed_pages_are_framed_by_none_by_default(client):
    for url in ("/embed/place/hajin", f"/embed/articles/{SEED}"):
        r = client.get(url)
        assert r.status_code == 200
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Frame-Options"] == "DENY"
        html = r.get_data(as_text=True)
        assert 'id="sidebar"' not in html and 'id="map-data"' in html
    assert client.get("/embed/place/atlantis").status_code == 404
    assert client.get("/embed/articles/nope").status_code == 404


def test_embed_policy_is_configurable_and_only_for_embed_pages(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "e.sqlite"), "TILE_URL": "",
                      "EMBED_FRAME_ANCESTORS": "https://news.example"})
    client = app.test_client()
    r = client.get("/embed/place/baghouz")
    assert "frame-ancestors https://news.example" in r.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in r.headers
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', r.get_data(as_text=True), re.S).group(1))
    assert [f["id"] for f in data["features"]] == ["baghouz"]
    r = client.get("/")
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"] and r.headers["X-Frame-Options"] == "DENY"
    with pytest.raises(ValueError):
        create_app({"DATABASE": str(tmp_path / "e.sqlite"), "EMBED_FRAME_ANCESTORS": "x; script-src *"})


def test_article_embed_shows_only_that_articles_passages(client):
    client.post("/api/articles", json={"id": "second", "title": "Second", "text": "Shelling in Hajin.",
                                       "published": "2019-03-01"})
    html = client.get("/embed/articles/second").get_data(as_text=True)
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', html, re.S).group(1))
    assert [f["id"] for f in data["features"]] == ["hajin"]
    assert [p["article"] for p in data["features"][0]["properties"]["passages"]] == ["second"]


# --- OpenAPI ------------------------------------------------------------------------------


def test_openapi_describes_every_api_route(app, client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    documented = {(re.sub(r"\{[^}]+\}", "<>", path), method.upper())
                  for path, ops in spec["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        choices = re.search(r"<any\(([^)]*)\):\w+>", rule.rule)
        paths = ([re.sub(r"<any\([^)]*\):\w+>", c.strip(), rule.rule) for c in choices.group(1).split(",")]
                 if choices else [rule.rule])
        if "<export_format:" in rule.rule:  # one path per registered export format
            paths = [re.sub(r"<export_format:\w+>", f.name, rule.rule) for f in export_formats()]
        for path in paths:
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (re.sub(r"<[^>]+>", "<>", path), method) in documented, (path, method)
    assert spec["components"]["schemas"]["Error"]["required"] == ["ok", "status", "title", "error"]


# the property test runs against its own app on a throw-away database; schemathesis needs it at collection
_SCHEMA_DIR = tempfile.TemporaryDirectory(prefix="conflict-map-openapi-")
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json",
    create_app({"TESTING": True, "DATABASE": str(Path(_SCHEMA_DIR.name) / "schema.sqlite"), "TILE_URL": ""}),
)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_openapi_description(case):
    """No 5xx; every status, content type, header and body is the one the description promises."""
    # identity: schemathesis's WSGI transport does not undo gzip as an HTTP client does
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_headers_conformance, response_schema_conformance]
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=checks)
