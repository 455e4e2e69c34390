"""The pace planner: inputs, the pace control with its chart and words, the table and sharing.

Inputs that change rarely (units, weights, height, About you) rerun the page. The pace control,
the chart and the words follow the reader's hand in the browser: the chart holds every pace,
and the words component holds the words of every pace (see ``pace_control`` and ``words_view``).
Python hears the pace once per burst of moves, as a run of the control's own fragment only; the
realistic figures ("About you"), made for one pace, rerun as their own fragment, and while the
table or the share box is open a pace change reruns the page so they follow too.

Everything the planner says comes from :mod:`runners_face.planner` (pure); this module only
draws it and keeps the widgets in step with the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final
from urllib.parse import urlencode

import streamlit as st

from runners_face import charts, planner, race
from runners_face import state as codec
from runners_face.model import ACTIVITY_LEVELS
from runners_face.pace import article_range, pace_scale, pace_steps, range_words
from runners_face.state import AboutYou, PlanState, Running, Typed
from runners_face.units import (
    LB_PER_STONE,
    UNIT_LABELS,
    UNITS,
    Unit,
    base_unit,
    cm_to_feet_inches,
    distance_unit,
    format_distance,
    format_pace,
    format_weight,
    split_inches,
    split_stones,
)
from runners_face.views import pace_control, session
from runners_face.views.share_view import SHARE_KEY, render_plan_share, render_share_button
from runners_face.views.weight_fields import stones_and_pounds
from runners_face.views.words_view import render_words
from runners_face.wording import markdown_html

UNITS_KEY = "units"
WEIGHT_KEYS = ("weight", "goal", "weight_st", "weight_st_lb", "goal_st", "goal_st_lb")
HEIGHT_KEYS = ("height_cm", "height_ft", "height_in")
ABOUT_KEY = "about_on"
ABOUT_FIELD_KEYS = ("sex", "age", "activity")
RUN_KEY = "run_on"
RUN_FIELD_KEYS = ("run_now", "run_planned", "run_preset", "run_days")
RACE_KEY = "race_on"
RACE_DATE_KEY = "race_date"
RACE_WANTED = "race_wanted"
"""Not a widget: the race-day toggle turned on before a date is picked (the plan has no race day
yet), so that a rerun that draws the widgets again from the plan keeps the toggle on."""
WIDGET_KEYS = (
    UNITS_KEY,
    *WEIGHT_KEYS,
    *HEIGHT_KEYS,
    ABOUT_KEY,
    *ABOUT_FIELD_KEYS,
    RUN_KEY,
    *RUN_FIELD_KEYS,
    RACE_KEY,
    RACE_DATE_KEY,
)
"""The planner's widgets seeded from the plan (the pace control follows the plan by itself)."""
TABLE_KEY = "planner_table"
FIELD_NOTES = "field_notes"
PACE_SHOWN = "pace_shown"
PACE_NONCE = "pace_nonce"
CHART_EPOCH = "chart_epoch"
AFTER_FRAGMENT = "after_words_fragment"
CONTROL_FRAGMENT = "pace_control_fragment"
ACTIVITY_NAMES = {level: name for name, level in ACTIVITY_LEVELS.items()}


# --- callbacks: widgets write back to the plan (and the plan to the link) ---------------


def _note(field: str, text: str | None) -> None:
    """Say under a field that the planner used another value than the one typed (or clear it)."""
    notes: dict[str, str] = dict(st.session_state.get(FIELD_NOTES, {}))
    if text is None:
        notes.pop(field, None)
    else:
        notes[field] = text
    st.session_state[FIELD_NOTES] = notes


def _on_units() -> None:
    units: Unit = st.session_state[UNITS_KEY]
    session.set_plan(codec.with_units(session.plan(), units))
    # The fields are drawn again from the plan in the new units; nothing typed is lost.
    session.forget(*WEIGHT_KEYS, *HEIGHT_KEYS, *RUN_FIELD_KEYS, FIELD_NOTES)


