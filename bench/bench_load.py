"""Server capacity without browsers: protocol sessions moving the pace, per concurrency step.

    .venv/bin/python bench/bench_load.py --quick     # a smoke run, about 3 minutes
    .venv/bin/python bench/bench_load.py             # the full run for the README (about 16 minutes)
    .venv/bin/python bench/bench_load.py --only saturation --targets floor,ours1 --shape saturation

Each session is a reader's tab spoken in Streamlit's own protocol (``loadgen/protocol.py``): it
loads the reader's link, runs the script, then moves the pace (``loadgen/pace_move.py``), waits
for ``script_finished``, thinks, and moves again (a closed loop: ``closed_loop.py``). The load
shapes are data (``loadgen/load_shapes.toml``). Three measurements:

* **saturation**: the ``saturation`` shape (more and more busy readers) against each target:
  the floor app (one process), our app on one replica, our app on 2 replicas behind nginx.
  Peak moves/s per target give the ratios 1 replica / floor and 2 replicas / 1 replica.
* **readers**: the ``readers_1000`` shape (1,000 readers, a move every 10 s on average) on 2
  replicas behind nginx: moves/s, p95 and errors.
* **idle**: server memory per idle session with 1,000 sessions open on 2 replicas (and on the
  floor, for comparison): (RSS with all open - RSS with 20 open) / (sessions - 20).

Per step it prints moves/s, p50/p95 latency (send -> script_finished), errors, the server's
CPU (in cores: 1.0 = one core busy) and memory (RSS of the replicas), nginx's CPU and the load
generator's own CPU, which shares the machine. Then one summary table (what, ours, floor,
ratio, goal, met?). It reports; it asserts nothing. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*

from bench.closed_loop import StepResult, idle_memory, run_shape
from bench.report import Row, finish, fmt_ms, fmt_ratio, log, machine_info, ratio
from bench.servers import TARGETS, Target, nginx, replicas, start_target
from loadgen.crowd import Move, load_shape
from loadgen.pace_move import ControlPaceMove, SliderPaceMove

LINK = "units=lb&weight=200&goal=170&pace=1"
"""A reader's link: the planner's numbers (the floor app ignores it)."""
GOALS = {
    "readers_p95_ms": 250.0,
    "readers_sessions": 1000,
    "one_replica_vs_floor": 1.5,
    "two_replicas_vs_one": 1.8,
    "idle_mib_per_session": 0.5,
    "idle_sessions": 1000,
}


def mover(target: Target) -> Callable[[int], Move]:
    """How a session of ``target`` moves the pace (the floor's slider has no key, only a label)."""
    if target.key == "floor":
        return lambda n: SliderPaceMove(key="", label="Pace (lb a week)", seed=n)
    return lambda n: ControlPaceMove(seed=n)


def step_line(target: str, r: StepResult) -> str:
    kinds = f" {r.error_kinds}" if r.error_kinds else ""
    proxy = f" + nginx {r.proxy_cpu_cores:.2f}" if r.proxy_cpu_cores is not None else ""
    cpu = "n/a (a replica restarted!)" if r.server_cpu_cores is None else f"{r.server_cpu_cores:.2f} cores"
    if r.server_cpu_cores is not None and r.moves_per_s:
        cpu += f" ({r.server_cpu_cores * 1000 / r.moves_per_s:.0f} ms a move)"
    return (
        f"  {target:11s} {r.sessions:5d} sessions think {r.think_s[0]:g}-{r.think_s[1]:g} s: "
        f"{r.moves_per_s:6.1f} moves/s  p50 {fmt_ms(r.p50_ms):>7}  p95 {fmt_ms(r.p95_ms):>7}  "
        f"errors {r.errors}{kinds} (open {r.open_errors})  server CPU {cpu}{proxy}, "
        f"RSS {r.server_rss_mib:.0f} MiB; load generator {r.loadgen_cpu_cores:.2f} cores; load avg {r.loadavg:.1f}"
    )


def run_steps(target: Target, shape_name: str, logdir: Path, timeout_s: float) -> dict[str, Any]:
    shape = load_shape(shape_name)
    log(f"{target.label}: shape {shape.name} ({shape.description})")
    with start_target(target, logdir) as cluster:
        steps = asyncio.run(
            run_shape(
                cluster.url,
                LINK,
                shape,
                mover(target),
                replicas(cluster),
                timeout_s=timeout_s,
                proxy=nginx(cluster) if target.proxy else None,
                on_step=lambda result: print(step_line(target.key, result), flush=True),
            )
        )
        restarts = sum(r.restarts for r in cluster.replicas)
    return {
        "target": target.key,
        "label": target.label,
        "shape": shape.name,
        "steps": [asdict(s) for s in steps],
        "replica_restarts": restarts,
        "peak_moves_per_s": max((s.moves_per_s for s in steps), default=0.0),
    }


def run_idle(target: Target, sessions: int, logdir: Path) -> dict[str, Any]:
    log(f"{target.label}: memory per idle session, {sessions} sessions")
    with start_target(target, logdir) as cluster:
        out = asyncio.run(idle_memory(cluster.url, LINK, sessions, replicas(cluster)))
    log(
        f"  {target.key:11s} {out['sessions']} sessions ({out['open_errors']} failed to open, "
        f"{out['alive_at_end']} still connected): RSS {out['rss_base_mib']:.0f} -> {out['rss_all_mib']:.0f} MiB, "
        f"{out['per_session_mib']:.3f} MiB per session; first run p50 {fmt_ms(out['open_p50_ms'])}"
    )
    return {"target": target.key, "label": target.label, **out}


def saturated(steps: list[dict[str, Any]]) -> bool:
    """Whether the shape reached the server's limit: the best step is not the last one, or the
    last step added at least half as many sessions again and gained under 10 % moves/s."""
    if len(steps) < 2:
        return False
    best = max(range(len(steps)), key=lambda i: steps[i]["moves_per_s"])
    if best < len(steps) - 1:
        return True
    last, before = steps[-1], steps[-2]
    return bool(last["sessions"] >= 1.5 * before["sessions"] and last["moves_per_s"] < 1.1 * before["moves_per_s"])


def summary(res: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    sat = {r["target"]: r for r in res.get("saturation", [])}
    if "readers" in res:
        r = res["readers"]
        last = r["steps"][-1]
        full = last["sessions"] >= GOALS["readers_sessions"]
        notes = [] if full else [f"{last['sessions']} sessions; the goal is for 1,000"]
        errors = last["errors"] + sum(s["open_errors"] for s in r["steps"])
        p95 = last["p95_ms"]
        if r["replica_restarts"]:
            notes.append(f"{r['replica_restarts']} replica restarts during the run")
        note = "; ".join(notes)
        rows += [
            Row(f"readers on {r['target']}: moves/s ({last['sessions']} open)", f"{last['moves_per_s']:.1f}"),
            Row(
                "  same: p95 move latency",
                fmt_ms(p95),
                goal=f"<= {GOALS['readers_p95_ms']:.0f} ms",
                met=(p95 is not None and p95 <= GOALS["readers_p95_ms"]) if full else None,
                note=note,
            ),
            Row("  same: errors (moves, opens)", str(errors), goal="0", met=errors == 0 if full else None, note=note),
        ]
    for ours, floor, goal, what in (
        ("ours1", "floor", GOALS["one_replica_vs_floor"], "peak moves/s: 1 replica vs the floor"),
        ("ours2", "ours1", GOALS["two_replicas_vs_one"], "peak moves/s: 2 replicas vs 1 (floor col.)"),
    ):
        if ours not in sat or floor not in sat:
            continue
        a, b = sat[ours]["peak_moves_per_s"], sat[floor]["peak_moves_per_s"]
        q = ratio(a, b)
        unsaturated = [k for k in (ours, floor) if not saturated(sat[k]["steps"])]
        rows.append(
            Row(
                what,
                f"{a:.1f}",
                f"{b:.1f}",
                fmt_ratio(q),
                f">= {goal} x",
                (q is not None and q >= goal) if not unsaturated else None,
                note=f"not saturated: {', '.join(unsaturated)}; add steps" if unsaturated else "",
            )
        )
    for key, r in sat.items():
        peak = max(r["steps"], key=lambda s: s["moves_per_s"])
        rows.append(
            Row(
                f"  {key} at its peak: p95 / errors, loadgen CPU",
                f"{fmt_ms(peak['p95_ms'])} / {peak['errors']}",
                f"{peak['loadgen_cpu_cores']:.2f} cores",
                note=f"{peak['sessions']} sessions, server "
                + ("restarted" if peak["server_cpu_cores"] is None else f"{peak['server_cpu_cores']:.2f} cores"),
            )
        )
    idle = {r["target"]: r for r in res.get("idle", [])}
    ours_idle = idle.get("ours2") or idle.get("ours1")
    if ours_idle is not None:
        full = ours_idle["sessions"] >= GOALS["idle_sessions"]
        floor_idle = idle.get("floor")
        rows.append(
            Row(
                f"memory per idle session ({ours_idle['target']}, {ours_idle['sessions']} open)",
                f"{ours_idle['per_session_mib']:.3f} MiB",
                f"{floor_idle['per_session_mib']:.3f} MiB" if floor_idle else "",
                fmt_ratio(ratio(ours_idle["per_session_mib"], floor_idle["per_session_mib"])) if floor_idle else "",
                f"<= {GOALS['idle_mib_per_session']} MiB",
                ours_idle["per_session_mib"] <= GOALS["idle_mib_per_session"] if full else None,
                note="" if full else f"{ours_idle['sessions']} sessions; the goal is for 1,000",
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="short shapes and 150 idle sessions (a smoke run)")
    ap.add_argument("--only", default="saturation,readers,idle", help="comma list of: saturation, readers, idle")
    ap.add_argument("--targets", default="floor,ours1,ours2", help=f"saturation targets, of: {', '.join(TARGETS)}")
    ap.add_argument("--shape", help="saturation shape in load_shapes.toml (default saturation, quick: quick)")
    ap.add_argument("--readers-shape", help="readers shape (default readers_1000, quick: readers_quick)")
    ap.add_argument("--readers-target", default="ours2", help="target of the readers shape (default ours2)")
    ap.add_argument("--idle-sessions", type=int, help="sessions for idle memory (default 1000, quick 150)")
    ap.add_argument("--idle-targets", default="ours2,floor", help="targets for idle memory (default ours2,floor)")
    ap.add_argument("--move-timeout", type=float, default=10.0, help="seconds a move may take (default 10)")
    args = ap.parse_args(argv)
    only = {p.strip() for p in args.only.split(",") if p.strip()}
    shape = args.shape or ("quick" if args.quick else "saturation")
    readers_shape = args.readers_shape or ("readers_quick" if args.quick else "readers_1000")
    idle_sessions = args.idle_sessions or (150 if args.quick else 1000)
    for key in [*args.targets.split(","), args.readers_target, *args.idle_targets.split(",")]:
        if key not in TARGETS:
            ap.error(f"unknown target {key!r}; there are: {', '.join(TARGETS)}")
    logdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    log(f"server logs and nginx files in {logdir}")
    res: dict[str, Any] = {
        "config": {
            "quick": args.quick,
            "only": sorted(only),
            "targets": args.targets,
            "shape": shape,
            "readers_shape": readers_shape,
            "idle_sessions": idle_sessions,
            "link": LINK,
            "goals": GOALS,
        },
        "machine": machine_info(),
    }
    if "saturation" in only:
        res["saturation"] = [
            run_steps(TARGETS[key], shape, logdir, args.move_timeout) for key in args.targets.split(",")
        ]
    if "readers" in only:
        res["readers"] = run_steps(TARGETS[args.readers_target], readers_shape, logdir, args.move_timeout)
    if "idle" in only:
        res["idle"] = [run_idle(TARGETS[key], idle_sessions, logdir) for key in args.idle_targets.split(",")]
    quick = ["Quick run: smaller shapes than the goals name, so most goals are not judged."] if args.quick else []
    finish("bench_load", "server capacity (protocol load, no browsers)", summary(res), res, *quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
