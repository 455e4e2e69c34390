"""Pace planner maths: the straight-line plan from the 3500 kcal per pound rule.

The article's advice is a steady loss of about 1-2 lb (0.45-0.9 kg) a week. This module
turns a current weight, a goal and a weekly pace into dates, weekly points and the rough
daily calorie cut, and says in words when a pace is faster than advised. It is pure: no
Streamlit, no clock (the caller passes today's date).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from runners_face.units import KG_PER_LB, Unit, base_unit, from_kg

KCAL_PER_LB: Final = 3500.0
"""Wishnofsky's 1958 rule of thumb: about 3500 kcal of cut per pound lost. Rough: it ignores
that the body burns less as weight falls (see ``runners_face.model``)."""

RECOMMENDED_LB_PER_WEEK: Final = (1.0, 2.0)
"""The article's range, "about 1 to 2 lbs per week" (the magazine's own advice, which matches
the CDC's "about 1 to 2 pounds per week")."""

ARTICLE_RANGE: Final[dict[str, tuple[float, float]]] = {"lb": RECOMMENDED_LB_PER_WEEK, "kg": (0.45, 0.9)}
"""The article's range as the page writes it in each base unit: 1-2 lb, or 0.45-0.9 kg a
week (1 lb is 0.4536 kg). Every verdict compares a pace *as the page shows it* with the range
*as the page writes it* in the reader's units, so the two can never disagree on the page."""

ATHLETE_SHARE_PER_WEEK: Final = (0.007, 0.014)
"""The two weekly paces, as a share of body weight, compared in a trial of 24 elite athletes
(Garthe et al., Int J Sport Nutr Exerc Metab 2011;21:97-104, doi:10.1123/ijsnem.21.2.97): the
0.7 % group gained lean mass (+2.1 %) and more strength; the 1.4 % group's lean mass did not
change. At 12 months the groups did not differ (Garthe et al., same journal, 2011;21:426-435)."""


@dataclass(frozen=True)
class PaceScale:
    """Constant slider bounds and presets for one base unit (constant so the slider keeps its value)."""

    unit: Literal["lb", "kg"]
    minimum: float
    maximum: float
    step: float
    default: float
    presets: tuple[float, ...]


PACE_SCALES: Final[dict[str, PaceScale]] = {
    "lb": PaceScale("lb", 0.25, 3.0, 0.25, 1.0, (0.5, 1.0, 1.5, 2.0)),
    "kg": PaceScale("kg", 0.1, 1.4, 0.05, 0.5, (0.25, 0.5, 0.7, 0.9)),
}


def pace_scale(unit: Unit) -> PaceScale:
    """The pace slider's scale for the reader's units (stones use pounds a week)."""
    return PACE_SCALES[base_unit(unit)]


def snap_pace(value: float, unit: Unit) -> float:
    """Clamp a pace to the slider's bounds and round it to the slider's step."""
    scale = pace_scale(unit)
    if not math.isfinite(value):
        return scale.default
    clamped = min(scale.maximum, max(scale.minimum, value))
    steps = round((clamped - scale.minimum) / scale.step)
    return round(scale.minimum + steps * scale.step, 2)


def pace_steps(unit: Unit) -> tuple[float, ...]:
    """Every pace the pace control offers for the reader's units, slowest first."""
    scale = pace_scale(unit)
    count = round((scale.maximum - scale.minimum) / scale.step) + 1
    return tuple(round(scale.minimum + index * scale.step, 2) for index in range(count))


def step_index(pace: float, unit: Unit) -> int:
    """The position of a pace (snapped first) among :func:`pace_steps`."""
    scale = pace_scale(unit)
    return round((snap_pace(pace, unit) - scale.minimum) / scale.step)


def daily_deficit_kcal(pace_kg_per_week: float) -> float:
    """Daily calorie cut implied by the 3500 kcal/lb rule.

    deficit = pace_lb_per_week * 3500 / 7. Example: 1 lb a week -> 500 kcal a day.
    """
    return pace_kg_per_week / KG_PER_LB * KCAL_PER_LB / 7


def pace_for_deficit(daily_kcal: float) -> float:
    """The weekly pace (kg) a daily calorie gap gives by the same 3500 kcal/lb rule: the inverse
    of :func:`daily_deficit_kcal`. Example: 500 kcal a day -> 1 lb (0.4536 kg) a week."""
    return daily_kcal * 7 / KCAL_PER_LB * KG_PER_LB


