"""The store: a SQLite file holding articles, places, passages and mentions.

Schema changes are plain SQL scripts in MIGRATIONS, applied in order and counted by
`PRAGMA user_version`, so an old database file is brought up to date on open.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from geodata.events.timeparse import describe, event_time
from geodata.geo.geometry import anchor
from geodata.models import Article, Mention, Passage, Place
from geodata.store.identity import slug_candidates

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'en',
        credit TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE places (
        slug TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        precision INTEGER NOT NULL CHECK (precision IN (1, 2, 3)),
        geometry TEXT NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        source TEXT NOT NULL,
        gazetteer_id TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        name_ar TEXT NOT NULL DEFAULT '',
        country TEXT,
        admin1 TEXT,
        origin TEXT NOT NULL DEFAULT 'curated'
    );
    CREATE INDEX places_lon_lat ON places (lon, lat);
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (article_id, start)
    );
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        place_slug TEXT NOT NULL REFERENCES places (slug),
        passage_id INTEGER NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        method TEXT NOT NULL,
        confidence REAL NOT NULL,
        UNIQUE (article_id, start, "end")
    );
    CREATE INDEX mentions_place ON mentions (place_slug);
    CREATE INDEX mentions_article ON mentions (article_id);
    """,
    # 2: geoparsed places are found again by their gazetteer id
    """
    CREATE INDEX places_gazetteer_id ON places (gazetteer_id);
    """,
    # 3: event time of each passage (geodata.events.timeparse), resolved against the publication date;
    # time_precision 'published' means the text dates nothing and the publication date stands in.
    # time_start/time_end: offsets of the dating words in the article text (NULL when none).
    # Rows stored before this migration are filled by Store.fill_event_times() on open.
    """
    ALTER TABLE passages ADD COLUMN event_start TEXT;
    ALTER TABLE passages ADD COLUMN event_end TEXT;
    ALTER TABLE passages ADD COLUMN time_precision TEXT;
    ALTER TABLE passages ADD COLUMN time_start INTEGER;
    ALTER TABLE passages ADD COLUMN time_end INTEGER;
    CREATE INDEX passages_event ON passages (event_start, event_end);
    """,
    # 4: the map's queries: passages per place without touching the table, places by bbox
    """
    CREATE INDEX mentions_place_passage ON mentions (place_slug, passage_id);
    CREATE INDEX places_lat_lon ON places (lat, lon);
    """,
    # 5: a change counter, bumped by every write to what the map shows, so readers may cache
    """
    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT INTO revision (id, n) VALUES (1, 0);
    CREATE TRIGGER revision_articles_insert AFTER INSERT ON articles BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_articles_delete AFTER DELETE ON articles BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_mentions_insert AFTER INSERT ON mentions BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_mentions_update AFTER UPDATE ON mentions BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_mentions_delete AFTER DELETE ON mentions BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_places_insert AFTER INSERT ON places BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_places_update AFTER UPDATE ON places BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_places_delete AFTER DELETE ON places BEGIN UPDATE revision SET n = n + 1; END;
    CREATE TRIGGER revision_passages_update AFTER UPDATE ON passages BEGIN UPDATE revision SET n = n + 1; END;
    """,
    # 6: the curated places are read by origin (once per ingest batch), and mentions by passage as on PostgreSQL
    """
    CREATE INDEX places_origin ON places (origin);
    CREATE INDEX mentions_passage ON mentions (passage_id);
    """,
]


def event_dict(row: sqlite3.Row, text: str) -> dict[str, Any]:
    """Return a passage row's event time for JSON: range, precision, label and its verbatim dating words."""
    start, end, precision = row["event_start"], row["event_end"], row["time_precision"]
    ts, te = row["time_start"], row["time_end"]
    label = describe(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision) if start else None
    if label and ts is not None and end != start and text[max(0, ts - 6):ts].lower().endswith("since "):
        label = f"since {describe(dt.date.fromisoformat(start), dt.date.fromisoformat(start), precision)}"
    return {"start": start, "end": end, "precision": precision, "label": label, "text_start": ts, "text_end": te,
            "words": text[ts:te] if ts is not None else None}


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into statements; a trigger's BEGIN ... END holds semicolons of its own."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        raise ValueError(f"incomplete SQL statement in a migration: {pending[:60]!r}")


