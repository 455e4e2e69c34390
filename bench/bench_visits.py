"""Readers of a viral article, as visits arriving at random: our app and the floor, per step.

    .venv/bin/python bench/bench_visits.py --quick                        # a smoke run, about 4 minutes
    .venv/bin/python bench/bench_visits.py                                # the viral hour, ours and the floor
    .venv/bin/python bench/bench_visits.py --targets ours1-nginx,ours2 --shape scaling  # 1 vs 2 replicas
    .venv/bin/python bench/bench_visits.py --url https://runners-face.example.com/ --shape steps

An open loop (``loadgen/visits.py``, the mix and shapes in ``loadgen/visits.toml``): visits
arrive as a Poisson process at each step's rate, whatever the server does; each opens the link
(the document; for 80 % of visits the web files a cold Chromium fetches, from whoever serves
them; the websocket and the first run), reads, makes a burst of pace moves (sent as the page
sends them: one commit per burst, or one per move while the page is ``eager``), and maybe ticks
tips, opens the share box, downloads, types a weight or turns on "About you", then leaves, or
leaves its tab open. Targets (``servers.py``) start through ``deploy/serve.py``, so nginx serves
Streamlit's files; the floor (``floor_app.py``) gets the same visits (it offers only the pace and
a weight).

Before the load, a calibration measures each kind of request alone (one after another, the
server idle in between): server CPU per kind, replicas and nginx apart. Per step of the load:
visits/s; p50, p95 and p99 per kind; errors; the replicas', nginx's and the load generator's CPU,
each per visit (cores / visits per second, over the step's window after it settled); connected
sessions (the replicas' ``active_sessions``) and tabs closed within the disconnected-session TTL;
the replicas' memory; the longest pause between two finished runs. After the last step every tab
is closed; after ``--cooldown-s`` (the TTL has passed) the replicas' memory is read again.
Object counts inside a replica are not readable from outside it, so they are not reported.

With ``--url`` the bench measures a target it did not start (a real cluster): latency, errors and
the generator's CPU only. Reports only (see bench/README.md); it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: import bench.*

import psutil

from bench.browser import cold_files
from bench.per_kind import calibrate
from bench.report import Row, finish, fmt_ms, fmt_ratio, log, machine_info, percentile
from bench.servers import FLOOR, TARGETS, ObjectProbe, ProcessGroup, Target, nginx, replicas, start_target, warm_up
from deploy.serve import Cluster
from loadgen.crowd import Move
from loadgen.pace_move import ControlPaceMove, SliderPaceMove
from loadgen.protocol import Collector, error_kind
from loadgen.visits import KINDS, Mix, Shape, Visit, load_visits, run_visits

LINK = "units=lb&weight=200&goal=170&pace=1"
"""The link a viral article's readers follow (a plan in it; the floor app ignores it)."""
TTL_S = 120.0
"""Streamlit's ``server.disconnectedSessionTTL`` (1.67's default; .streamlit/config.toml keeps it)."""
GOALS = {"open_p95_ms": 1500.0, "interaction_p95_ms": 250.0, "interaction_p99_ms": 1000.0, "cpu_s_per_visit": 0.12}
INTERACTIONS = ("commit", "tick", "share", "download", "weight", "about")


def mover(script: str) -> Callable[[int], Move]:
    if script == FLOOR.script:
        return lambda n: SliderPaceMove(key="", label=FLOOR.slider, seed=n)
    return lambda n: ControlPaceMove(seed=n)


# --- server counters --------------------------------------------------------------------------


def active_sessions(cluster: Cluster | None) -> int | None:
    """Connected sessions on every replica (Streamlit's ``/_stcore/metrics``), or None."""
    if cluster is None:
        return None
    total = 0
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for replica in cluster.replicas:
        try:
            with opener.open(replica.url + "_stcore/metrics?families=active_sessions", timeout=5) as answer:
                text = answer.read().decode()
        except OSError:
            return None
        total += sum(int(float(ln.split()[-1])) for ln in text.splitlines() if ln.startswith("active_sessions"))
    return total


