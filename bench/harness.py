"""The benchmarks' shared harness: servers, browsers, the in-page timer, the report and results.

Every measurement module (``bench_latency``, ``bench_cold_start``, ``bench_memory``,
``bench_load``, ``bench_elements``) uses this one place to:

* start servers: :class:`Server` (one ``streamlit run`` of our app or the floor, for browser
  measurements) and :func:`start_target` (the floor, our app on one replica, or our app on N
  replicas behind nginx, through ``deploy/serve.py``'s :class:`~deploy.serve.Cluster`);
* drive Debian's Chromium (:func:`launch`, :func:`open_app`, the in-page helper ``BENCH_JS``
  and :func:`press_and_time`);
* report: every module prints one table of :class:`Row` (what, ours, floor, ratio, goal,
  met?) under the same machine header, and writes its samples to
  ``bench/results/<module>.json`` (git-ignored).

Modules report; they assert nothing. All traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.serve import Cluster, Settings  # noqa: E402  (after the path line above)

RESULTS_DIR = ROOT / "bench" / "results"
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


# --- one timed slider press in the browser -----------------------------------------------------


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


# --- targets for protocol load: the floor, our app on 1 replica, our app on N behind nginx ---


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    script: str
    replicas: int
    proxy: bool


TARGETS = {
    "floor": Target("floor", "floor app, 1 process", FLOOR.script, 1, False),
    "ours1": Target("ours1", "our app, 1 replica", OURS.script, 1, False),
    "ours1-nginx": Target("ours1-nginx", "our app, 1 replica behind nginx", OURS.script, 1, True),
    "ours2": Target("ours2", "our app, 2 replicas behind nginx", OURS.script, 2, True),
}


def start_target(target: Target, logdir: Path) -> Cluster:
    """Start a target with the launcher (same Streamlit options for all; no per-client limit,
    since every load session comes from 127.0.0.1). Stop it with ``.stop()``."""
    settings = Settings(
        replicas=target.replicas,
        port=free_port(),
        replica_ports=tuple(free_port() for _ in range(target.replicas)),
        script=ROOT / target.script,
        proxy=target.proxy,
        max_conns_per_client=0,
        run_dir=logdir / f"{target.key}-{int(time.time() * 1000)}",
    )
    return Cluster(settings, on_event=log).start()


# --- report ------------------------------------------------------------------------------------


def fmt_ms(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.0f} ms"


def fmt_ratio(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


@dataclass
class Row:
    """One line of every report: what was measured, ours, the floor, ours/floor, the goal, met?"""

    what: str
    ours: str
    floor: str = ""
    ratio: str = ""
    goal: str = "(info)"
    met: bool | None = None
    note: str = ""
    """Why a goal was not judged, or what to keep in mind (printed after the verdict)."""

    def text(self) -> str:
        verdict = "" if self.met is None else ("yes" if self.met else "NO")
        if self.met is None and self.goal != "(info)":
            verdict = "not judged"
        line = f"{self.what:<46} {self.ours:>12} {self.floor:>12} {self.ratio:>7}  {self.goal:<26} {verdict}"
        return f"{line}  ({self.note})" if self.note else line


def machine_info(chromium_version: str = "") -> dict[str, Any]:
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


def report(title: str, rows: Sequence[Row], machine: dict[str, Any]) -> str:
    """The common table, under a header naming the machine, commit and load."""
    m = machine
    end = m.get("loadavg_end", os.getloadavg())
    lines = [
        "",
        f"{title}  {m['date']}  commit {m['git_commit']}" + (" (+uncommitted changes)" if m["git_dirty"] else ""),
        f"Machine: {m['cpu_count']} CPU ({m['cpu_model']}), {m['ram_gib']} GiB RAM, Python {m['python']}, "
        + (f"{m['chromium']}, " if m.get("chromium") else "")
        + f"streamlit {m['streamlit']}, altair {m['altair']}",
        f"Load average at start {m['loadavg_start'][0]:.2f}, at end {end[0]:.2f}",
    ]
    if max(m["loadavg_start"][0], end[0]) > (m["cpu_count"] or 1):
        lines.append(
            "Note: the machine was busy (load average above the CPU count): absolute numbers are inflated; "
            "trust ratios measured in the same run more."
        )
    header = f"{'what':<46} {'ours':>12} {'floor':>12} {'ratio':>7}  {'goal':<26} met?"
    lines += ["", header, "-" * 112]
    lines += [row.text() for row in rows]
    lines.append("-" * 112)
    judged = [r for r in rows if r.met is not None]
    missed = [r.what.strip() for r in judged if not r.met]
    unjudged = sum(1 for r in rows if r.met is None and r.goal != "(info)")
    lines.append(
        f"Goals: {len(judged) - len(missed)}/{len(judged)} met"
        + (f"; not met: {'; '.join(missed)}" if missed else "")
        + (f"; {unjudged} not judged (see the notes)" if unjudged else "")
    )
    return "\n".join(lines)


def write_results(module: str, results: dict[str, Any]) -> Path:
    """Write a module's results (config, machine, every sample) to bench/results/<module>.json."""
    path = RESULTS_DIR / f"{module}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, default=_json_default))
    return path


def _json_default(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return str(value)


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
    res["machine"]["loadavg_end"] = os.getloadavg()
    print(report(f"Runner's Face benchmark: {title}", rows(res[phase]), res["machine"]))
    if extra is not None:
        print("\n".join(extra(res[phase])))
    print(f"JSON: {write_results(module, res)}")
    return 0
