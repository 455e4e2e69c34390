"""Weight units: pounds, kilograms, and stones-and-pounds.

The app keeps weights in the reader's *entry unit*: pounds for ``"lb"`` and ``"st"``
(stones are only a way of writing pounds), kilograms for ``"kg"``. Maths runs in kg.
"""

from __future__ import annotations

import math
from typing import Final, Literal, get_args

Unit = Literal["lb", "kg", "st"]
UNITS: Final[tuple[Unit, ...]] = get_args(Unit)
UNIT_LABELS: Final[dict[Unit, str]] = {"lb": "Pounds (lb)", "kg": "Kilograms (kg)", "st": "Stones and pounds"}

KG_PER_LB: Final = 0.45359237  # exact, by the 1959 international yard and pound agreement
LB_PER_STONE: Final = 14
CM_PER_INCH: Final = 2.54
KM_PER_MILE: Final = 1.609344  # exact, by the same agreement

DistanceUnit = Literal["km", "mi"]

WEIGHT_BOUNDS_KG: Final = (30.0, 320.0)
"""The lightest and heaviest adult weight the page takes, in kg: the planner's fields and the
weigh-ins reader share them (the bounds in pounds are these, converted)."""


def base_unit(unit: Unit) -> Literal["lb", "kg"]:
    """The unit that numbers are typed and charted in: stones are entered as pounds."""
    return "kg" if unit == "kg" else "lb"


def to_kg(value: float, unit: Unit) -> float:
    """Convert a weight (or weekly pace) in the entry unit to kilograms."""
    return value if unit == "kg" else value * KG_PER_LB


def from_kg(kg: float, unit: Unit) -> float:
    """Convert kilograms to the entry unit (pounds for "lb" and "st")."""
    return kg if unit == "kg" else kg / KG_PER_LB


def convert(value: float, from_unit: Unit, to_unit: Unit) -> float:
    """Convert a value between entry units, e.g. 200 lb -> 90.7 kg."""
    return from_kg(to_kg(value, from_unit), to_unit)


def split_stones(pounds: float, decimals: int = 1) -> tuple[int, float]:
    """Split pounds into whole stones and the pounds left over: 158 lb -> (11, 4.0).

    The total is rounded first (to ``decimals``), so the pounds never round up to 14.
    """
    if not math.isfinite(pounds) or pounds < 0:
        raise ValueError(f"weight must be a non-negative number, got {pounds!r}")
    rounded = round(pounds, decimals)
    stones = int(rounded // LB_PER_STONE)
    return stones, round(rounded - stones * LB_PER_STONE, decimals)


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_weight(value: float, unit: Unit, decimals: int = 1) -> str:
    """Format a weight given in the entry unit: "150 lb", "68.5 kg", "10 st 10 lb"."""
    if unit == "st":
        stones, pounds = split_stones(value, decimals)
        if pounds == 0:
            return f"{stones} st"
        return f"{stones} st {_trim(pounds, decimals)} lb"
    return f"{_trim(value, decimals)} {unit}"


def format_pace(value: float, unit: Unit) -> str:
    """Format a weekly pace given in the base unit: "1 lb a week", "0.5 kg a week"."""
    return f"{_trim(value, 2)} {base_unit(unit)} a week"


def distance_unit(unit: Unit) -> DistanceUnit:
    """The unit running distances are typed and shown in: kilometres with kilograms, miles with
    pounds or stones."""
    return "km" if base_unit(unit) == "kg" else "mi"


def to_km(value: float, unit: DistanceUnit) -> float:
    """A distance in ``unit`` in kilometres."""
    return value if unit == "km" else value * KM_PER_MILE


def format_distance(value: float, unit: DistanceUnit) -> str:
    """A weekly running distance in its unit: "20 km", "12 miles", "1 mile"."""
    if unit == "km":
        return f"{_trim(value, 1)} km"
    return f"{_trim(value, 1)} {'mile' if value == 1 else 'miles'}"


def split_inches(inches: float) -> tuple[int, float]:
    """Split a height in inches into whole feet and the inches left over: 67.5 in -> (5, 7.5)."""
    feet = int(inches // 12)
    return feet, inches - feet * 12


def cm_to_feet_inches(cm: float) -> tuple[int, float]:
    """Split a height in centimetres into feet and inches (to the nearest half inch)."""
    return split_inches(round(cm / CM_PER_INCH * 2) / 2)