@dataclass
class Meter:
    """The counters read at each step's boundaries."""

    server: ProcessGroup | None
    proxy: ProcessGroup | None
    cluster: Cluster | None
    probe: ObjectProbe | None = None
    marks: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)

    def __call__(self, event: str, step: int) -> None:
        me = psutil.Process()
        self.marks[event, step] = {
            "t": time.perf_counter(),
            "server_cpu_s": self.server.cpu_s() if self.server else None,
            "server_pids": sorted(self.server.pids()) if self.server else [],
            "server_rss_mib": self.server.rss_mib() if self.server else None,
            "server_objects": self.objects(),
            "proxy_cpu_s": self.proxy.cpu_s() if self.proxy else None,
            "loadgen_cpu_s": sum(me.cpu_times()[:2]),
            "active_sessions": active_sessions(self.cluster) if event == "end" else None,
            "loadavg": psutil.getloadavg()[0],
        }

    def objects(self, collect: bool = False) -> int | None:
        """The replicas' Python objects (``bench/probe``), or None without the probe."""
        if self.probe is None or self.server is None:
            return None
        return self.probe.objects(sorted(self.server.pids()), collect=collect)

    def memory(self) -> dict[str, Any]:
        """The replicas' RSS and (after a full collection in each) their Python objects."""
        objects = self.objects(collect=True)
        types = self.probe.types(sorted(self.server.pids())) if self.probe and self.server else {}
        return {
            "rss_mib": self.server.rss_mib() if self.server else None,
            "objects": objects,
            "types": types,
            "active_sessions": active_sessions(self.cluster),
        }


def step_result(
    i: int, step: Any, meter: Meter, collector: Collector, visits: Sequence[Visit], run_start: float
) -> dict[str, Any]:
    a, b = meter.marks["start", i], meter.marks["end", i]
    t0, t1 = a["t"], b["t"]
    window = t1 - t0
    arrived = [s for s in collector.samples if s.kind == "open" and t0 <= s.start < t1]
    per_s = len(arrived) / window
    kinds: dict[str, Any] = {}
    for kind in (*KINDS, "static"):
        samples = [s for s in collector.samples if s.kind == kind and t0 <= s.start < t1]
        ok = [s.seconds * 1000 for s in samples if s.error is None]
        errors: dict[str, int] = {}
        for s in samples:
            if s.error is not None:
                errors[error_kind(s.error)] = errors.get(error_kind(s.error), 0) + 1
        kinds[kind] = {
            "n": len(ok),
            "p50_ms": percentile(ok, 50),
            "p95_ms": percentile(ok, 95),
            "p99_ms": percentile(ok, 99),
            "max_ms": max(ok) if ok else None,
            "errors": sum(errors.values()),
            "error_kinds": errors,
        }
    interactions = [s for s in collector.samples if s.kind in INTERACTIONS and t0 <= s.start < t1 and not s.error]
    inter_ms = [s.seconds * 1000 for s in interactions]
    finished = sorted(t for t in collector.finished if t0 <= t < t1)
    # The longest gap between two finished runs while a request was waiting all through it (the
    # server had work and finished none: a garbage collection, say); idle gaps do not count.
    waiting = [(s.start, s.start + s.seconds) for s in collector.samples if t0 - 60 <= s.start < t1]
    gaps = sorted(((later - earlier, earlier, later) for earlier, later in itertools.pairwise(finished)), reverse=True)
    stall = next((g for g, began, ended in gaps[:50] if any(a0 <= began and a1 >= ended for a0, a1 in waiting)), None)

    def per_visit(key: str) -> float | None:
        if a[key] is None or b[key] is None or not per_s:
            return None
        return float((b[key] - a[key]) / window / per_s)

    restarted = a["server_pids"] != b["server_pids"]
    # Closed tabs whose sessions the server still keeps (for the TTL; at most 128 per replica).
    disconnected = sum(1 for v in visits if v.closed_at is not None and t1 - TTL_S < v.closed_at <= t1)
    return {
        "step": i + 1,
        "per_s_planned": step.per_s,
        "window_s": window,
        "window_from_s": t0 - run_start,
        "visits_per_s": per_s,
        "kinds": kinds,
        "interactions": {
            "n": len(inter_ms),
            "p50_ms": percentile(inter_ms, 50),
            "p95_ms": percentile(inter_ms, 95),
            "p99_ms": percentile(inter_ms, 99),
        },
        "errors": sum(k["errors"] for k in kinds.values()),
        "server_cores": None if a["server_cpu_s"] is None else (b["server_cpu_s"] - a["server_cpu_s"]) / window,
        "server_cpu_s_per_visit": None if restarted else per_visit("server_cpu_s"),
        "server_restarted": restarted,
        "nginx_cores": None if a["proxy_cpu_s"] is None else (b["proxy_cpu_s"] - a["proxy_cpu_s"]) / window,
        "nginx_cpu_s_per_visit": per_visit("proxy_cpu_s"),
        "loadgen_cores": (b["loadgen_cpu_s"] - a["loadgen_cpu_s"]) / window,
        "loadgen_cpu_s_per_visit": per_visit("loadgen_cpu_s"),
        "server_rss_mib": b["server_rss_mib"],
        "server_objects": b["server_objects"],
        "active_sessions": b["active_sessions"],
        "tabs_open": sum(1 for v in visits if not v.session.closed.is_set()),
        "disconnected_within_ttl": disconnected,
        "longest_pause_ms": None if stall is None else stall * 1000,
        "longest_gap_ms": gaps[0][0] * 1000 if gaps else None,
        "runs_finished": len(finished),
        "loadavg": b["loadavg"],
    }


