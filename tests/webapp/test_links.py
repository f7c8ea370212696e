"""Only absolute http(s) URLs are stored as an article's url and rendered as its "original" link."""

import pytest

from geodata.links import check_url, http_url
from geodata.store import Store

ARTICLE = {
    "id": "link-test",
    "title": "SDF takes Hajin",
    "text": "The SDF said it had taken Hajin.",
    "published": "2018-12-14",
}

SCRIPT_URLS = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/articles/x",
    "https:",
    "ftp://example.org/x",
]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_api_refuses_a_non_http_url_with_a_clear_400(client, url):
    r = client.post("/api/articles", json={**ARTICLE, "url": url})
    assert r.status_code == 400
    body = r.get_json()
    assert body["ok"] is False and "http:// or https://" in body["error"]
    assert client.get("/api/articles/link-test").status_code == 404


@pytest.mark.parametrize("url,stored", [
    ("https://example.org/hajin", "https://example.org/hajin"),
    ("  HTTPS://example.org/a\tb\n ", "https://example.org/ab"),
    ("\x1fhttp://example.org/", "http://example.org/"),
])
def test_an_http_url_is_stored_as_a_browser_reads_it(client, url, stored):
    r = client.post("/api/articles", json={**ARTICLE, "url": url})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["url"] == stored
    page = client.get("/articles/link-test").get_data(as_text=True)
    assert f'href="{stored}"' in page and ">original</a>" in page


def test_a_script_url_stored_before_the_check_renders_no_link(app, client):
    client.post("/api/articles", json={**ARTICLE, "url": "https://example.org/ok"})
    store = Store(app.config["DATABASE"])
    try:
        with store.engine.begin() as c:
            from geodata.store.tables import articles

            c.execute(articles.update().where(articles.c.id == "link-test").values(url=" JaVa\tScRiPt:alert(1)"))
    finally:
        store.close()
    page = client.get("/articles/link-test").get_data(as_text=True)
    assert ">original</a>" not in page and "script:alert" not in page.lower()
    for fmt in ("geojson", "kml", "csv", "html"):
        body = client.get(f"/api/export.{fmt}?article=link-test").get_data(as_text=True).lower()
        assert "javascript:" not in body.replace("\t", ""), fmt


def test_check_url_reads_urls_as_browsers_do():
    assert check_url("") == "" and check_url(" \x02") == ""
    for url in SCRIPT_URLS:
        assert http_url(url) is None, url
        with pytest.raises(ValueError, match="http"):
            check_url(url)
    assert http_url("HtTp://Example.org/x") == "http://Example.org/x"
