"""The pace planner: inputs, live sentence, chart, table and the "About you" model figures.

The slider, the chart, the result box and the "About you" figures run as an ``st.fragment``:
moving the slider reruns only that part of the page. Inputs that change rarely (units, weights,
About you, presets) rerun the page, and so does a slider move while the table or the share box
(both outside the fragment) is open.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from runners_face import charts, realistic
from runners_face import state as codec
from runners_face.model import ACTIVITY_LEVELS, Person
from runners_face.pace import (
    RECOMMENDED_LB_PER_WEEK,
    PacePlan,
    format_duration,
    format_long_date,
    horizon_days,
    pace_scale,
)
from runners_face.pace import plan as make_plan
from runners_face.state import AboutYou, PlanState
from runners_face.units import (
    KG_PER_LB,
    UNIT_LABELS,
    UNITS,
    Unit,
    base_unit,
    cm_to_feet_inches,
    feet_inches_to_cm,
    format_pace,
    format_weight,
    from_kg,
    split_stones,
    to_kg,
)
from runners_face.views import session
from runners_face.views.share_view import SHARE_KEY, render_plan_share

UNITS_KEY = "units"
PACE_KEYS = codec.SLIDER_PACE_KEYS  # the slider keys are also its keys in the address
WEIGHT_KEYS = ("weight", "goal", "weight_st", "weight_st_lb", "goal_st", "goal_st_lb")
ABOUT_KEY = "about_on"
ABOUT_FIELD_KEYS = ("sex", "age", "height_cm", "height_ft", "height_in", "activity")
WIDGET_KEYS = (UNITS_KEY, *WEIGHT_KEYS, ABOUT_KEY, *ABOUT_FIELD_KEYS)
"""The planner's widgets seeded from the plan (the pace slider takes its value from the address)."""
TABLE_KEY = "planner_table"
ACTIVITY_NAMES = {level: name for name, level in ACTIVITY_LEVELS.items()}


def today() -> dt.date:
    """Today in the reader's own time zone (the browser's), so dates match their calendar."""
    name = st.context.timezone
    try:
        zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return dt.datetime.now(zone).date()


# --- callbacks: widgets write back to the plan (and the plan to the link) ---------------


def _on_units() -> None:
    units: Unit = st.session_state[UNITS_KEY]
    session.set_plan(codec.with_units(session.plan(), units))
    session.forget(*WEIGHT_KEYS, *PACE_KEYS.values(), "height_cm", "height_ft", "height_in")


def _on_weight(which: str) -> None:
    current = session.plan()
    if current.units == "st":
        pounds = st.session_state[f"{which}_st"] * 14 + st.session_state[f"{which}_st_lb"]
        value = codec.clamp_weight(pounds, "st")
    else:
        value = codec.round_weight(st.session_state[which])
    session.set_plan(replace(current, weight=value) if which == "weight" else replace(current, goal=value))


def _on_pace() -> None:
    current = session.plan()
    # The slider writes its own key in the address (bind="query-params"), so the link is not
    # rewritten here: a slider move sends the browser no address change.
    session.update(pace=st.session_state[PACE_KEYS[base_unit(current.units)]], write=False)
    if st.session_state.get(TABLE_KEY) or st.session_state.get(SHARE_KEY):
        # The table and the share box sit outside the fragment: while one is open, a slider
        # move reruns the whole page so it shows the new pace too.
        st.rerun()


def _set_pace(value: float) -> None:
    current = session.plan()
    st.session_state[PACE_KEYS[base_unit(current.units)]] = value
    session.update(pace=value)


def _on_about_toggle() -> None:
    on = st.session_state[ABOUT_KEY]
    session.update(about=AboutYou() if on else None)
    session.forget(*ABOUT_FIELD_KEYS)


def _on_about_field() -> None:
    current = session.plan()
    if base_unit(current.units) == "kg":
        height = st.session_state["height_cm"]
    else:
        height = feet_inches_to_cm(st.session_state["height_ft"], st.session_state["height_in"])
    session.update(
        about=AboutYou(
            sex=st.session_state["sex"],
            age_years=int(st.session_state["age"]),
            height_cm=round(min(codec.HEIGHT_CM_BOUNDS[1], max(codec.HEIGHT_CM_BOUNDS[0], height)), 1),
            activity_level=st.session_state["activity"],
        )
    )


