"""The planner's figures and words for one plan: pure (no Streamlit), so every number and
sentence on the planner can be tested without a server.

The views draw what this module returns. Everything the page says about a plan comes from
one :class:`Figures`, and every goal day from :func:`runners_face.pace.days_to_goal`, so the
sentence, chart, table and downloads cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Final

import pandas as pd
import pyarrow as pa

from runners_face import charts, realistic
from runners_face.model import HEALTHY_BMI, Person
from runners_face.pace import (
    ATHLETE_SHARE_PER_WEEK,
    RECOMMENDED_LB_PER_WEEK,
    PacePlan,
    Verdict,
    check_pace,
    days_to_goal,
    format_duration,
    format_long_date,
    pace_steps,
    step_index,
)
from runners_face.pace import plan as make_plan
from runners_face.state import AboutYou, PlanState
from runners_face.units import KG_PER_LB, Unit, base_unit, format_pace, format_weight, from_kg, to_kg

RANGE_WORDS: Final = "the 1–2 lb (0.45–0.9 kg) a week the article advises"
VERDICT_PHRASES: Final[dict[str, str]] = {
    "recommended": f"inside {RANGE_WORDS}",
    "faster": f"faster than {RANGE_WORDS}",
    "slower": f"slower than {RANGE_WORDS}",
}
SHORT_VERDICTS: Final[dict[str, str]] = {
    "recommended": "Inside the article's 1–2 lb a week.",
    "faster": "Faster than the article's 1–2 lb a week.",
    "slower": "Slower than the article's 1–2 lb a week.",
}


@dataclass(frozen=True)
class GoalCheck:
    """What the planner can say about the goal weight itself (it needs a height)."""

    height_known: bool
    goal_bmi: float | None = None
    healthy_low_kg: float | None = None
    healthy_high_kg: float | None = None
    weight_bmi: float | None = None

    @property
    def goal_below_healthy(self) -> bool:
        return self.goal_bmi is not None and self.goal_bmi < HEALTHY_BMI[0] - 0.05

    @property
    def overweight_now(self) -> bool | None:
        """Whether today's weight is above the healthy band (BMI 25 or more); None without a height."""
        return None if self.weight_bmi is None else self.weight_bmi >= 25.0


@dataclass(frozen=True)
class Figures:
    """Everything the planner shows for one plan."""

    state: PlanState
    plan: PacePlan
    goal_check: GoalCheck
    person: Person | None
    outlook: realistic.Outlook | None
    model_limit: realistic.Limit | None


def _goal_check(state: PlanState, weight_kg: float, goal_kg: float) -> GoalCheck:
    height_cm = state.height_cm
    if height_cm is None:
        return GoalCheck(height_known=False)
    square = (height_cm / 100) ** 2
    return GoalCheck(
        height_known=True,
        goal_bmi=goal_kg / square,
        healthy_low_kg=HEALTHY_BMI[0] * square,
        healthy_high_kg=HEALTHY_BMI[1] * square,
        weight_bmi=weight_kg / square,
    )


def person_for(state: PlanState) -> Person | None:
    """The model's person for this plan, or None without "About you" (or out of its range)."""
    if state.about is None or state.height_cm is None:
        return None
    return _person(state.about, state.height_cm, to_kg(state.weight, state.units))


@lru_cache(maxsize=256)
def _person(about: AboutYou, height_cm: float, weight_kg: float) -> Person | None:
    try:
        return Person(about.sex, about.age_years, height_cm / 100, weight_kg, about.activity_level)
    except ValueError:
        return None


@lru_cache(maxsize=128)
def figures(state: PlanState, start: date) -> Figures | None:
    """The plan's figures from ``start``, or None when the goal is not below the current weight."""
    weight_kg = to_kg(state.weight, state.units)
    goal_kg = to_kg(state.goal, state.units)
    pace_kg = to_kg(state.pace, state.units)
    if goal_kg >= weight_kg:
        return None
    plan = make_plan(weight_kg, goal_kg, pace_kg, start)
    person = person_for(state)
    outlook = None
    limit: realistic.Limit | None = None
    if person is not None:
        try:
            outlook = realistic.outlook(person, goal_kg, pace_kg, plan.days)
        except realistic.ModelUnavailable as error:
            limit = error.limit
    return Figures(state, plan, _goal_check(state, weight_kg, goal_kg), person, outlook, limit)


