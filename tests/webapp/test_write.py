import pytest

from webapp import create_app

ARTICLE = {
    "id": "hajin-2018-12-14",
    "title": "SDF takes Hajin",
    "text": "The SDF said it had taken Hajin.\n\nFighting moved south towards Al-Susah and Baghouz.",
    "published": "2018-12-14",
    "source": "Test wire",
    "url": "https://example.org/hajin",
}


def counts(client):
    return len(client.get("/api/articles").get_json()["articles"])


def test_post_article_stores_it_with_its_places(client):
    r = client.post("/api/articles", json=ARTICLE)
    assert r.status_code == 201 and r.headers["Location"] == "/api/articles/hajin-2018-12-14"
    body = r.get_json()
    assert body["places"] == ["al-susah", "baghouz", "hajin"]
    for m in body["mentions"]:
        assert ARTICLE["text"][m["start"] : m["end"]] == m["text"]
    hajin = client.get("/api/places/hajin").get_json()
    assert {p["article"] for p in hajin["properties"]["passages"]} == {"hajin-2018-12-14", "baghouz-2019-02-17"}


@pytest.mark.parametrize(
    "kwargs,status",
    [
        ({"data": "not json", "content_type": "application/json"}, 400),
        ({"data": b"\xff\xfe\x00", "content_type": "application/json"}, 400),
        ({"data": "{}", "content_type": "text/plain"}, 415),
        ({"json": []}, 400),
        ({"json": {**ARTICLE, "published": "someday"}}, 400),
        ({"json": {**ARTICLE, "title": ["x"]}}, 400),
        ({"json": {**ARTICLE, "id": "../etc"}}, 400),
        ({"json": {**ARTICLE, "text": ""}}, 400),
        ({"json": {**ARTICLE, "id": "baghouz-2019-02-17"}}, 409),
    ],
)
def test_bad_posts_get_a_clear_4xx_and_change_nothing(client, kwargs, status):
    before = counts(client)
    r = client.post("/api/articles", **kwargs)
    assert r.status_code == status
    assert r.get_json()["ok"] is False and r.get_json()["error"]
    assert counts(client) == before


def test_oversized_body_is_refused(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", "MAX_CONTENT_LENGTH": 1000})
    client = app.test_client()
    r = client.post("/api/articles", json={**ARTICLE, "text": "x" * 5000})
    assert r.status_code == 413 and r.get_json()["status"] == 413
    assert counts(client) == 1


def test_writes_need_the_token_when_one_is_set(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", "WRITE_TOKEN": "s3cret"})
    client = app.test_client()
    assert client.post("/api/articles", json=ARTICLE).status_code == 401
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer s3cret"}).status_code == 201


def test_writes_are_refused_off_loopback_without_a_token(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "a.sqlite"), "TILE_URL": "", "BIND_HOST": "0.0.0.0"})
    r = app.test_client().post("/api/articles", json=ARTICLE)
    assert r.status_code == 403 and "CONFLICT_MAP_TOKEN" in r.get_json()["error"]


def test_override_links_a_span_to_a_gazetteer_entry(client):
    text = client.get("/api/articles/baghouz-2019-02-17").get_json()["text"]
    start = text.index("Raqqa")
    r = client.post("/api/articles/baghouz-2019-02-17/overrides",
                    json={"start": start, "end": start + 5, "gazetteer_id": "geonames:99072"})  # Mosul
    assert r.status_code == 200, r.get_json()
    [m] = [m for m in r.get_json()["mentions"] if m["start"] == start]
    assert m["method"] == "override" and m["text"] == "Raqqa"
    place = client.get(f"/api/places/{m['place']}").get_json()
    assert place["properties"]["name"] == "Mosul"
    # Raqqa keeps its curated record but has no passage left in this article
    assert client.get("/api/places/raqqa").get_json()["properties"]["passages"] == []


@pytest.mark.parametrize(
    "body,status",
    [
        ({"start": 0, "end": 5}, 400),
        ({"start": 5, "end": 2, "place": "hajin"}, 400),
        ({"start": "0", "end": 5, "place": "hajin"}, 400),
        ({"start": 0, "end": 10**9, "place": "hajin"}, 400),
        ({"start": 0, "end": 5, "place": "atlantis"}, 404),
        ({"start": 0, "end": 5, "gazetteer_id": "geonames:0"}, 404),
        ({"start": 0, "end": 5, "place": "hajin", "gazetteer_id": "geonames:99072"}, 400),
    ],
)
def test_bad_overrides_are_refused_and_change_nothing(client, body, status):
    before = client.get("/api/articles/baghouz-2019-02-17").get_json()["mentions"]
    r = client.post("/api/articles/baghouz-2019-02-17/overrides", json=body)
    assert r.status_code == status and r.get_json()["ok"] is False
    assert client.get("/api/articles/baghouz-2019-02-17").get_json()["mentions"] == before