# --- inputs ---------------------------------------------------------------------------


def _weight_input(which: str, label: str, current: PlanState) -> None:
    value = getattr(current, which)
    if current.units == "st":
        stones, pounds = split_stones(value)
        session.seed(f"{which}_st", stones)
        session.seed(f"{which}_st_lb", pounds)
        st.markdown(f"**{label}**")
        left, right = st.columns(2)
        left.number_input(
            f"{label}: stones",
            min_value=4,
            max_value=50,
            step=1,
            key=f"{which}_st",
            on_change=_on_weight,
            args=(which,),
        )
        right.number_input(
            f"{label}: pounds",
            min_value=0.0,
            max_value=13.9,
            step=0.5,
            format="%.1f",
            key=f"{which}_st_lb",
            on_change=_on_weight,
            args=(which,),
        )
        return
    low, high = codec.WEIGHT_BOUNDS[base_unit(current.units)]
    session.seed(which, value)
    st.number_input(
        f"{label} ({current.units})",
        min_value=low,
        max_value=high,
        step=1.0,
        format="%.1f",
        key=which,
        on_change=_on_weight,
        args=(which,),
    )


def _pace_presets(current: PlanState) -> None:
    """Preset paces: a non-drag alternative to the slider. Outside the fragment, so a slider move
    does not redraw them; a click reruns the page and the slider takes the new value."""
    scale = pace_scale(current.units)
    st.markdown(":small[Pick a pace, or set it on the slider below (its arrow keys move one step):]")
    # All presets keep one button type: switching the chosen one to "primary" would re-create it
    # and lose the keyboard focus; the slider's value shows the chosen pace.
    with st.container(horizontal=True, gap="small", key="pace_presets"):
        for preset in scale.presets:
            st.button(
                format_pace(preset, current.units),
                key=f"preset_{scale.unit}_{preset:g}",
                on_click=_set_pace,
                args=(preset,),
            )


def _pace_slider(current: PlanState) -> PlanState:
    """The slider, bound to the page's address (see ``session``). Its value comes from the
    address on a page load, from the reader, or from a preset; the plan follows it."""
    scale = pace_scale(current.units)
    value = st.slider(
        f"Weekly pace ({scale.unit} a week)",
        min_value=scale.minimum,
        max_value=scale.maximum,
        value=session.link_pace(),
        step=scale.step,
        format=f"%.2f {scale.unit}",
        key=PACE_KEYS[scale.unit],
        on_change=_on_pace,
        bind="query-params",
    )
    if value != current.pace:
        # e.g. a slider key in the link that the plan was decoded without
        current = session.update(pace=value, write=False)
    return current


def _about_inputs(current: PlanState) -> AboutYou | None:
    session.seed(ABOUT_KEY, current.about is not None)
    st.toggle("Add details about me for a realistic curve (optional)", key=ABOUT_KEY, on_change=_on_about_toggle)
    about = current.about
    if about is None:
        return None
    session.seed("sex", about.sex)
    session.seed("age", about.age_years)
    session.seed("activity", about.activity_level)
    left, right = st.columns(2)
    left.radio(
        "Sex (the model's formulas differ)",
        options=["female", "male"],
        format_func=str.capitalize,
        key="sex",
        horizontal=True,
        on_change=_on_about_field,
    )
    right.number_input(
        "Age (years)",
        min_value=codec.AGE_BOUNDS[0],
        max_value=codec.AGE_BOUNDS[1],
        step=1,
        key="age",
        on_change=_on_about_field,
    )
    if base_unit(current.units) == "kg":
        session.seed("height_cm", about.height_cm)
        st.number_input(
            "Height (cm)",
            min_value=codec.HEIGHT_CM_BOUNDS[0],
            max_value=codec.HEIGHT_CM_BOUNDS[1],
            step=1.0,
            format="%.0f",
            key="height_cm",
            on_change=_on_about_field,
        )
    else:
        feet, inches = cm_to_feet_inches(about.height_cm)
        session.seed("height_ft", feet)
        session.seed("height_in", inches)
        left, right = st.columns(2)
        left.number_input("Height: feet", min_value=3, max_value=7, step=1, key="height_ft", on_change=_on_about_field)
        right.number_input(
            "Height: inches",
            min_value=0.0,
            max_value=11.5,
            step=0.5,
            format="%.1f",
            key="height_in",
            on_change=_on_about_field,
        )
    st.selectbox(
        "How active are you?",
        options=list(ACTIVITY_NAMES),
        format_func=ACTIVITY_NAMES.__getitem__,
        key="activity",
        on_change=_on_about_field,
    )
    return about