class DuplicateArticle(ValueError):
    """An article with this id is already stored."""


def _place_row(place: Place) -> dict[str, Any]:
    lat, lon = anchor(place)
    # fields by hand: dataclasses.asdict deep-copies the geometry, a third of a bulk ingest's write time
    row = {f.name: getattr(place, f.name) for f in fields(Place)}
    row.update(geometry=json.dumps(place.geometry), aliases=json.dumps(list(place.aliases), ensure_ascii=False), lat=lat, lon=lon)
    return row


def _place(row: sqlite3.Row) -> Place:
    return Place(
        slug=row["slug"],
        name=row["name"],
        kind=row["kind"],
        precision=row["precision"],
        geometry=json.loads(row["geometry"]),
        source=row["source"],
        gazetteer_id=row["gazetteer_id"],
        aliases=tuple(json.loads(row["aliases"])),
        name_ar=row["name_ar"],
        country=row["country"],
        admin1=row["admin1"],
        origin=row["origin"],
    )


class Store:
    """Read and write the map's data in one SQLite database file."""

    IntegrityError = sqlite3.IntegrityError

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            # WAL lets readers go on while a writer commits
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def release(self) -> None:
        """Never leave a transaction open on this connection (called after each web request)."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def schema_version(self) -> int:
        """Return how many of MIGRATIONS this database has seen."""
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        """Apply the migrations this database has not seen yet."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                for statement in _statements(script):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
        self.fill_event_times()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one all-or-nothing write."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writes -------------------------------------------------------------------------

    def _write_places(self, places: Iterable[Place]) -> dict[str, str]:
        """Store places inside the open transaction; return {slug asked for: slug stored under}."""
        return {place.slug: self._settle_place(place) for place in places}

    def _settle_place(self, place: Place) -> str:
        if place.origin == "curated":
            row = _place_row(place)
            updates = ", ".join(f"{k} = excluded.{k}" for k in row if k != "slug")
            # a curated record always wins; a geoparsed one never replaces a curated one
            self.db.execute(
                f"INSERT INTO places ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)}) "
                f"ON CONFLICT (slug) DO UPDATE SET {updates}",
                row,
            )
            return place.slug
        # a geoparsed place is its gazetteer id: the stored one (curated first), else a slug of its own
        found = self.db.execute(
            "SELECT slug FROM places WHERE gazetteer_id = ? ORDER BY origin != 'curated', slug LIMIT 1",
            (place.gazetteer_id,),
        ).fetchone()
        if found:
            return found[0]
        for slug in slug_candidates(place):
            row = _place_row(replace(place, slug=slug))
            inserted = self.db.execute(
                f"INSERT INTO places ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)}) "
                "ON CONFLICT (slug) DO NOTHING",
                row,
            ).rowcount
            if inserted:
                return slug
        raise AssertionError("unreachable: slug_candidates is endless")

    def _write_event_time(self, passage_id: int, article: Article, start: int, end: int) -> None:
        when = event_time(article.text[start:end], article.published, offset=start)
        self.db.execute(
            "UPDATE passages SET event_start = ?, event_end = ?, time_precision = ?, time_start = ?, time_end = ? "
            "WHERE id = ?",
            (when.start.isoformat(), when.end.isoformat(), when.precision, when.text_start, when.text_end, passage_id),
        )

    def fill_event_times(self) -> None:
        """Resolve the event time of passages stored without one (rows older than migration 3)."""
        rows = self.db.execute(
            'SELECT ps.id, ps.start, ps."end", a.id AS article_id FROM passages ps JOIN articles a ON a.id = ps.article_id '
            "WHERE ps.time_precision IS NULL"
        ).fetchall()
        if not rows:
            return
        with self.transaction():
            articles: dict[str, Article] = {}
            for r in rows:
                article = articles.get(r["article_id"]) or self.article(r["article_id"])
                articles[r["article_id"]] = article
                self._write_event_time(r["id"], article, r["start"], r["end"])

    def save_places(self, places: Iterable[Place]) -> None:
        """Insert or update places in one transaction."""
        with self.transaction():
            self._write_places(places)

    def add_article(
        self, article: Article, passages: list[Passage], mentions: list[Mention], places: Iterable[Place] = ()
    ) -> None:
        """Store an article with its passages, mentions and any new places, all or nothing."""
        with self.transaction():
            if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                raise DuplicateArticle(f"an article with id {article.id!r} is already stored")
            self.db.execute(
                "INSERT INTO articles (id, title, text, published, source, url, language, credit) "
                "VALUES (:id, :title, :text, :published, :source, :url, :language, :credit)",
                asdict(article),
            )
            slugs = self._write_places(places)
            passage_ids = {}
            for p in passages:
                cur = self.db.execute(
                    'INSERT INTO passages (article_id, start, "end") VALUES (?, ?, ?)', (article.id, p.start, p.end)
                )
                passage_ids[p] = cur.lastrowid
                self._write_event_time(cur.lastrowid, article, p.start, p.end)
            for m in mentions:
                passage = next(p for p in passages if p.start <= m.start and m.end <= p.end)
                self.db.execute(
                    'INSERT INTO mentions (article_id, place_slug, passage_id, start, "end", method, confidence) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (article.id, slugs.get(m.place_slug, m.place_slug), passage_ids[passage], m.start, m.end,
                     m.method, m.confidence),
                )

    def replace_mentions(self, mention: Mention, new_place: Place | None = None) -> Mention:
        """Put a mention in place of every mention its span overlaps, in one transaction; return it as stored."""
        with self.transaction():
            if new_place is not None:
                mention = replace(mention, place_slug=self._write_places([new_place]).get(mention.place_slug,
                                                                                            mention.place_slug))
            passage = self.db.execute(
                'SELECT id FROM passages WHERE article_id = ? AND start <= ? AND "end" >= ?',
                (mention.article_id, mention.start, mention.end),
            ).fetchone()
            if passage is None:
                raise ValueError("the span lies outside every passage of the article")
            self.db.execute(
                'DELETE FROM mentions WHERE article_id = ? AND start < ? AND "end" > ?',
                (mention.article_id, mention.end, mention.start),
            )
            self.db.execute(
                'INSERT INTO mentions (article_id, place_slug, passage_id, start, "end", method, confidence) '
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (mention.article_id, mention.place_slug, passage["id"], mention.start, mention.end,
                 mention.method, mention.confidence),
            )
        return mention

    # --- reads --------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def count(self, table: str) -> int:
        """Return the number of rows of one of the store's tables."""
        if table not in ("articles", "places", "passages", "mentions"):
            raise ValueError(f"no table {table!r}")
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def places(
        self, *, bbox: tuple[float, float, float, float] | None = None, article: str | None = None
    ) -> list[tuple[Place, int]]:
        """Return the places that have mentions, with how many passages name each, filtered by bbox or article."""
        where, args = ["1 = 1"], []
        if bbox:
            where.append("p.lon BETWEEN ? AND ? AND p.lat BETWEEN ? AND ?")
            args += [bbox[0], bbox[2], bbox[1], bbox[3]]
        if not article:
            # places first (by the lon/lat index), then their passage counts from the covering index
            rows = self.db.execute(
                "SELECT p.*, (SELECT count(DISTINCT m.passage_id) FROM mentions m WHERE m.place_slug = p.slug) "
                f"AS passages FROM places p WHERE {' AND '.join(where)} "
                "AND EXISTS (SELECT 1 FROM mentions m WHERE m.place_slug = p.slug) ORDER BY p.precision, p.name",
                args,
            ).fetchall()
            return [(_place(r), r["passages"]) for r in rows]
        if article:
            where.append("m.article_id = ?")
            args.append(article)
        rows = self.db.execute(
            "SELECT p.*, count(DISTINCT m.passage_id) AS passages FROM places p "
            f"JOIN mentions m ON m.place_slug = p.slug WHERE {' AND '.join(where)} "
            "GROUP BY p.slug ORDER BY p.precision, p.name",
            args,
        ).fetchall()
        return [(_place(r), r["passages"]) for r in rows]

    def revision(self) -> int:
        """Return a number that changes whenever articles, passages, mentions or places change."""
        return self.db.execute("SELECT n FROM revision WHERE id = 1").fetchone()[0]

    def marker_rows(self) -> list[tuple]:
        """Return every mentioned place as a lean row for the map: (slug, name, kind, precision, lon, lat,
        geometry JSON or None for points, passages naming it), one pass over the covering index."""
        return self.db.execute(
            "SELECT p.slug, p.name, p.kind, p.precision, p.lon, p.lat, "
            "CASE WHEN json_extract(p.geometry, '$.type') = 'Point' THEN NULL ELSE p.geometry END, c.n "
            "FROM (SELECT place_slug, count(DISTINCT passage_id) AS n FROM mentions GROUP BY place_slug) c "
            "JOIN places p ON p.slug = c.place_slug ORDER BY p.precision, p.name"
        ).fetchall()

    def all_places(self) -> list[Place]:
        """Return every stored place, mentioned or not."""
        return [_place(r) for r in self.db.execute("SELECT * FROM places ORDER BY slug")]

    def place_by_gazetteer_id(self, gazetteer_id: str) -> Place | None:
        """Return the stored place with this gazetteer id, curated first."""
        row = self.db.execute(
            "SELECT * FROM places WHERE gazetteer_id = ? ORDER BY origin != 'curated' LIMIT 1", (gazetteer_id,)
        ).fetchone()
        return _place(row) if row else None

    def curated_places(self) -> list[Place]:
        """Return the curated places (the ones matched by alias before the geoparser runs)."""
        return [_place(r) for r in self.db.execute("SELECT * FROM places WHERE origin = 'curated' ORDER BY slug")]

    def place(self, slug: str) -> Place | None:
        """Return one place by slug."""
        row = self.db.execute("SELECT * FROM places WHERE slug = ?", (slug,)).fetchone()
        return _place(row) if row else None

    def passages_of(self, slug: str) -> list[dict[str, Any]]:
        """Return the passages that name a place, verbatim, with their article and the mention spans inside them."""
        rows = self.db.execute(
            'SELECT ps.id, ps.article_id, ps.start, ps."end", a.title, a.published, a.text, '
            "ps.event_start, ps.event_end, ps.time_precision, ps.time_start, ps.time_end, "
            "json_group_array(json_array(m.start, m.\"end\")) AS spans "
            "FROM mentions m JOIN passages ps ON ps.id = m.passage_id JOIN articles a ON a.id = ps.article_id "
            "WHERE m.place_slug = ? GROUP BY ps.id ORDER BY a.published DESC, a.id, ps.start",
            (slug,),
        ).fetchall()
        return [
            {
                "article": r["article_id"],
                "title": r["title"],
                "published": r["published"],
                "start": r["start"],
                "end": r["end"],
                "text": r["text"][r["start"] : r["end"]],
                "mentions": sorted(json.loads(r["spans"])),
                "event": event_dict(r, r["text"]),
            }
            for r in rows
        ]

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Return every article's metadata (or the `limit` newest) with its number of distinct places, newest first."""
        rows = self.db.execute(
            "SELECT a.id, a.title, a.published, a.source, a.url, a.language, a.credit, "
            "(SELECT count(DISTINCT m.place_slug) FROM mentions m WHERE m.article_id = a.id) AS places "
            "FROM articles a ORDER BY a.published DESC, a.id LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        return [dict(r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        """Return one article by id."""
        row = self.db.execute(
            "SELECT id, title, text, published, source, url, language, credit FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return Article(**dict(row)) if row else None

    def mentions_of(self, article_id: str) -> list[Mention]:
        """Return the mentions of one article in text order."""
        rows = self.db.execute(
            'SELECT place_slug, start, "end", method, confidence FROM mentions WHERE article_id = ? ORDER BY start',
            (article_id,),
        ).fetchall()
        return [Mention(article_id, r["place_slug"], r["start"], r["end"], r["method"], r["confidence"]) for r in rows]

    def article_passages(self, article_id: str) -> list[dict[str, Any]]:
        """Return one article's passages in text order, verbatim, each with its event time."""
        article = self.article(article_id)
        if article is None:
            return []
        rows = self.db.execute(
            'SELECT start, "end", event_start, event_end, time_precision, time_start, time_end FROM passages '
            "WHERE article_id = ? ORDER BY start",
            (article_id,),
        ).fetchall()
        return [
            {"start": r["start"], "end": r["end"], "text": article.text[r["start"] : r["end"]],
             "event": event_dict(r, article.text)}
            for r in rows
        ]
