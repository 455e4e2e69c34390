"""Benchmark: the app (app.py) against a bare floor app (bench/floor_app.py), in one run.

Run from the repository root:

    .venv/bin/python bench/bench_app.py            # full run, about 6-9 minutes on 2 cores
    .venv/bin/python bench/bench_app.py --quick    # smoke run, about 2 minutes

It measures, for both apps, interleaved where it matters so machine drift cancels out:

1. interaction latency: slider key press -> chart marks change, timed inside the page;
2. cold start: `streamlit run` launch -> chart visible in a fresh browser context;
3. server memory per extra session: (RSS with 10 tabs - RSS with 1 tab) / 9;
4. load: 30 concurrent browser sessions, 10 slider moves each; errors and p95 latency.

It prints a table with our/floor ratios and the goals, and writes every sample to
bench/results/latest.json. It asserts nothing: it reports. See bench/README.md.

Only Playwright (sync API, plus the async API for the load phase) and the Debian Chromium at
/usr/bin/chromium are needed; `playwright install` is never needed. All traffic is to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import async_playwright
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "latest.json"
PYTHON = sys.executable
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
HOST = "127.0.0.1"

READY = "[data-testid=stApp][data-test-connection-state=CONNECTED][data-test-script-state=notRunning]"
CHART = "[data-testid=stVegaLiteChart]"
CHART_MARK = f"{CHART} svg .role-mark > *"  # one drawn data mark: the chart has really rendered
EXCEPTION = "[data-testid=stException]"

GOALS = {
    "latency_ratio": 1.2,  # our median <= 1.2 x floor median
    "cold_ratio": 1.3,  # our median <= 1.3 x floor median
    "mem_per_session_mib": 2.0,  # ours
    "load_errors": 0,
    "load_p95_ms": 1000.0,
}


@dataclass(frozen=True)
class App:
    key: str  # "ours" or "floor"
    script: str  # relative to ROOT
    slider: str  # the slider's accessible name


OURS = App("ours", "app.py", "Weekly pace (lb a week)")
FLOOR = App("floor", "bench/floor_app.py", "Pace (lb a week)")
APPS = (OURS, FLOOR)

# In-page helper, installed with add_init_script into every page.
# * arm(slider): disconnects the previous observer (re-arming without that gave fake 3 ms
#   times), records the chart's mark signature, focuses the slider without scrolling, and
#   listens for the next keydown (capture phase) to start the clock.
# * wait(timeout): resolves when a MutationObserver sees the chart's mark signature differ
#   from the armed one (path d / transform / aria-label of the data marks), with the
#   elapsed performance.now() time and whether the whole <svg> was replaced (a re-embed).
# * quiet(ms, timeout): resolves once the app says notRunning and the page has had no DOM
#   mutation for `ms` ms, so one press never overlaps the tail of the previous rerun.
# * disconnects: how often stApp left CONNECTED after it had first connected.
BENCH_JS = r"""
(() => {
  if (window.__bench) return;
  const CHART = '[data-testid=stVegaLiteChart]';
  const B = { disconnects: 0, connectedOnce: false, obs: null, cur: null, msgs: [] };
  window.__bench = B;
  // Note when each websocket message arrives (and its size), to split a press's time into
  // "until the chart's delta arrived" (server) and "after it arrived" (browser).
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        B.msgs.push([performance.now(), (d && (d.byteLength ?? d.size ?? d.length)) || 0]);
        if (B.msgs.length > 4000) B.msgs.splice(0, 2000);
      });
    }
  };
  function chartSvg() { const c = document.querySelector(CHART); return c ? c.querySelector('svg') : null; }
  function sig() {
    const svg = chartSvg(); if (!svg) return null;
    let s = '';
    for (const el of svg.querySelectorAll('.role-mark > *')) {
      s += (el.getAttribute('d') || '') + '|' + (el.getAttribute('transform') || '') + '|'
        + (el.getAttribute('aria-label') || '') + ';';
    }
    return s;
  }
  B.sig = sig;
  B.arm = (slider) => {
    if (B.obs) { B.obs.disconnect(); B.obs = null; }
    if (B.cur) { document.removeEventListener('keydown', B.cur.onKey, true); clearTimeout(B.cur.timer); }
    if (slider && document.activeElement !== slider) slider.focus({ preventScroll: true });
    const cur = { t0: null, t1: null, base: sig(), svg: chartSvg(), done: false, callbacks: 0 };
    cur.promise = new Promise((res) => { cur.resolve = res; });
    cur.onKey = () => { if (cur.t0 === null) cur.t0 = performance.now(); };
    document.addEventListener('keydown', cur.onKey, true);
    const finish = (timedOut) => {
      if (cur.done) return;
      cur.done = true;
      if (B.obs) { B.obs.disconnect(); B.obs = null; }
      document.removeEventListener('keydown', cur.onKey, true);
      clearTimeout(cur.timer);
      // messages between keydown and the chart change; the largest one carries the chart
      let first = null, big = null, n = 0;
      if (!timedOut && cur.t0 !== null) {
        for (const [t, size] of B.msgs) {
          if (t < cur.t0 || t > cur.t1) continue;
          n++;
          if (first === null) first = t;
          if (big === null || size >= big[1]) big = [t, size];
        }
      }
      cur.resolve({
        ms: (!timedOut && cur.t0 !== null) ? cur.t1 - cur.t0 : null,
        firstMsgMs: first === null ? null : first - cur.t0,
        chartMsgMs: big === null ? null : big[0] - cur.t0,
        afterChartMsgMs: big === null ? null : cur.t1 - big[0],
        msgsBeforeChange: n,
        timedOut: timedOut, sawKey: cur.t0 !== null,
        svgReplaced: !timedOut && chartSvg() !== cur.svg, callbacks: cur.callbacks,
        value: slider ? slider.getAttribute('aria-valuetext') : null,
      });
    };
    cur.finish = finish;
    const obs = new MutationObserver(() => {
      if (cur.done || cur.t0 === null) return;
      cur.callbacks++;
      const now = sig();
      if (now !== null && now !== cur.base) { cur.t1 = performance.now(); finish(false); }
    });
    const root = document.querySelector('[data-testid=stMain]') || document.body;
    obs.observe(root, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['d', 'transform', 'aria-label'],
    });
    B.obs = obs;
    B.cur = cur;
    return cur.base !== null && document.activeElement === slider;
  };
  B.wait = (timeoutMs) => {
    const cur = B.cur;
    if (!cur) return Promise.resolve({ ms: null, timedOut: true, sawKey: false, svgReplaced: false, callbacks: 0 });
    cur.timer = setTimeout(() => cur.finish(true), timeoutMs);
    return cur.promise;
  };
  B.quiet = (ms, timeoutMs) => new Promise((resolve) => {
    let last = performance.now();
    const start = last;
    const o = new MutationObserver(() => { last = performance.now(); });
    o.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const tick = () => {
      const app = document.querySelector('[data-testid=stApp]');
      const idle = app && app.getAttribute('data-test-script-state') === 'notRunning'
        && app.getAttribute('data-test-connection-state') === 'CONNECTED';
      const now = performance.now();
      if (idle && now - last >= ms) { o.disconnect(); resolve(true); }
      else if (now - start > timeoutMs) { o.disconnect(); resolve(false); }
      else setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
  });
  const watch = () => {
    new MutationObserver((records) => {
      for (const r of records) {
        const v = r.target.getAttribute('data-test-connection-state');
        if (v === 'CONNECTED') B.connectedOnce = true;
        else if (B.connectedOnce) B.disconnects++;
      }
    }).observe(document.documentElement, {
      subtree: true, attributes: true, attributeFilter: ['data-test-connection-state'],
    });
  };
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
})();
"""


# --- small helpers ---------------------------------------------------------------------------


def pct(values: Sequence[float], q: float) -> float | None:
    """Percentile with linear interpolation (q in 0..100); None for no data."""
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float | None:
    data = [v for v in values if v is not None]
    return statistics.median(data) if data else None


def ratio(ours: float | None, floor: float | None) -> float | None:
    if ours is None or floor is None or floor == 0:
        return None
    return ours / floor


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Server:
    """One `streamlit run` process on a free port; always stop() it (used as a context manager)."""

    def __init__(self, app: App, logdir: Path) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.log_path = logdir / f"{app.key}-{self.port}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.t_launch = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "streamlit",
                "run",
                str(ROOT / app.script),
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                HOST,
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 60.0) -> float:
        """Poll /_stcore/health until it answers "ok"; returns seconds since launch."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return time.perf_counter() - self.t_launch
            except OSError:
                pass
            if self.proc.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"{self.app.script} did not start; see {self.log_path}")
            time.sleep(0.02)  # polling interval for the health endpoint (a state poll, not a settle)

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far (10 ms resolution)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


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


