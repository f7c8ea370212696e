"""The plain-Python API the web app and the command line use: open the store, load articles, read places."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geodata import DATA_DIR
from geodata.articles import SEEDS_DIR, read_articles, seed_files
from geodata.geo.geometry import bounds, nearest
from geodata.geo.regions import area_of, context_layers, locate
from geodata.linking import Geoparse, Linked, link_article, passage_time
from geodata.models import Article, Passage, Place, Rule
from geodata.placeindex import place_index
from geodata.places import load_curated
from geodata.store import DuplicateArticle, Store


def default_geoparse() -> Geoparse:
    """Return the offline geoparser (its gazetteer index is built on first use, then opened in milliseconds)."""
    from geodata.geoparse.parser import geoparse

    return geoparse


def connect_store(target: str | Path) -> Store:
    """Open the store named by a SQLite file path or a postgresql:// URL and bring its schema up to date."""
    store = Store(target)
    fill_event_times(store)
    return store


def fill_event_times(store: Store) -> None:
    """Compute the event time of passages stored without one (rows from before the store kept "since")."""
    missing = store.passages_without_time()
    texts: dict[str, Article | None] = {}
    times = {}
    for pid, article_id, start, end in missing:
        article = texts[article_id] = texts.get(article_id) or store.article(article_id)
        times[pid] = passage_time(article, Passage(article_id, start, end))
    store.set_event_times(times)


def open_store(path: str | Path, *, seeds_dir: Path | None = SEEDS_DIR, geoparse: Geoparse | None = None) -> Store:
    """Open the store (a SQLite file path or a postgresql:// URL), bring its schema up to date,
    and fill it from seeds/ when it holds no article yet."""
    store = connect_store(path)
    if store.count("articles") == 0:
        store.save_places(load_curated())
        if seeds_dir is not None:
            for path_ in seed_files(seeds_dir):
                add_articles(store, read_articles(path_), geoparse=geoparse)
    return store


def add_articles(
    store: Store, articles: Iterable[Article], *, geoparse: Geoparse | None = None, curated: list[Place] | None = None,
    rules: list[Rule] | None = None,
) -> list[str]:
    """Link each article to readers' rules, curated places and geoparsed ones and store it; each article is
    written all or nothing.

    curated, rules: the store's curated places and rules when the caller already read them (a bulk ingest
    reads them once per batch, not once per article).
    """
    parse = geoparse or default_geoparse()
    curated = store.curated_places() if curated is None else curated
    rules = store.rules() if rules is None else rules
    added = []
    for article in articles:
        if store.has_article(article.id):  # checked again inside the write; this just skips the linking
            raise DuplicateArticle(f"an article with id {article.id!r} is already stored")
        store_linked(store, article, link_article(article, curated, geoparse=parse, rules=rules))
        added.append(article.id)
    return added


def store_linked(store: Store, article: Article, linked: Linked) -> set[str]:
    """Write a linked article all or nothing; return the slugs of the places it names, as stored."""
    slugs = store.add_article(article, linked.passages, linked.mentions, linked.new_places)
    return {slugs.get(m.place_slug, m.place_slug) for m in linked.mentions}


def load_files(store: Store, paths: Iterable[Path]) -> list[str]:
    """Read article files (txt, md, jsonl) and store their articles."""
    added: list[str] = []
    for path in paths:
        added += add_articles(store, read_articles(Path(path)))
    return added


def place_feature(place: Place, passage_count: int | None = None) -> dict[str, Any]:
    """Return a place as a GeoJSON Feature (id = slug) with its provenance."""
    lat, lon = place.anchor
    props: dict[str, Any] = {
        "name": place.name,
        "name_ar": place.name_ar,
        "aliases": list(place.aliases),
        "kind": place.kind,
        "precision": place.precision,
        "source": place.source,
        "gazetteer_id": place.gazetteer_id,
        "origin": place.origin,
        "country": place.country,
        "admin1": place.admin1,
        "marker": [round(lon, 6), round(lat, 6)],
        # where it lies, computed by containment (geodata.geo.regions), and the area a region-level place stands for
        "region": locate(place),
        "area": area_of(place),
    }
    if passage_count is not None:
        props["passage_count"] = passage_count
    return {"type": "Feature", "id": place.slug, "geometry": place.geometry, "properties": props}


def places_collection(
    store: Store, *, bbox: tuple[float, float, float, float] | None = None, article: str | None = None
) -> dict[str, Any]:
    """Return every mapped place (in a bbox, or of one article) as one GeoJSON FeatureCollection, unpaged."""
    rows = store.places(bbox=bbox, article=article)
    return {"type": "FeatureCollection", "features": [place_feature(p, n) for p, n in rows]}