def meets_goals(step: dict[str, Any]) -> bool:
    """Whether a step kept the viral hour's latency and error goals (not the CPU one)."""
    open_p95, inter = step["kinds"]["open"]["p95_ms"], step["interactions"]
    return (
        step["errors"] == 0
        and open_p95 is not None
        and open_p95 <= GOALS["open_p95_ms"]
        and inter["p95_ms"] is not None
        and inter["p95_ms"] <= GOALS["interaction_p95_ms"]
        and inter["p99_ms"] <= GOALS["interaction_p99_ms"]
    )


def overloaded(step: dict[str, Any]) -> bool:
    """Far past the goals: a higher rate would only pile up more waiting readers."""
    open_p95 = step["kinds"]["open"]["p95_ms"]
    return step["errors"] > 0.02 * max(1, step["kinds"]["open"]["n"]) or (
        open_p95 is not None and open_p95 > 3 * GOALS["open_p95_ms"]
    )


def _ms(v: float | None) -> str:
    return "n/a" if v is None else f"{v * 1000:.1f} ms"


def step_line(key: str, r: dict[str, Any]) -> str:
    k = r["kinds"]
    kinds = ", ".join(f"{kind} {k[kind]['n']} p95 {fmt_ms(k[kind]['p95_ms'])}" for kind in KINDS if k[kind]["n"])
    cores = "n/a" if r["server_cores"] is None else f"{r['server_cores']:.2f} cores"
    return (
        f"  {key:8s} step {r['step']}: {r['visits_per_s']:.2f} visits/s; {kinds}; errors {r['errors']}; "
        f"server {cores}, {_ms(r['server_cpu_s_per_visit'])}/visit, nginx {_ms(r['nginx_cpu_s_per_visit'])}/visit, "
        f"loadgen {_ms(r['loadgen_cpu_s_per_visit'])}/visit; sessions {r['active_sessions']} connected, "
        f"tabs open {r['tabs_open']}, closed < TTL ago {r['disconnected_within_ttl']}; "
        f"longest pause {fmt_ms(r['longest_pause_ms'])}; load avg {r['loadavg']:.1f}"
    )


# --- one target -------------------------------------------------------------------------------


