"""The realistic curve: the 3500-rule cut, then holding the goal, and what the model can honestly say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import people

from runners_face.model import Person, _baseline, _integrate, intake_to_maintain, maintenance_intake
from runners_face.pace import daily_deficit_kcal
from runners_face.realistic import fixed_cut, rule_intake

LB = 0.45359237


def _hold_path(person: Person, intake: float, reach_day: int, goal_kg: float, days: int) -> list[float]:
    """Day by day, the intake that keeps the model's weight at the goal (bisection on one day's step),
    starting on the day the cut reached it. Uses the model's own stepping, so it is the model."""
    base = _baseline(person)
    state = _integrate(base, intake, reach_day, None)
    path = []
    for _ in range(days):
        low, high = 0.0, 3.0 * base.intake
        for _ in range(40):
            middle = (low + high) / 2
            if _integrate(base, middle, 1, None, state).weight < goal_kg:
                low = middle
            else:
                high = middle
        state = _integrate(base, (low + high) / 2, 1, None, state)
        path.append((low + high) / 2)
    return path


@settings(max_examples=12, deadline=None)
@given(people(bmi=(23, 40)), st.floats(0.85, 0.97), st.sampled_from([0.5, 1.0, 1.5, 2.0]))
def test_the_model_can_hold_the_goal_from_the_day_the_cut_reaches_it(
    person: Person, share: float, pace_lb: float
) -> None:
    # What the flat line after the goal stands for: eating a little more each day, from about the
    # cut's intake up to the steady intake that holds the goal, keeps the weight at the goal.
    goal = person.weight_kg * share
    fixed = fixed_cut(person, goal, pace_lb * LB, 3650)
    if fixed is None or fixed.reach_day is None or fixed.hold_kcal is None:
        return
    assert fixed.weights_kg[fixed.reach_day :] == (goal,) * (len(fixed.weights_kg) - fixed.reach_day)
    assert min(fixed.weights_kg[: fixed.reach_day]) > goal
    path = _hold_path(person, fixed.intake_kcal, fixed.reach_day, goal, 180)
    assert min(path) >= fixed.intake_kcal - 1  # never less than the cut it came from
    assert max(path) <= fixed.hold_kcal + 1  # never more than the steady intake it rises to
    assert path[-1] == pytest.approx(fixed.hold_kcal, abs=15)  # there within six months


def test_a_goal_reached_mostly_by_water_is_not_called_reached() -> None:
    # 85 to 84.2 kg at 1 kg a week: the first day's drop is nine tenths water and stored carbohydrate.
    fixed = fixed_cut(Person("female", 30, 1.70, 85, 1.6), 84.2, 1.0, 3650)
    assert fixed is not None and fixed.reach_day == 1 and fixed.mostly_water


def test_no_curve_is_drawn_for_a_very_low_calorie_diet() -> None:
    # The review's near-starvation plan: 60 to 58.5 kg on 239 kcal a day, "reached" in 1 day.
    person = Person("female", 40, 1.65, 60, 1.4)
    assert round(rule_intake(person, 1.4)) == 239
    assert fixed_cut(person, 58.5, 1.4, 3650) is None
    # A real plan: 172 to 160 lb at 1.5 lb a week is mostly fat and lean tissue by then.
    plan = fixed_cut(Person("female", 40, 1.65, 172 * LB, 1.6), 160 * LB, 1.5 * LB, 3650)
    assert plan is not None and plan.reach_day is not None and not plan.mostly_water


def test_a_cut_as_large_as_what_is_burned_has_no_curve() -> None:
    # The review's light older woman: the 1,543 kcal cut of 1.4 kg a week is more than her 1,531.
    person = Person("female", 60, 1.60, 55, 1.4)
    assert round(maintenance_intake(person)) == 1531 and round(daily_deficit_kcal(1.4)) == 1543
    assert rule_intake(person, 1.4) < 0
    assert fixed_cut(person, 54, 1.4, 3650) is None


def test_the_holding_intake_is_the_models_steady_intake_at_the_goal() -> None:
    person = Person("male", 36, 1.73, 76, 1.5)
    fixed = fixed_cut(person, 70, 1.0 * LB, 3650)
    assert fixed is not None and fixed.hold_kcal == intake_to_maintain(person, 70)
