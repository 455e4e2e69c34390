"""The planner chart: data frame and layered Altair spec, both pure.

The spec depends only on the units and on whether the model curve is shown; everything a
slider move changes (dates, weights, the goal line) lives in the data frame. Streamlit then
swaps the data without re-embedding the chart, which keeps slider moves fast and smooth.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final

import altair as alt
import pandas as pd

from runners_face.pace import (
    RECOMMENDED_LB_PER_WEEK,
    horizon_days,
    weight_on_day,
)
from runners_face.units import KG_PER_LB, Unit, base_unit, from_kg

CHOSEN: Final = "Your pace (straight line)"
MODEL: Final = "Same calorie cut, realistic curve"
RANGE: Final = "Recommended range, 1–2 lb a week"
GOAL: Final = "Your goal"
FRAME_COLUMNS: Final = ["date", "series", "weight", "low", "high", "label"]
MAX_POINTS: Final = 260
"""Points per line at most; long plans are sampled every few weeks instead of weekly."""

CHART_ALT: Final = (
    "Line chart of weight over time for your plan. A shaded band shows the recommended "
    "range of 1 to 2 pounds a week, a solid line your chosen pace, a dotted line your goal; "
    "a dashed line, when shown, the realistic curve."
)
"""The chart's accessible name: constant, because a changing name re-embeds the chart."""

# One colour per line that keeps at least 3:1 contrast on both the light (#FFFDF8) and the
# dark (#16161A) page; the lines also differ by dash pattern so colour is never the only cue.
COLOURS: Final = {CHOSEN: "#2F6FD0", MODEL: "#C2571A", RANGE: "#3A9A5B", GOAL: "#808080"}
# Axis and legend text: Streamlit's default grey is 3.6:1 on the light page; these keep 4.5:1.
TEXT_COLOURS: Final = {"light": "#55585F", "dark": "#A9ADB8"}
DASHES: Final = {RANGE: [1, 0], GOAL: [2, 3], CHOSEN: [1, 0], MODEL: [8, 4]}


def _sample_step(days_total: int) -> int:
    weeks = max(1, math.ceil(days_total / 7 / MAX_POINTS))
    return 7 * weeks