# --- phase 1: interaction latency ----------------------------------------------------------


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
    slider = page.get_by_role("slider", name=app.slider)
    armed = slider.evaluate("el => window.__bench.arm(el)")
    page.keyboard.press(key)
    result: dict[str, Any] = page.evaluate("t => window.__bench.wait(t)", timeout_ms)
    result["armed"] = armed
    result["key"] = key
    # Let the rerun finish and the page go quiet (state-based) before the next press.
    result["settled"] = page.evaluate("() => window.__bench.quiet(100, 10000)")
    return result


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


# --- phase 2: cold start ---------------------------------------------------------------------


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


# --- phase 3: memory per session -------------------------------------------------------------


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


# --- phase 4: load (async API, one Chromium, many pages) ------------------------------------


@dataclass
class _Gate:
    """Sessions open a few at a time; the moves start together once every session is open."""

    total: int
    booting: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(4))
    go: asyncio.Event = field(default_factory=asyncio.Event)
    done: int = 0
    t_open: float = 0.0

    def opened(self) -> None:
        self.done += 1
        if self.done >= self.total:
            self.t_open = time.perf_counter()
            self.go.set()


async def _load_session(ctx: Any, url: str, app: App, moves: int, gate: _Gate, timeout_ms: int) -> dict[str, Any]:
    res: dict[str, Any] = {
        "latencies_ms": [],
        "to_chart_msg_ms": [],
        "after_chart_msg_ms": [],
        "timeouts": 0,
        "exceptions": 0,
        "disconnects": 0,
        "open_failed": False,
        "crashed": False,
        "not_settled": 0,
        "error": None,
    }
    page = await ctx.new_page()
    page.on("crash", lambda _p: res.__setitem__("crashed", True))
    try:
        async with gate.booting:  # limit how many pages boot at once; sessions stay open afterwards
            try:
                await page.goto(url, timeout=90_000)
                await page.locator(READY).wait_for(state="attached", timeout=90_000)
                await page.locator(CHART_MARK).first.wait_for(state="attached", timeout=90_000)
                slider = page.get_by_role("slider", name=app.slider)
                await slider.focus()
                await page.locator(CHART).evaluate("el => el.scrollIntoView({block: 'center'})")
            except Exception as exc:  # counted as an error
                res["open_failed"] = True
                res["error"] = f"open: {exc!s:.200}"
                return res
            finally:
                gate.opened()
        await gate.go.wait()
        for i in range(moves):
            await slider.evaluate("el => window.__bench.arm(el)")
            await page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            r = await page.evaluate("t => window.__bench.wait(t)", timeout_ms)
            if r["timedOut"]:
                res["timeouts"] += 1
            else:
                res["latencies_ms"].append(r["ms"])
                if r.get("chartMsgMs") is not None:
                    res["to_chart_msg_ms"].append(r["chartMsgMs"])
                    res["after_chart_msg_ms"].append(r["afterChartMsgMs"])
            if not await page.evaluate("t => window.__bench.quiet(50, t)", timeout_ms):
                res["not_settled"] += 1
        res["exceptions"] = await page.locator(EXCEPTION).count()
        res["disconnects"] = await page.evaluate("() => window.__bench.disconnects")
    except Exception as exc:  # a crashed or closed page is an error, not a bench crash
        res["error"] = f"{exc!s:.200}"
    return res


