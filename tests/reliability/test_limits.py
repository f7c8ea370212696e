"""Per-article caps (geodata/limits.py) and hostile articles: refused or stored within seconds, every read
route then answers in bounded time, and no export grows with the square of the article.

Time bounds here are hang guards (a minute where seconds are expected), never speed assertions."""

from __future__ import annotations

import time

import pytest

from geodata.limits import MAX_MENTIONS, MAX_PASSAGES, MAX_TEXT_CHARS

HANG = 60.0  # seconds: far beyond any expected answer; only a quadratic blow-up gets here

BASE = {"id": "hostile", "title": "Hostile", "published": "2019-02-17", "source": "Test wire"}


def post(client, text: str, **extra):
    started = time.monotonic()
    r = client.post("/api/articles", json={**BASE, "text": text, **extra})
    assert time.monotonic() - started < HANG
    return r


def articles(client) -> list[str]:
    return [a["id"] for a in client.get("/api/articles").get_json()["articles"]]


def test_a_text_over_the_cap_is_refused_413_before_any_work(client):
    text = "Raqqa, Hajin, Baghouz, Aleppo, Mosul, Tikrit, Damascus.\n" * (1_000_000 // 56)
    r = post(client, text)
    assert r.status_code == 413
    body = r.get_json()
    assert body["ok"] is False and f"{MAX_TEXT_CHARS:,}" in body["error"]
    assert "hostile" not in articles(client)


def test_a_text_at_the_cap_is_not_refused_for_its_length(client):
    r = post(client, ("x" * 999 + "\n") * (MAX_TEXT_CHARS // 1000))
    assert r.status_code == 201, r.get_json()


def test_too_many_passages_is_a_422_and_writes_nothing(client):
    r = post(client, "Hajin.\n" * (MAX_PASSAGES + 1))
    assert r.status_code == 422
    assert f"{MAX_PASSAGES:,}" in r.get_json()["error"] and "passages" in r.get_json()["error"]
    assert "hostile" not in articles(client)


def test_too_many_mentions_is_a_422_and_writes_nothing(client):
    r = post(client, " ".join(["Hajin,"] * (MAX_MENTIONS + 1)))
    assert r.status_code == 422
    assert f"{MAX_MENTIONS:,}" in r.get_json()["error"] and "mentions" in r.get_json()["error"]
    assert "hostile" not in articles(client)


def test_the_openapi_description_states_the_caps(client):
    schema = client.get("/api/openapi.json").get_json()["components"]["schemas"]["NewArticle"]["properties"]
    assert schema["text"]["maxLength"] == MAX_TEXT_CHARS
    assert f"{MAX_PASSAGES:,}" in schema["text"]["description"] and f"{MAX_MENTIONS:,}" in schema["text"]["description"]



# --- hostile articles under the caps: stored, then every read route answers -------------------

ONE_NAME = "The fighting went on near Hajin today. " * 4_870  # ~190 KB, one paragraph, 4,870 mentions of one place
DATES = "In Hajin on 3 March 2019, then 4 March, 5 March 2019 and the week of 11 March; " * 2_400  # ~190 KB of dates


@pytest.fixture(scope="module")
def hostile(prod_app):
    client = prod_app.test_client()
    for aid, text in (("one-name", ONE_NAME), ("dates", DATES)):
        r = post(client, text, id=aid, url="https://example.org/" + aid)
        assert r.status_code in (201, 413, 422), r.get_json()
    return client


def get(client, path: str):
    started = time.monotonic()
    r = client.get(path)
    body = r.get_data()
    assert time.monotonic() - started < HANG, path
    assert r.status_code == 200, (path, r.status_code)
    return body


def test_hostile_articles_are_stored(hostile):
    assert {"one-name", "dates"} <= set(articles(hostile))


@pytest.mark.parametrize("path", [
    "/", "/api/places", "/api/places/hajin", "/place/hajin", "/articles", "/articles/one-name", "/articles/dates",
    "/embed/articles/one-name", "/embed/articles/dates", "/embed/place/hajin",
    "/api/articles/one-name", "/api/export.geojson", "/api/export.kml", "/api/export.html",
    "/api/export.geojson?article=one-name", "/api/export.kml?article=dates", "/api/export.html?article=one-name",
])
def test_every_read_route_answers_a_hostile_article(hostile, path):
    get(hostile, path)


@pytest.mark.parametrize("article,text", [("one-name", ONE_NAME), ("dates", DATES)])
def test_the_csv_grows_with_the_article_not_its_square(hostile, article, text):
    r = hostile.get(f"/api/export.csv?article={article}")
    assert r.is_streamed  # a generator: rows go out as they are written
    body = get(hostile, f"/api/export.csv?article={article}")
    # each passage's text is written once, so rows add their columns, not the passage again
    assert len(body) < 10 * len(text.encode()), len(body)
    notes = body.decode("utf-8-sig").count(text[:60])
    assert notes >= 1
