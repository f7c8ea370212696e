"""Events on the map, in real Chromium: symbols by type with a legend, the background switch, the type filter,
cue words in popups, fatalities summed per place and corroborated reports."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.conftest import Server, open_page, wait_ready


def icon(page, name):
    return page.locator(f'.leaflet-marker-icon[title="{name}"]')


def switch(page, kind):
    return page.locator(f'.event-control input[data-event-type="{kind}"]')


def test_events_by_default_with_symbols_a_legend_and_a_background_switch(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    legend = page.locator(".event-control")
    for kind in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                 "Strategic developments", "Background mentions"):
        expect(legend).to_contain_text(kind)
    hajin = icon(page, "Hajin")
    expect(hajin).to_have_attribute("data-event-type", "Battles")
    expect(hajin).to_have_text("B")  # a letter as well as a colour
    for name in ("France", "Germany", "Europe"):
        expect(icon(page, name)).to_have_count(0)
    expect(page.locator('.place-item[data-place="france"]')).to_be_hidden()
    switch(page, "Battles").uncheck()  # the type filter
    expect(icon(page, "Hajin")).to_have_count(0)
    switch(page, "Battles").check()
    expect(icon(page, "Hajin")).to_have_count(1)
    switch(page, "Background only").check()
    expect(page.locator('.place-item[data-place="france"]')).to_be_visible()
    page.locator('.place-item[data-place="france"]').click()  # far from Syria: the list brings it into view
    expect(icon(page, "France")).to_have_attribute("data-event-type", "Background only")


def test_a_popup_marks_the_cue_words_and_says_what_happened(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/place/hajin")
    wait_ready(page)
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".event-line")).to_contain_text("Battles · Non-state actor overtakes territory")
    expect(popup.locator(".event-line")).to_contain_text("Syrian Democratic Forces")
    cues = popup.locator("mark.cue")
    expect(cues.first).to_be_visible()
    assert {"fell to", "fighting", "airstrikes"} <= set(cues.all_text_contents())


def test_fatalities_are_summed_per_place_and_reports_from_two_publishers_are_corroborated(tmp_path, browser):
    from geodata.service import load_files, open_store

    reports = [
        ("wire-1", "Example Wire", "Heavy fighting broke out in Hajin on 2 March 2019, killing 4 fighters."),
        ("daily-1", "Daily Example", "Clashes erupted in Hajin on 2 March 2019 and at least three fighters were killed."),
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps({"id": i, "title": f"Hajin, {src}", "text": text, "published": "2019-03-03",
                                        "source": src, "url": f"https://{i}.example/"}) + "\n"
                            for i, src, text in reports), encoding="utf-8")
    db = tmp_path / "reports.sqlite"
    store = open_store(db)
    load_files(store, [path])
    store.close()
    server = Server(db)
    try:
        context, page, probe = open_page(browser)
        page.goto(server.url + "/place/hajin")
        wait_ready(page)
        popup = page.locator(".leaflet-popup-content")
        expect(popup.locator(".popup-fatalities")).to_contain_text("Fatalities stated here: 7")
        expect(popup.locator(".reported-by")).to_have_count(2)
        expect(popup.locator(".reported-by").first).to_have_text("reported by 2 sources")
        assert probe.errors == [] and probe.foreign == []
        context.close()
    finally:
        server.stop()


def test_the_reading_view_marks_cue_words_and_background_mentions(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/articles/baghouz-2019-02-17")
    wait_ready(page)
    cues = set(page.locator(".reading-text mark.cue").all_text_contents())
    assert {"fell to", "called on", "hard fights" if "hard fights" in cues else "fights"} <= cues
    expect(page.locator('.mention[data-place="france"]')).to_have_attribute("data-role", "background")
    expect(page.locator('.mention[data-place="hajin"]')).to_have_attribute("data-role", "event")
    expect(page.locator(".event-kind").first).to_be_visible()
