"""Geoparser defects of issue 9: each a general rule, each checked on sentences of its own."""
import json

import pytest

from geodata.geoparse.parser import UNCERTAIN_BELOW, geoparse, rule_key
from geodata.geoparse.resolve import haversine_km


def found(gaz, text, **kw):
    return {m.text: m for m in geoparse(text, gazetteer=gaz, **kw)}


@pytest.mark.parametrize("text, name", [
    ("The delegation flew to Chad.", "Chad"),
    ("Talks later moved to Iran.", "Iran"),
    ("The minister landed in Lima.", "Lima"),
    ("Fighters shelled Ibb. Nobody was hurt.", "Ibb"),
])
def test_a_short_name_before_a_full_stop_is_a_place(gaz, text, name):
    assert name in found(gaz, text)


def test_abbreviations_before_a_full_stop_stay_abbreviations(gaz):
    assert geoparse("Miss. Smith and Ind. voters", gazetteer=gaz) == []
    got = found(gaz, "He lives in Gainesville, Ga., now.")
    assert got["Ga."].gazetteer_id == "iso3166:US-GA"


def test_an_unmatched_long_run_does_not_make_its_last_word_a_surname(gaz):
    text = "The Urban Heat Island Chicago project ended. Chicago officials said no to the plan."
    later = text.index("Chicago officials")
    assert [m.start for m in geoparse(text, gazetteer=gaz) if m.text == "Chicago"] == [later]


def test_a_newsroom_name_does_not_make_its_town_a_surname(gaz):
    text = "Brent told CTV Edmonton on Monday. Calgary and Edmonton reopened their schools."
    assert [m.text for m in geoparse(text, gazetteer=gaz)] == ["Calgary", "Edmonton"]


def test_a_persons_surname_is_still_not_a_place(gaz):
    text = "Mustafa Bali spoke on Sunday. Bali added that the talks had stalled."
    assert "Bali" not in found(gaz, text)


def test_a_first_name_alone_is_not_a_place(gaz):
    assert "Victoria" not in found(gaz, "Victoria said she would stay with her family.")
    assert "Jordan" in found(gaz, "Jordan said its border would stay closed.")  # a country speaks too


@pytest.mark.parametrize("name", ["Dhamar", "Ibb", "Ségou", "Tahoua", "Zinder", "Kunduz", "Ghazni"])
def test_a_bare_town_name_is_the_town_not_its_province(gaz, name):
    m = found(gaz, f"Clashes were reported in {name} on Monday.")[name]
    assert m.kind in ("city", "town") and m.precision == 1
    assert any(c["kind"] == "province" for c in m.candidates)  # the province it beat is kept as evidence


def test_the_type_word_still_gives_the_province(gaz):
    (m,) = geoparse("Fighting spread across Kunduz province.", gazetteer=gaz)
    assert m.kind == "province" and m.precision == 3


def test_arabic_clitics_and_type_words(gaz):
    text = "وقصف الطيران مدينة الرقة وبحلب ولدمشق"
    ms = geoparse(text, gazetteer=gaz)
    got = {m.gazetteer_id for m in ms}
    assert {"geonames:172955", "geonames:170063", "geonames:170654"} <= got  # Raqqa, Aleppo, Damascus
    assert all(m.name != "Madinah" for m in ms)  # مدينة is "city", not Medina
    for m in ms:
        assert text[m.start:m.end] == m.text and not m.text.startswith(("و", "ب", "ل"))
    (r,) = geoparse("نهر الفرات", gazetteer=gaz)
    assert r.kind == "river"


def test_lowercase_particles_inside_names(gaz):
    got = found(gaz, "Shelling hit villages in Tall ad Daman, Jisr ash-Shughur and Deir ez-Zor.")
    assert "Tall ad Daman" in got or "Tall ad Daman," in got
    assert got["Jisr ash-Shughur"].country_code == "SY" and got["Deir ez-Zor"].country_code == "SY"
    assert "Daman" not in got and "Tall" not in got


