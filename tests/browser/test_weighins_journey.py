"""Check your real pace, in Chromium: upload, paste and type weigh-ins; privacy of the link,
the log and the network; the download; accessibility and the phone layout of the section."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import READY, no_exceptions, open_app
from colours import THEME, contrast, css_rgb, over
from playwright.sync_api import Locator, Page, Request, expect
from test_accessibility import BLOCKING, PHONE, WCAG_TAGS, describe, show_whole_page

from runners_face.weighin_chart import CHART_ALT

# Weights with an unusual pattern (2xx.x with a 7 in them), so that finding one of them in the
# link or the log cannot be a coincidence; dates a year back, so that none is 'future'.
FIRST_DAY = date.today() - timedelta(days=365)
ROWS = [
    ((FIRST_DAY + timedelta(days=d)).isoformat(), f"{217.7 - 0.3 * d + (0.4 if d % 2 else -0.4):.1f}")
    for d in range(28)
]


def section(page: Page) -> Locator:
    return page.locator(".st-key-weighins")


def open_section(page: Page, url: str) -> Locator:
    open_app(page, url)
    box = section(page)
    box.get_by_text("Check my weigh-ins").click()
    expect(box.get_by_test_id("stFileUploader")).to_be_visible()
    page.locator(READY).wait_for(state="attached")
    return box


def upload(page: Page, box: Locator, name: str, data: bytes) -> None:
    box.locator("input[type=file]").set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})


def csv_bytes(rows: list[tuple[str, str]]) -> bytes:
    return ("Date,Weight (lb)\n" + "".join(f"{d},{w}\n" for d, w in rows)).encode()


def test_weigh_ins_never_reach_the_link_the_log_or_another_host(page: Page, app_url: str, app_log: Path) -> None:
    requests: list[str] = []

    def remember(request: Request) -> None:
        requests.append(unquote(request.url))

    page.on("request", remember)
    box = open_section(page, app_url)
    upload(page, box, "my-weigh-ins.csv", csv_bytes(ROWS))
    expect(box.get_by_text("Read 28 weigh-ins from your file")).to_be_visible()
    expect(box.get_by_text(re.compile("Your pace: losing about 2.1 lb a week"))).to_be_visible()
    # A planner change rewrites the link while the weigh-ins are on the page.
    page.get_by_role("button", name="1.5 lb a week").click()
    expect(page).to_have_url(re.compile(r"pace=1\.5"))
    page.locator(READY).wait_for(state="attached")

    values = [w for _, w in ROWS] + [d for d, _ in ROWS]
    address = unquote(page.url)
    assert not [v for v in values if v in address], address
    # A blob: address (the page's own scripts, made in the browser) names the page that made it.
    hosts = {re.sub(r"^(?:blob:)?\w+://([^/:]+).*", r"\1", url) for url in requests}
    assert hosts <= {"127.0.0.1"}, hosts
    assert not [url for url in requests if any(v in url for v in values)]
    log = app_log.read_text(encoding="utf-8")
    assert "You can now view your Streamlit app" in log  # the log file really captures the server
    assert not [v for v in values if v in log], "a weigh-in reached the server's log"
    no_exceptions(page)


def test_the_download_holds_the_weigh_ins_and_no_cell_can_run_as_a_formula(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    rows = [*ROWS[:10], (ROWS[10][0], "=cmd|' /C calc'!A0"), *ROWS[11:]]
    upload(page, box, "weigh-ins.csv", csv_bytes(rows))
    expect(box.get_by_text(re.compile("1 row was skipped"))).to_be_visible()
    with page.expect_download() as info:
        box.get_by_role("button", name=re.compile("Download my weigh-ins")).click()
    saved = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    assert saved[0] == ["date", "weight_lb"]
    assert [row[0] for row in saved[1:]] == [d for d, _ in rows if d != ROWS[10][0]]
    assert not [cell for row in saved for cell in row if cell.startswith(("=", "+", "-", "@"))]
    no_exceptions(page)


@pytest.mark.browser_context_args(permissions=["clipboard-read", "clipboard-write"])
def test_rows_pasted_from_a_spreadsheet_fill_the_table_and_give_a_pace(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    # A spreadsheet copies cells as tab-separated lines, with day-first dates here.
    pasted = "\n".join(f"{date.fromisoformat(d):%d/%m/%Y}\t{w}" for d, w in ROWS[:21])
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    editor = box.get_by_test_id("stDataFrame")
    editor.get_by_role("button", name=re.compile("Add row", re.IGNORECASE)).click()
    page.keyboard.press("Escape")
    page.locator(READY).wait_for(state="attached")
    first_cell = editor.bounding_box()
    assert first_cell is not None
    page.mouse.click(first_cell["x"] + 120, first_cell["y"] + 54)  # the new row's Date cell
    page.keyboard.press("Control+V")
    expect(box.get_by_text(re.compile(r"Your pace: losing about 2\.\d lb a week"))).to_be_visible()
    expect(box.get_by_text(re.compile("from 21 days of weigh-ins"))).to_be_visible()
    no_exceptions(page)


def test_weigh_ins_typed_in_the_table_survive_closing_and_reopening_the_section(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    box.get_by_role("button", name=re.compile("Fill in an example month")).click()
    expect(box.get_by_text(re.compile("Your pace: losing about"))).to_be_visible()
    trend_words = box.get_by_text(re.compile("Your pace:")).inner_text()
    box.get_by_text("Check my weigh-ins").click()  # close
    expect(box.get_by_test_id("stFileUploader")).to_have_count(0)
    page.locator(READY).wait_for(state="attached")
    box.get_by_text("Check my weigh-ins").click()  # open again
    expect(box.get_by_text(re.compile("Your pace:"))).to_have_text(trend_words)
    no_exceptions(page)


def test_a_file_over_1_mb_is_stopped_in_the_browser_with_a_message(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    upload(page, box, "huge.csv", b"2026-01-01,180\n" * (2 * 1024 * 1024 // 15))
    expect(box.get_by_text(re.compile(r"must be 1(\.0)? ?MB or smaller", re.IGNORECASE))).to_be_visible()
    expect(box.get_by_text(re.compile("Your pace:"))).to_have_count(0)
    no_exceptions(page)


def test_a_binary_file_gets_a_plain_message(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    upload(page, box, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    expect(box.get_by_text("That file could not be read.")).to_be_visible()
    expect(box.get_by_text(re.compile("This is not a text file"))).to_be_visible()
    no_exceptions(page)


# --- accessibility and phones ---------------------------------------------------------------


def _filled(page: Page, url: str) -> Locator:
    box = open_section(page, url)
    box.get_by_role("button", name=re.compile("Fill in an example month")).click()
    chart = box.get_by_test_id("stVegaLiteChart")
    expect(chart).to_have_attribute("role", "graphics-document")
    expect(chart).to_have_attribute("aria-label", CHART_ALT)
    box.get_by_text("Show your weigh-ins and trend as a table").click()
    expect(box.get_by_test_id("stDataFrame")).to_have_count(2)  # the editor and the trend table
    page.locator(READY).wait_for(state="attached")
    return box


@pytest.mark.parametrize(
    "scheme",
    [
        pytest.param(s, marks=pytest.mark.browser_context_args(color_scheme=s, viewport=PHONE))
        for s in ("light", "dark")
    ],
)
def test_axe_finds_no_serious_violation_in_the_filled_section_on_a_phone(page: Page, app_url: str, scheme: str) -> None:
    box = _filled(page, app_url)
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", css_rgb(THEME[scheme]["backgroundColor"]))
    show_whole_page(page)
    results = Axe().run(
        page,
        context=".st-key-weighins",
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(describe(v, page) for v in blocking)
    assert box.is_visible()


@pytest.mark.parametrize(
    "scheme",
    [
        pytest.param(s, marks=pytest.mark.browser_context_args(color_scheme=s, viewport=PHONE))
        for s in ("light", "dark")
    ],
)
def test_the_charts_text_and_marks_keep_their_contrast(page: Page, app_url: str, scheme: str) -> None:
    box = _filled(page, app_url)
    background = THEME[scheme]["backgroundColor"]
    expect(page.get_by_test_id("stApp")).to_have_css("background-color", css_rgb(background))
    chart = box.get_by_test_id("stVegaLiteChart")
    texts: list[list[str]] = chart.locator("svg text").evaluate_all(
        "ts => ts.filter(t => t.textContent.trim()).map(t => [t.getAttribute('fill') || '', t.textContent.trim()])"
    )
    assert texts
    weak = [(fill, text) for fill, text in texts if fill.startswith("#") and contrast(fill, background) < 4.5]
    assert not weak, weak
    keys: list[list[str]] = chart.locator("g.role-legend-symbol path").evaluate_all(
        "ps => ps.map(p => [p.getAttribute('stroke') || p.getAttribute('fill') || '',"
        " p.getAttribute('opacity') || '1'])"
    )
    assert keys
    faint = [k for k in keys if k[0].startswith("#") and contrast(over(k[0], background, float(k[1])), background) < 3]
    assert not faint, faint


@pytest.mark.browser_context_args(viewport=PHONE)
def test_on_a_phone_the_filled_section_does_not_scroll_sideways(page: Page, app_url: str) -> None:
    box = _filled(page, app_url)
    widths: dict[str, Any] = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth,"
        " main: document.querySelector('[data-testid=stMain]').scrollWidth})"
    )
    assert widths["page"] <= PHONE["width"] and widths["main"] <= PHONE["width"], widths
    box_right = box.bounding_box()
    assert box_right is not None and box_right["x"] + box_right["width"] <= PHONE["width"]
