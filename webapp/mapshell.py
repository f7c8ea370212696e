"""Build the Leaflet map shell with folium, for the app's page and for the standalone HTML export.

folium is not Flask: this lives in geodata so the HTML export can use it without the web app.

folium makes the map and the marker-cluster layer (tiles are opt-in, added by static/tiles.js). Its CDN links are
dropped (the app serves Leaflet itself) and its script runs under the page's CSP nonce.
Markers and popups are built by static/app.js from the page's JSON data rather than by
folium: folium's popups need jQuery and put each popup's HTML into a JS template string,
which is exactly where untrusted article text must never go.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import folium
from folium.plugins import MarkerCluster


def escape_for_folium(text: str) -> str:
    """Escape text for folium popups, tooltips and layer names: HTML, plus `$` and backtick for JS template strings."""
    return html.escape(text, quote=True).replace("$", "&#36;").replace("`", "&#96;")


# The page's own modules (webapp/static/), in load order: shared helpers first, app.js last (it starts
# the map after the page's extra modules have registered for its "conflictmap:init" event).
CORE_SCRIPTS = ("util.js", "popups.js", "basemap.js", "labels.js", "tiles.js", "markers.js", "archive.js", "list.js")
PAGE_SCRIPTS = {
    "map": ("filters.js", "events.js", "layers.js", "search.js", "corrections.js", "grouping.js"),
    "article": ("reading.js", "events.js", "layers.js", "corrections.js", "grouping.js"),
    "embed": (),
    "export": (),
}


def page_scripts(page: str) -> tuple[str, ...]:
    """Return the static scripts a page kind ("map", "article", "embed", "export") loads, in order."""
    return (*CORE_SCRIPTS, *PAGE_SCRIPTS[page], "app.js")


@dataclass(frozen=True)
class FoliumMap:
    """The parts of a folium map the page template places: the element id and the script."""

    name: str
    cluster: str
    script: str


def build_map() -> FoliumMap:
    """Return a folium map without tiles and with an empty marker-cluster layer."""
    # the marker cluster needs a maxZoom even when there is no tile layer to give one
    fmap = folium.Map(location=None, tiles=None, control_scale=True, zoom_start=2, world_copy_jump=True, **{"maxZoom": 18})
    cluster = MarkerCluster(
        name=escape_for_folium("Places"),
        # Baghouz and Al-Susah are 9 km apart: clusters open to show both, and spread them at max zoom
        options={"showCoverageOnHover": False, "maxClusterRadius": 40, "spiderfyOnMaxZoom": True},
    ).add_to(fmap)
    root = fmap.get_root()
    root.render()
    return FoliumMap(name=fmap.get_name(), cluster=cluster.get_name(), script=root.script.render())
