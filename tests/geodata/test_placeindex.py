"""The revision's place index: the same answers as a scan, and bytes that follow the store."""

from __future__ import annotations

import json
import random

from geodata.geo.geometry import nearest
from geodata.models import Article, Mention, Place
from geodata.passages import split_passages
from geodata.placeindex import PlaceIndex, place_index


def town(i: int, lon: float, lat: float, precision: int = 1) -> Place:
    return Place(slug=f"t{i}", name=f"Town {i}", kind="town" if precision == 1 else "province", precision=precision,
                 geometry={"type": "Point", "coordinates": [lon, lat]}, source="test", gazetteer_id=f"test:{i}")


def rows(places: list[Place]) -> list[tuple]:
    """The store's marker rows for places (points) each named by one passage."""
    return [(p.slug, p.name, p.kind, p.precision, *p.geometry["coordinates"], None, 1) for p in places]


def scattered(n: int, seed: int = 7) -> list[Place]:
    rng = random.Random(seed)
    places = [town(i, rng.uniform(-180, 180), rng.uniform(-89, 89), precision=rng.choice([1, 1, 1, 2]))
              for i in range(n)]
    # a dense cluster and a few far-north towns, where a degree of longitude is short
    places += [town(n + i, 40 + rng.gauss(0, 0.05), 35 + rng.gauss(0, 0.05)) for i in range(60)]
    places += [town(n + 100 + i, rng.uniform(-180, 180), rng.uniform(80, 89.5)) for i in range(20)]
    return places


def test_nearest_from_the_index_is_the_nearest_of_a_scan():
    places = scattered(250)
    index = PlaceIndex(1, rows(places))
    for place in places:
        assert index.nearest(place) == nearest(place, places), place.slug


def test_nearest_with_fewer_towns_than_asked_gives_what_there_is():
    places = [town(0, 10, 10), town(1, 11, 10), town(2, 150, -30, precision=3)]
    index = PlaceIndex(1, rows(places))
    assert [r["slug"] for r in index.nearest(places[0])] == ["t1"]
    assert index.nearest(places[2]) == []


def test_bbox_from_the_tree_is_the_bbox_of_a_scan():
    places = scattered(600)
    index = PlaceIndex(1, rows(places))
    rng = random.Random(3)
    for _ in range(50):
        lon, lat = rng.uniform(-180, 160), rng.uniform(-90, 70)
        bbox = (lon, lat, lon + rng.uniform(0, 20), lat + rng.uniform(0, 20))
        scan = sorted((p.precision, p.name, p.slug) for p in places
                      if bbox[0] <= p.geometry["coordinates"][0] <= bbox[2]
                      and bbox[1] <= p.geometry["coordinates"][1] <= bbox[3])
        assert [index.keys[i] for i in index.in_bbox(bbox)] == scan


def test_pages_of_the_index_cover_the_box_once_in_order():
    places = scattered(300)
    index = PlaceIndex(1, rows(places))
    everything = index.in_bbox(None)
    seen, after = [], None
    while True:
        chosen, after = index.page(everything, after, 7)
        seen += chosen
        if after is None:
            break
    assert seen == everything == sorted(everything, key=lambda i: index.keys[i])


def _add(store, n: int, start: int = 0) -> None:
    text = " ".join(f"Town{i}" for i in range(start, start + n)) + "."
    article = Article(id=f"a{start}", title="t", text=text, published="2024-01-01")
    mentions, places, at = [], [], 0
    for i in range(start, start + n):
        name = f"Town{i}"
        at = text.index(name, at)
        places.append(town(i, 30 + i * 0.01, 30 + i * 0.01))
        mentions.append(Mention(article.id, f"t{i}", at, at + len(name), "geoparsed", 0.9))
    store.add_article(article, split_passages(article.id, article.text), mentions, places)


def test_features_are_serialised_once_per_revision_and_follow_the_store(store):
    index = place_index(store)
    assert place_index(store) is index  # same revision: not built again
    first = index.feature(index.by_slug["hajin"], store)
    assert index.feature(index.by_slug["hajin"], store) is first  # kept, not serialised again
    _add(store, 3)
    grown = place_index(store)
    assert grown is not index and {"t0", "t1", "t2"} <= set(grown.by_slug)
    store.save_places([town(1, 31.5, 31.5)])  # a corrected point
    moved = place_index(store)
    feature = json.loads(moved.feature(moved.by_slug["t1"], store))
    assert feature["geometry"]["coordinates"] == [31.5, 31.5] and feature["properties"]["marker"] == [31.5, 31.5]
    assert moved.in_bbox((31.4, 31.4, 31.6, 31.6)) == [moved.by_slug["t1"]]
