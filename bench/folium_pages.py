"""folium pages for the comparison, with every CDN URL rewritten to local copies from the npm registry.

`make bench` installs the exact versions folium links to into build/bench-vendor (npm), so the
folium pages load the same bytes they would from the CDNs, without a network.
"""

from __future__ import annotations

import html
from pathlib import Path

import folium
from folium.plugins import FastMarkerCluster, MarkerCluster

VENDOR = Path(__file__).resolve().parent.parent / "build" / "bench-vendor" / "node_modules"

# folium's CDN URL -> file under VENDOR ('' : no package holds it, served as an empty file and said so)
LOCAL = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js":
        "drmonty-leaflet-awesome-markers/js/leaflet.awesome-markers.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css":
        "drmonty-leaflet-awesome-markers/css/leaflet.awesome-markers.css",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css":
        "@fortawesome/fontawesome-free/css/all.min.css",
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": "",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": "",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js":
        "leaflet.markercluster/dist/leaflet.markercluster.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css":
        "leaflet.markercluster/dist/MarkerCluster.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css":
        "leaflet.markercluster/dist/MarkerCluster.Default.css",
}
MISSING_NOTE = "glyphicons 3.0.0 CSS and folium's rotate CSS are on no npm package: served empty (folium's weight is under-counted)"


def localise(page: str) -> str:
    """Point every CDN URL of a folium page at /vendor/..."""
    for url, local in LOCAL.items():
        page = page.replace(url, "/vendor/" + (local or "empty.css"))
    if "https://cdn" in page or "https://code." in page or "https://netdna" in page:
        raise RuntimeError("a folium CDN URL was not rewritten; update LOCAL")
    return page


def vendor_file(path: str) -> bytes | None:
    """Return the bytes of /vendor/<path>, or None."""
    if path == "empty.css":
        return b""
    target = (VENDOR / path).resolve()
    if VENDOR.resolve() not in target.parents or not target.is_file():
        return None
    return target.read_bytes()


def markers_page(points: list[tuple[float, float, str]], kind: str, tiles: str | None = "OpenStreetMap") -> str:
    """Return a folium page with the points as 'markers' (default Marker), 'canvas' (CircleMarkers on a
    canvas renderer) or 'fastcluster' (FastMarkerCluster); points are (lat, lon, name). With OpenStreetMap
    tiles by default (answered locally by the benchmark): markercluster needs the maxZoom they give."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    fmap = folium.Map(tiles=tiles, prefer_canvas=(kind == "canvas"))
    fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    if kind == "markers":
        for lat, lon, name in points:
            folium.Marker([lat, lon], tooltip=html.escape(name)).add_to(fmap)
    elif kind == "canvas":
        for lat, lon, name in points:
            folium.CircleMarker([lat, lon], radius=4, weight=1, fill=True, tooltip=html.escape(name)).add_to(fmap)
    elif kind == "fastcluster":
        FastMarkerCluster([[lat, lon] for lat, lon, _ in points]).add_to(fmap)
    elif kind == "cluster":
        cluster = MarkerCluster().add_to(fmap)
        for lat, lon, name in points:
            folium.Marker([lat, lon], tooltip=html.escape(name)).add_to(cluster)
    else:
        raise ValueError(kind)
    return localise(fmap.get_root().render())


def default_page(places: list[dict]) -> str:
    """A default folium page (OpenStreetMap tiles, Marker + Popup per place) for the seed's places."""
    lats = [p["lat"] for p in places]
    lons = [p["lon"] for p in places]
    fmap = folium.Map()
    fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    for p in places:
        body = "".join(f"<blockquote>{html.escape(t)}</blockquote>" for t in p["passages"])
        folium.Marker([p["lat"], p["lon"]], tooltip=html.escape(p["name"]),
                      popup=folium.Popup(f"<h3>{html.escape(p['name'])}</h3>{body}", max_width=360)).add_to(fmap)
    return localise(fmap.get_root().render())