def _on_weight(which: str) -> None:
    current = session.plan()
    label = "Current weight" if which == "weight" else "Goal weight"
    low, high = codec.WEIGHT_BOUNDS[base_unit(current.units)]
    if current.units == "st":
        stones, pounds = st.session_state[f"{which}_st"], st.session_state[f"{which}_st_lb"]
        if stones is None:
            return  # still blank: the plan waits for the stones
        typed = stones * LB_PER_STONE + (pounds or 0.0)
        value = codec.clamp_weight(typed, "st")
        # The stones and pounds fields each have bounds, but together they can go past the
        # planner's: say so, and show the value the plan uses.
        _note(
            which,
            None
            if low <= typed <= high
            else f"{label}: {format_weight(typed, 'st')} is outside what the planner takes "
            f"({format_weight(low, 'st')} to {format_weight(high, 'st')}), so it uses {format_weight(value, 'st')}.",
        )
        st.session_state[f"{which}_st"], st.session_state[f"{which}_st_lb"] = split_stones(value)
    else:
        if st.session_state[which] is None:
            return  # cleared: the plan keeps the last weight typed
        value = codec.clamp_weight(st.session_state[which], current.units)
        st.session_state[which] = value  # e.g. 180.25 typed: the field shows the 180.2 the plan uses
    session.set_plan(current.with_weight(value) if which == "weight" else current.with_goal(value))


def _on_height() -> None:
    current = session.plan()
    metric = base_unit(current.units) == "kg"
    if metric:
        typed = st.session_state["height_cm"]
    else:
        feet, inches = st.session_state["height_ft"], st.session_state["height_in"]
        typed = None if feet is None and inches is None else (feet or 0) * 12 + (inches or 0)
    if typed is None:
        # Cleared: no goal check, and no model (it needs a height) until one is typed again.
        session.set_plan(current.with_height(None))
        _note("height", None)
        return
    if metric:
        value = codec.clamp_height_cm(typed)
        low, high = codec.HEIGHT_CM_BOUNDS
        words = [f"{number:g} cm" for number in (typed, value, low, high)]
        st.session_state["height_cm"] = value
    else:
        value = codec.clamp_height_in(typed)
        low, high = codec.HEIGHT_IN_BOUNDS
        words = [_feet_inches(number) for number in (typed, value, low, high)]
        st.session_state["height_ft"], st.session_state["height_in"] = split_inches(value)
    _note(
        "height",
        None
        if low <= typed <= high
        else f"Height: {words[0]} is outside what the planner takes ({words[2]} to {words[3]}), so it uses {words[1]}.",
    )
    session.set_plan(current.with_height(value))


def _feet_inches(inches: float) -> str:
    feet, rest = split_inches(inches)
    return f"{feet} ft {rest:g} in"


def _on_about_toggle() -> None:
    on = st.session_state[ABOUT_KEY]
    session.set_plan(session.plan().with_about(AboutYou() if on else None))
    session.forget(*ABOUT_FIELD_KEYS)


def _on_about_field() -> None:
    current = session.plan()
    if current.about is None:
        return
    age = st.session_state["age"]
    about = replace(
        current.about,
        sex=st.session_state["sex"],
        age_years=None if age is None else int(age),
        activity_level=st.session_state["activity"],
    )
    session.set_plan(replace(current, about=about))


def _on_run_toggle() -> None:
    on = st.session_state[RUN_KEY]
    session.set_plan(session.plan().with_running(Running() if on else None))
    session.forget(*RUN_FIELD_KEYS)


