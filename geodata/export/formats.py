"""The writers of the map's data for other tools: GeoJSON (QGIS), KML (Google Earth), CSV (spreadsheets).

geodata.export.registry names them (and the web app's offline HTML map). Every format is built from the
same rows (export_rows): the mapped places, each with the passages that name it, cut from the article
text by offsets so every excerpt is verbatim.

CSV choices, for the record:
- UTF-8 with a byte-order mark by default: Excel reads BOM-less CSV as a legacy code page and
  garbles Arabic names, while csv/pandas/QGIS read the BOM fine (`encoding="utf-8-sig"`).
  Pass bom=False (`run.py export --no-bom`) for a pure UTF-8 file.
- Formula injection: a text cell starting with = + - @, tab or carriage return gets a leading
  apostrophe so spreadsheets show it as text; numbers (coordinates, offsets) stay numbers.
- event_date is the start of the passage's event time (geodata.events.timeparse: "in December",
  "summer of 2017", "on Sunday", resolved against the publication date), and time_precision
  maps its precision to ACLED's codes: 1 day, 2 week, 3 month or coarser. A passage with no
  dating words gets the publication date with time_precision 3, since the event may be older.
- event_type, sub_event_type, actor1, actor2 and fatalities are ACLED's columns, from the event
  the passage reports (geodata.events): filled on rows whose mention has role "event", empty
  on background mentions (the place is named, nothing is reported happening there); `role` says which.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from geodata.geo.geometry import anchor
from geodata.models import Place
from geodata.service import api_passage, place_feature
from geodata.store import Store

CSV_COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "fatalities",
    "country", "iso", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "article_id", "article_title", "start", "end", "mention",
    "place_slug", "place_kind", "place_source", "gazetteer_id", "passage_start", "passage_end", "role",
)
KML_NS = "http://www.opengis.net/kml/2.2"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# characters XML 1.0 cannot hold; replaced so a stray control character cannot break the file
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ExportError(ValueError):
    """An export was asked for in an unknown format or for an unknown article."""


@dataclass(frozen=True)
class PlaceRows:
    """One mapped place with its verbatim passages and the mentions inside them."""

    place: Place
    passages: list[dict[str, Any]]


def check_article(store: Store, article: str | None) -> None:
    """Raise ExportError when an export is asked for an article the store does not hold."""
    if article is not None and store.article(article) is None:
        raise ExportError(f"No article with id {article!r}.")


def export_rows(store: Store, article: str | None = None) -> list[PlaceRows]:
    """Return the mapped places with their passages, limited to one article when given."""
    check_article(store, article)
    rows = []
    for place, _ in store.places(article=article):
        passages = [api_passage(p, place.slug) for p in store.passages_of(place.slug)
                    if article is None or p["article"] == article]
        rows.append(PlaceRows(place, passages))
    return rows


def csv_chunks(store: Store, rows: list[PlaceRows], *, bom: bool = True) -> Iterator[bytes]:
    """Yield the CSV of export rows as UTF-8 chunks, a byte-order mark first unless bom=False."""
    # each article's source once, from the metadata: never the article text per passage
    sources = {a["id"]: a["source"] for a in store.articles()}
    if bom:
        yield "\ufeff".encode()
    for chunk in iter_csv(rows, sources):
        yield chunk.encode("utf-8")


def export_title(store: Store, article: str | None) -> str:
    """Return the title of an export: of every mapped place, or of one article's."""
    if article is None:
        return "Conflict Map: every mapped place"
    found = store.article(article)
    return f"Conflict Map: {found.title if found else article}"


# --- GeoJSON ------------------------------------------------------------------------------


def rfc7946_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """Return a GeoJSON geometry with polygon rings wound by the right-hand rule (RFC 7946 3.1.6)."""
    geom = shape(geometry)
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = type(geom)([orient(p, sign=1.0) for p in geom.geoms])
    else:
        return json.loads(json.dumps(geometry))  # untouched, as stored
    return json.loads(json.dumps(mapping(geom)))  # tuples to lists


def to_geojson(rows: list[PlaceRows]) -> dict[str, Any]:
    """Return a FeatureCollection: one Feature per place, with its provenance and verbatim passages."""
    features = []
    for row in rows:
        feature = place_feature(row.place, len(row.passages))
        feature["geometry"] = rfc7946_geometry(row.place.geometry)
        feature["properties"]["passages"] = row.passages
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


# --- KML ----------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Return text with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _coords(points: list[list[float]]) -> str:
    return " ".join(f"{p[0]},{p[1]}" for p in points)


def _kml_geometry(parent: ET.Element, geometry: dict[str, Any]) -> None:
    kind, coords = geometry["type"], geometry.get("coordinates")
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coords([coords])
    elif kind == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _coords(coords)
    elif kind == "Polygon":
        polygon = ET.SubElement(parent, "Polygon")
        for i, ring in enumerate(coords):
            boundary = ET.SubElement(polygon, "outerBoundaryIs" if i == 0 else "innerBoundaryIs")
            ET.SubElement(ET.SubElement(boundary, "LinearRing"), "coordinates").text = _coords(ring)
    elif kind in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        for part in coords:
            _kml_geometry(parent, {"type": kind[5:], "coordinates": part})
    elif kind == "GeometryCollection":
        for part in geometry["geometries"]:
            _kml_geometry(parent, part)


def kml_description(row: PlaceRows) -> str:
    """Return the balloon HTML of a place: every untrusted string HTML-escaped, passages verbatim."""
    place = row.place
    parts = [f"<p>{escape(place.kind)} · precision {place.precision}</p>"]
    for p in row.passages:
        parts.append(
            f'<blockquote data-article="{escape(p["article"])}" data-start="{p["start"]}" data-end="{p["end"]}">'
            f'{escape(p["text"])}</blockquote><p>— <cite>{escape(p["title"])}</cite>, {escape(p["published"])}</p>'
        )
    parts.append(f"<p>Coordinates: {escape(place.source)}</p>")
    return xml_text("".join(parts))


