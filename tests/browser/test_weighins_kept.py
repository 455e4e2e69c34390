"""Weigh-ins that come back, in Chromium: kept in the reader's browser (this tab by default, this
device if they ask), never on the server. A reader with 30 typed weigh-ins reloads, has the server
SIGKILLed and restarted under the page, and has their replica killed behind nginx: no weigh-in is
lost and the next edit works. "Keep on this device" carries them to a new browser context with the
same storage; without it, nothing does. "Forget" leaves nothing in either storage. A stored value
from another version, a damaged one, and storage that is blocked or full each give a clear note,
and the section still works. Embedded in a publisher's iframe, they come back too.
"""

from __future__ import annotations

import json
import re
import signal
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import READY, no_exceptions, open_app
from browser_servers import stop
from cluster_helpers import EMBED_HOST_PORT, Deployment, route_to
from playwright.sync_api import Browser, Locator, Page, expect
from test_reconnect import Restartable
from test_through_nginx import publisher_page
from test_weighins_journey import section

from runners_face.weighin_storage import STORAGE_KEY

FIRST_DAY = date.today() - timedelta(days=29)
# 30 daily weigh-ins ending today, in lb, with a 7 in each (so finding one by chance is unlikely).
LINES = [
    f"{(FIRST_DAY + timedelta(days=d)).isoformat()} {207.7 - 0.3 * d + (0.4 if d % 2 else -0.4):.1f}" for d in range(30)
]
TODAY_WEIGHT = "197.3"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Restartable]:
    running = Restartable(tmp_path / "streamlit.log")
    yield running
    stop(running.proc)


def weighins_box(box: Locator) -> Locator:
    return box.get_by_role("textbox", name=re.compile("Your weigh-ins: one date and weight per line"))


def open_section(page: Page) -> Locator:
    box = section(page)
    if not weighins_box(box).is_visible():
        box.get_by_text("Check my weigh-ins").click()
    expect(weighins_box(box)).to_be_visible()
    page.locator(READY).wait_for(state="attached")
    return box


def type_lines(page: Page, box: Locator, lines: list[str]) -> None:
    """Type the lines as a reader does, each in about 0.3-0.7 s (typing delays, not sleeps), and
    tell the page every few lines (Ctrl+Enter), so that reruns run while the reader types on."""
    weighins_box(box).click()
    page.keyboard.press("Control+End")
    for number, line in enumerate(lines):
        page.keyboard.type(line + "\n", delay=[20, 40, 25, 35, 30][number % 5])
        if number % 4 == 3:
            page.keyboard.press("Control+Enter")
    page.keyboard.press("Control+Enter")
    page.locator(READY).wait_for(state="attached")


def lines_in(box: Locator) -> list[str]:
    return [line for line in weighins_box(box).input_value().splitlines() if line.strip()]


def stored(page: Page) -> dict[str, Any]:
    """What this tab keeps for the page: the value in each storage (None where there is none)."""
    found: dict[str, Any] = page.evaluate(
        "key => ({session: sessionStorage.getItem(key), local: localStorage.getItem(key),"
        " sessionKeys: Object.keys(sessionStorage), localKeys: Object.keys(localStorage)})",
        STORAGE_KEY,
    )
    return found


def stored_days(value: str | None) -> list[str]:
    return [row[0] for row in json.loads(value)["rows"]] if value else []


def wait_stored(page: Page, where: str, count: int) -> None:
    """Wait until the browser keeps ``count`` weigh-ins in ``where`` (a state poll)."""
    page.wait_for_function(
        "([key, where, count]) => { const v = (where === 'session' ? sessionStorage : localStorage).getItem(key);"
        " return count === 0 ? v === null : !!v && JSON.parse(v).rows.length === count }",
        arg=[STORAGE_KEY, where, count],
    )


def keep_on_device(box: Locator) -> Locator:
    """The "keep on this device" checkbox (the privacy note names it too)."""
    return box.get_by_test_id("stCheckbox").filter(has_text="Keep my weigh-ins on this device")


def add_today(page: Page, box: Locator, weight: str = TODAY_WEIGHT) -> None:
    field = box.get_by_role("spinbutton", name="Today's weight (lb)")
    field.fill(weight)
    box.get_by_role("button", name="Add", exact=True).click()
    expect(box.get_by_text(re.compile(r"Added: " + re.escape(weight) + " lb on"))).to_be_visible()
    expect(weighins_box(box)).to_have_value(re.compile(rf"{date.today().isoformat()} {re.escape(weight)}\n?$"))
    page.locator(READY).wait_for(state="attached")


def typed_month(page: Page, url: str) -> Locator:
    open_app(page, url)
    box = open_section(page)
    type_lines(page, box, LINES)
    expect(box.get_by_text(re.compile(r"Your pace: losing about"))).to_be_visible()
    assert lines_in(box) == LINES
    wait_stored(page, "session", 30)
    return box


