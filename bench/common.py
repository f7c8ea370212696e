"""What every benchmark section shares: the printed rows and tables, the machine, the server under test."""

from __future__ import annotations

import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ROWS: list[tuple[str, str, str]] = []
_SECTION: list[str] = []
TABLES: list[str] = []


def load() -> str:
    """Return the machine's load average (1, 5, 15 minutes) as printed beside every table."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def section(title: str) -> None:
    """Start a table: its title and the load average now."""
    _ROWS.clear()
    _SECTION[:] = [title, load()]
    print(f"\n## {title} (load average 1/5/15 min at start: {_SECTION[1]}; {os.cpu_count()} cores)", flush=True)


def row(name: str, value: str, target: str = "") -> None:
    """Print one measured figure (and keep it for the section's table)."""
    _ROWS.append((name, value, target))
    print(f"  {name:<64} {value:>24}  {target}", flush=True)


def end_section() -> None:
    """Print the section's figures as a Markdown table, with the load average at start and end."""
    if not _SECTION:
        return
    title, start = _SECTION
    lines = [f"### {title}", "", f"Load average (1/5/15 min) at start {start}, at end {load()}.", "",
             "| measure | value | target / note |", "|---|---:|---|"]
    lines += [f"| {n.strip()} | {v} | {t} |" for n, v, t in _ROWS]
    TABLES.append("\n".join(lines))
    _SECTION.clear()


def machine() -> str:
    """Describe the machine: OS, cores, CPU model, memory, Python."""
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, "
            f"Python {platform.python_version()}")


def median(values: list[float]) -> float:
    """Return the median (the mean of the middle two for an even count)."""
    return statistics.median(values)


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    """Return 'median (min–max, n=N)' for a list of measurements."""
    return f"{median(values):.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f}, n={len(values)})"


def percentile(sorted_values: list[float], q: float) -> float:
    """Return the q-quantile of already sorted values (nearest rank)."""
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Return the resident memory of a process and all its descendants, in MB (field "Pss": pages shared
    between them counted once, split among the sharers, from /proc/PID/smaps_rollup)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            source = f"/proc/{p}/status" if field == "VmRSS" else f"/proc/{p}/smaps_rollup"
            lines = Path(source).read_text().splitlines()
            total += next(int(line.split()[1]) for line in lines if line.startswith(field + ":"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            pass
    return total / 1024


class Server:
    """`run.py serve` in a subprocess on a free port, as a user starts it."""

    def __init__(self, db: Path | str, tiles: str = "none", extra: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "serve", "--port", str(self.port),
                                      "--db", str(db), "--tiles", tiles, *extra], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"

    def first_response(self, path: str = "/", timeout: float = 120) -> float:
        """Wait for the first 200 answer to path; return the seconds since the process started."""
        while time.perf_counter() - self.started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"run.py serve exited with {self.proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                if r.status == 200:
                    return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("server did not answer")

    def memory_mb(self) -> tuple[float, float]:
        """Return the resident memory of the server and its worker processes, in MB: RSS summed, and PSS."""
        return tree_rss_mb(self.proc.pid), tree_rss_mb(self.proc.pid, "Pss")

    def stop(self) -> None:
        """Stop the server (SIGTERM) and wait for it."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
