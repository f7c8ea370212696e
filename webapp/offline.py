"""The standalone HTML export: one file that draws the map opened from disk, with no network at all.

Everything is inlined: Leaflet and markercluster (JS, CSS, images as data: URIs), the app's own
static scripts (the same files the web app serves, read at export time, not copies), folium's map
shell, the Natural Earth basemap and the data. The page is templates/offline.html, rendered by a
Jinja environment of its own (no Flask app needed, so `export --format html` runs without one).
Untrusted text travels only as JSON inside <script type="application/json"> blocks, escaped by
Jinja's tojson (<, >, & and ' as \\u escapes), and the scripts put it into the page as DOM text
nodes. A Content-Security-Policy meta tag allows exactly the inlined scripts (by hash) and data:
images, so the file cannot reach the network even if a script tried.

The format joins the export registry (geodata.export) here, when the web app is imported: the
CLI, the route, OpenAPI and the download menu then offer it like the domain's own formats.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from geodata.export import ExportFormat, register
from geodata.export.formats import export_title
from geodata.service import basemap_bytes, map_data
from geodata.store import Store

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                        autoescape=select_autoescape(default=True), keep_trailing_newline=True)
# compact JSON, text as written (not \u-escaped Arabic), keys in the order the domain gives them
TEMPLATES.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
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


def _places(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the side list's entries: each place's slug, name, kind and number of passages."""
    places = []
    for f in data["features"]:
        p = f["properties"]
        places.append({"slug": f["id"], "name": p["name"], "kind": p["kind"],
                       "passages": p.get("passage_count", len(p.get("passages", [])))})
    return places


def standalone_html(data: dict[str, Any], *, title: str = "Conflict Map", static_dir: Path = STATIC_DIR) -> str:
    """Return one self-contained HTML document showing data (as map_data returns it) on the map."""
    # folium is imported only when an HTML export is written, not by every command that imports the app
    from webapp.mapshell import build_map, page_scripts

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
    return TEMPLATES.get_template("offline.html").render(
        title=title, csp=csp, map_name=fmap.name, places=_places(data), config=config, data=data,
        basemap=json.loads(basemap_bytes()), styles=[inline_css(static_dir, name) for name in STYLES], scripts=scripts,
    )


def _write_html(store: Store, article: str | None, *, bom: bool = True) -> str:
    return standalone_html(map_data(store, article=article), title=export_title(store, article))


def register_html() -> ExportFormat:
    """Add the offline HTML map to the export registry (webapp/__init__.py does, once, on import)."""
    return register(ExportFormat(
        name="html", media_type="text/html; charset=utf-8", extension="html", label="Offline map", use="one HTML file",
        description="One self-contained HTML map that works opened from disk with no network.", write=_write_html))