def _on_run_field(which: str) -> None:
    """A weekly distance typed (or a quick choice for the distance while losing): the plan takes
    it in whole km or miles; a cleared field keeps nothing ("while losing" is then the same as now)."""
    current = session.plan()
    running = current.running or Running()
    unit = distance_unit(current.units)
    if which == "run_preset":
        value = st.session_state["run_preset"]
        if value is None:
            return
        which = "run_planned"
        st.session_state["run_planned"] = value
        st.session_state["run_preset"] = None
    if which == "run_days":
        days = frozenset(st.session_state["run_days"] or ())
        session.set_plan(current.with_running(replace(running, days=days)))
        return
    typed = st.session_state[which]
    value = None if typed is None else Typed(codec.clamp_distance(typed, unit), unit)
    if value is not None:
        st.session_state[which] = value.value
    running = replace(running, now=value) if which == "run_now" else replace(running, planned=value)
    session.set_plan(current.with_running(running))


def _on_race_toggle() -> None:
    """Race day on (with no date yet: the reader picks one) or off."""
    st.session_state[RACE_WANTED] = st.session_state[RACE_KEY]
    if not st.session_state[RACE_KEY]:
        session.set_plan(session.plan().with_race(None))
    session.forget(RACE_DATE_KEY)


def _on_race_date() -> None:
    """A race day picked (the date input keeps it from tomorrow to two years ahead), or cleared."""
    day = st.session_state[RACE_DATE_KEY]
    first, last = codec.race_bounds(session.today())
    chosen = day if day is not None and first <= day <= last else None
    # With a date, the plan (and the link) hold race day; without one, the toggle stays on to pick one.
    st.session_state[RACE_WANTED] = chosen is None
    session.set_plan(session.plan().with_race(chosen))


@session.marks(CONTROL_FRAGMENT)
def _on_pace_commit() -> None:
    """The pace control told Python a new pace: the plan (and the link) take it."""
    current = session.plan()
    key = pace_control.committed_key()
    pace = planner.pace_from_key(key, current.units) if key else None
    if pace is None:
        # A pace chosen just before a unit switch (the commit reached Python with or after it):
        # it is the reader's latest, so the plan keeps it, shown in the new units, and the
        # control is moved there (a new nonce).
        chosen = planner.typed_pace_from_key(key) if key else None
        if chosen is not None:
            session.set_plan(replace(current, typed_pace=chosen))
        return
    # The control already shows this pace: the rerun must not move it (no new nonce).
    st.session_state[PACE_SHOWN] = (current.units, pace)
    if pace != current.pace:
        session.set_plan(current.with_pace(pace))
    if _follows_the_pace(session.plan()):
        # The realistic figures, the table and the share box are made for one pace: while one is
        # shown, they follow in their own fragment (this one run replaces the control's).
        session.unmark(CONTROL_FRAGMENT)  # this run is replaced, not cut short
        st.rerun(AFTER_FRAGMENT)
    # Otherwise this run of the control's fragment is all: the words, the chart and the address
    # followed the control in the browser.


# --- inputs ---------------------------------------------------------------------------


def _weight_input(which: str, label: str, current: PlanState) -> None:
    """One weight field (two for stones: stones and pounds), empty when the plan leaves it blank."""
    value = None if which in current.blank else getattr(current, which)
    example = codec.DEFAULT_WEIGHTS[base_unit(current.units)][0 if which == "weight" else 1]
    low, high = codec.WEIGHT_BOUNDS[base_unit(current.units)]
    if current.units == "st":
        stones, pounds = split_stones(value) if value is not None else (None, None)
        session.seed(f"{which}_st", stones)
        session.seed(f"{which}_st_lb", pounds)
        with st.container(horizontal=True, gap="small"):
            stones_and_pounds(label, (f"{which}_st", f"{which}_st_lb"), example, _on_weight, (which,))
        return
    session.seed(which, value)
    st.number_input(
        f"{label} ({current.units})",
        min_value=low,
        max_value=high,
        value=None,
        step=1.0,
        format="%.1f",
        placeholder=f"e.g. {example:g}",
        key=which,
        on_change=_on_weight,
        args=(which,),
    )


