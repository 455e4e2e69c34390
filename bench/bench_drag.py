"""A 1 s mouse drag across the pace control: does the chart follow the hand, and when do the words?

    .venv/bin/python bench/bench_drag.py             # 8 drags per app and network
    .venv/bin/python bench/bench_drag.py --quick     # 3 drags
    .venv/bin/python bench/bench_drag.py --delay-ms 0

For our app and the floor, directly and through ``delay_proxy.py`` (+100 ms each way by
default), the same scripted drag: the pace is put at its slowest step (Home), then the mouse
presses the thumb and sweeps it to the far right over 1 s (about 60 moves, one a frame), and
lets go. Measured inside the page:

* **chart updates per second** while the mouse is down (changes of the chart's drawn marks);
* **steps shown**: of the steps the thumb crossed (the control's values seen while dragging),
  how many the chart drew while the mouse was down (ours: its goal marker for that step);
* **words after release**: from letting go to the sentence naming the final pace (ours), beside
  the floor's release -> chart, its only response.

Drags alternate between the pages, and the order rotates. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*

from playwright.sync_api import Browser, Page

from bench.browser import BENCH_JS, VIEWPORT, open_app, page_script, run_browser_module
from bench.delay_proxy import DelayProxy
from bench.report import Row, fmt_ms, fmt_ratio, log, median, percentile, ratio
from bench.servers import APPS, FLOOR, OURS, App, Server

DRAG_S = 1.0
MOVES = 60
GOAL_SHOWN = 0.9  # the chart shows >= 90 % of the steps crossed during a drag
GOAL_WORDS_MS = 300.0  # the words follow within 300 ms (median) of the last step

DRAG_JS = page_script("drag_page.js")
"""The in-page watcher for one drag (``window.__drag``; see the file)."""

FINAL_TEXT = {OURS.key: "At 3 lb a week", FLOOR.key: ""}
SLIDER_SELECTOR = {OURS.key: "#rf-pace-input", FLOOR.key: "[data-testid=stSlider] input[type=range]"}


def drag_once(page: Page, app: App) -> dict[str, Any]:
    slider = page.get_by_role("slider", name=app.slider)
    slider.focus()
    page.keyboard.press("Home")
    page.evaluate("() => window.__bench.quiet(300, 15000)")  # the Home press has been answered
    box = slider.bounding_box()
    assert box is not None
    if app.key == OURS.key:
        x0, y = box["x"] + 12, box["y"] + box["height"] / 2  # the thumb (24 px) at the left end
        x1 = box["x"] + box["width"] + 20
    else:  # Streamlit's slider: the named input sits in the thumb; its track is three levels up
        track = slider.locator("xpath=../../..").bounding_box()
        assert track is not None
        x0, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        x1 = track["x"] + track["width"] + 20
    page.evaluate("([s, t]) => window.__drag.start(s, t)", [SLIDER_SELECTOR[app.key], FINAL_TEXT[app.key]])
    page.mouse.move(x0, y)
    page.mouse.down()
    start = time.perf_counter()
    for i in range(1, MOVES + 1):
        # one move a frame for DRAG_S: the pace of a hand, not of the test (input pacing)
        due = start + DRAG_S * i / MOVES
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        page.mouse.move(x0 + (x1 - x0) * i / MOVES, y)
    page.mouse.up()
    page.evaluate("() => window.__bench.quiet(300, 15000)")  # the release has been answered
    result: dict[str, Any] = page.evaluate("() => window.__drag.result()")
    return result


def phase_drag(browser: Browser, logdir: Path, drags: int, delay_ms: float) -> dict[str, Any]:
    networks = ("direct", "slow") if delay_ms > 0 else ("direct",)
    log(f"drag: {drags} drags of {DRAG_S:.0f} s per app and network ({', '.join(networks)})")
    out: dict[str, Any] = {"delay_ms": delay_ms}
    with contextlib.ExitStack() as stack:
        servers = {app.key: stack.enter_context(Server(app, logdir)) for app in APPS}
        for server in servers.values():
            server.wait_healthy()
        variants = [(app, net) for net in networks for app in APPS]
        pages: dict[tuple[str, str], Page] = {}
        for app, net in variants:
            url = servers[app.key].url
            if net == "slow":
                url = stack.enter_context(DelayProxy(servers[app.key].port, delay_ms)).url
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(BENCH_JS)
            context.add_init_script(DRAG_JS)
            page = context.new_page()
            open_app(page, url, app)
            pages[app.key, net] = page
        samples: dict[tuple[str, str], list[dict[str, Any]]] = {v: [] for v in pages}
        for i in range(drags + 1):  # the first round warms up
            order = variants[i % len(variants) :] + variants[: i % len(variants)]
            for app, net in order:
                result = drag_once(pages[app.key, net], app)
                if i > 0:
                    samples[app.key, net].append(result)
        for (app_key, net), results in samples.items():
            out[f"{app_key}/{net}"] = summarise(app_key, results)
            pages[app_key, net].context.close()
    for name, d in out.items():
        if isinstance(d, dict):
            log(
                f"  {name:12s} {d['updates_per_s']:.0f} chart updates/s, shown {d['shown_share']:.0%} of "
                f"{d['steps_crossed']:.0f} steps, words/chart after release {fmt_ms(d['after_release_median_ms'])}"
            )
    return out


def summarise(app_key: str, results: list[dict[str, Any]]) -> dict[str, Any]:
    per_s = [r["changes"] / (r["dragMs"] / 1000) for r in results if r["dragMs"] > 0]
    crossed = [r["values"] for r in results]
    # ours: distinct goal markers drawn while the mouse was down; the floor has no such words,
    # so its shown steps are the chart's changes while the mouse was down.
    shown = [min(r["words"], r["values"]) if app_key == OURS.key else min(r["changes"], r["values"]) for r in results]
    after = [r["wordsAfterUpMs"] if app_key == OURS.key else r["chartAfterUpMs"] for r in results]
    return {
        "n": len(results),
        "updates_per_s": median(per_s) or 0.0,
        "steps_crossed": median(crossed) or 0.0,
        "shown_share": sum(shown) / sum(crossed) if sum(crossed) else 0.0,
        "after_release_median_ms": median([a for a in after if a is not None]),
        "after_release_p95_ms": percentile([a for a in after if a is not None], 95),
        "after_release_missing": sum(1 for a in after if a is None),
        "raw": results,
    }


def rows(drag: dict[str, Any]) -> list[Row]:
    out: list[Row] = []
    for net in ("direct", "slow"):
        if f"ours/{net}" not in drag:
            continue
        o, f = drag[f"ours/{net}"], drag[f"floor/{net}"]
        where = "" if net == "direct" else f", +{2 * drag['delay_ms']:.0f} ms round trip"
        out += [
            Row(f"drag: chart updates per second{where}", f"{o['updates_per_s']:.0f}", f"{f['updates_per_s']:.0f}"),
            Row(
                f"drag: steps crossed the chart showed{where}",
                f"{o['shown_share']:.0%}",
                f"{f['shown_share']:.0%}",
                "",
                f">= {GOAL_SHOWN:.0%}",
                o["shown_share"] >= GOAL_SHOWN,
            ),
            Row(
                f"release -> words (ours) / chart (floor){where}",
                fmt_ms(o["after_release_median_ms"]),
                fmt_ms(f["after_release_median_ms"]),
                fmt_ratio(ratio(o["after_release_median_ms"], f["after_release_median_ms"])),
                f"ours <= {GOAL_WORDS_MS:.0f} ms" if net == "direct" else "(info)",
                (
                    o["after_release_median_ms"] is not None
                    and o["after_release_median_ms"] <= GOAL_WORDS_MS
                    and o["after_release_missing"] == 0
                )
                if net == "direct"
                else None,
            ),
        ]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 drags per app and network")
    ap.add_argument("--drags", type=int, help="measured drags per app and network (default 8, quick 3)")
    ap.add_argument("--delay-ms", type=float, default=100.0, help="added delay each way on the slow network (0: none)")
    args = ap.parse_args(argv)
    drags = args.drags or (3 if args.quick else 8)
    return run_browser_module(
        "bench_drag",
        "a 1 s drag of the pace",
        {"drags": drags, "delay_ms": args.delay_ms, "moves": MOVES, "drag_s": DRAG_S},
        lambda browser, logdir: phase_drag(browser, logdir, drags, args.delay_ms),
        rows,
    )


if __name__ == "__main__":
    raise SystemExit(main())
