"""A reader's journey in Chromium: open, plan by keyboard, tick, come back via the link."""

from __future__ import annotations

import re

from browser_helpers import no_exceptions, open_app, planner_chart
from playwright.sync_api import Browser, Page, expect

SENTENCE_1 = "At 1 lb a week you would reach 165 lb"
SENTENCE_125 = "At 1.25 lb a week you would reach 165 lb"


def test_a_reader_plans_ticks_and_comes_back_by_the_link(page: Page, app_url: str, browser: Browser) -> None:
    open_app(page, app_url)
    expect(page.get_by_text(SENTENCE_1)).to_be_visible()
    chart = planner_chart(page)
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("role", "graphics-document")
    before = chart.inner_html()

    slider = page.get_by_role("slider", name="Weekly pace (lb a week)")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"1\.25"))
    expect(page.get_by_text(SENTENCE_125)).to_be_visible()
    expect(page.get_by_text("after 12 weeks")).to_be_visible()
    expect(chart).not_to_have_js_property("innerHTML", before)

    page.get_by_test_id("stCheckbox").filter(has_text="broad-spectrum sunscreen").click()
    expect(page.get_by_role("checkbox", name=re.compile("broad-spectrum sunscreen"))).to_be_checked()
    expect(page.get_by_test_id("stProgress")).to_contain_text("1 of 6")
    expect(page).to_have_url(re.compile(r"[?&]tips=sunscreen\b"))
    expect(page).to_have_url(re.compile(r"[?&]pace=1\.25\b"))
    no_exceptions(page)

    # The same link in a fresh browser context (no shared session or storage) restores both.
    link = page.url
    other = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        again = other.new_page()
        open_app(again, link)
        expect(again.get_by_text(SENTENCE_125)).to_be_visible()
        expect(again.get_by_role("slider", name="Weekly pace (lb a week)")).to_have_attribute(
            "aria-valuetext", re.compile(r"1\.25")
        )
        expect(again.get_by_role("checkbox", name=re.compile("broad-spectrum sunscreen"))).to_be_checked()
        expect(again.get_by_test_id("stProgress")).to_contain_text("1 of 6")
        no_exceptions(again)
    finally:
        other.close()


def test_a_hostile_link_renders_with_a_note_and_no_traceback(page: Page, app_url: str) -> None:
    open_app(page, app_url + "?weight=NaN&pace=1e309&units=%3Cscript%3E&tips=%5Bx%5D(javascript:alert(1))&x=1&x=2")
    expect(page.get_by_text("Some settings in your link could not be used")).to_be_visible()
    expect(page.get_by_text(SENTENCE_1)).to_be_visible()
    expect(page.locator("a[href^='javascript']")).to_have_count(0)
    no_exceptions(page)
