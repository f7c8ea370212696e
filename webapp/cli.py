"""Conflict Map's command line: serve the map, ingest articles, geoparse text, export data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from webapp.cli_support import DEFAULT_DB, open_db, run


def _db_option(f):
    return click.option(
        "--db", "db", type=str, default=str(DEFAULT_DB), show_default=True, envvar="CONFLICT_MAP_DB",
        help="SQLite database file, or a postgresql://user@host/dbname URL (created or migrated, "
             "and filled from seeds/ on first run).",
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
@click.option("--tiles", default=None, metavar="osm|URL|none",
              help="Map tiles drawn by default: 'osm' (OpenStreetMap) or a URL template ({z}/{x}/{y}). "
                   "Default: none, the built-in basemap, asking no other host; the layer control offers "
                   "OpenStreetMap behind a switch. 'none' also removes the switch.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Threads per worker process.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes (gunicorn). Default: one per core where gunicorn runs (Linux, macOS), "
                   "else 1, which serves with waitress in this process.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this Host name (repeatable; '*' for any). Default: loopback names and "
                   "--host, plus $CONFLICT_MAP_ALLOWED_HOSTS.")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ADDR[/BITS]",
              help="A reverse proxy whose X-Forwarded-For names the client (repeatable), plus $CONFLICT_MAP_TRUSTED_PROXIES.")
@click.option("--debug", is_flag=True, help="Use Flask's debug server with reloader (development only).")
def serve(host: str, port: int, db: str, tiles: str | None, threads: int, workers: int | None,
          allowed_hosts: tuple[str, ...], trusted_proxies: tuple[str, ...], debug: bool) -> None:
    """Serve the map over HTTP: gunicorn worker processes, or waitress with --workers 1 and on Windows."""
    from webapp import create_app, tile_choice
    from webapp.serving import default_workers
    from webapp.serving import serve as serve_app

    config: dict = {"DATABASE": str(db), "BIND_HOST": host,
                    "ALLOWED_HOSTS": [os.environ.get("CONFLICT_MAP_ALLOWED_HOSTS", ""), *allowed_hosts],
                    "TRUSTED_PROXIES": [os.environ.get("CONFLICT_MAP_TRUSTED_PROXIES", ""), *trusted_proxies]}
    if tiles is not None:
        config.update(tile_choice(tiles))
    try:
        app = create_app(config)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    if debug:
        app.run(host=host, port=port, debug=True)  # noqa: S201 - only with --debug
        return

    def ready(bound_host: str, bound_port: int) -> None:
        click.echo(f"Conflict Map is serving http://{bound_host}:{bound_port}/ (Ctrl+C to stop)", err=False)
        sys.stdout.flush()

    try:
        serve_app(app, host, port, threads, workers or default_workers(), ready)
    except OSError as e:
        raise click.ClickException(str(e)) from None


@cli.command()
@_db_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(0, 64), default=None,
              help="Geoparsing worker processes (default: one per core for ingests over 1 MB, else none).")
def ingest(db: str, files: tuple[Path, ...], jobs: int | None) -> None:
    """Add articles to the store and link them to places.

    FILES are .txt or .md (first line: title; a same-named .json sidecar may hold metadata)
    or .jsonl with one {"id","title","text","published","source","url"} per line.
    Each article is stored with all its places or not at all. A bad line is reported with its
    number and the rest still goes in; an article already stored with the same text is left as it is.
    Exit status 1 when any article could not be stored.

    Example: conflict-map ingest --db instance/conflict-map.sqlite reports.jsonl
    """
    from geodata.ingest import count_articles, ingest_files

    store = open_db(db)
    total = count_articles(files)
    with click.progressbar(length=total, label="Ingesting", file=sys.stderr, show_pos=True, show_eta=True) as bar:
        report = ingest_files(store, list(files), workers=jobs, progress=bar.update)
    store.close()
    click.echo(f"articles added: {report.added}; already stored: {report.stored}; "
               f"places found: {len(report.places)}; problems: {len(report.problems)}")
    for line in report.problems:
        click.echo(f"  skipped {line}", err=True)
    if report.problems:
        sys.exit(1)  # the good articles are stored; the status says some were not


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--demonyms", is_flag=True, help="Also report demonyms (\"Syrian\") as their country.")
def geoparse(files: tuple[str, ...], demonyms: bool) -> None:
    """Print the places each article names, as JSON lines, without touching the store.

    FILES: .txt (one article, id = file name stem) or .jsonl (one {"id","text"} per line);
    '-' or none reads standard input. Each output line is
    {"id": ..., "places": [{"start","end","text","name","lat","lon","kind","precision","confidence","gazetteer_id"}]}
    with start/end as Python string indices.
    """
    import json

    from geodata.articles import ArticleError
    from geodata.geoparse.parser import geoparse_lines

    problems: list[str] = []
    try:
        for result in geoparse_lines(list(files) or None, demonyms=demonyms, problem=problems.append):
            click.echo(json.dumps(result, ensure_ascii=False))
    except ArticleError as e:
        problems.append(str(e))
    for line in problems:
        click.echo(f"skipped {line}", err=True)
    if problems:
        sys.exit(1)


@cli.command()
@_db_option
@click.option("--article", "article_id", required=True, help="Article id.")
@click.option("--start", type=int, required=True, help="Start offset of the span (Python str index).")
@click.option("--end", type=int, required=True, help="End offset of the span.")
@click.option("--place", default=None, help="Slug of a stored place to link the span to.")
@click.option("--gazetteer-id", default=None, help="Gazetteer id to link the span to, e.g. geonames:172955.")
@click.option("--not-a-place", is_flag=True, help="The span names no place: take it off the map.")
def override(db: str, article_id: str, start: int, end: int, place: str | None, gazetteer_id: str | None,
             not_a_place: bool) -> None:
    """Fix a wrong resolution of article[start:end], and keep the fix as a rule for later articles."""
    from geodata.curation import CurationError, NotFound, override_mention

    store = open_db(db, existing=True)
    try:
        mention = override_mention(store, article_id, start, end, place=place, gazetteer_id=gazetteer_id,
                                   not_a_place=not_a_place)
    except (CurationError, NotFound) as e:
        raise click.ClickException(str(e)) from None
    text = store.article(article_id).text[start:end]
    target = "not a place" if mention is None else mention.place_slug
    click.echo(f"{article_id}[{start}:{end}] {text!r} -> {target} (override, kept as a rule)")


@cli.command()
@_db_option
@click.option("--article", "article_id", required=True, help="Article id.")
@click.option("--start", type=int, required=True, help="Start offset of the passage (as in /api/places/<slug>).")
@click.option("--undo", is_flag=True, help="Let the passage be grouped again.")
def apart(db: str, article_id: str, start: int, undo: bool) -> None:
    """Say a passage is not the same event as other articles' reports (it joins no reported event).

    Example: conflict-map apart --article baghouz-2019-02-17 --start 0
    """
    from geodata.curation import NotFound, keep_apart

    store = open_db(db, existing=True)
    try:
        keep_apart(store, article_id, start, not undo)
    except NotFound as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"{article_id}@{start}: " + ("grouped again with other reports" if undo else "kept apart from other reports"))


@cli.group()
def rules() -> None:
    """The readers' rules later articles follow: list, export or remove them."""


