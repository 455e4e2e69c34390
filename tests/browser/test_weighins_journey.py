"""Check your real pace, in Chromium: upload, paste and type weigh-ins; privacy of the link,
the log and the network; the download; accessibility and the phone layout of the section."""

from __future__ import annotations

import csv
import io
import json
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

from runners_face.units import KG_PER_LB
from runners_face.weighin_chart import CHART_ALT
from runners_face.weighin_storage import STORAGE_KEY, encode

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


def weighins_box(box: Locator) -> Locator:
    """The text box that holds the weigh-ins, one date and weight a line."""
    return box.get_by_role("textbox", name=re.compile("Your weigh-ins: one date and weight per line"))


@pytest.mark.browser_context_args(permissions=["clipboard-read", "clipboard-write"])
def test_rows_pasted_from_a_spreadsheet_fill_the_table_and_give_a_pace(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    # A spreadsheet copies cells as tab-separated lines, with day-first dates here.
    pasted = "\n".join(f"{date.fromisoformat(d):%d/%m/%Y}\t{w}" for d, w in ROWS[:21])
    page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
    weighins_box(box).click()
    page.keyboard.press("Control+V")
    page.keyboard.press("Control+Enter")
    expect(box.get_by_text(re.compile(r"Your pace: losing about 2\.\d lb a week"))).to_be_visible()
    expect(box.get_by_text(re.compile("from 21 days of weigh-ins"))).to_be_visible()
    assert weighins_box(box).input_value() == pasted
    no_exceptions(page)


def test_typing_with_pauses_while_the_page_reruns_keeps_every_value(page: Page, app_url: str) -> None:
    # The review typed into the old grid with 0.3-0.7 s pauses: the page reran after each cell and
    # lost the second row's date and the third row. Here every few lines are sent to Python
    # (Ctrl+Enter) while the reader types on, so reruns run under their fingers.
    box = open_section(page, app_url)
    expect(weighins_box(box)).to_have_attribute("placeholder", re.compile(r"^Type or paste here, for example:"))
    start = date.today() - timedelta(days=28)  # ending yesterday: today's weigh-in comes next
    lines = [f"{(start + timedelta(days=i)).isoformat()} {w}" for i, (_, w) in enumerate(ROWS)]
    weighins_box(box).click()
    for number, line in enumerate(lines):
        # Each line takes 0.3-0.7 s: typing delays, not sleeps.
        page.keyboard.type(line + "\n", delay=[20, 40, 25, 35, 30][number % 5])
        if number % 3 == 2:
            page.keyboard.press("Control+Enter")
    page.keyboard.press("Control+Enter")
    page.locator(READY).wait_for(state="attached")
    expect(box.get_by_text(re.compile("from 28 days of weigh-ins"))).to_be_visible()
    assert weighins_box(box).input_value().splitlines() == lines

    # Today's weigh-in in one step, from the keyboard (Enter adds it).
    field = box.get_by_role("spinbutton", name="Today's weight (lb)")
    field.fill("201.7")
    field.press("Enter")
    expect(box.get_by_text(re.compile(r"Added: 201\.7 lb on"))).to_be_visible()
    added = f"{date.today().isoformat()} 201.7"
    expect(weighins_box(box)).to_have_value(re.compile(rf"{added}\n?$"))
    assert weighins_box(box).input_value().splitlines() == [*lines, added]
    expect(field).to_have_value("")  # ready for tomorrow's

    # Clear has an Undo.
    box.get_by_role("button", name="Clear my weigh-ins").click()
    expect(weighins_box(box)).to_have_value("")
    expect(box.get_by_text(re.compile("Your pace:"))).to_have_count(0)
    box.get_by_role("button", name="Undo").click()
    expect(weighins_box(box)).to_have_value(re.compile(rf"{added}\n?$"))
    expect(box.get_by_text(re.compile("Your pace: losing about"))).to_be_visible()
    assert weighins_box(box).input_value().splitlines() == [*lines, added]
    no_exceptions(page)


def test_the_result_carries_into_the_planner(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    # Four weeks ending yesterday, losing 2.6 lb a week: recent, and clearly faster than the range.
    start = date.today() - timedelta(days=28)
    rows = [
        ((start + timedelta(days=d)).isoformat(), f"{217.7 - 2.6 / 7 * d + (0.4 if d % 2 else -0.4):.1f}")
        for d in range(28)
    ]
    upload(page, box, "my-weigh-ins.csv", csv_bytes(rows))
    expect(box.get_by_text(re.compile(r"likely faster than the 1–2 lb a week"))).to_be_visible()
    # The words say what change in daily calories would bring the pace into the article's range.
    nearer = re.compile(r"kcal a day more than now would bring your pace to about 2 lb a week, the top")
    expect(box.get_by_text(nearer)).to_be_visible()

    use_weight = box.get_by_role("button", name=re.compile(r"^Use my trend \(\d+\.\d lb\) as my current weight$"))
    trend_weight = re.search(r"\((\d+\.\d) lb\)", use_weight.inner_text())
    assert trend_weight is not None
    page.locator(READY).wait_for(state="attached")
    use_weight.click()
    expect(box.get_by_text(f"The planner above now starts from your trend, {trend_weight[1]} lb")).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Current weight (lb)")).to_have_value(trend_weight[1])
    expect(page).to_have_url(re.compile(rf"[?&]weight={re.escape(trend_weight[1])}\b"))

    use_pace = box.get_by_role("button", name=re.compile(r"^Plan from my real pace \(\d\.\d lb a week\)$"))
    real = re.search(r"\((\d\.\d) lb a week\)", use_pace.inner_text())
    assert real is not None
    planned = f"{round(float(real[1]) / 0.25) * 0.25:g}"  # the pace control's nearest step
    page.locator(READY).wait_for(state="attached")
    use_pace.click()
    expect(box.get_by_text(re.compile(rf"The planner above now uses {re.escape(planned)} lb a week"))).to_be_visible()
    expect(page.get_by_role("slider", name="Weekly pace (lb a week)")).to_have_attribute(
        "aria-valuetext", re.compile(rf"^{re.escape(planned)} lb a week")
    )
    expect(page).to_have_url(re.compile(rf"[?&]pace={re.escape(planned)}\b"))
    no_exceptions(page)


def test_weigh_ins_typed_in_the_table_survive_closing_and_reopening_the_section(page: Page, app_url: str) -> None:
    box = open_section(page, app_url)
    box.get_by_role("button", name=re.compile("Fill in an example month")).click()
    expect(box.get_by_text(re.compile("Your pace: losing about"))).to_be_visible()
    trend_words = box.get_by_text(re.compile("Your pace:")).inner_text()
    page.locator(READY).wait_for(state="attached")
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
    page.locator(READY).wait_for(state="attached")
    box.get_by_text("Show your weigh-ins and trend as a table").click()
    expect(box.get_by_test_id("stDataFrame")).to_have_count(1)  # the trend table
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


@pytest.mark.browser_context_args(viewport=PHONE)
def test_on_a_phone_a_returning_reader_sees_the_add_today_field_first(page: Page, app_url: str) -> None:
    recent = [(date.today() - timedelta(days=28 - i), float(w) * KG_PER_LB) for i, (_, w) in enumerate(ROWS)]
    value, _ = encode(recent)
    page.add_init_script(f"sessionStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(value)})")
    open_app(page, app_url)
    box = section(page)
    today = box.get_by_role("spinbutton", name="Today's weight (lb)")
    expect(today).to_be_visible()  # the section opened by itself
    expect(box.get_by_text(re.compile("Your weigh-ins are back: 28 weigh-ins"))).to_be_visible()
    controls = box.locator("details input, details textarea, details button")
    assert controls.first.get_attribute("aria-label") == today.get_attribute("aria-label")
    today.scroll_into_view_if_needed()
    spot, text_box = today.bounding_box(), weighins_box(box).bounding_box()
    assert spot is not None and text_box is not None and spot["y"] < text_box["y"]
    assert spot["x"] >= 0 and spot["x"] + spot["width"] <= PHONE["width"]
    no_exceptions(page)
