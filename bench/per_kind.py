"""What each kind of request costs the server alone: the visit workload's calibration.

Before the load, ``bench_visits.py`` measures each kind of request of a visit one after another
(``n`` sessions, the server's processes idle before and after each batch): the replicas' and
nginx's CPU per request. Under load the costs add up to the server's CPU per visit; alone, they
say which kind it goes to.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from bench.report import log
from bench.servers import ProcessGroup
from loadgen.crowd import Move
from loadgen.protocol import Collector, RunError, StreamlitSession
from loadgen.visits import Mix, Visit, change


async def calibrate(
    url: str,
    link: str,
    make_move: Callable[[int], Move],
    server: ProcessGroup,
    proxy: ProcessGroup | None,
    static: Sequence[str],
    n: int,
    pace_and_weight_only: bool = False,
) -> dict[str, dict[str, float]]:
    """Server CPU per request of each kind, measured alone: ``n`` sessions one after another,
    the processes idle before and after each batch (10 ms CPU ticks, summed over the batch)."""
    out: dict[str, dict[str, float]] = {}
    both = [g for g in (server, proxy) if g is not None]

    def settle() -> None:
        for group in both:
            group.settle()

    async def measure(kind: str, action: Callable[[int], Any]) -> None:
        settle()
        c0, p0 = server.cpu_s(), proxy.cpu_s() if proxy else 0.0
        done = 0
        for i in range(n):
            try:
                await action(i)
                done += 1
            except (RunError, LookupError) as error:
                log(f"  calibration {kind}: {error}")
        settle()
        if done:
            out[kind] = {
                "replica_ms": (server.cpu_s() - c0) * 1000 / done,
                "nginx_ms": ((proxy.cpu_s() if proxy else 0.0) - p0) * 1000 / done,
                "n": done,
            }

    collector = Collector()
    sessions: list[StreamlitSession] = []
    mix = Mix()

    def visit_for(i: int) -> Visit:
        visit = Visit(10_000 + i, url, link, mix, make_move(10_000 + i), collector, static, 30.0, asyncio.Event())
        return visit

    visits = [visit_for(i) for i in range(n)]

    async def open_cold(i: int) -> None:
        await visits[i].session.open(static)
        sessions.append(visits[i].session)

    async def open_warm(i: int) -> None:
        s = StreamlitSession(url, link, collector, 20_000 + i, 30.0)
        await s.open()
        await s.close()

    async def run_states(i: int, states: list[Any]) -> None:
        for state in states:
            await visits[i].session.rerun(state)

    await measure("open, cold (web files)" if static else "open", open_cold)
    await measure("open, warm cache", open_warm)
    await measure("commit (one per burst)", lambda i: run_states(i, visits[i].move.burst(visits[i].session, 3)[:1]))
    if not pace_and_weight_only:  # the floor app has only the pace and a weight
        await measure("tick", lambda i: _first_tick(visits[i]))
        await measure("download", lambda i: visits[i].download())
        await measure("share box opened", lambda i: visits[i].share())
        await measure("commit, share box open", lambda i: run_states(i, visits[i].move.burst(visits[i].session, 1)))
        await measure("download, share box open", lambda i: visits[i].download())
        await measure("about you on", lambda i: visits[i].about())
    await measure("weight typed", lambda i: visits[i].weight())
    bad = [s for s in collector.samples if s.error]
    if bad:
        log(f"  calibration: {len(bad)} failed requests, e.g. {bad[0].kind}: {bad[0].error}")
    await asyncio.gather(*(v.session.close() for v in visits), return_exceptions=True)
    return out


async def _first_tick(visit: Visit) -> None:
    tips = [w for w in visit.session.widgets.values() if w.type == "checkbox" and "-tip_" in w.id]
    if not tips:
        raise LookupError("no tips")

    await visit.session.rerun(change(visit.session, tips[0], bool_value=True))
