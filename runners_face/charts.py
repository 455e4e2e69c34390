"""The planner chart: its data (every pace at once) and its Altair spec, both pure.

The chart follows the reader's hand in the browser. Its data holds the lines of **every** pace
the pace control offers (column ``step``); a Vega parameter, bound to the pace control's own
``<input type="range">`` (:data:`PACE_INPUT_ID`, see ``views/pace_control.py``), picks which
step is drawn. Moving the control redraws the chart in the same frame, with no server message;
the reader's pace reaches Python afterwards, for the words.

So the data depends on the weights, units, start date and "About you", never on the pace, and
the spec only on the units and on whether the model curve is shown: a rerun that follows the
pace sends the same chart again, and the browser keeps the one it has.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Final

import altair as alt
import pandas as pd

from runners_face.pace import article_range, days_to_goal, pace_scale, weight_on_day
from runners_face.units import Unit, base_unit, format_pace, format_weight, from_kg, to_kg
from runners_face.wording import CHART_DATE, CHART_MONTH, format_duration, format_short_date

CHOSEN: Final = "Your pace (straight line)"
MODEL: Final = "Same calorie cut, realistic curve"
RANGE: Final = "Article's range"
"""The band's key in COLOURS and DASHES; its series name says the range in the reader's units
(:func:`range_label`)."""
GOAL: Final = "Your goal"
MARK: Final = "Goal reached"
TODAY: Final = "Today"
"""The rows of the label at the line's start ("Today 172 lb")."""
FRAME_COLUMNS: Final = ["step", "series", "date", "weight", "low", "high", "label", "side"]
MAX_POINTS: Final = 260
"""Points per model curve at most; long plans are sampled every few weeks instead of weekly."""
TAIL_WEEKS: Final = 4
"""Weeks shown after the later of the two arrivals, so the flat line at the goal is visible."""
ALL_STEPS: Final = -1
"""The ``step`` of rows drawn at every pace (the goal line)."""

PACE_PARAM: Final = "pace_step"
PACE_INPUT_ID: Final = "rf-pace-input"
"""The id of the pace control's range input, which the chart's parameter is bound to."""

CHART_ALT: Final = (
    "Line chart of weight over time for your plan. A shaded band shows the article's range of 1 to "
    "2 pounds a week, a solid line your chosen pace and a dotted line your goal, with the date you "
    "reach it marked; a dashed line, when shown, the realistic curve."
)
"""The chart's accessible name: constant, because a changing name re-embeds the chart."""

# One colour per line that keeps at least 3:1 contrast on both the light (#FFFDF8) and the
# dark (#16161A) page; the lines also differ by dash pattern so colour is never the only cue.
COLOURS: Final = {CHOSEN: "#2F6FD0", MODEL: "#C2571A", RANGE: "#3A9A5B", GOAL: "#808080"}
# Text follows the page's theme in the browser: CSS light-dark() picks by the colour scheme
# Streamlit sets on the app, so a theme switch needs no rerun. Both keep 4.5:1 or more.
THEME_TEXT: Final = {"light": "#55585F", "dark": "#A9ADB8"}
TEXT_COLOUR: Final = f"light-dark({THEME_TEXT['light']}, {THEME_TEXT['dark']})"
LABEL_COLOUR: Final = "light-dark(#15120E, #ECE6E0)"
DASHES: Final = {RANGE: [1, 0], GOAL: [2, 3], CHOSEN: [1, 0], MODEL: [8, 4]}


@dataclass(frozen=True)
class StepLabel:
    """What the chart writes at the goal for one pace step: the date, and the time it takes."""

    date_text: str
    duration_text: str


def goal_label(start: date, days: int) -> StepLabel:
    """The goal marker's words: "15 Mar 2027" and "in 15 weeks"."""
    return StepLabel(format_short_date(start + timedelta(days=days)), f"in {format_duration(days)}")


def range_label(unit: Unit) -> str:
    """The band's name in the legend, short enough for a phone: "Article's range, 1–2 lb/wk" (or
    0.45–0.9 kg/wk)."""
    slow, fast = article_range(unit)
    return f"{RANGE}, {slow:g}–{fast:g} {base_unit(unit)}/wk"


def range_kg(unit: Unit) -> tuple[float, float]:
    """The article's range as the page writes it in ``unit`` (1-2 lb, or 0.45-0.9 kg), in kg a week."""
    slow, fast = article_range(unit)
    return to_kg(slow, unit), to_kg(fast, unit)


