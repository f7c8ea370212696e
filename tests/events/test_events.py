"""The event rules: roles, types, fatalities and actors, on our labelled set and on cases a reader would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.events_eval import evaluate, load
from geodata.events import analyse_passage
from geodata.events.actors import all_actors, find_actors
from geodata.events.cues import EVENT_TYPES
from geodata.events.fatalities import fatalities, number_value

LABELLED = Path(__file__).with_name("labelled.jsonl")


def _roles(text: str, names: list[str], published: str = "2019-02-17") -> dict[str, str]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    result = analyse_passage(text, spans, published)
    return {n: r.role for n, r in zip(names, result.roles)}


def _event(text: str, name: str, published: str = "2024-01-01") -> dict | None:
    start = text.index(name)
    return analyse_passage(text, [(start, start + len(name))], published).event


def test_labelled_set_meets_its_minimum_figures():
    rows = load(LABELLED)
    assert len(rows) >= 150
    assert {r["type"] for r in rows} >= set(EVENT_TYPES)
    figures = evaluate(rows)
    assert figures["role_accuracy"] >= 0.95, figures["errors"]
    assert figures["type_accuracy"] >= 0.93, figures["errors"]
    for kind in EVENT_TYPES:
        assert figures["types"][kind]["precision"] >= 0.85, (kind, figures["types"][kind])
        assert figures["types"][kind]["recall"] >= 0.8, (kind, figures["types"][kind])
    assert figures["sub_type_accuracy"] >= 0.95
    assert figures["fatalities_accuracy"] >= 0.93
    assert figures["actor_precision"] >= 0.93 and figures["actor_recall"] >= 0.93


def test_a_list_of_countries_asked_to_act_is_background_and_keeps_the_asking_words():
    text = ("In a tweet Sunday, U.S. President Donald Trump called on Britain, France and Germany and other "
            "European countries to take back their militants.")
    names = ["U.S.", "Britain", "France", "Germany", "European countries"]
    assert set(_roles(text, names).values()) == {"background"}
    result = analyse_passage(text, [(text.index("Britain"), text.index("Britain") + 7)], "2019-02-17")
    assert [text[s:e] for s, e in result.roles[0].cues] == ["called on"]
    assert result.event is None


def test_fighting_at_a_place_is_an_event_and_old_history_is_not():
    assert _roles("In Hajin, a town that fell to the SDF in December, fighting went on.", ["Hajin"]) == {"Hajin": "event"}
    old = "The group was stripped of its capital of Raqqa in the summer of 2017, leaving a destroyed city."
    assert _roles(old, ["Raqqa"]) == {"Raqqa": "background"}
    # the same words dated in the reported period are an event
    assert _roles(old.replace("2017", "2018"), ["Raqqa"], "2018-10-01") == {"Raqqa": "event"}


def test_what_may_happen_or_did_not_happen_is_background():
    assert _roles("The army threatened to launch an offensive on Rafah.", ["Rafah"]) == {"Rafah": "background"}
    assert _roles("No fighting was reported in Hodeidah overnight.", ["Hodeidah"]) == {"Hodeidah": "background"}
    assert _roles("Heavy fighting was reported in Hodeidah overnight.", ["Hodeidah"]) == {"Hodeidah": "event"}


def test_the_seat_of_a_speaker_is_background_but_the_place_of_the_event_is_not():
    text = "An Israeli airstrike killed three people in Rafah, the health ministry in Gaza said."
    assert _roles(text, ["Rafah", "Gaza"]) == {"Rafah": "event", "Gaza": "background"}
    assert _roles("Security forces detained a journalist in Bamako.", ["Bamako"]) == {"Bamako": "event"}


@pytest.mark.parametrize("text, kind, sub", [
    ("An airstrike hit a market in Idlib, killing 12 civilians.", "Explosions/Remote violence", "Air/drone strike"),
    ("Gunmen stormed the village of Zike and killed 25 villagers.", "Violence against civilians", "Attack"),
    ("Police fired tear gas to disperse a rally in Dhaka.", "Protests", "Protest with intervention"),
    ("Rioters torched shops and cars in Kinshasa.", "Riots", "Violent demonstration"),
    ("M23 rebels seized the town of Rubaya on Tuesday.", "Battles", "Non-state actor overtakes territory"),
    ("Engineers defused a bomb planted under a bridge in Kirkuk.", "Strategic developments", "Disrupted weapons use"),
])
def test_event_type_and_sub_type(text, kind, sub):
    place = next(w for w in ("Idlib", "Zike", "Dhaka", "Kinshasa", "Rubaya", "Kirkuk") if w in text)
    event = _event(text, place)
    assert (event["type"], event["sub_type"]) == (kind, sub)
    assert all(text[c["start"]:c["end"]] for c in event["cues"])


def test_cue_offsets_index_the_whole_article():
    article = "Title\n\nClashes erupted in Omdurman."
    start = article.index("Clashes")
    passage = article[start:]
    span = (passage.index("Omdurman"), passage.index("Omdurman") + 8)
    result = analyse_passage(passage, [span], "2024-01-01", offset=start)
    assert [article[c["start"]:c["end"]] for c in result.event["cues"]] == ["Clashes", "erupted"]
    assert article[slice(*result.roles[0].cues[0])] == "Clashes"


@pytest.mark.parametrize("text, expected", [
    ("The strike killed at least twenty-five people.", 25),
    ("Two airstrikes killed 12 civilians and wounded 30.", 12),
    ("12 were wounded and two were killed.", 2),
    ("Officials said 20 died; medics put the toll at 35.", 20),
    ("Dozens were killed.", 12),
    ("Three children and a woman were killed.", 4),
    ("A soldier was killed.", 1),
    ("No one was killed.", 0),
    ("Hundreds of militants are hiding among civilians.", None),
    ("The blast killed 12 km from the border.", None),
])
def test_fatalities_are_the_lowest_stated_number_of_deaths(text, expected):
    assert fatalities(text) == expected


def test_number_words():
    assert [number_value(w) for w in ("ninety-nine", "a dozen", "two dozen", "1,200", "hundreds")] == [99, 12, 24, 1200, 100]


def test_actors_come_from_the_sourced_list_and_acronyms_keep_their_case():
    text = "This is where IS fighters and the Houthis (Ansar Allah) met Boko Haram militants."
    assert [a.actor.name for a in find_actors(text)] == ["Islamic State", "Houthis", "Houthis", "Boko Haram", "Militants"]
    assert all(a.source and a.kind in ("state", "non-state", "generic") for a in all_actors())
    event = _event("Boko Haram militants abducted 30 students from a school in Kaduna state.", "Kaduna state")
    assert event["actors"] == ["Boko Haram"]
    assert _event("Hajin fell to the SDF after clashes with IS.", "Hajin")["actors"][0] == "Syrian Democratic Forces"
