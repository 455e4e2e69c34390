"""The reader's plan in the Streamlit session, kept in step with the page's link.

The canonical plan is one :class:`~runners_face.state.PlanState` in ``st.session_state``.
Widgets have their own keys; they are seeded from the plan when first drawn and write back
to it in their ``on_change`` callbacks, which also rewrite the link.

The pace slider is the exception: it is bound to the address (``bind="query-params"``), so
the browser writes its value to ``pace_lb`` or ``pace_kg`` itself as the reader moves it.
A slider move then sends no link update from the server and adds no browser history entry.
:func:`write_link` never sets those keys; it drops them when it writes the whole address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import streamlit as st

from runners_face import state as codec
from runners_face.state import PlanState

PLAN = "plan"
NOTES = "link_notes"
TIP_IDS = "tip_ids"
WRITTEN = "link_written"


def init(tip_ids: Iterable[str]) -> bool:
    """Read the link when the session starts; later reruns keep the session's own plan, unless
    the address changed without the app writing it: the reader pressed Back or Forward (each
    change other than a slider move adds a history entry). Then the plan follows the address
    again, and the function returns True so the caller can redraw the widgets from it."""
    ids = tuple(tip_ids)
    st.session_state[TIP_IDS] = ids
    if PLAN in st.session_state:
        address = {key: st.query_params.get(key) for key in st.query_params if key not in SLIDER_KEYS}
        if address == st.session_state.get(WRITTEN, address):
            return False
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    decoded = codec.decode(params, ids)
    followed = PLAN in st.session_state
    st.session_state[PLAN] = decoded.state
    st.session_state[NOTES] = decoded.notes
    write_link(decoded.state)
    return followed


def plan() -> PlanState:
    value: PlanState = st.session_state[PLAN]
    return value


def notes() -> tuple[str, ...]:
    value: tuple[str, ...] = st.session_state.get(NOTES, ())
    return value


def update(*, write: bool = True, **changes: Any) -> PlanState:
    """Change the plan and rewrite the link to match (unless the caller writes it later)."""
    new = replace(plan(), **changes)
    st.session_state[PLAN] = new
    if write:
        write_link(new)
    return new


def set_plan(new: PlanState) -> None:
    st.session_state[PLAN] = new
    write_link(new)


SLIDER_KEYS = frozenset(codec.SLIDER_PACE_KEYS.values())


def write_link(current: PlanState) -> None:
    """Make the address bar hold the whole plan, so a bookmark or reload restores it.

    One message, so one browser history entry. ``pace`` holds the plan's pace, which is the
    slider's value; the slider's own key (see the module notes) is dropped from the address:
    Streamlit lets ``from_dict`` clear it (it only forbids setting it), and with ``pace`` equal
    to the slider's value, the key adds nothing. The slider writes it again when it next moves.
    """
    wanted = codec.encode(current, st.session_state.get(TIP_IDS, ()))
    have = {key: st.query_params.get(key) for key in st.query_params}
    if have != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[WRITTEN] = wanted


def link_pace() -> float:
    """The pace the address's ``pace`` key holds, as :func:`write_link` last wrote it: the
    slider's default, so that when the reader moves the slider back to it and the slider drops
    its own key, a reload still finds it."""
    written: dict[str, str] = st.session_state[WRITTEN]
    return float(written["pace"])


def seed(key: str, value: Any) -> None:
    """Give a widget its value from the plan the first time it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = value


def forget(*keys: str) -> None:
    """Drop widget values so they are drawn again from the plan (after a unit change)."""
    for key in keys:
        st.session_state.pop(key, None)
