"""Which load client: the generator's own CPU per visit, the project's asyncio client vs Locust.

    .venv/bin/python bench/bench_loadgen.py --locust-python /tmp/locust-venv/bin/python
    .venv/bin/python bench/bench_loadgen.py --locust-python ... --visits 60 --rounds 3

Both clients make the same visit (:func:`fixed_visit`, and ``locust_visit.py`` for Locust): the
document, the web files a cold browser fetches, health and host-config, the websocket and the
first run, one pace commit, two ticks, the share box, a CSV download, then the tab closes. Both
run against one target (our app on one replica behind nginx, which serves the web files), at the
same arrival rate, each in a process of its own; a process's CPU (user + system, from the
operating system's accounting of the finished child) minus that of the same client's run
without visits (its start-up and idle cost for as long) is divided by the visits done. The
rounds alternate the two clients (A B A B). Locust is not one of the project's requirements:
``--locust-python`` names a Python whose environment has ``locust``, ``websocket-client`` and
the same ``streamlit`` (see bench/README.md). Reports only.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*

from bench.browser import cold_files
from bench.report import Row, finish, log, machine_info, median
from bench.servers import ROOT, TARGETS, start_target, warm_up
from loadgen.pace_move import ControlPaceMove
from loadgen.protocol import Collector, RunError, StreamlitSession
from loadgen.visits import change

LINK = "units=lb&weight=200&goal=170&pace=1"
HERE = Path(__file__).resolve().parent


async def fixed_visit(url: str, number: int, static: Sequence[str], collector: Collector) -> None:
    """The comparison's visit (the same steps as ``locust_visit.StreamlitUser.visit``)."""
    session = StreamlitSession(url, LINK, collector, number, timeout_s=30)
    try:
        await session.open(static)
        await session.rerun(ControlPaceMove(seed=number).burst(session, 1)[0])
        tips = [w for w in session.widgets.values() if "-tip_" in w.id][:2]
        for tip in tips:
            await session.rerun(change(session, tip, bool_value=True))
        share = next(w for w in session.widgets.values() if w.id.endswith("-share_box"))
        await session.rerun(change(session, share, bool_value=True))
        await session.download(next(w for w in session.widgets.values() if w.id.endswith("-download_csv")))
        collector.record("visit", time.perf_counter(), None, number)
    except (RunError, StopIteration, LookupError) as error:
        collector.record("visit", time.perf_counter(), str(error), number)
    finally:
        await session.close()


async def drive(url: str, visits: int, per_s: float, run_s: float, static: Sequence[str]) -> tuple[int, int]:
    """``visits`` visits arriving ``1 / per_s`` apart, then idle until ``run_s``: (done, failed)."""
    collector = Collector()
    start = time.perf_counter()
    tasks = []
    for n in range(visits):
        await asyncio.sleep(max(0.0, start + n / per_s - time.perf_counter()))  # the next arrival
        tasks.append(asyncio.create_task(fixed_visit(url, n, static, collector)))
    await asyncio.gather(*tasks)
    await asyncio.sleep(max(0.0, start + run_s - time.perf_counter()))  # as long as every run
    done = [s for s in collector.samples if s.kind == "visit"]
    return sum(1 for s in done if s.error is None), sum(1 for s in done if s.error is not None)


