"""A gunicorn gthread worker that reads each request in its event loop before a thread serves it.

Stock gthread hands a new or kept-alive connection to a thread as soon as it is readable, and the
thread then blocks reading headers: a few dozen clients that send half a request hold every thread,
and readers wait. Here the worker's event loop collects the request head (and a body of up to
MAX_CONTENT_LENGTH bytes, by Content-Length) without a thread, closes a connection that has not sent
it within REQUEST_SECONDS, and only then queues it for a thread, whose socket operations time out
after SOCKET_SECONDS. A larger body is not read here: the app refuses it by Content-Length (413).
"""

from __future__ import annotations

import errno
import re
import selectors
import socket
import time
from collections import deque
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

REQUEST_SECONDS = 20.0  # from the first byte awaited to the whole request read
SOCKET_SECONDS = 30.0  # each send or receive of a thread serving a request
HEAD_LIMIT = 64 * 1024  # past this the head is gunicorn's to refuse (431)
_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d{1,12})[ \t]*\r\n", re.I)


class TimedSocket(socket.socket):
    """A socket whose blocking mode has a timeout: gunicorn's setblocking(True) must not wait forever."""

    def setblocking(self, flag: bool) -> None:
        """Block with a timeout of SOCKET_SECONDS, or not at all."""
        self.settimeout(SOCKET_SECONDS if flag else 0.0)


class GuardedThreadWorker(ThreadWorker):
    """gthread, with requests read by the event loop and deadlines on slow clients."""

    body_limit = 0  # the app's MAX_CONTENT_LENGTH, set by webapp.serving before the workers fork

    def init_process(self) -> None:
        """Set up the queue of connections still sending their request."""
        self.reading: deque[TConn] = deque()
        super().init_process()

    def accept(self, listener) -> None:
        """Accept a connection and start reading its request without a thread."""
        try:
            plain, client = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        sock = TimedSocket(plain.family, plain.type, plain.proto, fileno=plain.detach())
        self.nr_conns += 1
        self._start_reading(TConn(self.cfg, sock, client, listener.getsockname()))

    def on_client_socket_readable(self, conn: TConn, client) -> None:
        """A kept-alive connection sends again: read its next request in the loop too."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._start_reading(conn)

    def _start_reading(self, conn: TConn) -> None:
        conn.sock.setblocking(False)
        conn.head, conn.need = bytearray(), None
        conn.timeout = time.monotonic() + REQUEST_SECONDS
        self.reading.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn: TConn, client) -> None:
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        conn.head += data
        if conn.need is None:
            conn.need = self._needed(conn.head)
        if conn.need is not None and len(conn.head) >= conn.need:
            self.poller.unregister(client)
            self.reading.remove(conn)
            conn.init()
            conn.parser.unreader.unread(bytes(conn.head))
            conn.data_ready = True
            self.enqueue_req(conn)

    def _needed(self, buffered: bytearray) -> int | None:
        """Return how many bytes to collect before a thread serves the request (head, and a body up to the cap),
        or None while the head is incomplete."""
        end = buffered.find(b"\r\n\r\n")
        if end < 0:
            return 0 if len(buffered) > HEAD_LIMIT else None
        length = _LENGTH.search(bytes(buffered[: end + 2]))
        if not length or int(length.group(1)) > self.body_limit:
            return 0  # no body, chunked (the thread reads it, with timeouts), or one the app refuses unread
        return end + 4 + int(length.group(1))

    def _drop(self, conn: TConn) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        self.reading.remove(conn)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """Close connections past their deadline, including those still sending their request."""
        super().murder_pending()
        now = time.monotonic()
        while self.reading and self.reading[0].timeout <= now:
            self._drop(self.reading[0])