def step_horizon(weight_kg: float, goal_kg: float, pace_kg_per_week: float, unit: Unit) -> int:
    """Days the chart covers for one pace: the later of its arrival and the arrival at the slow end
    of the article's range, plus a few weeks, so the flat line at the goal shows."""
    slowest = min(pace_kg_per_week, range_kg(unit)[0])
    return days_to_goal(weight_kg, goal_kg, slowest) + TAIL_WEEKS * 7


def phone_legend(**symbol: Any) -> alt.Legend:
    """A legend below the chart, one entry a line, that fits a 375 px phone screen; ``symbol``
    sets the keys' look (``symbolType``, ``symbolStrokeWidth``, ``symbolSize``...)."""
    return alt.Legend(
        orient="bottom",
        direction="vertical",
        title=None,
        labelLimit=260,
        labelFontSize=13,
        symbolOpacity=1,  # a layer drawn translucent (a band) still gets an opaque key
        **symbol,
    )


def _sample_step(days_total: int) -> int:
    weeks = max(1, math.ceil(days_total / 7 / MAX_POINTS))
    return 7 * weeks


def planner_frame(
    weight_kg: float,
    goal_kg: float,
    paces_kg_per_week: Sequence[float],
    start: date,
    unit: Unit,
    model_curves_kg: Sequence[Sequence[float] | None] | None = None,
) -> pd.DataFrame:
    """Long-form data for the planner chart, weights in the chart's unit (lb or kg).

    For each pace step (its index in ``paces_kg_per_week`` is the row's ``step``): the
    straight line by its corners (today, the goal day, the end of the chart), the 1-2 lb a
    week band (``low``/``high``) by its corners, the goal marker with its words, and, when
    ``model_curves_kg`` is given (daily weights per step, day 0 first; None for a step with no
    curve), the realistic curve sampled weekly. One more row, at every step, is the goal line.

    Every goal day comes from :func:`runners_face.pace.days_to_goal`, the one function the
    sentence, table and downloads use too.
    """
    slow_kg, fast_kg = range_kg(unit)
    slow_days = days_to_goal(weight_kg, goal_kg, slow_kg)
    fast_days = days_to_goal(weight_kg, goal_kg, fast_kg)

    def to_unit(kg: float) -> float:
        return round(from_kg(kg, unit), 2)

    rows: list[dict[str, object]] = []
    for step, pace in enumerate(paces_kg_per_week):
        arrival = days_to_goal(weight_kg, goal_kg, pace)
        horizon = step_horizon(weight_kg, goal_kg, pace, unit)
        for day in sorted({0, arrival, horizon}):
            rows.append(
                {
                    "step": step,
                    "series": CHOSEN,
                    "date": start + timedelta(days=day),
                    "weight": to_unit(weight_on_day(weight_kg, goal_kg, pace, day)),
                }
            )
        for day in sorted({0, fast_days, slow_days, horizon}):
            rows.append(
                {
                    "step": step,
                    "series": range_label(unit),
                    "date": start + timedelta(days=day),
                    "low": to_unit(weight_on_day(weight_kg, goal_kg, fast_kg, day)),
                    "high": to_unit(weight_on_day(weight_kg, goal_kg, slow_kg, day)),
                }
            )
        label = goal_label(start, arrival)
        rows.append(
            {
                "step": step,
                "series": MARK,
                "date": start + timedelta(days=arrival),
                "weight": to_unit(goal_kg),
                "label": f"{label.date_text}\n{label.duration_text}",
                # the words run away from the nearer edge, so they stay inside the chart
                "side": "left" if arrival <= horizon / 2 else "right",
            }
        )
        curve = model_curves_kg[step] if model_curves_kg is not None else None
        if curve is not None:
            last = min(horizon, len(curve) - 1)
            for day in sorted(set(range(0, last + 1, _sample_step(last))) | {last}):
                rows.append(
                    {
                        "step": step,
                        "series": MODEL,
                        "date": start + timedelta(days=day),
                        "weight": to_unit(curve[day]),
                    }
                )
    rows.append(
        {
            "step": ALL_STEPS,
            "series": GOAL,
            "date": start,
            "weight": to_unit(goal_kg),
            "label": format_weight(from_kg(goal_kg, unit), unit),
        }
    )
    # The line's start, labelled on the chart: where the reader is today.
    rows.append(
        {
            "step": ALL_STEPS,
            "series": TODAY,
            "date": start,
            "weight": to_unit(weight_kg),
            "label": f"Today {format_weight(from_kg(weight_kg, unit), unit)}",
            "side": "left",
        }
    )
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["step"] = frame["step"].astype("int64")
    return frame


