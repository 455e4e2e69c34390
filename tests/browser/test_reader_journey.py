"""A reader's journey in Chromium: open, plan by keyboard, tick, come back via the link."""

from __future__ import annotations

import re

from browser_helpers import READY, goal_label, no_exceptions, open_app, pace, planner_chart, result
from playwright.sync_api import Browser, Page, expect

from runners_face.content import REFERENCE_ID, load_content

SENTENCE_1 = "At 1 lb a week you would reach 165 lb"
SENTENCE_125 = "At 1.25 lb a week you would reach 165 lb"


def test_a_reader_plans_ticks_and_comes_back_by_the_link(page: Page, app_url: str, browser: Browser) -> None:
    open_app(page, app_url)
    expect(result(page)).to_contain_text(SENTENCE_1)
    chart = planner_chart(page)
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("role", "graphics-document")
    expect(goal_label(page)).to_have_text("in 15 weeks")

    control = pace(page)
    control.focus()
    page.keyboard.press("ArrowRight")
    expect(control).to_have_attribute("aria-valuetext", re.compile(r"^1\.25 lb a week\. Reaches 165 lb on "))
    expect(goal_label(page)).to_have_text("in 12 weeks")
    expect(result(page)).to_contain_text(SENTENCE_125)
    expect(result(page)).to_contain_text("after 12 weeks")

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
        expect(result(again)).to_contain_text(SENTENCE_125)
        expect(pace(again)).to_have_attribute("aria-valuetext", re.compile(r"^1\.25 lb a week"))
        expect(goal_label(again)).to_have_text("in 12 weeks")
        expect(again.get_by_role("checkbox", name=re.compile("broad-spectrum sunscreen"))).to_be_checked()
        expect(again.get_by_test_id("stProgress")).to_contain_text("1 of 6")
        no_exceptions(again)
    finally:
        other.close()


def test_a_hostile_link_renders_with_a_note_and_no_traceback(page: Page, app_url: str) -> None:
    open_app(page, app_url + "?weight=NaN&pace=1e309&units=%3Cscript%3E&tips=%5Bx%5D(javascript:alert(1))&x=1&x=2")
    expect(page.get_by_text("Some settings in your link could not be used")).to_be_visible()
    # No usable weight came with it: the planner asks for the reader's own, at the default pace.
    expect(page.get_by_text("This link has no weights in it.")).to_be_visible()
    expect(page.get_by_label("Current weight (lb)")).to_have_value("")
    page.get_by_label("Current weight (lb)").fill("180")
    page.get_by_label("Goal weight (lb)").fill("165")
    page.get_by_label("Goal weight (lb)").press("Enter")
    expect(result(page)).to_contain_text(SENTENCE_1)
    expect(page.locator("a[href^='javascript']")).to_have_count(0)
    no_exceptions(page)


def test_a_link_from_a_social_site_shows_no_warning(page: Page, app_url: str) -> None:
    open_app(page, app_url + "?weight=180&goal=165&pace=1.5&fbclid=IwAR0abc&utm_source=newsletter")
    expect(result(page)).to_contain_text("At 1.5 lb a week")
    expect(page.get_by_text("Some settings in your link could not be used")).to_have_count(0)
    # Reading the link writes nothing: the decorated address stays as it came.
    expect(page).to_have_url(re.compile(r"[?&]utm_source=newsletter\b"))


def test_a_run_of_key_presses_changes_the_address_and_adds_no_history(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    control = pace(page)
    control.focus()
    entries = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(control).to_have_attribute("aria-valuetext", re.compile(r"^1\.75 lb a week"))
    expect(result(page)).to_contain_text("At 1.75 lb a week")
    expect(page).to_have_url(re.compile(r"[?&]pace=1\.75\b"))
    assert page.evaluate("history.length") == entries  # replaced in place: Back leaves the page

    page.reload()
    expect(result(page)).to_contain_text("At 1.75 lb a week")
    expect(pace(page)).to_have_attribute("aria-valuetext", re.compile(r"^1\.75 lb a week"))
    no_exceptions(page)


def test_every_link_within_the_page_has_a_target_and_sections_keep_their_ids(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    expect(page.get_by_text("Your skin-care checklist")).to_be_visible()
    # The reference list, the citations' targets, is an HTML element the browser draws a moment later.
    expect(page.locator(f"li[id^={REFERENCE_ID}]")).to_have_count(len(load_content().evidence.references()))
    missing = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] a[href^="#"]')]
            .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
            .filter(id => id && !document.getElementById(id))"""
    )
    assert not missing, f"links to no element: {sorted(set(missing))}"
    for section in load_content().article.sections:
        expect(page.locator(f"h2[id='{section.anchor}']")).to_have_text(section.title)
    # The checklist's "Read more" and the numbered citations under the sections are among them.
    assert page.get_by_role("link", name=re.compile(r"^Read more: ")).count() == 6
    citations = page.get_by_role("link", name=re.compile(r"^\[\d+\]$"))
    assert citations.count() == sum(len(claim.sources) for claim in load_content().evidence.claims)


def test_an_open_table_follows_the_pace(page: Page, app_url: str) -> None:
    # The table sits outside the pace fragment; while it is open a pace change reruns the page.
    open_app(page, app_url)
    page.get_by_text("See the numbers as a table").click()
    table = page.get_by_test_id("stTable")
    expect(table).to_be_visible()
    week_one = table.locator("tbody tr").nth(1)  # row 0 is today
    expect(week_one).to_contain_text("179.0")  # 180 lb less 1 lb, in the "Your pace" column
    pace(page).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(result(page)).to_contain_text("At 1.5 lb a week")
    expect(week_one).to_contain_text("178.5")
    no_exceptions(page)


def test_back_leaves_the_page_after_a_preset_pace_moves_ticks_and_a_unit_switch(page: Page, app_url: str) -> None:
    # Readers use Back to leave: the page replaces its address in place and never adds an entry.
    page.goto("about:blank")
    open_app(page, app_url + "?utm_source=x")
    entries = page.evaluate("history.length")
    page.get_by_role("group", name="Pace presets").get_by_role("button", name="1.5 lb a week").click()
    expect(result(page)).to_contain_text("At 1.5 lb a week")
    control = pace(page)
    control.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]pace=1\.75\b"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"[?&]pace=1\.25\b"))
    for tip in ("broad-spectrum sunscreen", "tomatoes, carrots"):
        page.get_by_test_id("stCheckbox").filter(has_text=tip).click()
    expect(page.get_by_test_id("stProgress")).to_contain_text("2 of 6")
    page.get_by_text("Kilograms (kg)").click()
    expect(result(page)).to_contain_text("kg a week")
    expect(page).to_have_url(re.compile(r"[?&]units=kg\b"))
    assert page.evaluate("history.length") == entries

    page.go_back()
    expect(page).to_have_url("about:blank")
    # Forward comes back to the plan as it was left (the one entry holds the latest address).
    page.go_forward()
    page.locator(READY).wait_for(state="attached", timeout=60_000)
    expect(page).to_have_url(re.compile(r"[?&]units=kg\b"))
    expect(page.get_by_role("radio", name="Kilograms (kg)")).to_be_checked()
    expect(page.get_by_test_id("stProgress")).to_contain_text("2 of 6")
    no_exceptions(page)