def place_detail(store: Store, slug: str, *, others: list[Place] | None = None) -> dict[str, Any] | None:
    """Return one place as a Feature with its verbatim passages and its nearest mapped neighbours.

    The neighbours are the nearest of `others`, or, by default, of every mapped place (from the
    revision's spatial index: no scan)."""
    place = store.place(slug)
    if place is None:
        return None
    passages = [api_passage(p, slug) for p in store.passages_of(slug)]
    from geodata.events.corroborate import reported_events  # corroborate reads the place index, which imports us

    for p in passages:
        p["reported"] = None
    reported = reported_events(store, place, passages)
    for p in passages:
        p["reported"] = reported.get((p["article"], p["start"]))
    feature = place_feature(place, len(passages))
    feature["properties"]["passages"] = passages
    if others is None:
        feature["properties"]["nearest"] = place_index(store).nearest(place)
    else:
        feature["properties"]["nearest"] = nearest(place, others)
    return feature


def api_passage(stored: dict[str, Any], slug: str) -> dict[str, Any]:
    """Return a stored passage as the API gives it: `time` (when), `event` (what, or None) and its mentions
    of the place with their role and the cue words that decided it."""
    details = stored.get("mention_details") or [{"start": s, "end": e} for s, e in stored["mentions"]]
    return {
        "article": stored["article"], "title": stored["title"], "published": stored["published"],
        "start": stored["start"], "end": stored["end"], "text": stored["text"],
        "mentions": [{**m, "place": slug} for m in details],
        "time": stored.get("event"), "event": stored.get("incident"), "apart": stored.get("apart", False),
    }


# Up to this many places the page carries every passage; beyond it, a compact list of markers
# whose passages the page fetches from /api/places/<slug> when a popup opens.
FULL_MAP_LIMIT = 300


def map_data(store: Store, *, article: str | None = None, full_limit: int | None = None) -> dict[str, Any]:
    """Return everything the map page draws and the initial bounds.

    With at most full_limit places (no limit: None, as the offline export needs): GeoJSON features with
    their passages and neighbours. Beyond, only the first view's box, the rivers' lines and the place
    count: the page asks /api/clusters for what each view shows, and a place's passages when its popup opens.
    """
    if article is None:
        index = place_index(store)
        if full_limit is not None and len(index) > full_limit:
            from geodata.clusters import first_view

            # the page fetches its view's clusters and markers from /api/clusters (geodata.clusters)
            return {"type": "FeatureCollection", "features": [], "complete": False, **first_view(index)}
    mentioned = [p for p, _ in store.places(article=article)]
    # the whole map's neighbours come from the revision's index; one article's from its own few places
    others = None if article is None else mentioned
    features = [place_detail(store, p.slug, others=others) for p in mentioned]
    return {
        "type": "FeatureCollection",
        "features": features,
        "complete": True,
        "bbox": bounds([p for p in mentioned if p.precision < 3] or mentioned),
    }


def most_quoted_places(store: Store, n: int) -> list[list[Any]]:
    """Return compact marker rows of the n places named by the most passages (a large map's side list)."""
    from geodata.clusters import most_quoted

    return most_quoted(place_index(store), n)


def map_view(store: Store, bbox: tuple[float, float, float, float], zoom: int) -> dict[str, Any]:
    """Return what one view of the map shows at a zoom: clusters, and the markers that stand alone."""
    from geodata.clusters import view

    return {"revision": store.revision(), **view(place_index(store), bbox, zoom)}


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return an article with its text and its mentions (span, place slug, how it was resolved)."""
    article = store.article(article_id)
    if article is None:
        return None
    mentions = store.mentions_of(article_id)
    return {
        **article.metadata(),
        "text": article.text,
        "mentions": [
            {"start": m.start, "end": m.end, "text": article.text[m.start : m.end], "place": m.place_slug,
             "method": m.method, "confidence": m.confidence, "role": m.role, "role_cues": [list(c) for c in m.role_cues],
             "candidates": list(m.candidates), "rule": m.rule_id}
            for m in mentions
        ],
        "places": sorted({m.place_slug for m in mentions}),
    }


BASEMAP = DATA_DIR / "basemap.json"


def basemap_bytes() -> bytes:
    """Return the built-in vector basemap (Natural Earth countries and rivers) as JSON bytes."""
    return BASEMAP.read_bytes()


def compact_basemap_bytes() -> bytes:
    """Return the same basemap with its coordinates as encoded polylines (about a quarter of the size)."""
    from geodata.geo.polyline import compact_basemap

    return compact_basemap(BASEMAP)


def regions_layers() -> dict[str, Any]:
    """Return the context layers (admin-1 regions, the Syria–Iraq border) as GeoJSON."""
    return context_layers()
