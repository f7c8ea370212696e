"""The one registry of export formats, read by the CLI (`export --format`), the route `/api/export.<name>`,
the OpenAPI description and the page's download menu: adding a format is one `register(ExportFormat(...))`.

The domain registers the formats it can write alone (GeoJSON, KML, CSV, below); the web app registers the
offline HTML map (webapp/offline.py), which needs folium and the app's static files. A writer returns the
whole body (str or bytes; sent whole, so it can be compressed) or an iterator of byte chunks (streamed).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from geodata.export.formats import (
    ExportError,
    check_article,
    csv_chunks,
    export_rows,
    export_title,
    to_geojson,
    to_kml,
)
from geodata.store import Store

ExportBody = str | bytes | Iterator[bytes]
# writer(store, article or None, bom=...) -> the body; the article is known to exist when it is called
Writer = Callable[..., ExportBody]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: what the CLI, the route, OpenAPI and the download menu say of it, and its writer."""

    name: str  # the --format choice and /api/export.<name>
    media_type: str  # the response's Content-Type
    extension: str  # the downloaded file's: conflict-map.<extension>
    description: str  # one line, for OpenAPI
    label: str  # the download menu's link text
    use: str  # what it is for, beside the label in the menu and the name in `export --help`
    write: Writer


_FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> ExportFormat:
    """Add a format (or replace the one with its name, keeping its place in the order) and return it."""
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    """Remove a format by name, if it is registered."""
    _FORMATS.pop(name, None)


def export_formats() -> tuple[ExportFormat, ...]:
    """Return the registered formats in the order they were registered (the menu's order)."""
    return tuple(_FORMATS.values())


def export_format(name: str) -> ExportFormat:
    """Return the format called name, or raise ExportError naming the formats there are."""
    try:
        return _FORMATS[name]
    except KeyError:
        raise ExportError(f"Unknown export format {name!r}; expected one of {', '.join(_FORMATS)}.") from None


def _body(store: Store, fmt: str, article: str | None, bom: bool) -> ExportBody:
    found = export_format(fmt)
    check_article(store, article)
    return found.write(store, article, bom=bom)


def export(store: Store, fmt: str, article: str | None = None, *, bom: bool = True) -> bytes | str:
    """Return the store's places (or one article's) in fmt, whole: geojson, kml and html as str, csv as bytes."""
    body = _body(store, fmt, article, bom)
    return body if isinstance(body, (str, bytes)) else b"".join(body)


def export_stream(store: Store, fmt: str, article: str | None = None) -> Iterable[bytes]:
    """Return an export as chunks for a response: a streamed format (the CSV) as its generator, read row by row
    as it is sent, the others as a list of one body (sent whole, so it can be compressed)."""
    body = _body(store, fmt, article, True)
    if isinstance(body, str):
        return [body.encode("utf-8")]
    return [body] if isinstance(body, bytes) else body


# --- the formats the domain writes alone ----------------------------------------------------


def _geojson(store: Store, article: str | None, *, bom: bool = True) -> str:
    return json.dumps(to_geojson(export_rows(store, article)), ensure_ascii=False, indent=1)


def _kml(store: Store, article: str | None, *, bom: bool = True) -> str:
    return to_kml(export_rows(store, article), export_title(store, article))


def _csv(store: Store, article: str | None, *, bom: bool = True) -> Iterator[bytes]:
    # rows are read now, while the caller's store is open; the chunks are formatted as they are sent
    return csv_chunks(store, export_rows(store, article), bom=bom)


register(ExportFormat(
    name="geojson", media_type="application/geo+json", extension="geojson", label="GeoJSON", use="QGIS, geojson.io",
    description="GeoJSON (RFC 7946): one Feature per place with its passages and provenance.", write=_geojson))
register(ExportFormat(
    name="kml", media_type="application/vnd.google-earth.kml+xml", extension="kml", label="KML", use="Google Earth",
    description="KML 2.2: a Placemark per place, passages escaped in its description.", write=_kml))
register(ExportFormat(
    name="csv", media_type="text/csv; charset=utf-8", extension="csv", label="CSV",
    use="spreadsheets, one row per mention",
    description="CSV, UTF-8 with BOM: one row per place mention, ACLED-style columns, formula-safe.", write=_csv))
