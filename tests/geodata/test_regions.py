"""Admin region and country by containment (geodata.geo.regions), and the context layers."""

from shapely.geometry import shape

from geodata.geo.regions import area_of, context_layers, locate, shared_border
from geodata.places import load_curated

PLACES = {p.slug: p for p in load_curated()}


def test_baghouz_lies_in_deir_ez_zor_governorate_syria():
    where = locate(PLACES["baghouz"])
    assert (where["admin1_id"], where["country"]) == ("SY.DY", "Syria")
    assert "containment" in where["source"]


def test_each_town_gets_its_governorate_by_containment():
    assert locate(PLACES["raqqa"])["admin1_id"] == "SY.RA"
    assert {locate(PLACES[s])["admin1_id"] for s in ("hajin", "al-susah")} == {"SY.DY"}
    assert locate(PLACES["euphrates"])["admin1"] is None  # a river spans regions


def test_region_and_country_places_stand_for_areas_that_contain_their_towns():
    province = shape(area_of(PLACES["deir-ez-zor-province"]))
    assert province.contains(shape(PLACES["hajin"].geometry))
    assert shape(area_of(PLACES["iraq"])).area > 20  # square degrees: the whole country
    assert area_of(PLACES["hajin"]) is None


def test_the_syria_iraq_border_is_their_shared_boundary():
    border = shape(shared_border("Syria", "Iraq"))
    assert border.geom_type == "LineString" and 5 < border.length < 8
    layers = context_layers()
    assert layers["borders"]["features"][0]["properties"]["name"] == "Syria–Iraq border"
    assert any(f["id"] == "SY.DY" for f in layers["admin1"]["features"])
