"""Property-based tests (hypothesis) on what the API accepts: whatever arrives, the answer is a
success or a 4xx in the JSON error shape, never a 5xx, and a refused write changes nothing."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import row_counts

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
field_values = st.one_of(st.text(max_size=300), json_values)
ids = st.text(alphabet=string.ascii_letters + string.digits + "._-/ é\x00", min_size=0, max_size=40)
articles = st.fixed_dictionaries(
    {"id": ids, "title": field_values, "text": field_values, "published": st.one_of(st.dates().map(str), field_values)},
    optional={"source": field_values, "url": field_values, "language": field_values, "extra": json_values},
)


def assert_answer(response) -> None:
    assert response.status_code < 500, response.get_data()[:300]
    if response.status_code >= 400 and response.request.path.startswith("/api/"):
        body = response.get_json()
        assert body["ok"] is False and body["status"] == response.status_code and body["error"].strip()


@SETTINGS
@given(article=articles)
def test_any_article_object_is_stored_whole_or_refused_cleanly(prod_app, article):
    db = prod_app.config["DB_PATH_FOR_TESTS"]
    before = row_counts(db)
    r = prod_app.test_client().post("/api/articles", data=json.dumps(article), content_type="application/json")
    assert_answer(r)
    after = row_counts(db)
    if r.status_code == 201:
        body = r.get_json()
        assert after["articles"] == before["articles"] + 1
        for m in body["mentions"]:
            assert body["text"][m["start"] : m["end"]] == m["text"]
    else:
        assert after == before


@SETTINGS
@given(body=st.binary(max_size=2000))
def test_any_bytes_as_a_body_get_an_answer(prod_app, body):
    db = prod_app.config["DB_PATH_FOR_TESTS"]
    before = row_counts(db)
    r = prod_app.test_client().post("/api/articles", data=body, content_type="application/json")
    assert_answer(r)
    assert r.status_code != 201 or row_counts(db)["articles"] == before["articles"] + 1


@SETTINGS
@given(bbox=st.one_of(st.text(max_size=60), st.lists(st.floats(), min_size=4, max_size=4).map(lambda v: ",".join(map(str, v)))))
def test_any_bbox_gets_geojson_or_a_400(prod_app, bbox):
    r = prod_app.test_client().get("/api/places", query_string={"bbox": bbox})
    assert_answer(r)
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.get_json()["type"] == "FeatureCollection"


@SETTINGS
@given(segment=st.text(min_size=1, max_size=80), query=st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=3))
def test_any_path_and_query_string_get_an_answer(prod_app, segment, query):
    client = prod_app.test_client()
    for url in ("/api/places/", "/api/articles/", "/place/"):
        r = client.get(url + segment.replace("/", "%2F").replace("?", "%3F").replace("#", "%23"), query_string=query)
        assert_answer(r)
        assert r.status_code in (200, 404)


# Text as articles hold it: place names amid any Unicode (combining marks, right-to-left script,
# zero-width and control characters, emoji), but no lone surrogates, which are not text.
unicode_text = st.lists(
    st.one_of(
        st.sampled_from(["Hajin", "Raqqa", "Deir el-Zour province", "northern Syria", "Mosul", "al-Baghuz",
                         "الرقة", " in ", "\n\n", ". ", "Euphrates River", "\u200b", "e\u0301"]),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15),
    ),
    max_size=12,
).map("".join)


@SETTINGS
@given(text=unicode_text)
def test_any_unicode_text_geoparses_to_valid_slices(text):
    from geodata.geoparse.parser import geoparse

    for m in geoparse(text):
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text


@SETTINGS
@given(text=unicode_text)
def test_any_unicode_article_is_stored_with_mentions_that_are_slices_of_it(prod_app, text):
    db = prod_app.config["DB_PATH_FOR_TESTS"]
    before = row_counts(db)
    article = {"id": "u-" + str(abs(hash(text)) % 10**12), "title": "Unicode", "text": text, "published": "2020-02-02"}
    r = prod_app.test_client().post("/api/articles", json=article)
    assert_answer(r)
    if r.status_code == 201:
        body = r.get_json()
        assert body["text"] == text
        for m in body["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    elif r.status_code != 409:
        assert row_counts(db) == before
