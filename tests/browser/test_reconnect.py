"""A server that dies under the page: the page reconnects, and nothing the reader has is lost.

Here one server is killed and started again on the same port; tests/deploy covers two
replicas behind nginx.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import READY, no_exceptions, open_app, pace, result
from browser_servers import start_server, stop, wait_until_healthy
from playwright.sync_api import Page, expect

PLAN = "?weight=190&goal=170&pace=1.5&sex=male&age=50&height=180&tips=sunscreen"


class Restartable:
    def __init__(self, log: Path) -> None:
        self.log = log
        self.proc = start_server(log)
        self.port: int = self.proc.port  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.port}/"
        wait_until_healthy(self.proc, self.url, log)

    def crash_and_restart(self, how: signal.Signals) -> None:
        self.proc.send_signal(how)
        self.proc.wait(30)
        self.proc = start_server(self.log, self.port)
        wait_until_healthy(self.proc, self.url, self.log)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Restartable]:
    running = Restartable(tmp_path / "streamlit.log")
    yield running
    stop(running.proc)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["sigkill", "sigterm"])
def test_after_a_restart_the_plan_is_there_and_the_next_pace_and_edit_work(
    page: Page, server: Restartable, how: signal.Signals
) -> None:
    open_app(page, server.url + PLAN)
    expect(result(page)).to_contain_text("At 1.5 lb a week you would reach 170 lb")
    server.crash_and_restart(how)
    page.locator(READY).wait_for(state="attached", timeout=30_000)
    # Everything is still on the page, from the link, with no action by the reader.
    expect(result(page)).to_contain_text("At 1.5 lb a week you would reach 170 lb")
    expect(page.get_by_role("checkbox", name=re.compile("broad-spectrum sunscreen"))).to_be_checked()

    # The first pace change after the reconnection reaches the new server...
    pace(page).focus()
    page.keyboard.press("ArrowRight")
    expect(result(page)).to_contain_text("At 1.75 lb a week", timeout=10_000)
    # Python drew the control with it (a known gap: a value typed within the control's idle
    # commit delay of a pace move, right after a reconnection, can still be lost; see the notes).
    expect(page.locator(".rf-pace")).to_have_attribute("data-committed", "lb:1.75", timeout=10_000)
    # ...and so does the first typed value, which the new session must not overwrite.
    goal = page.get_by_role("spinbutton", name="Goal weight (lb)")
    goal.fill("160")
    goal.press("Enter")
    expect(result(page)).to_contain_text("you would reach 160 lb")
    expect(goal).to_have_value("160.0")
    expect(page).to_have_url(re.compile(r"[?&]goal=160\b"))
    expect(page).to_have_url(re.compile(r"[?&]pace=1\.75\b"))
    no_exceptions(page)
