"""The weigh-ins chart: a data frame and a layered Altair chart, both pure.

What it shows, for the last :data:`CHART_DAYS` days of weigh-ins: each day's weigh-in as a
dot (one a day: the mean of that day's readings); The Hacker's Diet trend as a solid line;
a band of normal day-to-day swing around it; the article's 1-2 lb a week as a green band
that starts from the first weigh-in shown; and, when the trend is falling towards the
goal, a dashed line from the fitted weight on the last day to the goal weight (a dotted
rule) with the date it would be reached. Colour is never the only cue: the marks differ in
shape (dots, crosses, solid, dashed, dotted lines, bands) and the legend names each one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

import altair as alt
import pandas as pd

from runners_face.charts import TEXT_COLOUR, phone_legend
from runners_face.units import KG_PER_LB, Unit, base_unit, from_kg
from runners_face.weighins import ARTICLE_RANGE_LB, Trend, WeighIns, days_to_goal

CHART_DAYS: Final = 84
"""Days of weigh-ins the chart shows (12 weeks); the table and the download hold them all."""
MIN_HORIZON_DAYS: Final = 14
"""The dashed line runs past the last weigh-in for half the days shown, at least this many:
far enough to show a goal that is near, short enough to leave the weigh-ins most of the width.
A goal further away is named at the line's end (and in the words)."""

WEIGH_INS: Final = "Weigh-ins (one dot a day)"
LEFT_OUT: Final = "Left out (far from nearby days)"
TREND: Final = "Trend (smoothed)"
SWING: Final = "Normal day-to-day swing"
CORRIDOR: Final = "1–2 lb a week from first weigh-in"
AHEAD: Final = "Trend ahead at this pace"
GOAL: Final = "Your goal"
GOAL_LABEL: Final = "goal-label"
"""A row that only carries the goal's date, at the dashed line's end, when the goal is off the chart."""
SERIES: Final = (CORRIDOR, SWING, TREND, AHEAD, GOAL, WEIGH_INS, LEFT_OUT)
FRAME_COLUMNS: Final = ["date", "series", "weight", "low", "high", "label"]

CHART_ALT: Final = (
    "Chart of your weigh-ins over time: a dot for each day's weigh-in, a solid line for the smoothed "
    "trend with a shaded band of normal day-to-day swing, a green band for losing 1 to 2 pounds a week "
    "from your first weigh-in, and, when shown, a dashed line to where the trend would meet your goal "
    "(a dotted line)."
)
"""The chart's accessible name; the numbers are in the words and the table beside it."""

# Each colour keeps at least 3:1 against both the light (#FFFDF8) and the dark (#16161A)
# page (tests/unit/test_weighin_chart.py checks). Bands are drawn see-through, so their
# edges are also drawn as lines of the full colour.
COLOURS: Final = {
    CORRIDOR: "#3A9A5B",
    SWING: "#7F8794",
    TREND: "#2F6FD0",
    AHEAD: "#2F6FD0",
    GOAL: "#808080",
    WEIGH_INS: "#8A6FC9",
    LEFT_OUT: "#C2571A",
}
DASHES: Final = {CORRIDOR: [1, 0], SWING: [1, 0], TREND: [1, 0], AHEAD: [6, 4], GOAL: [2, 3]}


def _unit_value(kg: float, unit: Unit) -> float:
    return round(from_kg(kg, unit), 2)


