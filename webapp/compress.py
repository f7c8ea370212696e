"""gzip for text responses: waitress does not compress, and the map's scripts and data are text.

Static files and the basemap are compressed once and kept (keyed by their ETag); other responses,
small JSON and pages, are compressed as they go out.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from flask import Flask, Response, request

COMPRESSIBLE = ("text/", "application/json", "application/geo+json", "application/javascript",
                "text/javascript", "image/svg+xml")
MIN_SIZE = 1024


@lru_cache(maxsize=256)
def _gzip_cached(key: str, body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=9, mtime=0)


def compress(response: Response) -> Response:
    """gzip the response when the client accepts it and the body is compressible text worth compressing."""
    if (
        request.method == "HEAD"
        or response.status_code < 200 or response.status_code in (204, 206, 304)
        or "Content-Encoding" in response.headers
        or not (response.mimetype or "").startswith(COMPRESSIBLE)
        or "gzip" not in request.headers.get("Accept-Encoding", "").lower()
    ):
        return response
    response.headers.add("Vary", "Accept-Encoding")
    if response.is_streamed and not response.direct_passthrough:
        return response
    response.direct_passthrough = False  # static files: read the file to compress it
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    etag = response.headers.get("ETag")
    if etag or response.cache_control.max_age:
        data = _gzip_cached(f"{request.path}|{etag}|{len(body)}", body)
    else:
        data = gzip.compress(body, compresslevel=5, mtime=0)
    response.set_data(data)
    response.headers["Content-Encoding"] = "gzip"
    if etag:  # a different representation needs a different validator
        tag, weak = response.get_etag()
        response.set_etag(tag + "-gz", weak=weak)
    return response


def init_app(app: Flask) -> None:
    """Compress responses after the other hooks have run."""
    app.after_request(compress)