# --- the chart: every pace step at once ---------------------------------------------------


@dataclass(frozen=True)
class ChartData:
    """The chart's data for every pace step, and the pace control's words for each step."""

    frame: pd.DataFrame
    table: pa.Table
    """``frame`` as an Arrow table, made once: Streamlit sends Arrow, and a rerun that follows
    the pace sends the chart again, so this saves converting the frame on every pace change."""
    step_keys: tuple[str, ...]
    step_values: tuple[str, ...]
    step_goals: tuple[str, ...]
    step_spoken: tuple[str, ...]
    step_marks: tuple[str, ...]
    """The text of the chart's goal marker at each step (its two lines run together), which the
    pace control looks for to check that the chart follows it."""


def _pace_key(state: PlanState) -> tuple[object, ...]:
    """What the chart depends on: everything but the pace and the ticks."""
    return (state.units, state.weight, state.goal, state.height_cm, state.about)


def chart_data(state: PlanState, start: date) -> ChartData | None:
    """The chart's data and the control's words; the same for every pace of one plan."""
    return _chart_data(_pace_key(state), state, start)


@lru_cache(maxsize=32)
def _chart_data(key: tuple[object, ...], state: PlanState, start: date) -> ChartData | None:
    del key  # only the cache key: the pace and ticks of ``state`` are not used below
    units = state.units
    weight_kg = to_kg(state.weight, units)
    goal_kg = to_kg(state.goal, units)
    if goal_kg >= weight_kg:
        return None
    paces = pace_steps(units)
    paces_kg = [to_kg(pace, units) for pace in paces]
    person = person_for(state)
    curves = None
    if person is not None:
        curves = [
            realistic.fixed_cut_curve(person, pace, charts.step_horizon(weight_kg, goal_kg, pace)) for pace in paces_kg
        ]
    frame = charts.planner_frame(weight_kg, goal_kg, paces_kg, start, units, curves)
    goal = format_weight(state.goal, units)
    keys, values, goals, spoken, marks = [], [], [], [], []
    for pace, pace_kg in zip(paces, paces_kg, strict=True):
        days = days_to_goal(weight_kg, goal_kg, pace_kg)
        verdict = check_pace(weight_kg, pace_kg).verdict
        when = f"Reaches {goal} on {format_long_date(start + timedelta(days=days))}, in {format_duration(days)}."
        keys.append(f"{base_unit(units)}:{pace:g}")
        values.append(format_pace(pace, units))
        goals.append(f"{when} {SHORT_VERDICTS[verdict]}")
        spoken.append(f"{format_pace(pace, units)}. {when} {SHORT_VERDICTS[verdict]}")
        label = charts.goal_label(start, days)
        marks.append(label.date_text + label.duration_text)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return ChartData(frame, table, tuple(keys), tuple(values), tuple(goals), tuple(spoken), tuple(marks))


def pace_from_key(key: str, units: Unit) -> float | None:
    """The pace a control step key ("lb:1.25") stands for, if it belongs to these units."""
    unit, _, number = key.partition(":")
    if unit != base_unit(units):
        return None
    try:
        pace = float(number)
    except ValueError:
        return None
    return pace if pace in pace_steps(units) else None


def current_step(state: PlanState) -> int:
    return step_index(state.pace, state.units)


def table(fig: Figures) -> pd.DataFrame:
    """The chart's numbers for the reader's pace, a row a week (see :func:`charts.table_frame`)."""
    plan = fig.plan
    curve = None
    if fig.person is not None:
        horizon = charts.step_horizon(plan.weight_kg, plan.goal_kg, plan.pace_kg_per_week)
        curve = realistic.fixed_cut_curve(fig.person, plan.pace_kg_per_week, horizon)
    return charts.table_frame(plan.weight_kg, plan.goal_kg, plan.pace_kg_per_week, plan.start, fig.state.units, curve)


# --- words ------------------------------------------------------------------------------------


def _weight(kg: float, units: Unit, decimals: int = 1) -> str:
    return format_weight(from_kg(kg, units), units, decimals)


