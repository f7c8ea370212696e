"""The API under load: random bbox requests from 8 client processes, and popup data for one place at a time."""

from __future__ import annotations

import http.client
import multiprocessing
import random
import sqlite3
import time
from functools import partial
from pathlib import Path

from common import Server, percentile, row


def _bbox_client(port: int, seconds: float, seed: int) -> tuple[list[float], int]:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, features = [], 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        w, h = rng.uniform(2, 20), rng.uniform(2, 20)
        lon, lat = rng.uniform(-170, 170 - w), rng.uniform(-60, 75 - h)
        t = time.perf_counter()
        conn.request("GET", f"/api/places?bbox={lon:.3f},{lat:.3f},{lon + w:.3f},{lat + h:.3f}")
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise RuntimeError(f"status {r.status}")
        latencies.append(time.perf_counter() - t)
        features += body.count(b'"type":"Feature"')
    return latencies, features


def bbox_load(server: Server, seconds: float, clients: int = 8) -> None:
    """Print p50/p95 and requests per second of random 2–20° boxes, and the server's memory."""
    _bbox_client(server.port, 5.0, 0)  # warm up: the index is built and its features serialised
    with multiprocessing.Pool(clients) as pool:
        t = time.perf_counter()
        results = pool.map(partial(_bbox_client, server.port, seconds), range(1, clients + 1))
        elapsed = time.perf_counter() - t
    lat = sorted(x for r, _ in results for x in r)
    features = sum(n for _, n in results)
    row(f"GET /api/places?bbox= (random 2–20° boxes), {clients} clients: p50 / p95",
        f"{percentile(lat, 0.5) * 1000:.1f} / {percentile(lat, 0.95) * 1000:.1f} ms", "target p95 ≤ 50 ms")
    row("  requests per second", f"{len(lat) / elapsed:.0f} req/s",
        f"target ≥ 500 req/s; {features / max(1, len(lat)):.0f} features a response on average")
    rss, pss = server.memory_mb()
    row("  server memory, all its processes: PSS / RSS summed", f"{pss:.0f} / {rss:.0f} MB",
        "target ≤ 300 MB (PSS counts pages the forked workers share once)")


def _popular_and_random(db: Path, n: int) -> list[str]:
    with sqlite3.connect(db) as conn:
        top = [r[0] for r in conn.execute(
            "SELECT place_slug FROM mentions GROUP BY place_slug ORDER BY count(*) DESC LIMIT ?", (n // 2,))]
        rest = [r[0] for r in conn.execute("SELECT DISTINCT place_slug FROM mentions")]
    return top + random.Random(5).sample(rest, min(len(rest), n - len(top)))


def popup_latency(server: Server, db: Path, count: int = 40) -> None:
    """Print the time of GET /api/places/<slug> (a popup's data) for the most quoted places and random ones."""
    slugs = _popular_and_random(db, count)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    times, sizes = [], []
    for slug in slugs:
        t = time.perf_counter()
        conn.request("GET", f"/api/places/{slug}")
        r = conn.getresponse()
        body = r.read()
        times.append(time.perf_counter() - t)
        sizes.append(len(body))
        if r.status != 200:
            raise RuntimeError(f"status {r.status} for {slug}")
    ordered = sorted(times)
    row(f"popup data GET /api/places/<slug>, {len(slugs)} places (half the most quoted): p50 / p95 / max",
        f"{percentile(ordered, 0.5) * 1000:.1f} / {percentile(ordered, 0.95) * 1000:.1f} / {ordered[-1] * 1000:.0f} ms",
        f"target ≤ 50 ms; largest {max(sizes) / 1024:.0f} KB")


def first_request(db: Path | str, path: str, label: str, extra: tuple[str, ...] = ()) -> None:
    """Print the seconds from `run.py serve` start to the first answer."""
    server = Server(db, extra=extra)
    try:
        row(f"first request ({path}) after `run.py serve` start, {label}", f"{server.first_response(path):.2f} s",
            "target ≤ 2 s")
    finally:
        server.stop()


def api_figures(db: Path | str, seconds: float, sqlite_copy: Path, extra: tuple[str, ...] = ()) -> None:
    """Serve the archive and print the bbox load figures and the popup latency (places chosen from sqlite_copy)."""
    server = Server(db, extra=extra)
    how = " ".join(extra) or "default workers"
    try:
        row(f"`run.py serve` ({how}): first request after start (/api/places?bbox=0,0,1,1)",
            f"{server.first_response('/api/places?bbox=0,0,1,1'):.2f} s", "target ≤ 2 s")
        bbox_load(server, seconds)
        popup_latency(server, sqlite_copy)
    finally:
        server.stop()
