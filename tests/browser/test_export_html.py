"""The standalone HTML export, opened from disk in Chromium with every network request refused."""

from __future__ import annotations

from playwright.sync_api import expect

from geodata.export import export
from geodata.models import Article
from geodata.service import add_articles

HOSTILE = Article(
    id="hostile-html",
    title="<img src=x onerror=alert(1)> ${alert(3)} `tick`",
    text="Fighting near Hajin <script>alert(2)</script> and ${alert(4)}.",
    published="2019-03-01",
)


def test_html_export_works_from_disk_with_no_network(browser, store, tmp_path):
    add_articles(store, [HOSTILE])
    path = tmp_path / "conflict-map.html"
    path.write_text(export(store, "html"), encoding="utf-8")
    names = [p.name for p, _ in store.places()]

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests, errors, dialogs = [], [], []

    def route(r):
        if r.request.url.startswith("file://") and r.request.url.endswith("/conflict-map.html"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15000)
        # every place is a marker (drawn, or inside a cluster until zoomed)
        count = page.evaluate("Object.keys(window.conflictMap.markers).length")
        assert count == len(names)
        assert page.locator(".leaflet-marker-icon").count() >= 1
        # the basemap was drawn from the inlined JSON
        assert page.locator(".leaflet-basemap-pane path").count() > 50
        # open a popup from the list, and one by clicking a marker
        page.locator('.leaflet-marker-icon[title="Hajin"]').click()
        popup = page.locator(".leaflet-popup-content")
        expect(popup).to_contain_text("<script>alert(2)</script>")  # shown as text, not run
        expect(popup).to_contain_text("<img src=x onerror=alert(1)>")
        expect(popup.locator("a.read-link")).to_have_count(0)  # no reading view to link to from a file
        page.locator('.place-item[data-place="baghouz"]').click()
        # the closing popup may still fade out beside the new one
        expect(popup.filter(has_text="about two miles from the militants' last spot")).to_be_visible()
        for name in names:
            assert page.evaluate("(n) => Object.values(window.conflictMap.markers).some("
                                 "m => m.options.title === n)", name)
        assert page.url.startswith("file://")
    finally:
        context.close()
    assert requests == [], f"the export asked the network for: {requests}"
    assert errors == [], f"console errors: {errors}"
    assert dialogs == []