def sentence(fig: Figures) -> str:
    """The planner's answer: "At 1 lb a week you would reach 165 lb on ..., after 15 weeks: ..."."""
    state, plan = fig.state, fig.plan
    return (
        f"At **{format_pace(state.pace, state.units)}** you would reach **{format_weight(state.goal, state.units)}** "
        f"on **{format_long_date(plan.goal_date)}**, after **{format_duration(plan.days)}**: "
        f"{VERDICT_PHRASES[plan.check.verdict]}."
    )


CDC_SCOPE: Final = (
    "For adults with overweight or obesity, the US CDC (Centers for Disease Control and Prevention) says "
    "losing 5 to 10 % of body weight is likely to bring health benefits."
)


def verdict(fig: Figures) -> tuple[Verdict, str]:
    """The pace against the article's 1–2 lb a week, and nothing else: its kind and its words."""
    kind = fig.plan.check.verdict
    if kind == "faster":
        text = (
            "**Faster than the article advises.** The article says a slow, steady loss of about 1–2 lb "
            "a week gives skin time to adjust as fat goes. Losing weight fast also makes gallstones more "
            "likely; the risk climbs steeply above about 1.5 kg (3.3 lb) a week (Weinsier and others, "
            "American Journal of Medicine, 1995)."
        )
    elif kind == "slower":
        text = "**Slower than the article's range.** That is gentle on skin, but it takes longer."
        if fig.goal_check.overweight_now is not False:
            # Not for a reader whose BMI is already in the healthy range: the advice is not for them.
            text += " " + CDC_SCOPE
    else:
        text = (
            "**Inside the article's range.** The article says a slow, steady loss like this gives skin "
            "time to adjust as fat goes."
        )
    return kind, text


def athlete_note(fig: Figures) -> str | None:
    """A separate, sourced note on pace as a share of body weight (not the article's advice)."""
    check = fig.plan.check
    if not check.above_athlete_trial_slow_pace:
        return None
    slow, fast = (f"{share * 100:.1f} %" for share in ATHLETE_SHARE_PER_WEEK)
    return (
        f"**A note for athletes:** this pace is **{check.share_of_weight * 100:.1f} % of your weight a week**. "
        f"In a trial with 24 elite athletes who also did strength training (Garthe and others, 2011), those "
        f"who aimed to lose {slow} of their weight a week gained lean mass and more strength than those who "
        f"aimed for {fast}, whose lean mass stayed the same. A year later, the two groups no longer differed."
    )


def goal_check_text(fig: Figures) -> tuple[bool, str]:
    """Whether the goal is a healthy weight, as far as the planner can tell: (is it a warning, words)."""
    check, units = fig.goal_check, fig.state.units
    if not check.height_known or check.goal_bmi is None or check.healthy_low_kg is None:
        return False, (
            "**Is your goal a healthy weight?** The planner cannot check without your height. "
            "Add your height above to check it."
        )
    assert check.healthy_high_kg is not None
    if check.goal_below_healthy:
        return True, (
            f"**Goal below a healthy weight:** for your height, a healthy weight starts at about "
            f"{_weight(check.healthy_low_kg, units, 0)} (a body-mass index, or BMI, of 18.5). "
            "Please talk to a doctor before aiming lower."
        )
    healthy = (
        f"the 18.5–24.9 range the World Health Organization calls healthy for adults "
        f"({_weight(check.healthy_low_kg, units, 0)} to {_weight(check.healthy_high_kg, units, 0)} for your height)"
    )
    where = "inside" if check.goal_bmi <= HEALTHY_BMI[1] + 0.05 else "above"
    return False, f"**Your goal and your height:** a body-mass index (BMI) of {check.goal_bmi:.1f}, {where} {healthy}."


def deficit_text(fig: Figures) -> str:
    return (
        "By the rough **3500-calorie rule** (about 3,500 kcal per pound lost), this pace means eating about "
        f"**{fig.plan.daily_deficit_kcal:,.0f} kcal a day** less than you burn."
    )


