"""The closed-loop diagnostic: a crowd of busy readers, step by step, until the server is full.

:func:`run_shape` grows a :class:`~loadgen.crowd.Crowd` through the steps of a load shape
(``loadgen/load_shapes.toml``): each session moves the pace, waits for the answer, thinks, and
moves again. Per step: moves/s, p50/p95 latency, errors by kind, and the CPU and memory of the
server's processes, nginx and the load generator (:class:`~bench.servers.ProcessGroup`). A closed
loop slows down instead of failing when the server is full, so its peak moves/s is a replica's
capacity for pace commits; the visit workload (``bench_visits.py``) is the one that models readers.
:func:`idle_memory` measures the server's memory per idle session.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psutil

from bench.report import percentile
from bench.servers import ProcessGroup
from loadgen.crowd import Crowd, Move, NoMove, Shape
from loadgen.protocol import Collector, error_kind


@dataclass
class StepResult:
    sessions: int
    think_s: tuple[float, float]
    window_s: float
    moves: int
    moves_per_s: float
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    errors: int
    open_errors: int
    error_kinds: dict[str, int]
    server_cpu_cores: float | None
    """Server CPU seconds per second of the window (1.0 = one core busy); None if a server
    process was replaced during the window (a replica restarted)."""
    server_restarted: bool
    server_rss_mib: float
    proxy_cpu_cores: float | None
    """nginx's CPU seconds per second of the window (None without nginx)."""
    loadgen_cpu_cores: float
    loadavg: float


async def run_shape(
    url: str,
    link: str,
    shape: Shape,
    make_move: Callable[[int], Move],
    server: ProcessGroup,
    *,
    timeout_s: float = 10.0,
    proxy: ProcessGroup | None = None,
    on_step: Callable[[StepResult], None] | None = None,
) -> list[StepResult]:
    """Run every step of ``shape`` against ``url``; one result per step."""
    collector = Collector()
    crowd = Crowd(url, link, make_move, collector, timeout_s)
    me = psutil.Process()
    results = []
    try:
        for step in shape.steps:
            crowd.think_s = step.think_s
            open_errors = await crowd.open(step.sessions, shape.open_concurrency)
            await asyncio.sleep(step.settle_s)  # let the new sessions' first moves spread out
            proxy0 = proxy.cpu_s() if proxy else 0.0
            pids0 = server.pids()
            t0, cpu0, mine0 = time.perf_counter(), server.cpu_s(), sum(me.cpu_times()[:2])
            await asyncio.sleep(step.hold_s)  # the measuring window
            t1, cpu1, mine1 = time.perf_counter(), server.cpu_s(), sum(me.cpu_times()[:2])
            restarted = server.pids() != pids0
            proxy1 = proxy.cpu_s() if proxy else 0.0
            moves = collector.between("move", t0, t1)
            ok = [s.seconds * 1000 for s in moves if s.error is None]
            bad = [s for s in moves if s.error is not None]
            kinds: dict[str, int] = {}
            for sample in bad:
                kinds[error_kind(sample.error or "")] = kinds.get(error_kind(sample.error or ""), 0) + 1
            window = t1 - t0
            result = StepResult(
                sessions=len(crowd.sessions),
                think_s=step.think_s,
                window_s=window,
                moves=len(ok),
                moves_per_s=len(ok) / window,
                p50_ms=percentile(ok, 50),
                p95_ms=percentile(ok, 95),
                max_ms=max(ok) if ok else None,
                errors=len(bad),
                open_errors=open_errors,
                error_kinds=kinds,
                server_cpu_cores=None if restarted else (cpu1 - cpu0) / window,
                server_restarted=restarted,
                server_rss_mib=server.rss_mib(),
                proxy_cpu_cores=(proxy1 - proxy0) / (t1 - t0) if proxy else None,
                loadgen_cpu_cores=(mine1 - mine0) / window,
                loadavg=psutil.getloadavg()[0],
            )
            results.append(result)
            if on_step:
                on_step(result)
    finally:
        await crowd.close()
    return results


async def idle_memory(
    url: str, link: str, sessions: int, server: ProcessGroup, *, base: int = 20, settle_s: float = 5.0
) -> dict[str, Any]:
    """Server memory per idle session: RSS with ``sessions`` open minus RSS with ``base`` open,
    divided by the difference. Every session opens (one full run) and then does nothing."""
    collector = Collector()
    crowd = Crowd(url, link, lambda _n: NoMove(), collector, 30.0, moving=False)
    try:
        base_failed = await crowd.open(base, 8)
        await asyncio.sleep(settle_s)  # let the runs' temporaries be freed before reading RSS
        rss_base = server.rss_mib()
        failed = await crowd.open(sessions, 8)
        await asyncio.sleep(settle_s)
        rss_all = server.rss_mib()
        opened = len(crowd.sessions)
        alive = sum(1 for s in crowd.sessions if not s.closed.is_set())
    finally:
        await crowd.close()
    connects = [s.seconds * 1000 for s in collector.samples if s.kind == "connect" and s.error is None]
    return {
        "sessions": opened,
        "alive_at_end": alive,
        "open_errors": base_failed + failed,
        "base_sessions": base,
        "rss_base_mib": rss_base,
        "rss_all_mib": rss_all,
        "per_session_mib": (rss_all - rss_base) / max(1, opened - base),
        "open_p50_ms": statistics.median(connects) if connects else None,
    }
