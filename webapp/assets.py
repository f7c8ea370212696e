"""Static files under content-hashed URLs, so browsers may cache them for a year."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, url_for


@lru_cache(maxsize=None)
def _digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def asset_url(app: Flask, filename: str) -> str:
    """Return the URL of a static file with its content hash as a query string."""
    path = Path(app.static_folder or "") / filename
    return url_for("static", filename=filename, v=_digest(str(path), path.stat().st_mtime))


def init_app(app: Flask) -> None:
    """Expose asset() to templates; hashed URLs are safe to cache for a year."""
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 365 * 24 * 3600
    app.jinja_env.globals["asset"] = lambda filename: asset_url(app, filename)
