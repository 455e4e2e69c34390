"""Interaction latency: slider key press -> chart marks change, our app against the floor.

    .venv/bin/python bench/bench_latency.py              # 40 measured presses per app
    .venv/bin/python bench/bench_latency.py --quick      # 10 presses, a smoke run

Both servers run at once, each with one Chromium page; presses alternate ArrowRight and
ArrowLeft and are interleaved press by press between the apps (which goes first alternates).
The time is taken inside the page (see BENCH_JS in harness.py). It also decodes the websocket
frames of each press (what one move sends) and reads the servers' CPU time per press.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*
import itertools
import os
import re

from playwright.sync_api import Browser, Page, sync_playwright

from bench.harness import (
    APPS,
    BENCH_JS,
    FLOOR,
    OURS,
    VIEWPORT,
    Row,
    Server,
    WsLog,
    fmt_ms,
    fmt_ratio,
    launch,
    log,
    machine_info,
    median,
    open_app,
    pct,
    press_and_time,
    ratio,
    report,
    timed,
    write_results,
)

GOAL_RATIO = 1.2  # our median <= 1.2 x the floor's


def phase_latency(browser: Browser, logdir: Path, presses: int, warmup: int) -> dict[str, Any]:
    log(f"latency: {presses} measured presses per app (+{warmup} warm-up), interleaved press by press")
    out: dict[str, Any] = {}
    with Server(OURS, logdir) as s_ours, Server(FLOOR, logdir) as s_floor:
        servers = {OURS.key: s_ours, FLOOR.key: s_floor}
        for s in servers.values():
            s.wait_healthy()
        pages: dict[str, Page] = {}
        ws: dict[str, WsLog] = {}
        marks: dict[str, list[int]] = {a.key: [] for a in APPS}
        for app in APPS:
            ctx = browser.new_context(viewport=VIEWPORT)
            ctx.add_init_script(BENCH_JS)
            page = ctx.new_page()
            ws[app.key] = WsLog()
            ws[app.key].attach(page)
            open_app(page, servers[app.key].url, app)
            pages[app.key] = page
        samples: dict[str, list[dict[str, Any]]] = {a.key: [] for a in APPS}
        cpu0: dict[str, float] = {}
        for i in range(warmup + presses):
            if i == warmup:
                cpu0 = {k: s.cpu_s() for k, s in servers.items()}
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            # alternate which app goes first, so neither always follows the other
            order = APPS if i % 2 == 0 else APPS[::-1]
            for app in order:
                marks[app.key].append(len(ws[app.key].frames))
                r = press_and_time(pages[app.key], app, key, 10_000)
                r["warmup"] = i < warmup
                samples[app.key].append(r)
        cpu = {k: (s.cpu_s() - cpu0[k]) * 1000 / presses for k, s in servers.items()}
        for app in APPS:
            marks[app.key].append(len(ws[app.key].frames))
            measured = [r for r in samples[app.key] if not r["warmup"]]
            ms = [r["ms"] for r in measured if r["ms"] is not None]
            out[app.key] = {
                "n": len(ms),
                "timeouts": sum(1 for r in measured if r["timedOut"]),
                "median_ms": median(ms),
                "p95_ms": pct(ms, 95),
                "min_ms": min(ms) if ms else None,
                "max_ms": max(ms) if ms else None,
                "svg_replaced": sum(1 for r in measured if r["svgReplaced"]),
                "server_cpu_ms_per_move": cpu[app.key],
                "first_msg_median_ms": median([r["firstMsgMs"] for r in measured if r.get("firstMsgMs") is not None]),
                "chart_msg_median_ms": median([r["chartMsgMs"] for r in measured if r.get("chartMsgMs") is not None]),
                "after_chart_msg_median_ms": median(
                    [r["afterChartMsgMs"] for r in measured if r.get("afterChartMsgMs") is not None]
                ),
                "raw": measured,
                "not_settled": sum(1 for r in measured if not r["settled"]),
                "samples_ms": ms,
                "diagnostics": diagnose(ws[app.key].frames, marks[app.key][warmup:]),
            }
            pages[app.key].context.close()
    for app in APPS:
        d = out[app.key]
        log(
            f"  {app.key:5s} median {fmt_ms(d['median_ms'])}  p95 {fmt_ms(d['p95_ms'])}  "
            f"n={d['n']} timeouts={d['timeouts']}"
        )
    return out


def _normalise_spec(spec: str) -> str:
    """The spec without Altair's content-hash dataset names (they change whenever data does)."""
    return re.sub(r"\b[0-9a-f]{32}\b", "DATA", spec)


