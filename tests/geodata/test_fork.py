"""A store used before a fork (gunicorn's preloaded app, multiprocessing) works in the parent and the child."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from geodata.service import open_store

_SEEN: list[object] = []  # SQLite connections seen, kept alive so no later one can reuse an id


def _backend(store) -> str:
    """Return which database session answers: PostgreSQL's backend pid, or SQLite's connection object."""
    with store.engine.connect() as c:
        if c.dialect.name == "postgresql":
            return str(c.execute(text("SELECT pg_backend_pid()")).scalar())
        _SEEN.append(c.connection.dbapi_connection)
        return str(id(_SEEN[-1]))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_opens_its_own_connections_and_the_parent_keeps_its_own(db_target):
    store = open_store(db_target)
    parent = _backend(store)  # a pooled connection now exists, as after the master opened the app
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its session and whether a read works, then leave without cleanup
        try:
            ok = store.count("articles") == 1
            os.write(write, f"{_backend(store)} {ok}".encode())
        finally:
            os._exit(0)
    os.close(write)
    child_session, child_ok = os.read(read, 200).decode().split()
    os.waitpid(pid, 0)
    assert child_ok == "True"
    assert child_session != parent  # sharing one session between two processes corrupts both
    assert _backend(store) == parent and store.count("articles") == 1  # the parent's session still works
    store.close()
