"""Marker clusters computed on the server, so a large archive's map page loads only what its view shows.

A view holding at most ALL_MARKERS places shows each of them. Beyond, a place index's markers are
grouped on a grid of CELL_PX screen pixels at each zoom (Web Mercator, 256-pixel tiles): a cell
holding one place gives that place's marker, a cell holding more gives a cluster at the mean of its
markers, with its count and the box around them (clicking it zooms to that box). Past
MAX_CLUSTER_ZOOM every place stands alone. Grids are made once per zoom and revision.
"""

from __future__ import annotations

import json
import math
import threading
from typing import Any

import numpy as np

from geodata.placeindex import PlaceIndex

CELL_PX = 80
MAX_CLUSTER_ZOOM = 12
MAX_ZOOM = 18
MAX_MARKERS = 2000  # markers in one answer at most; a view holding more gets clusters from the zoom above
ALL_MARKERS = 200  # a view holding no more places than this shows each of them, unclustered
_LOCK = threading.Lock()


def first_view(index: PlaceIndex) -> dict[str, Any]:
    """Return what the map page of a large archive carries instead of every marker: the box of the first
    view (towns and rivers, not country points, when there are any), the rivers' lines, and counts."""
    towns = np.array([r[3] < 3 for r in index.rows], dtype=bool)
    fit = towns if towns.any() else np.ones(len(index.rows), dtype=bool)
    bbox = None
    if fit.any():
        bbox = (float(index.lon[fit].min()), float(index.lat[fit].min()),
                float(index.lon[fit].max()), float(index.lat[fit].max()))
    lines = [marker_row(index, i) for i, r in enumerate(index.rows) if r[6] and "LineString" in r[6]]
    return {"bbox": bbox, "lines": lines, "count": len(index.rows)}


def most_quoted(index: PlaceIndex, n: int) -> list[list[Any]]:
    """Return the compact rows of the n places named by the most passages."""
    order = sorted(range(len(index.rows)), key=lambda i: (-index.rows[i][7], index.keys[i]))[:n]
    return [marker_row(index, i) for i in order]


def _pixels(lon: np.ndarray, lat: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    size = 256.0 * 2**zoom
    lat = np.clip(lat, -85.05112878, 85.05112878)
    x = (lon + 180.0) / 360.0 * size
    s = np.sin(np.radians(lat))
    y = (0.5 - np.log((1 + s) / (1 - s)) / (4 * math.pi)) * size
    return x, y


class Grid:
    """The clusters of one zoom: for each non-empty cell its count, centre, box, and its place if alone."""

    def __init__(self, index: PlaceIndex, zoom: int) -> None:
        x, y = _pixels(index.lon, index.lat, zoom)
        cells = np.floor(x / CELL_PX).astype(np.int64) * (1 << 32) + np.floor(y / CELL_PX).astype(np.int64)
        _, inverse, counts = np.unique(cells, return_inverse=True, return_counts=True)
        self.count = counts
        self.lon = np.bincount(inverse, weights=index.lon) / counts
        self.lat = np.bincount(inverse, weights=index.lat) / counts
        n = len(counts)
        self.box = np.empty((n, 4))
        for col, (values, fn) in enumerate(((index.lon, np.minimum), (index.lat, np.minimum),
                                            (index.lon, np.maximum), (index.lat, np.maximum))):
            start = np.full(n, np.inf if fn is np.minimum else -np.inf)
            fn.at(start, inverse, values)
            self.box[:, col] = start
        self.single = np.full(n, -1, dtype=np.int64)
        alone = counts[inverse] == 1
        self.single[inverse[alone]] = np.nonzero(alone)[0]


def grid(index: PlaceIndex, zoom: int) -> Grid:
    """Return the index's grid at zoom (made on first use and kept with the index)."""
    grids = index.__dict__.setdefault("_grids", {})
    hit = grids.get(zoom)
    if hit is None:
        with _LOCK:
            hit = grids.get(zoom) or grids.setdefault(zoom, Grid(index, zoom))
    return hit


def warm_grids(index: PlaceIndex) -> None:
    """Make the grids of every cluster zoom now (a few milliseconds each), off the request path."""
    for zoom in range(MAX_CLUSTER_ZOOM + 1):
        grid(index, zoom)


def view(index: PlaceIndex, bbox: tuple[float, float, float, float], zoom: int) -> dict[str, Any]:
    """Return what a map view shows: `clusters` [lon, lat, count, [minlon, minlat, maxlon, maxlat]] and
    `markers` (compact rows as the map page draws them: slug, name, kind, precision, lon, lat,
    geometry or null, passage count)."""
    zoom = max(0, min(int(zoom), MAX_ZOOM))
    positions = index.in_bbox(bbox)
    if len(positions) <= ALL_MARKERS or (zoom > MAX_CLUSTER_ZOOM and len(positions) <= MAX_MARKERS):
        return {"zoom": zoom, "clusters": [], "markers": [marker_row(index, i) for i in positions]}
    zoom = min(zoom, MAX_CLUSTER_ZOOM)
    g = grid(index, zoom)
    inside = np.nonzero((g.lon >= bbox[0]) & (g.lon <= bbox[2]) & (g.lat >= bbox[1]) & (g.lat <= bbox[3]))[0]
    clusters, markers = [], []
    for c in inside.tolist():
        if g.single[c] >= 0:
            markers.append(marker_row(index, int(g.single[c])))
        else:
            clusters.append([round(float(g.lon[c]), 5), round(float(g.lat[c]), 5), int(g.count[c]),
                             [round(float(v), 5) for v in g.box[c]]])
    return {"zoom": zoom, "clusters": clusters, "markers": markers}


def marker_row(index: PlaceIndex, i: int) -> list[Any]:
    """Return the compact marker row of the place at position i."""
    slug, name, kind, precision, lon, lat, geometry, n = index.rows[i]
    return [slug, name, kind, precision, round(lon, 5), round(lat, 5), json.loads(geometry) if geometry else None, n]
