"""Reading view and time control in real Chromium."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import wait_ready

ARTICLE = "/articles/baghouz-2019-02-17"


def test_activating_a_hajin_mention_opens_hajins_popup(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + ARTICLE)
    wait_ready(page)
    mention = page.locator('.mention[data-place="hajin"]').first
    expect(mention).to_have_text("Hajin")
    mention.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("a major center for the militants that fell to the SDF in December")
    expect(popup.locator(".popup")).to_have_attribute("data-place", "hajin")
    expect(popup).to_contain_text("event December 2018")


def test_clicking_the_baghouz_marker_highlights_its_three_mentions(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + ARTICLE)
    wait_ready(page)
    expect(page.locator(".mention.highlight")).to_have_count(0)
    for _ in range(8):
        baghouz = page.locator('.leaflet-marker-icon[title="Baghouz"]')
        if baghouz.count() and baghouz.is_visible():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(700)
    baghouz.click()
    expect(page.locator('.mention.highlight[data-place="baghouz"]')).to_have_count(3)
    expect(page.locator(".mention.highlight")).to_have_count(3)


def test_a_popup_passage_links_to_its_place_in_the_reading_view(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/place/raqqa")
    wait_ready(page)
    page.locator(".leaflet-popup-content .read-link").first.click()
    expect(page).to_have_url(re.compile(r"/articles/baghouz-2019-02-17#offset-\d+$"))
    wait_ready(page)
    linked = page.locator(".reading-para.linked")
    expect(linked).to_contain_text("stripped of its self-declared capital of Raqqa")
    expect(linked).to_be_in_viewport()


def test_articles_list_links_to_the_reading_view(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/articles")
    row = page.locator("tbody tr", has_text="Taking their last breath")
    expect(row).to_contain_text("2019-02-17")
    row.get_by_role("link").click()
    wait_ready(page)
    expect(page.locator(".mention[data-place]")).not_to_have_count(0)


def test_moving_the_time_range_before_2018_hides_hajin_and_keeps_raqqa(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator('.event-control input[data-event-type="Background only"]').check()  # Raqqa is history: background
    rng = page.locator("#time-range")
    expect(rng).to_contain_text("Feb 2019")
    expect(page.locator(".time-bar")).not_to_have_count(0)
    page.locator("#time-end").focus()
    for _ in range(40):
        if "– Dec 2017" in rng.text_content():
            break
        page.keyboard.press("ArrowLeft")
    expect(rng).to_contain_text("– Dec 2017")
    expect(page.locator('.leaflet-marker-icon[title="Hajin"]')).to_have_count(0)
    expect(page.locator('.place-item[data-place="hajin"]')).to_be_hidden()
    raqqa = page.locator('.leaflet-marker-icon[title="Raqqa"]')
    expect(raqqa).to_be_visible()
    raqqa.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("in the summer of 2017")
    expect(popup).to_contain_text("event summer 2017")
    expect(popup.locator(".passage")).to_have_count(1)


def test_article_filter_limits_the_map_to_one_article(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/")
    wait_ready(page)
    page.locator("#article-filter").select_option("baghouz-2019-02-17")
    expect(page.locator('.leaflet-marker-icon[title="Hajin"]')).to_have_count(1)


def test_context_layers_and_region_in_popups(server, page_and_probe):
    page, _ = page_and_probe
    page.goto(server.url + "/place/hajin")
    wait_ready(page)
    expect(page.locator(".leaflet-popup-content .popup-region")).to_contain_text("Dayr Az Zawr, Syria")
    expect(page.locator(".leaflet-popup-content .popup-nearest")).to_contain_text("km")
    expect(page.locator(".border-line")).to_have_count(1)  # context layers come after the markers
    expect(page.locator(".admin1-line").nth(10)).to_be_attached()
    assert page.locator(".place-area").count() >= 3
    expect(page.locator(".measure-button")).to_be_visible()