# --- outputs --------------------------------------------------------------------------


def _result(plan: PacePlan, current: PlanState, outlook: realistic.Outlook | None) -> None:
    """The live sentence, the verdict on the pace, the rough calorie cut and the chart's summary
    in words, in one alert box (one element, so a slider move costs the browser less). Words
    and icon carry the verdict; the colour only repeats it."""
    check = plan.check
    deficit = (
        f"By the rough **3500-calorie rule** (about 3500 kcal per pound), this pace means eating about "
        f"**{plan.daily_deficit_kcal:,.0f} kcal a day** less than you burn."
    )
    if check.verdict == "faster":
        reasons = []
        if check.over_two_lb:
            reasons.append("more than 2 lb (0.9 kg) a week")
        if check.over_one_percent:
            reasons.append("more than 1 % of your body weight a week")
        verdict = (
            f"**Faster than recommended:** this pace is {' and '.join(reasons)}. Dr. Imber says a fast "
            "loss gives skin less time to adjust. Fast loss also raises the risk of gallstones "
            "(above about 1.5 kg, or 3.3 lb, a week: Weinsier and others, American Journal of Medicine, "
            "1995) and of losing muscle along with fat."
        )
        alert, icon = st.warning, ":material/warning:"
    elif check.verdict == "slower":
        verdict = (
            "**Slower than Dr. Imber's range:** that is gentle on skin, but it will take longer. "
            "Losing 5 to 10 % of your weight still brings health benefits, says the US CDC "
            "(Centers for Disease Control and Prevention)."
        )
        alert, icon = st.info, ":material/info:"
    else:
        verdict = "**Inside the recommended range** of 1–2 lb (0.45–0.9 kg) a week."
        alert, icon = st.success, ":material/check_circle:"
    summary = f":small[{_summary(plan, current, outlook)}]"
    alert(f"{_sentence(plan, current)}\n\n{verdict}\n\n{deficit}\n\n{summary}", icon=icon)


def _sentence(plan: PacePlan, current: PlanState) -> str:
    pace = format_pace(current.pace, current.units)
    goal = format_weight(current.goal, current.units)
    where = {
        "recommended": "inside the 1–2 lb a week range Dr. Imber recommends",
        "faster": "faster than the 1–2 lb a week Dr. Imber recommends",
        "slower": "slower than the 1–2 lb a week Dr. Imber recommends",
    }[plan.check.verdict]
    return (
        f"At **{pace}** you would reach **{goal}** on **{format_long_date(plan.goal_date)}**, "
        f"after **{format_duration(plan.days)}**: {where}."
    )


def _summary(plan: PacePlan, current: PlanState, outlook: realistic.Outlook | None) -> str:
    unit = base_unit(current.units)
    slow_days = round((plan.weight_kg - plan.goal_kg) / (RECOMMENDED_LB_PER_WEEK[0] * KG_PER_LB) * 7)
    fast_days = round((plan.weight_kg - plan.goal_kg) / (RECOMMENDED_LB_PER_WEEK[1] * KG_PER_LB) * 7)
    text = (
        f"Chart summary: your line starts at {format_weight(current.weight, current.units)} today and falls "
        f"{format_pace(current.pace, current.units)} to your goal of {format_weight(current.goal, current.units)} "
        f"on {format_long_date(plan.goal_date)}. Inside the recommended band you would get there in "
        f"{format_duration(fast_days)} (2 lb a week) to {format_duration(slow_days)} (1 lb a week)."
    )
    if outlook is not None:
        at_goal_date = from_kg(outlook.fixed_cut_weight_at_goal_date_kg, current.units)
        text += (
            f" The dashed realistic curve, for the same calorie cut, is at about "
            f"{at_goal_date:.0f} {unit} on that date."
        )
    return text


