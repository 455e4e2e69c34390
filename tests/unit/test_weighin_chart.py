"""The weigh-ins chart: its data (one dot a day, trend, bands, goal) and its spec."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd
import pytest
from colours import THEME, contrast

from runners_face.charts import TEXT_COLOUR, THEME_TEXT
from runners_face.units import KG_PER_LB
from runners_face.weighin_chart import (
    AHEAD,
    CHART_ALT,
    CHART_DAYS,
    COLOURS,
    CORRIDOR,
    GOAL,
    GOAL_LABEL,
    LEFT_OUT,
    PACE,
    SWING,
    TREND,
    WEIGH_INS,
    build_weighin_chart,
    weighin_frame,
)
from runners_face.weighin_report import printed_rate, summary
from runners_face.weighin_trend import trend
from runners_face.weighins import WeighIns

START = date(2026, 10, 1)


def losing(days: int = 28, kg_a_day: float = 0.1, start_kg: float = 90.0) -> WeighIns:
    """A steady loss with a small alternating swing, one weigh-in a day."""
    readings = [(START + timedelta(days=d), start_kg - kg_a_day * d + (0.3 if d % 2 else -0.3)) for d in range(days)]
    return WeighIns(tuple(readings), "kg")


def frame_for(weighins: WeighIns, unit: str = "kg", goal_kg: float | None = None) -> pd.DataFrame:
    today = weighins.days[-1] if weighins.days else START
    return weighin_frame(weighins, trend(weighins), unit, goal_kg, today=today)  # type: ignore[arg-type]


def rows(frame: pd.DataFrame, series: str) -> pd.DataFrame:
    return frame[frame["series"] == series]


def test_several_readings_a_day_give_one_dot_that_day() -> None:
    readings = [(START + timedelta(days=d // 3), 80.0 + d % 3) for d in range(60)]  # three a day for 20 days
    frame = frame_for(WeighIns(tuple(readings), "kg"))
    dots = rows(frame, WEIGH_INS)
    assert len(dots) == 20 and dots["date"].is_unique
    assert (dots["weight"] == 81.0).all()  # the mean of 80, 81 and 82


def test_the_chart_shows_only_the_last_twelve_weeks_of_a_long_record() -> None:
    frame = frame_for(losing(days=400, kg_a_day=0.02))
    dots = rows(frame, WEIGH_INS)
    assert len(dots) == CHART_DAYS
    assert dots["date"].min() == pd.Timestamp(START + timedelta(days=400 - CHART_DAYS))
    assert rows(frame, TREND)["date"].min() == dots["date"].min()


def test_the_corridor_starts_where_the_pace_line_starts_and_falls_1_and_2_lb_a_week() -> None:
    weighins = losing()
    frame = frame_for(weighins, unit="lb")
    corridor = rows(frame, CORRIDOR).sort_values("date")
    pace = rows(frame, PACE).sort_values("date")
    first, last = corridor.iloc[0], corridor.iloc[-1]
    assert first["date"] == pace["date"].iloc[0] == pd.Timestamp(START)  # 28 days: the whole window
    assert first["low"] == first["high"] == pytest.approx(pace["weight"].iloc[0], abs=0.01)
    weeks = (last["date"] - first["date"]).days / 7
    assert first["high"] - last["high"] == pytest.approx(1.0 * weeks, abs=0.02)
    assert first["low"] - last["low"] == pytest.approx(2.0 * weeks, abs=0.02)


def test_the_kilogram_corridor_is_the_range_as_the_page_writes_it_in_kg() -> None:
    frame = frame_for(losing(), unit="kg")
    corridor = rows(frame, CORRIDOR).sort_values("date")
    first, last = corridor.iloc[0], corridor.iloc[-1]
    weeks = (last["date"] - first["date"]).days / 7
    assert first["high"] - last["high"] == pytest.approx(0.45 * weeks, abs=0.02)
    assert first["low"] - last["low"] == pytest.approx(0.9 * weeks, abs=0.02)


def test_the_dashed_line_ahead_starts_where_the_pace_line_ends_at_the_printed_rate() -> None:
    # The review found the dashed line 2.9 lb below where the solid (smoothed) trend ended.
    weighins = losing()
    result = trend(weighins)
    frame = weighin_frame(weighins, result, "lb", 80.0, today=weighins.days[-1])
    pace, ahead = rows(frame, PACE).sort_values("date"), rows(frame, AHEAD).sort_values("date")
    assert pace["date"].iloc[-1] == ahead["date"].iloc[0] and pace["weight"].iloc[-1] == ahead["weight"].iloc[0]
    rate = printed_rate(result, "lb")
    assert rate is not None
    for line in (pace, ahead):
        weeks = (line["date"].iloc[-1] - line["date"].iloc[0]).days / 7
        drop = line["weight"].iloc[0] - line["weight"].iloc[-1]
        assert drop == pytest.approx(rate.loss * weeks, abs=0.02)


def test_the_trend_line_and_its_swing_band_come_from_the_trend() -> None:
    weighins = losing()
    result = trend(weighins)
    frame = weighin_frame(weighins, result, "kg")
    line = rows(frame, TREND)
    assert line["weight"].tolist() == pytest.approx([round(v, 2) for v in result.smoothed])
    band = rows(frame, SWING)
    assert result.swing_kg is not None
    assert (band["low"] < band["high"]).all()
    assert (band["high"].to_numpy() - line["weight"].to_numpy()) == pytest.approx(result.swing_kg[1], abs=0.02)


def test_a_near_goal_gets_a_dashed_line_to_it_and_a_dated_marker() -> None:
    weighins = losing()  # about 87.3 kg on the last day, losing 0.7 kg a week
    frame = frame_for(weighins, goal_kg=86.0)
    goal = rows(frame, GOAL)
    assert len(goal) == 1 and goal["weight"].item() == 86.0
    assert goal["label"].item().startswith("Goal ")
    assert goal["date"].item() > pd.Timestamp(START + timedelta(days=27))


def test_a_far_goal_is_named_at_the_end_of_the_dashed_line_not_drawn() -> None:
    frame = frame_for(losing(), goal_kg=60.0)  # months away
    assert rows(frame, GOAL).empty
    label = rows(frame, GOAL_LABEL)["label"].item()
    assert label.startswith("Goal ") and label.endswith("→")


def test_no_dashed_line_or_goal_when_the_trend_is_not_falling_towards_it() -> None:
    gaining = losing(kg_a_day=-0.1)
    frame = frame_for(gaining, goal_kg=80.0)
    assert rows(frame, GOAL).empty and rows(frame, GOAL_LABEL).empty
    assert (frame["series"] != AHEAD).all()


def test_a_left_out_weigh_in_is_drawn_as_its_own_kind_of_mark() -> None:
    readings = list(losing().readings)
    readings[20] = (readings[20][0], 60.0)
    frame = frame_for(WeighIns(tuple(readings), "kg"))
    assert rows(frame, LEFT_OUT)["date"].tolist() == [pd.Timestamp(readings[20][0])]
    assert len(rows(frame, WEIGH_INS)) == 27


def test_weights_are_charted_in_pounds_for_lb_and_stones_and_in_kilograms_for_kg() -> None:
    weighins = losing()
    first = weighins.weights_kg[0]
    assert rows(frame_for(weighins, "kg"), WEIGH_INS)["weight"].iloc[0] == pytest.approx(first, abs=0.01)
    for unit in ("lb", "st"):
        assert rows(frame_for(weighins, unit), WEIGH_INS)["weight"].iloc[0] == pytest.approx(
            first / KG_PER_LB, abs=0.01
        )


def _spec(frame: pd.DataFrame) -> dict[str, Any]:
    with alt.data_transformers.disable_max_rows():
        spec: dict[str, Any] = build_weighin_chart(frame, "lb").to_dict()
    return spec


def test_the_spec_draws_dots_lines_bands_and_a_goal_with_one_legend() -> None:
    spec = _spec(frame_for(losing(), "lb", goal_kg=86.0))
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks.count("area") == 1 and "point" in marks and "rule" in marks and "text" in marks
    assert marks.count("line") >= 2
    legends = [layer["encoding"]["color"].get("legend") for layer in spec["layer"] if "color" in layer["encoding"]]
    assert any(legend and legend["orient"] == "bottom" and legend["direction"] == "vertical" for legend in legends)
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_the_spec_holds_no_weigh_in_outside_its_data() -> None:
    frame = frame_for(losing(), "lb", goal_kg=86.0)
    spec = _spec(frame)
    spec.pop("datasets")
    text = json.dumps(spec)
    for value in rows(frame, WEIGH_INS)["weight"]:
        assert f"{value}" not in text


def test_every_series_differs_by_more_than_colour() -> None:
    # Dots by their shape, lines (and the goal rule) by their dash pattern, bands by being areas.
    frame = frame_for(losing(), "lb", goal_kg=86.0)
    frame.loc[frame.index[0], "series"] = LEFT_OUT  # so that both kinds of dot are present
    spec = _spec(frame)
    look: dict[str, tuple[str, str]] = {}
    for layer in spec["layer"]:
        kind = layer["mark"]["type"]
        shown = layer["transform"][0]["filter"]["oneOf"]
        encoding = layer["encoding"]
        for series in shown:
            if kind == "point" and "shape" in encoding:
                scale = encoding["shape"]["scale"]
                look.setdefault(series, ("dot", scale["range"][scale["domain"].index(series)]))
            elif kind in ("line", "rule") and "strokeDash" in encoding:
                scale = encoding["strokeDash"]["scale"]
                look.setdefault(series, ("line", str(scale["range"][scale["domain"].index(series)])))
            elif kind == "area":
                look.setdefault(series, ("band", series))
    assert set(look) >= {WEIGH_INS, LEFT_OUT, TREND, PACE, AHEAD, GOAL, CORRIDOR, SWING}
    assert len(set(look.values())) == len(look), look


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_keep_3_to_1_and_text_4_5_to_1_on_the_page_in_both_themes(scheme: str) -> None:
    background = THEME[scheme]["backgroundColor"]
    weak = {s: round(contrast(c, background), 2) for s, c in COLOURS.items() if contrast(c, background) < 3.0}
    assert not weak, weak
    assert contrast(THEME_TEXT[scheme], background) >= 4.5


def test_the_accessible_name_describes_the_chart_and_is_constant() -> None:
    assert "weigh-in" in CHART_ALT and "trend" in CHART_ALT and "1 to 2 pounds a week" in CHART_ALT


def test_the_summary_says_what_the_chart_shows_in_words() -> None:
    weighins = losing()
    text = summary(weighins, trend(weighins), "kg", chart_days=CHART_DAYS)
    assert text.startswith("Chart summary: 28 days of weigh-ins, from 1 to 28 October 2026.")
    assert "kg" in text and "lb" in text


def test_an_empty_record_gives_an_empty_frame_and_a_chart_that_still_builds() -> None:
    empty = WeighIns((), "kg")
    frame = weighin_frame(empty, trend(empty), "kg")
    assert frame.empty
    assert _spec(frame)["layer"]


def test_chart_text_follows_the_theme_in_the_browser() -> None:
    # The same light-dark() colour as the planner chart: a theme switch needs no rerun.
    spec = _spec(frame_for(losing(), "lb", goal_kg=86.0))
    assert spec["config"]["axis"]["labelColor"] == TEXT_COLOUR == spec["config"]["legend"]["labelColor"]
