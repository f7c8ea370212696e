"""The folium map shell the pages use; built in webapp.mapshell so the HTML export shares it."""

from flask import current_app

from webapp.mapshell import FoliumMap, build_map, escape_for_folium

# every page loads the basemap as encoded polylines (47 KB); /api/basemap (GeoJSON, 166 KB) is for other tools
BASEMAP_URL = "/api/basemap/compact"
# country, city and river names drawn over the basemap (geodata/data/labels.json, tools/build_labels.py)
LABELS_URL = "/map/labels.json"

__all__ = ["BASEMAP_URL", "LABELS_URL", "FoliumMap", "app_map", "build_map", "escape_for_folium", "tile_config"]


def app_map() -> FoliumMap:
    """Return the map shell; tiles come from tile_config(), drawn by the page only when switched on."""
    return build_map()


def tile_config() -> dict | None:
    """Return the tile source the page offers (url, attribution, on by default?), or None for none."""
    url = current_app.config["TILE_URL"]
    if not url:
        return None
    return {"url": url, "attribution": current_app.config["TILE_ATTRIBUTION"], "on": bool(current_app.config["TILES_ON"])}
