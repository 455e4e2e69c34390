"""Readers who arrive at random, each one visit of the page: an open-loop load.

Visits arrive as a Poisson process, step by step (``visits.toml``: the rate and how long), and
each does what :class:`Mix` says: opens the link (the document, for most visits the page's web
files as a cold browser fetches them, the websocket and the first run), reads, then does its
interactions in a random order (a burst of pace moves, ticks, the share box, a download, a
typed weight, "About you"), and leaves after a few minutes, or leaves its tab open. Arrivals do
not wait for the server: when it is full, latency and errors grow, as they would for readers.

Every request goes to one :class:`~loadgen.protocol.Collector`, with these kinds:

* ``open``: from the document's request to the first run's ``script_finished`` (``page``,
  ``static`` and ``connect`` are its parts);
* ``commit``: a pace commit, as the page sends it (``pace_move``'s ``burst``: one per burst, or
  one per move while the page is ``eager``); ``tick``, ``share``, ``weight``, ``about``: a run
  for that widget, send -> ``script_finished``; ``download``: the click -> the file received.

:func:`run_visits` runs the steps and calls back at each step's boundaries, so a benchmark can
read the server's counters there (``bench/bench_visits.py``).
"""

from __future__ import annotations

import asyncio
import functools
import random
import time
import tomllib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from streamlit.proto.WidgetStates_pb2 import WidgetState

from loadgen.crowd import Move
from loadgen.protocol import Collector, RunError, StreamlitSession, Widget

VISITS = Path(__file__).resolve().parent / "visits.toml"
KINDS = ("open", "commit", "tick", "share", "download", "weight", "about")
"""What a visit does, as sample kinds (``page``, ``static`` and ``connect`` are parts of ``open``)."""


@dataclass(frozen=True)
class Mix:
    """What one visit does (see ``visits.toml``): shares of visits, and ranges to draw from."""

    cold: float = 0.8
    read_s: tuple[float, float] = (20.0, 60.0)
    gap_s: tuple[float, float] = (2.0, 10.0)
    burst_moves: tuple[int, int] = (3, 8)
    move_gap_s: tuple[float, float] = (0.3, 1.5)
    tick: float = 0.5
    ticks: tuple[int, int] = (1, 4)
    tick_gap_s: tuple[float, float] = (3.0, 15.0)
    share: float = 0.3
    download: float = 0.15
    weight: float = 0.2
    about: float = 0.1
    stay_s: tuple[float, float] = (60.0, 240.0)
    leave_open: float = 0.3

    def scaled(self, factor: float) -> Mix:
        """The same visit with every time (reading, gaps, staying) multiplied by ``factor``."""

        def times(pair: tuple[float, float]) -> tuple[float, float]:
            return (pair[0] * factor, pair[1] * factor)

        return replace(
            self,
            read_s=times(self.read_s),
            gap_s=times(self.gap_s),
            move_gap_s=times(self.move_gap_s),
            tick_gap_s=times(self.tick_gap_s),
            stay_s=times(self.stay_s),
        )


@dataclass(frozen=True)
class Step:
    per_s: float
    seconds: float
    settle_s: float


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    steps: tuple[Step, ...]
    time_scale: float = 1.0