def test_demonyms_and_direction_adjectives_are_not_places(gaz):
    assert geoparse("Somali forces and Western diplomats met Canadian officials.", gazetteer=gaz) == []
    assert found(gaz, "Clashes in the Somali Region left dozens dead.")


def test_the_river_by_its_banks(gaz):
    got = found(gaz, "Fighters camped along the banks of the Niger near Mopti.")
    assert got["Niger"].kind == "river"
    assert got["Mopti"].kind in ("city", "town")
    assert found(gaz, "Troops were sent to Niger.")["Niger"].kind == "country"


def test_every_mention_keeps_what_it_beat_and_a_confidence(gaz):
    (m,) = geoparse("Refugees reached Paris last week.", gazetteer=gaz)
    assert 0 <= m.confidence <= 1
    assert m.candidates and all(set(c) == {"name", "kind", "country", "gazetteer_id", "distance_km", "score"}
                                for c in m.candidates)
    assert any(c["country"] == "US" and c["distance_km"] > 5000 for c in m.candidates)  # Paris, Texas
    out = m.as_json()
    json.dumps(out)
    assert out["uncertain"] == (m.confidence < UNCERTAIN_BELOW) and out["candidates"] == list(m.candidates)


def test_a_close_call_is_uncertain(gaz):
    (m,) = geoparse("Springfield", gazetteer=gaz)
    assert m.uncertain and m.confidence < UNCERTAIN_BELOW


def test_a_never_rule_suppresses_the_name(gaz):
    rule = {"id": 7, "name_key": rule_key("Zinder"), "country": "", "action": "never"}
    assert "Zinder" not in found(gaz, "Clashes in Zinder and Tahoua.", rules=[rule])
    assert "Tahoua" in found(gaz, "Clashes in Zinder and Tahoua.", rules=[rule])


def test_a_place_rule_forces_the_place_in_its_country_context(gaz):
    baghdad = "geonames:98182"
    rule = {"id": 9, "name_key": rule_key("Camp Speicher"), "country": "IQ", "action": "place",
            "gazetteer_id": baghdad}
    iraq = "Iraqi troops left Mosul and Tikrit for Camp Speicher on Monday. Baghdad said so."
    m = found(gaz, iraq, rules=[rule])["Camp Speicher"]
    assert m.gazetteer_id == baghdad and m.rule_id == 9 and not m.uncertain
    elsewhere = "Troops in Texas and Ohio marched to Camp Speicher."
    assert "Camp Speicher" not in found(gaz, elsewhere, rules=[rule])  # another country context


def test_a_rule_replaces_the_gazetteers_choice(gaz):
    hajin_tr = {"id": 1, "name_key": "hajin", "country": "", "action": "place", "gazetteer_id": "geonames:174506"}
    (m,) = geoparse("Troops reached Hajin.", gazetteer=gaz, focus=["TR"], rules=[hajin_tr])
    assert m.gazetteer_id == "geonames:174506" and m.rule_id == 1


def test_towns_and_provinces_keep_their_points(gaz):
    m = found(gaz, "Clashes in Zinder.")["Zinder"]
    assert haversine_km(m.lat, m.lon, 13.80716, 8.9881) < 5  # GeoNames 2437798, the town


def test_geoparse_lines_applies_rules(gaz, tmp_path):
    from geodata.geoparse.parser import geoparse_lines

    (tmp_path / "a.jsonl").write_text('{"id": "z", "text": "Clashes in Zinder and Tahoua."}\n', encoding="utf-8")
    never = [{"id": 2, "name_key": "zinder", "country": "", "action": "never"}]
    (out,) = geoparse_lines([tmp_path / "a.jsonl"], gazetteer=gaz, rules=never)
    assert [p["text"] for p in out["places"]] == ["Tahoua"]


def test_a_bare_name_is_the_town_over_a_same_name_division_abroad(gaz):
    (m,) = geoparse("Rebels attacked Beni on Sunday.", gazetteer=gaz)
    assert (m.country_code, m.kind, m.precision) == ("CD", "city", 1)
    assert any(c["kind"] == "province" and c["country"] == "BO" for c in m.candidates)


