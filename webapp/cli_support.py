"""What every command shares: opening the database a reader named, and one-line errors instead of tracebacks."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

DEFAULT_DB = Path("instance") / "conflict-map.sqlite"
DEBUG_ENV = "CONFLICT_MAP_DEBUG"  # set to 1 to see the traceback of an unexpected error


def is_url(target: str) -> bool:
    """Tell a database URL (postgresql://…) from a SQLite file path."""
    return "://" in target


def _shown(target: str) -> str:
    # never echo a password given in a URL
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", target)


def open_db(target: str, *, existing: bool = False, seeded: bool = True):
    """Open the store at target; with existing=True a SQLite file that is not there is an error, not a new file.

    The default database is made (and filled from seeds/) on first use wherever it is opened, so
    a newcomer's first `export` works; a path the reader typed must exist, so a typo never exports
    a fresh sample database instead of theirs.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from geodata.service import connect_store, open_store

    if existing and not is_url(target) and Path(target) != DEFAULT_DB and not Path(target).is_file():
        raise click.ClickException(f"no database at {target}; check --db (a SQLite file made by `conflict-map serve` "
                                   "or `ingest`, or a postgresql:// URL)")
    try:
        return open_store(target) if seeded else connect_store(target)
    except (SQLAlchemyError, OSError, ValueError) as e:
        reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise click.ClickException(f"cannot open the database {_shown(target)}: {reason}") from None


def run(command: click.Command, args: list[str] | None = None) -> None:
    """Run a click command; an unexpected error prints one line (the traceback only with CONFLICT_MAP_DEBUG=1)."""
    try:
        command.main(args, standalone_mode=True)
    except Exception as e:  # noqa: BLE001 - the reader gets one line and an exit status, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        detail = e.strerror if isinstance(e, OSError) and e.strerror else str(e).splitlines()[0] if str(e) else ""
        where = f" ({e.filename})" if isinstance(e, OSError) and e.filename else ""
        click.echo(f"Error: {type(e).__name__}: {detail}{where} — rerun with {DEBUG_ENV}=1 to see where", err=True)
        sys.exit(1)
