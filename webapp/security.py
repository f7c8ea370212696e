"""Security headers on every response, with a per-request nonce for the one inline map script."""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, request

# an http(s) template on a plain host ({s} allowed for subdomains), or a same-origin path; nothing that could end
# a CSP source (space, ';', ',') or a quoted string, so the tile host can only ever add itself to img-src
TILE_URL_RE = re.compile(r"^(?:https?://(?:\{s\}\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)?/(?!/)[^\s;,'\"<>\\`]*$")


def check_tile_url(url: str) -> str:
    """Return the tile URL template if it is safe to name in the CSP; raise ValueError saying what a valid one is."""
    if url and not TILE_URL_RE.match(url):
        raise ValueError(f"the tile URL {url[:80]!r} is refused: give an http(s) template such as "
                         "https://tile.example/{z}/{x}/{y}.png, without spaces, quotes, ';' or ','")
    return url


def csp_nonce() -> str:
    """Return this request's script nonce."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def tile_origin(url: str) -> str:
    """Return the scheme://host of a tile URL template, or '' for none or a same-origin path."""
    parts = urlsplit(url or "")
    host = parts.netloc.replace("{s}", "*")  # Leaflet's subdomain placeholder is a CSP wildcard
    return f"{parts.scheme}://{host}" if parts.scheme in ("http", "https") and host else ""


def frame_ancestors() -> str:
    """Return who may frame this response: EMBED_FRAME_ANCESTORS on embed pages, FRAME_ANCESTORS elsewhere."""
    return g.get("frame_ancestors") or current_app.config["FRAME_ANCESTORS"]


def content_security_policy() -> str:
    """Return the CSP: scripts only from this origin (plus the nonce), images also from the tile host."""
    img = " ".join(filter(None, ["'self'", "data:", tile_origin(current_app.config["TILE_URL"])]))
    script = "'self'" + (f" 'nonce-{g.csp_nonce}'" if "csp_nonce" in g else "")
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script}",
            "style-src 'self'",
            f"img-src {img}",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors()}",
        ]
    )


def relative_location(response: Response) -> None:
    """Make a redirect's Location a path: Werkzeug builds it from the client's Host, which must not be echoed."""
    location = response.headers.get("Location")
    if not location:
        return
    parts = urlsplit(location)
    if parts.netloc and parts.netloc.lower() == request.host.lower():
        # one leading slash: "//x" would be read as another host
        response.headers["Location"] = "/" + parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")


def add_headers(response: Response) -> Response:
    """Add the security headers to a response, and keep redirects on this host."""
    relative_location(response)
    response.headers["Content-Security-Policy"] = content_security_policy()
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if frame_ancestors() == "'none'":
        response.headers.setdefault("X-Frame-Options", "DENY")
    elif "frame_ancestors" not in g:
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    # an embed page framed by other origins: X-Frame-Options cannot name them, the CSP above does
    return response


def init_app(app: Flask) -> None:
    """Register the header hook and the nonce template helper."""
    for key in ("FRAME_ANCESTORS", "EMBED_FRAME_ANCESTORS"):
        value = str(app.config.get(key) or "'none'").strip()
        if re.search(r"[;,\r\n]", value):
            raise ValueError(f"{key} must be a CSP source list such as \"'none'\" or 'https://news.example'")
        app.config[key] = value
    app.config["TILE_URL"] = check_tile_url(str(app.config.get("TILE_URL") or ""))
    app.after_request(add_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce

