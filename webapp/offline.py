"""The standalone HTML export: one file that draws the map opened from disk, with no network at all.

Everything is inlined: Leaflet and markercluster (JS, CSS, images as data: URIs), the app's own
static/app.js (the same file the web app serves, read at export time, not a copy), folium's map
shell, the Natural Earth basemap and the data. Untrusted text travels only as JSON inside
<script type="application/json"> blocks with <, > and & escaped, and app.js puts it into the page
as DOM text nodes. A Content-Security-Policy meta tag allows exactly the inlined scripts (by
hash) and data: images, so the file cannot reach the network even if a script tried.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path
from typing import Any

from geodata.service import basemap_bytes
from webapp.mapshell import build_map, page_scripts

STATIC_DIR = Path(__file__).resolve().parent / "static"
STYLES = (
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
    "app.css",
)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")
# Leaflet looks for its marker images beside leaflet.css; inlined, they are data: URIs instead
_ICON_SHIM = """(function () {
  "use strict";
  var urls = %s;
  L.Icon.Default.include({ _getIconUrl: function (name) { return urls[name]; } });
})();"""


def json_for_script(value: Any) -> str:
    """Return value as JSON that cannot end or open markup inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def data_uri(path: Path, mime: str = "image/png") -> str:
    """Return a file's bytes as a base64 data: URI."""
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(static_dir: Path, name: str) -> str:
    """Return a stylesheet with its relative image URLs replaced by data: URIs."""
    path = static_dir / name
    css = path.read_text(encoding="utf-8")
    return _CSS_URL.sub(lambda m: f'url("{data_uri(path.parent / m.group(2))}")', css)


def _script(text: str) -> str:
    if re.search(r"</script|<!--", text, re.I):
        raise ValueError("an inlined script holds '</script' or '<!--' and would break out of its element")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _sidebar(data: dict[str, Any]) -> str:
    items = []
    for f in data["features"]:
        p = f["properties"]
        n = p.get("passage_count", len(p.get("passages", [])))
        items.append(
            f'<li><button type="button" class="place-item" data-place="{escape(f["id"])}">'
            f'<span class="place-name">{escape(p["name"])}</span>'
            f'<span class="place-meta">{escape(p["kind"])} · {n} passage{"" if n == 1 else "s"}</span></button></li>'
        )
    return (
        '<aside id="sidebar" class="sidebar" aria-label="Places">'
        f'<h2 id="places-heading">Places <span class="count">({len(items)})</span></h2>'
        f'<ul id="place-list" class="place-list" aria-labelledby="places-heading">{"".join(items)}</ul>'
        '<p class="credits">Basemap: Natural Earth (public domain). Place names: GeoNames (CC BY 4.0) and curated '
        "records; every popup names its source. Exported from Conflict Map; works offline.</p></aside>"
    )


def standalone_html(data: dict[str, Any], *, title: str = "Conflict Map", static_dir: Path = STATIC_DIR) -> str:
    """Return one self-contained HTML document showing data (as map_data returns it) on the map."""
    fmap = build_map()
    config = {"map": fmap.name, "cluster": fmap.cluster, "open": None, "basemap": None, "standalone": True}
    images = static_dir / "vendor" / "leaflet" / "images"
    icons = {"icon": data_uri(images / "marker-icon-2x.png"), "shadow": data_uri(images / "marker-shadow.png")}
    scripts = [
        _script((static_dir / "vendor/leaflet/leaflet.js").read_text(encoding="utf-8")),
        _script((static_dir / "vendor/leaflet.markercluster/leaflet.markercluster.js").read_text(encoding="utf-8")),
        _ICON_SHIM % json.dumps(icons),
        _script(fmap.script),
        *(_script((static_dir / name).read_text(encoding="utf-8")) for name in page_scripts("export")),
    ]
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_csp_hash(s) for s in scripts),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    basemap = json.loads(basemap_bytes())
    styles = "\n".join(f"<style>{inline_css(static_dir, name)}</style>" for name in STYLES)
    return "\n".join([
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        styles,
        "</head>",
        '<body class="map-page">',
        f'<header class="topbar"><span class="brand">{escape(title)}</span>'
        '<button type="button" id="sidebar-toggle" class="sidebar-toggle" aria-controls="sidebar" '
        'aria-expanded="true">Places</button></header>',
        f'<main class="layout">{_sidebar(data)}'
        f'<div id="{escape(fmap.name)}" class="map" role="region" aria-label="Map of the places the articles name">'
        "</div></main>",
        f'<script type="application/json" id="map-config">{json_for_script(config)}</script>',
        f'<script type="application/json" id="map-data">{json_for_script(data)}</script>',
        f'<script type="application/json" id="map-basemap">{json_for_script(basemap)}</script>',
        *(f"<script>{s}</script>" for s in scripts),
        "</body>",
        "</html>",
        "",
    ])
