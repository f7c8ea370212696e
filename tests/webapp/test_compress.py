import gzip


def test_text_responses_are_gzipped_when_the_client_accepts_it(client):
    for url in ("/", "/api/places", "/api/basemap", "/static/app.js", "/static/vendor/leaflet/leaflet.js"):
        plain = client.get(url)
        zipped = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
        assert plain.status_code == zipped.status_code == 200
        assert "Content-Encoding" not in plain.headers
        assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"]
        assert len(zipped.data) < len(plain.data) / 2
        if url != "/":  # the page carries a fresh CSP nonce each time
            assert gzip.decompress(zipped.data) == plain.data


def test_small_and_binary_responses_are_left_alone(client):
    r = client.get("/static/vendor/leaflet/images/marker-icon.png", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and "Content-Encoding" not in r.headers
    r = client.get("/api/places/nowhere", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 404 and "Content-Encoding" not in r.headers and r.get_json()["ok"] is False