async def _load_one(
    app: App, server: Server, sessions: int, moves: int, contexts: int, move_timeout_ms: int
) -> dict[str, Any]:
    url = server.url
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            ctxs = []
            for _ in range(contexts):
                ctx = await browser.new_context(viewport=VIEWPORT)
                await ctx.add_init_script(BENCH_JS)
                ctxs.append(ctx)
            gate = _Gate(sessions)
            tasks = [
                asyncio.create_task(_load_session(ctxs[i % contexts], url, app, moves, gate, move_timeout_ms))
                for i in range(sessions)
            ]
            t0 = time.perf_counter()
            await asyncio.wait_for(gate.go.wait(), 300)
            t_open = gate.t_open - t0
            t1 = time.perf_counter()
            cpu0 = server.cpu_s()
            results = await asyncio.wait_for(asyncio.gather(*tasks), 300)
            t_moves = time.perf_counter() - t1
            cpu_moves = server.cpu_s() - cpu0
        finally:
            await browser.close()
    lat = [x for r in results for x in r["latencies_ms"]]
    errors = {
        "timeouts": sum(r["timeouts"] for r in results),
        "exceptions": sum(r["exceptions"] for r in results),
        "disconnects": sum(r["disconnects"] for r in results),
        "open_failed": sum(1 for r in results if r["open_failed"]),
        "crashed": sum(1 for r in results if r["crashed"]),
        "other": sum(1 for r in results if r["error"] and not r["open_failed"]),
    }
    return {
        "sessions": sessions,
        "moves_per_session": moves,
        "moves_ok": len(lat),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "median_ms": median(lat),
        "p95_ms": pct(lat, 95),
        "max_ms": max(lat) if lat else None,
        "not_settled": sum(r["not_settled"] for r in results),
        "to_chart_msg_median_ms": median([x for r in results for x in r["to_chart_msg_ms"]]),
        "after_chart_msg_median_ms": median([x for r in results for x in r["after_chart_msg_ms"]]),
        "open_all_s": t_open,
        "server_cpu_s_moves": cpu_moves,
        "server_cpu_ms_per_move": cpu_moves * 1000 / max(1, sessions * moves),
        "server_cpu_share_during_moves": cpu_moves / t_moves if t_moves else None,
        "moves_wall_s": t_moves,
        "error_messages": [r["error"] for r in results if r["error"]][:5],
        "samples_ms": lat,
    }


