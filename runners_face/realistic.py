"""The planner's "realistic" figures: the energy-balance model applied to a pace plan.

Pure and cached: a slider move that returns to an earlier pace costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from runners_face.model import (
    MIN_SAFE_INTAKE_KCAL,
    Person,
    healthy_weight_range_kg,
    intake_to_maintain,
    intake_to_reach,
    maintenance_intake,
    simulate,
)
from runners_face.pace import daily_deficit_kcal

MAX_MODEL_DAYS: Final = 5 * 365
"""The model curve stops after five years: further out, its average tells a reader little."""


@dataclass(frozen=True)
class Outlook:
    """What the model says about a plan for one person."""

    maintenance_kcal: float
    rule_deficit_kcal: float
    fixed_cut_weights_kg: tuple[float, ...]
    fixed_cut_weight_at_goal_date_kg: float
    fixed_cut_days_to_goal: int | None
    intake_to_reach_kcal: float
    intake_to_hold_kcal: float
    below_safe_floor: bool
    safe_floor_kcal: float
    goal_below_healthy: bool
    healthy_range_kg: tuple[float, float]


@lru_cache(maxsize=256)
def outlook(person: Person, goal_kg: float, pace_kg_per_week: float, goal_days: int, chart_days: int) -> Outlook:
    """Model a plan: the curve a fixed 3500-rule cut gives, and the intakes the model needs.

    ``goal_days`` is when the straight-line plan reaches the goal; ``chart_days`` how far the
    curve is drawn.
    """
    maintenance = maintenance_intake(person)
    deficit = daily_deficit_kcal(pace_kg_per_week)
    days = max(1, min(MAX_MODEL_DAYS, max(chart_days, goal_days)))
    fixed = simulate(person, max(0.0, maintenance - deficit), days).weight_kg
    reached = next((day for day, weight in enumerate(fixed) if weight <= goal_kg), None)
    to_reach = intake_to_reach(person, goal_kg, max(1, goal_days))
    floor = float(MIN_SAFE_INTAKE_KCAL[person.sex])
    low_healthy, high_healthy = healthy_weight_range_kg(person.height_m)
    return Outlook(
        maintenance_kcal=maintenance,
        rule_deficit_kcal=deficit,
        fixed_cut_weights_kg=tuple(fixed),
        fixed_cut_weight_at_goal_date_kg=fixed[min(goal_days, len(fixed) - 1)],
        fixed_cut_days_to_goal=reached,
        intake_to_reach_kcal=to_reach,
        intake_to_hold_kcal=intake_to_maintain(person, goal_kg),
        below_safe_floor=to_reach < floor,
        safe_floor_kcal=floor,
        goal_below_healthy=goal_kg < low_healthy - 0.05,
        healthy_range_kg=(low_healthy, high_healthy),
    )
