"""The built-in basemap is labelled: country, city and river names as DOM text, in the reader's
language where the data has it, never overlapping, and no band across the map at world zoom."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Server, wait_ready


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("labels") / "labels.sqlite", tiles="none")
    yield s
    s.stop()


def _open(browser, server, locale="en-US", view=(34.5, 38.5, 6)):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=locale)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator(".map-label").first.wait_for(state="attached")
    page.evaluate("v => window.conflictMap.map.setView([v[0], v[1]], v[2], {animate: false})", list(view))
    page.wait_for_timeout(300)
    return context, page, errors


def test_with_tiles_off_country_city_and_river_names_are_readable_text(plain_server, browser):
    context, page, errors = _open(browser, plain_server)
    for name, kind in (("Syria", "label-country"), ("Damascus", "label-capital"), ("Baghdad", "label-capital"),
                       ("Aleppo", "label-city"), ("Euphrates", "label-river")):
        label = page.locator(f".map-label.{kind}").get_by_text(name, exact=True)
        expect(label).to_be_visible()
    boxes = [b for b in (page.locator(".map-label").nth(i).bounding_box() for i in range(page.locator(".map-label").count())) if b]
    assert len(boxes) > 20
    for i, a in enumerate(boxes):  # collision handling: no two names drawn over each other
        for b in boxes[i + 1:]:
            overlap_x = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
            overlap_y = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
            assert overlap_x <= 2 or overlap_y <= 2, (a, b)
    context.close()
    assert errors == []


def test_names_grow_and_multiply_as_the_reader_zooms_in(plain_server, browser):
    context, page, _ = _open(browser, plain_server, view=(30, 20, 2))
    expect(page.locator(".label-country").get_by_text("Russia", exact=True)).to_be_visible()
    expect(page.locator(".label-city")).to_have_count(0)  # world zoom: countries only
    russia = page.locator(".label-country").get_by_text("Russia", exact=True)
    world_size = float(russia.evaluate("n => parseFloat(n.style.fontSize)"))
    page.evaluate("window.conflictMap.map.setView([60, 90], 5, {animate: false})")
    page.wait_for_timeout(300)
    assert float(russia.evaluate("n => parseFloat(n.style.fontSize)")) > world_size
    assert page.locator(".label-city").count() > 0
    context.close()


def test_country_names_follow_the_readers_language(plain_server, browser):
    context, page, _ = _open(browser, plain_server, locale="fr-FR")
    label = page.locator(".label-country").get_by_text("Syrie", exact=True)
    expect(label).to_be_visible()
    assert label.get_attribute("lang", timeout=1000).startswith("fr")
    context.close()


def test_no_band_crosses_the_map_at_world_zoom(plain_server, browser):
    context, page, _ = _open(browser, plain_server, view=(0, 0, 2))
    world_px = 256 * 4
    # the width of each ring as drawn (one SVG subpath each): a ring cut at ±180° would span the world
    widths = page.locator(".leaflet-basemap-pane path").evaluate_all("""ps => [].concat.apply([], ps.map(p =>
        p.getAttribute("d").split("M").filter(Boolean).map(ring => {
            const xs = ring.split(/[LZz]/).filter(Boolean).map(pt => parseFloat(pt));
            return Math.max(...xs) - Math.min(...xs);
        })))""")
    assert len(widths) > 100
    assert max(widths) < 0.6 * world_px  # Russia is the widest, under half the world
    context.close()



def test_the_basemap_draws_syria_and_the_euphrates_where_they_are(plain_server, browser):
    context, page, errors = _open(browser, plain_server)
    # the compact basemap is decoded in the page (basemap.js): Syria's outline must land on Syria
    found = page.evaluate("""() => {
        var out = {};
        window.conflictMap.map.eachLayer(function (l) {
            var name = l.feature && l.feature.properties && l.feature.properties.name;
            if ((name === "Syria" || name === "Euphrates") && l.getBounds) out[name] = l.getBounds().toBBoxString();
        });
        return out;
    }""")
    west, south, east, north = map(float, found["Syria"].split(","))
    assert 35 < west < 36.5 and 32 < south < 33 and 42 < east < 43 and 37 < north < 38, found
    west, south, east, north = map(float, found["Euphrates"].split(","))
    assert south < 35.34 < north and west < 40.14 < east, found  # it runs past Deir ez-Zor
    context.close()
    assert errors == []