def test_a_division_cue_or_context_still_gives_the_division_abroad(gaz):
    got = found(gaz, "Floods hit Beni in Bolivia.")
    assert (got["Beni"].kind, got["Beni"].country_code) == ("province", "BO")
    assert found(gaz, "Snow fell across Wyoming.")["Wyoming"].kind == "province"  # the town is a sixth of it


@pytest.mark.parametrize("text, place, not_places", [
    ("A judge of the Southern District of Ohio ruled on Monday.", "Ohio", ["Southern District"]),
    ("He studied at the University of Georgia in Athens.", "Georgia", ["University"]),
    ("She taught at the University of Texas for years.", "Texas", ["University of Texas"]),
    ("The Central Bank of Nigeria raised rates.", "Nigeria", ["Central Bank"]),
])
def test_an_institution_named_x_of_y_is_not_a_place_but_y_may_be(gaz, text, place, not_places):
    got = found(gaz, text)
    assert place in got and not set(not_places) & set(got)


def test_a_division_named_x_of_y_stays_whole(gaz):
    (m,) = geoparse("Protests spread to the District of Columbia.", gazetteer=gaz)
    assert m.text == "District of Columbia" and m.country_code == "US"


@pytest.mark.parametrize("text, name, gid", [
    ("Fighters entered Shaddadi, south of Hasakah.", "Shaddadi", "geonames:172837"),  # GeoNames: Shadadi
    ("Jets struck Maarat al-Numan and Idlib.", "Maarat al-Numan", "geonames:167611"),  # Ma'arrat an-Nu'man
])
def test_a_doubled_consonant_is_a_transliteration_variant(gaz, text, name, gid):
    assert found(gaz, text)[name].gazetteer_id == gid


def test_an_exact_name_wins_over_a_transliteration_variant(gaz):
    assert found(gaz, "Snow fell in Wells overnight.")["Wells"].country_code == "GB"  # not Wels, Austria


def test_an_english_word_or_a_lone_variant_is_no_transliteration(gaz):
    assert geoparse("The State Department put it on the Web.", gazetteer=gaz) == []  # Statte, Webb
    assert geoparse("Fighters entered Shaddadi at dawn.", gazetteer=gaz) == []  # no other place vouches for it


def test_a_surname_that_is_a_small_towns_former_name_is_not_that_town(gaz):
    # GeoNames lists "Wilkinson" for Putnam and "Baine" for Attalla; alone in a sentence they are people
    assert geoparse("The city still owes Wilkinson money.", gazetteer=gaz) == []
    assert geoparse("Baine said the grant would come.", gazetteer=gaz) == []
    assert found(gaz, "Soldiers raided homes in Jenin overnight.")["Jenin"].gazetteer_id  # "in": a place


@pytest.mark.parametrize("text, place", [
    ("The Texas Forest Service warned of fires.", "Texas"),
    ("The Laurel County Fiscal Court met on Monday.", "Laurel County"),
    ("A statement from the Syria Civil Defence said six died.", "Syria"),
])
def test_a_division_or_country_leading_an_organisations_name_is_the_place(gaz, text, place):
    (m,) = geoparse(text, gazetteer=gaz)
    assert m.text == place and m.kind in ("province", "county", "country")


def test_a_persons_or_companys_name_does_not_lead_to_a_place(gaz):
    assert geoparse("Georgia Smith flew Delta Air Lines home.", gazetteer=gaz) == []


def test_two_dotted_initials_are_a_state_anywhere(gaz):
    got = {(m.text, m.gazetteer_id) for m in geoparse(
        "The S.C. Highway Patrol said Rep. James Clyburn, D-S.C., and N.Y. officials agreed.", gazetteer=gaz)}
    assert got == {("S.C.", "iso3166:US-SC"), ("N.Y.", "iso3166:US-NY")}
    assert geoparse("Miss. Smith and Ind. voters", gazetteer=gaz) == []  # one-part abbreviations are not
