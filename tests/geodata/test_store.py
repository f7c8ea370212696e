import sqlite3

import pytest

from geodata.articles import ArticleError, article_from_dict
from geodata.models import Mention, Passage
from geodata.service import add_articles, open_store, place_detail
from geodata.store.sqlite import MIGRATIONS, DuplicateArticle, Store


def test_first_open_fills_the_store_from_seeds(store):
    assert store.count("articles") == 1
    slugs = {p.slug for p, _ in store.places()}
    assert {"baghouz", "hajin", "raqqa", "al-susah", "euphrates", "deir-ez-zor-province", "syria", "iraq"} <= slugs


def test_reopening_does_not_load_seeds_twice(tmp_path):
    open_store(tmp_path / "x.sqlite").close()
    s = open_store(tmp_path / "x.sqlite")
    assert s.count("articles") == 1
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_passages_of_a_place_are_verbatim_slices(store):
    article = store.article("baghouz-2019-02-17")
    passages = store.passages_of("baghouz")
    assert len(passages) == 3
    for p in passages:
        assert p["text"] == article.text[p["start"] : p["end"]]
        for s, e in p["mentions"]:
            assert article.text[s:e] == "Baghouz"


def test_place_detail_names_the_nearest_places(store):
    detail = place_detail(store, "baghouz")
    assert [n["name"] for n in detail["properties"]["nearest"]] == ["Al-Susah", "Hajin"]
    assert detail["properties"]["nearest"][1]["text"] == "28 km south-east of Hajin"


def test_duplicate_article_is_refused_and_nothing_changes(store):
    before = [store.count(t) for t in ("articles", "passages", "mentions")]
    article = store.article("baghouz-2019-02-17")
    with pytest.raises(DuplicateArticle):
        add_articles(store, [article])
    assert [store.count(t) for t in ("articles", "passages", "mentions")] == before


def test_a_failed_write_leaves_no_partial_article(store):
    article = article_from_dict({"id": "x1", "title": "T", "text": "In Hajin.", "published": "2020-01-01"})
    passages = [Passage("x1", 0, 9)]
    bad = [Mention("x1", "no-such-place", 3, 8)]  # violates the foreign key
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(article, passages, bad)
    assert store.article("x1") is None
    assert store.count("passages") == 20


@pytest.mark.parametrize(
    "data,message",
    [
        ([], "JSON object"),
        ({"id": "a", "title": "t", "text": "x"}, "published is required"),
        ({"id": "a", "title": "t", "text": "x", "published": "yesterday"}, "date"),
        ({"id": "a b", "title": "t", "text": "x", "published": "2020-01-01"}, "id may hold"),
        ({"id": "a", "title": 5, "text": "x", "published": "2020-01-01"}, "title must be a string"),
        ({"id": "a", "title": "t\x00", "text": "x", "published": "2020-01-01"}, "null bytes"),
        ({"id": "a", "title": "t" * 10_000, "text": "x", "published": "2020-01-01"}, "longer than"),
    ],
)
def test_bad_articles_are_refused_with_a_reason(data, message):
    with pytest.raises(ArticleError, match=message):
        article_from_dict(data)


def test_curated_place_wins_over_a_geoparsed_one(store):
    from dataclasses import replace

    hajin = store.place("hajin")
    store.save_places([replace(hajin, geometry={"type": "Point", "coordinates": [0, 0]}, origin="geoparsed")])
    assert store.place("hajin").geometry["coordinates"] == [40.83138, 34.69508]


def test_schema_migrates_an_empty_file(tmp_path):
    s = Store(tmp_path / "empty.sqlite")
    assert s.count("articles") == 0


def test_ingest_reads_the_curated_places_once_per_batch_not_per_article(tmp_path, monkeypatch):
    """Per article, ingest reads only that article's rows: the curated places are read once per batch."""
    import json

    from geodata.ingest import ingest_files

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "title": "T", "published": "2020-01-02",
                                          "text": f"Shelling hit Hajin and Mosul, report {i}."}) + "\n" for i in range(12)))
    s = open_store(tmp_path / "i.sqlite")
    reads = []
    read_curated = s.curated_places
    monkeypatch.setattr(s, "curated_places", lambda: reads.append(1) or read_curated())
    report = ingest_files(s, [corpus], workers=0)
    assert report.added == 12 and len(reads) == 1
    assert all({m.place_slug for m in s.mentions_of(f"d{i}")} >= {"hajin"} for i in range(12))
    s.close()
