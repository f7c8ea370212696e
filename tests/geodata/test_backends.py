"""The store's every public method, against SQLite and against PostgreSQL (tests/pgserver.py).

db_target (tests/conftest.py) is a SQLite file path, then a postgresql:// URL of an empty schema;
the PostgreSQL cases skip without a server, and fail instead when CONFLICT_MAP_REQUIRE_PG=1 (CI).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from geodata.articles import article_from_dict
from geodata.curation import override_mention
from geodata.models import Mention, Passage
from geodata.service import add_articles, connect_store, map_data, open_store, place_detail, places_collection
from geodata.store import DuplicateArticle

SEED = "baghouz-2019-02-17"
SEED_PLACES = {"baghouz", "hajin", "raqqa", "al-susah", "euphrates", "deir-ez-zor-province", "syria", "iraq"}
MORE = [
    {"id": "hajin-2018-12-14", "title": "SDF takes Hajin", "published": "2018-12-14",
     "text": "The SDF said it had taken Hajin.\n\nFighting moved south towards Al-Susah and Baghouz."},
    {"id": "mosul-2017-07-10", "title": "Mosul", "published": "2017-07-10",
     "text": "Iraqi forces declared victory in Mosul on Monday.\n\nFamilies returned to Raqqa and Aleppo."},
]


def migrations_of(store):
    if type(store).__name__ == "PgStore":
        from geodata.store.postgres import MIGRATIONS
    else:
        from geodata.store.sqlite import MIGRATIONS
    return MIGRATIONS


@pytest.fixture
def store(db_target):
    s = open_store(db_target)
    yield s
    s.close()


def test_first_open_fills_the_store_from_seeds(store):
    assert (store.count("articles"), store.count("passages")) == (1, 20)
    assert SEED_PLACES <= {p.slug for p, _ in store.places()}
    assert store.has_article(SEED) and not store.has_article("nope")
    with pytest.raises(ValueError):
        store.count("sqlite_master")


def test_migrations_are_idempotent_and_seeds_load_once(db_target):
    open_store(db_target).close()
    s = open_store(db_target)
    counts = [s.count(t) for t in ("articles", "places", "passages", "mentions")]
    assert s.schema_version() == len(migrations_of(s))
    s.migrate()
    s.migrate()
    assert s.schema_version() == len(migrations_of(s))
    assert [s.count(t) for t in ("articles", "places", "passages", "mentions")] == counts
    assert counts[0] == 1
    s.close()


def test_an_empty_database_gets_the_schema(db_target):
    s = connect_store(db_target)
    assert s.count("articles") == 0 and s.places() == [] and s.marker_rows() == [] and s.articles() == []
    s.close()


def test_add_article_then_every_read(store):
    before = store.revision()
    added = add_articles(store, [article_from_dict(d) for d in MORE])
    assert added == ["hajin-2018-12-14", "mosul-2017-07-10"]
    assert store.revision() != before
    assert [a["id"] for a in store.articles()] == [SEED, "hajin-2018-12-14", "mosul-2017-07-10"]
    assert [a["id"] for a in store.articles(limit=1)] == [SEED]
    assert store.articles()[1]["places"] == 3
    article = store.article("hajin-2018-12-14")
    assert article.title == "SDF takes Hajin" and article.language == "en"
    mentions = store.mentions_of("hajin-2018-12-14")
    assert [article.text[m.start:m.end] for m in mentions] == ["Hajin", "Al-Susah", "Baghouz"]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    passages = store.article_passages("hajin-2018-12-14")
    assert [p["text"] for p in passages] == article.text.split("\n\n")
    assert passages[0]["event"]["precision"] and passages[0]["event"]["start"]
    assert store.article_passages("nope") == [] and store.article("nope") is None
    hajin = store.passages_of("hajin")
    assert [p["article"] for p in hajin] == [SEED, "hajin-2018-12-14"]  # newest first
    # geoparsed places (Mosul, Aleppo) are stored with the article and found again by gazetteer id
    mosul = next(p for p in store.all_places() if p.name == "Mosul")
    assert mosul.origin == "geoparsed" and store.place_by_gazetteer_id(mosul.gazetteer_id) == mosul
    assert store.place(mosul.slug) == mosul
    assert all(p.origin == "curated" for p in store.curated_places())
    assert mosul not in store.curated_places() and len(store.all_places()) > len(store.curated_places())


def test_passages_of_a_place_are_verbatim_slices(store):
    article = store.article(SEED)
    passages = store.passages_of("baghouz")
    assert len(passages) == 3
    for p in passages:
        assert p["text"] == article.text[p["start"]:p["end"]]
        assert p["mentions"] == sorted(p["mentions"])
        for s, e in p["mentions"]:
            assert article.text[s:e] == "Baghouz"
    detail = place_detail(store, "baghouz")
    assert [n["name"] for n in detail["properties"]["nearest"]] == ["Al-Susah", "Hajin"]


def test_duplicates_are_refused_and_nothing_changes(store):
    before = [store.count(t) for t in ("articles", "passages", "mentions")]
    article = store.article(SEED)
    with pytest.raises(DuplicateArticle):
        add_articles(store, [article])
    with pytest.raises(DuplicateArticle):  # straight to the store, past the service's early check
        store.add_article(article, [Passage(SEED, 0, 5)], [])
    assert [store.count(t) for t in ("articles", "passages", "mentions")] == before


def test_a_failed_write_leaves_no_partial_article(store):
    article = article_from_dict({"id": "x1", "title": "T", "text": "In Hajin.", "published": "2020-01-01"})
    new_place = replace(store.place("hajin"), slug="new-hajin", origin="geoparsed")
    bad = [Mention("x1", "no-such-place", 3, 8)]  # violates the foreign key
    before, places = store.revision(), store.count("places")
    with pytest.raises(store.IntegrityError):
        store.add_article(article, [Passage("x1", 0, 9)], bad, [new_place])
    assert store.article("x1") is None and store.place("new-hajin") is None
    assert (store.count("passages"), store.count("places")) == (20, places)
    # the connection is usable afterwards
    store.add_article(article, [Passage("x1", 0, 9)], [Mention("x1", "hajin", 3, 8)])
    assert store.mentions_of("x1") == [Mention("x1", "hajin", 3, 8)]
    assert store.revision() != before


def test_places_by_bbox_and_by_article(store):
    add_articles(store, [article_from_dict(d) for d in MORE])
    everywhere = {p.slug: n for p, n in store.places()}
    assert SEED_PLACES <= set(everywhere) and everywhere["baghouz"] == 4 and everywhere["hajin"] == 2
    # around the Euphrates valley near Baghouz: points only, by their anchor
    near = {p.slug for p, _ in store.places(bbox=(40.5, 34.3, 41.2, 34.9))}
    assert {"baghouz", "hajin", "al-susah"} <= near and "raqqa" not in near and "mosul" not in near
    assert store.places(bbox=(-10.0, -10.0, -9.0, -9.0)) == []
    by_article = {p.slug: n for p, n in store.places(article="hajin-2018-12-14")}
    assert by_article == {"hajin": 1, "al-susah": 1, "baghouz": 1}
    both = {p.slug for p, _ in store.places(bbox=(40.5, 34.3, 41.2, 34.9), article=SEED)}
    assert {"baghouz", "hajin", "al-susah"} <= both <= near
    precisions = [p.precision for p, _ in store.places()]
    assert precisions == sorted(precisions)
    rows = store.marker_rows()
    assert [r[0] for r in rows] == [p.slug for p, _ in store.places()]
    by_slug = {r[0]: r for r in rows}
    assert by_slug["baghouz"][6] is None and by_slug["baghouz"][7] == 4  # a point carries no geometry
    assert '"LineString"' in by_slug["euphrates"][6] or '"MultiLineString"' in by_slug["euphrates"][6]


def test_curated_place_wins_over_a_geoparsed_one(store):
    hajin = store.place("hajin")
    store.save_places([replace(hajin, geometry={"type": "Point", "coordinates": [0, 0]}, origin="geoparsed")])
    assert store.place("hajin") == hajin
    moved = replace(hajin, name="Hajin (moved)", aliases=("Hajin", "هجين"))
    store.save_places([moved])
    assert store.place("hajin") == moved


def test_override_replaces_overlapping_mentions(store):
    article = store.article(SEED)
    start = article.text.index("Hajin")
    before = store.revision()
    override_mention(store, SEED, start, start + len("Hajin"), place="raqqa")
    m = next(m for m in store.mentions_of(SEED) if m.start == start)
    assert (m.place_slug, m.method, m.confidence) == ("raqqa", "override", 1.0)
    assert store.revision() != before
    assert "hajin" not in {p.slug for p, _ in store.places()}
    with pytest.raises(ValueError):
        store.replace_mentions(Mention(SEED, "raqqa", len(article.text) + 5, len(article.text) + 9))
    # a new place arrives with the override, in the same transaction
    new = replace(store.place("hajin"), slug="hajin-2", origin="geoparsed", gazetteer_id="test:1")
    store.replace_mentions(Mention(SEED, "hajin-2", start, start + 5, "override", 1.0), new)
    assert store.place("hajin-2") == new
    assert [m.place_slug for m in store.mentions_of(SEED) if m.start == start] == ["hajin-2"]


def test_release_rolls_back_a_transaction_left_open(store):
    hajin = store.place("hajin")
    store.db.execute("BEGIN")  # as if a request died inside a write
    store._write_places([replace(hajin, name="Half-written")])
    store.release()
    assert store.place("hajin") == hajin
    store.save_places([replace(hajin, name="Hajin town")])  # a new transaction starts cleanly
    assert store.place("hajin").name == "Hajin town"
    store.release()  # nothing open: a no-op


# --- the two backends side by side ------------------------------------------------------------------

def _everything(store) -> dict:
    """Every read the app makes, as plain data."""
    slugs = sorted(p.slug for p in store.all_places())
    return {
        "counts": [store.count(t) for t in ("articles", "places", "passages", "mentions")],
        "places": [(p, n) for p, n in store.places()],
        "bbox": [(p, n) for p, n in store.places(bbox=(38.0, 33.0, 42.0, 37.0))],
        "markers": [tuple(r) for r in store.marker_rows()],
        "articles": store.articles(),
        "passages_of": {s: store.passages_of(s) for s in slugs},
        "article_passages": {a["id"]: store.article_passages(a["id"]) for a in store.articles()},
        "mentions": {a["id"]: store.mentions_of(a["id"]) for a in store.articles()},
        "collection": places_collection(store),
        "map": map_data(store, full_limit=3),
        "curated": store.curated_places(),
    }


def test_both_backends_answer_alike(tmp_path, pg_url):
    stores = [open_store(tmp_path / "same.sqlite"), open_store(pg_url)]
    for s in stores:
        add_articles(s, [article_from_dict(d) for d in MORE])
        start = s.article(SEED).text.index("Hajin")
        override_mention(s, SEED, start, start + 5, place="raqqa")
    sqlite_view, pg_view = (_everything(s) for s in stores)
    for key in sqlite_view:
        assert pg_view[key] == sqlite_view[key], key
    for s in stores:
        s.close()


def test_the_schemas_have_the_same_columns(tmp_path, pg_url):
    sqlite_store, pg_store = connect_store(tmp_path / "s.sqlite"), connect_store(pg_url)
    for table in ("articles", "places", "passages", "mentions"):
        lite = [r[1] for r in sqlite3.connect(sqlite_store.path).execute(f"PRAGMA table_info({table})")]
        pg = [r["column_name"] for r in pg_store.db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "AND table_schema = current_schema() ORDER BY ordinal_position", (table,))]
        assert pg == lite, table
    sqlite_store.close()
    pg_store.close()


def test_the_web_app_runs_on_postgresql(pg_url):
    from webapp import create_app

    client = create_app({"TESTING": True, "DATABASE": pg_url, "TILE_URL": ""}).test_client()
    assert SEED_PLACES <= {f["id"] for f in client.get("/api/places").get_json()["features"]}
    r = client.post("/api/articles", json=MORE[0])
    assert r.status_code == 201 and r.get_json()["places"] == ["al-susah", "baghouz", "hajin"]
    assert client.post("/api/articles", json=MORE[0]).status_code == 409
    hajin = client.get("/api/places/hajin").get_json()
    assert {p["article"] for p in hajin["properties"]["passages"]} == {MORE[0]["id"], SEED}
    assert client.get("/").status_code == 200


def test_the_command_line_takes_a_postgresql_url(tmp_path, pg_url, monkeypatch):
    from click.testing import CliRunner

    from webapp.cli import cli

    lines = tmp_path / "batch.jsonl"
    lines.write_text('{"id": "j1", "title": "One", "text": "In Raqqa.", "published": "2019-03-02"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--db", pg_url, str(lines)])
    assert result.exit_code == 0 and "articles added: 1" in result.output, result.output
    monkeypatch.setenv("CONFLICT_MAP_DB", pg_url)
    result = CliRunner().invoke(cli, ["export", "--format", "csv"])
    assert result.exit_code == 0 and "j1" in result.output, result.output
    s = connect_store(pg_url)
    assert s.count("articles") == 2 and {m.place_slug for m in s.mentions_of("j1")} == {"raqqa"}
    s.close()


def test_concurrent_writers_on_postgresql(pg_url):
    """Several connections write at once: every article stored once, a raced duplicate refused cleanly."""
    from concurrent.futures import ThreadPoolExecutor

    open_store(pg_url).close()
    articles = [article_from_dict({"id": f"c{i}", "title": f"C{i}", "published": "2020-01-02",
                                   "text": f"Shelling hit Hajin and Baghouz, report {i}."}) for i in range(24)]

    def write(batch):
        s = connect_store(pg_url)
        outcome = []
        for a in batch:
            try:
                add_articles(s, [a])
                outcome.append("added")
            except DuplicateArticle:
                outcome.append("duplicate")
        s.close()
        return outcome

    batches = [articles[i::4] + [articles[0]] for i in range(4)]  # everyone also races for c0
    with ThreadPoolExecutor(4) as pool:
        outcomes = sum(pool.map(write, batches), [])
    assert outcomes.count("added") == 24 and outcomes.count("duplicate") == 4
    s = connect_store(pg_url)
    assert s.count("articles") == 25
    assert all(len(s.mentions_of(a.id)) == 2 for a in articles)
    s.close()


def test_same_name_places_written_at_once_keep_their_own_points(db_target, gaz):
    """Two writers link articles naming different places of one name ("Paris" in France and in Texas)
    and write at once: every mention still points at its own place, coordinates and gazetteer id."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from geodata.geo.geometry import anchor
    from geodata.geoparse.parser import ResolvedMention

    open_store(db_target).close()
    names = ["Paris", "Alexandria", "Tripoli", "Damascus"]
    entries = {}  # (name, writer) -> gazetteer entry; the two writers get two countries
    for name in names:
        found = [e for e in gaz.search(name) if e.name == name]
        first = found[0]
        other = next(e for e in found if e.country != first.country)
        entries[name, 0], entries[name, 1] = first, other
    rounds = [(name, n) for n in range(2) for name in names]  # each name twice: first write, then reuse
    barrier = threading.Barrier(2, timeout=30)

    def write(writer):
        s = connect_store(db_target)
        write_now = s.add_article

        def add_article_together(*args, **kwargs):
            barrier.wait()  # both writers have linked (and chosen slugs) before either writes
            return write_now(*args, **kwargs)

        s.add_article = add_article_together
        for name, n in rounds:
            e = entries[name, writer]
            text = f"Shelling was reported in {name} on Monday."
            start = text.index(name)
            spans = [ResolvedMention(start, start + len(name), name, e.name, e.lat, e.lon, "city", 1, 0.9,
                                     e.gid, e.country)]
            add_articles(s, [article_from_dict({"id": f"{name}-{writer}-{n}", "title": name, "text": text,
                                                "published": "2020-01-02"})], geoparse=lambda _t, spans=spans: spans)
        s.close()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(write, [0, 1]))
    s = connect_store(db_target)
    for name, n in rounds:
        for writer in (0, 1):
            e = entries[name, writer]
            [m] = s.mentions_of(f"{name}-{writer}-{n}")
            place = s.place(m.place_slug)
            assert place.gazetteer_id == e.gid, (name, writer, n, place)
            lat, lon = anchor(place)
            assert (round(lat, 4), round(lon, 4)) == (round(e.lat, 4), round(e.lon, 4)), (name, writer, place)
    assert len({s.mentions_of(f"{name}-{w}-0")[0].place_slug for name in names for w in (0, 1)}) == 2 * len(names)
    s.close()
