"""The store: articles, passages, mentions, places and readers' rules, in SQLite or PostgreSQL.

One class over both databases (SQLAlchemy Core, tables in geodata/store/tables.py, migrations in
geodata/store/migrations/ applied on open); what differs between them is set up in engine.py.
The store persists what the domain computed (event times, marker points, roles, events) and
computes nothing itself. Every method takes a connection from the pool and gives it back, so one
Store serves every thread of the web app.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, and_, bindparam, delete, distinct, exists, func, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite

from geodata.events.timeparse import EventTime
from geodata.models import Article, Mention, Passage, Place, Rule
from geodata.store import rows as r
from geodata.store.engine import REVISION, WRITE, current_revision, make_engine, migrate
from geodata.store.identity import slug_candidates
from geodata.store.tables import TABLES, articles, mentions, passages, places, rules

T = TypeVar("T")
_IN_CHUNK = 500  # values per IN (...) list, well under SQLite's bound-parameter limit
_RETRIES = 5  # PostgreSQL: a deadlock or serialization failure between writers is tried again


class DuplicateArticle(ValueError):
    """An article with this id is already stored."""


class Store:
    """Read and write the map's data in one SQLite file or PostgreSQL database."""

    IntegrityError = sa_exc.IntegrityError

    def __init__(self, target: str | Path, *, timeout: float = 30.0) -> None:
        self.path = str(target)  # what the web app opened, as given
        self.engine = make_engine(self.path, timeout=timeout)
        self.dialect = self.engine.dialect.name
        self._insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        self.migrate()

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def release(self) -> None:
        """Kept for callers of the thread-local stores: pooled connections are reset as they are returned."""

    def schema_version(self) -> str | None:
        """Return the Alembic revision this database is at."""
        with self.engine.connect() as c:
            return current_revision(c)

    def migrate(self) -> None:
        """Apply the migrations this database has not seen yet."""
        migrate(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Run a block as one all-or-nothing write on a connection of its own."""
        with self.engine.connect() as c:
            c.execution_options(**{WRITE: True})
            with c.begin():
                yield c

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run work(connection) in one transaction; on PostgreSQL, again if it lost a deadlock."""
        for attempt in range(_RETRIES):
            try:
                with self.transaction() as c:
                    return work(c)
            except sa_exc.OperationalError as e:
                code = getattr(e.orig, "sqlstate", None)
                if code not in ("40P01", "40001") or attempt == _RETRIES - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    # --- places: identity by gazetteer id, settled inside the write ------------------------------

    def _write_places(self, c: Connection, new: Iterable[Place]) -> dict[str, str]:
        """Store places on an open write; return {slug asked for: slug stored under}."""
        # in slug order: concurrent PostgreSQL writers then lock rows in one order and cannot deadlock
        new = sorted(new, key=lambda p: p.slug)
        slugs = {p.slug: self._write_curated(c, p) for p in new if p.origin == "curated"}
        geoparsed = [p for p in new if p.origin != "curated"]
        if not geoparsed:
            return slugs
        # a geoparsed place is its gazetteer id: the stored one if any (curated first)
        stored: dict[str, str] = {}
        for gid, slug, _ in c.execute(
            select(places.c.gazetteer_id, places.c.slug, places.c.origin)
            .where(places.c.gazetteer_id.in_({p.gazetteer_id for p in geoparsed}))
            .order_by(places.c.origin != "curated", places.c.slug)
        ):
            stored.setdefault(gid, slug)
        fresh = [p for p in geoparsed if p.gazetteer_id not in stored]
        inserted = set()
        if fresh:
            inserted = set(c.execute(self._insert(places).on_conflict_do_nothing().returning(places.c.slug),
                                     [r.place_row(p) for p in fresh]).scalars())
        for p in geoparsed:
            if p.gazetteer_id in stored:
                slugs[p.slug] = stored[p.gazetteer_id]
            else:
                slugs[p.slug] = p.slug if p.slug in inserted else self._settle_slug(c, p)
                stored[p.gazetteer_id] = slugs[p.slug]
        return slugs

    def _settle_slug(self, c: Connection, place: Place) -> str:
        """Find the slug of a place whose slug is taken: its own if a concurrent writer stored it, else a free one."""
        for slug in slug_candidates(place):
            holder = c.execute(select(places.c.gazetteer_id).where(places.c.slug == slug)).scalar()
            if holder == place.gazetteer_id:
                return slug
            if holder is None and c.execute(self._insert(places).values(r.place_row(replace(place, slug=slug)))
                                            .on_conflict_do_nothing().returning(places.c.slug)).first():
                return slug
        raise AssertionError("unreachable: slug_candidates is endless")

    def _write_curated(self, c: Connection, place: Place) -> str:
        """Upsert a curated record by its slug; a geoparsed place holding that slug moves to a slug of its own."""
        held = c.execute(select(places).where(places.c.slug == place.slug)).first()
        if held is not None and held.origin != "curated" and held.gazetteer_id != place.gazetteer_id:
            moved = self._settle_slug(c, replace(r.place_of(held), slug=f"{held.slug}-{held.country or 'x'}".lower()))
            c.execute(update(mentions).where(mentions.c.place_slug == place.slug).values(place_slug=moved))
            c.execute(update(rules).where(rules.c.place_slug == place.slug).values(place_slug=moved))
        row = r.place_row(place)
        c.execute(self._insert(places).values(row).on_conflict_do_update(
            index_elements=["slug"], set_={k: v for k, v in row.items() if k != "slug"}))
        return place.slug

    # --- writes -------------------------------------------------------------------------

    def save_places(self, new: Iterable[Place]) -> None:
        """Insert places in one transaction: curated records by slug, geoparsed ones by gazetteer id."""
        new = list(new)
        self._write(lambda c: self._write_places(c, new))

    def add_article(
        self, article: Article, passages_: list[Passage], mentions_: list[Mention], places_: Iterable[Place] = ()
    ) -> dict[str, str]:
        """Store an article with its passages, mentions and any new places, all or nothing; return
        {slug asked for: slug stored under} of the new places (a place already stored by its gazetteer id,
        or a slug another place holds, changes the slug)."""
        places_ = list(places_)
        return self._write(lambda c: self._add_article(c, article, passages_, mentions_, places_))

    def _add_article(self, c: Connection, article: Article, passages_: list[Passage], mentions_: list[Mention],
                     places_: list[Place]) -> dict[str, str]:
        row = {k: getattr(article, k) for k in ("id", "title", "text", "published", "source", "url", "language",
                                                 "credit")}
        # RETURNING rather than rowcount, which drivers need not report for an INSERT
        if c.execute(self._insert(articles).values(row).on_conflict_do_nothing(index_elements=["id"])
                     .returning(articles.c.id)).first() is None:
            raise DuplicateArticle(f"an article with id {article.id!r} is already stored")
        slugs = self._write_places(c, places_)
        spans = sorted(passages_, key=lambda p: p.start)
        ids: dict[int, int] = {}
        if spans:
            ids = {start: pid for start, pid in c.execute(passages.insert().returning(passages.c.start, passages.c.id),
                                                          [r.passage_row(article.id, p) for p in spans])}
        starts = [p.start for p in spans]
        rows = []
        for m in mentions_:
            i = bisect.bisect_right(starts, m.start) - 1  # the passage that starts last at or before it
            if i < 0 or m.end > spans[i].end:
                raise ValueError(f"the mention at {m.start}:{m.end} lies outside every passage")
            rows.append(r.mention_row(m, ids[spans[i].start], slugs.get(m.place_slug, m.place_slug)))
        if rows:
            c.execute(mentions.insert(), rows)
        return slugs

    def replace_mentions(self, mention: Mention, new_place: Place | None = None, *, rule: Rule | None = None) -> Mention:
        """Put a mention in place of every mention its span overlaps, with the rule it makes (for the place the
        mention names), in one transaction; return the mention as stored (its place's slug, its rule's id)."""
        return self._write(lambda c: self._replace_mentions(c, mention, new_place, rule))

    def _replace_mentions(self, c: Connection, mention: Mention, new_place: Place | None, rule: Rule | None) -> Mention:
        if new_place is not None:
            mention = replace(mention, place_slug=self._write_places(c, [new_place]).get(
                mention.place_slug, mention.place_slug))
        passage = self._clear_span(c, mention.article_id, mention.start, mention.end)
        if rule is not None:
            mention = replace(mention, rule_id=self._add_rule(c, replace(rule, place_slug=mention.place_slug)))
        c.execute(mentions.insert().values(r.mention_row(mention, passage, mention.place_slug)))
        return mention

    def remove_mentions(self, article_id: str, start: int, end: int, *, rule: Rule | None = None) -> None:
        """Remove every mention a span overlaps ("not a place"), with the rule it makes, in one transaction."""
        def work(c: Connection) -> None:
            self._clear_span(c, article_id, start, end)
            if rule is not None:
                self._add_rule(c, rule)

        self._write(work)

    def _clear_span(self, c: Connection, article_id: str, start: int, end: int) -> int:
        """Delete the mentions overlapping a span; return the id of the passage that holds it."""
        passage = c.execute(select(passages.c.id).where(
            passages.c.article_id == article_id, passages.c.start <= start, passages.c.end >= end)).scalar()
        if passage is None:
            raise ValueError("the span lies outside every passage of the article")
        c.execute(delete(mentions).where(mentions.c.article_id == article_id, mentions.c.start < end,
                                         mentions.c.end > start))
        return passage

    def passages_without_time(self) -> list[tuple[int, str, int, int]]:
        """Return (id, article id, start, end) of passages stored without an event time of the current kind."""
        with self.engine.connect() as c:
            return [tuple(row) for row in c.execute(
                select(passages.c.id, passages.c.article_id, passages.c.start, passages.c.end)
                .where((passages.c.time_precision.is_(None)) | (passages.c.time_since.is_(None)))
                .order_by(passages.c.id))]

    def set_event_times(self, times: dict[int, EventTime]) -> None:
        """Store the event times the domain computed for passages, by passage id, in one transaction."""
        if not times:
            return
        values = [{"pid": pid, **{k: v for k, v in r.passage_row("", Passage("", 0, 0, t)).items()
                                  if k.startswith(("event_", "time_"))}} for pid, t in times.items()]
        statement = update(passages).where(passages.c.id == bindparam("pid"))
        self._write(lambda c: c.execute(statement, values))

    def set_apart(self, article_id: str, start: int, apart: bool) -> bool:
        """Keep a passage out of (or let it back into) reported events; return whether the passage exists."""
        statement = update(passages).where((passages.c.article_id == article_id) & (passages.c.start == start))
        return bool(self._write(lambda c: c.execute(statement.values(apart=apart)).rowcount))

    # --- readers' rules -------------------------------------------------------------------

    def add_rule(self, rule: Rule) -> Rule:
        """Store a rule (replacing the rule for the same name and country); return it with its id."""
        return replace(rule, id=self._write(lambda c: self._add_rule(c, rule)))

    def _add_rule(self, c: Connection, rule: Rule) -> int:
        row = r.rule_row(rule)
        return c.execute(self._insert(rules).values(row).on_conflict_do_update(
            index_elements=["name_key", "country"], set_={k: v for k, v in row.items() if k not in ("name_key", "country")}
        ).returning(rules.c.id)).scalar_one()

    def rules(self) -> list[Rule]:
        """Return every rule, oldest first."""
        with self.engine.connect() as c:
            return [r.rule_of(row) for row in c.execute(select(rules).order_by(rules.c.id))]

    def remove_rule(self, rule_id: int) -> bool:
        """Remove a rule (mentions it placed keep their place and forget the rule); return whether it existed."""
        if not 0 < rule_id < 2**63:  # no such id in a 64-bit key, and no driver overflow
            return False
        return bool(self._write(lambda c: c.execute(delete(rules).where(rules.c.id == rule_id)).rowcount))

    # --- reads --------------------------------------------------------------------------

    def _all(self, statement) -> list[Any]:
        with self.engine.connect() as c:
            return c.execute(statement).all()

    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Return which of these article ids are stored (one query per 500 ids)."""
        ids = sorted(set(article_ids))
        return {row[0] for i in range(0, len(ids), _IN_CHUNK)
                for row in self._all(select(articles.c.id).where(articles.c.id.in_(ids[i:i + _IN_CHUNK])))}

    def article_texts(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Return {id: text} of these stored articles (one query per 500 ids)."""
        ids = sorted(set(article_ids))
        return {aid: text for i in range(0, len(ids), _IN_CHUNK)
                for aid, text in self._all(select(articles.c.id, articles.c.text)
                                           .where(articles.c.id.in_(ids[i:i + _IN_CHUNK])))}

    def has_article(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        return bool(self._all(select(1).where(articles.c.id == article_id)))

    def count(self, table: str) -> int:
        """Return the number of rows of one of the store's tables."""
        if table not in TABLES:
            raise ValueError(f"no table {table!r}")
        return self._all(select(func.count()).select_from(places.metadata.tables[table]))[0][0]

    def places(
        self, *, bbox: tuple[float, float, float, float] | None = None, article: str | None = None
    ) -> list[tuple[Place, int]]:
        """Return the places that have mentions, with how many passages name each, filtered by bbox or article."""
        named = mentions.c.place_slug == places.c.slug
        if article:
            named = and_(named, mentions.c.article_id == article)
        n = select(func.count(distinct(mentions.c.passage_id))).where(named).scalar_subquery()
        q = select(places, n.label("passages")).where(exists().where(named))
        if bbox:
            q = q.where(places.c.lon.between(bbox[0], bbox[2]), places.c.lat.between(bbox[1], bbox[3]))
        rows = self._all(q.order_by(places.c.precision, places.c.name, places.c.slug))
        return [(r.place_of(row), row.passages) for row in rows]

    def event_place_slugs(self) -> set[str]:
        """Return the slugs of the places that at least one event mention names (the map's ?role=event)."""
        return {row.place_slug for row in self._all(
            select(mentions.c.place_slug).distinct().where(mentions.c.role == "event"))}

    def revision(self) -> int:
        """Return a number that changes whenever articles, passages, mentions or places change."""
        return self._all(REVISION[self.dialect])[0][0]

    def marker_rows(self) -> list[tuple]:
        """Return every mentioned place as a lean row for the map: (slug, name, kind, precision, lon, lat,
        geometry JSON or None for points, passages naming it)."""
        n = select(mentions.c.place_slug, func.count(distinct(mentions.c.passage_id)).label("n")) \
            .group_by(mentions.c.place_slug).subquery()
        rows = self._all(
            select(places.c.slug, places.c.name, places.c.kind, places.c.precision, places.c.lon, places.c.lat,
                   places.c.geometry, n.c.n).join_from(n, places, places.c.slug == n.c.place_slug)
            .order_by(places.c.precision, places.c.name, places.c.slug))
        return [(s, name, k, p, lon, lat, r.marker_geometry(g), count) for s, name, k, p, lon, lat, g, count in rows]

    def all_places(self) -> list[Place]:
        """Return every stored place, mentioned or not."""
        return [r.place_of(row) for row in self._all(select(places).order_by(places.c.slug))]

    def place_by_gazetteer_id(self, gazetteer_id: str) -> Place | None:
        """Return the stored place with this gazetteer id, curated first."""
        rows = self._all(select(places).where(places.c.gazetteer_id == gazetteer_id)
                         .order_by(places.c.origin != "curated", places.c.slug).limit(1))
        return r.place_of(rows[0]) if rows else None

    def curated_places(self) -> list[Place]:
        """Return the curated places (the ones matched by alias before the geoparser runs), by the origin index."""
        return [r.place_of(row) for row in self._all(select(places).where(places.c.origin == "curated")
                                                     .order_by(places.c.slug))]

    def place(self, slug: str) -> Place | None:
        """Return one place by slug."""
        rows = self._all(select(places).where(places.c.slug == slug))
        return r.place_of(rows[0]) if rows else None

    def _passage_columns(self) -> list[Any]:
        text = articles.c.text
        return [passages.c.id, passages.c.article_id, passages.c.start, passages.c.end,
                # only the passage's slice of the article leaves the database, never the whole text
                func.substr(text, passages.c.start + 1, passages.c.end - passages.c.start).label("text"),
                func.substr(text, passages.c.time_start + 1, passages.c.time_end - passages.c.time_start).label("words"),
                passages.c.event_start, passages.c.event_end, passages.c.time_precision, passages.c.time_start,
                passages.c.time_end, passages.c.time_since, passages.c.event, passages.c.apart]

    def passages_of(self, slug: str) -> list[dict[str, Any]]:
        """Return the passages that name a place, verbatim, with their article and the mentions inside them."""
        named = select(mentions.c.passage_id).where(mentions.c.place_slug == slug)
        rows = self._all(
            select(*self._passage_columns(), articles.c.title, articles.c.published)
            .join_from(passages, articles, articles.c.id == passages.c.article_id)
            .where(passages.c.id.in_(named))
            .order_by(articles.c.published.desc(), articles.c.id, passages.c.start))
        inside: dict[int, list[Any]] = {}
        for m in self._all(select(mentions).where(mentions.c.place_slug == slug)
                           .order_by(mentions.c.passage_id, mentions.c.start, mentions.c.end)):
            inside.setdefault(m.passage_id, []).append(m)
        return [
            {"article": p.article_id, "title": p.title, "published": p.published, "start": p.start, "end": p.end,
             "text": p.text, "mentions": [[m.start, m.end] for m in inside[p.id]],
             "mention_details": [r.mention_detail(m) for m in inside[p.id]],
             "event": r.event_dict(p), "incident": p.event, "apart": bool(p.apart)}
            for p in rows
        ]

    def articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Return every article's metadata (or the `limit` newest) with its number of distinct places, newest first."""
        n = select(func.count(distinct(mentions.c.place_slug))).where(mentions.c.article_id == articles.c.id)
        q = select(articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.url,
                   articles.c.language, articles.c.credit, n.scalar_subquery().label("places")) \
            .order_by(articles.c.published.desc(), articles.c.id).limit(limit)
        return [dict(row._mapping) for row in self._all(q)]

    def article(self, article_id: str) -> Article | None:
        """Return one article by id."""
        rows = self._all(select(articles.c.id, articles.c.title, articles.c.text, articles.c.published,
                                articles.c.source, articles.c.url, articles.c.language, articles.c.credit)
                         .where(articles.c.id == article_id))
        return Article(**rows[0]._mapping) if rows else None

    def mentions_of(self, article_id: str) -> list[Mention]:
        """Return the mentions of one article in text order."""
        return [r.mention_of(row) for row in self._all(
            select(mentions).where(mentions.c.article_id == article_id).order_by(mentions.c.start, mentions.c.end))]

    def article_passages(self, article_id: str) -> list[dict[str, Any]]:
        """Return one article's passages in text order, verbatim, each with its event time and event."""
        rows = self._all(select(*self._passage_columns())
                         .join_from(passages, articles, articles.c.id == passages.c.article_id)
                         .where(passages.c.article_id == article_id).order_by(passages.c.start))
        return [{"start": p.start, "end": p.end, "text": p.text, "event": r.event_dict(p), "incident": p.event}
                for p in rows]
