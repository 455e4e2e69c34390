"""What a page open costs the server: Streamlit's web files from nginx or from Python, and
server options (uvloop + httptools, the file watcher), each against a baseline in the same run.

    .venv/bin/python bench/bench_open.py                          # both parts (about 10 minutes)
    .venv/bin/python bench/bench_open.py --part files --opens 12  # cold browser opens only
    .venv/bin/python bench/bench_open.py --part options --with-site DIR
    .venv/bin/python bench/bench_open.py --quick                  # a smoke run

* ``files``: a cold Chromium (a new context, empty cache) opens the link, until the first run
  has finished and the chart is drawn, on two targets in turn (ABBA): our app on one replica
  behind nginx, which serves Streamlit's web files itself (``deploy/serve.py``), and the same
  app straight from its ``streamlit run`` process, which serves everything (what nginx
  proxying every path costs the replica). Per open: the replica's CPU (user + system, from
  psutil, read once the process is idle again), nginx's CPU (master and workers), HTTP
  requests and bytes on the wire (headers and bodies as sent, gzipped or not; from Chromium),
  the websocket's bytes, and the requests that reached the replica (nginx's log).
* ``options``: protocol opens (``loadgen/protocol.py``: the link, health, host-config, the
  websocket and the first run; no web files) against three ``streamlit run`` processes of
  our app at once: the baseline (``server.fileWatcherType none``, Python's asyncio loop and
  h11), the same with uvloop and httptools (from the virtual environment, where
  requirements.txt installs them, or ``--with-site``: a folder made with
  ``pip install --target DIR uvloop httptools``), and the baseline with the
  file watcher on (``auto``, Streamlit's default). Opens go in batches of 5 sessions, the
  variants in a rotating order; CPU is read per batch (10 ms ticks), once the process is idle;
  then each session of the batch commits two pace moves (``loadgen/pace_move.py``), read the same way.
  The baseline hides uvloop and httptools with stub modules that fail to import, so both
  variants run on the same installed packages; ``/proc/PID/maps`` shows which loaded.

Reports only (see bench/README.md); all traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*

from playwright.sync_api import Browser, expect

from bench.browser import CHART, CHART_MARK, READY, VIEWPORT
from bench.report import Row, finish, log, machine_info, median, percentile
from bench.servers import OURS, ProcessGroup, Server, nginx
from deploy.serve import Cluster, Settings, free_port
from loadgen.pace_move import ControlPaceMove
from loadgen.protocol import Collector, StreamlitSession

LINK = "units=lb&weight=200&goal=170&pace=1"
BATCH = 5
MOVES = 2  # pace commits per session after its open (the options part)
GOAL_OPEN_MS = 60  # the goal: <= 60 ms of Python CPU per cold open
GOAL_WIRE_MB = 2.2  # ... and <= 2.2 MB on the wire


def spread(values: Sequence[float]) -> str:
    lo, hi = percentile(values, 10), percentile(values, 90)
    return "n/a" if lo is None or hi is None else f"{lo:.0f}-{hi:.0f}"


# --- part 1: Streamlit's web files from nginx or from the replica ---------------------------


def one_cold_open(browser: Browser, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    finished: list[Any] = []
    ws_bytes = [0]
    try:
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        page.on("websocket", lambda ws: ws.on("framereceived", lambda p: ws_bytes.__setitem__(0, ws_bytes[0] + len(p))))
        page.goto(url + "?" + LINK, timeout=60_000)
        page.locator(READY).wait_for(state="attached", timeout=60_000)
        expect(page.locator(CHART_MARK).first).to_be_attached(timeout=60_000)
        expect(page.locator(CHART)).to_be_visible(timeout=60_000)
        http_bytes = 0
        for request in finished:
            sizes = request.sizes()
            http_bytes += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        route = next((c["value"] for c in context.cookies(url) if c["name"] == "stroute"), "")
        paths = [urlsplit(r.url).path for r in finished]
        # Streamlit's web files: everything but its API (/_stcore/...) and media (/media/...).
        files = sum(1 for p in paths if not p.startswith(("/_stcore/", "/media/")))
        return {
            "requests": len(finished),
            "files": files,
            "http_bytes": http_bytes,
            "ws_bytes": ws_bytes[0],
            "route": route,
        }
    finally:
        context.close()


def part_files(browser: Browser, logdir: Path, opens: int) -> dict[str, Any]:
    def start(proxy: bool) -> Cluster:
        settings = Settings(
            replicas=1,
            port=free_port(),
            replica_ports=(free_port(),),
            proxy=proxy,
            max_conns_per_client=0,
            run_dir=logdir / ("nginx" if proxy else "direct"),
        )
        return Cluster(settings, on_event=log).start()

    clusters = {"nginx": start(True), "replica": start(False)}
    samples: dict[str, list[dict[str, Any]]] = {k: [] for k in clusters}
    try:
        for cluster in clusters.values():  # warm up: the first run imports pandas and Altair
            one_cold_open(browser, cluster.url)
            ProcessGroup.of(cluster.replicas[0].pid or 0).settle()
        order: list[str] = []
        for i in range(opens):
            order += ["nginx", "replica"] if i % 2 == 0 else ["replica", "nginx"]
        log(f"files: {opens} cold opens per target, order {' '.join(order)}")
        for key in order:
            cluster = clusters[key]
            replica, proxy = ProcessGroup.of(cluster.replicas[0].pid or 0), nginx(cluster)
            master = [cluster.nginx_proc.pid] if cluster.nginx_proc is not None else []
            both = ProcessGroup.of(cluster.replicas[0].pid or 0, *master)
            both.settle()
            r0, n0 = replica.cpu_s(), proxy.cpu_s()
            lines0 = len(cluster.access_log.read_text().splitlines()) if cluster.settings.proxy else 0
            sample = one_cold_open(browser, cluster.url)
            both.settle()
            sample["replica_ms"] = (replica.cpu_s() - r0) * 1000
            sample["nginx_ms"] = (proxy.cpu_s() - n0) * 1000
            if cluster.settings.proxy:
                lines = cluster.access_log.read_text().splitlines()[lines0:]
                mine = [ln for ln in lines if f" route={sample['route']} " in ln]
                proxied = [ln for ln in mine if " upstream=- " not in ln]
                sample["to_replica_files"] = sum(1 for ln in proxied if not re.search(r'"\w+ /(_stcore|media)/', ln))
            else:
                sample["to_replica_files"] = sample["files"]  # the replica serves everything
            samples[key].append(sample)
            log(
                f"  {key:7s} replica {sample['replica_ms']:4.0f} ms, nginx {sample['nginx_ms']:3.0f} ms, "
                f"{sample['requests']} requests, {sample['http_bytes'] / 1e6:.2f} MB, "
                f"websocket {sample['ws_bytes'] / 1e3:.0f} KB"
            )
    finally:
        for cluster in clusters.values():
            cluster.stop()
    return {"opens": opens, "samples": samples}


def rows_files(res: dict[str, Any]) -> list[Row]:
    ours, base = res["samples"]["nginx"], res["samples"]["replica"]

    def med(samples: list[dict[str, Any]], key: str) -> float:
        return median([s[key] for s in samples]) or 0.0

    n = res["opens"]
    replica_ms, base_ms = med(ours, "replica_ms"), med(base, "replica_ms")
    wire = med(ours, "http_bytes") / 1e6
    return [
        Row(
            f"cold open: replica CPU, median (n={n})",
            f"{replica_ms:.0f} ms",
            f"{base_ms:.0f} ms",
            f"{replica_ms / base_ms:.2f}" if base_ms else "n/a",
            f"<= {GOAL_OPEN_MS} ms",
            replica_ms <= GOAL_OPEN_MS,
            note="floor column: the same app serving its own files; spread p10-p90 "
            f"{spread([s['replica_ms'] for s in ours])} / {spread([s['replica_ms'] for s in base])} ms",
        ),
        Row("  nginx CPU per cold open, median", f"{med(ours, 'nginx_ms'):.0f} ms", "-"),
        Row(
            "  HTTP bytes on the wire, median",
            f"{wire:.2f} MB",
            f"{med(base, 'http_bytes') / 1e6:.2f} MB",
            goal=f"<= {GOAL_WIRE_MB} MB",
            met=wire <= GOAL_WIRE_MB,
        ),
        Row(
            "  websocket bytes (first run), median",
            f"{med(ours, 'ws_bytes') / 1e3:.0f} KB",
            f"{med(base, 'ws_bytes') / 1e3:.0f} KB",
        ),
        Row("  HTTP requests, median", f"{med(ours, 'requests'):.0f}", f"{med(base, 'requests'):.0f}"),
        Row(
            "  web-file requests reaching the replica, max",
            f"{max(s['to_replica_files'] for s in ours)}",
            f"{max(s['to_replica_files'] for s in base)}",
            goal="0",
            met=max(s["to_replica_files"] for s in ours) == 0,
        ),
    ]


# --- part 2: server options, with protocol opens ----------------------------------------------

STUB = 'raise ModuleNotFoundError("hidden by bench/bench_open.py", name={name!r})\n'


def start_variant(watcher: str, pythonpath: str, logdir: Path) -> Server:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return Server(OURS, logdir, file_watcher=watcher, env=env)


def loaded(pid: int, module: str) -> bool:
    return any(f"/{module}/" in line for line in Path(f"/proc/{pid}/maps").read_text().splitlines())


async def batch_of_opens(url: str, first: int) -> list[StreamlitSession]:
    sessions = []
    for n in range(first, first + BATCH):
        session = StreamlitSession(url, LINK, Collector(), n, timeout_s=30)
        await session.open()
        sessions.append(session)
    return sessions


async def moves(sessions: list[StreamlitSession], each: int) -> None:
    """Each session commits ``each`` pace moves, one after another."""
    for session in sessions:
        move = ControlPaceMove(seed=session.number)
        for _ in range(each):
            await session.rerun(move.next_move(session))


async def close_all(sessions: list[StreamlitSession]) -> None:
    await asyncio.gather(*(s.close() for s in sessions))


def part_options(logdir: Path, batches: int, with_site: str) -> dict[str, Any]:
    stubs = Path(tempfile.mkdtemp(prefix="bench-open-stubs-"))
    for name in ("uvloop", "httptools"):
        (stubs / f"{name}.py").write_text(STUB.format(name=name))
    variants = {
        "base": ("none", str(stubs)),
        "uvloop+httptools": ("none", with_site),
        "watcher auto": ("auto", str(stubs)),
    }
    servers: dict[str, Server] = {}
    samples: dict[str, list[float]] = {k: [] for k in variants}
    move_samples: dict[str, list[float]] = {k: [] for k in variants}
    modules: dict[str, dict[str, bool]] = {}
    try:
        for name, (watcher, path) in variants.items():
            servers[name] = start_variant(watcher, path, logdir)
        loop = asyncio.new_event_loop()
        number = 0
        for name, server in servers.items():  # wait for health, then warm up (imports, caches)
            server.wait_healthy()
            sessions = loop.run_until_complete(batch_of_opens(server.url, number))
            number += BATCH
            loop.run_until_complete(close_all(sessions))
            modules[name] = {m: loaded(server.proc.pid, m) for m in ("uvloop", "httptools")}
        log(f"options: modules loaded {modules}")
        names = list(variants)
        for b in range(batches):
            order = names[b % len(names) :] + names[: b % len(names)]
            for name in order:
                server = servers[name]
                server.usage.settle()
                c0 = server.cpu_s()
                sessions = loop.run_until_complete(batch_of_opens(server.url, number))
                number += BATCH
                server.usage.settle()
                c1 = server.cpu_s()
                samples[name].append((c1 - c0) * 1000 / BATCH)
                loop.run_until_complete(moves(sessions, MOVES))
                server.usage.settle()
                move_samples[name].append((server.cpu_s() - c1) * 1000 / (BATCH * MOVES))
                loop.run_until_complete(close_all(sessions))
            if b % 5 == 4:
                log(f"  batch {b + 1}/{batches}: " + ", ".join(f"{k} {samples[k][-1]:.0f} ms" for k in names))
        loop.close()
    finally:
        for server in servers.values():
            server.stop()
    return {"batches": batches, "batch": BATCH, "modules": modules, "samples": samples, "moves": move_samples}


def rows_options(res: dict[str, Any]) -> list[Row]:
    s = res["samples"]
    base = median(s["base"]) or 0.0
    out = []
    for name in ("uvloop+httptools", "watcher auto"):
        ours = median(s[name]) or 0.0
        wins = sum(1 for a, b in zip(s[name], s["base"], strict=False) if a < b)
        out.append(
            Row(
                f"open CPU per session: {name}, median",
                f"{ours:.1f} ms",
                f"{base:.1f} ms",
                f"{ours / base:.2f}" if base else "n/a",
                note=f"n={len(s[name])} batches of {res['batch']}; "
                f"p10-p90 {spread(s[name])} vs {spread(s['base'])} ms; "
                f"lower than the baseline's paired batch in {wins}/{len(s[name])}; loaded {res['modules'][name]}",
            )
        )
    m, base_move = res["moves"], median(res["moves"]["base"]) or 0.0
    for name in ("uvloop+httptools", "watcher auto"):
        ours = median(m[name]) or 0.0
        wins = sum(1 for a, b in zip(m[name], m["base"], strict=False) if a < b)
        out.append(
            Row(
                f"pace commit CPU: {name}, median",
                f"{ours:.1f} ms",
                f"{base_move:.1f} ms",
                f"{ours / base_move:.2f}" if base_move else "n/a",
                note=f"per batch of {res['batch'] * MOVES} commits; "
                f"p10-p90 {spread(m[name])} vs {spread(m['base'])} ms; lower in {wins}/{len(m[name])}",
            )
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=("files", "options", "both"), default="both")
    ap.add_argument("--opens", type=int, help="cold browser opens per target (default 10, quick 2)")
    ap.add_argument("--batches", type=int, help="batches of 5 opens per server variant (default 30, quick 2)")
    ap.add_argument("--with-site", default="", help="a folder holding uvloop and httptools (pip install --target)")
    ap.add_argument("--quick", action="store_true", help="a smoke run")
    args = ap.parse_args(argv)
    opens = args.opens or (2 if args.quick else 10)
    batches = args.batches or (2 if args.quick else 30)
    logdir = Path(tempfile.mkdtemp(prefix="bench-open-"))
    log(f"server logs in {logdir}")
    res: dict[str, Any] = {"config": vars(args) | {"opens": opens, "batches": batches}}
    rows: list[Row] = []
    parts: list[tuple[str, Callable[[], Any], Callable[[Any], list[Row]]]] = []
    if args.part in ("files", "both"):
        from playwright.sync_api import sync_playwright

        from bench.browser import launch

        def files() -> Any:
            with sync_playwright() as pw:
                browser = launch(pw)
                res["chromium"] = browser.version
                try:
                    return part_files(browser, logdir, opens)
                finally:
                    browser.close()

        parts.append(("files", files, rows_files))
    if args.part in ("options", "both"):
        parts.append(("options", lambda: part_options(logdir, batches, args.with_site), rows_options))
    res["machine"] = machine_info()
    for name, run, to_rows in parts:
        res[name] = run()
        rows += to_rows(res[name])
    if "chromium" in res:
        res["machine"]["chromium"] = f"Chromium {res['chromium']}"
    finish("bench_open", "what a page open costs the server", rows, res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
