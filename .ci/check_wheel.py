"""CI: build the wheel, install it into a fresh venv from the registry, serve from an empty directory, find Baghouz.

Run from anywhere: python .ci/check_wheel.py. Exits 0 when the installed `conflict-map serve` answers GET /
with the seed article's Baghouz marker in the page's map data, else prints one line saying what failed and exits 1.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 300  # first open builds the gazetteer index when ~/.cache/conflict-map holds none
_MAP_DATA = re.compile(r'<script type="application/json" id="map-data">(.*?)</script>', re.S)


def _run(*cmd: str | Path, cwd: Path | None = None) -> None:
    """Run a command, stopping the check with its output when it fails."""
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"check_wheel: {' '.join(map(str, cmd))} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def _free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    """Return the page's text, or None while the server is not answering yet."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - loopback only
            return r.read().decode("utf-8")
    except OSError:
        return None


def _has_baghouz(page: str) -> bool:
    """Say whether the page's map data holds a place named Baghouz (in Syria, east of 40° E)."""
    m = _MAP_DATA.search(page)
    if not m:
        return False
    features = json.loads(m.group(1)).get("features", [])
    return any(f["properties"].get("name") == "Baghouz" and f["geometry"]["type"] == "Point"
               and 40 < f["geometry"]["coordinates"][0] < 42 and 34 < f["geometry"]["coordinates"][1] < 35 for f in features)


def main() -> int:
    """Build, install, serve, check, stop."""
    with tempfile.TemporaryDirectory(prefix="conflict-map-wheel-") as tmp:
        tmp_ = Path(tmp)
        # build from a copy: setuptools leaves build/ and *.egg-info in the tree it builds, and would reuse them
        source = tmp_ / "source"
        shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "instance", "*.egg-info", "__pycache__", "node_modules", "test-results", ".pytest_cache"))
        _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_ / "dist", source)
        wheel = next((tmp_ / "dist").glob("conflict_map-*.whl"))
        # a venv of its own (no system site-packages), its dependencies from the registry
        _run(sys.executable, "-m", "venv", tmp_ / "venv")
        _run(tmp_ / "venv" / "bin" / "python", "-m", "pip", "install", "-q", wheel)
        elsewhere = tmp_ / "elsewhere"
        elsewhere.mkdir()
        port = _free_port()
        log = (tmp_ / "serve.log").open("w")
        proc = subprocess.Popen([str(tmp_ / "venv" / "bin" / "conflict-map"), "serve", "--port", str(port), "--workers", "1"],
                                cwd=elsewhere, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            page = None
            while page is None and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(1)
                page = _get(f"http://127.0.0.1:{port}/")
            if page is None or not _has_baghouz(page):
                log.flush()
                what = "no page" if page is None else "no Baghouz marker in the page"
                sys.exit(f"check_wheel: installed conflict-map serve gave {what}:\n{(tmp_ / 'serve.log').read_text()[-3000:]}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()
    print(f"check_wheel: {wheel.name} installed into a fresh venv serves the seed map")
    return 0


if __name__ == "__main__":
    sys.exit(main())
