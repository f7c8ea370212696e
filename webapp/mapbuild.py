"""The folium map shell the pages use; built in webapp.mapshell so the HTML export shares it."""

from flask import current_app

from webapp.mapshell import FoliumMap, build_map, escape_for_folium

# every page loads the basemap as encoded polylines (47 KB); /api/basemap (GeoJSON, 166 KB) is for other tools
BASEMAP_URL = "/api/basemap/compact"

__all__ = ["BASEMAP_URL", "FoliumMap", "app_map", "build_map", "escape_for_folium"]


def app_map() -> FoliumMap:
    """Return the map shell with the app's configured tile layer."""
    return build_map(tile_url=current_app.config["TILE_URL"], tile_attribution=current_app.config["TILE_ATTRIBUTION"])
