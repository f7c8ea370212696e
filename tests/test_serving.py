"""`run.py serve`: gunicorn worker processes by default on Linux, waitress in one process with --workers 1."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from webapp.serving import default_workers

ROOT = Path(__file__).resolve().parents[1]


def serve(db: Path, *extra: str) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "serve", "--port", "0", "--db", str(db),
                             "--tiles", "none", *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        proc.kill()
        pytest.fail(f"run.py serve did not start: {line}{proc.stdout.read()}")
    return proc, int(found.group(1))


def children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]


@pytest.mark.skipif(sys.platform != "linux", reason="worker processes are counted in /proc")
def test_serve_starts_one_worker_process_per_core_or_one_waitress_process(tmp_path):
    assert default_workers() >= 1
    bodies = {}
    for workers in ("1", "2"):
        proc, port = serve(tmp_path / "map.sqlite", "--workers", workers)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/places?bbox=38,33,43,37", timeout=30) as r:
                bodies[workers] = json.loads(r.read())
            assert len(children(proc.pid)) == (0 if workers == "1" else 2)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    assert bodies["1"]["features"] == bodies["2"]["features"] and len(bodies["1"]["features"]) >= 3
