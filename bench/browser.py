"""Pages in headless Chromium: ready time against folium's pages in alternating pairs, bytes, popups, frames."""

from __future__ import annotations

import gzip
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import folium_pages
from common import Server, median, row, spread

TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
FOLIUM_KINDS = {"canvas": "canvas CircleMarkers", "fastcluster": "FastMarkerCluster", "markers": "plain Markers"}
# pan four times and zoom in and out, counting the time between animation frames meanwhile
FRAMES = """async () => {
  const map = Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map);
  const gaps = []; let last = performance.now(), on = true;
  const tick = t => { gaps.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const wait = ms => new Promise(r => setTimeout(r, ms));
  for (const d of [[300, 0], [0, 200], [-300, 0], [0, -200]]) { map.panBy(d); await wait(400); }
  map.zoomIn(1); await wait(700); map.zoomOut(1); await wait(700);
  on = false; gaps.sort((a, b) => a - b);
  return [gaps.length, gaps[gaps.length >> 1], gaps[Math.floor(gaps.length * 0.95)], gaps[gaps.length - 1]];
}"""


class _FoliumHandler(BaseHTTPRequestHandler):
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
    """Serve folium pages and their (locally installed) CDN files on a free port."""
    _FoliumHandler.pages = {k: v.encode() for k, v in pages.items()}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FoliumHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def launch(p):
    """Launch the system Chromium as the browser tests do."""
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    return p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def _open(browser):
    from tests.browser.conftest import BLANK_PNG

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    record = {"errors": [], "responses": []}

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
        if request.url.startswith("http://127.0.0.1:"):
            record["responses"].append(request)

    page.route("**/*", route)
    page.on("requestfinished", finished)
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("console", lambda m: record["errors"].append(m.text) if m.type == "error" and "favicon" not in m.text
            and "404" not in m.text else None)
    return context, page, record


def _bytes(record: dict) -> None:
    """Add decoded bytes, gzip -6 of each decoded body (the same for every page), and bytes on the wire."""
    decoded = gzipped = wire = 0
    for request in list(record["responses"]):
        body = request.response().body()
        decoded += len(body)
        gzipped += len(gzip.compress(body, 6)) if body else 0
        sizes = request.sizes()
        wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        record["requests"] = record.get("requests", 0) + 1
    record.update(decoded=decoded, gzipped=gzipped, wire=wire)


def load_page(browser, url: str, ours: bool, timeout: float, then=None) -> tuple[float | None, dict]:
    """Seconds from navigation to drawn (ours: body[data-ready]; folium: load; both then two frames).

    `then(page, record)` runs on the loaded page before it closes (popup and frame measurements)."""
    context, page, record = _open(browser)
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
        try:  # for the byte count only: let late requests finish
            page.wait_for_load_state("networkidle", timeout=15000)
        except Exception:  # noqa: BLE001 - the page was already timed
            pass
        if then is not None:
            then(page, record)
        _bytes(record)
        return elapsed, record
    except Exception as e:  # noqa: BLE001 - a timeout is a result here
        record["errors"].append(f"{type(e).__name__}: {str(e).splitlines()[0][:80]}")
        return None, record
    finally:
        context.close()


def drawn(record: dict) -> str:
    """Say what the page had drawn when it was timed."""
    if "drawn" not in record:
        return "nothing"
    clusters, markers, canvases = record["drawn"]
    return f"{clusters} clusters, {markers} markers, {canvases} canvas"


def frames(page, record: dict) -> None:
    """Measure the gaps between animation frames while the map pans and zooms."""
    record["frames"] = page.evaluate(FRAMES)


def popup_and_frames(page, record: dict) -> None:
    """Time a reader's click to the popup's passages (a visible marker, else the first listed place), then frames."""
    marker = page.locator(".leaflet-marker-icon:not(.marker-cluster)").first
    target = marker if page.locator(".leaflet-marker-icon:not(.marker-cluster)").count() else \
        page.locator(".place-item").first
    t = time.perf_counter()
    target.click()
    page.wait_for_selector(".leaflet-popup .passages li", timeout=30000)
    record["popup"] = time.perf_counter() - t
    page.keyboard.press("Escape")
    frames(page, record)


def _points(db: Path) -> tuple[list[tuple[float, float, str]], int]:
    with sqlite3.connect(db) as conn:
        points = conn.execute("SELECT p.lat, p.lon, p.name FROM places p WHERE EXISTS "
                              "(SELECT 1 FROM mentions m WHERE m.place_slug = p.slug) ORDER BY p.slug").fetchall()
        mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    return points, mentions


def _frame_text(gaps: list[list[float]]) -> str:
    return (f"{median([g[1] for g in gaps]):.0f} / {median([g[2] for g in gaps]):.0f} / "
            f"{max(g[3] for g in gaps):.0f} ms")