def run_target(
    target: Target | None,
    url: str,
    mix: Mix,
    shape: Shape,
    logdir: Path,
    args: argparse.Namespace,
    probe: ObjectProbe | None = None,
) -> dict[str, Any]:
    script = target.script if target else "app.py"
    cluster = start_target(target, logdir) if target else None
    key = target.key if target else "url"
    try:
        url = cluster.url if cluster else url
        server = replicas(cluster) if cluster else None
        proxy = nginx(cluster) if cluster and target and target.proxy else None
        static: list[str] = []
        if args.static == "fetch":
            static = cold_files(url + "?" + LINK)
            log(f"{key}: a cold browser fetches {len(static)} web files")
        if cluster is not None:
            asyncio.run(warm_up([r.url for r in cluster.replicas], LINK))
        calibration: dict[str, dict[str, float]] = {}
        if server is not None and not args.no_calibrate:
            calibration = asyncio.run(
                calibrate(url, LINK, mover(script), server, proxy, static, args.calibrate_n, script == FLOOR.script)
            )
            for kind, c in calibration.items():
                log(f"  {key:8s} {kind:28s} replica {c['replica_ms']:6.1f} ms, nginx {c['nginx_ms']:5.1f} ms")
        meter = Meter(server, proxy, cluster, probe)
        warm = meter.memory() if server is not None else {}
        log(f"{key}: shape {shape.name} ({shape.description})")
        run_start = time.perf_counter()
        steps: list[dict[str, Any]] = []

        def at_boundary(event: str, i: int) -> bool:
            meter(event, i)
            if event == "end":
                steps.append(step_result(i, shape.steps[i], meter, collector, visits, run_start))
                print(step_line(key, steps[-1]), flush=True)
                if args.stop_when_overloaded and overloaded(steps[-1]):
                    log(f"{key}: overloaded at {shape.steps[i].per_s:g} visits/s; no higher step")
                    return False
            return True

        collector = Collector()
        visits: list[Visit] = []
        after: dict[str, Any] = {}
        rounds: list[dict[str, Any]] = []
        for round_no in range(args.rounds):
            if round_no:
                # The same visits again (same seed): what a round leaves behind that the one
                # before did not is growth per round, not a cache filling with new plans.
                log(f"{key}: round {round_no + 1} of {args.rounds}")
                collector, visits = Collector(), []
            asyncio.run(
                run_visits(
                    url,
                    LINK,
                    mix,
                    shape,
                    mover(script),
                    static=static,
                    timeout_s=args.timeout,
                    collector=collector,
                    at_boundary=at_boundary if round_no == 0 else (lambda event, i: True),
                    seed=args.seed,
                    visits=visits,
                )
            )
            if server is not None and args.cooldown_s > 0:
                log(f"{key}: every tab closed; waiting {args.cooldown_s:.0f} s (the session TTL is {TTL_S:.0f} s)")
                time.sleep(args.cooldown_s)  # the server forgets the closed sessions (the TTL), then memory is read
                after = meter.memory()
                rounds.append(after)
                log(f"{key}: sessions expired after round {round_no + 1}: {_memory(after)}")
                before = rounds[-2] if len(rounds) > 1 else warm
                grew = {t: n - before.get("types", {}).get(t, 0) for t, n in after.get("types", {}).items()}
                top = sorted(grew.items(), key=lambda kv: -kv[1])[:8]
                log(f"{key}:   grew most since the last reading: {', '.join(f'{t} {n:+,}' for t, n in top)}")
        restarts = sum(r.restarts for r in cluster.replicas) if cluster else 0
        return {
            "target": key,
            "label": target.label if target else url,
            "shape": shape.name,
            "static_files": len(static),
            "calibration": calibration,
            "steps": steps,
            "warm": warm,
            "after": after,
            "rounds": rounds,
            "replica_restarts": restarts,
            "visits": len([s for s in collector.samples if s.kind == "open"]),
        }
    finally:
        if cluster is not None:
            cluster.stop()


# --- the summary ------------------------------------------------------------------------------


def peak_step(run: dict[str, Any]) -> dict[str, Any] | None:
    """The busiest step that kept the latency and error goals."""
    good = [s for s in run["steps"] if meets_goals(s)]
    return max(good, key=lambda s: s["visits_per_s"]) if good else None