def build_planner_chart(
    frame: pd.DataFrame, unit: Unit, show_model: bool, initial_pace: float | None = None
) -> alt.LayerChart:
    """Layered chart: shaded 1-2 lb band, goal line, chosen pace, goal marker, optional model curve.

    Each layer but the goal line draws only the rows of the step the pace control holds (the
    parameter :data:`PACE_PARAM`, bound to the control's input). One legend names every line
    with its colour *and* dash pattern, so nothing relies on colour alone; it is vertical so
    it fits a 375 px phone screen.
    """
    weight_title = f"Weight ({base_unit(unit)})"
    lines = [CHOSEN, MODEL] if show_model else [CHOSEN]
    band_name = range_label(unit)
    domain = [band_name, GOAL, *lines]
    keys = [RANGE, GOAL, *lines]
    scale = pace_scale(unit)
    pace = alt.param(
        name=PACE_PARAM,
        value=scale.default if initial_pace is None else initial_pace,
        # Bound to an input that is already on the page (Vega-Lite's "direct" binding): Vega
        # reads its value when the chart is drawn and listens to its input events.
        bind=alt.BindDirect(element=f"#{PACE_INPUT_ID}"),
    )
    # The input holds the pace itself (0.25-3 lb, 0.1-1.4 kg a week); the rows are by step.
    chosen_step = f"datum.step == round((toNumber({PACE_PARAM}) - {scale.minimum}) / {scale.step})"
    # labelFlush keeps the first and last dates inside the chart (on a phone they were cut: "Apr 2").
    x = alt.X("date:T", title=None, axis=alt.Axis(format=CHART_MONTH, labelOverlap=True, tickCount=5, labelFlush=True))
    # Room under the goal line for the goal marker's two lines of words.
    y_scale = alt.Scale(zero=False, padding=34)
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=domain, range=[COLOURS[s] for s in keys]),
        legend=phone_legend(symbolType="stroke", symbolStrokeWidth=4, symbolSize=400),
    )
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=domain, range=[DASHES[s] for s in keys]))
    base = alt.Chart(frame)
    band = (
        base.transform_filter(alt.datum.series == band_name)
        .transform_filter(chosen_step)
        # No mark is announced one by one (dozens of raw data points): the chart's name, the words,
        # the chart summary and the table carry what it shows.
        .mark_area(opacity=0.3, aria=False)
        .encode(
            x=x,
            y=alt.Y("low:Q", title=weight_title, scale=y_scale),
            y2="high:Q",
            color=colour,
            tooltip=[
                alt.Tooltip("date:T", title="Date", format=CHART_DATE),
                alt.Tooltip("high:Q", title=f"At {format_pace(article_range(unit)[0], unit)} ({base_unit(unit)})"),
                alt.Tooltip("low:Q", title=f"At {format_pace(article_range(unit)[1], unit)} ({base_unit(unit)})"),
            ],
        )
        .add_params(pace)
    )
    goal_rule = (
        base.transform_filter(alt.datum.series == GOAL)
        .mark_rule(strokeWidth=2, aria=False)
        .encode(y="weight:Q", color=colour, strokeDash=dash, tooltip=[alt.Tooltip("label:N", title="Goal")])
    )
    trend = (
        base.transform_filter(alt.FieldOneOfPredicate(field="series", oneOf=lines))
        .transform_filter(chosen_step)
        # no point marks: hundreds of extra SVG paths; the line keeps its tooltip
        .mark_line(strokeWidth=3, aria=False)
        .encode(
            x=x,
            y=alt.Y("weight:Q", title=weight_title),
            color=colour,
            strokeDash=dash,
            tooltip=[
                alt.Tooltip("series:N", title="Line"),
                alt.Tooltip("date:T", title="Date", format=CHART_DATE),
                alt.Tooltip("weight:Q", title=weight_title, format=".1f"),
            ],
        )
    )
    marker = base.transform_filter(alt.datum.series == MARK).transform_filter(chosen_step)
    dot = marker.mark_point(filled=True, size=110, opacity=1, color=COLOURS[CHOSEN], aria=False).encode(
        x=x, y="weight:Q", tooltip=[alt.Tooltip("label:N", title="Goal reached")]
    )
    words = marker.mark_text(
        aria=False,
        # per row: the words run away from the nearer edge of the chart (column "side")
        align=alt.expr("datum.side"),
        dx=alt.expr("datum.side == 'left' ? 6 : -6"),
        baseline="top",
        dy=8,
        lineBreak="\n",
        fontSize=13,
        fontWeight="bold",
        color=LABEL_COLOUR,
    ).encode(x=x, y="weight:Q", text="label:N")
    today = (
        base.transform_filter(alt.datum.series == TODAY)
        .mark_text(align="left", dx=6, dy=-10, fontSize=13, fontWeight="bold", color=LABEL_COLOUR, aria=False)
        .encode(x=x, y="weight:Q", text="label:N")
    )
    chart = alt.LayerChart(layer=[band, goal_rule, trend, dot, words, today]).properties(height=320)
    configured: alt.LayerChart = chart.configure_axis(labelColor=TEXT_COLOUR, titleColor=TEXT_COLOUR).configure_legend(
        labelColor=TEXT_COLOUR
    )
    return configured


