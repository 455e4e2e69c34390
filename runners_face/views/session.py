"""The reader's plan in the Streamlit session, kept in step with the page's link.

The canonical plan is one :class:`~runners_face.state.PlanState` in ``st.session_state``.
Widgets have their own keys; they are seeded from the plan when first drawn and write back
to it in their ``on_change`` callbacks, which also rewrite the link, in place: Back leaves the
page (readers use it to go back to where they came from), and a link to another plan, opened
in the same tab, is followed (:func:`init`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, ParamSpec
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from runners_face import state as codec
from runners_face.state import PlanState

P = ParamSpec("P")

PLAN = "plan"
NOTES = "link_notes"
TIP_IDS = "tip_ids"
WRITTEN = "link_written"
LIVE = "live_plan"
ARRIVED_WITH_PLAN = "arrived_with_plan"


@dataclass
class Live:
    """The session's plan as it is now, for code that runs outside a script run.

    A download button's file is made when the reader clicks it, in a request outside any
    script run, where ``st.session_state`` cannot be read; the button's callable keeps this
    object instead, which every plan change updates. So a download always carries the plan as
    it is at the click, even after pace changes that did not redraw the button.
    """

    plan: PlanState


def live() -> Live:
    holder: Live | None = st.session_state.get(LIVE)
    if holder is None:
        holder = Live(plan())
        st.session_state[LIVE] = holder
    return holder


def init(tip_ids: Iterable[str]) -> bool:
    """Read the link when the session starts; later reruns keep the session's own plan, unless
    the address changed without the app writing it (the reader followed a link to another plan,
    or a browser moved through its history). Then the plan follows the address again, and the
    function returns True so the caller can draw the widgets again from it.

    Reading the address never writes it: a reader who arrives and leaves adds no history entry,
    and keys this page does not use (``utm_source``, ``fbclid``) stay as they are."""
    ids = tuple(tip_ids)
    st.session_state[TIP_IDS] = ids
    address = {key: st.query_params.get(key) for key in st.query_params}
    if PLAN in st.session_state and _same_but_pace(address, st.session_state.get(WRITTEN, address)):
        # The pace control writes the pace into the address in the browser; Streamlit 1.67's page
        # sends that address after it reconnects, before the control's commit. The commit brings
        # the pace; reading the rest of the link again would undo what the reader typed since.
        return False
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    decoded = codec.decode(params, ids, today=today())
    followed = PLAN in st.session_state
    if not followed:
        st.session_state[ARRIVED_WITH_PLAN] = "weight" in st.query_params or "goal" in st.query_params
    st.session_state[NOTES] = decoded.notes
    set_plan(decoded.state, write=False)
    st.session_state[WRITTEN] = address
    return followed


def _same_but_pace(address: dict[str, str | None], written: dict[str, str | None]) -> bool:
    pace_keys = {codec.PACE_KEY, *codec.LEGACY_PACE_KEYS}

    def others(query: dict[str, str | None]) -> dict[str, str | None]:
        return {key: value for key, value in query.items() if key not in pace_keys}

    return others(address) == others(written)


def tip_ids() -> tuple[str, ...]:
    """The checklist's tip ids, in the content's order (the order ticks are written in the link)."""
    ids: tuple[str, ...] = st.session_state.get(TIP_IDS, ())
    return ids


def link_had_plan() -> bool:
    """Whether the link the reader arrived by carried a plan (a weight or a goal)."""
    return bool(st.session_state.get(ARRIVED_WITH_PLAN))


def view() -> str:
    """The part of the page asked for: "planner" (``?view=planner``, the planner alone, for a
    publisher's page), or "" for the whole page."""
    return "planner" if st.query_params.get("view", "").strip().lower() == "planner" else ""


def embedded() -> bool:
    """Whether the page is in a publisher's iframe (Streamlit's own ``?embed=true``, which Streamlit
    1.67 keeps out of ``st.query_params``)."""
    return bool(st.context.is_embedded)


def today() -> dt.date:
    """Today in the reader's own time zone (the browser's), so dates match their calendar."""
    name = st.context.timezone
    try:
        zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return dt.datetime.now(zone).date()


def plan() -> PlanState:
    value: PlanState = st.session_state[PLAN]
    return value


def notes() -> tuple[str, ...]:
    value: tuple[str, ...] = st.session_state.get(NOTES, ())
    return value


def update(**changes: Any) -> PlanState:
    """Change fields of the plan and rewrite the link to match."""
    new = replace(plan(), **changes)
    set_plan(new)
    return new


def set_plan(new: PlanState, *, write: bool = True) -> None:
    st.session_state[PLAN] = new
    live().plan = new
    if write:
        write_link(new)


def write_link(current: PlanState) -> None:
    """Make the address bar hold the whole plan, so a bookmark or reload restores it; keys this
    page does not use stay as they were.

    Nothing is sent when the address already holds the plan. In Streamlit 1.67 the page adds a
    browser history entry for each address the server writes; the page script
    (``page_script.js``) makes it replace the entry instead, so Back leaves the page.
    """
    wanted: dict[str, str | list[str]] = dict(codec.encode(current, st.session_state.get(TIP_IDS, ())))
    for key in st.query_params:
        if key not in codec.KEYS:
            wanted[key] = st.query_params.get_all(key)
    have = {key: st.query_params.get_all(key) for key in st.query_params}
    if have != {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}:
        st.query_params.from_dict(wanted)
    st.session_state[WRITTEN] = {key: st.query_params.get(key) for key in st.query_params}


def seed(key: str, value: Any) -> None:
    """Give a widget its value from the plan the first time it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = value


def forget(*keys: str) -> None:
    """Drop widget values so they are drawn again from the plan (after a unit change)."""
    for key in keys:
        st.session_state.pop(key, None)


DRAWING = "runs_drawing"
"""The runs (the whole page, or a fragment's name) that started drawing and have not finished."""
WHOLE_PAGE = "page"
PAGE_PLAN = "page_plan"
"""What the last whole-page run drew from: the plan (without what the fragments draw on their
own) and the widgets outside the fragments that :func:`outside_fragments` names."""
OUTSIDE = "outside_keys"
_this_run = threading.local()  # Streamlit runs each session's script in a thread of its own


@contextlib.contextmanager
def page_run() -> Iterator[None]:
    """Around a run of the whole page: it draws every fragment, so no cut-off run is pending."""
    st.session_state[DRAWING] = {WHOLE_PAGE}
    _this_run.whole_page = True
    try:
        yield
        st.session_state[DRAWING].discard(WHOLE_PAGE)  # not on an exception: a cut-off run stays marked
        st.session_state[PAGE_PLAN] = _drawn_by_the_page()
    finally:
        _this_run.whole_page = False


def outside_fragments(*keys: str) -> None:
    """Name widgets outside any fragment whose change must redraw the page (an expander whose
    body is drawn only while open, for one)."""
    st.session_state.setdefault(OUTSIDE, set()).update(keys)


def _drawn_by_the_page() -> tuple[PlanState, tuple[tuple[str, str], ...]]:
    """The plan without the pace and the ticks, which their own fragments follow, and the named
    widgets' values."""
    drawn = replace(plan(), typed_pace=PlanState().typed_pace, ticks=frozenset())
    keys = sorted(st.session_state.get(OUTSIDE, ()))
    return drawn, tuple((key, repr(st.session_state.get(key))) for key in keys)


def whole_run(name: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """For a fragment's body: if this run cut another one short, run the whole page instead.

    In Streamlit 1.67 a fragment's run preempts any run in progress (``script_requests.py``,
    ``on_scriptrunner_yield``) and the cut-off run is not queued again. A tick whose
    checklist run was cut short by a pace commit then stayed in the link while the checklist
    still said "0 of 6 tips in place". Each run marks itself while it draws; a fragment's own
    run that finds another's mark (or the page's) asks for a run of the whole page instead,
    which draws them all. So does one that finds the plan, or a widget outside the fragments,
    changed since the last page run (a unit switch, or the weigh-ins opened, whose page run the
    pace commit sent just before it cut short before it began): a fragment's run draws from the
    arguments of the last page run, and nothing else would draw the rest.
    """

    def decorate(body: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(body)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            drawing: set[str] = st.session_state.setdefault(DRAWING, set())
            moved_on = st.session_state.get(PAGE_PLAN) != _drawn_by_the_page()
            if not getattr(_this_run, "whole_page", False) and (drawing - {name} or moved_on):
                drawing.clear()
                st.rerun(scope="app")
            drawing.add(name)
            body(*args, **kwargs)
            drawing.discard(name)  # not in a finally: a cut-off run must stay marked

        return run

    return decorate


def marks(name: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """For the callback of a widget in fragment ``name``: its run is marked from the callback on
    (Streamlit 1.67 can cut a run short during a callback, at the first message it sends, such as
    the new address), so the fragment is drawn again if this run does not finish."""

    def decorate(callback: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(callback)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            st.session_state.setdefault(DRAWING, set()).add(name)
            callback(*args, **kwargs)

        return run

    return decorate


def unmark(name: str) -> None:
    """A callback that replaces its fragment's run with another's (``st.rerun(fragment)``)."""
    st.session_state.get(DRAWING, set()).discard(name)