def _height_input(current: PlanState) -> None:
    """Height, optional: it lets the planner check the goal (and the model needs it)."""
    label = "Height (optional: it lets the planner check your goal)"
    if base_unit(current.units) == "kg":
        session.seed("height_cm", None if current.height_cm is None else current.height_cm)
        st.number_input(
            f"{label}, cm",
            min_value=codec.HEIGHT_CM_BOUNDS[0],
            max_value=codec.HEIGHT_CM_BOUNDS[1],
            value=None,
            step=1.0,
            format="%.0f",
            placeholder="e.g. 165",
            key="height_cm",
            on_change=_on_height,
        )
        return
    feet, inches = (None, None) if current.height_cm is None else cm_to_feet_inches(current.height_cm)
    session.seed("height_ft", feet)
    session.seed("height_in", inches)
    st.markdown(f"**{label}**")
    left, right = st.columns(2)
    left.number_input(
        "Height: feet",
        min_value=3,
        max_value=7,
        value=None,
        step=1,
        placeholder="e.g. 5",
        key="height_ft",
        on_change=_on_height,
    )
    right.number_input(
        "Height: inches",
        min_value=0.0,
        max_value=11.5,
        value=None,
        step=0.5,
        format="%.1f",
        placeholder="e.g. 5",
        key="height_in",
        on_change=_on_height,
    )


def _about_inputs(current: PlanState) -> AboutYou | None:
    """The details the realistic curve needs; nothing is chosen for the reader."""
    session.seed(ABOUT_KEY, current.about is not None)
    st.toggle("Add details about me for a realistic curve (optional)", key=ABOUT_KEY, on_change=_on_about_toggle)
    about = current.about
    if about is None:
        return None
    session.seed("sex", about.sex)
    session.seed("age", about.age_years)
    session.seed("activity", about.activity_level)
    with st.container(horizontal=True, gap="medium"):
        st.radio(
            "Sex (the model's formulas differ)",
            options=["female", "male"],
            index=None,
            format_func=str.capitalize,
            key="sex",
            horizontal=True,
            on_change=_on_about_field,
        )
        st.number_input(
            "Age (years)",
            min_value=codec.AGE_BOUNDS[0],
            max_value=codec.AGE_BOUNDS[1],
            value=None,
            step=1,
            placeholder="e.g. 40",
            key="age",
            on_change=_on_about_field,
        )
    st.selectbox(
        "How active are you?",
        options=list(ACTIVITY_NAMES),
        index=None,
        placeholder="Choose one",
        format_func=ACTIVITY_NAMES.__getitem__,
        key="activity",
        on_change=_on_about_field,
    )
    needs = planner.about_needs(current)
    if needs:
        st.info(needs, icon=":material/straighten:")
    return about


WEEKDAY_NAMES: Final = dict(zip(codec.WEEKDAY_CODES, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))


def _running_inputs(current: PlanState) -> None:
    """The reader's weekly running, optional: now, while losing (quick choices too), and the days."""
    session.seed(RUN_KEY, current.running is not None)
    st.toggle("I run: count my running in the plan (optional)", key=RUN_KEY, on_change=_on_run_toggle)
    running = current.running
    if running is None:
        return
    unit = distance_unit(current.units)
    words = "km" if unit == "km" else "miles"
    low, high = codec.RUN_BOUNDS[unit]
    now = current.run_now
    session.seed("run_now", now)
    session.seed(
        "run_planned", None if running.planned is None else codec.distance_shown(running.planned, current.units)
    )
    session.seed("run_days", [day for day in codec.WEEKDAY_CODES if day in running.days])
    with st.container(horizontal=True, gap="medium", key="planner_running"):
        st.number_input(
            f"Running now ({words} a week)",
            min_value=low,
            max_value=high,
            value=None,
            step=1.0,
            format="%.0f",
            placeholder=f"e.g. {codec.RUN_PRESETS[unit][2]:g}",
            key="run_now",
            on_change=_on_run_field,
            args=("run_now",),
        )
        st.number_input(
            f"While losing ({words} a week)",
            min_value=low,
            max_value=high,
            value=None,
            step=1.0,
            format="%.0f",
            placeholder="the same as now" if now is None else f"{now:g}, the same as now",
            key="run_planned",
            on_change=_on_run_field,
            args=("run_planned",),
        )
    st.segmented_control(
        "Quick choices for while losing",
        options=list(codec.RUN_PRESETS[unit]),
        format_func=lambda value: format_distance(value, unit),
        key="run_preset",
        on_change=_on_run_field,
        args=("run_preset",),
    )
    st.pills(
        "Days you run (optional: the calendar file reminds you of sunscreen on those days)",
        options=list(codec.WEEKDAY_CODES),
        format_func=WEEKDAY_NAMES.__getitem__,
        selection_mode="multi",
        key="run_days",
        on_change=_on_run_field,
        args=("run_days",),
    )