def _table(frame: pd.DataFrame, units: Unit, show_model: bool) -> pd.DataFrame:
    """The chart's numbers, one row a week, with short headers so it fits a phone screen."""
    lines = frame[frame["series"] == charts.CHOSEN].set_index("date")["weight"]
    band = frame[frame["series"] == charts.RANGE].set_index("date")
    table = pd.DataFrame({"Your pace": lines, "1 lb/wk": band["high"], "2 lb/wk": band["low"]})
    if show_model:
        table["Realistic"] = frame[frame["series"] == charts.MODEL].set_index("date")["weight"]
    table = table.map(lambda value: "" if pd.isna(value) else f"{value:.1f}")
    table.index = [f"{day:%-d %b %Y}" for day in table.index]
    table.index.name = "Date"
    return table


def _model_figures(outlook: realistic.Outlook, plan: PacePlan, current: PlanState, note: str) -> None:
    unit = base_unit(current.units)
    rule_intake = outlook.maintenance_kcal - outlook.rule_deficit_kcal
    reached = outlook.fixed_cut_days_to_goal
    when = (
        f"reaches your goal only after **{format_duration(reached)}**"
        if reached is not None
        else "does not reach your goal within the chart"
    )
    st.markdown(
        f"**What a fixed cut does.** You burn about **{outlook.maintenance_kcal:,.0f} kcal a day** now. "
        f"If you ate **{rule_intake:,.0f} kcal a day** (the 3500-rule cut of {outlook.rule_deficit_kcal:,.0f} kcal) "
        f"and kept to it, the model says you would weigh about "
        f"**{from_kg(outlook.fixed_cut_weight_at_goal_date_kg, current.units):.0f} {unit}** on "
        f"{format_long_date(plan.goal_date)}, and the curve {when}: as you get lighter you burn less, so the same "
        "cut loses less each week.\n\n"
        f"**To reach your goal on time**, the model says you would need about "
        f"**{outlook.intake_to_reach_kcal:,.0f} kcal a day** on average (the 3500 rule says {rule_intake:,.0f} kcal). "
        f"**To hold your goal afterwards**, about **{outlook.intake_to_hold_kcal:,.0f} kcal a day**."
    )
    if outlook.below_safe_floor:
        st.warning(
            f"**Too few calories:** reaching your goal by then would mean eating less than about "
            f"{outlook.safe_floor_kcal:,.0f} kcal a day, the usual lowest intake advised without a "
            "doctor's care. Choose a slower pace.",
            icon=":material/warning:",
        )
    if outlook.goal_below_healthy:
        low = from_kg(outlook.healthy_range_kg[0], current.units)
        st.warning(
            f"**Goal below a healthy weight:** for your height, a healthy weight starts at about "
            f"{low:.0f} {unit} (a body-mass index of 18.5). Please talk to a doctor before aiming lower.",
            icon=":material/warning:",
        )
    st.caption(note)


def _person(current: PlanState, about: AboutYou) -> Person | None:
    try:
        return Person(
            sex=about.sex,
            age_years=about.age_years,
            height_m=about.height_cm / 100,
            weight_kg=to_kg(current.weight, current.units),
            activity_level=about.activity_level,
        )
    except ValueError:
        return None


def render_planner(page: Mapping[str, str]) -> None:
    """Draw the planner: inputs that change rarely, the live part (an ``st.fragment``), then the
    table and the share box."""
    current = session.plan()
    with st.container(border=True, key="planner"):
        st.markdown(f"### Pace planner\n\n{page['planner_intro']}")  # Markdown heading: see article_view
        session.seed(UNITS_KEY, current.units)
        st.radio(
            "Units",
            options=UNITS,
            format_func=UNIT_LABELS.__getitem__,
            key=UNITS_KEY,
            horizontal=True,
            on_change=_on_units,
        )
        if current.units == "st":
            left, right = st.columns(2)
            with left:
                _weight_input("weight", "Current weight", current)
            with right:
                _weight_input("goal", "Goal weight", current)
        else:
            # One flex row (it wraps on a phone) costs the page less than two columns.
            with st.container(horizontal=True, gap="medium"):
                _weight_input("weight", "Current weight", current)
                _weight_input("goal", "Goal weight", current)
        if _about_inputs(current) is None:
            st.caption(page["about_you_invitation"])
        _pace_presets(current)
        _live_plan(page)
        _table_and_share()
        st.caption(page["planner_disclaimer"])


