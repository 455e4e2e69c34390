"""More running in the Hall model (issue 23): a higher physical-activity expenditure from day 0,
``(delta + change) W``, which falls with the weight. Checked against cases worked by hand from
the model's equations (Hall and others 2011, web appendix), not against the integrator itself."""

from __future__ import annotations

import math
from datetime import date

import pytest

from runners_face import planner, realistic, running
from runners_face.model import (
    BETA_AT,
    BETA_TEF,
    FORBES_KG,
    GAMMA_F,
    GAMMA_L,
    Person,
    activity_change_kcal,
    intake_to_reach,
    maintenance_intake,
    simulate,
)
from runners_face.pace import daily_deficit_kcal
from runners_face.state import decode

# The bw package's test person: RMR = 9.99 x 76 + 625 x 1.73 - 4.92 x 36 + 5 = 1,668.37 kcal a day;
# EI0 = 1.5 x RMR = 2,502.6; delta0 = (0.9 x 1.5 - 1) RMR / 76 = 7.683 kcal/kg/d.
# Body fat (BWP regression): BMI 25.393, 0.14 x 36 + 37.31 ln 25.393 - 103.94 = 21.78 %, 16.55 kg.
BW = Person("male", 36, 1.73, 76, 1.5)
RMR = 9.99 * 76 + 625 * 1.73 - 4.92 * 36 + 5
DELTA0 = (0.9 * 1.5 - 1) * RMR / 76
FAT0 = 76 * (0.14 * 36 + 37.31 * math.log(76 / 1.73**2) - 103.94) / 100
THREE = 3.0  # kcal/kg/d: 21 km more running a week (1 kcal/kg/km)


def runner(change: float) -> Person:
    return Person("male", 36, 1.73, 76, 1.5, activity_change=change)


def test_21_km_more_a_week_is_3_kcal_per_kg_a_day_and_228_kcal_on_day_0() -> None:
    assert running.activity_kcal_per_kg_day(21.0) == THREE
    assert activity_change_kcal(runner(THREE)) == pytest.approx(3 * 76)
    # Today's maintenance holds today's running: it does not change.
    assert maintenance_intake(runner(THREE)) == maintenance_intake(BW) == pytest.approx(1.5 * RMR)


def test_less_running_takes_away_at_most_all_the_activity_the_level_holds() -> None:
    assert activity_change_kcal(runner(-3.0)) == pytest.approx(-3 * 76)
    assert activity_change_kcal(runner(-30.0)) == pytest.approx(-DELTA0 * 76)


def test_more_running_on_the_same_food_moves_no_water_only_tissue() -> None:
    # Intake unchanged: glycogen, extracellular water and adaptive thermogenesis stay at day 0's.
    trajectory = simulate(runner(THREE), maintenance_intake(BW), 60)
    assert max(abs(water) for water in trajectory.water_kg) < 1e-9
    assert trajectory.weight_kg[-1] < 76


def _steady_weight(change: float) -> float:
    """The weight at which eating EI0 balances again, solved by hand from the steady state: with
    water at day 0's, gF dF + gL dL + d0 dW + change W = 0, on Forbes' curve dL = 10.4 ln(F/F0)."""

    def imbalance(fat: float) -> float:
        d_fat = fat - FAT0
        d_lean = FORBES_KG * math.log(fat / FAT0)
        weight = 76 + d_fat + d_lean
        return GAMMA_F * d_fat + GAMMA_L * d_lean + DELTA0 * (d_fat + d_lean) + change * weight

    low, high = 1.0, FAT0  # more running: less fat at the new balance
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if imbalance(middle) < 0 else (low, middle)
    fat = (low + high) / 2
    return 76 + fat - FAT0 + FORBES_KG * math.log(fat / FAT0)


def test_the_weight_settles_where_the_hand_worked_steady_state_says() -> None:
    steady = _steady_weight(THREE)
    # About 10 kg below 76 kg: 228 kcal a day against about 22 kcal per kg a day that a lighter
    # body burns less (Hall's rule of thumb: 10 kcal a day per pound).
    assert 65 < steady < 66.5
    # The time constant is about 320 days, so ten years is at the steady state.
    assert simulate(runner(THREE), maintenance_intake(BW), 3650).weight_kg[-1] == pytest.approx(steady, abs=0.01)


def test_to_reach_a_goal_on_time_with_more_running_needs_more_food_by_the_running_over_076() -> None:
    # Extra food costs 10 % in the thermic effect and 14 % in adaptive thermogenesis at steady
    # state, so X more kcal a day balances 0.76 X of running; the running burns 3 kcal per kg of
    # a weight falling from 76 to 70 kg (about 73 kg on average): X = 219 / 0.76 = 288. The extra
    # food also holds about 0.4 kg more water with glycogen and salt, which must go as tissue
    # instead (about 3,000 kcal over the year, 11 kcal a day of food): about 277 kcal a day.
    extra = intake_to_reach(runner(THREE), 70, 365) - intake_to_reach(BW, 70, 365)
    assert extra == pytest.approx((THREE * 73 - 8) / (1 - BETA_TEF - BETA_AT), rel=0.03)


def test_the_realistic_cut_keeps_the_day_0_gap_of_the_pace_with_running_as_part_of_it() -> None:
    pace = 0.45
    rule = realistic.rule_intake(runner(THREE), pace)
    assert rule == pytest.approx(maintenance_intake(BW) - daily_deficit_kcal(pace) + 228)
    # Day 0's gap is the pace's: 228 kcal of running, the rest the diet.
    assert maintenance_intake(BW) - rule + 228 == pytest.approx(daily_deficit_kcal(pace))


def test_the_planner_passes_the_change_in_running_to_the_model_and_the_chart_follows() -> None:
    start = date(2026, 12, 2)
    about = {"units": "kg", "weight": "82", "goal": "75", "height": "178", "sex": "male", "age": "40"}
    same = decode({**about, "activity": "1.6", "run": "20"}).state
    more = decode({**about, "activity": "1.6", "run": "20", "run_plan": "41"}).state
    fig_same, fig_more = planner.figures(same, start), planner.figures(more, start)
    assert fig_same is not None and fig_more is not None
    assert fig_same.person is not None and fig_same.person.activity_change == 0
    assert fig_more.person is not None and fig_more.person.activity_change == pytest.approx(3.0)
    assert fig_more.outlook is not None and fig_same.outlook is not None
    assert fig_more.outlook.intake_to_reach_kcal > fig_same.outlook.intake_to_reach_kcal + 200
    assert "with your running while losing" in (planner.model_text(fig_more) or "")
    chart_same, chart_more = planner.chart_data(same, start), planner.chart_data(more, start)
    assert chart_same is not None and chart_more is not None and not chart_same.frame.equals(chart_more.frame)