def scaling_row(two: dict[str, Any], one: dict[str, Any]) -> Row:
    a, b = peak_step(two), peak_step(one)
    q = a["visits_per_s"] / b["visits_per_s"] if a and b else None
    top_two = two["steps"][-1]["per_s_planned"] if two["steps"] else 0
    capped = a is not None and a is two["steps"][-1]
    return Row(
        "peak visits/s within the goals: 2 replicas vs 1 (floor col.)",
        f"{a['visits_per_s']:.2f}" if a else "none",
        f"{b['visits_per_s']:.2f}" if b else "none",
        fmt_ratio(q),
        ">= 1.4 x",
        None if q is None or capped else q >= 1.4,
        note=(f"2 replicas kept the goals up to the shape's last step ({top_two:g}/s): add steps; " if capped else "")
        + (
            f"at the peaks: loadgen {a['loadgen_cores']:.2f} / {b['loadgen_cores']:.2f} cores, "
            f"nginx {a['nginx_cores'] or 0:.2f} / {b['nginx_cores'] or 0:.2f}, "
            f"replicas {a['server_cores'] or 0:.2f} / {b['server_cores'] or 0:.2f}"
            if a and b
            else ""
        ),
    )


def _p50_p95(kind: dict[str, Any]) -> str:
    return f"{fmt_ms(kind['p50_ms'])}/{fmt_ms(kind['p95_ms'])}".replace(" ms", "")


def _server_per_visit(step: dict[str, Any]) -> float | None:
    """Replicas' and nginx's CPU seconds per visit (None if a replica restarted)."""
    cpu = step["server_cpu_s_per_visit"]
    return None if cpu is None else float(cpu + (step["nginx_cpu_s_per_visit"] or 0.0))


