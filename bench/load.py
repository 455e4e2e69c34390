"""Drive many protocol sessions (``protocol.py``) through a load shape (``load_shapes.toml``).

The shape is data; the client is :class:`~bench.protocol.StreamlitSession`; the move is a
``pace_move`` object; every request goes to one :class:`~bench.protocol.Collector`. This module
turns them into numbers per step: moves/s, p50/p95 latency, errors, and the CPU and memory of
the server's processes (psutil). :class:`BackgroundLoad` runs sessions in a thread for tests
(e.g. while a replica is killed).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import psutil

from bench.protocol import Collector, RunError, StreamlitSession

SHAPES = Path(__file__).resolve().parent / "load_shapes.toml"


class Move(Protocol):
    """What ``pace_move`` provides: see ``ControlPaceMove`` (ours) and ``SliderPaceMove`` (the floor)."""

    def ready(self, session: StreamlitSession) -> bool: ...

    def next_move(self, session: StreamlitSession) -> Any: ...


@dataclass(frozen=True)
class Step:
    sessions: int
    think_s: tuple[float, float]
    settle_s: float
    hold_s: float


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    open_concurrency: int
    steps: tuple[Step, ...]


def load_shape(name: str, path: Path = SHAPES) -> Shape:
    """One shape from the TOML file; a clear error names what is wrong."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if name not in data:
        raise SystemExit(f"no shape {name!r} in {path}; there are: {', '.join(data)}")
    raw = data[name]
    steps = []
    for i, step in enumerate(raw["steps"]):
        low, high = (float(x) for x in step["think_s"])
        if not (0 <= low <= high) or int(step["sessions"]) < 1:
            raise SystemExit(
                f"{path}: shape {name}, step {i + 1}: need sessions >= 1 and 0 <= think_s[0] <= think_s[1]"
            )
        steps.append(Step(int(step["sessions"]), (low, high), float(step["settle_s"]), float(step["hold_s"])))
    return Shape(name, str(raw.get("description", "")), int(raw.get("open_concurrency", 8)), tuple(steps))


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolation percentile (q in 0..100); None without data."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


class ProcessGroup:
    """CPU seconds and memory of a set of processes (the server's), read with psutil."""

    def __init__(self, pids: Callable[[], Sequence[int]]) -> None:
        self._pids = pids

    def _procs(self) -> list[psutil.Process]:
        procs = []
        for pid in self._pids():
            try:
                proc = psutil.Process(pid)
                procs.append(proc)
                procs.extend(proc.children(recursive=True))
            except psutil.Error:
                continue
        return procs

    def pids(self) -> frozenset[int]:
        """The processes' ids now (a restarted replica has a new one)."""
        return frozenset(p.pid for p in self._procs())

    def cpu_s(self) -> float:
        total = 0.0
        for proc in self._procs():
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                continue
        return total

    def rss_mib(self) -> float:
        total = 0
        for proc in self._procs():
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total / 2**20


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


@dataclass
class _Crowd:
    """The open sessions and what they do; the current step's think time is shared."""

    url: str
    link: str
    make_move: Callable[[int], Move]
    collector: Collector
    timeout_s: float
    think_s: tuple[float, float] = (1.0, 1.0)
    sessions: list[StreamlitSession] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    moving: bool = True
    cookies: Callable[[int], dict[str, str]] | None = None
    """Cookies a session starts with (e.g. a sticky route to one replica), by session number."""

    async def open(self, count: int, concurrency: int) -> int:
        """Open sessions until there are ``count``; returns how many failed to open."""
        gate = asyncio.Semaphore(concurrency)
        failures = 0

        async def one(number: int) -> None:
            nonlocal failures
            session = StreamlitSession(self.url, self.link, self.collector, number, self.timeout_s)
            if self.cookies is not None:
                session.cookies.update(self.cookies(number))
            async with gate:
                try:
                    await session.open()
                except RunError:
                    failures += 1
                    await session.close()
                    return
            self.sessions.append(session)
            if self.moving:
                self.tasks.append(asyncio.create_task(self._loop(session, self.make_move(number))))

        start = len(self.sessions)
        await asyncio.gather(*(one(n) for n in range(start, start + max(0, count - start))))
        return failures

    async def _loop(self, session: StreamlitSession, move: Move) -> None:
        rng = random.Random(session.number)
        while not self.stop.is_set():
            # Think first, so sessions that opened together do not move together.
            think = rng.uniform(*self.think_s)
            try:
                await asyncio.wait_for(self.stop.wait(), think)
                return
            except TimeoutError:
                pass
            start = time.perf_counter()
            try:
                if session.closed.is_set():
                    await session.reconnect(give_up_s=self.timeout_s * 3)
                    continue
                await session.rerun(move.next_move(session))
                self.collector.record("move", start, None, session.number)
            except RunError as error:
                self.collector.record("move", start, str(error), session.number)
            except LookupError as error:  # the control is not on the page
                self.collector.record("move", start, f"control missing: {error}", session.number)

    async def close(self) -> None:
        self.stop.set()
        for task in self.tasks:  # a move still waiting for its answer is not counted
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await asyncio.gather(*(s.close() for s in self.sessions), return_exceptions=True)


