"""The planner chart: a pace change changes the data, never the spec."""

from __future__ import annotations

import json
from datetime import date, timedelta

import altair as alt
import numpy as np
import pandas as pd

from runners_face.charts import CHOSEN, GOAL, MODEL, RANGE, build_planner_chart, planner_frame, planner_spec
from runners_face.units import KG_PER_LB

START = date(2026, 11, 25)


def _spec(frame_pace_lb: float, unit: str = "lb", model: bool = False) -> tuple[dict[str, object], object]:
    frame = planner_frame(200 * KG_PER_LB, 180 * KG_PER_LB, frame_pace_lb * KG_PER_LB, START, unit)  # type: ignore[arg-type]
    with alt.data_transformers.disable_max_rows():
        spec = build_planner_chart(frame, unit, model).to_dict()  # type: ignore[arg-type]
    data = spec.pop("datasets")
    spec.pop("data", None)
    return spec, data


def test_a_pace_change_leaves_the_spec_alone() -> None:
    spec_one, data_one = _spec(1.0)
    spec_two, data_two = _spec(2.0)
    assert json.dumps(spec_one, sort_keys=True) == json.dumps(spec_two, sort_keys=True)
    assert data_one != data_two


def test_the_frame_holds_the_band_the_pace_and_the_goal() -> None:
    frame = planner_frame(200 * KG_PER_LB, 180 * KG_PER_LB, KG_PER_LB, START, "lb")
    assert set(frame["series"]) == {CHOSEN, RANGE, GOAL}
    chosen = frame[frame["series"] == CHOSEN]["weight"].tolist()
    assert chosen[0] == 200 and min(chosen) == 180
    band = frame[frame["series"] == RANGE]
    assert (band["low"] <= band["high"]).all()
    assert frame[frame["series"] == GOAL]["weight"].item() == 180


def test_the_model_curve_is_added_when_given() -> None:
    daily = [90.0 - 0.05 * d for d in range(400)]
    frame = planner_frame(90, 80, 0.5, START, "kg", daily)
    assert (frame["series"] == MODEL).sum() > 5


def test_long_plans_are_thinned_to_a_few_hundred_points() -> None:
    frame = planner_frame(300, 35, 0.1, START, "kg", weekly=True)
    assert (frame["series"] == CHOSEN).sum() <= 262


def test_the_chart_gets_only_the_corners_of_the_straight_lines() -> None:
    frame = planner_frame(200 * KG_PER_LB, 180 * KG_PER_LB, 1.5 * KG_PER_LB, START, "lb")
    chosen = frame[frame["series"] == CHOSEN]
    assert len(chosen) <= 5
    arrival = START + timedelta(days=94)  # 20 lb at 1.5 lb a week: 93.3 days, rounded up
    assert chosen[chosen["date"] == pd.Timestamp(arrival)]["weight"].item() == 180


def test_the_weekly_table_lies_on_the_charts_lines() -> None:
    args = (95.0, 80.0, 0.6, START, "kg")
    corners = planner_frame(*args)
    weekly = planner_frame(*args, weekly=True)
    for series in (CHOSEN, RANGE):
        line = corners[corners["series"] == series].set_index("date")
        rows = weekly[weekly["series"] == series].set_index("date")
        column = "weight" if series == CHOSEN else "low"
        # straight segments between corners: interpolating the corners gives the weekly values
        days = (rows.index - rows.index[0]).days
        corner_days = (line.index - rows.index[0]).days
        expected = np.interp(days, corner_days, line[column])
        # corners fall on whole days, so a line may reach the goal up to a day late: allow
        # one day's loss at the fastest pace in the band (2 lb, 0.91 kg, a week)
        assert np.allclose(rows[column], expected, atol=0.91 / 7)


def test_the_legend_names_every_layer_with_colour_and_dash() -> None:
    spec, _ = _spec(1.0, model=True)
    text = json.dumps(spec, ensure_ascii=False)
    for name in (CHOSEN, MODEL, RANGE, GOAL):
        assert name in text
    assert "strokeDash" in text


def test_the_cached_spec_is_the_altair_chart_without_its_data() -> None:
    frame = planner_frame(90, 80, 0.5, START, "kg")
    with alt.data_transformers.disable_max_rows():
        full = build_planner_chart(frame, "kg", True).to_dict()
    full.pop("datasets")
    full.pop("data")
    assert planner_spec("kg", True) == full
    assert planner_spec("kg", True) is not planner_spec("kg", True)  # callers may not share it
