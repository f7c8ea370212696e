"""Who may write, and which Host names the app answers: the request policy, whatever WSGI server runs the app.

Without a write token a write is accepted only when the request is provably local: the peer
(REMOTE_ADDR) is a loopback address, the Host is a loopback name, and no forwarding header says a
proxy stands between (unless the peer is a configured trusted proxy, whose forwarded client must
then be loopback). The server's bind address is not trusted to say this: `waitress-serve` and
gunicorn never tell the app where they listen. Cross-site writes (Origin, Sec-Fetch-Site) are
refused unless a valid token is sent. Any Host outside the allowed hosts gets 400, which stops
DNS rebinding from reading or writing the archive.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, request
from flask.globals import request_ctx

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# a request carrying any of these came through a proxy (or says it did): its peer address is not the client's
FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP",
                      "X-Client-IP", "True-Client-IP", "CF-Connecting-IP")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARD_BINDS = ("", "0.0.0.0", "::")
SAME_SITE_FETCH = ("same-origin", "none")
_HOST_RE = re.compile(r"^(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::\d{1,5})?$")


def setting_list(value: str | Iterable[str] | None) -> list[str]:
    """Return a setting given as "a, b c" or as a list of such strings, as a flat list of words."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [word for item in items for word in re.split(r"[,\s]+", str(item)) if word]


def parse_networks(values: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Return the trusted-proxy addresses or networks; raise ValueError naming a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ValueError(f"trusted proxy {value!r} is not an IP address or network such as 10.0.0.5 or 10.0.0.0/8") from None
    return tuple(networks)


def _ip(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address((value or "").strip().strip("[]"))
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def is_loopback_address(value: str | None) -> bool:
    """Return whether value is a loopback IP address (127.0.0.0/8, ::1, or IPv4-mapped loopback)."""
    address = _ip(value)
    return bool(address and address.is_loopback)


def host_name(host: str | None) -> str | None:
    """Return the name of a Host header value without its port, lower-cased; None if it is not a host name."""
    found = _HOST_RE.match((host or "").strip().lower())
    if not found:
        return None
    return found.group("v6") or found.group("name").rstrip(".")


def is_loopback_host(host: str | None) -> bool:
    """Return whether a Host header value names this machine's loopback interface."""
    name = host_name(host)
    return name is not None and (name == "localhost" or is_loopback_address(name))


def default_allowed_hosts(bind_host: str | None) -> set[str]:
    """Return the hosts served by default: the loopback names, and the bind name (this machine's names for a wildcard)."""
    hosts = set(LOOPBACK_NAMES)
    if bind_host is not None and bind_host.strip("[]") in WILDCARD_BINDS:
        hosts.update(n.lower() for n in (socket.gethostname(), socket.getfqdn()) if n)
    elif bind_host:
        hosts.add(bind_host.strip("[]").lower())
    return hosts


def _trusted(peer: str | None) -> bool:
    address = _ip(peer)
    return bool(address) and any(address in net for net in current_app.config["TRUSTED_PROXY_NETWORKS"])


def forwarded_client() -> str | None:
    """Return the client address a trusted proxy forwarded: the last X-Forwarded-For hop that is no trusted proxy."""
    hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
    if hops:
        return hops[0]
    if request.headers.get("X-Real-IP"):
        return request.headers["X-Real-IP"]
    found = re.findall(r'for="?\[?([^;,"\]]+)', request.headers.get("Forwarded", ""), flags=re.I)
    return found[-1] if found else request.remote_addr


def why_not_local() -> str | None:
    """Return why this request cannot be proven to come from this machine, or None when it does."""
    if request.environ.get("SERVER_SOFTWARE", "").startswith("waitress") and not current_app.config.get("PROXY_HEADERS_SEEN"):
        # waitress-serve drops X-Forwarded-* and Forwarded before the app sees them (clear_untrusted_proxy_headers)
        return "waitress-serve hides forwarding headers, so a request relayed by a proxy looks local (use run.py serve)"
    peer = request.remote_addr
    if _trusted(peer):
        client = forwarded_client()
        host = request.headers.get("X-Forwarded-Host", "").split(",")[-1].strip() or request.host
    else:
        sent = [name for name in FORWARDING_HEADERS if name in request.headers]
        if sent:
            return f"it came through a proxy ({sent[0]}) that is not a trusted proxy"
        client, host = peer, request.host
    if not is_loopback_address(client):
        return "it does not come from this machine"
    if not is_loopback_host(host):
        return "its Host is not a loopback name"
    return None


def why_cross_site() -> str | None:
    """Return why this request comes from another site (Sec-Fetch-Site, Origin), or None when it does not."""
    site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if site and site not in SAME_SITE_FETCH:
        return f"the browser says it is {site}"
    origin = request.headers.get("Origin")
    if origin is None:
        return None
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.host.lower():
        return "its Origin is another site"
    return None


def token_given() -> str:
    """Return the write token this request sends (Authorization: Bearer, or X-Conflict-Map-Token), or ''."""
    given = request.headers.get("Authorization", "")
    return given[7:] if given.lower().startswith("bearer ") else request.headers.get("X-Conflict-Map-Token", "")


def check_write_allowed() -> None:
    """Abort unless this request may write: a configured token must match; without one, only a local same-site request."""
    if g.get("write_allowed"):
        return
    token = current_app.config.get("WRITE_TOKEN") or ""
    if token:
        if not secrets.compare_digest(token_given().encode(), token.encode()):
            abort(401, description="A valid write token is required: send 'Authorization: Bearer <token>'.")
    else:
        bind = current_app.config.get("BIND_HOST")
        if bind is not None and not (bind == "localhost" or is_loopback_address(bind)):
            abort(403, description="Writes are refused: the server listens beyond loopback and no write token "
                                   "is configured (set CONFLICT_MAP_TOKEN).")
        reason = why_cross_site() or why_not_local()
        if reason:
            abort(403, description=f"This write is refused because {reason}: without a write token (CONFLICT_MAP_TOKEN) "
                                   "only requests from this machine's own pages or tools may write.")
    g.write_allowed = True


def check_host() -> None:
    """Abort with 400 unless the request's Host is one this app answers to."""
    allowed = current_app.config["ALLOWED_HOST_NAMES"]
    name = host_name(request.host)
    if "*" in allowed or (name is not None and (name in allowed or is_loopback_address(name))):
        return
    if request_ctx.url_adapter is None:
        # Werkzeug could not bind this Host (an over-long label): the error page still builds its relative links
        request_ctx.url_adapter = current_app.url_map.bind("localhost", script_name=request.script_root or "/")
    shown = request.host[:100]
    abort(400, description=f"This server does not answer to the host {shown!r}; add it to the allowed hosts "
                           "(--allowed-host or CONFLICT_MAP_ALLOWED_HOSTS).")


def _guard() -> None:
    check_host()
    if request.method in WRITE_METHODS:
        check_write_allowed()


def init_app(app: Flask) -> None:
    """Read the allowed hosts and trusted proxies, and check every request's Host and every write."""
    app.config["TRUSTED_PROXY_NETWORKS"] = parse_networks(setting_list(app.config.get("TRUSTED_PROXIES")))
    extra = {h.strip("[]").lower().rstrip(".") for h in setting_list(app.config.get("ALLOWED_HOSTS"))}
    app.config["ALLOWED_HOST_NAMES"] = frozenset(default_allowed_hosts(app.config.get("BIND_HOST")) | extra)
    app.before_request(_guard)