def phase_load(logdir: Path, sessions: int, moves: int, move_timeout_ms: int) -> dict[str, Any]:
    log(f"load: {sessions} concurrent sessions x {moves} slider moves, one Chromium, per app")
    out = {}
    for app in (FLOOR, OURS):
        with Server(app, logdir) as server:
            server.wait_healthy()
            contexts = max(1, min(3, sessions // 10))
            res = asyncio.run(_load_one(app, server, sessions, moves, contexts, move_timeout_ms))
            res["server_rss_mib"] = server.rss_mib()
        out[app.key] = res
        log(
            f"  {app.key:5s} errors {res['errors']} {res['error_kinds']}  p95 {fmt_ms(res['p95_ms'])}  "
            f"median {fmt_ms(res['median_ms'])}  ({res['moves_ok']} moves ok, opened in {res['open_all_s']:.1f} s)"
        )
    return out


# --- report ----------------------------------------------------------------------------------


def fmt_ms(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.0f} ms"


def machine_info(chromium_version: str) -> dict[str, Any]:
    def read(path: str) -> str:
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    model = next(
        (ln.split(":", 1)[1].strip() for ln in read("/proc/cpuinfo").splitlines() if ln.startswith("model name")),
        platform.processor() or "?",
    )
    mem_kb = next((int(ln.split()[1]) for ln in read("/proc/meminfo").splitlines() if ln.startswith("MemTotal:")), 0)

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    import altair
    import streamlit

    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "chromium": chromium_version,
        "streamlit": streamlit.__version__,
        "altair": altair.__version__,
        "loadavg_start": os.getloadavg(),
    }


def row(name: str, ours: str, floor: str, r: str, goal: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("PASS" if ok else "FAIL")
    return f"{name:<34} {ours:>11} {floor:>11} {r:>7}  {goal:<24} {verdict}"


def report(res: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    m = res["machine"]
    lines = [
        "",
        f"Runner's Face benchmark  {m['date']}  commit {m['git_commit']}"
        + (" (+uncommitted changes)" if m["git_dirty"] else ""),
        f"Machine: {m['cpu_count']} CPU ({m['cpu_model']}), {m['ram_gib']} GiB RAM, Python {m['python']}, "
        f"{m['chromium']}, streamlit {m['streamlit']}, altair {m['altair']}",
        f"Load average at start {m['loadavg_start'][0]:.2f}, at end {m.get('loadavg_end', (0,))[0]:.2f}",
    ]
    if max(m["loadavg_start"][0], m.get("loadavg_end", (0,))[0]) > (m["cpu_count"] or 1):
        lines.append(
            "Note: the machine was busy (load average above the CPU count), so absolute times are inflated; "
            "trust the ratios of the interleaved phases (latency, cold start) more than absolute numbers."
        )
    lines += [
        "",
        row("metric", "ours", "floor", "ratio", "goal", None),
        "-" * 100,
    ]
    verdicts: dict[str, Any] = {}

    def rfmt(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.2f}"

    if "latency" in res:
        lo, lf = res["latency"]["ours"], res["latency"]["floor"]
        r = ratio(lo["median_ms"], lf["median_ms"])
        ok = r is not None and r <= GOALS["latency_ratio"] and lo["timeouts"] == 0
        verdicts["latency_median"] = ok
        lines.append(
            row(
                f"slider->chart median (n={lo['n']}/{lf['n']})",
                fmt_ms(lo["median_ms"]),
                fmt_ms(lf["median_ms"]),
                rfmt(r),
                f"<= {GOALS['latency_ratio']} x floor",
                ok,
            )
        )
        lines.append(
            row(
                "slider->chart p95",
                fmt_ms(lo["p95_ms"]),
                fmt_ms(lf["p95_ms"]),
                rfmt(ratio(lo["p95_ms"], lf["p95_ms"])),
                "(info)",
                None,
            )
        )
        lines.append(
            row(
                "  timeouts / svg re-embeds",
                f"{lo['timeouts']} / {lo['svg_replaced']}",
                f"{lf['timeouts']} / {lf['svg_replaced']}",
                "",
                "(info)",
                None,
            )
        )
        for label, key in (
            ("  of which: key -> chart delta arrives", "chart_msg_median_ms"),
            ("  of which: chart delta -> marks", "after_chart_msg_median_ms"),
        ):
            lines.append(
                row(label, fmt_ms(lo[key]), fmt_ms(lf[key]), rfmt(ratio(lo[key], lf[key])), "(info, medians)", None)
            )
        key = "server_cpu_ms_per_move"
        lines.append(
            row(
                "  server CPU per move", fmt_ms(lo[key]), fmt_ms(lf[key]), rfmt(ratio(lo[key], lf[key])), "(info)", None
            )
        )
    if "cold" in res:
        co, cf = res["cold"]["ours"], res["cold"]["floor"]
        r = ratio(co["median_s"], cf["median_s"])
        ok = r is not None and r <= GOALS["cold_ratio"]
        verdicts["cold_start"] = ok
        lines.append(
            row(
                f"cold start to chart median (n={co['n']})",
                f"{co['median_s']:.2f} s",
                f"{cf['median_s']:.2f} s",
                rfmt(r),
                f"<= {GOALS['cold_ratio']} x floor",
                ok,
            )
        )
        lines.append(
            row(
                "  server health ok, median",
                f"{co['health_median_s']:.2f} s",
                f"{cf['health_median_s']:.2f} s",
                rfmt(ratio(co["health_median_s"], cf["health_median_s"])),
                "(info)",
                None,
            )
        )
    if "memory" in res:
        mo, mf = res["memory"]["ours"], res["memory"]["floor"]
        ok = mo["per_session_mib"] <= GOALS["mem_per_session_mib"]
        verdicts["memory_per_session"] = ok
        lines.append(
            row(
                f"RSS per extra session ({mo['tabs']} vs 1)",
                f"{mo['per_session_mib']:.2f} MiB",
                f"{mf['per_session_mib']:.2f} MiB",
                "",
                f"<= {GOALS['mem_per_session_mib']} MiB (ours)",
                ok,
            )
        )
        lines.append(
            row(
                "  RSS with 1 session",
                f"{mo['rss1_mib']:.0f} MiB",
                f"{mf['rss1_mib']:.0f} MiB",
                rfmt(ratio(mo["rss1_mib"], mf["rss1_mib"])),
                "(info)",
                None,
            )
        )
    if "load" in res:
        ho, hf = res["load"]["ours"], res["load"]["floor"]
        label = f"{ho['sessions']} sessions x {ho['moves_per_session']} moves"
        ok_e = ho["errors"] == GOALS["load_errors"]
        ok_p = ho["p95_ms"] is not None and ho["p95_ms"] <= GOALS["load_p95_ms"]
        verdicts["load_errors"] = ok_e
        verdicts["load_p95"] = ok_p
        lines.append(row(f"load errors ({label})", str(ho["errors"]), str(hf["errors"]), "", "0", ok_e))
        lines.append(
            row(
                "load slider->chart p95",
                fmt_ms(ho["p95_ms"]),
                fmt_ms(hf["p95_ms"]),
                rfmt(ratio(ho["p95_ms"], hf["p95_ms"])),
                f"<= {GOALS['load_p95_ms']:.0f} ms (ours)",
                ok_p,
            )
        )
        lines.append(
            row(
                "load slider->chart median",
                fmt_ms(ho["median_ms"]),
                fmt_ms(hf["median_ms"]),
                rfmt(ratio(ho["median_ms"], hf["median_ms"])),
                "(info)",
                None,
            )
        )
        for label, key in (
            ("  of which: key -> chart delta arrives", "to_chart_msg_median_ms"),
            ("  of which: chart delta -> marks", "after_chart_msg_median_ms"),
            ("  server CPU per move", "server_cpu_ms_per_move"),
        ):
            lines.append(row(label, fmt_ms(ho[key]), fmt_ms(hf[key]), rfmt(ratio(ho[key], hf[key])), "(info)", None))
        lines.append(
            row(
                "  server CPU busy during moves",
                f"{ho['server_cpu_share_during_moves']:.0%}",
                f"{hf['server_cpu_share_during_moves']:.0%}",
                "",
                "(info, of one core)",
                None,
            )
        )
    lines.append("-" * 100)
    if "latency" in res:
        lines.append("What one slider move sends (median per move, from the websocket during the latency phase):")
        for key in ("ours", "floor"):
            d = res["latency"][key]["diagnostics"]
            lines.append(
                f"  {key:5s} {d['deltas_per_move']:.0f} deltas, {d['bytes_per_move'] / 1024:.1f} KiB "
                f"(chart {d['chart_bytes_per_move'] / 1024:.1f} KiB, "
                f"of it data {d['chart_data_bytes_per_move'] / 1024:.1f} KiB), "
                f"fragment reruns {d['fragment_reruns']}/{d['moves']}, distinct chart specs {d['distinct_chart_specs']}"
            )
    failed = [k for k, v in verdicts.items() if not v]
    lines.append(
        f"Goals: {len(verdicts) - len(failed)}/{len(verdicts)} met"
        + (f"; not met: {', '.join(failed)}" if failed else "")
    )
    lines.append(f"JSON: {RESULTS.relative_to(ROOT)}")
    return "\n".join(lines), verdicts


def timed(res: dict[str, Any], name: str, fn: Any) -> Any:
    """Run one phase; keep its wall time and the load average before and after it in the results."""
    t0, load0 = time.perf_counter(), os.getloadavg()[0]
    out = fn()
    res.setdefault("phases", {})[name] = {
        "wall_s": round(time.perf_counter() - t0, 1),
        "loadavg_before": load0,
        "loadavg_after": os.getloadavg()[0],
    }
    return out


# --- main ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="short smoke run (fewer presses, trials and sessions)")
    ap.add_argument("--presses", type=int, help="measured slider presses per app (default 40, quick 10)")
    ap.add_argument("--cold", type=int, help="cold starts per app (default 3, quick 1)")
    ap.add_argument("--tabs", type=int, help="tabs for the memory phase (default 10, quick 4)")
    ap.add_argument("--sessions", type=int, help="concurrent sessions in the load phase (default 30, quick 6)")
    ap.add_argument("--moves", type=int, help="slider moves per load session (default 10, quick 3)")
    ap.add_argument("--move-timeout", type=float, default=15.0, help="seconds a load-phase move may take (default 15)")
    ap.add_argument("--only", default="latency,cold,memory,load", help="comma list of phases to run")
    args = ap.parse_args(argv)
    presses = args.presses or (10 if args.quick else 40)
    cold = args.cold or (1 if args.quick else 3)
    tabs = args.tabs or (4 if args.quick else 10)
    sessions = args.sessions or (6 if args.quick else 30)
    moves = args.moves or (3 if args.quick else 10)
    phases = [p.strip() for p in args.only.split(",") if p.strip()]
    if tabs < 2:
        ap.error("--tabs must be at least 2")

    os.chdir(ROOT)
    logdir = Path(tempfile.mkdtemp(prefix="bench-app-"))
    t_start = time.perf_counter()
    res: dict[str, Any] = {
        "config": {
            "presses": presses,
            "cold": cold,
            "tabs": tabs,
            "sessions": sessions,
            "moves": moves,
            "phases": phases,
            "quick": args.quick,
            "goals": GOALS,
        }
    }
    log(f"server logs in {logdir}")
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            res["machine"] = machine_info(f"Chromium {browser.version}")
            log(f"commit {res['machine']['git_commit']}, {res['machine']['cpu_count']} CPU, Chromium {browser.version}")
            if "latency" in phases:
                res["latency"] = timed(res, "latency", lambda: phase_latency(browser, logdir, presses, warmup=4))
            if "cold" in phases:
                res["cold"] = timed(res, "cold", lambda: phase_cold(browser, logdir, cold))
            if "memory" in phases:
                res["memory"] = timed(res, "memory", lambda: phase_memory(browser, logdir, tabs))
        finally:
            browser.close()
    if "load" in phases:
        res["load"] = timed(res, "load", lambda: phase_load(logdir, sessions, moves, int(args.move_timeout * 1000)))
    res["machine"]["loadavg_end"] = os.getloadavg()
    res["wall_s"] = time.perf_counter() - t_start
    text, verdicts = report(res)
    res["verdicts"] = verdicts
    print(text)
    print(f"Total wall time {res['wall_s']:.0f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
