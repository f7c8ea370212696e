"""Encoded polylines (Google's algorithm) for the basemap: coordinates as deltas of scaled integers,
five bits to a printable character. The countries' 184 KB of GeoJSON become about 40 KB.

The text is the standard format, latitude first in each pair, so any polyline decoder (the
`polyline` package, Leaflet plugins, Mapbox's) reads it; the functions here take and give GeoJSON's
[lon, lat] pairs and swap at the boundary.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any


def _encode_value(value: int) -> str:
    value = ~(value << 1) if value < 0 else value << 1
    out = []
    while value >= 0x20:
        out.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    out.append(chr(value + 63))
    return "".join(out)


def encode(coords: Sequence[Sequence[float]], precision: int = 2) -> str:
    """Encode GeoJSON [lon, lat] pairs, rounded to `precision` decimals, as a standard (lat, lon) polyline."""
    factor = 10**precision
    out, plat, plon = [], 0, 0
    for lon, lat in ((c[0], c[1]) for c in coords):
        y, x = round(lat * factor), round(lon * factor)
        out.append(_encode_value(y - plat) + _encode_value(x - plon))
        plat, plon = y, x
    return "".join(out)


def decode(text: str, precision: int = 2) -> list[list[float]]:
    """Decode a standard (lat, lon) polyline to GeoJSON [lon, lat] pairs."""
    values, shift, result = [], 0, 0
    for ch in text:
        b = ord(ch) - 63
        result |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift, result = 0, 0
    factor, coords, lat, lon = 10**precision, [], 0, 0
    for dlat, dlon in zip(values[::2], values[1::2]):
        lat, lon = lat + dlat, lon + dlon
        coords.append([lon / factor, lat / factor])
    return coords


def _parts(geometry: dict[str, Any]) -> list[list[Sequence[Sequence[float]]]]:
    """Return the geometry as a list of parts, each a list of rings or lines."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    if kind == "LineString":
        return [[coords]]
    if kind == "MultiLineString":
        return [list(coords)]
    raise ValueError(f"cannot encode a {kind}")


def encode_collection(collection: dict[str, Any], precision: int) -> dict[str, Any]:
    """Encode a FeatureCollection of (multi)polygons or (multi)lines compactly."""
    features = []
    for f in collection["features"]:
        kind = "Polygon" if "Polygon" in f["geometry"]["type"] else "Line"
        features.append({"name": (f.get("properties") or {}).get("name", ""), "type": kind,
                         "parts": [[encode(ring, precision) for ring in part] for part in _parts(f["geometry"])]})
    return {"precision": precision, "features": features}


@lru_cache(maxsize=4)
def compact_basemap(path: Path) -> bytes:
    """Return a basemap JSON file with its countries and rivers as encoded polylines."""
    base = json.loads(Path(path).read_text(encoding="utf-8"))
    compact = {
        "format": "polyline",
        "attribution": base.get("attribution", ""),
        "countries": encode_collection(base["countries"], 2),
        "rivers": encode_collection(base["rivers"], 3),
    }
    return json.dumps(compact, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