def summary(res: dict[str, Any], quick: bool) -> list[Row]:
    rows: list[Row] = []
    runs = {r["target"]: r for r in res["runs"]}
    ours = next((runs[k] for k in ("ours2", "ours1", "ours1-nginx", "url") if k in runs), None)
    floor = next((runs[k] for k in ("floor2", "floor", "floor-nginx") if k in runs), None)
    note = "a smoke run; the goals are for the viral hour" if quick else ""
    for run in (r for r in (ours, floor) if r is not None):
        for c_kind, c in run["calibration"].items():
            rows.append(
                Row(
                    f"  alone, {run['target']}: {c_kind}",
                    f"{c['replica_ms']:.1f} ms",
                    "",
                    "",
                    note=f"server CPU per request, n={c['n']}; nginx {c['nginx_ms']:.1f} ms",
                )
            )
    if ours is None:
        return rows
    # 1 replica against 2: behind nginx both (ours1 alone would serve the web files from Python).
    one = next((runs[k] for k in ("ours1-nginx", "ours1") if k in runs), None)
    if one is not None and "ours2" in runs:
        rows.append(scaling_row(runs["ours2"], one))
    for i, step in enumerate(ours["steps"]):
        other = floor["steps"][i] if floor and i < len(floor["steps"]) else None
        judged = not quick and ours["shape"] == "viral_hour"

        def both(
            key: str, fmt: Callable[[Any], str], step: dict[str, Any] = step, other: Any = other
        ) -> tuple[str, str]:
            return fmt(step[key]), (fmt(other[key]) if other else "")

        k, ko = step["kinds"], (other["kinds"] if other else None)
        head = f"step {step['step']} ({step['per_s_planned']:g}/s planned)"
        rows.append(Row(f"{head}: visits/s", *both("visits_per_s", lambda v: f"{v:.2f}")))
        open_p95 = k["open"]["p95_ms"]
        rows.append(
            Row(
                "  open p95 (document -> first run)",
                fmt_ms(open_p95),
                fmt_ms(ko["open"]["p95_ms"]) if ko else "",
                goal=f"<= {GOALS['open_p95_ms']:.0f} ms",
                met=(open_p95 is not None and open_p95 <= GOALS["open_p95_ms"]) if judged else None,
                note=note or f"p50 {fmt_ms(k['open']['p50_ms'])}, p99 {fmt_ms(k['open']['p99_ms'])}",
            )
        )
        inter = step["interactions"]
        rows.append(
            Row(
                "  interactions p95 / p99",
                f"{fmt_ms(inter['p95_ms'])} / {fmt_ms(inter['p99_ms'])}",
                (
                    f"{fmt_ms(other['interactions']['p95_ms'])} / {fmt_ms(other['interactions']['p99_ms'])}"
                    if other
                    else ""
                ),
                goal="<= 250 / 1000 ms",
                met=(
                    inter["p95_ms"] is not None
                    and inter["p95_ms"] <= GOALS["interaction_p95_ms"]
                    and inter["p99_ms"] <= GOALS["interaction_p99_ms"]
                )
                if judged
                else None,
                note=note or f"n={inter['n']}",
            )
        )
        for kind in INTERACTIONS:
            if k[kind]["n"] or k[kind]["errors"]:
                rows.append(
                    Row(
                        f"    {kind}: p50 / p95 / p99 (n={k[kind]['n']})",
                        f"{fmt_ms(k[kind]['p50_ms'])}/{fmt_ms(k[kind]['p95_ms'])}".replace(" ms", ""),
                        (
                            f"{fmt_ms(ko[kind]['p50_ms'])}/{fmt_ms(ko[kind]['p95_ms'])}".replace(" ms", "")
                            if ko and ko[kind]["n"]
                            else ""
                        ),
                        note=f"p99 {fmt_ms(k[kind]['p99_ms'])}; errors {k[kind]['errors']}",
                    )
                )
        rows.append(
            Row(
                "  errors (all kinds)",
                str(step["errors"]),
                str(other["errors"]) if other else "",
                goal="0",
                met=step["errors"] == 0 if judged else None,
                note=note,
            )
        )
        cpu = step["server_cpu_s_per_visit"]
        nginx_cpu = step["nginx_cpu_s_per_visit"] or 0.0
        total = None if cpu is None else cpu + nginx_cpu
        rows.append(
            Row(
                "  server CPU-s per visit (replicas + nginx)",
                "n/a" if total is None else f"{total:.3f}",
                ""
                if not other or other["server_cpu_s_per_visit"] is None
                else f"{other['server_cpu_s_per_visit'] + (other['nginx_cpu_s_per_visit'] or 0):.3f}",
                goal=f"<= {GOALS['cpu_s_per_visit']} CPU-s",
                met=(total is not None and total <= GOALS["cpu_s_per_visit"]) if judged else None,
                note=(note + "; " if note else "")
                + (
                    ""
                    if cpu is None
                    else f"nginx {nginx_cpu * 1000:.1f} ms; replicas {step['server_cores'] or 0:.2f} cores"
                ),
            )
        )
        rows.append(
            Row(
                "  load generator CPU per visit; cores",
                f"{(step['loadgen_cpu_s_per_visit'] or 0) * 1000:.0f} ms",
                f"{(other['loadgen_cpu_s_per_visit'] or 0) * 1000:.0f} ms" if other else "",
                note=f"{step['loadgen_cores']:.2f} cores; load avg {step['loadavg']:.1f}",
            )
        )
        rows.append(
            Row(
                "  sessions connected / disconnected",
                f"{step['active_sessions']} / {step['disconnected_within_ttl']}",
                f"{other['active_sessions']} / {other['disconnected_within_ttl']}" if other else "",
                note=f"connected: the replicas' count; disconnected: tabs closed < {TTL_S:.0f} s ago; "
                f"tabs open {step['tabs_open']}; RSS {step['server_rss_mib'] or 0:.0f} MiB; "
                f"Python objects {step.get('server_objects') or 0:,}",
            )
        )
        rows.append(
            Row(
                "  longest pause between finished runs",
                *both("longest_pause_ms", fmt_ms),
                note=f"while a request waited; any gap: {fmt_ms(step['longest_gap_ms'])}",
            )
        )
    for when, label in (("warm", "after warm-up, before the visits"), ("after", "after the run, sessions expired")):
        mine = ours.get(when) or {}
        theirs = (floor.get(when) or {}) if floor else {}
        if not mine:
            continue
        rows.append(
            Row(
                f"{label}: replicas' RSS / Python objects",
                _memory(mine),
                _memory(theirs) if theirs else "",
                note=f"{mine['active_sessions']} sessions connected; objects counted after a full collection",
            )
        )
    rounds = ours.get("rounds") or []
    for n, mem in enumerate(rounds[1:], start=2):
        rows.append(Row(f"after round {n} of the same visits, sessions expired", _memory(mem), ""))
    # With several rounds of the same visits, round 1 is the warm-up: the app's caches of plans
    # (bounded) then hold what the visits ask for, and later rounds show growth per round.
    warm, after = (rounds[0], rounds[-1]) if len(rounds) > 1 else (ours.get("warm") or {}, ours.get("after") or {})
    since = "round 1" if len(rounds) > 1 else "warm-up"
    if warm.get("rss_mib") and after.get("rss_mib") and warm.get("objects") and after.get("objects"):
        rss_ratio, objects_ratio = after["rss_mib"] / warm["rss_mib"], after["objects"] / warm["objects"]
        rows.append(
            Row(
                f"nothing leaks: after the last round vs after {since} (RSS, objects)",
                f"{rss_ratio:.2f} x, {objects_ratio:.2f} x",
                "",
                goal="both <= 1.10 x",
                met=None if quick else (rss_ratio <= 1.10 and objects_ratio <= 1.10),
                note="" if not quick else "a smoke run",
            )
        )
    return rows


