"""Named regions, seas, England's counties and airfields (data/gazetteer_places.json, tools/build_gazetteer_places.py)."""
import json
from pathlib import Path

import pytest

from geodata.geoparse.parser import geoparse

DATA = Path(__file__).resolve().parents[2] / "geodata" / "data"
PLACES = json.loads((DATA / "gazetteer_places.json").read_text(encoding="utf-8"))


def test_every_entry_has_a_source_and_its_point_lies_in_its_box():
    for group in ("regions", "seas", "counties", "facilities"):
        assert PLACES[group], group
        for e in PLACES[group]:
            assert e["source"] and e["id"] and e["name"], e
            if "bbox" in e:
                s, w, n, e_ = e["bbox"]
                assert s <= e["lat"] <= n and w <= e["lon"] <= e_, e["id"]


@pytest.mark.parametrize("text,name,cc", [
    ("Raids in the West Bank overnight.", "West Bank", "PS"),
    ("Strikes on the Gaza Strip continued.", "Gaza Strip", "PS"),
    ("Russia annexed Crimea in 2014.", "Crimea", "UA"),
    ("Shelling across Donbas went on.", "Donbas", "UA"),
    ("Fighting in Darfur displaced thousands.", "Darfur", "SD"),
    ("Clashes in Kordofan spread.", "Kordofan", "SD"),
    ("Militants attacked a checkpoint in Sinai on Monday.", "Sinai", "EG"),
    ("Voters in the Kurdistan Region went to the polls.", "Kurdistan Region", "IQ"),
])
def test_named_regions_are_regions_inside_their_country(gaz, text, name, cc):
    (m,) = [m for m in geoparse(text, gazetteer=gaz) if m.text == name]
    assert m.kind == "region" and m.country_code == cc and m.precision == 3
    s, w, n, e = gaz.country(cc).bbox  # the box of the country's GeoNames towns
    assert s <= m.lat <= n and w <= m.lon <= e, (m.lat, m.lon)


def test_airfields_are_facilities_at_their_airportsdata_point(gaz):
    ms = {m.text: m for m in geoparse("Rockets hit Al Asad Air Base at dawn; Kabul International Airport reopened on Monday.",
                                      gazetteer=gaz)}
    base, kabul = ms["Al Asad Air Base"], ms["Kabul International Airport"]
    assert (base.kind, base.gazetteer_id, base.country_code) == ("facility", "airport:ORAA", "IQ")
    assert (kabul.gazetteer_id, round(kabul.lat, 2), round(kabul.lon, 2)) == ("airport:OAKB", 34.57, 69.21)


def test_englands_counties_are_in_england(gaz):
    ms = {m.text: m for m in geoparse("Floods hit Kent, England, and Devon.", gazetteer=gaz)}
    for name in ("Kent", "Devon"):
        assert ms[name].kind == "county" and ms[name].country_code == "GB"
        assert 50 < ms[name].lat < 52.5 and -6 < ms[name].lon < 2
    # a US town keeps its name where the text says so
    (kent, _) = geoparse("He lives in Kent, Washington.", gazetteer=gaz)
    assert kent.country_code == "US"


@pytest.mark.parametrize("text, name, sea", [
    ("A tanker was hit in the Red Sea.", "Red Sea", "Red Sea"),
    ("Drones flew over the Sea of Azov.", "Sea of Azov", "Sea of Azov"),
    ("Pirates were seen in the Gulf of Aden.", "Gulf of Aden", "Gulf of Aden"),
    ("The fleet sailed into the Black Sea.", "Black Sea", "Black Sea"),
    ("Migrants crossed the Mediterranean last week.", "Mediterranean", "Mediterranean Sea"),
    ("Storms over the Atlantic delayed the ships.", "Atlantic", "Atlantic Ocean"),
])
def test_seas_gulfs_and_oceans_are_the_water_not_a_namesake_on_land(gaz, text, name, sea):
    (m,) = [m for m in geoparse(text, gazetteer=gaz) if m.text == name]
    assert (m.kind, m.name, m.country_code) == ("sea", sea, None)
    entry = next(e for e in PLACES["seas"] if e["name"] == sea)
    assert "ne_10m_geography_marine_polys" in entry["source"] and (m.lat, m.lon) == (entry["lat"], entry["lon"])


def test_a_type_word_or_a_state_still_gives_the_namesake_on_land(gaz):
    got = {m.text: m for m in geoparse("Port Sudan is the capital of Red Sea state.", gazetteer=gaz)}
    assert got["Red Sea state"].kind == "province" and got["Red Sea state"].country_code == "SD"
    (atlantic, _) = geoparse("He lives in Atlantic, Iowa.", gazetteer=gaz)
    assert atlantic.kind == "village" and atlantic.country_code == "US"


def test_a_narrow_strait_is_more_precise_than_a_sea(gaz):
    got = {m.text: m for m in geoparse("Warships crossed the Bosporus into the Black Sea.", gazetteer=gaz)}
    assert got["Bosporus"].precision == 2 and got["Black Sea"].precision == 3
