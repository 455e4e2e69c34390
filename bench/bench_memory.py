"""Server memory per extra browser session: (RSS with 10 tabs - RSS with 1 tab) / 9, ours and floor.

    .venv/bin/python bench/bench_memory.py             # 10 tabs
    .venv/bin/python bench/bench_memory.py --quick     # 4 tabs

Memory per idle session at 1,000 sessions is measured without browsers by
``bench_load.py --idle``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*
import time

from playwright.sync_api import Browser

from bench.browser import BENCH_JS, VIEWPORT, open_app, run_browser_module
from bench.report import Row, fmt_ratio, log, ratio
from bench.servers import FLOOR, OURS, Server

GOAL_MIB = 2.0  # ours, per extra session


def _settled_rss(server: Server) -> float:
    # Three readings 100 ms apart after the pages went quiet; the last one is used. The
    # short settle lets the server finish freeing per-run temporaries after the last rerun.
    readings = []
    for _ in range(3):
        readings.append(server.rss_mib())
        time.sleep(0.1)
    return readings[-1]


def phase_memory(browser: Browser, logdir: Path, tabs: int) -> dict[str, Any]:
    log(f"memory: server RSS with 1 session vs {tabs} sessions")
    out = {}
    for app in (FLOOR, OURS):
        with Server(app, logdir) as server:
            server.wait_healthy()
            idle = _settled_rss(server)
            ctx = browser.new_context(viewport=VIEWPORT)
            ctx.add_init_script(BENCH_JS)
            try:
                first = ctx.new_page()
                open_app(first, server.url, app)
                rss1 = _settled_rss(server)
                pages = [first]
                for _ in range(tabs - 1):
                    page = ctx.new_page()
                    open_app(page, server.url, app)
                    pages.append(page)
                for page in pages:
                    page.evaluate("() => window.__bench.quiet(200, 10000)")
                rss_n = _settled_rss(server)
            finally:
                ctx.close()
        per = (rss_n - rss1) / (tabs - 1)
        out[app.key] = {
            "idle_mib": idle,
            "rss1_mib": rss1,
            f"rss{tabs}_mib": rss_n,
            "tabs": tabs,
            "per_session_mib": per,
        }
        log(
            f"  {app.key:5s} idle {idle:.1f} MiB, 1 tab {rss1:.1f} MiB, {tabs} tabs {rss_n:.1f} MiB "
            f"-> {per:.2f} MiB/session"
        )
    return out


def rows(mem: dict[str, Any]) -> list[Row]:
    mo, mf = mem["ours"], mem["floor"]
    return [
        Row(
            f"RSS per extra session ({mo['tabs']} tabs vs 1)",
            f"{mo['per_session_mib']:.2f} MiB",
            f"{mf['per_session_mib']:.2f} MiB",
            "",
            f"<= {GOAL_MIB} MiB (ours)",
            mo["per_session_mib"] <= GOAL_MIB,
        ),
        Row(
            "  RSS with 1 session",
            f"{mo['rss1_mib']:.0f} MiB",
            f"{mf['rss1_mib']:.0f} MiB",
            fmt_ratio(ratio(mo["rss1_mib"], mf["rss1_mib"])),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="4 tabs (a smoke run)")
    ap.add_argument("--tabs", type=int, help="tabs (default 10, quick 4)")
    args = ap.parse_args(argv)
    tabs = args.tabs or (4 if args.quick else 10)
    if tabs < 2:
        ap.error("--tabs must be at least 2")
    return run_browser_module(
        "bench_memory",
        "memory per browser session",
        {"tabs": tabs, "quick": args.quick, "goal_mib": GOAL_MIB},
        lambda browser, logdir: phase_memory(browser, logdir, tabs),
        rows,
    )


if __name__ == "__main__":
    raise SystemExit(main())