@lru_cache(maxsize=16)
def _spec_without_data(unit: Unit, show_model: bool, initial_pace: float, epoch: int) -> dict[str, Any]:
    empty = pd.DataFrame({column: [] for column in FRAME_COLUMNS})
    spec = build_planner_chart(empty, unit, show_model, initial_pace).properties(usermeta={"epoch": epoch}).to_dict()
    spec.pop("datasets", None)
    spec.pop("data", None)
    return spec


def planner_spec(unit: Unit, show_model: bool, initial_pace: float | None = None, epoch: int = 0) -> dict[str, Any]:
    """The planner chart's Vega-Lite spec without its data, built by Altair once per layout.

    Building and validating the Altair chart costs tens of milliseconds; the spec depends only
    on the units and on whether the model curve is shown, so reruns reuse it (pass the frame
    from :func:`planner_frame` as the chart's data). ``initial_pace`` is the parameter's value
    until Vega reads the pace control's input (default: the units' default pace); keep it
    constant across reruns (a changed spec re-embeds the chart). A new ``epoch`` changes the
    spec on purpose, to draw the chart afresh.
    """
    initial = pace_scale(unit).default if initial_pace is None else initial_pace
    return copy.deepcopy(_spec_without_data(unit, show_model, initial, epoch))


def table_frame(
    weight_kg: float,
    goal_kg: float,
    pace_kg_per_week: float,
    start: date,
    unit: Unit,
    model_curve_kg: Sequence[float] | None = None,
) -> pd.DataFrame:
    """The chart's numbers for one pace, one row a week, for the table view.

    Rows every seven days up to the end of the chart, and one row on the goal day when it falls
    between two weeks (its date is marked "(goal)"). Columns: the chosen pace, the band's two
    edges, and the realistic curve when given. Weights in the chart's unit, to 0.1.
    """
    slow_kg, fast_kg = range_kg(unit)
    slow, fast = (format_pace(pace, unit).replace(" a week", "/wk") for pace in article_range(unit))
    arrival = days_to_goal(weight_kg, goal_kg, pace_kg_per_week)
    horizon = step_horizon(weight_kg, goal_kg, pace_kg_per_week, unit)
    step = _sample_step(horizon)
    days = sorted(set(range(0, horizon + 1, step)) | {arrival})

    def cell(kg: float | None) -> str:
        return "" if kg is None else f"{from_kg(kg, unit):.1f}"

    records = []
    for day in days:
        when = start + timedelta(days=day)
        model = model_curve_kg[day] if model_curve_kg is not None and day < len(model_curve_kg) else None
        record = {
            "Date": format_short_date(when) + (" (goal)" if day == arrival and day % step else ""),
            "Your pace": cell(weight_on_day(weight_kg, goal_kg, pace_kg_per_week, day)),
            slow: cell(weight_on_day(weight_kg, goal_kg, slow_kg, day)),
            fast: cell(weight_on_day(weight_kg, goal_kg, fast_kg, day)),
        }
        if model_curve_kg is not None:
            record["Realistic"] = cell(model)
        records.append(record)
    return pd.DataFrame(records).set_index("Date")