def _race_input(current: PlanState) -> None:
    """Race day, optional: "Reach my goal by" a date, next to the goal (outside the fragments, so
    a new date reruns the page)."""
    session.seed(RACE_KEY, current.race is not None or bool(st.session_state.get(RACE_WANTED)))
    st.toggle("I have a race day: reach my goal by a date (optional)", key=RACE_KEY, on_change=_on_race_toggle)
    if not st.session_state[RACE_KEY]:
        return
    first, last = codec.race_bounds(session.today())
    session.seed(RACE_DATE_KEY, current.race)
    st.date_input(
        "Reach my goal by (race day)",
        value=None,
        min_value=first,
        max_value=last,
        format="YYYY-MM-DD",
        help="From tomorrow to about two years ahead. Type the date as year-month-day, or pick it.",
        key=RACE_DATE_KEY,
        on_change=_on_race_date,
    )


def _race_words(current: PlanState, steps: pace_control.PaceSteps) -> None:
    """The race-day words (the pace that gets there, its verdict, the nearest date inside the
    range and the "Use this pace" button, which moves the pace control), announced when they
    change; and, following the control, how its pace does against race day."""
    words = race.race_words(current, session.today())
    if words is None:
        return
    initial = planner.current_step(current)
    render_words(
        "race_words",
        keys=steps.keys,
        minimum=steps.minimum,
        step=steps.step,
        initial=initial,
        paragraphs=[words.html],
        steps=[(0,) for _ in steps.keys],
        class_name="rf-race",
    )
    render_words(
        "race_step",
        keys=steps.keys,
        minimum=steps.minimum,
        step=steps.step,
        initial=initial,
        paragraphs=list(words.step_lines),
        steps=[(i,) for i in range(len(words.step_lines))],
        class_name="rf-race-step",
    )


def _field_notes() -> None:
    notes: dict[str, str] = st.session_state.get(FIELD_NOTES, {})
    if notes:
        st.caption("\n\n".join(notes.values()))


# --- the live part ------------------------------------------------------------------------


def _control_nonce(current: PlanState) -> str:
    """A new nonce when the plan's pace is not the one the control shows (so the control takes it)."""
    wanted = (current.units, current.pace)
    if st.session_state.get(PACE_SHOWN) != wanted:
        st.session_state[PACE_SHOWN] = wanted
        st.session_state[PACE_NONCE] = st.session_state.get(PACE_NONCE, 0) + 1
    return str(st.session_state.get(PACE_NONCE, 0))


def _on_rebind() -> None:
    """The pace control found the chart not following it: draw the chart again (a new epoch in
    its spec makes Streamlit embed it afresh, and Vega binds to the control's input again)."""
    st.session_state[CHART_EPOCH] = st.session_state.get(CHART_EPOCH, 0) + 1
    st.rerun()  # the chart is outside the control's fragment


