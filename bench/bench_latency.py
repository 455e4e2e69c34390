"""Interaction latency: pace key press -> chart marks change, our app against the floor,
directly and over a slow network.

    .venv/bin/python bench/bench_latency.py              # 40 measured presses per app and network
    .venv/bin/python bench/bench_latency.py --quick      # 10 presses, a smoke run
    .venv/bin/python bench/bench_latency.py --delay-ms 0 # directly only

Both servers run at once. Each app gets two Chromium pages: one straight to its server, one
through a loopback proxy (``delay_proxy.py``) that adds ``--delay-ms`` (100 ms) each way, a
hosted reader's round trip of 200 ms. Presses alternate ArrowRight and ArrowLeft and are
interleaved press by press between the four pages (the order rotates). The time is taken
inside the page (``bench_page.js``, installed by ``browser.py``). Our chart follows the pace control in the
browser, so the network should not show in our times; the floor's chart waits for a rerun.
It also decodes the websocket frames of each press (what one move sends) and reads the
servers' CPU time per press. See bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*
import contextlib
import itertools
import re

from playwright.sync_api import Browser, Page

from bench.browser import BENCH_JS, VIEWPORT, WsLog, open_app, press_and_time, run_browser_module
from bench.delay_proxy import DelayProxy
from bench.report import Row, fmt_ms, fmt_ratio, log, median, percentile, ratio
from bench.servers import APPS, FLOOR, OURS, Server

GOAL_RATIO = 0.5  # our median <= 0.5 x the floor's
GOAL_FRAME_MS = 16.0  # and within one frame at 60 Hz
GOAL_NETWORK_MS = 5.0  # the added round trip changes our median by at most this


def phase_latency(browser: Browser, logdir: Path, presses: int, warmup: int, delay_ms: float) -> dict[str, Any]:
    networks = ("direct", "slow") if delay_ms > 0 else ("direct",)
    log(
        f"latency: {presses} measured presses per app and network ({', '.join(networks)}; "
        f"slow = +{delay_ms:.0f} ms each way), +{warmup} warm-up, interleaved press by press"
    )
    out: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        s_ours = stack.enter_context(Server(OURS, logdir))
        s_floor = stack.enter_context(Server(FLOOR, logdir))
        servers = {OURS.key: s_ours, FLOOR.key: s_floor}
        for s in servers.values():
            s.wait_healthy()
        variants = [(app, net) for net in networks for app in APPS]
        pages: dict[tuple[str, str], Page] = {}
        ws: dict[tuple[str, str], WsLog] = {}
        marks: dict[tuple[str, str], list[int]] = {(a.key, n): [] for a, n in variants}
        for app, net in variants:
            url = servers[app.key].url
            if net == "slow":
                url = stack.enter_context(DelayProxy(servers[app.key].port, delay_ms)).url
            ctx = browser.new_context(viewport=VIEWPORT)
            ctx.add_init_script(BENCH_JS)
            page = ctx.new_page()
            ws[app.key, net] = WsLog()
            ws[app.key, net].attach(page)
            open_app(page, url, app)
            pages[app.key, net] = page
        samples: dict[tuple[str, str], list[dict[str, Any]]] = {(a.key, n): [] for a, n in variants}
        cpu0: dict[str, float] = {}
        for i in range(warmup + presses):
            if i == warmup:
                cpu0 = {k: s.cpu_s() for k, s in servers.items()}
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            # rotate which page goes first, so none always follows another
            order = variants[i % len(variants) :] + variants[: i % len(variants)]
            for app, net in order:
                marks[app.key, net].append(len(ws[app.key, net].frames))
                r = press_and_time(pages[app.key, net], app, key, 10_000)
                r["warmup"] = i < warmup
                samples[app.key, net].append(r)
        cpu = {k: (s.cpu_s() - cpu0[k]) * 1000 / (presses * len(networks)) for k, s in servers.items()}
        for app, net in variants:
            measured = [r for r in samples[app.key, net] if not r["warmup"]]
            ms = [r["ms"] for r in measured if r["ms"] is not None]
            marks[app.key, net].append(len(ws[app.key, net].frames))
            out[f"{app.key}/{net}"] = {
                "n": len(ms),
                "timeouts": sum(1 for r in measured if r["timedOut"]),
                "median_ms": median(ms),
                "p95_ms": percentile(ms, 95),
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
                "diagnostics": diagnose(ws[app.key, net].frames, marks[app.key, net][warmup:]),
            }
            pages[app.key, net].context.close()
    for name, d in out.items():
        log(f"  {name:12s} median {fmt_ms(d['median_ms'])}  p95 {fmt_ms(d['p95_ms'])}  n={d['n']}")
    out["delay_ms"] = delay_ms
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
    lo, lf = lat["ours/direct"], lat["floor/direct"]
    r = ratio(lo["median_ms"], lf["median_ms"])
    out = [
        Row(
            f"key->chart median (n={lo['n']}/{lf['n']})",
            fmt_ms(lo["median_ms"]),
            fmt_ms(lf["median_ms"]),
            fmt_ratio(r),
            f"<= {GOAL_FRAME_MS:.0f} ms, <= {GOAL_RATIO} x floor",
            r is not None
            and lo["median_ms"] is not None
            and lo["median_ms"] <= GOAL_FRAME_MS
            and r <= GOAL_RATIO
            and lo["timeouts"] == 0,
        ),
        Row(
            "key->chart p95",
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
    if "ours/slow" in lat:
        so, sf = lat["ours/slow"], lat["floor/slow"]
        trip = 2 * lat["delay_ms"]
        grow_ours = None if so["median_ms"] is None or lo["median_ms"] is None else so["median_ms"] - lo["median_ms"]
        grow_floor = None if sf["median_ms"] is None or lf["median_ms"] is None else sf["median_ms"] - lf["median_ms"]
        out += [
            Row(
                f"key->chart median, +{trip:.0f} ms round trip",
                fmt_ms(so["median_ms"]),
                fmt_ms(sf["median_ms"]),
                fmt_ratio(ratio(so["median_ms"], sf["median_ms"])),
            ),
            Row(
                "  change from the added round trip",
                fmt_ms(grow_ours),
                fmt_ms(grow_floor),
                "",
                f"ours <= {GOAL_NETWORK_MS:.0f} ms; floor ~ +{trip:.0f} ms",
                grow_ours is not None
                and grow_floor is not None
                and abs(grow_ours) <= GOAL_NETWORK_MS
                and grow_floor >= 0.8 * trip
                and so["timeouts"] == 0,
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
    lines = ["What one key press sends (median per press, from the websocket; ours sends only when the words follow):"]
    for key in ("ours", "floor"):
        d = lat[f"{key}/direct"]["diagnostics"]
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
    ap.add_argument("--delay-ms", type=float, default=100.0, help="added delay each way on the slow network (0: none)")
    args = ap.parse_args(argv)
    presses = args.presses or (10 if args.quick else 40)
    return run_browser_module(
        "bench_latency",
        "interaction latency",
        {"presses": presses, "quick": args.quick, "goal_ratio": GOAL_RATIO, "delay_ms": args.delay_ms},
        lambda browser, logdir: phase_latency(browser, logdir, presses, warmup=4, delay_ms=args.delay_ms),
        rows,
        extra=sends,
    )


if __name__ == "__main__":
    raise SystemExit(main())
