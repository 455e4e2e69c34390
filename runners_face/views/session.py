"""The reader's plan in the Streamlit session, kept in step with the page's link.

The canonical plan is one :class:`~runners_face.state.PlanState` in ``st.session_state``.
Widgets have their own keys; they are seeded from the plan when first drawn and write back
to it in their ``on_change`` callbacks, which also rewrite the link. The link is written
from callbacks, except for the pace slider, whose fragment writes it after the chart.
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


def write_link(current: PlanState) -> None:
    """Make the address bar hold the whole plan, so a bookmark or reload restores it."""
    wanted = codec.encode(current, st.session_state.get(TIP_IDS, ()))
    have = {key: st.query_params.get(key) for key in st.query_params}
    if have != wanted:
        st.query_params.from_dict(wanted)


def seed(key: str, value: Any) -> None:
    """Give a widget its value from the plan the first time it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = value


def forget(*keys: str) -> None:
    """Drop widget values so they are drawn again from the plan (after a unit change)."""
    for key in keys:
        st.session_state.pop(key, None)