@rules.command("list")
@_db_option
def rules_list(db: str) -> None:
    """Print one line per rule: id, action, name, country context, place."""
    store = open_db(db, existing=True, seeded=False)
    for r in store.rules():
        click.echo(f"{r.id}\t{r.action}\t{r.name_key}\t{r.country or '-'}\t{r.place_slug or '-'}\t{r.note}")
    store.close()


@rules.command("export")
@_db_option
def rules_export(db: str) -> None:
    """Print every rule as JSON lines (the shape of GET /api/rules)."""
    import json

    from geodata.curation import rule_json
    store = open_db(db, existing=True, seeded=False)
    for r in store.rules():
        click.echo(json.dumps(rule_json(r), ensure_ascii=False))
    store.close()


@rules.command("remove")
@_db_option
@click.argument("rule_id", type=int)
def rules_remove(db: str, rule_id: int) -> None:
    """Remove a rule by id: later articles resolve its name as the geoparser does."""
    store = open_db(db, existing=True, seeded=False)
    removed = store.remove_rule(rule_id)
    store.close()
    if not removed:
        raise click.ClickException(f"No rule {rule_id}; `rules list` shows the rules there are.")
    click.echo(f"removed rule {rule_id}")


class _ExportFormatChoice(click.Choice):
    """--format's choices: the export registry's names (geodata.export), read when the command line is parsed."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from geodata.export import export_formats

        return tuple(f.name for f in export_formats())

    @choices.setter
    def choices(self, value: object) -> None:
        pass  # always the registry's


class _ExportFormatOption(click.Option):
    """--format, its help naming what each registered format is for."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from geodata.export import export_formats

        self.help = ", ".join(f"{f.name} ({f.use})" for f in export_formats()) + "."
        return super().get_help_record(ctx)


