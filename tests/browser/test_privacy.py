"""Tiles are opt-in: the default page asks no other host; the switch names its host and is remembered;
unreachable tiles leave the basemap and one notice, not a console flood."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import Server, open_page, wait_ready

SWITCH = ".leaflet-control-layers-overlays label:has(.tiles-switch) input"


def _hosts(urls):
    return {urlsplit(u).netloc for u in urls}


def test_the_default_page_asks_no_other_host(tmp_path, browser):
    server = Server(tmp_path / "default.sqlite", tiles=None)
    try:
        for path in ("/", "/articles", "/place/hajin"):
            context, page, probe = open_page(browser)
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            if path != "/articles":
                wait_ready(page)
                assert page.locator(".leaflet-basemap-pane path").count() > 100  # the built-in basemap
            context.close()
            assert probe.requests, "the probe saw no request at all"
            assert _hosts(probe.requests) == {f"127.0.0.1:{server.port}"}, probe.requests
            assert probe.tiles == 0 and probe.errors == []
    finally:
        server.stop()


def test_the_tile_switch_names_its_host_and_is_remembered(tmp_path, browser):
    server = Server(tmp_path / "switch.sqlite", tiles=None)
    context, page, probe = open_page(browser)
    try:
        page.goto(server.url + "/")
        wait_ready(page)
        label = page.locator(".tiles-switch")
        expect(label).to_have_text(re.compile(r"loads images from tile\.openstreetmap\.org"))
        page.locator(".leaflet-control-layers").hover()
        page.locator(SWITCH).check()
        page.locator(".leaflet-tile-pane img").first.wait_for(state="attached")
        asked = probe.tiles
        assert asked > 0
        page.reload()
        wait_ready(page)
        page.locator(".leaflet-tile-pane img").first.wait_for(state="attached")
        assert probe.tiles > asked  # still on after a reload
        page.locator(".leaflet-control-layers").hover()
        page.locator(SWITCH).uncheck()
        page.reload()
        wait_ready(page)
        asked = probe.tiles
        page.wait_for_timeout(500)
        assert probe.tiles == asked and page.locator(".leaflet-tile-pane img").count() == 0
    finally:
        context.close()
        server.stop()
    assert probe.errors == [] and probe.foreign == []


def test_unreachable_tiles_say_so_once_and_keep_the_basemap(tmp_path, browser):
    server = Server(tmp_path / "offline.sqlite", tiles="osm")
    context, page, probe = open_page(browser)
    page.route(re.compile(r"^https://tile\.openstreetmap\.org/"), lambda r: r.abort("internetdisconnected"))
    try:
        page.goto(server.url + "/")
        wait_ready(page)
        notice = page.locator(".map-notice")
        expect(notice).to_have_text(re.compile(r"tile\.openstreetmap\.org are unreachable"))
        page.mouse.wheel(0, -400)  # zooming asks for no more tiles
        page.wait_for_timeout(800)
        expect(notice).to_have_count(1)
        assert page.locator(".leaflet-basemap-pane path").count() > 100
        assert page.locator(".leaflet-tile-pane img").count() == 0
    finally:
        context.close()
        server.stop()
    # one failed probe image at most, never one error per tile
    assert len(probe.errors) <= 1 and all("Failed to load resource" in e for e in probe.errors), probe.errors
    assert probe.foreign == []