def planner_frame(
    weight_kg: float,
    goal_kg: float,
    pace_kg_per_week: float,
    start: date,
    unit: Unit,
    model_weights_kg: Sequence[float] | None = None,
    *,
    weekly: bool = False,
) -> pd.DataFrame:
    """Long-form data for the planner chart, weights in the chart's unit (lb or kg).

    Rows: the chosen straight-line pace, the 1-2 lb/week band (``low``/``high``), the goal
    (one row), and, when ``model_weights_kg`` is given (daily weights, day 0 first), the
    realistic curve for the same calorie cut, sampled weekly.

    The straight lines bend only where they reach the goal, so for the chart they are given
    by their corners alone (a handful of rows: less for the browser to redraw on a slider
    move); ``weekly=True`` gives a row every week instead, for the table of numbers.
    """
    total = horizon_days(weight_kg, goal_kg, pace_kg_per_week)
    step = _sample_step(total)
    slow_kg, fast_kg = (lb * KG_PER_LB for lb in RECOMMENDED_LB_PER_WEEK)
    sampled = set(range(0, total + 1, step)) | {total}
    corners = {0, total} | {
        math.ceil((weight_kg - goal_kg) / pace * 7) for pace in (pace_kg_per_week, slow_kg, fast_kg)
    }
    days = sorted(d for d in (sampled | corners if weekly else corners) if d <= total)

    def to_unit(kg: float) -> float:
        return round(from_kg(kg, unit), 2)

    rows: list[dict[str, object]] = []
    for day in days:
        when = start + timedelta(days=day)
        rows.append(
            {
                "date": when,
                "series": CHOSEN,
                "weight": to_unit(weight_on_day(weight_kg, goal_kg, pace_kg_per_week, day)),
            }
        )
        rows.append(
            {
                "date": when,
                "series": RANGE,
                "low": to_unit(weight_on_day(weight_kg, goal_kg, fast_kg, day)),
                "high": to_unit(weight_on_day(weight_kg, goal_kg, slow_kg, day)),
            }
        )
    if model_weights_kg is not None:
        for day in sorted(sampled | corners):
            if day < len(model_weights_kg):
                when = start + timedelta(days=day)
                rows.append({"date": when, "series": MODEL, "weight": to_unit(model_weights_kg[day])})
    rows.append(
        {
            "date": start,
            "series": GOAL,
            "weight": to_unit(goal_kg),
            "label": f"{to_unit(goal_kg):g} {base_unit(unit)}",
        }
    )
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def build_planner_chart(frame: pd.DataFrame, unit: Unit, show_model: bool, dark: bool = False) -> alt.LayerChart:
    """Layered chart: shaded recommended band, goal line, chosen pace, optional model curve.

    One legend names every layer with its colour *and* dash pattern, so nothing relies on
    colour alone; it is vertical so it fits a 375 px phone screen.
    """
    weight_title = f"Weight ({base_unit(unit)})"
    lines = [CHOSEN, MODEL] if show_model else [CHOSEN]
    domain = [RANGE, GOAL, *lines]
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelOverlap=True, tickCount=5))
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=domain, range=[COLOURS[s] for s in domain]),
        legend=alt.Legend(
            orient="bottom",
            direction="vertical",
            title=None,
            labelLimit=320,
            labelFontSize=13,
            symbolType="stroke",
            symbolOpacity=1,  # the band layer is drawn at 0.3 opacity; its legend key must not be
            symbolStrokeWidth=4,
            symbolSize=400,
        ),
    )
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=domain, range=[DASHES[s] for s in domain]))
    base = alt.Chart(frame)
    band = (
        base.transform_filter(alt.datum.series == RANGE)
        .mark_area(opacity=0.3)
        .encode(
            x=x,
            y=alt.Y("low:Q", title=weight_title, scale=alt.Scale(zero=False)),
            y2="high:Q",
            color=colour,
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%-d %B %Y"),
                alt.Tooltip("high:Q", title=f"At 1 lb a week ({base_unit(unit)})"),
                alt.Tooltip("low:Q", title=f"At 2 lb a week ({base_unit(unit)})"),
            ],
        )
    )
    goal_rule = (
        base.transform_filter(alt.datum.series == GOAL)
        .mark_rule(strokeWidth=2)
        .encode(y="weight:Q", color=colour, strokeDash=dash, tooltip=[alt.Tooltip("label:N", title="Goal")])
    )
    trend = (
        base.transform_filter(alt.FieldOneOfPredicate(field="series", oneOf=lines))
        # no point marks: hundreds of extra SVG paths per slider move; the line keeps its tooltip
        .mark_line(strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y("weight:Q", title=weight_title),
            color=colour,
            strokeDash=dash,
            tooltip=[
                alt.Tooltip("series:N", title="Line"),
                alt.Tooltip("date:T", title="Date", format="%-d %B %Y"),
                alt.Tooltip("weight:Q", title=weight_title, format=".1f"),
            ],
        )
    )
    text = TEXT_COLOURS["dark" if dark else "light"]
    chart = alt.LayerChart(layer=[band, goal_rule, trend]).properties(height=320)
    configured: alt.LayerChart = chart.configure_axis(labelColor=text, titleColor=text).configure_legend(
        labelColor=text
    )
    return configured


@lru_cache(maxsize=16)
def _spec_without_data(unit: Unit, show_model: bool, dark: bool) -> dict[str, Any]:
    empty = pd.DataFrame({column: [] for column in FRAME_COLUMNS})
    spec = build_planner_chart(empty, unit, show_model, dark).to_dict()
    spec.pop("datasets", None)
    spec.pop("data", None)
    return spec


def planner_spec(unit: Unit, show_model: bool, dark: bool = False) -> dict[str, Any]:
    """The planner chart's Vega-Lite spec without its data, built by Altair once per layout.

    Building and validating the Altair chart costs tens of milliseconds; the spec depends only
    on the units and on whether the model curve is shown, so a slider move reuses it and sends
    only new data (pass the frame from :func:`planner_frame` as the chart's data).
    """
    return copy.deepcopy(_spec_without_data(unit, show_model, dark))
