"""Helpers for the browser tests (a distinct name: tests/app has its own conftest)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
READY = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"


def open_app(page: Page, url: str) -> None:
    """Open the page and wait until the first script run has finished and the title shows."""
    page.goto(url)
    page.locator(READY).wait_for(state="attached", timeout=60_000)
    expect(page.get_by_role("heading", name="Runner's face, explained")).to_be_visible()


def planner_chart(page: Page) -> Any:
    return page.get_by_test_id("stVegaLiteChart").first


def no_exceptions(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def pace(page: Page, unit: str = "lb") -> Any:
    """The pace control's range input, found by its visible label."""
    return page.get_by_role("slider", name=f"Weekly pace ({unit} a week)")


def goal_label(page: Page) -> Any:
    """The words the chart writes at the goal marker ("10 Mar 2027", "in 15 weeks")."""
    return planner_chart(page).locator("g.role-mark text tspan").filter(has_text=re.compile(r"^in "))


def result(page: Page) -> Any:
    """The planner's words for the chosen pace (the sentence and the verdict), which follow the
    pace control in the browser (``runners_face/views/words_view.py``); not the race-day words."""
    return page.locator(".rf-words.rf-box").filter(has_text="you would reach").first
