"""A weight typed in stones and pounds: the two number fields, as the planner and the weigh-ins
draw them (one home for their bounds, steps and hints)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from runners_face.state import WEIGHT_BOUNDS
from runners_face.units import LB_PER_STONE, split_stones


def stones_and_pounds(
    label: str,
    keys: tuple[str, str],
    example_lb: float,
    on_change: Callable[..., None] | None = None,
    args: tuple[Any, ...] = (),
) -> None:
    """ "{label}: stones" and "and pounds", side by side where the caller puts them; both start
    empty (values come from ``st.session_state`` under ``keys``)."""
    low, high = WEIGHT_BOUNDS["lb"]
    st.number_input(
        f"{label}: stones",
        min_value=int(low // LB_PER_STONE),
        max_value=int(high // LB_PER_STONE),
        value=None,
        step=1,
        placeholder=f"e.g. {split_stones(example_lb)[0]}",
        key=keys[0],
        on_change=on_change,
        args=args,
    )
    st.number_input(
        "and pounds",
        min_value=0.0,
        max_value=13.9,
        value=None,
        step=0.5,
        format="%.1f",
        placeholder="e.g. 4",
        key=keys[1],
        on_change=on_change,
        args=args,
    )