def weighin_frame(
    weighins: WeighIns,
    result: Trend,
    unit: Unit,
    goal_kg: float | None = None,
    *,
    chart_days: int = CHART_DAYS,
) -> pd.DataFrame:
    """Long-form data for the chart, weights in the chart's unit (lb, or kg for "kg")."""
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
    reach = days_to_goal(result, goal_kg) if goal_kg is not None else None
    if result.level_kg is not None and result.rate_kg_per_week is not None and reach is not None and reach[0] > 0:
        horizon = max(MIN_HORIZON_DAYS, (last - shown[0][0]).days // 2)
        ahead_days = min(reach[0], horizon)
        end = last + timedelta(days=ahead_days)
        goal_day = last + timedelta(days=reach[0])
        level_at_end = result.level_kg + result.rate_kg_per_week * ahead_days / 7
        rows.append({"date": last, "series": AHEAD, "weight": _unit_value(result.level_kg, unit)})
        rows.append({"date": end, "series": AHEAD, "weight": _unit_value(level_at_end, unit)})
        if reach[0] <= horizon and goal_kg is not None:
            label = f"Goal {goal_day.day} {goal_day:%b}"
            rows.append({"date": end, "series": GOAL, "weight": _unit_value(goal_kg, unit), "label": label})
        else:
            # The goal is off the chart: name its date at the dashed line's end instead.
            label = f"Goal {goal_day.day} {goal_day:%b %Y} →"
            rows.append({"date": end, "series": GOAL_LABEL, "weight": _unit_value(level_at_end, unit), "label": label})

    first_day, first_kg = shown[0]
    slow_kg, fast_kg = (lb * KG_PER_LB for lb in ARTICLE_RANGE_LB)
    for day in (first_day, end):
        weeks = (day - first_day).days / 7
        rows.append(
            {
                "date": day,
                "series": CORRIDOR,
                "low": _unit_value(first_kg - fast_kg * weeks, unit),
                "high": _unit_value(first_kg - slow_kg * weeks, unit),
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
    lined = [s for s in (TREND, AHEAD, GOAL) if s in present]
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
                {WEIGH_INS: "circle", LEFT_OUT: "cross", TREND: "stroke", AHEAD: "stroke", GOAL: "stroke"}.get(
                    s, "square"
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
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%-d %b", labelOverlap=True, tickCount=5))
    y = alt.Y("weight:Q", title=title, scale=alt.Scale(zero=False))
    when = alt.Tooltip("date:T", title="Date", format="%-d %B %Y")
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
    lines = (
        only(TREND, AHEAD)
        .mark_line(strokeWidth=3)
        .encode(
            x=x,
            y=y,
            color=colour,
            strokeDash=dash,
            tooltip=[alt.Tooltip("series:N", title="Line"), when, alt.Tooltip("weight:Q", title=title, format=".1f")],
        )
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
    # Only the dots and the lines (always drawn) are announced mark by mark: Vega gives an
    # empty layer (no goal, no band yet) a graphics role with no name, which screen readers
    # and axe flag. The chart's name, the words and the table carry the rest.
    text = TEXT_COLOUR  # follows the page's theme in the browser (see runners_face.charts)
    chart = alt.LayerChart(layer=[bands, *edges, goal, lines, dots, goal_point, goal_label]).properties(height=320)
    configured: alt.LayerChart = (
        chart.configure_axis(labelColor=text, titleColor=text)
        .configure_legend(labelColor=text)
        .properties(usermeta={"embedOptions": {"renderer": "svg"}})
    )
    return configured


def summary(weighins: WeighIns, result: Trend, unit: Unit, *, chart_days: int = CHART_DAYS) -> str:
    """The chart in one or two sentences, for readers who cannot see it."""
    if not weighins.days or result.first_day is None:
        return ""
    last = weighins.days[-1]
    since = last - timedelta(days=chart_days - 1)
    shown = [(d, w) for d, w in zip(weighins.days, weighins.weights_kg, strict=True) if d >= since]
    first_day, first_kg = shown[0]
    trend_start = result.smoothed[(first_day - result.first_day).days]
    trend_end = result.smoothed[-1]
    u = base_unit(unit)
    weeks = (result.first_day + timedelta(days=len(result.smoothed) - 1) - first_day).days / 7
    slow, fast = (first_kg - lb * KG_PER_LB * weeks for lb in ARTICLE_RANGE_LB)
    return (
        f"Chart summary: {len(shown)} days of weigh-ins from {_day(first_day)} to {_day(last)}. "
        f"The trend went from {from_kg(trend_start, unit):.1f} {u} to {from_kg(trend_end, unit):.1f} {u}. "
        f"Losing 1–2 lb a week from your first weigh-in shown, you would now be between "
        f"{from_kg(fast, unit):.1f} and {from_kg(slow, unit):.1f} {u}."
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
