"""Place names in map tooltips are text, never HTML (issue 14, item 8)."""

from __future__ import annotations

import sqlite3

from tests.browser.conftest import Server, open_page, wait_ready

PAYLOAD = "<img src=x onerror=alert(1)><b>bold</b> "

OPEN_EVERY_TOOLTIP = """() => {
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const map = window[config.map], cluster = window[config.cluster];
  const layers = [];
  map.eachLayer((l) => layers.push(l));
  cluster.eachLayer((l) => layers.push(l));
  let opened = 0;
  for (const l of layers) {
    if (!l.getTooltip || !l.getTooltip()) continue;
    const at = l.getLatLng ? l.getLatLng() : (l.getBounds ? l.getBounds().getCenter() : map.getCenter());
    l.getTooltip().setLatLng(at).addTo(map);
    opened += 1;
  }
  return opened;
}"""


def test_place_names_in_tooltips_are_inserted_as_text(tmp_path, browser):
    from geodata.service import open_store

    db = tmp_path / "names.sqlite"
    open_store(db).close()  # the seeds: Syria and Iraq are areas, the Euphrates a line, each with a tooltip
    with sqlite3.connect(db) as c:
        c.execute("UPDATE places SET name = ? || name WHERE slug IN ('syria', 'iraq', 'euphrates')", (PAYLOAD,))
    server = Server(db, tiles="none")
    context, page, probe = open_page(browser)
    try:
        page.goto(server.url + "/")
        wait_ready(page)
        page.locator('.event-control input[data-event-type="Background only"]').check()
        assert page.evaluate(OPEN_EVERY_TOOLTIP) >= 3
        tips = page.locator(".leaflet-tooltip")
        texts = tips.all_text_contents()
        assert sum(PAYLOAD.strip() in t for t in texts) >= 3, texts  # the markup shows, as characters
        assert page.locator(".leaflet-tooltip img, .leaflet-tooltip b").count() == 0
        page.wait_for_timeout(300)
        assert probe.dialogs == [] and probe.errors == []
    finally:
        context.close()
        server.stop()
