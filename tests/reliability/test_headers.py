"""Security headers on every response: pages, API, static files, errors, and a crash."""

from __future__ import annotations

import pytest

from webapp import create_app

SAMPLE_ARGS = {"slug": "hajin", "article_id": "baghouz-2019-02-17", "filename": "app.js", "fmt": "geojson"}
EXTRA = [
    ("GET", "/place/nowhere"),
    ("GET", "/api/places/nowhere"),
    ("GET", "/api/articles/nothing"),
    ("GET", "/api/places?bbox=bad"),
    ("GET", "/static/vendor/leaflet/leaflet.js"),
    ("GET", "/static/vendor/leaflet/leaflet.css"),
    ("GET", "/static/no-such-file.js"),
    ("GET", "/no/such/page"),
    ("DELETE", "/api/articles"),
    ("POST", "/api/articles"),
    ("HEAD", "/"),
    ("OPTIONS", "/api/places"),
]


def every_route(app):
    """One request per URL rule, with sample arguments, so a new route is covered without editing this test."""
    urls = []
    for rule in app.url_map.iter_rules():
        args = {a: SAMPLE_ARGS.get(a, "x") for a in rule.arguments}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((method, rule.build(args, append_unknown=False)[1]))
    return urls + EXTRA


def check_headers(headers) -> None:
    csp = headers.get("Content-Security-Policy", "")
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    assert directives.get("default-src") == "'self'", csp
    assert directives.get("script-src", "").split()[0] == "'self'" and "http" not in directives["script-src"], csp
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]
    assert directives.get("object-src") == "'none'"
    assert directives.get("frame-ancestors") == "'none'"
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "no-referrer"
    assert headers.get("X-Frame-Options") == "DENY"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = create_app({"TESTING": False, "DATABASE": str(tmp_path_factory.mktemp("h") / "h.sqlite"), "TILE_URL": ""})

    @app.get("/__boom")
    def boom():
        raise RuntimeError("a bug")

    return app


def test_every_route_and_error_carries_the_security_headers(app):
    client = app.test_client()
    seen = set()
    for method, url in every_route(app):
        response = client.open(url, method=method)
        seen.add(response.status_code // 100)
        check_headers(response.headers)
    assert {2, 4, 5} <= seen  # successes, client errors and the crash were all checked


def test_a_crash_answers_500_in_the_error_shape_without_details(app):
    response = app.test_client().get("/__boom", headers={"Accept": "application/json"})
    assert response.status_code == 500
    body = response.get_json()
    assert body["ok"] is False and body["status"] == 500 and "a bug" not in body["error"]
    check_headers(response.headers)


def test_an_oversized_body_carries_the_headers(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", "MAX_CONTENT_LENGTH": 100})
    response = app.test_client().post("/api/articles", data=b"x" * 1000, content_type="application/json")
    assert response.status_code == 413
    check_headers(response.headers)
