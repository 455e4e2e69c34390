"""Planner maths as properties: the straight-line plan behaves as a reader expects."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runners_face.pace import (
    PACE_SCALES,
    check_pace,
    daily_deficit_kcal,
    days_to_goal,
    format_duration,
    format_long_date,
    horizon_days,
    plan,
    snap_pace,
    weight_on_day,
)
from runners_face.units import KG_PER_LB

START = date(2026, 11, 25)
weights = st.floats(min_value=40, max_value=300)
paces = st.floats(min_value=0.1, max_value=1.4)


@st.composite
def weight_and_goal(draw: st.DrawFn) -> tuple[float, float]:
    weight = draw(weights)
    goal = draw(st.floats(min_value=30, max_value=weight - 0.1))
    return weight, goal


@given(weight_and_goal(), paces, paces)
def test_a_faster_pace_never_takes_longer(wg: tuple[float, float], a: float, b: float) -> None:
    weight, goal = wg
    slow, fast = sorted((a, b))
    assert days_to_goal(weight, goal, fast) <= days_to_goal(weight, goal, slow)


@given(weight_and_goal(), paces)
def test_the_path_starts_at_the_current_weight_never_rises_and_stops_at_the_goal(
    wg: tuple[float, float], pace: float
) -> None:
    weight, goal = wg
    days = days_to_goal(weight, goal, pace)
    path = [weight_on_day(weight, goal, pace, d) for d in range(0, days + 30, 7)]
    assert path[0] == weight
    assert all(b <= a for a, b in itertools.pairwise(path))
    assert min(path) >= goal
    assert weight_on_day(weight, goal, pace, days) == pytest.approx(goal, abs=pace / 7)


def test_twenty_pounds_at_one_pound_a_week_takes_twenty_weeks() -> None:
    result = plan(200 * KG_PER_LB, 180 * KG_PER_LB, 1 * KG_PER_LB, START)
    assert result.days == 140
    assert result.goal_date == START + timedelta(weeks=20)
    assert result.check.verdict == "recommended"


def test_one_pound_a_week_is_a_500_kcal_daily_cut_by_the_3500_rule() -> None:
    # 3500 kcal per lb (Wishnofsky 1958) / 7 days = 500 kcal a day.
    assert daily_deficit_kcal(KG_PER_LB) == pytest.approx(500)
    assert daily_deficit_kcal(2 * KG_PER_LB) == pytest.approx(1000)


@pytest.mark.parametrize(
    ("weight_lb", "pace_lb", "verdict", "over_two", "over_share"),
    [
        (200, 1.0, "recommended", False, False),
        (200, 2.0, "recommended", False, False),
        (200, 2.5, "faster", True, True),
        (150, 1.75, "faster", False, True),  # 1.75 lb is over 1 % of 150 lb
        (200, 0.5, "slower", False, False),
    ],
)
def test_paces_are_judged_against_two_pounds_and_one_percent(
    weight_lb: float, pace_lb: float, verdict: str, over_two: bool, over_share: bool
) -> None:
    check = check_pace(weight_lb * KG_PER_LB, pace_lb * KG_PER_LB)
    assert (check.verdict, check.over_two_lb, check.over_one_percent) == (verdict, over_two, over_share)


def test_nine_tenths_of_a_kilo_counts_as_inside_the_range() -> None:
    assert check_pace(120, 0.9).verdict == "recommended"
    assert check_pace(120, 0.95).verdict == "faster"


def test_a_goal_at_or_above_the_weight_is_refused() -> None:
    with pytest.raises(ValueError):
        plan(80, 80, 0.5, START)


@pytest.mark.parametrize("unit", ["lb", "kg"])
@given(value=st.floats(allow_nan=True, allow_infinity=True))
def test_snapped_paces_are_always_on_the_slider(unit: str, value: float) -> None:
    scale = PACE_SCALES[unit]
    snapped = snap_pace(value, unit)  # type: ignore[arg-type]
    assert scale.minimum <= snapped <= scale.maximum
    steps = (snapped - scale.minimum) / scale.step
    assert steps == pytest.approx(round(steps), abs=1e-6)


@given(weight_and_goal(), paces)
def test_the_chart_covers_the_goal_and_the_slowest_recommended_arrival(wg: tuple[float, float], pace: float) -> None:
    weight, goal = wg
    horizon = horizon_days(weight, goal, pace)
    assert horizon >= days_to_goal(weight, goal, pace)
    assert horizon >= days_to_goal(weight, goal, KG_PER_LB)


def test_dates_and_durations_are_written_out() -> None:
    assert format_long_date(date(2027, 3, 2)) == "Tuesday 2 March 2027"
    assert format_duration(140) == "20 weeks"
    assert format_duration(10) == "1 week and 3 days"
    assert format_duration(5) == "5 days"
