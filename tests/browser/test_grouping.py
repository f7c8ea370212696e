"""Corroboration in the browser: a popup explains why reports were grouped, and a reader's "Not the same event"
takes one report out of the group (and its undo puts it back) without a reload, asking for the token once."""

from __future__ import annotations

import json
import urllib.request

from playwright.sync_api import expect

from tests.browser.conftest import Server, open_page, wait_ready

REPORTS = [
    ("wire-1", "Example Wire", "Heavy fighting broke out in Hajin on 2 March 2019, killing 4 fighters."),
    ("daily-1", "Daily Example", "Clashes erupted in Hajin on 2 March 2019 and at least three fighters were killed."),
    ("post-1", "The Post", "Fighting raged in Hajin on 2 March 2019, residents said."),
]


def _store(tmp_path):
    from geodata.service import load_files, open_store

    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps({"id": i, "title": f"Hajin, {src}", "text": text, "published": "2019-03-03",
                                        "source": src, "url": f"https://{i}.example/"}) + "\n"
                            for i, src, text in REPORTS), encoding="utf-8")
    db = tmp_path / "reports.sqlite"
    store = open_store(db)
    load_files(store, [path])
    store.close()
    return db


def _apart(server) -> dict[str, bool]:
    with urllib.request.urlopen(server.url + "/api/places/hajin") as r:  # noqa: S310 - the test's own server
        passages = json.loads(r.read())["properties"]["passages"]
    return {p["article"]: p["apart"] for p in passages if p["article"] != "baghouz-2019-02-17"}


def test_not_the_same_event_ungroups_a_report_and_its_undo_groups_it_again(tmp_path, browser, monkeypatch):
    monkeypatch.setenv("CONFLICT_MAP_TOKEN", "s3cret-token")
    server = Server(_store(tmp_path), tiles="none")
    context, page, probe = open_page(browser)
    try:
        page.goto(server.url + "/place/hajin")
        wait_ready(page)
        page.evaluate("window.sameDocument = true")
        popup = page.locator(".leaflet-popup-content")
        item = {a: popup.locator(f'li[data-article="{a}"]') for a, _, _ in REPORTS}
        for a in item:
            expect(item[a].locator(".reported-by")).to_have_text("reported by 3 sources")
        why = item["post-1"].locator(".reported-why")
        why.locator("summary").click()
        expect(why).to_contain_text("within 5 km")
        expect(why.locator(".reported-list li")).to_have_count(2)
        expect(why.locator(".reported-list")).to_contain_text("Example Wire, at Hajin, Battles, event 2 Mar 2019")
        expect(why.locator('.reported-list a[href="/articles/wire-1#offset-0"]')).to_have_text("Hajin, Example Wire")

        why.get_by_role("button", name="Not the same event").click()
        token = why.get_by_label("Write token")
        expect(token).to_be_visible()  # refused without the token: nothing changed
        assert not any(_apart(server).values())
        token.fill("s3cret-token")
        token.press("Enter")
        expect(item["wire-1"].locator(".reported-by")).to_have_text("reported by 2 sources")
        expect(item["daily-1"].locator(".reported-by")).to_have_text("reported by 2 sources")
        expect(item["post-1"].locator(".reported-by")).to_have_count(0)
        expect(item["post-1"]).to_contain_text("A reader marked this report as a different event")
        assert _apart(server) == {"wire-1": False, "daily-1": False, "post-1": True}
        undo = item["post-1"].get_by_role("button", name="Same event after all (undo)")
        expect(undo).to_be_focused()

        undo.click()  # the token is asked once: this write goes through with it
        for a in item:
            expect(item[a].locator(".reported-by")).to_have_text("reported by 3 sources")
        expect(popup.locator(".correction-token:not([hidden])")).to_have_count(0)
        assert not any(_apart(server).values())
        assert page.evaluate("window.sameDocument") is True  # redrawn in place, not reloaded
    finally:
        context.close()
        server.stop()
    # the refused first write is the one console line a 401 leaves
    assert all("401" in e for e in probe.errors) and probe.foreign == []
