"""Planner maths as properties: the straight-line plan behaves as a reader expects."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runners_face.charts import step_horizon
from runners_face.pace import (
    PACE_SCALES,
    check_pace,
    daily_deficit_kcal,
    days_to_goal,
    pace_steps,
    plan,
    snap_pace,
    step_index,
    weight_on_day,
)
from runners_face.units import KG_PER_LB, to_kg
from runners_face.wording import format_date, format_duration

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
    result = plan(200 * KG_PER_LB, 180 * KG_PER_LB, 1 * KG_PER_LB, START, "lb")
    assert result.days == 140
    assert result.goal_date == START + timedelta(weeks=20)
    assert result.check.verdict == "recommended"


def test_one_pound_a_week_is_a_500_kcal_daily_cut_by_the_3500_rule() -> None:
    # 3500 kcal per lb (Wishnofsky 1958) / 7 days = 500 kcal a day.
    assert daily_deficit_kcal(KG_PER_LB) == pytest.approx(500)
    assert daily_deficit_kcal(2 * KG_PER_LB) == pytest.approx(1000)


# The verdict compares the pace with the article's 1-2 lb a week, and with nothing else: a
# pace inside the range is "inside" whatever the reader weighs (a light reader at 1.5 lb a
# week, or 60 kg at 0.8 kg a week, used to be called "faster" because of a 1 %-of-weight rule).
VERDICTS = [
    # (units, weight in those units, pace in those units a week, verdict)
    ("lb", 130, 1.5, "recommended"),
    ("lb", 300, 1.5, "recommended"),
    ("lb", 120, 1.0, "recommended"),
    ("lb", 120, 2.0, "recommended"),
    ("lb", 400, 0.75, "slower"),
    ("lb", 130, 2.25, "faster"),
    ("lb", 99, 0.25, "slower"),
    ("lb", 200, 3.0, "faster"),
    ("kg", 60, 0.8, "recommended"),
    ("kg", 45, 0.45, "recommended"),
    ("kg", 150, 0.9, "recommended"),
    ("kg", 60, 0.4, "slower"),
    ("kg", 60, 0.95, "faster"),
    ("kg", 200, 1.4, "faster"),
    ("st", 9 * 14, 1.0, "recommended"),  # 9 st at 1 lb a week
    ("st", 9 * 14, 2.0, "recommended"),
    ("st", 20 * 14, 2.5, "faster"),
    ("st", 11 * 14, 0.5, "slower"),
]


@pytest.mark.parametrize(("units", "weight", "pace", "verdict"), VERDICTS)
def test_the_verdict_compares_the_pace_with_one_to_two_pounds_only(
    units: str, weight: float, pace: float, verdict: str
) -> None:
    check = check_pace(to_kg(weight, units), to_kg(pace, units), units)  # type: ignore[arg-type]
    assert check.verdict == verdict


STEPS = [("lb", pace) for pace in pace_steps("lb")] + [("kg", pace) for pace in pace_steps("kg")]


@given(st.floats(30, 320), st.sampled_from(STEPS))
def test_the_verdict_never_depends_on_the_weight(weight_kg: float, step: tuple[str, float]) -> None:
    unit, pace = step
    pace_kg = to_kg(pace, unit)  # type: ignore[arg-type]
    assert check_pace(weight_kg, pace_kg, unit).verdict == check_pace(100, pace_kg, unit).verdict  # type: ignore[arg-type]


def test_the_share_of_weight_is_reported_separately() -> None:
    check = check_pace(to_kg(130, "lb"), to_kg(1.5, "lb"), "lb")
    assert check.verdict == "recommended"
    assert check.share_of_weight == pytest.approx(1.5 / 130)
    assert check.above_athlete_trial_slow_pace
    assert not check_pace(to_kg(200, "lb"), to_kg(1.5, "lb"), "lb").above_athlete_trial_slow_pace


def test_a_goal_at_or_above_the_weight_is_refused() -> None:
    with pytest.raises(ValueError):
        plan(80, 80, 0.5, START, "kg")


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
    for unit, slowest in (("lb", KG_PER_LB), ("kg", 0.45)):
        horizon = step_horizon(weight, goal, pace, unit)  # type: ignore[arg-type]
        assert horizon >= days_to_goal(weight, goal, pace)
        assert horizon >= days_to_goal(weight, goal, slowest)


def test_dates_and_durations_are_written_out() -> None:
    assert format_date(date(2027, 3, 2), START) == "Tuesday 2 March 2027"
    assert format_duration(140) == "20 weeks"
    assert format_duration(10) == "1 week and 3 days"
    assert format_duration(5) == "5 days"


@pytest.mark.parametrize("unit", ["lb", "kg", "st"])
def test_every_step_of_the_pace_control_is_on_the_scale_and_has_its_index(unit: str) -> None:
    steps = pace_steps(unit)  # type: ignore[arg-type]
    scale = PACE_SCALES["kg" if unit == "kg" else "lb"]
    assert steps[0] == scale.minimum and steps[-1] == scale.maximum
    assert all(step_index(pace, unit) == index for index, pace in enumerate(steps))  # type: ignore[arg-type]
    assert scale.default in steps and all(preset in steps for preset in scale.presets)