def _memory(m: dict[str, Any]) -> str:
    objects = f"{m['objects']:,}" if m.get("objects") is not None else "n/a"
    return f"{m['rss_mib']:.0f} MiB / {objects}" if m.get("rss_mib") is not None else "n/a"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the quick shape, ours2 and floor2 (a smoke run)")
    ap.add_argument("--shape", help="a shape in loadgen/visits.toml (default viral_hour; quick: quick)")
    ap.add_argument("--targets", default="ours2,floor2", help=f"comma list of: {', '.join(TARGETS)}")
    ap.add_argument("--url", help="measure this running target instead (no server CPU)")
    ap.add_argument("--static", choices=("fetch", "skip"), default="fetch", help="cold visits fetch the web files")
    ap.add_argument("--no-calibrate", action="store_true", help="skip the per-kind calibration")
    ap.add_argument("--calibrate-n", type=int, default=8, help="requests per kind in the calibration (default 8)")
    ap.add_argument(
        "--cooldown-s", type=float, help=f"wait after the run, then read memory (default {TTL_S + 30:.0f}; quick 0)"
    )
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds a request may take (default 10)")
    ap.add_argument("--stop-when-overloaded", action="store_true", help="no higher step once one is far past the goals")
    ap.add_argument(
        "--rounds", type=int, default=1, help="run the shape this many times, memory read after each (a leak check)"
    )
    ap.add_argument("--seed", type=int, default=1, help="the arrivals' random seed (each visit has its own)")
    args = ap.parse_args(argv)
    shape_name = args.shape or ("quick" if args.quick else "viral_hour")
    if args.cooldown_s is None:
        args.cooldown_s = 0.0 if args.quick else TTL_S + 30
    mix, shape = load_visits(shape_name)
    targets: list[Target | None] = [None] if args.url else []
    if not args.url:
        for key in args.targets.split(","):
            if key not in TARGETS:
                ap.error(f"unknown target {key!r}; there are: {', '.join(TARGETS)}")
            targets.append(TARGETS[key])
    logdir = Path(tempfile.mkdtemp(prefix="bench-visits-"))
    log(f"server logs and nginx files in {logdir}")
    # Every replica started from here counts its Python objects when asked (bench/probe).
    probe = None if args.url else ObjectProbe(logdir / "probe").enable()
    res: dict[str, Any] = {
        "config": vars(args) | {"shape": shape_name, "mix": mix, "steps": shape.steps, "link": LINK, "goals": GOALS},
        "machine": machine_info(),
        "runs": [],
    }
    for target in targets:
        res["runs"].append(run_target(target, args.url or "", mix, shape, logdir, args, probe))
    title = f"visits arriving at random, shape {shape_name} (open loop)"
    finish("bench_visits", title, summary(res, args.quick), res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