def summary(fig: Figures) -> str:
    """The chart in words (its text alternative)."""
    state, plan = fig.state, fig.plan
    units = state.units
    slow_days = days_to_goal(plan.weight_kg, plan.goal_kg, RECOMMENDED_LB_PER_WEEK[0] * KG_PER_LB)
    fast_days = days_to_goal(plan.weight_kg, plan.goal_kg, RECOMMENDED_LB_PER_WEEK[1] * KG_PER_LB)
    text = (
        f"Chart summary: your line starts at {format_weight(state.weight, units)} today and falls "
        f"{format_pace(state.pace, units)} to your goal of {format_weight(state.goal, units)}, which it reaches on "
        f"{format_long_date(plan.goal_date)}. Inside the article's range you would get there in "
        f"{format_duration(fast_days)} (2 lb a week) to {format_duration(slow_days)} (1 lb a week)."
    )
    if fig.outlook is not None:
        text += (
            " The dashed realistic curve, for the same calorie cut, is at about "
            f"{_weight(fig.outlook.fixed_cut_weight_at_goal_date_kg, units, 0)} on that date."
        )
    return text


LIMIT_WORDS: Final[dict[str, str]] = {
    "too_long": (
        "at this pace the plan takes more than ten years, longer than the body-weight model covers. "
        "Choose a faster pace or a nearer goal."
    ),
    "too_fast": ("the body-weight model cannot reach this goal that soon, even eating nothing. Choose a slower pace."),
    "goal_too_low": "the goal is too far below your weight for the body-weight model. Choose a nearer goal.",
}


def limit_text(fig: Figures) -> str | None:
    if fig.model_limit is None:
        return None
    return f"**The realistic figures are not available for this plan:** {LIMIT_WORDS[fig.model_limit]}"


def model_text(fig: Figures) -> str | None:
    """What the model says: a fixed cut's curve against the straight line, and the intakes."""
    outlook, plan, units = fig.outlook, fig.plan, fig.state.units
    if outlook is None:
        return None
    rule_intake = outlook.maintenance_kcal - outlook.rule_deficit_kcal
    reached = outlook.fixed_cut_days_to_goal
    if reached is None:
        when = (
            "does not reach your goal within ten years: as you get lighter you burn less, so the same cut "
            "loses less each week"
        )
    elif reached > plan.days:
        when = (
            f"reaches your goal only after **{format_duration(reached)}**, later than the straight line: "
            "as you get lighter you burn less, so the same cut loses less each week"
        )
    elif reached < plan.days:
        when = (
            f"reaches your goal sooner, after **{format_duration(reached)}**: at first the body also loses "
            "water (with its stored carbohydrate), so the early drop is quicker than the straight line"
        )
    else:
        when = f"reaches your goal on the same day as the straight line, after **{format_duration(reached)}**"
    return (
        f"**What a fixed cut does.** You burn about **{outlook.maintenance_kcal:,.0f} kcal a day** now. "
        f"If you ate **{rule_intake:,.0f} kcal a day** (the 3500-rule cut of {outlook.rule_deficit_kcal:,.0f} kcal) "
        f"and kept to it, the model says you would weigh about "
        f"**{_weight(outlook.fixed_cut_weight_at_goal_date_kg, units, 0)}** on {format_long_date(plan.goal_date)}, "
        f"and the curve {when}.\n\n"
        f"**To reach your goal on time**, the model says you would need about "
        f"**{outlook.intake_to_reach_kcal:,.0f} kcal a day** on average (the 3500 rule says {rule_intake:,.0f} kcal). "
        f"**To hold your goal afterwards**, about **{outlook.intake_to_hold_kcal:,.0f} kcal a day**."
    )


GUIDELINE_DIETS: Final = (
    "A US guideline for doctors (AHA/ACC/TOS, Jensen and others, 2013) prescribes weight-loss diets of "
    "1,200–1,500 kcal a day for women and 1,500–1,800 kcal a day for men."
)


def intake_warning(fig: Figures) -> str | None:
    """When reaching the goal on time needs fewer calories than the guideline's diets start at."""
    outlook = fig.outlook
    if outlook is None or not outlook.below_guideline_diets:
        return None
    return (
        f"**Fewer calories than guideline diets:** reaching your goal by then would mean eating about "
        f"{outlook.intake_to_reach_kcal:,.0f} kcal a day. {GUIDELINE_DIETS} Talk to a doctor before eating less "
        "than that, or choose a slower pace."
    )
