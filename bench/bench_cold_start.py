"""Cold start: process launch -> the chart's first mark in a fresh browser context, ours vs floor.

    .venv/bin/python bench/bench_cold_start.py            # 3 starts per app, ABBA order
    .venv/bin/python bench/bench_cold_start.py --quick    # 1 start per app

See bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*
import time

from playwright.sync_api import Browser, expect

from bench.browser import CHART, CHART_MARK, VIEWPORT, run_browser_module
from bench.report import Row, fmt_ratio, log, median, ratio
from bench.servers import APPS, FLOOR, OURS, App, Server

GOAL_RATIO = 1.3  # our median <= 1.3 x the floor's


def phase_cold(browser: Browser, logdir: Path, trials: int) -> dict[str, Any]:
    # ABBA order (ours, floor, floor, ours, ...) so linear drift cancels between the two.
    order: list[App] = []
    for i in range(trials):
        order += [OURS, FLOOR] if i % 2 == 0 else [FLOOR, OURS]
    log(f"cold start: {trials} per app, order {' '.join(a.key for a in order)}")
    samples: dict[str, list[dict[str, float]]] = {a.key: [] for a in APPS}
    for app in order:
        ctx = browser.new_context(viewport=VIEWPORT)  # fresh context: empty HTTP cache
        try:
            page = ctx.new_page()
            with Server(app, logdir) as server:
                t_health = server.wait_healthy()
                page.goto(server.url, timeout=60_000)
                expect(page.locator(CHART_MARK).first).to_be_attached(timeout=60_000)
                expect(page.locator(CHART)).to_be_visible(timeout=60_000)
                t_chart = time.perf_counter() - server.t_launch
            samples[app.key].append({"health_s": t_health, "chart_s": t_chart})
            log(f"  {app.key:5s} chart visible {t_chart:.2f} s (health {t_health:.2f} s)")
        finally:
            ctx.close()
    out = {}
    for app in APPS:
        chart = [s["chart_s"] for s in samples[app.key]]
        out[app.key] = {
            "n": len(chart),
            "median_s": median(chart),
            "min_s": min(chart),
            "max_s": max(chart),
            "health_median_s": median([s["health_s"] for s in samples[app.key]]),
            "samples": samples[app.key],
        }
    return out


def rows(cold: dict[str, Any]) -> list[Row]:
    co, cf = cold["ours"], cold["floor"]
    r = ratio(co["median_s"], cf["median_s"])
    return [
        Row(
            f"cold start to chart, median (n={co['n']})",
            f"{co['median_s']:.2f} s",
            f"{cf['median_s']:.2f} s",
            fmt_ratio(r),
            f"<= {GOAL_RATIO} x floor",
            r is not None and r <= GOAL_RATIO,
        ),
        Row(
            "  server health ok, median",
            f"{co['health_median_s']:.2f} s",
            f"{cf['health_median_s']:.2f} s",
            fmt_ratio(ratio(co["health_median_s"], cf["health_median_s"])),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1 start per app (a smoke run)")
    ap.add_argument("--trials", type=int, help="starts per app (default 3, quick 1)")
    args = ap.parse_args(argv)
    trials = args.trials or (1 if args.quick else 3)
    return run_browser_module(
        "bench_cold_start",
        "cold start",
        {"trials": trials, "quick": args.quick, "goal_ratio": GOAL_RATIO},
        lambda browser, logdir: phase_cold(browser, logdir, trials),
        rows,
    )


if __name__ == "__main__":
    raise SystemExit(main())
