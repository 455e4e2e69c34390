"""A runner's journey on a phone (375 px, issue 23): the weekly distance in the planner, the share
of the gap the running covers in the same frame as the pace, and the link that keeps it."""

from __future__ import annotations

import re

from browser_helpers import no_exceptions, open_app, pace
from playwright.sync_api import Browser, expect


def test_a_runner_enters_their_distance_and_sees_the_diet_cut_follow_the_pace(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        open_app(page, app_url)
        page.get_by_text("I run: count my running in the plan (optional)").click()
        now = page.get_by_label("Running now (miles a week)")
        expect(now).to_be_visible()
        now.fill("10")
        now.press("Enter")
        expect(page.get_by_text(re.compile(r"Your 10 miles a week burns about 1,310 kcal a week"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"changes nothing in the gap"))).to_be_visible()
        expect(page).to_have_url(re.compile(r"[?&]run=10\b"))

        planned = page.get_by_label("While losing (miles a week)")
        planned.fill("20")
        planned.press("Enter")
        # 180 lb (81.6 kg) and 10 miles (16.1 km) more: 188 kcal a day, printed 190; gap 500.
        more = re.compile(r"Running 10 miles a week more \(20 miles in all\) gives about 190 kcal a day of it")
        expect(page.get_by_text(more)).to_be_visible()
        expect(page.get_by_text(re.compile(r"so the diet cut is about 310 kcal a day"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"Exercise rarely gives all of this"))).to_be_visible()
        expect(page).to_have_url(re.compile(r"[?&]run_plan=20\b"))

        # The words follow the pace control in the browser, running and all.
        control = pace(page)
        control.focus()
        page.keyboard.press("ArrowRight")
        gap = re.compile(r"At 1\.25 lb a week you need a gap of about 625 kcal a day")
        expect(page.get_by_text(gap)).to_be_visible()
        expect(page.get_by_text(re.compile(r"so the diet cut is about 435 kcal a day"))).to_be_visible()

        # A phone's width holds it all: nothing wider than the screen.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, width
        no_exceptions(page)

        # The link brings the running back in a fresh context.
        link = page.url
        again = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
        open_app(again, link)
        expect(again.get_by_text(more)).to_be_visible()
        expect(again.get_by_label("While losing (miles a week)")).to_have_value("20")
        no_exceptions(again)
        again.context.close()
    finally:
        context.close()
