"""Server-side clusters: every place of a view counted once, lone places as markers, the API's answers."""

from __future__ import annotations

import random

from geodata.clusters import ALL_MARKERS, MAX_CLUSTER_ZOOM, view
from geodata.placeindex import PlaceIndex
from tests.geodata.test_placeindex import rows, town


def dense(n: int = 1500) -> PlaceIndex:
    rng = random.Random(11)
    return PlaceIndex(1, rows([town(i, rng.uniform(30, 50), rng.uniform(25, 40)) for i in range(n)]))


def test_every_place_of_the_view_is_in_one_cluster_or_one_marker():
    index = dense()
    for zoom in (2, 5, 8, MAX_CLUSTER_ZOOM):
        shown = view(index, (30, 25, 50, 40), zoom)
        if zoom < 8:
            assert shown["clusters"], zoom  # 1,500 places are too many to show one by one
        assert sum(c[2] for c in shown["clusters"]) + len(shown["markers"]) == 1500
        assert len({m[0] for m in shown["markers"]}) == len(shown["markers"])
        for lon, lat, count, (w, s, e, n) in shown["clusters"]:
            assert count > 1 and w <= lon <= e and s <= lat <= n


def test_more_zoom_means_smaller_clusters():
    index = dense()
    shown = [view(index, (30, 25, 50, 40), z) for z in (3, 6, 9)]
    things = [len(v["clusters"]) + len(v["markers"]) for v in shown]
    largest = [max(c[2] for c in v["clusters"]) for v in shown]
    assert things[0] < things[1] < things[2] and largest[0] > largest[1] > largest[2]


def test_a_view_of_few_places_or_past_the_cluster_zooms_shows_every_marker():
    index = dense()
    small = view(index, (30, 25, 31, 26), 4)
    assert small["clusters"] == [] and 0 < len(small["markers"]) <= ALL_MARKERS
    close = view(index, (40, 30, 42, 32), MAX_CLUSTER_ZOOM + 1)
    expected = {index.rows[i][0] for i in index.in_bbox((40, 30, 42, 32))}
    assert close["clusters"] == [] and {m[0] for m in close["markers"]} == expected


def test_the_clusters_api_answers_a_view_and_refuses_bad_input(client):
    body = client.get("/api/clusters?bbox=-180,-90,180,90&zoom=3").get_json()
    assert {m[0] for m in body["markers"]} >= {"hajin", "baghouz"} and body["clusters"] == []
    for query in ("bbox=1,2,3&zoom=3", "bbox=0,0,1,1&zoom=-1", "bbox=0,0,1,1&zoom=x", "bbox=0,0,1,1"):
        r = client.get(f"/api/clusters?{query}")
        assert r.status_code == 400 and r.get_json()["ok"] is False
