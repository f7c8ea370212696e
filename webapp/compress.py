"""Compression of text responses by flask-compress: waitress does not compress, and the map's scripts and data are text.

brotli for browsers that accept it (all current ones), gzip for the rest; static files too, which are
streamed from disk and compressed as they go (their content-hashed URLs are cached for a year, so each
browser fetches them once).
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

COMPRESSIBLE = ["text/html", "text/css", "text/plain", "text/csv", "text/xml", "text/javascript", "application/javascript",
                "application/json", "application/geo+json", "image/svg+xml"]
MIN_SIZE = 1024


def init_app(app: Flask) -> None:
    """Compress responses after the other hooks have run."""
    for key, value in (("COMPRESS_MIMETYPES", COMPRESSIBLE), ("COMPRESS_MIN_SIZE", MIN_SIZE),
                       ("COMPRESS_ALGORITHM", ["br", "gzip"]), ("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"]),
                       ("COMPRESS_LEVEL", 6), ("COMPRESS_BR_LEVEL", 5)):
        app.config.setdefault(key, value)
    Compress(app)
