"""Embedding in Chromium: a page on another origin frames /embed/place/<slug>, allowed or refused by policy."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import expect
from werkzeug.serving import make_server

from tests.browser.conftest import open_page
from webapp import create_app


@contextmanager
def serving(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def host_page(embed_url_box: list[str]) -> ThreadingHTTPServer:
    """Return a server for a news page (its own origin) whose iframe shows embed_url_box[0]."""

    class NewsPage(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            body = (f'<!doctype html><title>News</title><h1>Report</h1>'
                    f'<iframe id="map" src="{embed_url_box[0]}" width="600" height="400"></iframe>').encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), NewsPage)


def app_server(tmp_path, ancestors: str):
    app = create_app({"DATABASE": str(tmp_path / "embed.sqlite"), "TILE_URL": "", "EMBED_FRAME_ANCESTORS": ancestors})
    return make_server("127.0.0.1", 0, app, threaded=True)


def test_embed_shows_in_an_iframe_when_the_policy_allows_the_host(browser, tmp_path):
    box: list[str] = []
    with serving(host_page(box)) as news:
        news_origin = f"http://127.0.0.1:{news.server_port}"
        with serving(app_server(tmp_path, news_origin)) as app:
            box.append(f"http://127.0.0.1:{app.server_port}/embed/place/hajin")
            context, page, probe = open_page(browser)
            try:
                page.goto(news_origin + "/")
                frame = page.frame_locator("#map")
                expect(frame.locator("body[data-ready=true]")).to_be_attached(timeout=15000)
                expect(frame.locator(".leaflet-popup-content")).to_contain_text(
                    "a major center for the militants that fell to the SDF in December")
                expect(frame.locator('.leaflet-marker-icon[title="Hajin"]')).to_be_visible()
                assert frame.locator("#sidebar").count() == 0
            finally:
                context.close()
    assert probe.errors == [] and probe.foreign == []


def test_embed_is_refused_when_the_policy_is_none(browser, tmp_path):
    box: list[str] = []
    with serving(host_page(box)) as news:
        with serving(app_server(tmp_path, "'none'")) as app:
            box.append(f"http://127.0.0.1:{app.server_port}/embed/place/hajin")
            context, page, probe = open_page(browser)
            try:
                page.goto(f"http://127.0.0.1:{news.server_port}/")
                page.wait_for_timeout(1500)
                child = page.frames[1]
                # Chromium swaps a refused frame for its error page: the map never loads in it
                assert child.url.startswith("chrome-error://") or child.locator("body[data-ready=true]").count() == 0
                assert child.locator(".leaflet-container").count() == 0
            finally:
                context.close()
    assert any("frame-ancestors" in e for e in probe.errors), probe.errors
    assert probe.foreign == []
