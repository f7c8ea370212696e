"""The marker key explains kinds and precision; the download menu sits in the top bar."""

from playwright.sync_api import expect

from tests.browser.conftest import wait_ready


def test_the_marker_key_names_each_shape_and_precision(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    key = page.locator(".event-control .marker-key")
    key.locator("summary").click()
    for words in ("exact town", "precision 2–3", "river", "unsure", "several places"):
        expect(key).to_contain_text(words)


def test_the_download_menu_is_in_the_top_bar(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    menu = page.locator(".topbar details.downloads")
    menu.locator("summary").click()
    link = menu.get_by_role("link", name="GeoJSON")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == "/api/export.geojson"
    expect(page.locator(".sidebar .downloads")).to_have_count(0)
