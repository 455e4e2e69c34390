"""The reader's plan in the Streamlit session, kept in step with the page's link.

The canonical plan is one :class:`~runners_face.state.PlanState` in ``st.session_state``.
Widgets have their own keys; they are seeded from the plan when first drawn and write back
to it in their ``on_change`` callbacks, which also rewrite the link.

The pace slider is the exception: it is bound to the address (``bind="query-params"``), so
the browser writes its value to ``pace_lb`` or ``pace_kg`` itself as the reader moves it.
A slider move then sends no link update from the server and adds no browser history entry.
:func:`write_link` never touches those two keys.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from runners_face import state as codec
from runners_face.pace import snap_pace
from runners_face.state import PlanState
from runners_face.units import base_unit

PLAN = "plan"
NOTES = "link_notes"
TIP_IDS = "tip_ids"


def init(tip_ids: Iterable[str]) -> None:
    """Read the link once per browser session; later reruns keep the session's own plan."""
    ids = tuple(tip_ids)
    st.session_state[TIP_IDS] = ids
    if PLAN in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    decoded = codec.decode(params, ids)
    st.session_state[PLAN] = decoded.state
    st.session_state[NOTES] = decoded.notes
    write_link(decoded.state)


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

    ``pace`` is written with the rest; the slider's own key (see the module notes) is left to
    the slider, as Streamlit forbids setting a key bound to a widget.
    """
    wanted = codec.encode(current, st.session_state.get(TIP_IDS, ()))
    have = {key: st.query_params.get(key) for key in st.query_params if key not in SLIDER_KEYS}
    if have == wanted:
        return
    slider_key = codec.SLIDER_PACE_KEYS[base_unit(current.units)]
    try:
        # One message for the whole address. The slider's key is carried over as it is; this
        # works until the slider first binds it (the first run of a session).
        carried = {slider_key: st.query_params[slider_key]} if slider_key in st.query_params else {}
        st.query_params.from_dict(wanted | carried)
    except StreamlitAPIException:
        # The slider's key is bound now: change the other keys one by one. Removals are rare
        # (switching "About you" off, clearing every tick).
        for key in have.keys() - wanted.keys():
            del st.query_params[key]
        changed = {key: value for key, value in wanted.items() if have.get(key) != value}
        if changed:
            st.query_params.update(changed)


def link_pace(current: PlanState) -> float:
    """The pace the address's ``pace`` key holds: the slider's default, so that when the reader
    moves the slider back to it and the slider drops its own key, a reload still finds it."""
    raw = st.query_params.get("pace")
    try:
        value = float(raw) if raw is not None else math.nan
    except ValueError:
        value = math.nan
    return snap_pace(value, current.units)


def seed(key: str, value: Any) -> None:
    """Give a widget its value from the plan the first time it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = value


def forget(*keys: str) -> None:
    """Drop widget values so they are drawn again from the plan (after a unit change)."""
    for key in keys:
        st.session_state.pop(key, None)