# --- (a) a reload, and the next edit ----------------------------------------------------------


def test_a_reload_brings_back_all_30_typed_weigh_ins_and_the_next_edit_is_kept(page: Page, app_url: str) -> None:
    box = typed_month(page, app_url)
    kept = stored(page)
    assert kept["local"] is None and stored_days(kept["session"]) == [line.split()[0] for line in LINES]

    page.reload()
    page.locator(READY).wait_for(state="attached", timeout=60_000)
    # A returning reader: the section opens by itself, today's weigh-in first.
    back = re.compile(r"Your weigh-ins are back: 30 weigh-ins kept in this browser tab")
    expect(box.get_by_text(back)).to_be_visible()
    expect(weighins_box(box)).to_be_visible()
    assert lines_in(box) == LINES
    expect(box.get_by_text(re.compile(r"Your pace: losing about"))).to_be_visible()

    add_today(page, box)
    assert lines_in(box) == [*LINES, f"{date.today().isoformat()} {TODAY_WEIGHT}"]
    wait_stored(page, "session", 31)
    page.reload()
    page.locator(READY).wait_for(state="attached", timeout=60_000)
    expect(weighins_box(box)).to_be_visible()
    assert len(lines_in(box)) == 31
    no_exceptions(page)


# --- (b) the server SIGKILLed and restarted under the page ------------------------------------


def test_a_server_killed_and_restarted_under_the_page_loses_no_weigh_in(page: Page, server: Restartable) -> None:
    box = typed_month(page, server.url)
    # Closed: the box is not on the page, so only the browser's storage can bring the rows back.
    box.get_by_text("Check my weigh-ins").click()
    expect(weighins_box(box)).to_have_count(0)
    page.locator(READY).wait_for(state="attached")

    server.crash_and_restart(signal.SIGKILL)
    page.locator(READY).wait_for(state="attached", timeout=30_000)
    box = open_section(page)
    expect(box.get_by_text(re.compile(r"Your pace: losing about"))).to_be_visible()
    assert lines_in(box) == LINES
    # The next edit reaches the new server, and the browser keeps it.
    add_today(page, box)
    assert len(lines_in(box)) == 31
    wait_stored(page, "session", 31)
    no_exceptions(page)


# --- (c) the reader's replica killed behind nginx ---------------------------------------------


def test_a_killed_replica_behind_nginx_loses_no_weigh_in(browser: Browser, nginx_cluster: Deployment) -> None:
    victim = nginx_cluster.replicas[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "stroute", "value": route_to(nginx_cluster, victim), "url": nginx_cluster.url}])
    try:
        page = context.new_page()
        box = typed_month(page, nginx_cluster.url)
        assert nginx_cluster.replica_serving(context).index == victim.index
        old_pid = nginx_cluster.kill(victim)
        expect(page.get_by_test_id("stApp")).not_to_have_attribute(
            "data-test-connection-state", "CONNECTED", timeout=10_000
        )
        page.locator(READY).wait_for(state="attached", timeout=30_000)
        # nginx sends the page to the survivor, or to the victim started again: a new, empty session either way.
        expect(box.get_by_text(re.compile(r"Your pace: losing about"))).to_be_visible()
        assert lines_in(box) == LINES
        add_today(page, box)
        wait_stored(page, "session", 31)
        # A reload: the browser hands the 31 weigh-ins to yet another session.
        page.reload()
        page.locator(READY).wait_for(state="attached", timeout=60_000)
        expect(weighins_box(box)).to_be_visible()
        assert len(lines_in(box)) == 31
        no_exceptions(page)
        nginx_cluster.wait_restarted(victim, old_pid)
    finally:
        context.close()


# --- keep on this device, or not; forget ----------------------------------------------------


@pytest.mark.parametrize("keep", [True, False], ids=["kept-on-device", "tab-only"])
def test_keep_on_this_device_carries_the_weigh_ins_to_a_new_context_and_only_then(
    browser: Browser, app_url: str, keep: bool
) -> None:
    first = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = first.new_page()
        box = typed_month(page, app_url)
        if keep:
            keep_on_device(box).click()
            expect(box.get_by_text(re.compile("30 weigh-ins kept in this browser on this device"))).to_be_visible()
            wait_stored(page, "local", 30)
            wait_stored(page, "session", 0)
        state = first.storage_state()
    finally:
        first.close()
    second = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=state)  # type: ignore[arg-type]
    try:
        page = second.new_page()
        open_app(page, app_url)
        box = section(page)
        if keep:
            expect(weighins_box(box)).to_be_visible()  # opened by itself
            assert lines_in(box) == LINES
            expect(box.get_by_role("checkbox", name="Keep my weigh-ins on this device")).to_be_checked()
        else:
            box = open_section(page)
            assert lines_in(box) == []
            expect(box.get_by_text(re.compile("Your weigh-ins are back"))).to_have_count(0)
            assert stored(page)["local"] is None
        no_exceptions(page)
    finally:
        second.close()


