"""The planner's "realistic" figures: the energy-balance model applied to a pace plan.

Pure and cached: a pace that comes back to an earlier one costs nothing.

The realistic curve is "the same calorie cut": eating today's maintenance less the 3500-rule
cut of the pace, until the goal is reached, then the intake that holds the goal (as the NIH
Body Weight Planner switches from losing to keeping the weight). The goal counts as reached
when the weight *without its quick water* is there: the water held with stored carbohydrate
leaves in the first days of any diet and comes back when intake rises, so a drop that is only
water is not called reaching the goal. Every intake the words name is the one the curve uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from runners_face.model import (
    MAX_DAYS,
    Person,
    intake_to_maintain,
    intake_to_reach,
    maintenance_intake,
    simulate,
    simulate_phases,
    steady_water_kg,
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
class FixedCut:
    """The realistic curve for one pace: the 3500-rule cut below maintenance, then holding the goal.

    ``weights_kg`` has one weight a day, day 0 first. ``reach_day`` is the first day the weight
    without its quick water is at or below the goal (None if not within the days simulated);
    from that day on the curve eats ``hold_kcal``. ``dip_kg`` is how far the curve goes below
    the goal before that, from water alone (0 when it does not).
    """

    intake_kcal: float
    hold_kcal: float | None
    weights_kg: tuple[float, ...]
    reach_day: int | None
    dip_kg: float


def rule_intake(person: Person, pace_kg_per_week: float) -> float:
    """Today's maintenance less the 3500-rule cut for the pace (kcal a day; may be 0 or less)."""
    return maintenance_intake(person) - daily_deficit_kcal(pace_kg_per_week)


@lru_cache(maxsize=512)
def fixed_cut(person: Person, goal_kg: float, pace_kg_per_week: float, days: int) -> FixedCut | None:
    """The realistic curve for ``days`` days (at most the model's ten-year limit), or None when the
    3500-rule cut is as large as what the person burns, or larger: there is nothing to eat, so no
    diet can make that cut and no curve is drawn."""
    intake = rule_intake(person, pace_kg_per_week)
    if round(intake) <= 0:
        return None
    days = max(1, min(MODEL_LIMIT_DAYS, days))
    cut = simulate(person, intake, days)
    try:
        hold: float | None = intake_to_maintain(person, goal_kg)
    except ValueError:
        hold = None  # the goal is too low for the model to hold: the cut simply goes on
    reach = None
    if hold is not None:
        # The weight the body would settle at if it switched to the holding intake on that day.
        settle = steady_water_kg(person, hold)
        reach = next(
            (
                day
                for day, (w, water) in enumerate(zip(cut.weight_kg, cut.water_kg, strict=True))
                if w - water + settle <= goal_kg
            ),
            None,
        )
    if reach is None or hold is None:
        return FixedCut(intake, hold, cut.weight_kg, None, 0.0)
    weights = (
        simulate_phases(person, ((intake, reach), (hold, days - reach))).weight_kg if reach < days else cut.weight_kg
    )
    dip = max(0.0, goal_kg - min(weights[: reach + 1]))
    return FixedCut(intake, hold, weights, reach, dip)


@dataclass(frozen=True)
class Outlook:
    """What the model says about a plan for one person."""

    maintenance_kcal: float
    rule_deficit_kcal: float
    fixed: FixedCut | None
    """The realistic curve over the model's ten years; None when the cut is more than is burned."""
    intake_to_reach_kcal: float
    intake_to_hold_kcal: float

    @property
    def rule_intake_kcal(self) -> float:
        return self.maintenance_kcal - self.rule_deficit_kcal

    @property
    def fixed_cut_days_to_goal(self) -> int | None:
        """The day the realistic curve reaches the goal (without its quick water), within ten years."""
        return None if self.fixed is None else self.fixed.reach_day


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
    return Outlook(
        maintenance_kcal=maintenance_intake(person),
        rule_deficit_kcal=daily_deficit_kcal(pace_kg_per_week),
        fixed=fixed_cut(person, goal_kg, pace_kg_per_week, MODEL_LIMIT_DAYS),
        intake_to_reach_kcal=to_reach,
        intake_to_hold_kcal=to_hold,
    )