def child_cpu_s(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``command`` to its end; its CPU seconds (user + system) and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # Locust exits 1 when a request failed
        raise RuntimeError(f"{command[:3]} exited {done.returncode}: {done.stderr[-2000:]}")
    return cpu, done.stdout + done.stderr


def run_asyncio(url: str, visits: int, per_s: float, run_s: float, static_list: Path) -> tuple[float, int, int]:
    command = [sys.executable, __file__, "--drive", url, str(visits), str(per_s), str(run_s), str(static_list)]
    cpu, out = child_cpu_s(command, dict(os.environ))
    done, failed = (int(x) for x in out.strip().splitlines()[-1].split())
    return cpu, done, failed


def run_locust(
    python: str, url: str, visits: int, per_s: float, run_s: float, static_list: Path, folder: Path
) -> tuple[float, int, int]:
    prefix = folder / f"locust-{visits}-{time.monotonic_ns()}"
    env = dict(os.environ, STATIC_LIST=str(static_list), VISIT_LINK=LINK, VISITS=str(visits))
    if visits == 0:
        env["VISIT_NOOP"] = "1"
    command = [
        python, "-m", "locust", "-f", str(HERE / "locust_visit.py"), "--headless",
        "-u", str(max(1, visits)), "-r", str(per_s), "--run-time", f"{run_s:.0f}s",
        "--host", url.rstrip("/"), "--csv", str(prefix), "--only-summary", "--stop-timeout", "30",
    ]  # fmt: skip
    cpu, out = child_cpu_s(command, env)
    if visits == 0:
        return cpu, 0, 0
    rows = list(csv.DictReader((prefix.parent / f"{prefix.name}_stats.csv").open()))
    opened = next((r for r in rows if r["Name"] == "open (first run)"), None)
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] != "Aggregated")
    if opened is None:
        raise RuntimeError(f"Locust opened no page; its output:\n{out[-3000:]}")
    return cpu, int(opened["Request Count"]) - int(opened["Failure Count"]), failures


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--locust-python", required=False, help="a Python that has locust and websocket-client")
    ap.add_argument("--visits", type=int, default=60, help="visits per run (default 60)")
    ap.add_argument("--per-s", type=float, default=3.0, help="arrivals a second (default 3)")
    ap.add_argument("--rounds", type=int, default=3, help="A B rounds (default 3)")
    ap.add_argument("--drive", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.drive:
        url, visits, per_s, run_s, static_list = args.drive
        static = Path(static_list).read_text().split()
        done, failed = asyncio.run(drive(url, int(visits), float(per_s), float(run_s), static))
        print(done, failed)
        return 0
    if not args.locust_python:
        ap.error("--locust-python is needed (see bench/README.md)")
    folder = Path(tempfile.mkdtemp(prefix="bench-loadgen-"))
    log(f"server logs and Locust's statistics in {folder}")
    res: dict[str, Any] = {"config": vars(args), "machine": machine_info(), "samples": {"asyncio": [], "locust": []}}
    run_s = args.visits / args.per_s + 20
    with start_target(TARGETS["ours1-nginx"], folder) as cluster:
        asyncio.run(warm_up([r.url for r in cluster.replicas], LINK))
        static = cold_files(cluster.url + "?" + LINK)
        static_list = folder / "static.txt"
        static_list.write_text("\n".join(static))
        log(f"{len(static)} web files a visit; {args.visits} visits at {args.per_s:g}/s, runs of {run_s:.0f} s")
        base = {
            "asyncio": run_asyncio(cluster.url, 0, args.per_s, run_s, static_list)[0],
            "locust": run_locust(args.locust_python, cluster.url, 0, args.per_s, run_s, static_list, folder)[0],
        }
        log(f"without visits: asyncio {base['asyncio']:.2f} CPU-s, Locust {base['locust']:.2f} CPU-s")
        for r in range(args.rounds):
            order = ("asyncio", "locust") if r % 2 == 0 else ("locust", "asyncio")
            for client in order:
                if client == "asyncio":
                    cpu, done, failed = run_asyncio(cluster.url, args.visits, args.per_s, run_s, static_list)
                else:
                    cpu, done, failed = run_locust(
                        args.locust_python, cluster.url, args.visits, args.per_s, run_s, static_list, folder
                    )
                per_visit = (cpu - base[client]) / max(1, done)
                res["samples"][client].append({"cpu_s": cpu, "done": done, "failed": failed, "per_visit_s": per_visit})
                log(
                    f"  {client:7s} {done} visits ({failed} failed): {cpu:.2f} CPU-s, {per_visit * 1000:.1f} ms a visit"
                )
    res["baseline_cpu_s"] = base
    a = median([s["per_visit_s"] for s in res["samples"]["asyncio"]]) or 0.0
    b = median([s["per_visit_s"] for s in res["samples"]["locust"]]) or 0.0
    errors = {k: sum(s["failed"] for s in v) for k, v in res["samples"].items()}
    rows = [
        Row(
            f"load generator CPU per visit, median of {args.rounds}",
            f"{a * 1000:.1f} ms",
            f"{b * 1000:.1f} ms",
            f"{a / b:.2f}" if b else "n/a",
            note="ours: the asyncio client (loadgen/); floor column: Locust "
            f"(FastHttpUser + websocket-client on gevent); failed requests {errors['asyncio']} / {errors['locust']}",
        ),
        Row(
            "  start-up and idle, per run",
            f"{base['asyncio']:.2f} CPU-s",
            f"{base['locust']:.2f} CPU-s",
            note=f"a run of {run_s:.0f} s without visits",
        ),
    ]
    finish("bench_loadgen", "the load generator's own CPU per visit: asyncio vs Locust", rows, res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
