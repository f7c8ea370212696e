"""The folium map shell the pages use; built in geodata.mapshell so the HTML export shares it."""

from geodata.mapshell import FoliumMap, build_map, escape_for_folium

__all__ = ["FoliumMap", "build_map", "escape_for_folium"]