def error_kind(message: str) -> str:
    for prefix in ("no script_finished", "websocket closed", "exception on the page", "could not reconnect", "page"):
        if message.startswith(prefix):
            return prefix
    return message.split(":")[0][:40]


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
    crowd = _Crowd(url, link, make_move, collector, timeout_s)
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
    crowd = _Crowd(url, link, lambda _n: _NoMove(), collector, 30.0, moving=False)
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


class _NoMove:
    def ready(self, session: StreamlitSession) -> bool:
        return True

    def next_move(self, session: StreamlitSession) -> Any:
        raise LookupError("idle sessions do not move")


class BackgroundLoad:
    """Protocol sessions moving the pace in a background thread, for tests.

    ``BackgroundLoad(url, link, make_move, sessions=6, think_s=(0.2, 0.4)).start()`` opens the
    sessions (through nginx each gets its own sticky cookie) and keeps them moving until
    :meth:`stop`, which returns the collector. :meth:`routes` gives each session's cookie, so a
    test can tell which replica served it (``Cluster.replica_for_route``). A session whose
    socket closes reconnects as a page does and carries on.
    """

    def __init__(
        self,
        url: str,
        link: str,
        make_move: Callable[[int], Move],
        sessions: int,
        think_s: tuple[float, float] = (0.2, 0.4),
        timeout_s: float = 10.0,
        cookies: Callable[[int], dict[str, str]] | None = None,
    ) -> None:
        self.collector = Collector()
        self._crowd: _Crowd | None = None
        self._args = (url, link, make_move, sessions, think_s, timeout_s)
        self._cookies = cookies
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="background-load", daemon=True)
        self.open_errors = 0
        self._stopped = False

    def start(self, timeout_s: float = 120.0) -> BackgroundLoad:
        self._thread.start()
        url, link, make_move, sessions, think_s, step_timeout = self._args

        async def begin() -> int:
            self._crowd = _Crowd(url, link, make_move, self.collector, step_timeout, think_s, cookies=self._cookies)
            return await self._crowd.open(sessions, 4)

        self.open_errors = asyncio.run_coroutine_threadsafe(begin(), self._loop).result(timeout_s)
        return self

    def routes(self, cookie: str = "stroute") -> dict[int, str]:
        """Session number -> its sticky cookie value."""
        assert self._crowd is not None
        return {s.number: s.cookies.get(cookie, "") for s in self._crowd.sessions}

    def sessions(self) -> list[StreamlitSession]:
        assert self._crowd is not None
        return list(self._crowd.sessions)

    def stop(self, timeout_s: float = 60.0) -> Collector:
        """Stop every session and return the collector (a second call only returns it)."""
        if self._stopped:
            return self.collector
        self._stopped = True
        if self._crowd is not None:
            asyncio.run_coroutine_threadsafe(self._crowd.close(), self._loop).result(timeout_s)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout_s)
        self._loop.close()
        return self.collector

    def __enter__(self) -> BackgroundLoad:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
