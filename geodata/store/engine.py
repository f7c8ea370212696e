"""Dialect set-up, the one place the two databases differ: connections, write locks, migrations.

- SQLite: WAL (readers go on while a writer commits), foreign keys on, and writes open with
  BEGIN IMMEDIATE so two writers queue instead of failing half-way; reads run without a transaction.
- PostgreSQL: psycopg 3 (an optional extra), read committed; migrations under an advisory lock so
  two processes opening a fresh database at once do not race.
Either way one pool of connections per store, shared by every thread of the web app.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool, StaticPool

POSTGRES_URLS = ("postgresql://", "postgres://")
MIGRATIONS = Path(__file__).parent / "migrations"
# any constant will do: it only has to be the same in every process that migrates
_MIGRATION_LOCK = 0x436F6E666C6D6170
WRITE = "conflict_map_write"
# the change counter readers cache on: a row bumped by triggers on SQLite (one writer at a time anyway),
# a sequence on PostgreSQL (no hot row for concurrent writers to queue on)
REVISION = {
    "sqlite": text("SELECT n FROM revision WHERE id = 1"),
    "postgresql": text("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM revision_seq"),
}  # execution option: this connection writes (SQLite: BEGIN IMMEDIATE)


# every engine of this process: a forked child (gunicorn's workers, multiprocessing) must not use the
# connections it inherited, which the parent goes on using; it forgets them and opens its own
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def _forget_inherited_connections() -> None:
    for engine in list(_ENGINES):
        engine.dispose(close=False)  # close=False: the parent's connections stay open for the parent


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forget_inherited_connections)


def is_postgres(target: str | Path) -> bool:
    """Return whether a store target names a PostgreSQL database rather than a SQLite file."""
    return str(target).startswith(POSTGRES_URLS)


def make_engine(target: str | Path, *, timeout: float = 30.0, pool_size: int = 8) -> Engine:
    """Return a pooled engine for a SQLite file path (or ':memory:') or a postgresql:// URL."""
    engine = _postgres(str(target), timeout, pool_size) if is_postgres(target) else _sqlite(str(target), timeout, pool_size)
    _ENGINES.add(engine)
    return engine


def _postgres(url: str, timeout: float, pool_size: int) -> Engine:
    try:
        import psycopg
    except ImportError as e:  # psycopg is an optional extra
        raise RuntimeError("a PostgreSQL database needs psycopg: pip install -e '.[postgres]'") from e
    # psycopg reads the libpq URL itself (unix-socket hosts, options=-csearch_path=...)
    return create_engine("postgresql+psycopg://", creator=lambda: psycopg.connect(url, connect_timeout=int(timeout)),
                         pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _sqlite(path: str, timeout: float, pool_size: int) -> Engine:
    memory = path == ":memory:"
    if not memory:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": timeout, "check_same_thread": False},
        # one connection for an in-memory database (each new one would be another, empty database)
        poolclass=StaticPool if memory else QueuePool,
        **({} if memory else {"pool_size": pool_size, "max_overflow": pool_size}),
    )

    @event.listens_for(engine, "connect")
    def _set_up(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions are opened by _begin below, not by pysqlite
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock now, not at the first write

    return engine


def head_revision() -> str:
    """Return the newest migration's revision id."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """Return the revision the database is at (None: not under Alembic yet)."""
    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Apply the migrations the database has not seen, under a lock (a v0.1 database is adopted first)."""
    head = head_revision()
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({_MIGRATION_LOCK})")
            connection.commit()
        else:
            connection.execution_options(**{WRITE: True})
        try:
            if current_revision(connection) != head:  # another process may have migrated while we waited
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS))
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            connection.commit()
        finally:
            if engine.dialect.name == "postgresql":
                connection.rollback()
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK})")
                connection.commit()
