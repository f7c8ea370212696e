import pytest

from geodata.geo.geometry import anchor, bearing_deg, bounds, compass, distance_km, nearest, parse_bbox, relation
from geodata.places import load_curated

PLACES = {p.slug: p for p in load_curated()}


def test_geodesic_distances_between_seed_places():
    # Baghouz and Al-Susah are about 8-9 km apart, Baghouz and Hajin about 28 km
    assert distance_km(anchor(PLACES["baghouz"]), anchor(PLACES["al-susah"])) == pytest.approx(8.35, abs=0.1)
    assert distance_km(anchor(PLACES["baghouz"]), anchor(PLACES["hajin"])) == pytest.approx(28.4, abs=0.2)


def test_relation_reads_like_a_sentence():
    r = relation(PLACES["baghouz"], PLACES["hajin"])
    assert r["text"] == "28 km south-east of Hajin"
    assert r["direction"] == "south-east"


@pytest.mark.parametrize("deg,word", [(0, "north"), (44, "north-east"), (90, "east"), (180, "south"), (300, "north-west"), (359, "north")])
def test_compass(deg, word):
    assert compass(deg) == word


def test_bearing_due_east():
    assert bearing_deg((0, 0), (0, 1)) == pytest.approx(90)


def test_nearest_lists_towns_only_for_towns():
    towns = [PLACES[s] for s in ("baghouz", "hajin", "raqqa", "al-susah", "syria")]
    names = [r["name"] for r in nearest(PLACES["baghouz"], towns)]
    assert names == ["Al-Susah", "Hajin"]
    assert nearest(PLACES["syria"], towns) == []


def test_river_marker_lies_on_the_river():
    from shapely.geometry import Point, shape

    lat, lon = anchor(PLACES["euphrates"])
    assert shape(PLACES["euphrates"].geometry).distance(Point(lon, lat)) < 1e-6


def test_bounds_cover_all_markers():
    minlon, minlat, maxlon, maxlat = bounds(PLACES.values())
    for p in PLACES.values():
        lat, lon = anchor(p)
        assert minlon <= lon <= maxlon and minlat <= lat <= maxlat
    assert bounds([]) is None


@pytest.mark.parametrize("text", ["", "1,2,3", "a,b,c,d", "10,0,5,1", "0,0,1,nan", "0,-91,1,1", "0,0,181,1"])
def test_bad_bbox_is_refused(text):
    with pytest.raises(ValueError):
        parse_bbox(text)


def test_bbox_parses():
    assert parse_bbox("40,34,41.5,35") == (40.0, 34.0, 41.5, 35.0)