def page_pairs(db: Path, timeout: float, pairs: int, kinds: tuple[str, ...] = ("canvas", "fastcluster"),
               label: str = "") -> None:
    """Load ours and each folium page in turn, `pairs` rounds; print medians and per-pair ratios."""
    from playwright.sync_api import sync_playwright

    points, mentions = _points(db)
    httpd, folium_url = folium_server({f"/{k}.html": folium_pages.markers_page(points, k) for k in kinds})
    server = Server(db, tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png")  # as the folium pages: tiles on
    server.first_response("/api/places?bbox=0,0,1,1")
    times: dict[str, list[float]] = {"ours": [], **{k: [] for k in kinds}}
    ratios: dict[str, list[float]] = {k: [] for k in kinds}
    records: dict[str, dict] = {}
    popups, gaps = [], {"ours": [], **{k: [] for k in kinds}}
    with sync_playwright() as p:
        browser = launch(p)
        first, _ = load_page(browser, server.url + "/", True, timeout)  # fills the server's caches
        for i in range(pairs):
            ours, records["ours"] = load_page(browser, server.url + "/", True, timeout, then=popup_and_frames)
            order = list(kinds) if i % 2 == 0 else list(reversed(kinds))  # folium kinds alternate too
            for kind in order:
                theirs, records[kind] = load_page(browser, f"{folium_url}/{kind}.html", False, timeout, then=frames)
                if theirs and ours:
                    times[kind].append(theirs)
                    ratios[kind].append(theirs / ours)
                gaps[kind].append(records[kind].get("frames") or [0, 0, 0, 0])
            if ours:
                times["ours"].append(ours)
                popups.append(records["ours"].get("popup", float("nan")))
                gaps["ours"].append(records["ours"].get("frames") or [0, 0, 0, 0])
        browser.close()
    server.stop()
    httpd.shutdown()
    head = f"map page ready{label}, {mentions:,} mentions at {len(points):,} places"
    row(head + ": Conflict Map, first load after start", f"{first:.2f} s" if first else f"> {timeout:.0f} s")
    row("  Conflict Map, median of the pairs", spread(times["ours"]) if times["ours"] else "failed",
        f"drawn {drawn(records['ours'])}; {'; '.join(records['ours']['errors'])[:60]}")
    best = None
    for kind in kinds:
        if not times[kind]:
            row(f"  folium {FOLIUM_KINDS[kind]}", "failed", "; ".join(records[kind]["errors"])[:60])
            continue
        row(f"  folium {FOLIUM_KINDS[kind]}, same points", spread(times[kind]), f"drawn {drawn(records[kind])}")
        row(f"    … its time / ours, median of {len(ratios[kind])} pairs", f"{median(ratios[kind]):.2f}×",
            f"pairs {min(ratios[kind]):.2f}–{max(ratios[kind]):.2f}×")
        if best is None or median(times[kind]) < median(times[best]):
            best = kind
    if best:
        row(f"  folium's best ({FOLIUM_KINDS[best]}) / ours, median of the per-pair ratios",
            f"{median(ratios[best]):.2f}×", "target ≥ 2× at 100k mentions, ≥ 1× at 1k and 10k")
    if popups:
        row("  popup open, click to passages shown (Conflict Map)", spread([x * 1000 for x in popups], "ms", 0))
    for name in ["ours", *kinds]:
        if gaps[name]:
            row(f"  frame gaps while panning and zooming, {'Conflict Map' if name == 'ours' else FOLIUM_KINDS[name]}"
                ": p50 / p95 / max", _frame_text(gaps[name]), "16.7 ms = 60 fps")


def weight(work: Path) -> None:
    """Print the seed page's bytes against a default folium page with the same markers and popups."""
    from playwright.sync_api import sync_playwright

    from geodata.geo.geometry import anchor
    from geodata.service import open_store

    db = work / "seed.sqlite"
    store = open_store(db)
    places = []
    for place, _ in store.places():
        lat, lon = anchor(place)
        places.append({"name": place.name, "lat": lat, "lon": lon,
                       "passages": [p["text"] for p in store.passages_of(place.slug)]})
    store.close()
    httpd, folium_url = folium_server({"/default.html": folium_pages.default_page(places)})
    server = Server(db, tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    server.first_response("/")
    with sync_playwright() as p:
        browser = launch(p)
        _, ours = load_page(browser, server.url + "/", True, 60)
        _, theirs = load_page(browser, folium_url + "/default.html", False, 60)
        browser.close()
    server.stop()
    httpd.shutdown()
    kb = lambda r, k: f"{r[k] / 1024:.0f} KB"  # noqa: E731
    row(f"seed page ({len(places)} places), tiles excluded, decoded: Conflict Map / folium default page",
        f"{kb(ours, 'decoded')} / {kb(theirs, 'decoded')}", f"target ours ≤ 213 KB; {ours['requests']} / "
        f"{theirs['requests']} requests")
    row("  gzip -6 of every response, both pages alike: Conflict Map / folium", f"{kb(ours, 'gzipped')} / "
        f"{kb(theirs, 'gzipped')}", f"ours / folium = {ours['gzipped'] / theirs['gzipped']:.2f}, target ≤ 0.5")
    row("  ours / folium decoded", f"{ours['decoded'] / theirs['decoded']:.2f}",
        f"ours on the wire as served: {kb(ours, 'wire')} (folium's test server does not compress)")
    row("  note", folium_pages.MISSING_NOTE[:24], folium_pages.MISSING_NOTE[24:])
    if ours["errors"] or theirs["errors"]:
        row("  errors", "; ".join(ours["errors"] + theirs["errors"])[:60])
