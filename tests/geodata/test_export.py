"""Exports round-trip: parse each format back and find the store's places, coordinates and passages."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from click.testing import CliRunner
from shapely.geometry import shape

from geodata.export import ExportError, export
from geodata.export.formats import neutralise, rfc7946_geometry
from geodata.geo.geometry import anchor
from geodata.models import Article
from geodata.service import add_articles, open_store
from webapp.cli import cli

SEED = "baghouz-2019-02-17"
KML = "{http://www.opengis.net/kml/2.2}"
HOSTILE = Article(
    id="hostile-1",
    title="=HYPERLINK(\"http://evil.example\") <script>alert(1)</script>",
    text="-2+3 in Hajin, where <img src=x onerror=alert(2)> and ${alert(3)} and `tick` & ampersand.\n\n"
         "@SUM(A1) Raqqa قرب الرقة\x0b.",
    published="2019-03-01",
    source="+cmd|' /C calc'!A0",
)


def expected(store, article=None):
    """Return {slug: (place, [verbatim passages])} as the store holds them."""
    out = {}
    for place, _ in store.places(article=article):
        passages = [p for p in store.passages_of(place.slug) if article is None or p["article"] == article]
        out[place.slug] = (place, passages)
    return out


def unneutralise(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


@pytest.fixture
def hostile_store(store):
    add_articles(store, [HOSTILE])
    return store


@pytest.mark.parametrize("article", [None, SEED, "hostile-1"])
def test_geojson_round_trip(hostile_store, article):
    store = hostile_store
    fc = json.loads(export(store, "geojson", article))
    want = expected(store, article)
    assert fc["type"] == "FeatureCollection"
    assert {f["id"] for f in fc["features"]} == set(want)
    for f in fc["features"]:
        place, passages = want[f["id"]]
        assert shape(f["geometry"]).equals(shape(place.geometry))
        lat, lon = anchor(place)
        assert f["properties"]["marker"] == [round(lon, 6), round(lat, 6)]
        for key in ("source", "gazetteer_id", "precision", "origin"):
            assert f["properties"][key] == getattr(place, key)
        got = f["properties"]["passages"]
        assert [(p["article"], p["start"], p["end"], p["text"]) for p in got] == [
            (p["article"], p["start"], p["end"], p["text"]) for p in passages
        ]
        for p in got:
            assert p["text"] == store.article(p["article"]).text[p["start"] : p["end"]]
            assert p["title"] == store.article(p["article"]).title and p["published"]


def test_geojson_polygons_follow_the_right_hand_rule():
    clockwise = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    ring = shape(rfc7946_geometry(clockwise)).exterior
    assert ring.is_ccw
    multi = {"type": "MultiPolygon", "coordinates": [clockwise["coordinates"]]}
    assert all(p.exterior.is_ccw for p in shape(rfc7946_geometry(multi)).geoms)
    point = {"type": "Point", "coordinates": [40.9, 34.4]}
    assert rfc7946_geometry(point) == point


@pytest.mark.parametrize("article", [None, "hostile-1"])
def test_kml_round_trip(hostile_store, article):
    store = hostile_store
    root = ET.fromstring(export(store, "kml", article))
    assert root.tag == KML + "kml"
    want = expected(store, article)
    marks = root.findall(f"{KML}Document/{KML}Placemark")
    assert {m.get("id") for m in marks} == set(want)
    for mark in marks:
        place, passages = want[mark.get("id")]
        assert mark.findtext(KML + "name") == place.name
        data = {d.get("name"): d.findtext(KML + "value") for d in mark.iter(KML + "Data")}
        assert data["source"] == place.source and data["gazetteer_id"] == place.gazetteer_id
        assert json.loads(data["passages"]) == [{"article": p["article"], "start": p["start"], "end": p["end"]} for p in passages]
        point = next(mark.iter(KML + "Point")).findtext(KML + "coordinates")
        lat, lon = anchor(place)
        assert [float(v) for v in point.split(",")] == pytest.approx([lon, lat])
        if place.kind == "river":
            lines = [[tuple(map(float, xy.split(","))) for xy in ls.findtext(KML + "coordinates").split()]
                     for ls in mark.iter(KML + "LineString")]
            assert shape({"type": "MultiLineString", "coordinates": lines}).equals(shape(place.geometry))
        # the description is HTML: its passages are the verbatim text, HTML-escaped
        description = mark.findtext(KML + "description")
        quotes = [unescape(q) for q in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", description, re.S)]
        assert quotes == [p["text"].replace("\x0b", "\ufffd") for p in passages]
        assert "<script" not in description and "<img" not in description


def test_csv_round_trip_one_row_per_mention(hostile_store):
    store = hostile_store
    raw = export(store, "csv")
    assert isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    want = expected(store)
    mentions = {(m.article_id, m.start, m.end, m.place_slug) for a in ("hostile-1", SEED) for m in store.mentions_of(a)}
    assert {(r["article_id"], int(r["start"]), int(r["end"]), r["place_slug"]) for r in rows} == mentions
    assert len(rows) == len(mentions)
    seen: set[tuple[str, str]] = set()
    for r in rows:
        place, passages = want[r["place_slug"]]
        article = store.article(r["article_id"])
        lat, lon = anchor(place)
        assert (float(r["latitude"]), float(r["longitude"])) == pytest.approx((lat, lon), abs=1e-6)
        assert int(r["geo_precision"]) == place.precision and r["location"] == place.name
        assert unneutralise(r["mention"]) == article.text[int(r["start"]) : int(r["end"])]
        # a passage's text is written once, on the first row citing it; later rows name it by its offsets
        key = (r["article_id"], r["passage_start"])
        assert (r["notes"] == "") == (key in seen)
        if key not in seen:
            assert unneutralise(r["notes"]) == article.text[int(r["passage_start"]) : int(r["passage_end"])]
        seen.add(key)
        assert r["event_date"] <= article.published  # an event is reported on or after it happens
    arabic = [r for r in rows if r["article_id"] == "hostile-1" and r["place_slug"] == "raqqa"]
    assert any("قرب الرقة" in r["notes"] for r in arabic)
    assert not raw.decode("utf-8-sig").count("\ufffd")


def test_csv_neutralises_formulas(hostile_store):
    rows = list(csv.DictReader(io.StringIO(export(hostile_store, "csv", "hostile-1").decode("utf-8-sig"))))
    assert rows
    for r in rows:
        assert r["article_title"].startswith("'=HYPERLINK")
        assert r["source"].startswith("'+cmd")
        for value in r.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            # negative numbers stay numbers; text starting with '-' is quoted
            if value.startswith("-"):
                float(value)
    notes = {r["notes"] for r in rows}
    assert "'-2+3 in Hajin, where <img src=x onerror=alert(2)> and ${alert(3)} and `tick` & ampersand." in notes
    assert any(n.startswith("'@SUM(A1)") for n in notes)
    for cell in ("=1+1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralise(cell) == "'" + cell
    assert neutralise("Hajin") == "Hajin" and neutralise(-3.5) == -3.5


def test_csv_without_bom(store):
    assert export(store, "csv", bom=False).startswith(b"event_date,")


def test_html_export_inlines_everything_and_keeps_text_inert(hostile_store):
    html = export(hostile_store, "html")
    assert "<script src" not in html and "<link" not in html and "http://" not in html.split("</head>")[0]
    for url in re.findall(r"url\((['\"]?)([^'\")]*)", html):
        assert url[1].startswith(("data:", "#default#VML")), url
    assert not re.search(r"""\s(?:src|href)=["']?(?!#)""", html.split("<script")[0])
    blocks = dict(re.findall(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', html, re.S))
    assert set(blocks) == {"map-config", "map-data", "map-basemap"}
    data = json.loads(blocks["map-data"])
    assert {f["id"] for f in data["features"]} == set(expected(hostile_store))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "\\u003cscript\\u003ealert(1)" in html
    # no JSON block can end its element or open a comment: every < (and >, &, ') is a \\u escape
    assert not any(re.search("[<>&']", block) for block in blocks.values())
    assert "قرب الرقة" in blocks["map-data"]  # text as written, not \\u-escaped


def test_unknown_format_and_article_are_refused(store):
    with pytest.raises(ExportError, match="format"):
        export(store, "shp")
    for fmt in ("geojson", "kml", "csv", "html"):
        with pytest.raises(ExportError, match="nope"):
            export(store, fmt, "nope")


def test_cli_export_to_stdout_and_file(tmp_path):
    db = str(tmp_path / "cli.sqlite")
    open_store(db).close()
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", db, "--format", "geojson"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout_bytes)["type"] == "FeatureCollection"
    out = tmp_path / "seed.csv"
    result = runner.invoke(cli, ["export", "--db", db, "--format", "csv", "--article", SEED, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfevent_date,")
    result = runner.invoke(cli, ["export", "--db", db, "--format", "kml", "--article", "missing"])
    assert result.exit_code != 0 and "missing" in result.output


def test_csv_event_dates_come_from_the_passage_words(store):
    rows = list(csv.DictReader(io.StringIO(export(store, "csv", SEED).decode("utf-8-sig"))))
    by_location = {}
    for r in rows:
        by_location.setdefault(r["location"], r)
    # "fell to the SDF in December", reported 17 Feb 2019: December 2018, a month
    assert (by_location["Hajin"]["event_date"], by_location["Hajin"]["time_precision"]) == ("2018-12-01", "3")
    # "in the summer of 2017"
    assert by_location["Raqqa"]["event_date"].startswith("2017-06")
    # a passage with no dating words falls back to the publication date, at month precision
    assert (by_location["Al-Susah"]["event_date"], by_location["Al-Susah"]["time_precision"]) == ("2019-02-17", "3")
