"""The planner's figures and words: one goal day everywhere, and sentences that say what the
figures say."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from runners_face import charts, exports, planner
from runners_face.pace import days_to_goal, pace_steps
from runners_face.state import WEIGHT_BOUNDS, AboutYou, PlanState, Typed, plan_state
from runners_face.units import UNITS, base_unit, to_kg
from runners_face.wording import format_duration, format_when

START = date(2026, 11, 30)
ABOUT = AboutYou("female", 40, 1.6)


@st.composite
def loss_plans(draw: st.DrawFn) -> tuple[str, float, float]:
    units = draw(st.sampled_from(UNITS))
    low, high = WEIGHT_BOUNDS[base_unit(units)]
    weight = round(draw(st.floats(low + 1, min(high, 400 if units != "kg" else 180))), 1)
    goal = round(draw(st.floats(max(low, weight * 0.6), weight - 0.1)), 1)
    return units, weight, goal


@settings(max_examples=25, deadline=None)
@given(loss_plans())
def test_every_step_gives_one_goal_day_in_sentence_chart_control_table_csv_and_calendar(
    plan: tuple[str, float, float],
) -> None:
    units, weight, goal = plan
    data = planner.chart_data(plan_state(units, weight, goal), START)  # type: ignore[arg-type]
    assert data is not None
    for step, pace in enumerate(pace_steps(units)):  # type: ignore[arg-type]
        state = plan_state(units, weight, goal, pace)  # type: ignore[arg-type]
        fig = planner.figures(state, START)
        assert fig is not None
        goal_date = fig.plan.goal_date
        assert format_when(goal_date, START).partition(" ")[2] in planner.sentence(fig)
        assert format_when(goal_date, START) in data.step_goals[step]
        marker = data.frame[(data.frame["step"] == step) & (data.frame["series"] == charts.MARK)]
        assert marker["date"].item().date() == goal_date
        table = planner.table(fig)
        assert any(label.startswith(f"{goal_date.day} {goal_date:%b %Y}") for label in table.index)
        last = list(csv.reader(io.StringIO(exports.plan_csv(fig.plan, state.units))))[-1]
        assert last[0] == goal_date.isoformat()
        calendar = Calendar.from_ical(exports.reminders_ics(fig.plan, state.units, tz="UTC"))
        weigh_in = next(event for event in calendar.events if str(event["SUMMARY"]) == exports.WEIGH_IN_SUMMARY)
        until = weigh_in["RRULE"]["UNTIL"][0]
        assert until == datetime.combine(max(goal_date, START + timedelta(days=27)), time(8, 0), tzinfo=UTC)


def test_the_result_box_says_the_same_number_of_weeks_twice() -> None:
    # ?weight=180&goal=165.1&pace=1 said "after 15 weeks", then "... to 14 weeks and 6 days".
    fig = planner.figures(plan_state("lb", 180, 165.1, 1.0), START)
    assert fig is not None
    duration = format_duration(fig.plan.days)
    assert f"after **{duration}**" in planner.sentence(fig)
    assert f"to {duration} (1 lb a week)" in planner.summary(fig)


def test_a_tiny_loss_takes_a_day_not_zero_days() -> None:
    fig = planner.figures(plan_state("lb", 180, 179.9, 2.0), START)
    assert fig is not None
    assert "0 days" not in planner.summary(fig) + planner.sentence(fig)
    # Review 24: not "in 1 day (2 lb a week) to 1 day (1 lb a week)".
    assert "At any pace inside the article's range you would get there in 1 day." in planner.summary(fig)


@pytest.mark.parametrize(
    ("units", "weight", "pace"),
    [("lb", 130, 1.5), ("kg", 60, 0.8), ("lb", 300, 2.0), ("kg", 45, 0.45), ("st", 126, 1.0)],
)
def test_a_pace_inside_one_to_two_pounds_is_called_inside_whatever_the_weight(
    units: str, weight: float, pace: float
) -> None:
    fig = planner.figures(plan_state(units, weight, weight * 0.9, pace), START)  # type: ignore[arg-type]
    assert fig is not None
    words = "1–2 lb (0.45–0.9 kg) a week" if units == "kg" else "1–2 lb a week"
    assert f"inside the {words} the article advises" in planner.sentence(fig)
    kind, words = planner.verdict(fig)
    assert kind == "recommended" and "Faster" not in words


def test_a_pace_above_one_percent_of_body_weight_gets_a_separate_sourced_note() -> None:
    fig = planner.figures(plan_state("lb", 130, 120, 1.5), START)
    assert fig is not None
    note = planner.athlete_note(fig)
    assert note is not None and "Garthe" in note and "1.2 %" in note
    assert planner.verdict(fig)[0] == "recommended"
    heavy = planner.figures(plan_state("lb", 250, 200, 1.5), START)
    assert heavy is not None and planner.athlete_note(heavy) is None


def test_the_verdict_never_credits_dr_imber_with_the_articles_advice() -> None:
    for pace in (0.5, 1.5, 3.0):
        fig = planner.figures(plan_state("lb", 180, 165, pace), START)
        assert fig is not None
        assert "Imber" not in planner.sentence(fig) + planner.verdict(fig)[1]


def test_without_a_height_the_planner_says_it_cannot_check_the_goal() -> None:
    fig = planner.figures(plan_state("lb", 180, 100, 1.0), START)
    assert fig is not None
    warning, words = planner.goal_check_text(fig)
    assert not warning and "cannot check without your height" in words


def test_with_a_height_alone_the_planner_checks_the_goal() -> None:
    low = planner.figures(plan_state("kg", 60, 50, 0.5, height_cm=170), START)
    assert low is not None and low.person is None
    warning, words = planner.goal_check_text(low)
    assert warning and "Goal below a healthy weight" in words
    fine = planner.figures(plan_state("kg", 80, 65, 0.5, height_cm=170), START)
    assert fine is not None
    warning, words = planner.goal_check_text(fine)
    assert not warning and "(BMI) of 22.5, inside the 18.5–24.9 range" in words
    high = planner.figures(plan_state("kg", 100, 80, 0.5, height_cm=170), START)
    assert high is not None
    warning, words = planner.goal_check_text(high)
    assert not warning and "(BMI) of 27.7, above the 18.5–24.9 range" in words


def test_the_cdc_line_has_its_scope_and_is_not_shown_at_a_healthy_weight() -> None:
    unknown = planner.figures(plan_state("lb", 180, 170, 0.5), START)
    overweight = planner.figures(plan_state("kg", 90, 80, 0.2, height_cm=170), START)
    healthy = planner.figures(plan_state("kg", 65, 60, 0.2, height_cm=170), START)
    assert unknown and overweight and healthy
    for fig in (unknown, overweight):
        words = planner.verdict(fig)[1]
        assert "with overweight or obesity" in words and "likely" in words
    assert "CDC" not in planner.verdict(healthy)[1]


def test_a_plan_that_needs_less_than_guideline_diets_says_so_as_a_prescription() -> None:
    fig = planner.figures(plan_state("kg", 60, 55, 1.4, ABOUT, height_cm=160), START)
    eat = planner.intakes(fig)
    assert fig is not None and eat is not None and eat.to_reach.below_floor
    warning = planner.intake_warning(fig)
    assert warning is not None
    assert "prescribes weight-loss diets of 1,200–1,500 kcal a day for women" in warning
    assert "Jensen" in warning and "safe" not in warning


def test_the_model_curve_is_described_as_it_is_sooner_or_later() -> None:
    # A lean young man, 65 to 62 kg at 1 lb a week: more of his loss is lean tissue, which holds
    # less energy than fat, so the model's curve gets there first (water is not counted).
    sooner = planner.figures(plan_state("kg", 65, 62, 0.45, AboutYou("male", 25, 1.6), height_cm=185), START)
    assert sooner and sooner.outlook and sooner.outlook.fixed_cut_days_to_goal is not None
    assert sooner.outlook.fixed_cut_days_to_goal < sooner.plan.days
    text = planner.model_text(sooner)
    assert text is not None and "sooner" in text and "only after" not in text
    later = planner.figures(plan_state("lb", 180, 150, 1.0, ABOUT, height_cm=165), START)
    assert later and later.outlook and later.outlook.fixed_cut_days_to_goal is not None
    assert later.outlook.fixed_cut_days_to_goal > later.plan.days
    text = planner.model_text(later)
    assert text is not None and "only after" in text


def test_a_plan_past_the_models_ten_years_asks_for_a_faster_pace_or_nearer_goal() -> None:
    fig = planner.figures(plan_state("kg", 130, 75, 0.1, AboutYou("male", 40, 1.6), height_cm=180), START)
    assert fig is not None and fig.model_limit == "too_long"
    text = planner.limit_text(fig)
    assert text is not None and "faster pace or a nearer goal" in text and "slower" not in text


def test_the_weight_on_the_goal_date_is_modelled_past_five_years() -> None:
    fig = planner.figures(plan_state("lb", 300, 150, 0.5, ABOUT, height_cm=170), START)
    assert fig is not None and fig.outlook is not None
    assert fig.plan.days > 5 * 365
    assert fig.person is not None
    from runners_face.realistic import fixed_cut

    curve = fixed_cut(fig.person, fig.plan.goal_kg, to_kg(0.5, "lb"), 3650)
    assert curve is not None and fig.outlook.fixed is not None
    assert fig.outlook.fixed.weights_kg[fig.plan.days] == curve.weights_kg[fig.plan.days]


def test_in_stones_every_model_figure_is_in_stones() -> None:
    fig = planner.figures(plan_state("st", 16 * 14, 12 * 14, 1.0, ABOUT, height_cm=170), START)
    assert fig is not None
    text = (planner.model_text(fig) or "") + planner.summary(fig) + planner.goal_check_text(fig)[1]
    assert " st " in text
    # "13 st 12 lb" is stones; a bare "178 lb" would be the model switching units mid-paragraph
    bare_pounds = re.findall(r"(?<![\d.])(?<!st )\b\d[\d,.]* lb\b(?! a week)", text)
    assert bare_pounds == []


def test_the_control_words_for_each_step_are_the_planners() -> None:
    state = plan_state("kg", 82, 75)
    data = planner.chart_data(state, START)
    assert data is not None
    assert data.step_values[0] == "0.1 kg a week" and data.step_values[-1] == "1.4 kg a week"
    for key, value in zip(data.step_keys, data.step_values, strict=True):
        assert planner.pace_from_key(key, "kg") == float(value.split()[0])
    assert planner.pace_from_key("lb:1", "kg") is None
    days = days_to_goal(82, 75, 0.5)
    half = pace_steps("kg").index(0.5)
    assert format_duration(days) in data.step_spoken[half]


def test_a_step_key_gives_its_pace_in_its_own_unit_whatever_the_plan_shows() -> None:
    # A preset pressed just before a unit switch reaches Python after it: the plan keeps it.
    assert planner.typed_pace_from_key("lb:2") == Typed(2.0, "lb")
    assert planner.typed_pace_from_key("kg:0.45") == Typed(0.45, "kg")
    assert PlanState(units="kg", typed_pace=Typed(2.0, "lb")).pace == 0.9
    for bad in ("lb:2.1", "lb:", "st:2", "kg:nan", "", "lb:inf"):
        assert planner.typed_pace_from_key(bad) is None
