import json
import re

import pytest

SEED_PLACES = ["baghouz", "hajin", "raqqa", "al-susah"]


def data_block(html: str, block_id: str):
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_map_page_lists_places_and_carries_data_as_json(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    for slug in SEED_PLACES:
        assert f'data-place="{slug}"' in html
    data = data_block(html, "map-data")
    by_id = {f["id"]: f for f in data["features"]}
    assert by_id["baghouz"]["properties"]["passage_count"] == 3
    config = data_block(html, "map-config")
    assert f'id="{config["map"]}"' in html and config["open"] is None


def test_map_page_loads_only_its_own_assets(client):
    html = client.get("/").get_data(as_text=True)
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/"), url
        assert client.get(url).status_code == 200, url
    assert "cdn" not in html.lower() and "jquery" not in html.lower()


def test_place_page_opens_that_place(client):
    html = client.get("/place/hajin").get_data(as_text=True)
    assert data_block(html, "map-config")["open"] == "hajin"


def test_unknown_place_page_is_a_404_page(client):
    r = client.get("/place/atlantis")
    assert r.status_code == 404
    assert "atlantis" in r.get_data(as_text=True)


def test_api_places_is_a_geojson_feature_collection(client):
    r = client.get("/api/places")
    assert r.status_code == 200 and r.mimetype == "application/geo+json"
    fc = r.get_json()
    assert fc["type"] == "FeatureCollection"
    from shapely.geometry import shape

    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["id"], str)
        assert shape(f["geometry"]).is_valid
        assert {"name", "aliases", "kind", "precision", "source"} <= set(f["properties"])
    assert {f["id"] for f in fc["features"]} >= set(SEED_PLACES)


def test_api_place_has_verbatim_passages(client):
    f = client.get("/api/places/baghouz").get_json()
    article = client.get("/api/articles/baghouz-2019-02-17").get_json()
    passages = f["properties"]["passages"]
    assert len(passages) == 3
    for p in passages:
        assert {"text", "start", "end", "article"} <= set(p)
        assert article["text"][p["start"] : p["end"]] == p["text"]


def test_api_places_filters_by_bbox_and_article(client):
    near_baghouz = client.get("/api/places?bbox=40.9,34.4,41.0,34.6").get_json()
    assert {f["id"] for f in near_baghouz["features"]} == {"baghouz", "al-susah"}
    by_article = client.get("/api/places?article=baghouz-2019-02-17").get_json()
    origins = {f["id"]: f["properties"]["origin"] for f in by_article["features"]}
    assert {s for s, o in origins.items() if o == "curated"} == {
        "baghouz", "hajin", "raqqa", "al-susah", "euphrates", "deir-ez-zor-province", "syria", "iraq"}
    # the geoparser adds what the curated file lacks; "Britain" is the United Kingdom
    assert {s for s, o in origins.items() if o == "geoparsed"} == {
        "united-kingdom", "france", "germany", "europe", "united-states"}


@pytest.mark.parametrize(
    "url,status",
    [
        ("/api/places/atlantis", 404),
        ("/api/articles/nope", 404),
        ("/api/places?bbox=1,2,3", 400),
        ("/api/places?bbox=a,b,c,d", 400),
        ("/api/places?article=nope", 404),
        ("/api/nothing-here", 404),
    ],
)
def test_api_errors_share_one_json_shape(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    body = r.get_json()
    assert body["ok"] is False and body["status"] == status and body["error"] and body["title"]


def test_api_method_not_allowed_is_json(client):
    r = client.delete("/api/places")
    assert r.status_code == 405 and r.get_json()["status"] == 405


def test_api_articles_lists_the_seed(client):
    articles = client.get("/api/articles").get_json()["articles"]
    assert articles[0]["id"] == "baghouz-2019-02-17" and articles[0]["published"] == "2019-02-17"


def test_basemap_has_countries_and_the_euphrates(client):
    base = client.get("/api/basemap").get_json()
    names = {f["properties"]["name"] for f in base["countries"]["features"]}
    assert {"Syria", "Iraq"} <= names
    assert "Euphrates" in {f["properties"]["name"] for f in base["rivers"]["features"]}


def test_security_headers_on_every_response(client):
    for url in ("/", "/api/places", "/api/places/atlantis", "/static/app.js"):
        r = client.get(url)
        csp = r.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in csp


def test_the_inline_map_script_carries_the_csp_nonce(client):
    r = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", r.headers["Content-Security-Policy"]).group(1)
    html = r.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_tile_host_is_allowed_only_when_configured(tmp_path):
    from webapp import create_app

    app = create_app({"DATABASE": str(tmp_path / "t.sqlite"), "TILE_URL": "https://tiles.example.org/{z}/{x}/{y}.png"})
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tiles.example.org" in csp


def test_compact_basemap_is_what_the_page_loads_and_decodes_to_the_same_countries(client):
    from geodata.geo.polyline import decode

    page = client.get("/").get_data(as_text=True)
    assert '"basemap": "/api/basemap/compact"' in page or '"basemap":"/api/basemap/compact"' in page
    compact = client.get("/api/basemap/compact").get_json()
    full = client.get("/api/basemap").get_json()
    assert compact["format"] == "polyline"
    precision = compact["countries"]["precision"]
    assert [f["name"] for f in compact["countries"]["features"]] == [f["properties"]["name"] for f in full["countries"]["features"]]
    for small, big in zip(compact["countries"]["features"], full["countries"]["features"]):
        polygons = big["geometry"]["coordinates"]
        polygons = polygons if big["geometry"]["type"] == "MultiPolygon" else [polygons]
        # every ring of every country comes back, point for point, to the stated precision
        assert [[decode(ring, precision) for ring in part] for part in small["parts"]] == [
            [[[round(x, precision), round(y, precision)] for x, y in ring] for ring in polygon] for polygon in polygons]
    euphrates = next(f for f in compact["rivers"]["features"] if f["name"] == "Euphrates")
    points = [p for line in euphrates["parts"][0] for p in decode(line, compact["rivers"]["precision"])]
    assert any(abs(lon - 40.14) < 0.2 and abs(lat - 35.34) < 0.2 for lon, lat in points)  # by Deir ez-Zor


def test_the_map_page_shows_a_new_article_at_once_despite_its_cache(client):
    import json as _json
    import re as _re

    def places():
        page = client.get("/").get_data(as_text=True)
        data = _json.loads(_re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, _re.S).group(1))
        return {f["id"] for f in data["features"]}

    before = places()
    assert places() == before  # served from the cache, same answer
    r = client.post("/api/articles", json={"id": "mosul-1", "title": "Mosul", "text": "Shelling hit Mosul and Kirkuk.",
                                           "published": "2020-01-01"})
    assert r.status_code == 201
    after = places()
    assert after > before and any("mosul" in slug for slug in after - before)
