"""The planner's "realistic" figures: the energy-balance model applied to a pace plan.

Pure and cached: a pace that comes back to an earlier one costs nothing.

The realistic curve is "the same calorie cut": eating today's maintenance less the 3500-rule
cut of the pace until the scale reaches the goal, then holding the goal, as the NIH Body
Weight Planner switches from losing to keeping the weight. Holding is drawn as the goal
itself: day by day the model can eat just enough to stay there, rising from the cut's intake
to the steady intake that holds the goal (``intake_to_maintain``) within a few months, as
``tests/unit/test_realistic.py`` checks. Every intake the words name is one the curve uses.

The first days of any diet lose water held with stored carbohydrate, which comes back when
intake rises, so when that water is most of what the scale has lost on the day it reaches
the goal, the words do not call the goal reached (:attr:`FixedCut.mostly_water`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from runners_face.model import (
    MAX_DAYS,
    Person,
    activity_change_kcal,
    intake_to_maintain,
    intake_to_reach,
    maintenance_intake,
    simulate,
    simulate_until,
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

    ``weights_kg`` has one weight a day, day 0 first; from ``reach_day`` (the first day the cut
    brings the scale to the goal, None if not within the days simulated) it is the goal.
    ``water_share`` is the part of the weight lost by then that is quick water.
    """

    intake_kcal: float
    hold_kcal: float | None
    weights_kg: tuple[float, ...]
    reach_day: int | None
    water_share: float

    @property
    def mostly_water(self) -> bool:
        """Whether the scale reaches the goal mostly by losing water (which comes back)."""
        return self.reach_day is not None and self.water_share > WATER_SHARE_LIMIT


MODEL_LOW_KCAL: Final = 800
"""No curve is drawn for eating less than this: below it the model's guards on fat and lean mass
can bind (see ``runners_face.model``), and NICE advises such very-low-calorie diets only with
clinical support."""
WATER_SHARE_LIMIT: Final = 0.5
"""Above this share of quick water in the weight lost, reaching the goal is not called reaching it."""


def rule_intake(person: Person, pace_kg_per_week: float) -> float:
    """Today's maintenance less the 3500-rule cut for the pace, plus what a change in activity
    (more running) burns on day 0: the diet cut that remains (kcal a day; may be 0 or less).
    The day-0 gap is then the 3500-rule cut, diet and running together."""
    return maintenance_intake(person) - daily_deficit_kcal(pace_kg_per_week) + activity_change_kcal(person)


@lru_cache(maxsize=512)
def fixed_cut(person: Person, goal_kg: float, pace_kg_per_week: float, days: int) -> FixedCut | None:
    """The realistic curve for ``days`` days (at most the model's ten-year limit), or None when the
    3500-rule cut leaves less than :data:`MODEL_LOW_KCAL` to eat (or nothing at all: then no diet
    can make the cut)."""
    intake = rule_intake(person, pace_kg_per_week)
    if round(intake) < MODEL_LOW_KCAL:
        return None
    days = max(1, min(MODEL_LIMIT_DAYS, days))
    try:
        hold: float | None = intake_to_maintain(person, goal_kg)
    except ValueError:
        hold = None  # the goal is too low for the model to hold: the cut simply goes on
    if hold is None:
        cut = simulate(person, intake, days)
        return FixedCut(intake, hold, cut.weight_kg, None, 0.0)
    cut = simulate_until(person, intake, days, goal_kg)
    reach = len(cut.weight_kg) - 1 if cut.weight_kg[-1] <= goal_kg else None
    if reach is None:
        return FixedCut(intake, hold, cut.weight_kg, None, 0.0)
    lost = cut.weight_kg[0] - cut.weight_kg[reach]
    water_share = -cut.water_kg[reach] / lost if lost > 0 else 0.0
    weights = cut.weight_kg[:reach] + (goal_kg,) * (days + 1 - reach)
    return FixedCut(intake, hold, weights, reach, water_share)


@dataclass(frozen=True)
class Outlook:
    """What the model says about a plan for one person."""

    maintenance_kcal: float
    rule_deficit_kcal: float
    fixed: FixedCut | None
    """The realistic curve over the model's ten years; None when the cut is more than is burned."""
    intake_to_reach_kcal: float
    intake_to_hold_kcal: float

    activity_change_kcal: float = 0.0
    """What a change in running burns on day 0 (negative for less): part of the gap."""

    @property
    def rule_intake_kcal(self) -> float:
        return self.maintenance_kcal - self.rule_deficit_kcal + self.activity_change_kcal

    @property
    def fixed_cut_days_to_goal(self) -> int | None:
        """The day the realistic curve reaches the goal (without its quick water), within ten years."""
        return None if self.fixed is None else self.fixed.reach_day


@lru_cache(maxsize=512)
def limit(person: Person, goal_kg: float, goal_days: int) -> Limit | None:
    """Why the model has no figures for a plan reaching ``goal_kg`` on day ``goal_days``, or None
    when it has: the same answer as :func:`outlook`, without solving for the intakes."""
    if goal_days > MODEL_LIMIT_DAYS:
        return "too_long"
    try:
        intake_to_maintain(person, goal_kg)
    except ValueError:
        return "goal_too_low"
    # Too fast when even eating next to nothing (half a kcal a day: an intake that rounds to 0)
    # does not get there in time.
    starving = simulate_until(person, 0.5, max(1, goal_days), goal_kg)
    return "too_fast" if starving.weight_kg[-1] > goal_kg else None


@lru_cache(maxsize=256)
def outlook(person: Person, goal_kg: float, pace_kg_per_week: float, goal_days: int) -> Outlook:
    """Model a plan that reaches ``goal_kg`` on day ``goal_days`` at a steady pace.

    Raises :class:`ModelUnavailable` when the model cannot give the figures (see :data:`Limit`).
    """
    # A goal the model cannot hold at any intake cannot be helped by a slower pace: it is checked
    # before a goal that is too near in time.
    why = limit(person, goal_kg, goal_days)
    if why is not None:
        raise ModelUnavailable(why)
    to_hold = intake_to_maintain(person, goal_kg)
    to_reach = intake_to_reach(person, goal_kg, max(1, goal_days))
    return Outlook(
        maintenance_kcal=maintenance_intake(person),
        rule_deficit_kcal=daily_deficit_kcal(pace_kg_per_week),
        fixed=fixed_cut(person, goal_kg, pace_kg_per_week, MODEL_LIMIT_DAYS),
        intake_to_reach_kcal=to_reach,
        intake_to_hold_kcal=to_hold,
        activity_change_kcal=activity_change_kcal(person),
    )
