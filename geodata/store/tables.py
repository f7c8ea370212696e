"""The store's tables, defined once for SQLite and PostgreSQL (SQLAlchemy Core).

The migrations in geodata/store/migrations/ build exactly these tables on either database;
tests/geodata/test_backends.py checks both against this file: columns, types, indexes, constraints.
Text that is sorted on is compared by code point on both ("C" collation on PostgreSQL, SQLite's BINARY).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

# code point order on both databases
SortedText = Text().with_variant(Text(collation="C"), "postgresql")
# an identity column: INTEGER PRIMARY KEY (the rowid) on SQLite, BIGINT on PostgreSQL
RowId = BigInteger().with_variant(Integer(), "sqlite")
Double = Float(precision=53)

articles = Table(
    "articles", metadata,
    Column("id", SortedText, primary_key=True),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", SortedText, nullable=False),
    Column("source", Text, nullable=False, server_default=""),
    Column("url", Text, nullable=False, server_default=""),
    Column("language", Text, nullable=False, server_default="en"),
    Column("credit", Text, nullable=False, server_default=""),
    Column("added_at", Text, nullable=False),  # UTC, ISO 8601; the database fills it (dialect default)
)

places = Table(
    "places", metadata,
    Column("slug", SortedText, primary_key=True),
    Column("name", SortedText, nullable=False),
    Column("kind", Text, nullable=False),
    Column("precision", Integer, CheckConstraint("precision IN (1, 2, 3)"), nullable=False),
    Column("geometry", Text, nullable=False),  # GeoJSON text, decoded only where a shape is drawn
    Column("lat", Double, nullable=False),  # the marker point (Place.anchor)
    Column("lon", Double, nullable=False),
    Column("source", Text, nullable=False),
    Column("gazetteer_id", Text, nullable=False),  # a geoparsed place's identity
    Column("aliases", Text, nullable=False, server_default="[]"),
    Column("name_ar", Text, nullable=False, server_default=""),
    Column("country", Text),
    Column("admin1", Text),
    Column("origin", Text, nullable=False, server_default="curated"),
    Index("places_lon_lat", "lon", "lat"),
    Index("places_lat_lon", "lat", "lon"),
    Index("places_gazetteer_id", "gazetteer_id"),
    Index("places_origin", "origin"),
)

passages = Table(
    "passages", metadata,
    Column("id", RowId, primary_key=True),
    Column("article_id", SortedText, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    # the event time (geodata.events.timeparse.EventTime), as the domain computed it
    Column("event_start", Text),
    Column("event_end", Text),
    Column("time_precision", Text),  # 'published': the text dates nothing
    Column("time_start", Integer),  # offsets of the dating words in the article (NULL: none)
    Column("time_end", Integer),
    Column("time_since", Boolean),  # "since X": from X up to the publication date
    Column("event", JSON(none_as_null=True)),  # the event it reports (geodata.events), or NULL
    # a reader's "not the same event": never grouped with other articles' reports (geodata.events.corroborate)
    Column("apart", Boolean, nullable=False, server_default=false()),
    UniqueConstraint("article_id", "start", name="passages_article_id_start_key"),
    Index("passages_event", "event_start", "event_end"),
)

rules = Table(
    "rules", metadata,
    Column("id", RowId, primary_key=True),
    Column("name_key", SortedText, nullable=False),  # geodata.geoparse.normalize of the name
    Column("country", SortedText, nullable=False, server_default=""),  # ISO2 context, or ''
    Column("action", Text, CheckConstraint("action IN ('place', 'never')"), nullable=False),
    Column("place_slug", SortedText, ForeignKey("places.slug")),
    Column("gazetteer_id", Text),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False),
    UniqueConstraint("name_key", "country", name="rules_name_key_country_key"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", RowId, primary_key=True),
    Column("article_id", SortedText, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("place_slug", SortedText, ForeignKey("places.slug"), nullable=False),
    Column("passage_id", RowId, ForeignKey("passages.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("method", Text, nullable=False),
    Column("confidence", Double, nullable=False),
    Column("role", Text, nullable=False, server_default="event"),
    Column("role_cues", JSON, nullable=False, server_default="[]"),
    Column("candidates", JSON, nullable=False, server_default="[]"),
    Column("rule_id", RowId, ForeignKey("rules.id", ondelete="SET NULL")),
    UniqueConstraint("article_id", "start", "end", name="mentions_article_id_start_end_key"),
    Index("mentions_place", "place_slug"),
    Index("mentions_article", "article_id"),
    Index("mentions_place_passage", "place_slug", "passage_id"),
    Index("mentions_passage", "passage_id"),
)

TABLES = ("articles", "places", "passages", "mentions", "rules")
