"""One registry of export formats: a format added there alone is offered by the CLI, the route, OpenAPI and the menu."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from geodata.export import ExportError, ExportFormat, export, export_formats, register, unregister
from geodata.service import open_store
from webapp.cli import cli

SEED = "baghouz-2019-02-17"


def _count(store, article, *, bom=True) -> str:
    return f"{len(list(store.places(article=article)))} places\n"


@pytest.fixture
def dummy():
    """A format defined in one entry and nowhere else: the number of mapped places, as text."""
    fmt = register(ExportFormat(name="count", media_type="text/plain; charset=utf-8", extension="txt",
                                description="How many places are mapped, as one line of text.", label="Place count",
                                use="one line", write=_count))
    yield fmt
    unregister("count")


def test_the_registry_holds_the_four_formats_in_menu_order():
    assert [f.name for f in export_formats()] == ["geojson", "kml", "csv", "html"]
    assert {f.name: f.extension for f in export_formats()} == {"geojson": "geojson", "kml": "kml", "csv": "csv",
                                                                "html": "html"}


def test_a_registered_format_is_a_cli_choice(dummy, tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.sqlite")
    open_store(db).close()  # export reads a database that exists
    help_text = " ".join(runner.invoke(cli, ["export", "--help"]).output.split())
    assert "[geojson|kml|csv|html|count]" in help_text and "count (one line)" in help_text
    result = runner.invoke(cli, ["export", "--db", db, "--format", "count"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ places\n", result.stdout) and int(result.stdout.split()[0]) >= 8
    unregister("count")
    result = runner.invoke(cli, ["export", "--db", db, "--format", "count"])
    assert result.exit_code == 2 and "'count' is not one of" in result.output


def test_a_registered_format_is_served_and_refused_once_removed(dummy, client):
    r = client.get("/api/export.count")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    assert r.headers["Content-Disposition"] == 'attachment; filename="conflict-map.txt"'
    mapped = len(client.get("/api/places").get_json()["features"])
    assert r.get_data(as_text=True) == f"{mapped} places\n"
    r = client.get(f"/api/export.count?article={SEED}")
    assert r.headers["Content-Disposition"] == f'attachment; filename="conflict-map-{SEED}.txt"'
    assert client.get("/api/export.count?article=nope").status_code == 404  # checked before any writer runs
    unregister("count")
    r = client.get("/api/export.count")
    assert r.status_code == 404 and r.get_json()["ok"] is False


def test_a_registered_format_is_described_in_openapi(dummy, client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    op = paths["/api/export.count"]["get"]
    assert op["summary"] == "How many places are mapped, as one line of text."
    assert set(op["responses"]["200"]["content"]) == {"text/plain"}
    assert {p for p in paths if p.startswith("/api/export.")} == {f"/api/export.{f.name}" for f in export_formats()}


def test_a_registered_format_is_in_the_download_menu(dummy, client):
    html = client.get("/").get_data(as_text=True)
    menu = html[html.index('<details class="downloads">'):html.index("</details>")]
    links = re.findall(r'<a href="/api/export\.(\w+)" download>([^<]+)</a> \(([^)]+)\)', menu)
    assert links == [("geojson", "GeoJSON", "QGIS, geojson.io"), ("kml", "KML", "Google Earth"),
                     ("csv", "CSV", "spreadsheets, one row per mention"), ("html", "Offline map", "one HTML file"),
                     ("count", "Place count", "one line")]


def test_the_python_api_dispatches_through_the_registry(dummy, store):
    assert export(store, "count") == _count(store, None)
    unregister("count")
    with pytest.raises(ExportError, match="expected one of geojson, kml, csv, html"):
        export(store, "count")
