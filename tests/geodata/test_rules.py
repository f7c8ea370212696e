"""Readers' corrections become rules that later articles follow, on SQLite and PostgreSQL,
and what the domain computed (event time with "since", the event, roles, candidates) round-trips."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geodata.articles import article_from_dict
from geodata.curation import CurationError, override_mention
from geodata.linking import split_timed
from geodata.models import Mention
from geodata.service import add_articles, open_store


@pytest.fixture
def store(db_target):
    s = open_store(db_target)
    yield s
    s.close()


def article(id_, text, published="2020-01-02"):
    return article_from_dict({"id": id_, "title": id_, "text": text, "published": published})


def test_what_the_domain_computed_round_trips(store):
    a = article("siege", "Fighting around Hajin has gone on since late December, residents said.", "2019-02-10")
    [p] = split_timed(a)
    assert p.time.since and p.time.label() == "since December 2018"
    event = {"type": "Battles", "sub_type": "Armed clash", "fatalities": 3, "actors": ["SDF"],
             "cues": [{"start": 0, "end": 8}]}
    m = Mention(a.id, "hajin", 16, 21, "geoparsed", 0.7, role="background", role_cues=((0, 8),),
                candidates=({"name": "Hajin", "kind": "town", "country": "SY", "gazetteer_id": "geonames:1",
                             "distance_km": 12.5, "score": 0.4},))
    store.add_article(a, [replace(p, event=event)], [m])
    assert store.mentions_of(a.id) == [m]
    assert store.mentions_of(a.id)[0].candidates == m.candidates
    [stored] = store.article_passages(a.id)
    assert stored["incident"] == event
    assert (stored["event"]["label"], stored["event"]["words"]) == ("since December 2018", "December")
    [passage] = [x for x in store.passages_of("hajin") if x["article"] == a.id]
    assert passage["mention_details"] == [{"start": 16, "end": 21, "method": "geoparsed", "confidence": 0.7,
                                           "role": "background", "role_cues": [[0, 8]],
                                           "candidates": list(m.candidates), "rule": None}]


def test_a_correction_to_a_place_links_later_articles_by_rule(store):
    add_articles(store, [article("a1", "Shelling hit Mosul, Iraq.")])
    text = store.article("a1").text
    start = text.index("Mosul")
    fixed = override_mention(store, "a1", start, start + 5, place="raqqa")
    [rule] = store.rules()
    assert (rule.name_key, rule.country, rule.action, rule.place_slug) == ("mosul", "IQ", "place", "raqqa")
    assert (fixed.method, fixed.rule_id) == ("override", rule.id)
    add_articles(store, [article("a2", "Fighting went on near Mosul, Iraq.")])
    m = next(m for m in store.mentions_of("a2") if m.place_slug == "raqqa")
    assert (m.method, m.rule_id, store.article("a2").text[m.start:m.end]) == ("rule", rule.id, "Mosul")


def test_not_a_place_keeps_the_name_off_the_map_until_the_rule_goes(store):
    add_articles(store, [article("b1", "Aid reached Aleppo, Syria.")])
    aleppo = next(m for m in store.mentions_of("b1") if m.method == "geoparsed")
    assert override_mention(store, "b1", aleppo.start, aleppo.end, not_a_place=True) is None
    assert [m.place_slug for m in store.mentions_of("b1")] == ["syria"]
    [rule] = store.rules()
    assert (rule.name_key, rule.country, rule.action, rule.place_slug) == ("aleppo", "SY", "never", None)
    add_articles(store, [article("b2", "Aid reached Aleppo, Syria, again.")])
    assert [m.place_slug for m in store.mentions_of("b2")] == ["syria"]
    assert aleppo.place_slug not in {p.slug for p, _ in store.places()}
    assert store.remove_rule(rule.id) and not store.remove_rule(rule.id) and store.rules() == []
    add_articles(store, [article("b3", "Aid reached Aleppo, Syria, once more.")])
    assert aleppo.place_slug in {m.place_slug for m in store.mentions_of("b3")}


def test_a_correction_is_one_of_place_gazetteer_id_or_not_a_place(store):
    with pytest.raises(CurationError):
        override_mention(store, "baghouz-2019-02-17", 0, 5, place="raqqa", not_a_place=True)
    with pytest.raises(CurationError):
        override_mention(store, "baghouz-2019-02-17", 0, 5)
    assert store.rules() == []
