"""Browser tests: real Chromium (Playwright) against `run.py serve` on a free port.

There is no skipping here: without a Chromium the tests fail, so CI can never count a
missing browser as a pass. Any request to another host than the app fails the test, except
map tiles, which are answered locally with a blank PNG.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """run.py serve in a subprocess, on a free port, with its own database file."""

    def __init__(self, db: Path, tiles: str | None = TILE_URL) -> None:
        """Start the server; tiles=None serves the default configuration (no --tiles)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "run.py"), "serve", "--port", str(self.port), "--db", str(db),
             *(["--tiles", tiles] if tiles is not None else [])],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        line = self.proc.stdout.readline()
        if f":{self.port}/" not in line:
            self.stop()
            raise RuntimeError(f"run.py did not start: {line}{self.proc.stdout.read()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("srv") / "browser.sqlite")
    yield s
    s.stop()


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CONFLICT_MAP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None  # Playwright's own download, if `playwright install chromium` ran


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageProbe:
    """What a page did: foreign requests, console errors, dialogs."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.tiles = 0
        self.requests: list[str] = []  # every URL the page asked for


def open_page(browser, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800})
    page = context.new_page()
    probe = PageProbe()
    tile = re.compile(r"^https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png$")

    def route(r):
        url = r.request.url
        probe.requests.append(url)
        if url.startswith("http://127.0.0.1:"):
            r.continue_()
        elif tile.match(url):
            probe.tiles += 1
            r.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            probe.foreign.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: probe.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: probe.errors.append(str(e)))

    def on_dialog(d):
        probe.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    return context, page, probe


@pytest.fixture
def page_and_probe(browser):
    context, page, probe = open_page(browser)
    yield page, probe
    context.close()
    assert probe.errors == [], f"console errors: {probe.errors}"
    assert probe.foreign == [], f"requests to other hosts: {probe.foreign}"


def wait_ready(page) -> None:
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15000)
