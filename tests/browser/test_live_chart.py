"""The chart follows the reader's hand in the browser, and the words follow when they let go."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from browser_helpers import goal_label, no_exceptions, open_app, pace, planner_chart, result
from browser_servers import Server
from playwright.sync_api import Page, expect


def test_the_chart_moves_with_the_keys_while_the_server_is_paused(page: Page, app_server: Server) -> None:
    # Proof that the chart is redrawn in the browser: with the server process stopped, nothing
    # can come back from Python, yet every key press moves the line and its goal label.
    open_app(page, app_server.url + "?weight=180&goal=165&pace=1")
    expect(goal_label(page)).to_have_text("in 15 weeks")
    line = planner_chart(page).locator("g.mark-line.role-mark path").first
    before = line.get_attribute("d")
    control = pace(page)
    control.focus()
    os.kill(app_server.proc.pid, signal.SIGSTOP)
    try:
        page.keyboard.press("ArrowRight")
        expect(goal_label(page)).to_have_text("in 12 weeks")
        expect(line).not_to_have_attribute("d", before or "")
        page.keyboard.press("End")
        expect(goal_label(page)).to_have_text("in 5 weeks")
        expect(control).to_have_attribute("aria-valuetext", re.compile(r"^3 lb a week"))
        page.keyboard.press("Home")
        expect(goal_label(page)).to_have_text("in 60 weeks")
        page.keyboard.press("ArrowRight")
        expect(goal_label(page)).to_have_text("in 30 weeks")
        # The words and the address follow in the browser too.
        expect(result(page)).to_contain_text("At 0.5 lb a week")
        expect(page).to_have_url(re.compile(r"[?&]pace=0\.5\b"))
    finally:
        os.kill(app_server.proc.pid, signal.SIGCONT)
    # Python hears it once it runs again: a file made now carries the new pace.
    with page.expect_download(timeout=15_000) as info:
        page.get_by_role("button", name="Printable checklist (Markdown)").click()
    assert re.search(r"[?&]pace=0\.5\b", Path(info.value.path()).read_text(encoding="utf-8"))
    no_exceptions(page)


def test_a_rerun_that_follows_the_pace_keeps_the_same_chart(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    svg = planner_chart(page).locator("svg").first
    svg.evaluate("s => { s.dataset.seen = 'before' }")  # gone if the chart is drawn again
    pace(page).focus()
    page.keyboard.press("ArrowRight")
    expect(result(page)).to_contain_text("At 1.25 lb a week")
    page.keyboard.press("ArrowRight")
    expect(result(page)).to_contain_text("At 1.5 lb a week")
    expect(planner_chart(page).locator("svg[data-seen=before]")).to_have_count(1)
    expect(goal_label(page)).to_have_text("in 10 weeks")


def test_a_drag_moves_the_chart_before_the_reader_lets_go(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    control = pace(page)
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 3 / 11, y)  # on the thumb, at 1 lb a week
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=8)
    # 3 lb a week, still held: the chart, the words and the address follow in the browser.
    expect(goal_label(page)).to_have_text("in 5 weeks")
    expect(result(page)).to_contain_text("At 3 lb a week")
    expect(page).to_have_url(re.compile(r"[?&]pace=3\b"))
    page.mouse.up()
    # Python hears it once the reader lets go: a link made now carries the new pace.
    with page.expect_download() as info:
        page.get_by_role("button", name="Printable checklist (Markdown)").click()
    assert re.search(r"[?&]pace=3\b", Path(info.value.path()).read_text(encoding="utf-8"))


def test_presets_and_units_move_the_control_and_the_chart(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    page.get_by_role("group", name="Pace presets").get_by_role("button", name="2 lb a week").click()
    expect(pace(page)).to_have_attribute("aria-valuetext", re.compile(r"^2 lb a week"))
    expect(goal_label(page)).to_have_text("in 7 weeks and 4 days")
    expect(result(page)).to_contain_text("At 2 lb a week")
    page.get_by_text("Kilograms (kg)").click()
    expect(pace(page, "kg")).to_have_attribute("aria-valuetext", re.compile(r"^0\.9 kg a week"))
    expect(result(page)).to_contain_text("At 0.9 kg a week")
    expect(goal_label(page)).to_have_text("in 7 weeks and 4 days")
    no_exceptions(page)


def test_chart_text_follows_a_change_of_theme_at_once(page: Page, app_url: str) -> None:
    # The reader's system switches to dark mode: the axis text must be readable straight away,
    # not after the next interaction.
    page.emulate_media(color_scheme="light")
    open_app(page, app_url)
    label = planner_chart(page).locator("g.role-axis-label text").first
    expect(label).to_have_css("fill", "rgb(85, 88, 95)")
    page.emulate_media(color_scheme="dark")
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", "rgb(22, 22, 26)")
    expect(planner_chart(page).locator("g.role-axis-label text").first).to_have_css("fill", "rgb(169, 173, 184)")


def test_the_checklist_download_carries_the_pace_at_the_moment_of_the_click(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    open_app(page, app_url)
    pace(page).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(result(page)).to_contain_text("At 1.5 lb a week")
    with page.expect_download() as info:
        page.get_by_role("button", name="Printable checklist (Markdown)").click()
    saved = tmp_path / "checklist.md"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert re.search(r"[?&]pace=1\.5\b", text), text
    assert "weight=" not in text  # the checklist's link is the one without the reader's numbers


def test_a_chart_drawn_while_the_control_was_away_is_drawn_again_and_follows(page: Page, app_url: str) -> None:
    # Streamlit can draw the chart again while the control's input is briefly off the page
    # (seen when a page reconnects to a new session); Vega then binds to nothing and the chart
    # stops following. Here: take the control off the page, make Streamlit draw the chart again
    # (a change of theme does), put the control back. The control must notice and have the
    # chart drawn afresh, after which it follows again.
    page.emulate_media(color_scheme="light")
    open_app(page, app_url + "?weight=180&goal=165&pace=1")
    expect(goal_label(page)).to_have_text("in 15 weeks")
    page.evaluate(
        "() => { const n = document.querySelector('.rf-pace'); window.__rfPace = [n, n.parentNode]; n.remove() }"
    )
    page.emulate_media(color_scheme="dark")
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", "rgb(22, 22, 26)")
    page.evaluate("() => { const [n, parent] = window.__rfPace; parent.appendChild(n) }")
    pace(page).focus()
    page.keyboard.press("ArrowRight")
    expect(goal_label(page)).to_have_text("in 12 weeks", timeout=15_000)
    page.keyboard.press("ArrowRight")
    expect(goal_label(page)).to_have_text("in 10 weeks")
    expect(result(page)).to_contain_text("At 1.5 lb a week")
