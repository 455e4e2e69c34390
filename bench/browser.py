"""Driving Debian's Chromium for the browser benchmarks: launch, open an app, time a key press.

* :func:`launch` starts ``/usr/bin/chromium`` (or ``CHROMIUM_PATH``) headless through
  Playwright's ``executable_path`` (never ``playwright install``);
* :data:`BENCH_JS` is the in-page helper (``bench_page.js``, read as text and installed with
  ``add_init_script``): it arms a MutationObserver on the chart's marks, times a key press to
  the chart's change, and waits for the page to go quiet;
* :func:`open_app` loads an app and waits for its first run and chart; :func:`press_and_time`
  presses a key on its slider and returns the page's timing;
* :func:`run_browser_module` is what every browser module does around its measurement.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

from bench.report import Row, finish, log, machine_info, timed
from bench.servers import App

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}

READY = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"
CHART = "[data-testid=stVegaLiteChart]"
CHART_MARK = f"{CHART} svg .role-mark > *"  # one drawn data mark: the chart has really rendered
EXCEPTION = "[data-testid=stException]"


def page_script(name: str) -> str:
    """The text of an in-page script beside this module (Biome lints and formats it)."""
    return (HERE / name).read_text(encoding="utf-8")


BENCH_JS = page_script("bench_page.js")


def launch(pw: Playwright) -> Browser:
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def open_app(page: Page, url: str, app: App, timeout_ms: int = 60_000) -> None:
    """Load the app, wait for the initial run to finish and the chart to draw, aim at the slider."""
    page.goto(url, timeout=timeout_ms)
    page.locator(READY).wait_for(state="attached", timeout=timeout_ms)
    expect(page.locator(CHART_MARK).first).to_be_attached(timeout=timeout_ms)
    expect(page.locator(CHART)).to_be_visible(timeout=timeout_ms)
    slider = page.get_by_role("slider", name=app.slider)
    expect(slider).to_have_count(1, timeout=timeout_ms)
    slider.focus()
    page.locator(CHART).evaluate("el => el.scrollIntoView({block: 'center'})")
    page.evaluate("() => window.__bench.quiet(200, 10000)")


@dataclass
class WsLog:
    """Websocket frames the page received, with the bench's receive time, for diagnostics."""

    frames: list[tuple[float, bytes]] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        def on_ws(ws: Any) -> None:
            ws.on(
                "framereceived",
                lambda payload: self.frames.append(
                    (time.perf_counter(), payload if isinstance(payload, bytes) else payload.encode())
                ),
            )

        page.on("websocket", on_ws)


def press_and_time(page: Page, app: App, key: str, timeout_ms: int) -> dict[str, Any]:
    """Press ``key`` on the app's slider; the page's timing of the chart's change."""
    slider = page.get_by_role("slider", name=app.slider)
    armed = slider.evaluate("el => window.__bench.arm(el)")
    page.keyboard.press(key)
    result: dict[str, Any] = page.evaluate("t => window.__bench.wait(t)", timeout_ms)
    result["armed"] = armed
    result["key"] = key
    # Let the rerun finish and the page go quiet (state-based) before the next press.
    result["settled"] = page.evaluate("() => window.__bench.quiet(100, 10000)")
    return result


def cold_files(url: str) -> list[str]:
    """The paths a cold Chromium fetches over HTTP to show the page at ``url``, other than the
    document, Streamlit's API and media: read from the target itself, so they match its
    Streamlit (a protocol client then fetches the same, as a cold browser does)."""
    found: list[str] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.on("requestfinished", lambda request: found.append(request.url))
            page.goto(url, timeout=90_000)
            page.locator(READY).wait_for(state="attached", timeout=90_000)
            page.locator(CHART).first.wait_for(state="visible", timeout=90_000)
            context.close()
        finally:
            browser.close()
    # Only what went over HTTP (not the blob: or data: addresses the page makes itself).
    paths = {urlsplit(u).path for u in found if urlsplit(u).scheme in ("http", "https")}
    return sorted(p for p in paths if p not in ("/", "/index.html") and not p.startswith(("/_stcore/", "/media/")))


def run_browser_module(
    module: str,
    title: str,
    config: dict[str, Any],
    measure: Callable[[Browser, Path], Any],
    rows: Callable[[Any], Sequence[Row]],
    extra: Callable[[Any], Sequence[str]] | None = None,
) -> int:
    """What every browser module does around its measurement: launch Chromium, note the
    machine, run ``measure(browser, logdir)`` as one timed phase (named after the module's part,
    e.g. ``latency``; ``logdir`` is a new folder for its server logs), then print the report (and
    any ``extra`` lines) and write the results JSON."""
    phase = module.removeprefix("bench_")
    logdir = Path(tempfile.mkdtemp(prefix=f"{module.replace('_', '-')}-"))
    log(f"server logs in {logdir}")
    res: dict[str, Any] = {"config": config}
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            res["machine"] = machine_info(f"Chromium {browser.version}")
            res[phase] = timed(res, phase, lambda: measure(browser, logdir))
        finally:
            browser.close()
    finish(module, title, rows(res[phase]), res, *(extra(res[phase]) if extra is not None else ()))
    return 0
