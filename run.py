"""Conflict Map's command line: serve the map, ingest articles, geoparse text, export data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

DEFAULT_DB = Path("instance") / "conflict-map.sqlite"


def _db_option(f):
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
        envvar="CONFLICT_MAP_DB", help="SQLite database file (created and filled from seeds/ on first run).",
    )(f)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Conflict Map: war reporting on a map. With no command, serve the map."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless told otherwise.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@_db_option
@click.option("--tiles", default=None, metavar="URL|none",
              help="Tile URL template ({z}/{x}/{y}); 'none' draws only the built-in vector basemap. "
                   "Default: OpenStreetMap, or $CONFLICT_MAP_TILE_URL.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
@click.option("--debug", is_flag=True, help="Use Flask's debug server with reloader (development only).")
def serve(host: str, port: int, db: Path, tiles: str | None, threads: int, debug: bool) -> None:
    """Serve the map over HTTP with the waitress WSGI server."""
    from webapp import create_app

    config: dict = {"DATABASE": str(db)}
    if tiles is not None:
        config["TILE_URL"] = "" if tiles.lower() == "none" else tiles
    app = create_app(config)
    if debug:
        app.run(host=host, port=port, debug=True)  # noqa: S201 - only with --debug
        return
    import waitress

    server = waitress.create_server(app, host=host, port=port, threads=threads)
    click.echo(f"Conflict Map is serving http://{host}:{server.effective_port}/ (Ctrl+C to stop)", err=False)
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    cli()
