"""Broken and hostile input: every one gets a 4xx in the JSON error shape with a readable message,
nothing crashes, and the store's row counts do not move."""

from __future__ import annotations

import http.client
import json

import pytest

from tests.reliability.conftest import row_counts

GOOD = {
    "id": "fuzz-article",
    "title": "Fighting near Hajin",
    "text": "Fighting went on near Hajin.\n\nCivilians left Baghouz.",
    "published": "2019-02-18",
    "source": "Test wire",
    "url": "https://example.org/a",
}
JSON = "application/json"


def post(body, content_type=JSON, **kw):
    return ("POST", "/api/articles", {"data": body, "content_type": content_type, **kw})


def post_json(obj):
    return post(json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass"))


def get(url):
    return ("GET", url, {})


def cases() -> list[tuple[str, tuple]]:
    c: list[tuple[str, tuple]] = []
    # bodies that are not an article at all
    c += [
        ("empty body", post(b"")),
        ("whitespace body", post(b"   \n\t ")),
        ("binary body", post(bytes(range(256)) * 4)),
        ("png body", post(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)),
        ("invalid utf-8", post(b'{"id": "\xff\xfe", "title": "x"}')),
        ("latin-1 body", post('{"id": "caf\xe9"}'.encode("latin-1"))),
        ("truncated json", post(b'{"id": "a", "title": ')),
        ("trailing garbage", post(b'{"id": "a"} trailing')),
        ("single quotes", post(b"{'id': 'a'}")),
        ("null byte body", post(b"\x00\x00\x00\x00")),
        ("json null", post(b"null")),
        ("json true", post(b"true")),
        ("json number", post(b"42")),
        ("json string", post(b'"an article"')),
        ("json array", post(b"[]")),
        ("array of article", post_json([GOOD])),
        ("empty object", post_json({})),
        ("deeply nested arrays", post(b"[" * 50_000 + b"]" * 50_000)),
        ("deeply nested objects", post(b'{"a":' * 20_000 + b"1" + b"}" * 20_000)),
        ("NaN literal", post(b'{"id": NaN}')),
        ("huge number", post(b'{"id": 1e999999}')),
        ("form encoded", post(b"id=a&title=b", content_type="application/x-www-form-urlencoded")),
        ("text/plain", post(json.dumps(GOOD).encode(), content_type="text/plain")),
        ("no content type", ("POST", "/api/articles", {"data": json.dumps(GOOD).encode()})),
        ("multipart", post(b"--x\r\n\r\n--x--", content_type="multipart/form-data; boundary=x")),
        ("xml", post(b"<article/>", content_type="application/xml")),
        ("body over the limit by Content-Length", post(b"{}", headers={"Content-Length": str(50 * 1024 * 1024)})),
    ]
    # every field with every wrong type
    for field in ("id", "title", "text", "published", "source", "url"):
        for label, value in (("number", 7), ("float", 1.5), ("bool", True), ("list", ["x"]), ("object", {"a": 1})):
            c.append((f"{field} as {label}", post_json({**GOOD, field: value})))
    # required fields missing or blank
    for field in ("id", "title", "text", "published"):
        c.append((f"{field} missing", post_json({k: v for k, v in GOOD.items() if k != field})))
        c.append((f"{field} blank", post_json({**GOOD, field: "   "})))
    # null bytes, lone surrogates, oversized fields
    for field in ("id", "title", "text", "source", "url"):
        c.append((f"null byte in {field}", post_json({**GOOD, field: GOOD[field] + "\x00evil"})))
        c.append((f"lone surrogate in {field}", post_json({**GOOD, field: GOOD[field] + "\ud800"})))
    c += [
        ("10,000-character title", post_json({**GOOD, "title": "T" * 10_000})),
        ("10,000-character id", post_json({**GOOD, "id": "a" * 10_000})),
        ("long source", post_json({**GOOD, "source": "s" * 5_000})),
        ("long url", post_json({**GOOD, "url": "https://x.org/" + "u" * 5_000})),
        ("long language", post_json({**GOOD, "language": "english" * 10})),
        ("text over two million characters", post_json({**GOOD, "text": "x" * 2_000_001})),
    ]
    # ids that are not ids
    for bad_id in ("../etc/passwd", "a/b", "a b", "<script>", "-leading-dash", "é", "a\nb", "%00", "a;DROP TABLE articles"):
        c.append((f"id {bad_id!r}", post_json({**GOOD, "id": bad_id})))
    # dates that are not dates
    for bad_date in ("someday", "2019-02-30", "2019-13-01", "19-02-17", "0000-01-01", "99999-01-01", "2019/02/17", "𝟚𝟘𝟙𝟡-𝟘𝟚-𝟙𝟟"):
        c.append((f"published {bad_date!r}", post_json({**GOOD, "published": bad_date})))
    # an id that exists already (the seed)
    c.append(("duplicate seed id", post_json({**GOOD, "id": "baghouz-2019-02-17"})))
    # malformed bounding boxes and odd query strings
    for bbox in ("", "1,2,3", "1,2,3,4,5", "a,b,c,d", "nan,0,1,1", "inf,0,1,1", "-inf,-90,180,90", "1e400,0,1,1",
                 "10,10,0,0", "0,10,10,0", "-181,0,0,1", "0,-91,1,0", "0,0,181,1", "0,0,1,91", ",,,", "1;2;3;4",
                 "0x1,0,1,1", "1,2,3,4%00", "%ff%fe,1,2,3", "1 2 3 4", "[1,2,3,4]", "1,2,3," + "9" * 5000):
        c.append((f"bbox {bbox[:20]!r}", get("/api/places?bbox=" + bbox)))
    c += [
        ("unknown article filter", get("/api/places?article=no-such-article")),
        ("null byte article filter", get("/api/places?article=%00")),
        ("huge article filter", get("/api/places?article=" + "x" * 10_000)),
        ("unknown place", get("/api/places/no-such-place")),
        ("place with null byte", get("/api/places/%00")),
        ("place with invalid utf-8", get("/api/places/%ff%fe%fd")),
        ("place with 10,000 chars", get("/api/places/" + "p" * 10_000)),
        ("place with traversal", get("/api/places/..%2F..%2Fetc%2Fpasswd")),
        ("unknown article", get("/api/articles/no-such-article")),
        ("article with null byte", get("/api/articles/a%00b")),
        ("article with quote", get("/api/articles/%27%20OR%201=1--")),
        ("article with 10,000 chars", get("/api/articles/" + "a" * 10_000)),
        ("unknown api route", get("/api/nothing")),
        ("api root", get("/api")),
        ("unknown place page (json)", ("GET", "/place/nowhere", {"headers": {"Accept": "application/json"}})),
        ("delete articles", ("DELETE", "/api/articles", {})),
        ("put articles", ("PUT", "/api/articles", {"data": b"{}", "content_type": JSON})),
        ("patch article", ("PATCH", "/api/articles/baghouz-2019-02-17", {"data": b"{}", "content_type": JSON})),
        ("post places", ("POST", "/api/places", {"data": b"{}", "content_type": JSON})),
        ("delete place", ("DELETE", "/api/places/hajin", {})),
        ("post basemap", ("POST", "/api/basemap", {})),
    ]
    return c


CASES = cases()


def test_there_are_at_least_a_hundred_bad_inputs():
    assert len(CASES) >= 100
    assert len({name for name, _ in CASES}) == len(CASES)


def check_error(status: int, body: bytes, content_type: str) -> dict:
    assert 400 <= status < 500, f"expected a 4xx, got {status}: {body[:200]!r}"
    assert content_type.startswith("application/json"), content_type
    payload = json.loads(body)
    assert payload["ok"] is False and payload["status"] == status
    assert isinstance(payload["title"], str) and payload["title"]
    message = payload["error"]
    assert isinstance(message, str) and len(message) >= 10, message
    assert "Traceback" not in message and "sqlite" not in message.lower()
    return payload


@pytest.mark.parametrize("name,request_", CASES, ids=[n for n, _ in CASES])
def test_bad_input_gets_a_4xx_json_error_and_changes_nothing(prod_app, name, request_):
    db = prod_app.config["DB_PATH_FOR_TESTS"]
    before = row_counts(db)
    method, url, kwargs = request_
    response = prod_app.test_client().open(url, method=method, **kwargs)
    check_error(response.status_code, response.get_data(), response.content_type)
    assert row_counts(db) == before


def test_a_50_mb_body_sent_to_the_real_server_is_refused_with_413(live_server):
    """The real waitress server, a real 50 MB body streamed in chunks (never held in memory at once)."""
    before = row_counts(live_server.db)
    size, chunk = 50 * 1024 * 1024, b'{"text": "' + b"x" * (64 * 1024 - 10)
    conn = http.client.HTTPConnection("127.0.0.1", live_server.port, timeout=60)
    conn.putrequest("POST", "/api/articles")
    conn.putheader("Content-Type", JSON)
    conn.putheader("Content-Length", str(size))
    conn.endheaders()
    sent = 0
    try:
        while sent < size:
            piece = chunk[: size - sent]
            conn.send(piece)
            sent += len(piece)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may hang up once it has said no
    response = conn.getresponse()
    payload = check_error(response.status, response.read(), response.getheader("Content-Type", ""))
    assert response.status == 413 and "large" in payload["error"].lower()
    conn.close()
    assert row_counts(live_server.db) == before
