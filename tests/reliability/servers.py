"""Start the app under real WSGI servers on loopback, as users run it, and talk raw HTTP to them."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.browser.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("waitress-serve", "gunicorn", "run.py", "run.py --workers 1")


def command(kind: str, port: int, db: Path) -> list[str]:
    """Return the command line that serves the app on 127.0.0.1:port the way a user of `kind` would."""
    if kind == "waitress-serve":
        return [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", "--call", "webapp:create_app"]
    if kind == "gunicorn":
        return [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1", "--threads", "4", "webapp:create_app()"]
    return [sys.executable, "run.py", "serve", "--port", str(port), "--db", str(db), "--tiles", "none", *kind.split()[1:]]


class LiveServer:
    """One server subprocess with its own database; stopped by stop()."""

    def __init__(self, kind: str, db: Path, env: dict[str, str] | None = None) -> None:
        self.kind, self.port = kind, free_port()
        environ = {**os.environ, "CONFLICT_MAP_DB": str(db), "CONFLICT_MAP_TILE_URL": "", **(env or {})}
        self.log = db.with_suffix(".log")
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(command(kind, self.port, db), cwd=ROOT, env=environ,
                                         stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{kind} exited: {self.log.read_text()}")
            try:
                if self.request("GET", "/api/articles")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{kind} did not answer within 90 s")

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None,
                timeout: float = 60) -> tuple[int, dict, dict]:
        """Send one request (headers may override Host) and return status, headers and the JSON body (or {})."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            data = json.dumps(body).encode() if body is not None else None
            if data is not None:
                sent.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=sent)
            response = conn.getresponse()
            raw = response.read()
            try:
                parsed = json.loads(raw) if raw else {}
            except ValueError:
                parsed = {}
            return response.status, dict(response.getheaders()), parsed
        finally:
            conn.close()

    def article_count(self) -> int:
        """Return how many articles the server's store holds."""
        return len(self.request("GET", "/api/articles")[2]["articles"])

    def stop(self) -> None:
        """Stop the server and wait for it."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