def load_visits(shape: str, path: Path = VISITS) -> tuple[Mix, Shape]:
    """The mix and one shape from the TOML file; a clear error names what is wrong."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    shapes = data.get("shapes", {})
    if shape not in shapes:
        raise SystemExit(f"no shape {shape!r} in {path}; there are: {', '.join(shapes)}")
    known = {f.name for f in fields(Mix)}
    unknown = set(data.get("mix", {})) - known
    if unknown:
        raise SystemExit(f"{path}: [mix] has unknown keys {sorted(unknown)}; known: {sorted(known)}")
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.get("mix", {}).items()}
    mix = Mix(**values)
    raw = shapes[shape]
    steps = []
    for i, step in enumerate(raw["steps"]):
        per_s, seconds, settle_s = float(step["per_s"]), float(step["seconds"]), float(step.get("settle_s", 0))
        if per_s <= 0 or seconds <= 0 or not 0 <= settle_s < seconds:
            raise SystemExit(
                f"{path}: shape {shape}, step {i + 1}: need per_s > 0, seconds > 0, 0 <= settle_s < seconds"
            )
        steps.append(Step(per_s, seconds, settle_s))
    return mix, Shape(shape, str(raw.get("description", "")), tuple(steps), float(raw.get("time_scale", 1.0)))


def _find(session: StreamlitSession, suffix: str, kind: str = "") -> Widget:
    for widget in session.widgets.values():
        if widget.id.endswith(f"-{suffix}") and (not kind or widget.type == kind):
            return widget
    raise LookupError(f"no widget with key {suffix!r} on the page")


def change(session: StreamlitSession, widget: Widget, **value: Any) -> Any:
    """The rerun request that changes one widget, as the page sends it (its fragment, if any)."""
    state = WidgetState(id=widget.id)
    for name, v in value.items():
        setattr(state, name, v)
    return session.client_state([state], fragment_id=widget.fragment_id)


def _weight_field(session: StreamlitSession) -> Widget:
    """The current-weight field (ours and the floor's have the same label)."""
    for widget in session.widgets.values():
        if widget.type == "number_input" and widget.label.startswith("Current weight"):
            return widget
    raise LookupError("no current-weight field on the page")


def available(session: StreamlitSession) -> set[str]:
    """The interactions this page offers (the floor app has only the pace and a weight)."""
    kinds = {"commit"}
    keys = {w.id.rsplit("-", 1)[-1] for w in session.widgets.values()}
    if any(w.type == "checkbox" and "-tip_" in w.id for w in session.widgets.values()):
        kinds.add("tick")
    if "share_box" in keys:
        kinds.add("share")
    if any(w.type == "download_button" for w in session.widgets.values()):
        kinds.add("download")
    if "about_on" in keys:
        kinds.add("about")
    try:
        _weight_field(session)
        kinds.add("weight")
    except LookupError:
        pass
    return kinds


@dataclass
class Visit:
    """One reader's visit (see the module notes); ``run`` does it, reporting every request."""

    number: int
    url: str
    link: str
    mix: Mix
    move: Move
    collector: Collector
    static: Sequence[str]
    timeout_s: float
    stop: asyncio.Event
    rng: random.Random = field(init=False)
    session: StreamlitSession = field(init=False)
    left_open: bool = False
    closed_at: float | None = None
    """When the reader closed the tab (perf_counter); None while it is open."""

    def __post_init__(self) -> None:
        self.rng = random.Random(self.number)
        self.session = StreamlitSession(self.url, self.link, self.collector, self.number, self.timeout_s)

    def _draw(self, pair: tuple[float, float]) -> float:
        return self.rng.uniform(*pair)

    async def _pause(self, seconds: float) -> bool:
        """Wait ``seconds`` (the reader reads or thinks); False if the run is ending."""
        try:
            await asyncio.wait_for(self.stop.wait(), max(0.0, seconds))
            return False
        except TimeoutError:
            return True

    async def _timed(self, kind: str, request: Callable[[], Awaitable[object]]) -> None:
        start = time.perf_counter()
        try:
            await request()
        except RunError as error:
            self.collector.record(kind, start, str(error), self.number)
        except LookupError as error:  # the widget is not on the page
            self.collector.record(kind, start, f"missing: {error}", self.number)
        else:
            self.collector.record(kind, start, None, self.number)

    # --- what a reader does ------------------------------------------------------------------

    async def burst(self) -> None:
        moves = self.rng.randint(*self.mix.burst_moves)
        # The moves themselves happen in the browser; the page sends what ``burst`` says, each
        # commit after the move that made it (or, for one commit, after the last move).
        sends = self.move.burst(self.session, moves)
        per_send = moves if len(sends) == moves else 0
        if not per_send and not await self._pause(sum(self._draw(self.mix.move_gap_s) for _ in range(moves - 1))):
            return
        for state in sends:
            if per_send and not await self._pause(self._draw(self.mix.move_gap_s)):
                return
            await self._timed("commit", functools.partial(self.session.rerun, state))

    async def ticks(self) -> None:
        tips = [w for w in self.session.widgets.values() if w.type == "checkbox" and "-tip_" in w.id]
        self.rng.shuffle(tips)
        for i, tip in enumerate(tips[: self.rng.randint(*self.mix.ticks)]):
            if i and not await self._pause(self._draw(self.mix.tick_gap_s)):
                return
            await self._timed("tick", functools.partial(self.session.rerun, change(self.session, tip, bool_value=True)))

    async def share(self) -> None:
        async def open_box() -> None:
            await self.session.rerun(change(self.session, _find(self.session, "share_box"), bool_value=True))

        await self._timed("share", open_box)

    async def download(self) -> None:
        async def click() -> None:
            buttons = [w for w in self.session.widgets.values() if w.type == "download_button"]
            csv = [w for w in buttons if w.id.endswith("-download_csv")]
            if not buttons:
                raise LookupError("no download button on the page")
            await self.session.download((csv or buttons)[0])

        await self._timed("download", click)

    async def weight(self) -> None:
        async def type_weight() -> None:
            field_ = _weight_field(self.session)
            now = field_.element.value if field_.element.HasField("value") else field_.element.default
            await self.session.rerun(change(self.session, field_, double_value=float(now) - 1.0))

        await self._timed("weight", type_weight)

    async def about(self) -> None:
        async def switch_on() -> None:
            await self.session.rerun(change(self.session, _find(self.session, "about_on"), bool_value=True))

        await self._timed("about", switch_on)

    async def run(self) -> None:
        """The whole visit; returns when the reader left (or the run is ending)."""
        start = time.perf_counter()
        cold = self.rng.random() < self.mix.cold
        try:
            await self.session.open(self.static if cold else ())
        except RunError as error:
            self.collector.record("open", start, str(error), self.number)
            await self.close()
            return
        self.collector.record("open", start, None, self.number)
        chosen = [self.burst]
        offered = available(self.session)
        for kind, share, action in (
            ("tick", self.mix.tick, self.ticks),
            ("share", self.mix.share, self.share),
            ("download", self.mix.download, self.download),
            ("weight", self.mix.weight, self.weight),
            ("about", self.mix.about, self.about),
        ):
            # Draw for every kind (the same visits choose the same on every page), and keep
            # what this page offers.
            if self.rng.random() < share and kind in offered:
                chosen.append(action)
        self.rng.shuffle(chosen)
        stay = self._draw(self.mix.stay_s)
        self.left_open = self.rng.random() < self.mix.leave_open
        if await self._pause(self._draw(self.mix.read_s)):
            for i, action in enumerate(chosen):
                if (i and not await self._pause(self._draw(self.mix.gap_s))) or self.session.closed.is_set():
                    break
                await action()
            if await self._pause(stay - (time.perf_counter() - start)) and self.left_open:
                return  # the tab stays open until the run ends (run_visits closes it)
        await self.close()

    async def close(self) -> None:
        if self.closed_at is None:
            self.closed_at = time.perf_counter()
        await self.session.close()


async def run_visits(
    url: str,
    link: str,
    mix: Mix,
    shape: Shape,
    make_move: Callable[[int], Move],
    *,
    static: Sequence[str] = (),
    timeout_s: float = 10.0,
    collector: Collector | None = None,
    at_boundary: Callable[[str, int], bool | None] | None = None,
    seed: int = 1,
    visits: list[Visit] | None = None,
) -> tuple[Collector, list[Visit]]:
    """Run every step of ``shape``: visits arrive at random at each step's rate.
    ``at_boundary("start", i)`` is called once step ``i`` has settled (its measuring window
    begins) and ``at_boundary("end", i)`` when it ends (returning False there stops before
    the next step). Then every visit still going on is
    stopped and its tab closed. ``visits`` (if given) is filled as readers arrive."""
    collector = collector or Collector()
    mix = mix.scaled(shape.time_scale)
    stop = asyncio.Event()
    rng = random.Random(seed)
    visits = [] if visits is None else visits
    tasks: list[asyncio.Task[None]] = []

    def arrive() -> None:
        visit = Visit(len(visits), url, link, mix, make_move(len(visits)), collector, static, timeout_s, stop)
        visits.append(visit)
        tasks.append(asyncio.create_task(visit.run(), name=f"visit-{visit.number}"))

    try:
        for i, step in enumerate(shape.steps):
            begin = time.perf_counter()
            measuring = step.settle_s == 0
            if measuring and at_boundary is not None:
                at_boundary("start", i)
            due = begin
            while True:
                due += rng.expovariate(step.per_s)  # Poisson arrivals: exponential gaps
                if due >= begin + step.seconds:
                    break
                if not measuring and due >= begin + step.settle_s:
                    await asyncio.sleep(max(0.0, begin + step.settle_s - time.perf_counter()))
                    measuring = True
                    if at_boundary is not None:
                        at_boundary("start", i)
                await asyncio.sleep(max(0.0, due - time.perf_counter()))  # the next reader arrives
                arrive()
            await asyncio.sleep(max(0.0, begin + step.seconds - time.perf_counter()))
            if at_boundary is not None:
                if not measuring:
                    at_boundary("start", i)
                if at_boundary("end", i) is False:
                    break  # the caller has seen enough (e.g. the server gave way at this rate)
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.gather(*(v.close() for v in visits), return_exceptions=True)
    return collector, visits
