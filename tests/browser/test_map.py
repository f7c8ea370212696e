import re

from playwright.sync_api import expect

from tests.browser.conftest import Server, open_page, wait_ready

# What each marker's popup must quote from the seed article (verbatim passages).
EXCERPTS = {
    "Baghouz": "about two miles from the militants' last spot",
    "Hajin": "a major center for the militants that fell to the SDF in December",
    "Raqqa": "stripped of its self-declared capital of Raqqa",
    "Al-Susah": "many liberated villages such as Al-Susah",
}


def show_background(page):
    """Tick the legend's switch that adds the places named only in background (events are shown by default)."""
    page.locator('.event-control input[data-event-type="Background only"]').check()


def marker(page, name):
    return page.locator(f'.leaflet-marker-icon[title="{name}"]')


def show_marker(page, name):
    """Zoom into clusters the way a reader does, by clicking them, until the marker is drawn."""
    for _ in range(8):
        if marker(page, name).count() and marker(page, name).is_visible():
            return marker(page, name)
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(700)
    raise AssertionError(f"marker {name} never appeared")


def test_clicking_each_marker_shows_its_verbatim_passages(server, page_and_probe):
    page, probe = page_and_probe
    for name, excerpt in EXCERPTS.items():
        page.goto(server.url + "/")
        wait_ready(page)
        show_background(page)  # Raqqa is named only in history
        show_marker(page, name).click()
        popup = page.locator(".leaflet-popup-content")
        expect(popup).to_contain_text(excerpt)
        expect(popup).to_contain_text("'Taking their last breath': IS hides among Syrian civilians")
        expect(popup).to_contain_text("17 Feb 2019")
    assert probe.tiles > 0  # tiles were asked for, and answered locally


def test_first_view_fits_the_towns_and_rivers(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    # every seed place is on screen, as a marker or inside a cluster
    box = page.locator(".map").bounding_box()
    show_background(page)
    icons = page.locator(".leaflet-marker-icon")
    assert icons.count() >= 6
    for i in range(icons.count()):
        b = icons.nth(i).bounding_box()
        assert box["x"] <= b["x"] + b["width"] / 2 <= box["x"] + box["width"]
        assert box["y"] <= b["y"] + b["height"] / 2 <= box["y"] + box["height"]
    for name in ("Hajin", "Raqqa"):
        expect(marker(page, name)).to_be_visible()
    expect(page.locator(".marker-cluster")).to_have_count(1)  # Baghouz and Al-Susah, 9 km apart


def test_list_opens_the_popup_even_inside_a_cluster(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator('.place-item[data-place="al-susah"]').click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Al-Susah"])
    expect(page).to_have_url(re.compile(r"/place/al-susah$"))


def test_keyboard_tab_and_enter_open_a_marker_popup(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    hajin = marker(page, "Hajin")
    assert hajin.get_attribute("tabindex") == "0" and hajin.get_attribute("alt") == "Hajin"
    page.keyboard.press("Tab")
    for _ in range(40):
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('title')") == "Hajin":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the Hajin marker")
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Hajin"])


def test_list_works_with_the_keyboard(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    show_background(page)
    page.locator('.place-item[data-place="raqqa"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Raqqa"])
    expect(page.locator(".leaflet-popup .popup")).to_be_focused()


def test_shared_place_link_opens_its_popup(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/place/baghouz")
    wait_ready(page)
    expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Baghouz"])
    # events by default: two of Baghouz's three passages report something there
    expect(page.locator(".leaflet-popup-content mark:not(.cue)")).to_have_count(2)
    show_background(page)
    expect(page.locator(".leaflet-popup-content mark:not(.cue)")).to_have_count(3)


def test_phone_screen_folds_the_list_away(server, browser):
    context, page, probe = open_page(browser, {"width": 390, "height": 844})
    page.goto(server.url + "/")
    wait_ready(page)
    expect(page.locator("#sidebar")).to_be_hidden()
    map_box = page.locator(".map").bounding_box()
    assert map_box["width"] >= 380 and map_box["height"] >= 700
    page.locator("#sidebar-toggle").click()
    page.locator('.place-item[data-place="hajin"]').click()
    expect(page.locator("#sidebar")).to_be_hidden()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Hajin"])
    context.close()
    assert probe.errors == [] and probe.foreign == []


def test_without_tiles_the_vector_basemap_draws_and_nothing_leaves(tmp_path, browser):
    server = Server(tmp_path / "notiles.sqlite", tiles="none")
    try:
        context, page, probe = open_page(browser)
        page.goto(server.url + "/")
        wait_ready(page)
        # country borders and rivers are SVG paths in the basemap pane
        assert page.locator(".leaflet-basemap-pane path").count() > 100
        assert probe.tiles == 0 and probe.foreign == [] and probe.errors == []
        context.close()
    finally:
        server.stop()


PAYLOAD = "<img src=x onerror=alert(1)> <script>alert(2)</script> ${alert(3)} `backtick`"


def test_hostile_article_runs_no_script_and_the_map_still_draws(tmp_path, browser):
    from geodata.service import load_files, open_store

    path = tmp_path / "hostile-2020-05-01.txt"
    path.write_text(f"Hostile {PAYLOAD}\n\nShelling hit Raqqa again. {PAYLOAD}\n", encoding="utf-8")
    db = tmp_path / "hostile.sqlite"
    store = open_store(db)
    load_files(store, [path])  # the same loader the seeds use
    store.close()
    server = Server(db)
    try:
        context, page, probe = open_page(browser)
        page.goto(server.url + "/")
        wait_ready(page)
        marker(page, "Raqqa").click()
        popup = page.locator(".leaflet-popup-content")
        expect(popup).to_contain_text("<script>alert(2)</script>")  # shown as text
        expect(popup).to_contain_text("${alert(3)}")
        expect(page.locator(".leaflet-popup-content img")).to_have_count(0)
        page.wait_for_timeout(500)
        assert probe.dialogs == []
        assert page.locator(".leaflet-marker-icon").count() >= 4  # the event places; background ones wait for the switch
        assert probe.errors == [] and probe.foreign == []
        context.close()
    finally:
        server.stop()


def test_a_large_archive_page_fetches_passages_when_a_popup_opens(browser, tmp_path, monkeypatch):
    """Past MAP_FULL_LIMIT places the page carries markers only; the popup still shows verbatim passages."""
    monkeypatch.setenv("CONFLICT_MAP_FULL_LIMIT", "0")
    server = Server(tmp_path / "compact.sqlite")
    context, page, probe = open_page(browser)
    try:
        page.goto(server.url + "/")
        wait_ready(page)
        data = page.evaluate("JSON.parse(document.getElementById('map-data').textContent)")
        assert data["complete"] is False and all("passages" not in f["properties"] for f in data["features"])
        marker(page, "Hajin").click()
        expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Hajin"])
        expect(page.locator(".leaflet-popup-content")).to_contain_text("17 Feb 2019")
        page.goto(server.url + "/place/al-susah")
        wait_ready(page)
        expect(page.locator(".leaflet-popup-content")).to_contain_text(EXCERPTS["Al-Susah"])
    finally:
        context.close()
        server.stop()
    assert probe.errors == [] and probe.foreign == []