@dataclass(frozen=True)
class _Figures:
    """What the chart, the result and the table are drawn from, for one plan."""

    plan: PacePlan
    outlook: realistic.Outlook | None
    model_failed: bool
    frame_args: tuple[float, float, float, dt.date, Unit, tuple[float, ...] | None]


def _figures(current: PlanState) -> _Figures | None:
    """The plan's figures, or None when the goal is not below the current weight."""
    return _figures_from(current, today())


@functools.lru_cache(maxsize=64)
def _figures_from(current: PlanState, start: dt.date) -> _Figures | None:
    # Cached: a full rerun asks twice (the fragment, then the table and share box).
    weight_kg = to_kg(current.weight, current.units)
    goal_kg = to_kg(current.goal, current.units)
    pace_kg = to_kg(current.pace, current.units)
    if goal_kg >= weight_kg:
        return None
    plan = make_plan(weight_kg, goal_kg, pace_kg, start)
    outlook = None
    model_failed = False
    person = _person(current, current.about) if current.about is not None else None
    if person is not None:
        try:
            outlook = realistic.outlook(person, goal_kg, pace_kg, plan.days, horizon_days(weight_kg, goal_kg, pace_kg))
        except ValueError:
            # e.g. a goal the model cannot reach in time even on no food, or years away
            model_failed = True
    model_weights = outlook.fixed_cut_weights_kg if outlook is not None else None
    frame_args = (weight_kg, goal_kg, pace_kg, plan.start, current.units, model_weights)
    return _Figures(plan, outlook, model_failed, frame_args)


@st.fragment
def _live_plan(page: Mapping[str, str]) -> None:
    """The slider and everything it changes. A slider move reruns only this, so it is kept to
    a few elements: each element a rerun sends costs the browser a redraw of the page."""
    current = _pace_slider(session.plan())
    figures = _figures(current)
    if figures is None:
        st.info(
            "**Your goal is at or above your current weight**, so there is no loss to plan. "
            "Enter a goal below your current weight to see a plan.",
            icon=":material/info:",
        )
        return
    if figures.model_failed:
        st.info(
            "**The realistic curve is not available for this plan**: the body-weight model cannot "
            "reach this goal at this pace. Try a slower pace or a nearer goal.",
            icon=":material/info:",
        )
    # The Altair-built spec is reused; only the data changes (see charts.planner_spec).
    st.vega_lite_chart(
        charts.planner_frame(*figures.frame_args),
        charts.planner_spec(current.units, figures.outlook is not None, st.context.theme.type == "dark"),
        width="stretch",
        key="pace_chart",
        alt=charts.CHART_ALT,
    )
    _result(figures.plan, current, figures.outlook)
    if figures.outlook is not None:
        _model_figures(figures.outlook, figures.plan, current, page["model_note"])


def _table_and_share() -> None:
    """The chart's numbers and the save-or-share box. They are outside the fragment, so a slider
    move does not send them while they are closed; while one is open, a slider move reruns the
    page (see _on_pace). Their bodies are drawn only while open."""
    current = session.plan()
    figures = _figures(current)
    if figures is None:
        return
    with st.expander("See the numbers as a table", key=TABLE_KEY, on_change="rerun") as table_box:
        if table_box.open:
            st.markdown(f":small[Weights in {base_unit(current.units)}, one row a week.]")
            weekly = charts.planner_frame(*figures.frame_args, weekly=True)
            st.table(_table(weekly, current.units, figures.outlook is not None))
    render_plan_share(current, figures.plan, st.session_state.get(session.TIP_IDS, ()))
