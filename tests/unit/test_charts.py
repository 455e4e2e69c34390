"""The planner chart: every pace step is in the data, and the browser picks which one is drawn."""

from __future__ import annotations

import json
from datetime import date, timedelta

import altair as alt
import pandas as pd
import pytest

from runners_face.charts import (
    ALL_STEPS,
    CHOSEN,
    GOAL,
    MARK,
    MODEL,
    PACE_INPUT_ID,
    PACE_PARAM,
    RANGE,
    TEXT_COLOUR,
    build_planner_chart,
    planner_frame,
    planner_spec,
    range_label,
    step_horizon,
    table_frame,
)
from runners_face.pace import days_to_goal, pace_steps
from runners_face.units import KG_PER_LB

START = date(2026, 11, 25)
LB_STEPS_KG = [pace * KG_PER_LB for pace in pace_steps("lb")]


def lb_frame(weight: float = 200, goal: float = 180) -> pd.DataFrame:
    return planner_frame(weight * KG_PER_LB, goal * KG_PER_LB, LB_STEPS_KG, START, "lb")


def test_every_step_has_its_line_band_and_goal_marker() -> None:
    frame = lb_frame()
    for step in range(len(LB_STEPS_KG)):
        rows = frame[frame["step"] == step]
        assert set(rows["series"]) == {CHOSEN, range_label("lb"), MARK}
        chosen = rows[rows["series"] == CHOSEN]["weight"].tolist()
        assert chosen[0] == 200 and min(chosen) == 180
        band = rows[rows["series"] == range_label("lb")]
        assert (band["low"] <= band["high"]).all()
    goal = frame[frame["series"] == GOAL]
    assert goal["step"].tolist() == [ALL_STEPS] and goal["weight"].item() == 180


def test_the_goal_marker_sits_on_the_goal_day_of_days_to_goal_for_every_step() -> None:
    # 9 of the 12 pound paces used to put the chart's corner a day after the stated date.
    frame = lb_frame(180, 165)
    for step, pace in enumerate(LB_STEPS_KG):
        day = days_to_goal(180 * KG_PER_LB, 165 * KG_PER_LB, pace)
        when = pd.Timestamp(START + timedelta(days=day))
        marker = frame[(frame["step"] == step) & (frame["series"] == MARK)]
        assert marker["date"].item() == when
        line = frame[(frame["step"] == step) & (frame["series"] == CHOSEN)].set_index("date")["weight"]
        assert line[when] == 165
        assert line[line.index < when].min() > 165


def test_the_goal_marker_says_the_date_and_the_time_it_takes() -> None:
    frame = lb_frame(180, 165)
    one_lb = pace_steps("lb").index(1.0)
    marker = frame[(frame["step"] == one_lb) & (frame["series"] == MARK)]
    assert marker["label"].item() == "10 Mar 2027\nin 15 weeks"


def test_the_model_curve_is_added_for_every_step_when_given() -> None:
    curves = [[90.0 - 0.05 * day for day in range(800)] for _ in range(3)]
    frame = planner_frame(90, 80, [0.3, 0.5, 0.7], START, "kg", curves)
    for step in range(3):
        assert ((frame["step"] == step) & (frame["series"] == MODEL)).sum() > 5


def test_long_model_curves_are_thinned_to_a_few_hundred_points() -> None:
    curves = [[300.0 - 0.01 * day for day in range(3651)]]
    frame = planner_frame(300, 35, [0.1], START, "kg", curves)
    assert (frame["series"] == MODEL).sum() <= 262


def test_the_data_does_not_depend_on_the_readers_pace() -> None:
    # There is no pace argument at all: one frame holds every step.
    assert "pace" not in planner_frame.__code__.co_varnames[: planner_frame.__code__.co_argcount]


def test_the_spec_binds_the_pace_to_the_controls_input_and_filters_by_it() -> None:
    spec = planner_spec("lb", False)
    # The input holds the pace itself; the chart's rows are by step (0.25 lb a week is step 0).
    assert spec["params"] == [{"name": PACE_PARAM, "value": 1.0, "bind": {"element": f"#{PACE_INPUT_ID}"}}]
    text = json.dumps(spec)
    assert f"datum.step == round((toNumber({PACE_PARAM}) - 0.25) / 0.25)" in text
    kg = json.dumps(planner_spec("kg", False))
    assert f"datum.step == round((toNumber({PACE_PARAM}) - 0.1) / 0.05)" in kg


def test_the_spec_is_the_same_for_any_data() -> None:
    def spec_of(frame: pd.DataFrame) -> str:
        with alt.data_transformers.disable_max_rows():
            spec = build_planner_chart(frame, "lb", False).to_dict()
        spec.pop("datasets")
        spec.pop("data", None)
        return json.dumps(spec, sort_keys=True)

    assert spec_of(lb_frame(200, 180)) == spec_of(lb_frame(250, 150))


def test_chart_text_follows_the_theme_in_the_browser() -> None:
    # light-dark() picks by the colour scheme Streamlit sets on the page, with no rerun.
    config = planner_spec("kg", True)["config"]
    assert config["axis"]["labelColor"] == TEXT_COLOUR == config["legend"]["labelColor"]
    assert TEXT_COLOUR.startswith("light-dark(")


def test_the_legend_names_every_line_with_colour_and_dash() -> None:
    text = json.dumps(planner_spec("lb", True), ensure_ascii=False)
    for name in (CHOSEN, MODEL, RANGE, GOAL):
        assert name in text
    assert "strokeDash" in text


def test_the_cached_spec_is_the_altair_chart_without_its_data() -> None:
    frame = planner_frame(90, 80, [0.5], START, "kg")
    with alt.data_transformers.disable_max_rows():
        full = build_planner_chart(frame, "kg", True).properties(usermeta={"epoch": 0}).to_dict()
    full.pop("datasets")
    full.pop("data")
    assert planner_spec("kg", True) == full
    assert planner_spec("kg", True) is not planner_spec("kg", True)  # callers may not share it


def test_a_new_epoch_changes_the_spec_so_the_chart_is_drawn_afresh() -> None:
    assert planner_spec("kg", True, 8, epoch=1) != planner_spec("kg", True, 8, epoch=0)
    assert planner_spec("kg", True, 8, epoch=1)["usermeta"] == {"epoch": 1}


@pytest.mark.parametrize("pace_lb", pace_steps("lb"))
def test_the_table_has_a_row_a_week_and_one_on_the_goal_day(pace_lb: float) -> None:
    weight, goal, pace = 180 * KG_PER_LB, 165 * KG_PER_LB, pace_lb * KG_PER_LB
    table = table_frame(weight, goal, pace, START, "lb")
    arrival = days_to_goal(weight, goal, pace)
    goal_day = START + timedelta(days=arrival)
    goal_label = f"{goal_day.day} {goal_day:%b %Y}"
    dates = [label.removesuffix(" (goal)") for label in table.index]
    assert goal_label in dates
    assert table.loc[table.index[dates.index(goal_label)], "Your pace"] == "165.0"
    off_week = [label for label in table.index if label.endswith("(goal)")]
    assert len(off_week) == (0 if arrival % 7 == 0 else 1)
    horizon = step_horizon(weight, goal, pace, "lb")
    assert len(table) == horizon // 7 + 1 + len(off_week)
