"""A reader's journey in Chromium: open, plan by keyboard, tick, come back via the link."""

from __future__ import annotations

import re

from browser_helpers import no_exceptions, open_app, planner_chart
from playwright.sync_api import Browser, Page, expect

from runners_face.content import load_content

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


def test_slider_moves_keep_the_pace_in_the_address_without_filling_the_history(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    slider = page.get_by_role("slider", name="Weekly pace (lb a week)")
    slider.focus()
    entries = page.evaluate("history.length")
    for value in ("1.25", "1.5", "1.75"):
        page.keyboard.press("ArrowRight")
        expect(slider).to_have_attribute("aria-valuetext", re.compile(rf"^{re.escape(value)}"))
    expect(page).to_have_url(re.compile(r"[?&]pace_lb=1\.75\b"))
    # The browser's Back button leaves the page rather than stepping back through slider moves.
    assert page.evaluate("history.length") == entries

    page.reload()
    page.get_by_role("slider", name="Weekly pace (lb a week)").wait_for()
    expect(page.get_by_text("At 1.75 lb a week")).to_be_visible()

    # The reload wrote the pace into `pace`. Back at that pace, the slider drops its own key,
    # and a reload still finds the pace.
    expect(page).to_have_url(re.compile(r"[?&]pace=1\.75\b"))
    slider.focus()
    for key, value in (("ArrowLeft", "1.5"), ("ArrowRight", "1.75")):
        page.keyboard.press(key)
        expect(slider).to_have_attribute("aria-valuetext", re.compile(rf"^{re.escape(value)}"))
    expect(page).not_to_have_url(re.compile(r"pace_lb="))
    page.reload()
    expect(page.get_by_text("At 1.75 lb a week")).to_be_visible()
    no_exceptions(page)


def test_every_link_within_the_page_has_a_target_and_sections_keep_their_ids(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    expect(page.get_by_text("Your skin-care checklist")).to_be_visible()
    missing = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] a[href^="#"]')]
            .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
            .filter(id => id && !document.getElementById(id))"""
    )
    assert not missing, f"links to no element: {sorted(set(missing))}"
    for section in load_content().article.sections:
        expect(page.locator(f"h2[id='{section.anchor}']")).to_have_text(section.title)
    # The checklist's "Read more" and the evidence links are among them.
    assert page.get_by_role("link", name=re.compile(r"^Read more: ")).count() == 6
    studies = page.get_by_role("link", name=re.compile(r"^What the studies say: "))
    assert studies.count() == len(load_content().evidence.claims)


def test_an_open_table_follows_the_slider(page: Page, app_url: str) -> None:
    # The table sits outside the slider's fragment; while it is open a slider move reruns the page.
    open_app(page, app_url)
    page.get_by_text("See the numbers as a table").click()
    table = page.get_by_test_id("stTable")
    expect(table).to_be_visible()
    week_one = table.locator("tbody tr").nth(1)  # row 0 is today
    expect(week_one).to_contain_text("179.0")  # 180 lb less 1 lb, in the "Your pace" column
    slider = page.get_by_role("slider", name="Weekly pace (lb a week)")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("At 1.5 lb a week")).to_be_visible()
    expect(week_one).to_contain_text("178.5")
    no_exceptions(page)


def test_back_and_forward_follow_the_address(page: Page, app_url: str) -> None:
    # Changes other than slider moves add history entries; Back shows the plan the address holds.
    open_app(page, app_url)
    expect(page.get_by_text("At 1 lb a week")).to_be_visible()
    page.get_by_text("Kilograms (kg)").click()
    expect(page.get_by_text("At 0.45 kg a week")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]units=kg\b"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]units=lb\b"))
    expect(page.get_by_text("At 1 lb a week")).to_be_visible()
    expect(page.get_by_role("radio", name="Pounds (lb)")).to_be_checked()
    expect(page.get_by_role("slider", name="Weekly pace (lb a week)")).to_have_attribute(
        "aria-valuetext", re.compile(r"^1\.00")
    )
    expect(page.get_by_label("Current weight (lb)")).to_have_value("180.0")

    page.go_forward()
    expect(page.get_by_text("At 0.45 kg a week")).to_be_visible()
    expect(page.get_by_role("radio", name="Kilograms (kg)")).to_be_checked()
    no_exceptions(page)
