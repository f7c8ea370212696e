from geodata.articles import article_from_dict
from geodata.linking import link_article, slugify
from geodata.places import load_curated
from geodata.service import add_articles


def article(text, id_="a1"):
    return article_from_dict({"id": id_, "title": "t", "text": text, "published": "2020-01-01"})


def test_slugify():
    assert slugify("Ālbū Kamāl") == "albu-kamal"
    assert slugify("الرقة") == ""


def test_curated_aliases_win_over_the_geoparser(gaz):
    from geodata.geoparse.parser import geoparse

    linked = link_article(
        article("Shelling hit Hajin and Raqqa, then Mosul."), load_curated(),
        geoparse=lambda t: geoparse(t, gazetteer=gaz),
    )
    by_text = {m.place_slug: m.method for m in linked.mentions}
    assert by_text["hajin"] == "curated" and by_text["raqqa"] == "curated"
    [mosul] = linked.new_places
    assert mosul.origin == "geoparsed" and mosul.gazetteer_id.startswith("geonames:") and mosul.country == "IQ"
    assert by_text[mosul.slug] == "geoparsed"


def test_a_geoparsed_place_is_reused_by_later_articles(store):
    add_articles(store, [article("Airstrikes near Mosul.", "m1"), article("Mosul again.", "m2")])
    mosul = [p for p in store.all_places() if p.name == "Mosul"]
    assert len(mosul) == 1
    assert {m.article_id for m in store.mentions_of("m1") + store.mentions_of("m2")} == {"m1", "m2"}
    assert {m.place_slug for m in store.mentions_of("m2")} == {mosul[0].slug}


def test_a_geoparsed_result_for_a_curated_gazetteer_id_links_to_the_curated_place(store):
    # "Hajīn" is not a curated alias, but the geoparser resolves it to GeoNames 174506, Hajin's id
    add_articles(store, [article("Residents returned to Hajîn.", "h1")])
    [m] = store.mentions_of("h1")
    assert m.place_slug == "hajin"
