"""The WSGI server behind `run.py serve`: gunicorn worker processes where it runs, waitress elsewhere.

One Python process serves on one core at a time (the GIL), so on Linux and macOS the map is served
by gunicorn with one worker process per core (threads inside each); on Windows, or with
`--workers 1`, by waitress in one process. Each process serialises the place index's features in a
background thread as it starts (about 14 MB at 20,000 places), so a request finds them ready.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import threading
from collections.abc import Callable

from flask import Flask

# answered before a worker is stopped on SIGTERM; a reader's request is short
GRACEFUL_SECONDS = 3
# Slow clients must not starve readers (issue 14): at most this many open connections per process,
# and one that sends nothing for CHANNEL_SECONDS is closed (gunicorn: webapp/gthread_guard.py deadlines)
CONNECTION_LIMIT = 1000
CHANNEL_SECONDS = 20


def default_workers() -> int:
    """Return how many worker processes `run.py serve` starts: one per core where gunicorn runs, else one."""
    if sys.platform == "win32":
        return 1
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return 1
    return max(1, os.cpu_count() or 1)


def warm(app: Flask) -> threading.Thread:
    """Build the place index of the current revision and serialise its features in a background thread,
    so requests find them ready; the first requests are served meanwhile (each builds only its own page)."""

    def run() -> None:
        from geodata.clusters import warm_grids
        from geodata.placeindex import place_index
        from geodata.service import connect_store

        store = connect_store(app.config["DATABASE"])
        try:
            index = place_index(store)
            warm_grids(index)
            index.serialise_all(store)
        finally:
            store.close()

    thread = threading.Thread(target=run, name="conflict-map-warm", daemon=True)
    thread.start()
    return thread


def check_address(host: str, port: int) -> None:
    """Raise OSError with a reader's message when host:port cannot be listened on (busy, or not this machine)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise OSError(f"cannot listen on {host!r}: {e.strerror}; give --host an address of this machine") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as both servers do, so TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise OSError(f"port {port} on {host} is in use by another program; stop it or choose "
                              "another with --port") from None
            raise OSError(f"cannot listen on {host}:{port}: {e.strerror}; check --host and --port") from None


def serve(app: Flask, host: str, port: int, threads: int, workers: int, ready: Callable[[str, int], None]) -> None:
    """Serve app until interrupted; ready(host, port) is called once the socket listens.

    Raises OSError, with a message for the reader, when the address cannot be listened on.
    """
    check_address(host, port)
    if workers <= 1:
        import waitress

        # keep forwarding headers for the app's write policy (webapp/access.py), which refuses them untrusted
        app.config["PROXY_HEADERS_SEEN"] = True
        # waitress reads requests without a thread; poll() (not select()) so it can hold CONNECTION_LIMIT
        # sockets; a body over the cap is refused by its Content-Length before it is read
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, clear_untrusted_proxy_headers=False,
            connection_limit=CONNECTION_LIMIT, channel_timeout=CHANNEL_SECONDS, cleanup_interval=2,
            asyncore_use_poll=True, max_request_body_size=app.config["MAX_CONTENT_LENGTH"])
        server.channel_class = _json_error_channel()
        ready(host, server.effective_port)
        warm(app)
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        return
    _gunicorn(app, host, port, threads, workers, ready)


def _json_error_channel() -> type:
    """Return a waitress channel whose own errors (413 by Content-Length, 400, 431) use the app's JSON error shape."""
    import json

    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    from webapp.errors import error_payload

    class JSONErrorTask(ErrorTask):
        def execute(self) -> None:
            e = self.request.error
            message = {413: "The request body is too large: it was refused by its Content-Length, unread."}.get(e.code, e.body)
            body = json.dumps(error_payload(e.code, e.reason, message)).encode()
            self.status = f"{e.code} {e.reason}"
            self.response_headers.extend([("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")])
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class JSONErrorChannel(HTTPChannel):
        error_task_class = JSONErrorTask

    return JSONErrorChannel


def _gunicorn(app: Flask, host: str, port: int, threads: int, workers: int, ready: Callable[[str, int], None]) -> None:
    from gunicorn.app.base import BaseApplication

    from webapp.gthread_guard import GuardedThreadWorker

    GuardedThreadWorker.body_limit = int(app.config["MAX_CONTENT_LENGTH"] or 0)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class Server(BaseApplication):
        def load_config(self) -> None:
            options = {"bind": bind, "workers": workers, "threads": threads, "worker_class": GuardedThreadWorker,
                       "worker_connections": CONNECTION_LIMIT, "keepalive": 2,
                       "preload_app": True, "graceful_timeout": GRACEFUL_SECONDS, "loglevel": "warning",
                       "accesslog": None, "when_ready": lambda arbiter: ready(host, _port(arbiter, port)),
                       "post_worker_init": lambda worker: warm(app)}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    Server().run()


def _port(arbiter, asked: int) -> int:
    try:
        return arbiter.LISTENERS[0].sock.getsockname()[1]
    except (AttributeError, IndexError, OSError):
        return asked
