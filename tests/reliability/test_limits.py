"""Per-article caps (geodata/limits.py) and hostile articles: refused or stored within seconds, every read
route then answers in bounded time, and no export grows with the square of the article.

Time bounds here are hang guards (a minute where seconds are expected), never speed assertions."""

from __future__ import annotations

import time

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

