"""The weigh-ins chart: a data frame and a layered Altair chart, both pure.

What it shows, for the last :data:`CHART_DAYS` days of weigh-ins: each day's weigh-in as a
dot (one a day: the mean of that day's readings); the reader's pace, the straight line fitted
to the last four weeks, as a thick solid line, and, when it is falling towards the goal, its
dashed continuation to the goal weight (a dotted rule) with the date it would be reached;
the article's range as a green band that starts where the pace line starts, so the line lies
inside the band exactly when the words say the pace is inside the range; and the smoothed
(Hacker's Diet) trend as a thin line with a band of normal day-to-day swing around it. The
pace line and the words use one rate, as printed (:mod:`runners_face.weighin_report`).
Colour is never the only cue: the marks differ in shape (dots, crosses, solid, dashed, dotted
lines, bands) and the legend names each one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

import altair as alt
import pandas as pd

from runners_face.charts import TEXT_COLOUR, phone_legend, range_kg
from runners_face.units import Unit, base_unit, from_kg
from runners_face.weighin_report import fitted_ends, forecast, printed_rate
from runners_face.weighin_trend import Trend
from runners_face.weighins import WeighIns
from runners_face.wording import CHART_DATE, CHART_DAY, format_short_date

CHART_DAYS: Final = 84
"""Days of weigh-ins the chart shows (12 weeks); the table and the download hold them all."""
MIN_HORIZON_DAYS: Final = 14
"""The dashed line runs past the last weigh-in for half the days shown, at least this many:
far enough to show a goal that is near, short enough to leave the weigh-ins most of the width.
A goal further away is named at the line's end (and in the words)."""

WEIGH_INS: Final = "Weigh-ins (one dot a day)"
LEFT_OUT: Final = "Left out (far from nearby days)"
PACE: Final = "Your pace (straight line, last 4 weeks)"
AHEAD: Final = "Ahead at this pace"
TREND: Final = "Smoothed trend (lags behind)"
SWING: Final = "Normal day-to-day swing"
CORRIDOR: Final = "Article's range from the same start"
GOAL: Final = "Your goal"
GOAL_LABEL: Final = "goal-label"
"""A row that only carries the goal's date, at the dashed line's end, when the goal is off the chart."""
SERIES: Final = (CORRIDOR, SWING, TREND, PACE, AHEAD, GOAL, WEIGH_INS, LEFT_OUT)
FRAME_COLUMNS: Final = ["date", "series", "weight", "low", "high", "label"]

CHART_ALT: Final = (
    "Chart of your weigh-ins over time: a dot for each day's weigh-in, a thick straight line for your pace "
    "over the last 4 weeks, a green band for the article's range of 1 to 2 pounds a week from the same start, "
    "a thin smoothed trend line with a shaded band of normal day-to-day swing, and, when shown, a dashed line "
    "to where your pace would meet your goal (a dotted line)."
)
"""The chart's accessible name; the numbers are in the words and the table beside it."""

# Each colour keeps at least 3:1 against both the light (#FFFDF8) and the dark (#16161A)
# page (tests/unit/test_weighin_chart.py checks). Bands are drawn see-through, so their
# edges are also drawn as lines of the full colour.
COLOURS: Final = {
    CORRIDOR: "#3A9A5B",
    SWING: "#7F8794",
    TREND: "#7F8794",
    PACE: "#2F6FD0",
    AHEAD: "#2F6FD0",
    GOAL: "#808080",
    WEIGH_INS: "#8A6FC9",
    LEFT_OUT: "#C2571A",
}
DASHES: Final = {CORRIDOR: [1, 0], SWING: [1, 0], TREND: [3, 2], PACE: [1, 0], AHEAD: [6, 4], GOAL: [2, 3]}


def _unit_value(kg: float, unit: Unit) -> float:
    return round(from_kg(kg, unit), 2)


