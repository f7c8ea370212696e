"""Find and frame, filters that agree: the search box, zoom-to-fit on every selection, and the
time and article filters hiding markers, areas, river lines and counts alike."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import wait_ready


def _zoom(page):
    return page.evaluate("window.conflictMap.map.getZoom()")


def _in_view(page, lat, lon):
    return page.evaluate(f"window.conflictMap.map.getBounds().contains([{lat}, {lon}])")


def test_search_finds_a_place_by_an_alias_and_opens_it_from_the_keyboard(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    page.keyboard.press("/")  # the shortcut focuses the search box
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("as sūsah")  # an alias, with its accent
    results = page.locator("#search-results [role=option]")
    expect(results.first).to_contain_text("Al-Susah")
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("many liberated villages such as Al-Susah")
    expect(page).to_have_url(re.compile(r"/place/al-susah$"))


def test_search_finds_arabic_names_and_article_titles(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    search = page.locator("#search")
    search.fill("الرقة")
    expect(page.locator("#search-results [role=option]").first).to_contain_text("Raqqa")
    search.fill("last breath")
    hits = page.locator("#search-results [role=option]")
    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text("article")
    search.press("Enter")
    expect(page.locator("#article-filter")).to_have_value("baghouz-2019-02-17")
    search.fill("zzzz no such place")
    expect(page.locator("#search-status")).to_have_text("No place or article matches")


def test_a_continent_opens_framed_at_a_continents_zoom(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/place/europe")
    wait_ready(page)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Europe")
    assert _zoom(page) <= 4  # not zoom 10 on an empty sea of land
    expect(popup.locator(".popup-region")).to_have_count(0)  # Europe is not "In Germany"
    page.goto(server.url + "/place/syria")
    wait_ready(page)
    assert 4 <= _zoom(page) <= 7 and _in_view(page, 33.51, 36.29) and _in_view(page, 37.0, 42.0)  # all of Syria
    expect(page.locator(".leaflet-popup-content .popup-region")).to_have_count(0)


def test_the_time_filter_hides_areas_lines_and_counts_and_frames_what_is_left(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator('.event-control input[data-event-type="Background only"]').check()
    areas_before = page.locator(".place-area").count()
    assert areas_before >= 3 and page.locator(".leaflet-overlay-pane path[stroke='#1f5fa8']").count() == 1
    end = page.locator("#time-end")
    end.focus()
    rng = page.locator("#time-range")
    for _ in range(40):
        if "– Dec 2017" in rng.text_content():
            break
        page.keyboard.press("ArrowLeft")
    end.dispatch_event("change")  # released: the map frames what is left
    expect(rng).to_contain_text("2 places")  # Raqqa and Syria
    expect(page.locator("#places-heading .count")).to_have_text("(2 of 13)")
    # the Euphrates (2019) and every other area but Syria's are gone with their markers
    expect(page.locator(".leaflet-overlay-pane path[stroke='#1f5fa8']")).to_have_count(0)
    expect(page.locator(".place-area")).to_have_count(1)
    assert _in_view(page, 35.95, 39.01)  # Raqqa is on screen
    # the histogram's bars stay inside its box
    box = page.locator(".time-histogram").bounding_box()
    for bar in page.locator(".time-bar").all():
        b = bar.bounding_box()
        if b:
            assert box["x"] - 0.5 <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 0.5


def test_the_article_filter_frames_its_places(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    page.evaluate("window.conflictMap.map.setView([-30, -60], 6, {animate: false})")  # somewhere empty
    page.locator("#article-filter").select_option("baghouz-2019-02-17")
    assert _in_view(page, 34.93, 40.93)  # Hajin
