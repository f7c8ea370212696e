"""Events through the app: the seed map's event and background places, types in the API and the CSV, corroboration."""

from __future__ import annotations

import csv
import io

EVENTS = {"baghouz", "hajin", "al-susah"}
BACKGROUND = {"united-kingdom", "france", "germany", "europe"}


def _slugs(client, query: str = "") -> set[str]:
    return {f["id"] for f in client.get("/api/places" + query).get_json()["features"]}


def test_the_seed_map_shows_event_sites_as_events_and_the_countries_asked_to_act_as_background(client):
    everything, events = _slugs(client), _slugs(client, "?role=event")
    assert EVENTS | BACKGROUND <= everything
    assert EVENTS <= events and not BACKGROUND & events
    france = client.get("/api/places/france").get_json()
    [passage] = france["properties"]["passages"]
    [mention] = passage["mentions"]
    assert mention["role"] == "background" and passage["event"] is None
    cue = mention["role_cues"][0]
    assert passage["text"][cue[0] - passage["start"]:cue[1] - passage["start"]] == "called on"
    assert client.get("/api/places?role=everything").status_code == 400


def test_an_event_passage_carries_its_type_actors_and_verbatim_cues(client):
    [passage] = client.get("/api/places/hajin").get_json()["properties"]["passages"]
    event = passage["event"]
    assert event["type"] == "Battles" and event["sub_type"] == "Non-state actor overtakes territory"
    assert event["actors"][0] == "Syrian Democratic Forces"
    words = [passage["text"][c["start"] - passage["start"]:c["end"] - passage["start"]] for c in event["cues"]]
    assert {"fell to", "fighting", "airstrikes"} <= set(words)
    assert passage["mentions"][0]["role"] == "event" and passage["time"]["label"] == "December 2018"


def test_the_csv_export_fills_acleds_event_columns_on_event_rows_only(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").get_data().decode("utf-8-sig"))))
    hajin = next(r for r in rows if r["place_slug"] == "hajin")
    assert (hajin["event_type"], hajin["sub_event_type"], hajin["actor1"], hajin["role"]) == (
        "Battles", "Non-state actor overtakes territory", "Syrian Democratic Forces", "event")
    france = next(r for r in rows if r["place_slug"] == "france")
    assert (france["event_type"], france["actor1"], france["fatalities"], france["role"]) == ("", "", "", "background")


def _report(client, article_id: str, source: str, url: str) -> None:
    body = {"id": article_id, "title": "Clashes in Hajin", "published": "2019-03-02", "source": source, "url": url,
            "text": "Heavy fighting broke out in Hajin on Saturday, killing 4 fighters, residents said."}
    assert client.post("/api/articles", json=body).status_code == 201


def test_reports_of_one_event_from_several_articles_count_their_publishers(client):
    _report(client, "wire-1", "Example Wire", "https://wire.example/1")
    _report(client, "wire-2", "Example Wire", "https://wire.example/2")  # the same publisher again
    _report(client, "daily-1", "", "https://www.daily.example/hajin")
    passages = client.get("/api/places/hajin").get_json()["properties"]["passages"]
    today = [p for p in passages if p["article"] in ("wire-1", "wire-2", "daily-1")]
    assert len(today) == 3
    for p in today:
        assert p["event"]["type"] == "Battles" and p["event"]["fatalities"] == 4
        assert p["reported"]["source_count"] == 2 and p["reported"]["article_count"] == 3
        assert sorted(p["reported"]["sources"]) == ["daily.example", "example wire"]
    # the seed's December passage is another time: not part of it
    assert next(p for p in passages if p["article"] == "baghouz-2019-02-17")["reported"] is None


def _reported(client) -> dict[str, dict | None]:
    passages = client.get("/api/places/hajin").get_json()["properties"]["passages"]
    return {p["article"]: p["reported"] for p in passages if p["article"] != "baghouz-2019-02-17"}


def test_a_reader_keeps_a_report_apart_from_an_event_and_can_undo_it(client):
    _report(client, "wire-1", "Example Wire", "https://wire.example/1")
    _report(client, "daily-1", "", "https://www.daily.example/hajin")
    _report(client, "post-1", "The Post", "https://post.example/hajin")
    assert all(r and r["article_count"] == 3 for r in _reported(client).values())

    response = client.post("/api/articles/post-1/apart", json={"start": 0})
    assert response.status_code == 200 and response.get_json() == {"article": "post-1", "start": 0, "apart": True}
    reported = _reported(client)
    assert reported["post-1"] is None
    assert reported["wire-1"]["article_count"] == reported["daily-1"]["article_count"] == 2
    post = next(p for p in client.get("/api/places/hajin").get_json()["properties"]["passages"]
                if p["article"] == "post-1")
    assert post["apart"] is True

    assert client.post("/api/articles/post-1/apart", json={"start": 0, "apart": False}).status_code == 200
    assert all(r and r["article_count"] == 3 for r in _reported(client).values())


def test_keeping_apart_an_unknown_passage_or_a_malformed_body_is_refused_and_changes_nothing(client):
    _report(client, "wire-1", "Example Wire", "https://wire.example/1")
    _report(client, "daily-1", "", "https://www.daily.example/hajin")
    for url, body, status in [("/api/articles/nope/apart", {"start": 0}, 404),
                              ("/api/articles/wire-1/apart", {"start": 5}, 404),
                              ("/api/articles/wire-1/apart", {"start": "0"}, 400),
                              ("/api/articles/wire-1/apart", {"start": 0, "apart": "yes"}, 400)]:
        response = client.post(url, json=body)
        assert response.status_code == status and "error" in response.get_json()
    assert all(r and r["article_count"] == 2 for r in _reported(client).values())