def diagnose(frames: list[tuple[float, bytes]], marks: list[int]) -> dict[str, Any]:
    """What each slider move sent to the browser: deltas, bytes, fragment or full run, spec."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    per_move = []
    specs: set[str] = set()
    element_types: dict[str, int] = {}
    for a, b in itertools.pairwise(marks):
        deltas = nbytes = chart_bytes = data_bytes = 0
        fragment = False
        for _t, payload in frames[a:b]:
            nbytes += len(payload)
            msg = ForwardMsg()
            try:
                msg.ParseFromString(payload)
            except Exception:  # not a ForwardMsg: count bytes only
                continue
            kind = msg.WhichOneof("type")
            if kind == "delta":
                deltas += 1
                fragment = fragment or bool(msg.delta.fragment_id)
                if msg.delta.WhichOneof("type") == "new_element":
                    et = msg.delta.new_element.WhichOneof("type") or "?"
                    element_types[et] = element_types.get(et, 0) + 1
                    if et == "vega_lite_chart":
                        chart = msg.delta.new_element.vega_lite_chart
                        chart_bytes += len(payload)
                        data_bytes += sum(len(d.data.data) for d in chart.datasets) + len(chart.data.data)
                        specs.add(_normalise_spec(chart.spec))
        per_move.append(
            {
                "deltas": deltas,
                "bytes": nbytes,
                "chart_bytes": chart_bytes,
                "chart_data_bytes": data_bytes,
                "fragment": fragment,
            }
        )
    moves = max(1, len(per_move))
    return {
        "moves": len(per_move),
        "deltas_per_move": median([m["deltas"] for m in per_move]),
        "bytes_per_move": median([m["bytes"] for m in per_move]),
        "chart_bytes_per_move": median([m["chart_bytes"] for m in per_move]),
        "chart_data_bytes_per_move": median([m["chart_data_bytes"] for m in per_move]),
        "fragment_reruns": sum(1 for m in per_move if m["fragment"]),
        "distinct_chart_specs": len(specs),
        "elements_per_move": {k: round(v / moves, 2) for k, v in sorted(element_types.items())},
    }


def rows(lat: dict[str, Any]) -> list[Row]:
    lo, lf = lat["ours"], lat["floor"]
    r = ratio(lo["median_ms"], lf["median_ms"])
    out = [
        Row(
            f"slider->chart median (n={lo['n']}/{lf['n']})",
            fmt_ms(lo["median_ms"]),
            fmt_ms(lf["median_ms"]),
            fmt_ratio(r),
            f"<= {GOAL_RATIO} x floor",
            r is not None and r <= GOAL_RATIO and lo["timeouts"] == 0,
        ),
        Row(
            "slider->chart p95",
            fmt_ms(lo["p95_ms"]),
            fmt_ms(lf["p95_ms"]),
            fmt_ratio(ratio(lo["p95_ms"], lf["p95_ms"])),
        ),
        Row(
            "  timeouts / svg re-embeds",
            f"{lo['timeouts']} / {lo['svg_replaced']}",
            f"{lf['timeouts']} / {lf['svg_replaced']}",
        ),
    ]
    for label, key in (
        ("  of which: key -> chart delta arrives", "chart_msg_median_ms"),
        ("  of which: chart delta -> marks", "after_chart_msg_median_ms"),
        ("  server CPU per move", "server_cpu_ms_per_move"),
    ):
        out.append(Row(label, fmt_ms(lo[key]), fmt_ms(lf[key]), fmt_ratio(ratio(lo[key], lf[key]))))
    return out


def sends(lat: dict[str, Any]) -> list[str]:
    lines = ["What one slider move sends (median per move, from the websocket):"]
    for key in ("ours", "floor"):
        d = lat[key]["diagnostics"]
        lines.append(
            f"  {key:5s} {d['deltas_per_move']:.0f} deltas, {d['bytes_per_move'] / 1024:.1f} KiB "
            f"(chart {d['chart_bytes_per_move'] / 1024:.1f} KiB, "
            f"of it data {d['chart_data_bytes_per_move'] / 1024:.1f} KiB), "
            f"fragment reruns {d['fragment_reruns']}/{d['moves']}, distinct chart specs {d['distinct_chart_specs']}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="10 presses per app (a smoke run)")
    ap.add_argument("--presses", type=int, help="measured presses per app (default 40, quick 10)")
    args = ap.parse_args(argv)
    presses = args.presses or (10 if args.quick else 40)
    logdir = Path(tempfile.mkdtemp(prefix="bench-latency-"))
    log(f"server logs in {logdir}")
    res: dict[str, Any] = {"config": {"presses": presses, "quick": args.quick, "goal_ratio": GOAL_RATIO}}
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            res["machine"] = machine_info(f"Chromium {browser.version}")
            res["latency"] = timed(res, "latency", lambda: phase_latency(browser, logdir, presses, warmup=4))
        finally:
            browser.close()
    res["machine"]["loadavg_end"] = os.getloadavg()
    print(report("Runner's Face benchmark: interaction latency", rows(res["latency"]), res["machine"]))
    print("\n".join(sends(res["latency"])))
    print(f"JSON: {write_results('bench_latency', res)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
