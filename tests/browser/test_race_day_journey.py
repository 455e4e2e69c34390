"""Race day on a phone (375 px, issue 23 item 6): a race too soon for the article's range, the
nearest date inside it, "Use this pace" moving the pace control (the chart and the words
follow), and the link that keeps race day."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from browser_helpers import goal_label, no_exceptions, open_app, pace, result
from playwright.sync_api import Browser, expect

from runners_face.wording import format_date

PHONE = {"width": 375, "height": 800}


def test_a_runner_sets_a_race_day_too_soon_for_the_range_and_uses_the_pace_it_needs(
    browser: Browser, app_url: str
) -> None:
    # The browser's clock and zone are the server's "today" for the reader (UTC here).
    context = browser.new_context(viewport=PHONE, timezone_id="UTC")
    today = datetime.now(UTC).date()
    # 15 lb (180 to 165, the example plan) in 44 days needs 2.39 lb a week: on the control's
    # steps, 2.5 (2.25 would take 47 days). At 2 lb a week it takes 53 days.
    race_day = today + timedelta(days=44)
    nearest = format_date(today + timedelta(days=53), today)
    try:
        page = context.new_page()
        open_app(page, app_url)
        page.get_by_text("I have a race day: reach my goal by a date (optional)").click()
        # Streamlit 1.67's date field: year, month and day segments, typed in turn by keyboard.
        year = page.get_by_role("spinbutton", name="year, Reach my goal by (race day)")
        expect(year).to_be_visible()
        year.click()
        page.keyboard.type(race_day.strftime("%Y%m%d"))
        # The field commits when focus leaves it (past its "Clear date" and "Choose date" buttons).
        expect(page.get_by_role("button", name="Choose date")).to_be_visible()
        page.get_by_role("button", name="Choose date").focus()
        page.keyboard.press("Tab")

        words = page.locator(".rf-race")
        expect(words).to_contain_text(
            "you need about 2.5 lb a week: faster than the 1–2 lb a week the article advises."
        )
        expect(words).to_contain_text(f"you would reach 165 lb on {nearest}, 1 week and 2 days after race day.")
        expect(words).to_have_attribute("aria-live", "polite")
        expect(page).to_have_url(re.compile(rf"[?&]by={race_day.isoformat()}\b"))
        # The control is still at 1 lb a week, and the line under the race words says it is too late.
        expect(page.locator(".rf-race-step")).to_contain_text("At your pace of 1 lb a week")
        expect(page.locator(".rf-race-step")).to_contain_text("after race day: too late.")

        page.get_by_role("button", name="Use this pace (2.5 lb a week)").click()
        control = pace(page)
        expect(control).to_have_value("2.5")
        expect(page.locator(".rf-race-step")).to_contain_text("At your pace of 2.5 lb a week")
        expect(page.locator(".rf-race-step")).not_to_contain_text("too late")
        expect(result(page)).to_contain_text("At 2.5 lb a week you would reach 165 lb")
        expect(result(page)).to_contain_text("faster than the 1–2 lb a week the article advises")
        expect(goal_label(page)).to_have_text("in 6 weeks")  # 42 days at 2.5 lb a week
        expect(page).to_have_url(re.compile(r"[?&]pace=2\.5\b"))

        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        no_exceptions(page)

        # The link brings race day and the pace back in a fresh context.
        link = page.url
        again = browser.new_context(viewport=PHONE, timezone_id="UTC").new_page()
        open_app(again, link)
        field = again.get_by_role("group", name="Reach my goal by (race day)")
        expect(field).to_contain_text(race_day.isoformat())
        expect(again.locator(".rf-race")).to_contain_text("you need about 2.5 lb a week")
        expect(pace(again)).to_have_value("2.5")
        expect(again.locator(".rf-race-step")).to_contain_text("At your pace of 2.5 lb a week")
        no_exceptions(again)
        again.context.close()
    finally:
        context.close()
