"""The v0.1 schema, as the first releases made it; a database they made is adopted as it stands.

Revision ID: 0001
Revises:
Create Date: 2026-12-02

Before Alembic, SQLite files counted their migrations in `PRAGMA user_version` (1 to 5, the scripts
below) and PostgreSQL databases in a `schema_version` table (1). A SQLite file is brought to its
fifth script, a PostgreSQL database is taken as it is; both then go on with revision 0002.
"""

import sqlite3

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_SCRIPTS: list[str] = [
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
]

POSTGRESQL_SCRIPT = """
    CREATE TABLE articles (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT COLLATE "C" NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT 'en',
        credit TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    );
    CREATE TABLE places (
        slug TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        precision INTEGER NOT NULL CHECK (precision IN (1, 2, 3)),
        geometry TEXT NOT NULL,
        lat DOUBLE PRECISION NOT NULL,
        lon DOUBLE PRECISION NOT NULL,
        source TEXT NOT NULL,
        gazetteer_id TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        name_ar TEXT NOT NULL DEFAULT '',
        country TEXT,
        admin1 TEXT,
        origin TEXT NOT NULL DEFAULT 'curated'
    );
    CREATE INDEX places_lon_lat ON places (lon, lat);
    CREATE INDEX places_lat_lon ON places (lat, lon);
    CREATE INDEX places_gazetteer_id ON places (gazetteer_id);
    CREATE TABLE passages (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        event_start TEXT,
        event_end TEXT,
        time_precision TEXT,
        time_start INTEGER,
        time_end INTEGER,
        UNIQUE (article_id, start)
    );
    CREATE INDEX passages_event ON passages (event_start, event_end);
    CREATE TABLE mentions (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        place_slug TEXT COLLATE "C" NOT NULL REFERENCES places (slug),
        passage_id BIGINT NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        method TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        UNIQUE (article_id, start, "end")
    );
    CREATE INDEX mentions_place ON mentions (place_slug);
    CREATE INDEX mentions_article ON mentions (article_id);
    CREATE INDEX mentions_place_passage ON mentions (place_slug, passage_id);
    CREATE INDEX mentions_passage ON mentions (passage_id);
    CREATE SEQUENCE revision_seq;
    CREATE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN PERFORM nextval('revision_seq'); RETURN NULL; END $$;
    CREATE TRIGGER revision_articles AFTER INSERT OR DELETE ON articles
        FOR EACH ROW EXECUTE FUNCTION bump_revision();
    CREATE TRIGGER revision_mentions AFTER INSERT OR UPDATE OR DELETE ON mentions
        FOR EACH ROW EXECUTE FUNCTION bump_revision();
    CREATE TRIGGER revision_places AFTER INSERT OR UPDATE OR DELETE ON places
        FOR EACH ROW EXECUTE FUNCTION bump_revision();
    CREATE TRIGGER revision_passages AFTER UPDATE ON passages
        FOR EACH ROW EXECUTE FUNCTION bump_revision();
    """


def _statements(script: str):
    """Split an SQL script into statements; a trigger's BEGIN ... END holds semicolons of its own."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        done = bind.exec_driver_sql("PRAGMA user_version").scalar() or 0
        for script in SQLITE_SCRIPTS[done:]:
            for statement in _statements(script):
                bind.exec_driver_sql(statement)
        bind.exec_driver_sql(f"PRAGMA user_version = {len(SQLITE_SCRIPTS)}")
    elif not bind.exec_driver_sql("SELECT to_regclass('schema_version') IS NOT NULL").scalar():
        bind.exec_driver_sql(POSTGRESQL_SCRIPT)


def downgrade() -> None:
    raise NotImplementedError("the store migrates forward only")
