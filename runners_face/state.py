"""The reader's plan and checklist as a URL query string, and back.

One codec, pure (no Streamlit), used for the page's own address, the "copy link" and the
"share without my numbers" link. The query string is the only place a reader's numbers are
kept: nothing is stored on the server.

Format (every key optional; unknown keys are ignored with a note)::

    ?units=lb&weight=180&goal=165&pace=1            plan, weights in the entry unit
    &sex=female&age=40&height=165&activity=1.6      "About you" (height in cm)
    &tips=slow-loss,sunscreen                       ticked tips, by id

Weights are in pounds for ``units=lb`` and ``units=st`` and in kilograms for ``units=kg``;
the pace is in the same unit a week. Decoding never raises: a bad value is replaced by a
safe one and a plain-words note says what was ignored or changed.

The page's own address has one more key: the pace slider keeps its value in ``pace_lb``
(pounds and stones) or ``pace_kg`` (kilograms) itself, as the reader moves it, and that key
wins over ``pace``. Shared links carry only ``pace``. A slider pace is used as given when it
is a number within the slider's bounds, as Streamlit's slider does; otherwise ``pace`` is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Literal, cast

from runners_face.model import ACTIVITY_LEVELS
from runners_face.pace import pace_scale, snap_pace
from runners_face.units import UNITS, Unit, base_unit, convert

Sex = Literal["female", "male"]

WEIGHT_BOUNDS: Final[dict[str, tuple[float, float]]] = {"lb": (67.0, 700.0), "kg": (30.0, 320.0)}
DEFAULT_WEIGHTS: Final[dict[str, tuple[float, float]]] = {"lb": (180.0, 165.0), "kg": (82.0, 75.0)}
AGE_BOUNDS: Final = (18, 100)
HEIGHT_CM_BOUNDS: Final = (120.0, 230.0)
ACTIVITY_VALUES: Final[tuple[float, ...]] = tuple(ACTIVITY_LEVELS.values())
DEFAULT_ACTIVITY: Final = 1.6 if 1.6 in ACTIVITY_VALUES else ACTIVITY_VALUES[0]

SLIDER_PACE_KEYS: Final[dict[str, str]] = {"lb": "pace_lb", "kg": "pace_kg"}
"""The pace slider's own key in the page's address, per base unit (see the module notes)."""
KEYS: Final = (
    "units",
    "weight",
    "goal",
    "pace",
    *SLIDER_PACE_KEYS.values(),
    "sex",
    "age",
    "height",
    "activity",
    "tips",
)
ABOUT_KEYS: Final = ("sex", "age", "height", "activity")
PRIVATE_KEYS: Final = ("weight", "goal", *ABOUT_KEYS)
"""Keys left out of the "share without my numbers" link."""

MAX_VALUE_CHARS: Final = 200


@dataclass(frozen=True)
class AboutYou:
    """Optional details that switch on the realistic (energy-balance) curve."""

    sex: Sex = "female"
    age_years: int = 40
    height_cm: float = 165.0
    activity_level: float = DEFAULT_ACTIVITY


@dataclass(frozen=True)
class PlanState:
    """Everything a reader can set, in the units they chose."""

    units: Unit = "lb"
    weight: float = DEFAULT_WEIGHTS["lb"][0]
    goal: float = DEFAULT_WEIGHTS["lb"][1]
    pace: float = 1.0
    about: AboutYou | None = None
    ticks: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Decoded:
    """A decoded query string: the state to use and what was ignored or changed."""

    state: PlanState
    notes: tuple[str, ...]


def default_state(units: Unit = "lb") -> PlanState:
    weight, goal = DEFAULT_WEIGHTS[base_unit(units)]
    return PlanState(units=units, weight=weight, goal=goal, pace=pace_scale(units).default)


def round_weight(value: float) -> float:
    return round(value, 1)


def clamp_weight(value: float, units: Unit) -> float:
    low, high = WEIGHT_BOUNDS[base_unit(units)]
    return round_weight(min(high, max(low, value)))


def with_units(state: PlanState, units: Unit) -> PlanState:
    """The same plan in other units: weights and pace converted and snapped to the new scale."""
    if units == state.units:
        return state
    old = state.units
    return replace(
        state,
        units=units,
        weight=clamp_weight(convert(state.weight, old, units), units),
        goal=clamp_weight(convert(state.goal, old, units), units),
        pace=snap_pace(convert(state.pace, old, units), units),
    )


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _safe_key(key: str) -> str:
    """A key fit to show on the page: plain letters only, or a generic phrase."""
    return f"'{key}'" if re.fullmatch(r"[a-z_]{1,20}", key) else "a setting with an unusual name"


def _last(values: str | Sequence[str]) -> tuple[str, bool]:
    if isinstance(values, str):
        return values, False
    return (values[-1] if values else ""), len(values) > 1


def decode(params: Mapping[str, str | Sequence[str]], tip_ids: Iterable[str] = ()) -> Decoded:
    """Read a query string (as a mapping of key to value or list of values) into a plan.

    Never raises. Each value that cannot be used is replaced by a safe one and named in
    ``notes``; values on the page are never echoed, only key names made of plain letters.

    >>> decode({"units": "kg", "weight": "90", "pace": "9"}).state.pace
    1.4
    """
    notes: list[str] = []
    raw: dict[str, str] = {}
    unknown = 0
    for key, values in params.items():
        if key not in KEYS:
            unknown += 1
            continue
        value, repeated = _last(values)
        if key in SLIDER_PACE_KEYS.values():
            # Read as Streamlit's slider reads it: several values mean none, and no length cut.
            if repeated:
                notes.append(f"Ignored {_safe_key(key)}: the link gave it more than once.")
            else:
                raw[key] = value
            continue
        if repeated:
            notes.append(f"The link gave {_safe_key(key)} more than once; the last one was used.")
        if len(value) > MAX_VALUE_CHARS:
            notes.append(f"Ignored {_safe_key(key)}: the value was too long.")
            continue
        raw[key] = value
    if unknown:
        notes.append(f"Ignored {unknown} setting{'s' if unknown > 1 else ''} in the link that this page does not use.")

    units: Unit = "lb"
    if "units" in raw:
        text = raw["units"].strip().lower()
        if text in UNITS:
            units = text
        else:
            notes.append("Ignored 'units': use lb, kg or st. Showing pounds.")
    state = default_state(units)
    low, high = WEIGHT_BOUNDS[base_unit(units)]
    unit_name = base_unit(units)

    weights = {"weight": state.weight, "goal": state.goal}
    for key in ("weight", "goal"):
        if key not in raw:
            continue
        number = _number(raw[key])
        if number is None:
            notes.append(f"Ignored '{key}': it was not a number.")
        elif not low <= number <= high:
            weights[key] = clamp_weight(number, units)
            notes.append(f"Changed '{key}' to {weights[key]:g} {unit_name}, the nearest the planner allows.")
        else:
            weights[key] = round_weight(number)

    pace = state.pace
    if "pace" in raw:
        number = _number(raw["pace"])
        scale = pace_scale(units)
        if number is None:
            notes.append("Ignored 'pace': it was not a number.")
        else:
            pace = snap_pace(number, units)
            if not scale.minimum <= number <= scale.maximum:
                notes.append(f"Changed 'pace' to {pace:g} {unit_name} a week, the nearest the planner allows.")
    slider_key = SLIDER_PACE_KEYS[unit_name]
    if slider_key in raw:
        # Mirrors how Streamlit seeds the slider from this key, so the plan and the slider agree.
        number = _number(raw[slider_key])
        scale = pace_scale(units)
        if number is None:
            notes.append(f"Ignored '{slider_key}': it was not a number.")
        elif not scale.minimum <= number <= scale.maximum:
            notes.append(
                f"Ignored '{slider_key}': it was outside {scale.minimum:g}–{scale.maximum:g} {unit_name} a week."
            )
        else:
            pace = number

    about = _decode_about(raw, notes)
    ticks = _decode_ticks(raw, tuple(tip_ids), notes)
    return Decoded(
        PlanState(units, weights["weight"], weights["goal"], pace, about, ticks),
        tuple(notes),
    )


def _decode_about(raw: Mapping[str, str], notes: list[str]) -> AboutYou | None:
    if not any(key in raw for key in ABOUT_KEYS):
        return None
    about = AboutYou()
    if "sex" in raw:
        sex = raw["sex"].strip().lower()
        if sex in ("female", "male"):
            about = replace(about, sex=cast(Sex, sex))
        else:
            notes.append("Ignored 'sex': use female or male.")
    if "age" in raw:
        age = _number(raw["age"])
        if age is None or not AGE_BOUNDS[0] <= age <= AGE_BOUNDS[1]:
            notes.append(f"Ignored 'age': it must be a whole number of years from {AGE_BOUNDS[0]} to {AGE_BOUNDS[1]}.")
        else:
            about = replace(about, age_years=round(age))
    if "height" in raw:
        height = _number(raw["height"])
        if height is None or not HEIGHT_CM_BOUNDS[0] <= height <= HEIGHT_CM_BOUNDS[1]:
            notes.append(
                f"Ignored 'height': it must be in centimetres, from {HEIGHT_CM_BOUNDS[0]:g} to {HEIGHT_CM_BOUNDS[1]:g}."
            )
        else:
            about = replace(about, height_cm=round(height, 1))
    if "activity" in raw:
        level = _number(raw["activity"])
        if level is None or level not in ACTIVITY_VALUES:
            notes.append("Ignored 'activity': it was not one of the listed activity levels.")
        else:
            about = replace(about, activity_level=level)
    return about


def _decode_ticks(raw: Mapping[str, str], tip_ids: tuple[str, ...], notes: list[str]) -> frozenset[str]:
    if "tips" not in raw:
        return frozenset()
    given = [part.strip() for part in raw["tips"].split(",") if part.strip()]
    known = frozenset(tip for tip in given if tip in tip_ids)
    if len(known) < len(set(given)):
        notes.append("Ignored ticks for tips this page does not have.")
    return known


def _number_text(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def encode(state: PlanState, tip_ids: Iterable[str] = (), *, private: bool = False) -> dict[str, str]:
    """Write a plan as query parameters (all values strings).

    ``tip_ids`` gives the order ticks are written in (the content's order); with
    ``private=True`` the weights and "About you" are left out, for sharing the idea only.

    >>> encode(PlanState(units="kg", weight=82.0, goal=75.0, pace=0.5))
    {'units': 'kg', 'weight': '82', 'goal': '75', 'pace': '0.5'}
    """
    params = {
        "units": state.units,
        "weight": _number_text(state.weight),
        "goal": _number_text(state.goal),
        "pace": _number_text(state.pace),
    }
    if state.about is not None:
        params |= {
            "sex": state.about.sex,
            "age": str(state.about.age_years),
            "height": _number_text(state.about.height_cm),
            "activity": _number_text(state.about.activity_level),
        }
    order = list(tip_ids)
    ordered = [tip for tip in order if tip in state.ticks] + sorted(state.ticks - set(order))
    if ordered:
        params["tips"] = ",".join(ordered)
    if private:
        params = {key: value for key, value in params.items() if key not in PRIVATE_KEYS}
    return params