def _steps(current: PlanState, data: planner.ChartData, words: planner.StepWords) -> pace_control.PaceSteps:
    units = current.units
    scale = pace_scale(units)
    paces = pace_steps(units)
    low, high = article_range(units)
    queries = [
        urlencode(codec.encode(replace(current, typed_pace=Typed(pace, base_unit(units))), session.tip_ids()))
        for pace in paces
    ]
    return pace_control.PaceSteps(
        minimum=scale.minimum,
        step=scale.step,
        keys=data.step_keys,
        values=data.step_values,
        spoken=data.step_spoken,
        marks=data.step_marks,
        kinds=words.kinds,
        announce=words.announce,
        queries=queries,
        presets=[paces.index(preset) for preset in scale.presets],
        range_steps=(paces.index(low), paces.index(high)),
        range_label=f"Article's range, {range_words(units)}",
    )


def _follows_the_pace(current: PlanState) -> bool:
    """Whether something made for one pace is shown below the words: the realistic figures, or
    the open table or share box. Then every pace move reaches Python at once (the control's
    ``eager``; its JavaScript also sees a box opened since, by :data:`EAGER_WHEN`)."""
    open_box = bool(st.session_state.get(TABLE_KEY) or st.session_state.get(SHARE_KEY))
    return open_box or planner.person_for(current) is not None


EAGER_WHEN: Final = (f".st-key-{TABLE_KEY} details[open]", f".st-key-{SHARE_KEY} details[open]")
"""The open table or share box, as the control's JavaScript finds them on the page."""


def _no_plan(current: PlanState) -> None:
    """What the planner says instead of a plan."""
    if current.blank:
        st.info(planner.blank_text(current), icon=":material/edit:")
    else:
        st.info(
            "**Your goal is at or above your current weight**, so there is no loss to plan. "
            "Enter a goal below your current weight to see a plan.",
            icon=":material/info:",
        )


def _pace_chart_and_words(current: PlanState, *, compact: bool = False) -> bool:
    """The pace control, the chart and the words, which follow it in the browser. False (and a
    message instead) when there is no loss to plan."""
    start = session.today()
    fig = planner.figures(current, start, model=False)
    data = planner.chart_data(current, start)
    words = planner.step_words(current, start)
    if fig is None or data is None or words is None:
        _no_plan(current)
        return False
    units = current.units
    steps = _steps(current, data, words)
    _race_words(current, steps)
    # The control comes first on the page: the chart binds to its input when it is drawn.
    _pace_control(current, steps)
    initial = pace_scale(units).default  # constant: a changed spec re-embeds
    st.vega_lite_chart(
        data.table,
        charts.planner_spec(units, data.has_model, initial, st.session_state.get(CHART_EPOCH, 0)),
        width="stretch",
        key="pace_chart",
        alt=charts.CHART_ALT,
    )
    render_words(
        "pace_words",
        keys=steps.keys,
        minimum=steps.minimum,
        step=steps.step,
        initial=planner.current_step(current),
        paragraphs=words.paragraphs,
        steps=words.steps,
        class_name="rf-box rf-compact" if compact else "rf-box",
    )
    return True


@st.fragment(key=CONTROL_FRAGMENT)
@session.whole_run(CONTROL_FRAGMENT)
def _pace_control(current: PlanState, steps: pace_control.PaceSteps) -> None:
    """The pace control, alone in a fragment. Its commits then come to Python as runs of this
    fragment only. (A commit from outside any fragment would ask for a whole-page run, and
    Streamlit 1.67 drops the session's file references at the start of such a run: the download
    buttons, which a fragment run does not draw again, would then serve nothing.)"""
    current = session.plan()  # on a run of this fragment alone, the plan as it is now
    pace_control.render_pace_control(
        f"Weekly pace ({base_unit(current.units)} a week)",
        steps,
        planner.current_step(current),
        _control_nonce(current),
        _on_pace_commit,
        _on_rebind,
        eager=_follows_the_pace(current),
        plan_keys=codec.KEYS,
        eager_when=EAGER_WHEN,
    )


@st.fragment(key=AFTER_FRAGMENT)
@session.whole_run(AFTER_FRAGMENT)
def _after_words(page: Mapping[str, str], compact: bool) -> None:
    """What follows the words and is made for one pace: the realistic figures ("About you"), the
    share button, the table and the share box. A fragment of its own, which a pace commit reruns
    while one of them needs the pace; opening the table or the share box reruns only this too."""
    _model_words(page)
    _table_and_share(compact=compact)