def days_to_goal(weight_kg: float, goal_kg: float, pace_kg_per_week: float) -> int:
    """Whole days to go from weight to goal at a steady pace (rounded up).

    Example: 20 lb at 1 lb a week -> 140 days.
    """
    if pace_kg_per_week <= 0:
        raise ValueError("pace must be positive")
    if goal_kg >= weight_kg:
        return 0
    # round() first so 140.0000000001 days (float noise) does not become 141
    return math.ceil(round((weight_kg - goal_kg) / pace_kg_per_week * 7, 6))


def weight_on_day(weight_kg: float, goal_kg: float, pace_kg_per_week: float, day: float) -> float:
    """Weight after ``day`` days on the straight-line plan; it stops at the goal."""
    return max(goal_kg, weight_kg - pace_kg_per_week * day / 7)


PaceVerdict = Literal["slower", "recommended", "faster"]
"""A planned pace against the article's 1-2 lb a week. (What the weigh-ins say about the reader's
real pace is :data:`runners_face.weighin_report.TrendVerdict`.)"""


@dataclass(frozen=True)
class PaceCheck:
    """How a pace compares with the article's 1-2 lb a week, and what share of body weight it is.

    ``verdict`` compares with the 1-2 lb range and nothing else. ``share_of_weight`` is the
    weekly pace as a share of today's weight (0.01 is 1 %), for a separate note.
    """

    verdict: PaceVerdict
    share_of_weight: float

    @property
    def above_athlete_trial_slow_pace(self) -> bool:
        """Faster than 1 % of body weight a week: between the two paces of Garthe et al. (2011)
        or beyond, where the trial's slower group kept more muscle."""
        return self.share_of_weight > 0.01 + 1e-9


def article_range(unit: Unit) -> tuple[float, float]:
    """The article's weekly range in the base unit of ``unit``: (1.0, 2.0) lb, or (0.45, 0.9) kg."""
    return ARTICLE_RANGE[base_unit(unit)]


def range_words(unit: Unit) -> str:
    """The range in words: "1–2 lb a week", or for a kilogram reader "1–2 lb (0.45–0.9 kg) a week"
    (the article's own units first)."""
    if base_unit(unit) == "kg":
        low, high = article_range(unit)
        return f"1–2 lb ({low:g}–{high:g} kg) a week"
    return "1–2 lb a week"


def pace_verdict(pace: float, unit: Unit) -> PaceVerdict:
    """A weekly loss as the page shows it (in the base unit of ``unit``) against the article's
    range as the page writes it.

    >>> pace_verdict(0.45, "kg"), pace_verdict(2.25, "lb"), pace_verdict(0.75, "st")
    ('recommended', 'faster', 'slower')
    """
    low, high = article_range(unit)
    if pace > high:
        return "faster"
    if pace < low:
        return "slower"
    return "recommended"


def check_pace(weight_kg: float, pace_kg_per_week: float, unit: Unit) -> PaceCheck:
    """Compare a weekly pace with the article's range of about 1-2 lb a week, in the reader's
    units (the pace as the pace control shows it: to 0.01 of the base unit).

    >>> check_pace(130 * KG_PER_LB, 1.5 * KG_PER_LB, "lb").verdict
    'recommended'
    """
    shown = round(from_kg(pace_kg_per_week, unit), 2)
    return PaceCheck(pace_verdict(shown, unit), pace_kg_per_week / weight_kg)


@dataclass(frozen=True)
class PacePlan:
    """A straight-line plan: when the goal is reached and at what daily calorie cut."""

    start: date
    weight_kg: float
    goal_kg: float
    pace_kg_per_week: float
    days: int
    goal_date: date
    daily_deficit_kcal: float
    check: PaceCheck


def plan(weight_kg: float, goal_kg: float, pace_kg_per_week: float, start: date, unit: Unit) -> PacePlan:
    """Plan a steady loss from ``weight_kg`` to ``goal_kg`` starting on ``start``, for a reader
    who uses ``unit`` (the verdict is in their units).

    Raises ``ValueError`` when the goal is not below the current weight.
    """
    if not goal_kg < weight_kg:
        raise ValueError("the goal must be below the current weight")
    days = days_to_goal(weight_kg, goal_kg, pace_kg_per_week)
    return PacePlan(
        start=start,
        weight_kg=weight_kg,
        goal_kg=goal_kg,
        pace_kg_per_week=pace_kg_per_week,
        days=days,
        goal_date=start + timedelta(days=days),
        daily_deficit_kcal=daily_deficit_kcal(pace_kg_per_week),
        check=check_pace(weight_kg, pace_kg_per_week, unit),
    )
