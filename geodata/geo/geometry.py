"""Geometry (shapely) and geodesic distances (geopy) for places."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from shapely.geometry import MultiPoint, shape
from shapely.geometry.base import BaseGeometry

from geodata.models import Place

_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


def geometry_of(place: Place) -> BaseGeometry:
    """Return the place's geometry as a shapely object."""
    return shape(place.geometry)


def anchor(place: Place) -> tuple[float, float]:
    """Return the (lat, lon) where the place's marker goes (Place.anchor, computed once per place)."""
    return place.anchor


def marker_point(geometry: dict[str, Any]) -> tuple[float, float]:
    """Return the (lat, lon) of a marker for a GeoJSON geometry: the point itself, or a point on the line or area."""
    if geometry.get("type") == "Point":  # most places: no need for shapely
        lon, lat = geometry["coordinates"][:2]
        return float(lat), float(lon)
    geom = shape(geometry)
    if geom.geom_type == "Point":
        return geom.y, geom.x
    if geom.geom_type in ("LineString", "MultiLineString"):
        # the middle of the line's length, so a river's marker sits on the river
        lines = list(getattr(geom, "geoms", [geom]))
        longest = max(lines, key=lambda line: line.length)
        point = longest.interpolate(0.5, normalized=True)
        return point.y, point.x
    point = geom.representative_point()
    return point.y, point.x


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the geodesic (WGS84) distance between two (lat, lon) points in km."""
    # imported here: `import geopy` loads every geocoder (~0.5 s), which start-up should not pay
    from geopy.distance import geodesic

    return geodesic(a, b).km


def bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the initial bearing from a to b, degrees clockwise from north."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlon = math.radians(b[1] - a[1])
    x = math.sin(dlon) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def compass(degrees: float) -> str:
    """Return the eight-point compass direction of a bearing."""
    return _COMPASS[int((degrees + 22.5) % 360 // 45)]


def relation(place: Place, other: Place) -> dict[str, Any]:
    """Describe where place lies from other: distance, direction and a sentence such as '29 km south-east of Hajin'."""
    here, there = anchor(place), anchor(other)
    km = distance_km(there, here)
    direction = compass(bearing_deg(there, here))
    return {
        "slug": other.slug,
        "name": other.name,
        "km": round(km, 1),
        "direction": direction,
        "text": f"{km:.0f} km {direction} of {other.name}",
    }


def _rough_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    # equirectangular approximation: good enough to pick candidates for the geodesic ranking
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    y = math.radians(b[0] - a[0])
    return 6371.0 * math.hypot(x, y)


def nearest(place: Place, others: Iterable[Place], n: int = 2) -> list[dict[str, Any]]:
    """Return relations to the n nearest other point-like places (towns, villages, cities)."""
    if place.precision != 1:
        return []
    here = anchor(place)
    candidates = [(o, anchor(o)) for o in others if o.slug != place.slug and o.precision == 1]
    # rank every candidate cheaply, then only the closest few by geodesic distance
    candidates.sort(key=lambda c: _rough_km(here, c[1]))
    shortlist = sorted(candidates[: n + 6], key=lambda c: distance_km(here, c[1]))
    return [relation(place, o) for o, _ in shortlist[:n]]


def bounds(places: Iterable[Place]) -> tuple[float, float, float, float] | None:
    """Return (min_lon, min_lat, max_lon, max_lat) around the places' markers, or None when there are none."""
    points = [(lon, lat) for lat, lon in map(anchor, places)]
    if not points:
        return None
    return MultiPoint(points).bounds


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse 'minlon,minlat,maxlon,maxlat' (WGS84 degrees) or raise ValueError saying what is wrong."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError("bbox must be four numbers: minlon,minlat,maxlon,maxlat")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise ValueError("bbox must be four numbers: minlon,minlat,maxlon,maxlat") from None
    if not all(math.isfinite(v) for v in (minlon, minlat, maxlon, maxlat)):
        raise ValueError("bbox numbers must be finite")
    if not (-180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise ValueError("bbox must satisfy -180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90")
    return minlon, minlat, maxlon, maxlat
