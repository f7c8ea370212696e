"""Phone and keyboard: nothing covers an open panel, a popup or the reading text; popups fit the
screen; touch targets are 44 px; Escape closes a popup back to its marker; every Tab stop is named;
axe-core (vendored from npm, tests/browser/vendor/axe-core) finds no serious violation."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_page, wait_ready

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
PHONES = [{"width": 390, "height": 844}, {"width": 360, "height": 640}]


def _overlap(a, b):
    return min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 1 and \
        min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 1


def _visible_boxes(page, selector):
    return [b for b in (loc.bounding_box() for loc in page.locator(selector).all() if loc.is_visible()) if b]


@pytest.mark.parametrize("viewport", PHONES, ids=["390x844", "360x640"])
def test_on_a_phone_popups_fit_and_no_control_covers_them(server, browser, viewport):
    context, page, probe = open_page(browser, viewport)
    page.goto(server.url + "/place/hajin")
    wait_ready(page)
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    box = popup.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    for control in _visible_boxes(page, ".leaflet-control-container .leaflet-control:not(.leaflet-control-attribution)"):
        assert not _overlap(control, box), control
    for target in _visible_boxes(page, ".leaflet-popup-close-button, .leaflet-control-zoom a, .filters-toggle"):
        assert target["width"] >= 44 and target["height"] >= 44, target
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    toggle = page.locator(".filters-toggle")
    expect(toggle).to_be_visible()  # the legend and time control fold behind it on a phone
    expect(page.locator(".time-control")).to_be_hidden()
    toggle.click()
    expect(page.locator(".time-control")).to_be_visible()
    context.close()
    assert probe.errors == [] and probe.foreign == []


@pytest.mark.parametrize("viewport", PHONES, ids=["390x844", "360x640"])
def test_on_a_phone_the_open_list_is_above_every_map_control(server, browser, viewport):
    context, page, probe = open_page(browser, viewport)
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator("#sidebar-toggle").click()
    sidebar = page.locator("#sidebar").bounding_box()
    for target in _visible_boxes(page, ".place-item, #sidebar-toggle, .search-input"):
        assert target["height"] >= 44, target
    for control in _visible_boxes(page, ".leaflet-control-container .leaflet-control"):
        x, y = control["x"] + control["width"] / 2, control["y"] + control["height"] / 2
        if x < sidebar["x"] + sidebar["width"]:
            on_top = page.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('#sidebar')", [x, y])
            assert on_top, control  # the list, not the control, is what a tap there reaches
    context.close()
    assert probe.errors == [] and probe.foreign == []


@pytest.mark.parametrize("viewport", PHONES, ids=["390x844", "360x640"])
def test_on_a_phone_the_reading_view_opens_on_its_text(server, browser, viewport):
    context, page, probe = open_page(browser, viewport)
    page.goto(server.url + "/articles/baghouz-2019-02-17")
    wait_ready(page)
    text = page.locator(".reading-text")
    expect(text).to_be_in_viewport()
    first = page.locator(".reading-para").first.bounding_box()
    for control in _visible_boxes(page, ".leaflet-control-container .leaflet-control"):
        assert not _overlap(control, first), control
    toggle = page.locator("#sidebar-toggle")
    expect(toggle).to_have_text("Map")  # the map is one tap away
    toggle.click()
    expect(page.locator(".map")).to_be_in_viewport()
    expect(toggle).to_have_text("Text")
    context.close()
    assert probe.errors == [] and probe.foreign == []


def test_escape_closes_a_popup_and_returns_focus_to_its_marker(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    hajin = page.locator('.leaflet-marker-icon[title="Hajin"]')
    hajin.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Hajin")
    page.locator(".leaflet-popup .popup").focus()
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(hajin).to_be_focused()


NAME_OF_FOCUSED = """() => {
  const e = document.activeElement;
  const name = e.getAttribute('aria-label') || e.getAttribute('title') || e.getAttribute('alt') ||
    (e.labels && e.labels[0] && e.labels[0].textContent) || (e.textContent || '').trim();
  return { tag: e.tagName.toLowerCase(), name: (name || '').trim(), cls: e.getAttribute('class') || '' };
}"""


@pytest.mark.parametrize("path", ["/", "/articles/baghouz-2019-02-17"])
def test_every_tab_stop_is_named_and_no_shape_is_one(server, page_and_probe, path):
    page, _ = page_and_probe
    page.goto(server.url + path)
    wait_ready(page)
    for _ in range(45):
        page.keyboard.press("Tab")
        stop = page.evaluate(NAME_OF_FOCUSED)
        assert stop["tag"] not in ("path", "svg", "g"), stop
        assert stop["name"] or stop["tag"] == "body", stop


@pytest.mark.parametrize("path", ["/", "/articles", "/articles/baghouz-2019-02-17"])
def test_axe_finds_no_serious_violation(server, browser, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(server.url + path)
    if path != "/articles":
        wait_ready(page)
    page.wait_for_timeout(500)
    page.evaluate(AXE)
    violations = page.evaluate("""axe.run().then(r => r.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')))""")
    context.close()
    assert violations == []