def test_forget_leaves_nothing_in_either_storage(page: Page, app_url: str) -> None:
    box = typed_month(page, app_url)
    keep_on_device(box).click()
    wait_stored(page, "local", 30)
    box.get_by_role("button", name="Forget them on this device").click()
    expect(box.get_by_text(re.compile("Forgotten."))).to_be_visible()
    wait_stored(page, "local", 0)
    kept = stored(page)
    assert kept["session"] is None and kept["local"] is None
    assert not [k for k in kept["sessionKeys"] + kept["localKeys"] if "runners-face" in k], kept
    assert lines_in(box) == []
    expect(box.get_by_role("checkbox", name="Keep my weigh-ins on this device")).not_to_be_checked()
    page.reload()
    page.locator(READY).wait_for(state="attached", timeout=60_000)
    box = open_section(page)
    assert lines_in(box) == []
    no_exceptions(page)


# --- what a browser may hold ---------------------------------------------------------------------


def seeded(value: str) -> str:
    """A script that puts ``value`` in this tab's storage before the page's own scripts run, once."""
    return (
        "if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        f" sessionStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(value)}) }}"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (
            json.dumps({"app": "runners-face", "kind": "weigh-ins", "version": 0, "rows": [["2026-01-01", 80]]}),
            "saved by a different version of this page",
        ),
        ('{"app": "runners-face", "rows": [["2026-01-', "damaged, or was changed outside this page"),
    ],
    ids=["older-version", "damaged"],
)
def test_a_stored_value_that_cannot_be_read_gets_a_note_and_is_kept_until_an_edit(
    page: Page, app_url: str, value: str, why: str
) -> None:
    page.add_init_script(seeded(value))
    open_app(page, app_url)
    box = open_section(page)
    expect(box.get_by_text(re.compile(r"Weigh-ins kept in this browser tab could not be read"))).to_be_visible()
    expect(box.get_by_text(re.compile(re.escape(why)))).to_be_visible()
    assert stored(page)["session"] == value  # left as it is
    add_today(page, box)
    wait_stored(page, "session", 1)
    no_exceptions(page)


BLOCKED = """
for (const name of ["localStorage", "sessionStorage"]) {
  const blocked = () => { throw new DOMException("The operation is insecure.", "SecurityError") }
  Object.defineProperty(window, name, { get: blocked })
}
"""
FULL = """
Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError") }
"""


@pytest.mark.parametrize(
    ("script", "note"),
    [(BLOCKED, "This browser does not let the page keep anything"), (FULL, "This browser's storage is full")],
    ids=["blocked", "full"],
)
def test_storage_that_is_blocked_or_full_gets_a_note_and_the_section_still_works(
    page: Page, app_url: str, script: str, note: str
) -> None:
    page.add_init_script(script)
    box = typed_month_without_storage(page, app_url)
    expect(box.get_by_text(note)).to_be_visible()
    add_today(page, box)
    assert len(lines_in(box)) == 31
    no_exceptions(page)


def typed_month_without_storage(page: Page, url: str) -> Locator:
    open_app(page, url)
    box = open_section(page)
    type_lines(page, box, LINES)
    expect(box.get_by_text(re.compile(r"Your pace: losing about"))).to_be_visible()
    assert lines_in(box) == LINES
    return box


# --- embedded in a publisher's page -------------------------------------------------------------


def test_embedded_in_a_publishers_iframe_the_weigh_ins_come_back_too(
    browser: Browser, nginx_cluster: Deployment
) -> None:
    frame_html = (
        "<!doctype html><html lang='en'><head><title>A running magazine</title></head><body>"
        f"<iframe src='{nginx_cluster.url}?embed=true' title='Runners face, explained' width='100%' height='2400'>"
        "</iframe></body></html>"
    )
    with publisher_page(EMBED_HOST_PORT, frame_html) as host:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(host)
            frame = page.frame_locator("iframe")
            frame.locator(READY).wait_for(state="attached", timeout=60_000)
            box = frame.locator(".st-key-weighins")
            box.get_by_text("Check my weigh-ins").click()
            expect(weighins_box(box)).to_be_visible()
            frame.locator(READY).wait_for(state="attached")
            weighins_box(box).fill("\n".join(LINES))
            weighins_box(box).press("Control+Enter")
            expect(box.get_by_text(re.compile(r"Your pace: losing about"))).to_be_visible()
            expect(box.get_by_text(re.compile("30 weigh-ins kept in this browser tab"))).to_be_visible()
            frame.locator(READY).wait_for(state="attached")
            page.reload()
            frame.locator(READY).wait_for(state="attached", timeout=60_000)
            expect(weighins_box(box)).to_be_visible()  # a returning reader: opened by itself
            assert lines_in(box) == LINES
            expect(frame.get_by_test_id("stException")).to_have_count(0)
        finally:
            context.close()
