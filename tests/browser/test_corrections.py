"""A reader's corrections in the browser: "Not a place" and "This place instead" from the reading
view and a popup, through the token-guarded API; doubtful mentions look doubtful."""

import json
import re
import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import Server, open_page, wait_ready

DOUBT = {"id": "springfield-2019-03-01", "title": "Shelling near Springfield", "published": "2019-03-01",
         "text": "Shelling hit Springfield overnight, officials said.\n\nLater the shelling hit Hajin again."}


def _post(url, body, token=None):
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req) as r:  # noqa: S310 - the test's own server
        return json.loads(r.read())


def _get(url):
    with urllib.request.urlopen(url) as r:  # noqa: S310
        return json.loads(r.read())


def test_an_uncertain_mention_is_marked_and_not_a_place_removes_it(tmp_path, browser):
    server = Server(tmp_path / "doubt.sqlite", tiles="none")
    context, page, probe = open_page(browser)
    try:
        _post(server.url + "/api/articles", DOUBT)
        page.goto(server.url + "/articles/" + DOUBT["id"])
        wait_ready(page)
        springfield = page.locator(".mention", has_text="Springfield")
        expect(springfield).to_have_class("mention uncertain")
        doubt = re.compile(r"^Uncertain: the geoparser's confidence is 0\.\d\d; also possible: Springfield \(US")
        expect(springfield).to_have_attribute("title", doubt)
        expect(page.locator(".uncertain-marker")).to_have_count(1)  # not drawn as a confident pin
        springfield.click()
        bar = page.locator("#reading-correction")
        bar.get_by_role("button", name="Not a place").click()
        expect(bar).to_contain_text("Saved as a rule")
        page.wait_for_load_state("load")
        wait_ready(page)
        expect(page.locator(".mention", has_text="Springfield")).to_have_count(0)
        rules = _get(server.url + "/api/rules")["rules"]
        assert any("springfield" in json.dumps(r).lower() for r in rules), rules
    finally:
        context.close()
        server.stop()
    assert probe.errors == [] and probe.foreign == []


def test_this_place_instead_from_a_popup_moves_the_mention(tmp_path, browser):
    server = Server(tmp_path / "instead.sqlite", tiles="none")
    context, page, probe = open_page(browser)
    try:
        page.goto(server.url + "/place/hajin")
        wait_ready(page)
        popup = page.locator(".leaflet-popup-content")
        popup.get_by_text("Wrong place? Correct it").click()
        popup.get_by_role("button", name="This place instead…").click()
        popup.get_by_label("Place for “Hajin”").fill("raqqa")
        popup.get_by_role("button", name="Place it here").click()
        expect(popup).to_contain_text("Saved as a rule")
        page.wait_for_timeout(1200)
        mentions = _get(server.url + "/api/articles/baghouz-2019-02-17")["mentions"]
        assert [m["place"] for m in mentions if m["text"] == "Hajin"] == ["raqqa"]
    finally:
        context.close()
        server.stop()
    assert probe.errors == [] and probe.foreign == []


def test_a_server_with_a_write_token_asks_for_it_once(tmp_path, browser, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_TOKEN", "s3cret-token")
    server = Server(tmp_path / "token.sqlite", tiles="none")
    context, page, probe = open_page(browser)
    try:
        page.goto(server.url + "/articles/baghouz-2019-02-17")
        wait_ready(page)
        page.locator(".mention", has_text="Iraq").first.click()
        bar = page.locator("#reading-correction")
        bar.get_by_role("button", name="Not a place").click()
        token = bar.get_by_label("Write token")
        expect(token).to_be_visible()  # refused without it: nothing was written
        assert all(m["text"] != "Iraq" or m["place"] for m in _get(server.url + "/api/articles/baghouz-2019-02-17")["mentions"])
        token.fill("s3cret-token")
        token.press("Enter")
        expect(bar).to_contain_text("Saved as a rule")
        page.wait_for_timeout(1200)
        texts = [m["text"] for m in _get(server.url + "/api/articles/baghouz-2019-02-17")["mentions"]]
        assert texts.count("Iraq") < 2 or "Iraq" not in texts
    finally:
        context.close()
        server.stop()
    # the refused write is the one console line a 401 leaves
    assert all("401" in e for e in probe.errors) and probe.foreign == []
