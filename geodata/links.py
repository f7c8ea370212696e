"""Article links: only absolute http(s) URLs, read the way a browser reads an href."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# WHATWG URL parsing: leading and trailing C0 controls and spaces are stripped, and ASCII tab and
# newline are removed anywhere, so " java\tscript:" is "javascript:" to a browser.
_EDGE = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def normalise_url(value: str) -> str:
    """Return the URL as a browser reads it: edges stripped, tabs and newlines removed, scheme lowercased."""
    url = _TAB_NEWLINE.sub("", value.strip(_EDGE))
    scheme = _SCHEME.match(url)
    return scheme.group(1).lower() + url[scheme.end(1):] if scheme else url


def http_url(value: str | None) -> str | None:
    """Return the normalised URL when it is an absolute http:// or https:// address with a host, else None."""
    if not value:
        return None
    url = normalise_url(value)
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    return url if parts.scheme in ("http", "https") and parts.hostname else None


def check_url(value: str) -> str:
    """Return an article's url normalised ('' stays ''); raise ValueError unless it is an absolute http(s) URL."""
    if not value.strip(_EDGE):
        return ""
    url = http_url(value)
    if url is None:
        shown = normalise_url(value)[:60]
        raise ValueError(f"url must be an absolute http:// or https:// address (like https://example.org/report), "
                         f"not {shown!r}")
    return url