def weighin_frame(
    weighins: WeighIns,
    result: Trend,
    unit: Unit,
    goal_kg: float | None = None,
    *,
    today: date | None = None,
    chart_days: int = CHART_DAYS,
) -> pd.DataFrame:
    """Long-form data for the chart, weights in the chart's unit (lb, or kg for "kg"). The way to
    the goal is drawn when both ``goal_kg`` and ``today`` are given."""
    rows: list[dict[str, object]] = []
    if not weighins.days or result.first_day is None:
        return pd.DataFrame(rows, columns=FRAME_COLUMNS)
    last = weighins.days[-1]
    since = last - timedelta(days=chart_days - 1)
    shown = [(d, w) for d, w in zip(weighins.days, weighins.weights_kg, strict=True) if d >= since]
    left_out = set(result.left_out)
    for day, kg in shown:
        series = LEFT_OUT if day in left_out else WEIGH_INS
        rows.append({"date": day, "series": series, "weight": _unit_value(kg, unit)})

    swing = result.swing_kg
    for offset, kg in enumerate(result.smoothed):
        day = result.first_day + timedelta(days=offset)
        if day < shown[0][0]:  # the line starts at the first dot shown
            continue
        rows.append({"date": day, "series": TREND, "weight": _unit_value(kg, unit)})
        if swing is not None:
            rows.append(
                {
                    "date": day,
                    "series": SWING,
                    "low": _unit_value(kg + swing[0], unit),
                    "high": _unit_value(kg + swing[1], unit),
                }
            )

    end = last
    rate = printed_rate(result, unit)
    if rate is not None and result.level_kg is not None:
        start_kg, level_kg = fitted_ends(result, rate)
        fit_start = last - timedelta(days=result.days - 1)  # the window's first weigh-in
        rows.append({"date": fit_start, "series": PACE, "weight": _unit_value(start_kg, unit)})
        rows.append({"date": last, "series": PACE, "weight": _unit_value(level_kg, unit)})
        ahead = forecast(result, rate, goal_kg, today) if goal_kg is not None and today is not None else None
        if ahead is not None and goal_kg is not None:
            horizon = max(MIN_HORIZON_DAYS, (last - shown[0][0]).days // 2)
            ahead_days = min(ahead.days, horizon)
            end = last + timedelta(days=ahead_days)
            level_at_end = level_kg - rate.loss_kg * ahead_days / 7
            rows.append({"date": last, "series": AHEAD, "weight": _unit_value(level_kg, unit)})
            rows.append({"date": end, "series": AHEAD, "weight": _unit_value(level_at_end, unit)})
            goal_day = last + timedelta(days=ahead.days)
            if ahead.days <= horizon:
                label = f"Goal {format_short_date(goal_day)}"
                rows.append({"date": end, "series": GOAL, "weight": _unit_value(goal_kg, unit), "label": label})
            else:
                # The goal is off the chart: say when at the dashed line's end (as the words do).
                label = "Goal: more than a year →" if ahead.beyond_year else f"Goal {format_short_date(goal_day)} →"
                rows.append(
                    {"date": end, "series": GOAL_LABEL, "weight": _unit_value(level_at_end, unit), "label": label}
                )
        # The article's range, from where the pace line starts, to the end of the chart.
        slow_kg, fast_kg = range_kg(unit)
        for day in (fit_start, end):
            weeks = (day - fit_start).days / 7
            rows.append(
                {
                    "date": day,
                    "series": CORRIDOR,
                    "low": _unit_value(start_kg - fast_kg * weeks, unit),
                    "high": _unit_value(start_kg - slow_kg * weeks, unit),
                }
            )
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def build_weighin_chart(frame: pd.DataFrame, unit: Unit) -> alt.LayerChart:
    """The layered chart (see the module notes). One legend, below the chart and one entry a
    line so it fits a 375 px phone, names every mark by its colour *and* its shape or dash."""
    title = f"Weight ({base_unit(unit)})"
    present = [s for s in SERIES if (frame["series"] == s).any()] or list(SERIES)
    lined = [s for s in (TREND, PACE, AHEAD, GOAL) if s in present]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=present, range=[COLOURS[s] for s in present]),
        legend=phone_legend(symbolStrokeWidth=3, symbolSize=160),
    )
    shape = alt.Shape(
        "series:N",
        scale=alt.Scale(
            domain=present,
            range=[
                {WEIGH_INS: "circle", LEFT_OUT: "cross", TREND: "stroke", PACE: "stroke", AHEAD: "stroke"}.get(
                    s, "stroke" if s == GOAL else "square"
                )
                for s in present
            ],
        ),
        legend=None,
    )
    # One dash scale for the lines and the goal rule, so the legend shows each one's dashes.
    dash = alt.StrokeDash(
        "series:N", scale=alt.Scale(domain=lined or [TREND], range=[DASHES[s] for s in lined or [TREND]])
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format=CHART_DAY, labelOverlap=True, tickCount=5))
    y = alt.Y("weight:Q", title=title, scale=alt.Scale(zero=False))
    when = alt.Tooltip("date:T", title="Date", format=CHART_DATE)
    base = alt.Chart(frame)

    def only(*names: str) -> alt.Chart:
        return base.transform_filter(alt.FieldOneOfPredicate(field="series", oneOf=list(names)))

    bands = (
        only(CORRIDOR, SWING)
        .mark_area(opacity=0.18, aria=False)
        .encode(
            x=x,
            y=alt.Y("low:Q", title=title, scale=alt.Scale(zero=False)),
            y2="high:Q",
            color=colour,
            detail="series:N",
            tooltip=[
                alt.Tooltip("series:N", title="Band"),
                when,
                alt.Tooltip("high:Q", title=f"Top ({base_unit(unit)})", format=".1f"),
                alt.Tooltip("low:Q", title=f"Bottom ({base_unit(unit)})", format=".1f"),
            ],
        )
    )
    # The bands' edges as full-colour lines: see-through fill alone is too faint to rely on.
    edges = [
        only(CORRIDOR, SWING)
        .mark_line(strokeWidth=1.5, strokeDash=[4, 2] if edge == "low" else [1, 0], aria=False)
        .encode(x=x, y=alt.Y(f"{edge}:Q", title=title), color=colour, detail="series:N")
        for edge in ("low", "high")
    ]
    line_tooltip = [alt.Tooltip("series:N", title="Line"), when, alt.Tooltip("weight:Q", title=title, format=".1f")]
    smoothed = (
        only(TREND).mark_line(strokeWidth=1.5).encode(x=x, y=y, color=colour, strokeDash=dash, tooltip=line_tooltip)
    )
    lines = (
        only(PACE, AHEAD)
        .mark_line(strokeWidth=3.5)
        .encode(x=x, y=y, color=colour, strokeDash=dash, tooltip=line_tooltip)
    )
    goal = (
        only(GOAL)
        .mark_rule(strokeWidth=2, aria=False)
        .encode(y="weight:Q", color=colour, strokeDash=dash, tooltip=[alt.Tooltip("label:N", title="Goal")])
    )
    goal_point = only(GOAL).mark_point(size=80, filled=True, aria=False).encode(x=x, y=y, color=colour, shape=shape)
    goal_label = (
        only(GOAL, GOAL_LABEL)
        .mark_text(align="right", dx=-4, dy=-12, fontSize=13, aria=False)
        .encode(x=x, y=y, text="label:N", color=alt.value(TEXT_COLOUR))
    )
    dots = (
        only(WEIGH_INS, LEFT_OUT)
        .mark_point(size=36, filled=True, opacity=1)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=shape,
            tooltip=[when, alt.Tooltip("weight:Q", title=f"Weigh-in ({base_unit(unit)})", format=".1f")],
        )
    )
    # Only the dots and the smoothed trend (always drawn) are announced mark by mark: Vega gives an
    # empty layer (no goal, no band yet) a graphics role with no name, which screen readers
    # and axe flag. The chart's name, the words and the table carry the rest.
    text = TEXT_COLOUR  # follows the page's theme in the browser (see runners_face.charts)
    layers = [bands, *edges, goal, smoothed, lines, dots, goal_point, goal_label]
    chart = alt.LayerChart(layer=layers).properties(height=320)
    configured: alt.LayerChart = (
        chart.configure_axis(labelColor=text, titleColor=text)
        .configure_legend(labelColor=text)
        .properties(usermeta={"embedOptions": {"renderer": "svg"}})
    )
    return configured
