"""Many readers' tabs at once: a crowd of protocol sessions moving the pace, in a closed loop.

A :class:`Crowd` opens :class:`~loadgen.protocol.StreamlitSession` s against one URL, and each
one moves the pace (a ``pace_move`` object), waits for the answer, thinks, and moves again,
reporting every request to one :class:`~loadgen.protocol.Collector`. How many sessions, and how
long they think, is a load shape: data in ``load_shapes.toml`` (:func:`load_shape`).
:class:`BackgroundLoad` runs a crowd in a thread, for tests (e.g. while a replica is killed);
``bench/closed_loop.py`` steps one through a shape and measures the server.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from loadgen.protocol import Collector, RunError, StreamlitSession

SHAPES = Path(__file__).resolve().parent / "load_shapes.toml"


class Move(Protocol):
    """What ``pace_move`` provides: see ``ControlPaceMove`` (ours) and ``SliderPaceMove`` (the floor)."""

    def ready(self, session: StreamlitSession) -> bool: ...

    def next_move(self, session: StreamlitSession) -> Any: ...

    def burst(self, session: StreamlitSession, moves: int) -> list[Any]: ...


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


@dataclass
class Crowd:
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


class NoMove:
    """The move of a crowd that only opens its sessions and keeps them open (``moving=False``)."""

    def ready(self, session: StreamlitSession) -> bool:
        return True

    def next_move(self, session: StreamlitSession) -> Any:
        raise LookupError("idle sessions do not move")

    def burst(self, session: StreamlitSession, moves: int) -> list[Any]:
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
        self._crowd: Crowd | None = None
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
            self._crowd = Crowd(url, link, make_move, self.collector, step_timeout, think_s, cookies=self._cookies)
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
