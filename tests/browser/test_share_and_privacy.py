"""Sharing, downloads and privacy, in Chromium."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

from browser_helpers import no_exceptions, open_app, result
from icalendar import Calendar
from playwright.sync_api import Browser, Page, Request, expect

LINK = "?units=kg&weight=90&goal=84&pace=0.5&sex=female&age=40&height=170&activity=1.6&tips=sunscreen,shade"


def test_the_page_talks_to_no_one_but_its_own_server(page: Page, app_url: str) -> None:
    hosts: set[str] = set()

    def remember(request: Request) -> None:
        if request.url.startswith(("http:", "https:", "ws:", "wss:")):
            hosts.add(urlsplit(request.url).hostname or "")

    page.on("request", remember)
    open_app(page, app_url + LINK)
    slider = page.get_by_role("slider", name="Weekly pace (kg a week)")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(result(page)).to_contain_text("At 0.55 kg a week")
    assert hosts == {"127.0.0.1"}


def test_the_links_and_downloads_carry_the_plan(page: Page, app_url: str) -> None:
    open_app(page, app_url + LINK)
    page.get_by_text("Save or share this plan").click()
    codes = page.get_by_test_id("stCode")
    expect(codes).to_have_count(2)
    full = parse_qs(urlsplit(codes.nth(0).inner_text().strip()).query)
    private = parse_qs(urlsplit(codes.nth(1).inner_text().strip()).query)
    assert full["weight"] == ["90"] and full["age"] == ["40"]
    assert set(private) == {"units", "pace", "tips"}

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Plan as a spreadsheet")).click()
    rows = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    assert rows[0] == ["date", "week", "weight_kg"]
    assert float(rows[1][2]) == 90.0 and float(rows[-1][2]) == 84.0

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Reminders for your calendar")).click()
    calendar = Calendar.from_ical(info.value.path().read_bytes())
    assert len(calendar.walk("VEVENT")) == 2

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Printable checklist")).click()
    markdown = info.value.path().read_text(encoding="utf-8")
    assert "2 of 6" in markdown and markdown.count("- [x]") == 2
    no_exceptions(page)


def test_a_full_link_restores_every_field_in_a_fresh_browser(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_app(page, app_url + LINK)
        expect(page.get_by_role("radio", name="Kilograms (kg)")).to_be_checked()
        expect(page.get_by_role("spinbutton", name="Current weight (kg)")).to_have_value("90.0")
        expect(page.get_by_role("spinbutton", name="Goal weight (kg)")).to_have_value("84.0")
        expect(page.get_by_role("slider", name="Weekly pace (kg a week)")).to_have_attribute(
            "aria-valuetext", re.compile(r"^0\.5 kg a week")
        )
        expect(page.get_by_role("switch", name=re.compile("realistic curve"))).to_be_checked()
        expect(page.get_by_role("radio", name="Female")).to_be_checked()
        expect(page.get_by_role("spinbutton", name="Age (years)")).to_have_value("40")
        expect(page.get_by_role("spinbutton", name=re.compile(r"^Height .*, cm$"))).to_have_value("170")
        expect(page.get_by_role("checkbox", name=re.compile("broad-spectrum sunscreen"))).to_be_checked()
        expect(page.get_by_role("checkbox", name=re.compile("run early or late"))).to_be_checked()
        expect(page.get_by_test_id("stProgress")).to_contain_text("2 of 6")
        expect(page.get_by_text("What a fixed cut does")).to_be_visible()
        no_exceptions(page)
    finally:
        context.close()