def _model_words(page: Mapping[str, str]) -> None:
    """The realistic figures, made for the pace Python last heard. While the control is on
    another pace, the words component marks them as updating."""
    current = session.plan()
    fig = planner.figures(current, session.today())
    if fig is None or fig.person is None:
        return
    blocks = [text for text in (planner.limit_text(fig), planner.model_text(fig)) if text]
    warning = planner.intake_warning(fig)
    html = "".join(markdown_html(text) for text in blocks)
    if warning:
        html += f'<div class="rf-warning">{markdown_html(warning)}</div>'
    html += f'<p class="rf-small">{markdown_html(page["model_note"])[3:-4]}</p>'
    keys = planner.step_keys(current.units)
    render_words(
        "model_words",
        keys=keys,
        minimum=pace_scale(current.units).minimum,
        step=pace_scale(current.units).step,
        initial=planner.current_step(current),
        fixed=(keys[planner.current_step(current)], html),
        class_name="rf-model",
    )


def render_plan_card() -> None:
    """When the page's link carries a plan: that plan in one line near the top of the page, with
    a link down to the planner. It follows the pace control in the browser like the words."""
    current = session.plan()
    if not session.link_had_plan() or current.blank:
        return
    words = planner.step_words(current, session.today())
    if words is None:
        return
    scale = pace_scale(current.units)
    link = '<p class="rf-small"><a href="#pace-planner">Change your plan in the planner ↓</a></p>'
    render_words(
        "plan_card",
        keys=planner.step_keys(current.units),
        minimum=scale.minimum,
        step=scale.step,
        initial=planner.current_step(current),
        paragraphs=[card + link for card in words.cards],
        steps=[(i,) for i in range(len(words.cards))],
        class_name="rf-card",
    )


def render_planner(page: Mapping[str, str], *, compact: bool = False) -> None:
    """Draw the planner: the weights, more details, the live part (control, chart, words), the
    realistic figures, then the table and the share box. ``compact`` is the planner alone, for a
    publisher's page (``?embed=true&view=planner``): no introduction, a two-line verdict, and the
    share button without the table and the share box."""
    current = session.plan()
    with st.container(border=True, key="planner"):
        if compact:
            st.markdown("### Plan your weekly pace")
        else:
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
        # "From [172] to [160] lb": one flex row, which wraps only when a phone is too narrow.
        with st.container(horizontal=True, gap="medium", key="planner_weights"):
            _weight_input("weight", "Current weight", current)
            _weight_input("goal", "Goal weight", current)
        _field_notes()
        _race_input(current)
        _running_inputs(current)
        with st.expander(
            "More details: height, and a realistic curve",
            expanded=current.height is not None or current.about is not None,
        ):
            _height_input(current)
            if _about_inputs(current) is None:
                st.caption(page["about_you_invitation"])
        if _pace_chart_and_words(current, compact=compact):
            _after_words(page, compact)
        st.caption(page["planner_disclaimer"])


def _table_and_share(*, compact: bool = False) -> None:
    """The chart's numbers and the save-or-share box. They are outside the fragments, so a pace
    change does not send them while they are closed; while one is open, every pace change
    reaches Python at once and reruns the page (see _on_pace_commit). Their bodies are drawn
    only while open."""
    current = session.plan()
    fig = planner.figures(current, session.today(), model=False)
    if fig is None:
        return
    render_share_button()
    if compact:
        return
    with st.expander("See the numbers as a table", key=TABLE_KEY, on_change="rerun") as table_box:
        if table_box.open:
            pace = format_pace(current.pace, current.units)
            st.markdown(
                f":small[Weights in {base_unit(current.units)} at your pace of {pace}, one row a week "
                "(every few weeks for a long plan), and the day you reach your goal.]"
            )
            st.table(planner.table(fig))
    render_plan_share(current, fig.plan, session.tip_ids())
