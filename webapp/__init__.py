"""Conflict Map's web app: a thin Flask layer over the geodata package."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from geodata.service import FULL_MAP_LIMIT
from webapp import access, assets, compress, db, errors, offline, security

# Named tile sources for `serve --tiles NAME`: (URL template, attribution).
TILE_PRESETS = {"osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors")}
# Tiles are opt-in: by default the page draws the built-in basemap and asks no other host; the layer
# control offers this source behind a switch that names the host it will load from.
DEFAULT_TILE_URL, DEFAULT_TILE_ATTRIBUTION = TILE_PRESETS["osm"]
# the offline HTML map joins the domain's export formats wherever the app (or its CLI) is loaded
offline.register_html()


def tile_choice(value: str) -> dict[str, Any]:
    """Return the config for a --tiles value: a preset name, a URL template (both on), or 'none'."""
    if value.lower() in ("none", "off", ""):
        return {"TILE_URL": "", "TILES_ON": False}
    if value.lower() in TILE_PRESETS:
        url, attribution = TILE_PRESETS[value.lower()]
        return {"TILE_URL": url, "TILE_ATTRIBUTION": attribution, "TILES_ON": True}
    return {"TILE_URL": value, "TILES_ON": True}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app; config overrides the defaults and the CONFLICT_MAP_* environment."""
    app = Flask(__name__, instance_relative_config=True)
    # "/api/places/%2F0" decodes to a double slash: answer it (404), do not redirect it to another URL
    app.url_map.merge_slashes = False
    app.config.from_mapping(
        DATABASE=os.environ.get("CONFLICT_MAP_DB") or str(Path(app.instance_path) / "conflict-map.sqlite"),
        SEEDS_DIR=None,  # None: the project's seeds/
        TILE_URL=os.environ.get("CONFLICT_MAP_TILE_URL", DEFAULT_TILE_URL),  # the source offered; "" offers none
        TILES_ON=bool(os.environ.get("CONFLICT_MAP_TILE_URL")),  # tiles drawn before the reader chooses
        TILE_ATTRIBUTION=os.environ.get("CONFLICT_MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
        FRAME_ANCESTORS=os.environ.get("CONFLICT_MAP_FRAME_ANCESTORS", "'none'"),
        # who may put /embed/... pages in an iframe, e.g. "https://news.example"; 'none' by default
        EMBED_FRAME_ANCESTORS=os.environ.get("CONFLICT_MAP_EMBED_FRAME_ANCESTORS", "'none'"),
        # writes need this token when set; off loopback they are refused without one
        WRITE_TOKEN=os.environ.get("CONFLICT_MAP_TOKEN", ""),
        BIND_HOST=None,  # set by run.py serve; other WSGI servers leave it unset
        # Host names answered besides the loopback names and the bind name ("*": any); "a, b" or a list
        ALLOWED_HOSTS=os.environ.get("CONFLICT_MAP_ALLOWED_HOSTS", ""),
        # proxies (addresses or networks) whose X-Forwarded-For names the client; none by default
        # True only where the server passes X-Forwarded-* on (run.py serve); plain waitress-serve drops them
        PROXY_HEADERS_SEEN=False,
        TRUSTED_PROXIES=os.environ.get("CONFLICT_MAP_TRUSTED_PROXIES", ""),
        MAX_CONTENT_LENGTH=5 * 1024 * 1024,
        # past this many places the map page carries compact markers and fetches passages on demand
        MAP_FULL_LIMIT=int(os.environ.get("CONFLICT_MAP_FULL_LIMIT", str(FULL_MAP_LIMIT))),
        JSON_SORT_KEYS=False,
    )
    if config:
        app.config.update(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    db.init_app(app)
    errors.init_app(app)
    access.init_app(app)
    security.init_app(app)
    compress.init_app(app)
    assets.init_app(app)

    from webapp.api import bp as api_bp
    from webapp.embed import bp as embed_bp
    from webapp.pages import bp as pages_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(embed_bp)
    return app
