import json

from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.geo.polyline import compact_basemap, decode, encode
from geodata.service import BASEMAP

coords = st.lists(st.tuples(st.floats(-180, 180), st.floats(-90, 90)), max_size=50)


@settings(max_examples=100, deadline=None)
@given(points=coords, precision=st.integers(0, 5))
def test_decode_undoes_encode_to_the_precision(points, precision):
    back = decode(encode(points, precision), precision)
    assert len(back) == len(points)
    for (lon, lat), (blon, blat) in zip(points, back):
        assert abs(lon - blon) <= 0.5 / 10**precision + 1e-9 and abs(lat - blat) <= 0.5 / 10**precision + 1e-9


def test_the_compact_basemap_holds_every_country_ring_and_is_much_smaller():
    base = json.loads(BASEMAP.read_text())
    compact = json.loads(compact_basemap(BASEMAP))
    assert len(compact_basemap(BASEMAP)) < len(BASEMAP.read_bytes()) / 3
    assert [f["name"] for f in compact["countries"]["features"]] == [f["properties"]["name"] for f in base["countries"]["features"]]
    syria = next(f for f in base["countries"]["features"] if f["properties"]["name"] == "Syria")
    ring = syria["geometry"]["coordinates"][0]
    ring = ring[0] if syria["geometry"]["type"] == "MultiPolygon" else ring
    encoded = next(f for f in compact["countries"]["features"] if f["name"] == "Syria")["parts"][0][0]
    assert decode(encoded, 2) == [[round(x, 2), round(y, 2)] for x, y in ring]


def test_encode_writes_the_standard_format_latitude_first():
    # the worked example of Google's Encoded Polyline Algorithm Format, given here as GeoJSON [lon, lat]
    points = [[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]]
    assert encode(points, 5) == "_p~iF~ps|U_ulLnnqC_mqNvxq`@"
    assert decode("_p~iF~ps|U_ulLnnqC_mqNvxq`@", 5) == points


def test_a_standard_decoder_puts_the_euphrates_at_deir_ez_zor_in_syria_not_turkey():
    import polyline

    compact = json.loads(compact_basemap(BASEMAP))
    euphrates = next(f for f in compact["rivers"]["features"] if f["name"] == "Euphrates")
    points = [p for part in euphrates["parts"] for line in part for p in polyline.decode(line, compact["rivers"]["precision"])]
    # (lat, lon) as every standard decoder returns them; Deir ez-Zor is 35.34 N, 40.14 E
    assert any(abs(lat - 35.34) < 0.2 and abs(lon - 40.14) < 0.2 for lat, lon in points)
    assert not any(abs(lat - 40.14) < 0.2 and abs(lon - 35.34) < 0.2 for lat, lon in points)  # central Turkey