def to_kml(rows: list[PlaceRows], title: str = "Conflict Map") -> str:
    """Return a KML 2.2 document: a Placemark per place, passages escaped in its description."""
    ET.register_namespace("", KML_NS)
    kml = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = xml_text(title)
    for row in rows:
        place = row.place
        mark = ET.SubElement(doc, "Placemark", id=xml_text(place.slug))
        ET.SubElement(mark, "name").text = xml_text(place.name)
        # the description is HTML in Google Earth: escape the text, then XML-escape the HTML
        ET.SubElement(mark, "description").text = kml_description(row)
        data = ET.SubElement(mark, "ExtendedData")
        lat, lon = anchor(place)
        fields = {
            "slug": place.slug, "name_ar": place.name_ar, "kind": place.kind, "precision": place.precision,
            "source": place.source, "gazetteer_id": place.gazetteer_id, "origin": place.origin,
            "passages": json.dumps([{"article": p["article"], "start": p["start"], "end": p["end"]} for p in row.passages]),
            # per passage, in the same order: the event type it reports (or null) and the role of each mention
            "events": json.dumps([{"type": (p.get("event") or {}).get("type"),
                                   "roles": [m.get("role") for m in p["mentions"]]} for p in row.passages]),
        }
        for key, value in fields.items():
            ET.SubElement(ET.SubElement(data, "Data", name=key), "value").text = xml_text(str(value))
        if place.geometry["type"] == "Point":
            _kml_geometry(mark, place.geometry)
        else:
            # a pin where the app puts the marker, plus the line or area itself
            multi = ET.SubElement(mark, "MultiGeometry")
            _kml_geometry(multi, {"type": "Point", "coordinates": [lon, lat]})
            _kml_geometry(multi, place.geometry)
    ET.indent(kml, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


# --- CSV ----------------------------------------------------------------------------------


def neutralise(value: Any) -> Any:
    """Return a text cell with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# geodata.events.timeparse precision -> ACLED time_precision (1 day, 2 week, 3 month or coarser)
_ACLED_TIME_PRECISION = {"day": 1, "week": 2}


def _country(code: str | None) -> tuple[str, str]:
    """Return (name, ISO 3166 numeric code) for an alpha-2 code, as ACLED's country and iso columns."""
    if not code:
        return "", ""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return (getattr(country, "common_name", None) or country.name, str(int(country.numeric))) if country else (code, "")


def csv_records(rows: list[PlaceRows], sources: dict[str, str]) -> list[dict[str, Any]]:
    """Return one record per place mention, ACLED-style columns first, values not yet neutralised.

    Each record holds its passage (`_passage`: article, start, text) rather than a copy of the text:
    write_csv puts the text in `notes` once."""
    records = []
    for row in rows:
        place = row.place
        lat, lon = anchor(place)
        country, iso = _country(place.country)
        for p in row.passages:
            when = p.get("time") or {}
            dated = when.get("start") and when.get("precision") not in (None, "published")
            event_date = when["start"] if dated else p["published"]
            time_precision = _ACLED_TIME_PRECISION.get(when.get("precision"), 3) if dated else 3
            passage = (p["article"], p["start"], p["text"])
            for m in p["mentions"]:
                start, end, role = m["start"], m["end"], m.get("role", "event")
                # ACLED's event columns belong to event mentions; a background mention names the place only
                event = (p.get("event") or {}) if role == "event" else {}
                actors = event.get("actors") or []
                records.append({
                    "event_date": event_date, "time_precision": time_precision,
                    "event_type": event.get("type") or "", "sub_event_type": event.get("sub_type") or "",
                    "actor1": actors[0] if actors else "", "actor2": actors[1] if len(actors) > 1 else "",
                    "fatalities": "" if event.get("fatalities") is None else event["fatalities"],
                    "country": country, "iso": iso,
                    "admin1": place.admin1 or "", "location": place.name, "latitude": round(lat, 6),
                    "longitude": round(lon, 6), "geo_precision": place.precision,
                    "source": sources.get(p["article"], ""), "_passage": passage, "article_id": p["article"],
                    "article_title": p["title"], "start": start, "end": end,
                    "mention": p["text"][start - p["start"] : end - p["start"]],
                    "place_slug": place.slug, "place_kind": place.kind, "place_source": place.source,
                    "gazetteer_id": place.gazetteer_id, "passage_start": p["start"], "passage_end": p["end"],
                    "role": role,
                })
    records.sort(key=lambda r: (r["event_date"], r["article_id"], r["start"]))
    return records


CSV_CHUNK = 256  # rows per chunk a streamed CSV yields


def iter_csv(rows: list[PlaceRows], sources: dict[str, str]) -> Iterator[str]:
    """Yield the CSV text in chunks: a header, then one formula-safe row per place mention.

    A passage's text is written once, in `notes` of the first row that cites it; later rows of the
    same passage leave `notes` empty and name it by article_id and passage_start/passage_end. So the
    file grows with the article, not with its mentions times its passages."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    written: set[tuple[str, int]] = set()
    for n, record in enumerate(csv_records(rows, sources), 1):
        article, start, text = record.pop("_passage")
        record["notes"] = "" if (article, start) in written else text
        written.add((article, start))
        writer.writerow({k: neutralise(v) for k, v in record.items()})
        if n % CSV_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def to_csv(rows: list[PlaceRows], sources: dict[str, str]) -> str:
    """Return the whole CSV text (iter_csv, joined)."""
    return "".join(iter_csv(rows, sources))
