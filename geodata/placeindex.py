"""The mapped places of one store revision, ready to serve: features serialised once, bbox and nearest by STRtree.

Reading `/api/places` used to decode every row and rebuild every GeoJSON Feature on each request, and
a popup scanned all places for the nearest two. A PlaceIndex is built once per store revision and
shared by the server's threads, so a request queries a tree and joins bytes.
"""

from __future__ import annotations

import json
import math
import threading
import weakref
from typing import Any

import numpy as np
from shapely import box, points
from shapely.strtree import STRtree

from geodata.geo.geometry import anchor, distance_km, relation
from geodata.geo.regions import locate_many
from geodata.models import Place
from geodata.store import Store

Key = tuple[int, str, str]
EARTH_KM = 6371.0
SHORTLIST = 6  # candidates ranked by geodesic distance beyond the n asked for, as geometry.nearest does


def sort_key(place: Place) -> Key:
    """Return the stable order of the places list: precision, name, then slug to break ties."""
    return (place.precision, place.name, place.slug)


def dumps(value: Any) -> bytes:
    """Serialise JSON the way every cached response is: UTF-8, compact."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class PlaceIndex:
    """Every mapped place of one revision in list order, with trees over the markers and each Feature as bytes.

    Built from the store's lean marker rows (slug, name, kind, precision, lon, lat, geometry JSON or
    None for points, passage count); a Feature is serialised the first time a response needs it and
    then kept for the revision, so the first request after start or after a write pays for its own page only.
    """

    def __init__(self, revision: int, rows: list[tuple]) -> None:
        rows = sorted(rows, key=lambda r: (r[3], r[1], r[0]))
        self.revision = revision
        self.rows = rows
        self.keys: list[Key] = [(r[3], r[1], r[0]) for r in rows]
        self.by_slug = {r[0]: i for i, r in enumerate(rows)}
        self.features: list[bytes | None] = [None] * len(rows)
        self.lon = np.array([r[4] for r in rows], dtype=float)
        self.lat = np.array([r[5] for r in rows], dtype=float)
        self.tree = STRtree(points(self.lon, self.lat)) if rows else None
        self.towns = np.array([i for i, r in enumerate(rows) if r[3] == 1], dtype=int)
        self.town_tree = STRtree(points(self.lon[self.towns], self.lat[self.towns])) if len(self.towns) else None

    def feature(self, i: int, store: Store) -> bytes:
        """Return the serialised Feature at position i, building it from the store the first time."""
        cached = self.features[i]
        if cached is None:
            from geodata.service import place_feature  # service imports this module

            place = store.place(self.rows[i][0])
            cached = self.features[i] = dumps(place_feature(place, self.rows[i][7]))
        return cached

    def serialise_all(self, store: Store) -> None:
        """Serialise every Feature not serialised yet (a server does this once, off the request path):
        one read of the places and one containment query per tree for all of them."""
        from geodata.service import place_feature

        todo = [i for i, f in enumerate(self.features) if f is None]
        stored = {p.slug: p for p in store.all_places()}
        places = {i: stored[self.rows[i][0]] for i in todo if self.rows[i][0] in stored}
        locate_many(list(places.values()))
        for i, place in places.items():
            if self.features[i] is None:
                self.features[i] = dumps(place_feature(place, self.rows[i][7]))

    def _place_at(self, i: int) -> Place:
        # enough of a Place for geometry.relation: slug, name and where its marker is
        slug, name, kind, precision, lon, lat, geometry, _ = self.rows[i]
        shape = json.loads(geometry) if geometry else {"type": "Point", "coordinates": [lon, lat]}
        return Place(slug=slug, name=name, kind=kind, precision=precision, geometry=shape, source="", gazetteer_id="")

    def __len__(self) -> int:
        return len(self.rows)

    def in_bbox(self, bbox: tuple[float, float, float, float] | None) -> list[int]:
        """Return the positions (in list order) of the places whose marker lies in the box, edges included."""
        if bbox is None:
            return list(range(len(self.rows)))
        if self.tree is None:
            return []
        return sorted(int(i) for i in self.tree.query(box(*bbox), predicate="intersects"))

    def page(self, positions: list[int], after: Key | None, limit: int) -> tuple[list[int], Key | None]:
        """Return up to limit positions after the key, and the key to resume from (None when none are left)."""
        if after is not None:
            lo = _bisect_keys(self.keys, positions, after)
            positions = positions[lo:]
        chosen = positions[:limit]
        return chosen, (self.keys[chosen[-1]] if len(positions) > limit else None)

    def nearest(self, place: Place, n: int = 2) -> list[dict[str, Any]]:
        """Return relations to the n nearest other towns, as geometry.nearest ranks them, from the tree."""
        if place.precision != 1 or self.town_tree is None:
            return []
        lat, lon = anchor(place)
        want = n + SHORTLIST
        half = 0.5
        while True:
            found = self._towns_in(lon, lat, half, half)
            found = [i for i in found if self.rows[i][0] != place.slug]
            dists = sorted((_rough_km(lat, lon, self.lat[i], self.lon[i]), i) for i in found)
            if len(found) >= want or half >= 360:
                if len(found) >= want:
                    # every town nearer than the want-th one lies inside this box: else widen to it
                    reach = dists[want - 1][0]
                    dlat, dlon = _degrees_around(lat, reach)
                    if dlat > half or dlon > half:
                        half = max(dlat, dlon) * 1.01
                        continue
                break
            half *= 4
        shortlist = sorted(dists[:want], key=lambda d: distance_km((lat, lon), (self.lat[d[1]], self.lon[d[1]])))
        return [relation(place, self._place_at(i)) for _, i in shortlist[:n]]

    def _towns_in(self, lon: float, lat: float, dlon: float, dlat: float) -> list[int]:
        query = box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        return [int(self.towns[j]) for j in self.town_tree.query(query)]


def _bisect_keys(keys: list[Key], positions: list[int], after: Key) -> int:
    lo, hi = 0, len(positions)
    while lo < hi:  # positions are in key order: the first one past `after`
        mid = (lo + hi) // 2
        if keys[positions[mid]] <= after:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _rough_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # the same equirectangular ranking as geometry._rough_km, on floats
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return EARTH_KM * math.hypot(x, y)


def _degrees_around(lat: float, km: float) -> tuple[float, float]:
    """Return the half-sizes in degrees of a box that holds every point within km (equirectangular) of lat."""
    dlat = math.degrees(km / EARTH_KM)
    edge = abs(lat) + dlat
    if edge >= 89.9:
        return dlat, 360.0
    return dlat, math.degrees(km / EARTH_KM) / math.cos(math.radians(edge))


_CACHE: dict[Any, PlaceIndex] = {}  # by database path or URL, the few most recent
_MEMORY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def place_index(store: Store) -> PlaceIndex:
    """Return the index of the store's current revision, built once and shared by every thread."""
    revision = store.revision()
    memory = store.path == ":memory:"
    hit = _MEMORY.get(store) if memory else _CACHE.get(store.path)
    if hit is not None and hit.revision == revision:
        return hit
    with _LOCK:  # one thread builds; the others wait for it instead of building the same thing
        hit = _MEMORY.get(store) if memory else _CACHE.get(store.path)
        if hit is not None and hit.revision == revision:
            return hit
        index = PlaceIndex(revision, store.marker_rows())
        if memory:
            _MEMORY[store] = index
        else:
            _CACHE.pop(store.path, None)
            _CACHE[store.path] = index
            while len(_CACHE) > 4:
                _CACHE.pop(next(iter(_CACHE)))
        return index
