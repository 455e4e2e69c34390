"""The planner's "realistic" figures: the energy-balance model applied to a pace plan.

Pure and cached: a pace that comes back to an earlier one costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from runners_face.model import (
    GUIDELINE_DIET_LOW_KCAL,
    MAX_DAYS,
    Person,
    intake_to_maintain,
    intake_to_reach,
    maintenance_intake,
    simulate,
)
from runners_face.pace import daily_deficit_kcal

MODEL_LIMIT_DAYS: Final = MAX_DAYS
"""The model runs for ten years at most (the NIH Body Weight Planner's own limit)."""

Limit = Literal["too_long", "too_fast", "goal_too_low"]
"""Why the model has no plan: the goal day is past its ten-year limit (a faster pace or a nearer
goal helps); the goal cannot be reached that soon even eating nothing (a slower pace helps); or
the goal is too far below today's weight for the model to hold it at any intake (a nearer goal)."""


class ModelUnavailable(ValueError):
    """The model cannot give figures for this plan; ``limit`` says why."""

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        super().__init__(limit)


@dataclass(frozen=True)
class Outlook:
    """What the model says about a plan for one person."""

    maintenance_kcal: float
    rule_deficit_kcal: float
    fixed_cut_weight_at_goal_date_kg: float
    fixed_cut_days_to_goal: int | None
    """The first day the fixed-cut curve is at or below the goal, within the ten-year limit."""
    intake_to_reach_kcal: float
    intake_to_hold_kcal: float
    below_guideline_diets: bool
    guideline_low_kcal: float


@lru_cache(maxsize=512)
def fixed_cut_curve(person: Person, pace_kg_per_week: float, days: int) -> tuple[float, ...]:
    """Daily weights (kg), day 0 first, for eating the 3500-rule cut of this pace below today's
    maintenance, for ``days`` days (at most the model's ten-year limit)."""
    intake = max(0.0, maintenance_intake(person) - daily_deficit_kcal(pace_kg_per_week))
    return simulate(person, intake, max(1, min(MODEL_LIMIT_DAYS, days))).weight_kg


def reach_day(weights_kg: tuple[float, ...], goal_kg: float) -> int | None:
    """The first day a curve is at or below the goal, or None if it never gets there."""
    return next((day for day, weight in enumerate(weights_kg) if weight <= goal_kg), None)


@lru_cache(maxsize=256)
def outlook(person: Person, goal_kg: float, pace_kg_per_week: float, goal_days: int) -> Outlook:
    """Model a plan that reaches ``goal_kg`` on day ``goal_days`` at a steady pace.

    Raises :class:`ModelUnavailable` when the model cannot give the figures (see :data:`Limit`).
    """
    if goal_days > MODEL_LIMIT_DAYS:
        raise ModelUnavailable("too_long")
    try:
        to_reach = intake_to_reach(person, goal_kg, max(1, goal_days))
    except ValueError as error:
        raise ModelUnavailable("too_fast") from error
    try:
        to_hold = intake_to_maintain(person, goal_kg)
    except ValueError as error:
        raise ModelUnavailable("goal_too_low") from error
    curve = fixed_cut_curve(person, pace_kg_per_week, MODEL_LIMIT_DAYS)
    floor = float(GUIDELINE_DIET_LOW_KCAL[person.sex])
    return Outlook(
        maintenance_kcal=maintenance_intake(person),
        rule_deficit_kcal=daily_deficit_kcal(pace_kg_per_week),
        fixed_cut_weight_at_goal_date_kg=curve[goal_days],
        fixed_cut_days_to_goal=reach_day(curve, goal_kg),
        intake_to_reach_kcal=to_reach,
        intake_to_hold_kcal=to_hold,
        below_guideline_diets=to_reach < floor,
        guideline_low_kcal=floor,
    )