@cli.command()
@_db_option
@click.option("--format", "fmt", cls=_ExportFormatOption, required=True, type=_ExportFormatChoice())
@click.option("--article", default=None, metavar="ID", help="Export only the places and passages of this article.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--bom/--no-bom", default=True, show_default=True,
              help="CSV only: start with a UTF-8 byte-order mark so Excel reads Arabic names right.")
def export(db: str, fmt: str, article: str | None, out: Path | None, bom: bool) -> None:
    """Export the mapped places with their verbatim passages in one of the formats below (--format)."""
    from geodata.export import ExportError
    from geodata.export import export as export_data

    store = open_db(db, existing=True)
    try:
        result = export_data(store, fmt, article, bom=bom)
    except ExportError as e:
        raise click.ClickException(str(e)) from None
    finally:
        store.close()
    data = result.encode("utf-8") if isinstance(result, str) else result
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            out.write_bytes(data)
        except OSError as e:
            raise click.ClickException(f"cannot write {out}: {e.strerror}") from None
        click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)


@cli.command()
@_db_option
@click.argument("feeds", nargs=-1, metavar="FEED_URL...")
@click.option("--once", is_flag=True, help="Read every feed once, ingest what is new, and exit.")
@click.option("--interval", type=click.IntRange(1, None), default=900, show_default=True, metavar="SECONDS",
              help="Seconds between two readings of the feeds.")
@click.option("--feeds", "feed_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              envvar="CONFLICT_MAP_FEEDS", show_envvar=True,
              help="A feed list: one feed URL per line, '#' starts a comment. Added to FEED_URL....")
def watch(db: str, feeds: tuple[str, ...], once: bool, interval: int, feed_file: Path | None) -> None:
    """Watch RSS/Atom feeds: fetch each new item's page, extract its text and ingest it.

    An item whose URL or text is already stored is skipped; a failing item (unreachable host,
    not HTML, no article text) is reported and the watch goes on.
    """
    from geodata.feeds.watch import read_feed_list
    from geodata.feeds.watch import watch as watch_feeds

    urls = list(feeds)
    if feed_file is not None:
        try:
            urls += read_feed_list(feed_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            raise click.ClickException(f"cannot read the feed list {feed_file}: {e}") from None
    if not urls:
        raise click.UsageError("give at least one FEED_URL, or a feed list with --feeds FILE")
    store = open_db(db)
    counts = {"added": 0, "stored": 0, "failed": 0}

    def report(item) -> None:
        counts[item.status] += 1
        click.echo(item.line(), err=item.status == "failed")

    try:
        watch_feeds(store, urls, interval=interval, once=once, report=report)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    click.echo(f"feeds: {len(urls)}; added: {counts['added']}; already stored: {counts['stored']}; "
               f"failed: {counts['failed']}")


def main() -> None:
    """Run the command line (the `conflict-map` console script and run.py)."""
    run(cli)


if __name__ == "__main__":
    main()
