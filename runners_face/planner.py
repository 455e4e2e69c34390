"""The planner's figures and words for one plan: pure (no Streamlit), so every number and
sentence on the planner can be tested without a server.

The views draw what this module returns. Everything the page says about a plan comes from
one :class:`Figures`, and every goal day from :func:`runners_face.pace.days_to_goal`, so the
sentence, chart, table and downloads cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Final, Literal

import pandas as pd
import pyarrow as pa

from runners_face import charts, realistic, running
from runners_face.intake import GUIDELINE_DIETS, VERY_LOW_DIETS, Intake
from runners_face.model import HEALTHY_BMI, Person
from runners_face.pace import (
    ATHLETE_SHARE_PER_WEEK,
    PacePlan,
    PaceVerdict,
    article_range,
    check_pace,
    days_to_goal,
    pace_steps,
    pace_verdict,
    range_words,
    step_index,
)
from runners_face.pace import plan as make_plan
from runners_face.state import AboutYou, PlanState, Typed
from runners_face.units import (
    Unit,
    base_unit,
    distance_unit,
    format_distance,
    format_pace,
    format_weight,
    from_kg,
    to_kg,
)
from runners_face.wording import (
    format_date,
    format_duration,
    format_durations,
    format_kcal,
    format_when,
    join_words,
    markdown_html,
)


@dataclass(frozen=True)
class Figures:
    """Everything the planner shows for one plan."""

    state: PlanState
    plan: PacePlan
    goal_check: GoalCheck
    person: Person | None
    outlook: realistic.Outlook | None
    model_limit: realistic.Limit | None


def person_for(state: PlanState) -> Person | None:
    """The model's person for this plan, or None without every detail "About you" needs (or out
    of the model's range)."""
    about = state.about
    if about is None or state.height_cm is None or about.missing:
        return None
    km = state.run_km
    change = 0.0 if km is None else running.activity_kcal_per_kg_day(km[1] - km[0])
    return _person(about, state.height_cm, to_kg(state.weight, state.units), change)


@lru_cache(maxsize=256)
def _person(about: AboutYou, height_cm: float, weight_kg: float, activity_change: float) -> Person | None:
    """The model's person; ``activity_change`` is the change in running while losing, in the
    model's physical-activity term (kcal per kg a day, see :mod:`runners_face.running`)."""
    assert about.sex is not None and about.age_years is not None and about.activity_level is not None
    try:
        return Person(about.sex, about.age_years, height_cm / 100, weight_kg, about.activity_level, activity_change)
    except ValueError:
        return None


@lru_cache(maxsize=256)
def figures(state: PlanState, start: date, *, model: bool = True) -> Figures | None:
    """The plan's figures from ``start``, or None when there is no loss to plan (a weight field is
    blank, or the goal is not below the current weight). With ``model=False`` the realistic
    figures are left out (they take the model several runs)."""
    if state.blank:
        return None
    weight_kg = to_kg(state.weight, state.units)
    goal_kg = to_kg(state.goal, state.units)
    pace_kg = to_kg(state.pace, state.units)
    if goal_kg >= weight_kg:
        return None
    plan = make_plan(weight_kg, goal_kg, pace_kg, start, state.units)
    person = person_for(state)
    outlook = None
    limit: realistic.Limit | None = None
    if person is not None and model:
        try:
            outlook = realistic.outlook(person, goal_kg, pace_kg, plan.days)
        except realistic.ModelUnavailable as error:
            limit = error.limit
    return Figures(state, plan, goal_check(state), person, outlook, limit)


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
    has_model: bool = False
    """Whether any step has a realistic curve (the chart's legend names it only then)."""


def _pace_key(state: PlanState) -> tuple[object, ...]:
    """What the chart depends on: everything but the pace, the ticks and the running days."""
    return (state.units, state.weight, state.goal, state.height_cm, state.about, state.run_distances)


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
        curves = [_curve(person, weight_kg, goal_kg, pace, units) for pace in paces_kg]
        if all(curve is None for curve in curves):
            curves = None
    frame = charts.planner_frame(weight_kg, goal_kg, paces_kg, start, units, curves)
    goal = format_weight(state.goal, units)
    keys: list[str] = []
    values, goals, spoken, marks = [], [], [], []
    for pace, pace_kg in zip(paces, paces_kg, strict=True):
        days = days_to_goal(weight_kg, goal_kg, pace_kg)
        verdict = check_pace(weight_kg, pace_kg, units).verdict
        when = f"Reaches {goal} {format_when(start + timedelta(days=days), start)}, in {format_duration(days)}."
        keys.append(step_keys(units)[len(keys)])
        values.append(format_pace(pace, units))
        goals.append(f"{when} {SHORT_VERDICTS[verdict]}")
        spoken.append(f"{format_pace(pace, units)}. {when} {SHORT_VERDICTS[verdict]}")
        label = charts.goal_label(start, days)
        marks.append(label.date_text + label.duration_text)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return ChartData(
        frame, table, tuple(keys), tuple(values), tuple(goals), tuple(spoken), tuple(marks), curves is not None
    )


def realistic_fixed(fig: Figures) -> realistic.FixedCut | None:
    """The realistic curve the page draws for a plan: only where the model gives its figures,
    and not for a goal the curve would reach mostly by losing water."""
    outlook = fig.outlook
    if outlook is None or outlook.fixed is None or outlook.fixed.mostly_water:
        return None
    return outlook.fixed


def _curve(person: Person, weight_kg: float, goal_kg: float, pace_kg: float, units: Unit) -> tuple[float, ...] | None:
    """One pace's realistic curve for the chart's days, or None where the page draws none (see
    :func:`realistic_fixed`)."""
    if realistic.limit(person, goal_kg, days_to_goal(weight_kg, goal_kg, pace_kg)) is not None:
        return None
    fixed = realistic.fixed_cut(person, goal_kg, pace_kg, realistic.MODEL_LIMIT_DAYS)
    if fixed is None or fixed.mostly_water:
        return None
    horizon = charts.step_horizon(weight_kg, goal_kg, pace_kg, units)
    return fixed.weights_kg[: horizon + 1]


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


def typed_pace_from_key(key: str) -> Typed | None:
    """The pace a control step key stands for, in its own unit, whatever the plan's units."""
    for unit in ("lb", "kg"):
        if key.startswith(f"{unit}:"):
            pace = pace_from_key(key, unit)
            return None if pace is None else Typed(pace, unit)
    return None


def step_keys(units: Unit) -> tuple[str, ...]:
    """The pace control's step keys: "lb:0.25", ..., "lb:3" (or kg)."""
    return tuple(f"{base_unit(units)}:{pace:g}" for pace in pace_steps(units))


def current_step(state: PlanState) -> int:
    return step_index(state.pace, state.units)


def table(fig: Figures) -> pd.DataFrame:
    """The chart's numbers for the reader's pace, a row a week (see :func:`charts.table_frame`)."""
    plan = fig.plan
    curve = None
    if fig.person is not None:
        curve = _curve(fig.person, plan.weight_kg, plan.goal_kg, plan.pace_kg_per_week, fig.state.units)
    return charts.table_frame(plan.weight_kg, plan.goal_kg, plan.pace_kg_per_week, plan.start, fig.state.units, curve)


# --- words ------------------------------------------------------------------------------------


def _weight(kg: float, units: Unit, decimals: int = 1) -> str:
    return format_weight(from_kg(kg, units), units, decimals)


def _date(fig: Figures, day: date) -> str:
    return format_date(day, fig.plan.start)


def verdict_phrase(verdict: PaceVerdict, units: Unit) -> str:
    """ "inside the 1–2 lb a week the article advises" (or faster than, slower than)."""
    where = {"recommended": "inside", "faster": "faster than", "slower": "slower than"}[verdict]
    return f"{where} the {range_words(units)} the article advises"


SHORT_VERDICTS: Final[dict[str, str]] = {
    "recommended": "Inside the article's range.",
    "faster": "Faster than the article's range.",
    "slower": "Slower than the article's range.",
}


def sentence(fig: Figures) -> str:
    """The planner's answer: "At 1 lb a week you would reach 165 lb on ..., after 15 weeks: ..."."""
    state, plan = fig.state, fig.plan
    when, _, day = format_when(plan.goal_date, plan.start).partition(" ")
    return (
        f"At **{format_pace(state.pace, state.units)}** you would reach **{format_weight(state.goal, state.units)}** "
        f"{when} **{day}**, after **{format_duration(plan.days)}**: "
        f"{verdict_phrase(plan.check.verdict, state.units)}."
    )


CDC_SCOPE: Final = (
    "For adults with overweight or obesity, the US CDC (Centers for Disease Control and Prevention) says "
    "losing 5 to 10 % of body weight is likely to bring health benefits."
)
SKIN_UNTESTED: Final = "No study has tested this for skin (evidence: none)."
"""The grade of the article's slow-loss claim (content/evidence.yaml, "slow-loss"), said wherever
the planner or the weigh-ins repeat the claim."""
SLOWER_UNTESTED: Final = (
    "The article advises about 1–2 lb a week; it does not say whether losing more slowly helps skin more "
    "(evidence: none)."
)
GALLSTONE_FINDING: Final = (
    "Very fast loss makes gallstones more likely: in people with obesity who were dieting, the risk rose steeply "
    "above about 1.5 kg (3.3 lb) a week (Weinsier and others, American Journal of Medicine, 1995; evidence: "
    "limited, from studies that observed people)."
)
GALLSTONES: Final = f"{GALLSTONE_FINDING} That is faster than any pace offered here."


def verdict(fig: Figures) -> tuple[PaceVerdict, str]:
    """The pace against the article's 1–2 lb a week, and nothing else: its kind and its words."""
    kind = fig.plan.check.verdict
    if kind == "faster":
        text = (
            "**Faster than the article advises.** The article says a slow, steady loss of about 1–2 lb a week "
            f"gives skin time to adjust as fat goes. {SKIN_UNTESTED}"
        )
    elif kind == "slower":
        text = f"**Slower than the article's range.** {SLOWER_UNTESTED} At this pace your goal takes longer."
        if fig.goal_check.overweight_now is not False:
            # Not for a reader whose BMI is already in the healthy range: the advice is not for them.
            text += " " + CDC_SCOPE
    else:
        text = (
            "**Inside the article's range.** The article says a slow, steady loss like this gives skin time to "
            f"adjust as fat goes. {SKIN_UNTESTED}"
        )
    return kind, text


def gallstone_note(fig: Figures) -> str | None:
    """For paces over 1 kg a week: the gallstone risk of very fast loss, with its source and grade."""
    return GALLSTONES if fig.plan.pace_kg_per_week > 1.0 else None


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
        f"aimed for {fast}, whose lean mass stayed the same. A year later the trial found no clear difference "
        "between the groups, but it was too small to rule one out (evidence: limited, one small trial)."
    )


# --- the goal and a height: BMI, decided on the figures as printed ---------------------------

BmiBand = Literal["below", "inside", "above"]
SEVERE_THINNESS_BMI: Final = 16.0
"""WHO: a body-mass index under 16 is severe thinness (16-16.9 moderate, 17-18.4 mild)."""


def _bmi_shown(weight_kg: float, height_cm: float) -> float:
    """A body-mass index as the page prints it, to 0.1."""
    return float(f"{weight_kg / (height_cm / 100) ** 2:.1f}")


def bmi_band(bmi_shown: float) -> BmiBand:
    """A printed BMI against the WHO band as printed (18.5–24.9)."""
    if bmi_shown < HEALTHY_BMI[0]:
        return "below"
    return "inside" if bmi_shown <= HEALTHY_BMI[1] else "above"


def _edge(height_cm: float, units: Unit, bmi: float, lowest: bool) -> float:
    """The lowest (or highest) weight on the fields' 0.1 grid, in the base unit, whose printed BMI
    is at least (or at most) ``bmi``: so a goal is inside the printed band exactly when its
    printed BMI is."""

    def ok(weight: float) -> bool:
        shown = _bmi_shown(to_kg(weight, units), height_cm)
        return shown >= bmi if lowest else shown <= bmi

    outward = -0.1 if lowest else 0.1
    weight = round(from_kg(bmi * (height_cm / 100) ** 2, units), 1)
    while ok(round(weight + outward, 1)):
        weight = round(weight + outward, 1)
    while not ok(weight):
        weight = round(weight - outward, 1)
    return weight


@dataclass(frozen=True)
class GoalCheck:
    """What the planner can say about the goal weight itself (it needs a height). Weights are in
    the base unit of the reader's units, as the fields hold them."""

    height_known: bool
    goal: float | None = None
    goal_bmi: float | None = None
    weight_bmi: float | None = None
    healthy_low: float | None = None
    """The lowest weight (0.1 grid) whose printed BMI is 18.5 or more."""
    healthy_high: float | None = None
    """The highest weight (0.1 grid) whose printed BMI is 24.9 or less."""

    @property
    def goal_band(self) -> BmiBand | None:
        return None if self.goal_bmi is None else bmi_band(self.goal_bmi)

    @property
    def goal_below_healthy(self) -> bool:
        return self.goal_band == "below"

    @property
    def underweight_now(self) -> bool:
        return self.weight_bmi is not None and bmi_band(self.weight_bmi) == "below"

    @property
    def overweight_now(self) -> bool | None:
        """Whether today's weight is above the healthy band; None without a height."""
        return None if self.weight_bmi is None else bmi_band(self.weight_bmi) == "above"


def goal_check(state: PlanState) -> GoalCheck:
    height_cm = state.height_cm
    if height_cm is None:
        return GoalCheck(height_known=False)
    units = state.units
    return GoalCheck(
        height_known=True,
        goal=state.goal,
        goal_bmi=_bmi_shown(to_kg(state.goal, units), height_cm),
        weight_bmi=_bmi_shown(to_kg(state.weight, units), height_cm),
        healthy_low=_edge(height_cm, units, HEALTHY_BMI[0], lowest=True),
        healthy_high=_edge(height_cm, units, HEALTHY_BMI[1], lowest=False),
    )


def _printed_band(check: GoalCheck, units: Unit) -> tuple[str, str]:
    """The healthy band's two ends as words, at the fewest decimals (0 or 1) for which the
    goal is inside the printed band exactly when its BMI is."""
    assert check.goal is not None and check.healthy_low is not None and check.healthy_high is not None
    inside = check.goal_band == "inside"
    for decimals in (0, 1):
        low, high = round(check.healthy_low, decimals), round(check.healthy_high, decimals)
        if (low <= check.goal <= high) == inside and (check.goal < low) == (check.goal_band == "below"):
            return format_weight(low, units, decimals), format_weight(high, units, decimals)
    return format_weight(check.healthy_low, units, 1), format_weight(check.healthy_high, units, 1)


def goal_check_text(fig: Figures) -> tuple[bool, str]:
    """Whether the goal is a healthy weight, as far as the planner can tell: (is it a warning, words)."""
    check, units = fig.goal_check, fig.state.units
    if not check.height_known or check.goal_bmi is None or check.weight_bmi is None:
        return False, (
            "**Is your goal a healthy weight?** The planner cannot check without your height. "
            "Add your height above to check it."
        )
    low, high = _printed_band(check, units)
    if check.underweight_now:
        return True, (
            f"**Your weight is already below the healthy range:** for your height it is a body-mass index "
            f"(BMI) of {check.weight_bmi:.1f}, and a healthy weight starts at about {low} (a BMI of 18.5). "
            "This planner is not for losing more. Please talk to a doctor."
        )
    if check.goal_bmi < SEVERE_THINNESS_BMI:
        return True, (
            f"**Goal far below a healthy weight:** your goal is a body-mass index (BMI) of {check.goal_bmi:.1f}. "
            "The World Health Organization calls a BMI under 16 severe thinness. Please do "
            f"not aim for this goal. For your height, a healthy weight starts at about {low} (a BMI of 18.5). "
            "Talk to a doctor."
        )
    if check.goal_below_healthy:
        return True, (
            f"**Goal below a healthy weight:** your goal is a body-mass index (BMI) of {check.goal_bmi:.1f}; "
            f"for your height, a healthy weight starts at about {low} (a BMI of 18.5). "
            "Please talk to a doctor before aiming lower."
        )
    where = "inside" if check.goal_band == "inside" else "above"
    return False, (
        f"**Your goal and your height:** a body-mass index (BMI) of {check.goal_bmi:.1f}, {where} the "
        f"18.5–24.9 range the World Health Organization calls healthy for adults ({low} to {high} for your height)."
    )


def deficit_text(fig: Figures) -> str:
    share = run_share(fig)
    if share is not None and share.changed:
        return (
            "By the rough **3500-calorie rule** (about 3,500 kcal per pound of body fat), this pace means a gap of "
            f"about **{format_kcal(share.gap_kcal)}** between what you eat and what you burn (see your running above)."
        )
    return (
        "By the rough **3500-calorie rule** (about 3,500 kcal per pound of body fat), this pace means eating "
        f"about **{format_kcal(fig.plan.daily_deficit_kcal)}** less than you burn."
    )


# --- the reader's running: its energy, and its share of the gap --------------------------------

RUN_ENERGY_SOURCE: Final = "Margaria and others, 1963; Fletcher and others, 2009; evidence: moderate"
"""The source and grade of the running figure (content/evidence.yaml, "running-energy")."""
RUN_COMPENSATION: Final = (
    "**Exercise rarely gives all of this.** In exercise trials, most people lost less weight than the energy "
    "they burned would predict: many ate a little more, or moved less the rest of the day (Thomas and others, "
    "2012; evidence: moderate). Take the running figures as the most it could do, and check your real pace "
    "with your weigh-ins."
)
"""The caveat beside every change in running (content/evidence.yaml, "exercise-compensation")."""


def run_share(fig: Figures) -> running.RunShare | None:
    """How the reader's running shares this plan's gap; None without a weekly distance now."""
    km = fig.state.run_km
    if km is None:
        return None
    return running.share(fig.plan.weight_kg, km[0], km[1], fig.plan.daily_deficit_kcal)


def _kcal_words(kcal: int) -> str:
    """A running figure: "about 230 kcal a day", or "under 10 kcal a day" for one that prints as 0."""
    return "under 10 kcal a day" if kcal == 0 else f"about {format_kcal(kcal)}"


def running_text(fig: Figures) -> str | None:
    """The reader's running in the frame of the pace: what it burns, how much of the gap a change
    covers and the diet cut that remains, what the change does to the goal date at the same diet,
    and (for a change) how much less exercise usually gives. None without running."""
    share = run_share(fig)
    distances = fig.state.run_distances
    if share is None or distances is None:
        return None
    state = fig.state
    units = state.units
    unit = distance_unit(units)
    now, planned = (format_distance(value, unit) for value in distances)
    pace = format_pace(state.pace, units)
    gap = f"**{format_kcal(share.gap_kcal)}**"
    if distances[0] == 0:
        burn = "**Your running.** You do not run now, so running is not yet part of what you burn."
    else:
        burn = (
            f"**Your running.** Your {now} a week burns about **{share.week_kcal:,} kcal a week**, "
            f"{_kcal_words(share.day_kcal)}, above what your body burns at rest: running on the flat costs about "
            f"1 kcal per kg of body weight per km{'' if unit == 'km' else ' (1.6 per mile)'}, at almost any speed "
            f"({RUN_ENERGY_SOURCE})."
        )
    if not share.changed:
        if distances[0] == 0:
            return f"{burn} At {pace} the whole gap of about {gap} comes from eating less."
        return (
            f"{burn} It is already part of what you burn today, so running the same while you lose changes "
            f"nothing in the gap: at {pace} the whole gap of about {gap} comes from eating less."
        )
    more = distances[1] > distances[0]
    diff = format_distance(abs(distances[1] - distances[0]), unit)
    change = abs(share.change_kcal)
    total = "" if distances[0] == 0 else f" ({planned} in all)" if distances[1] else " (no running at all)"
    if more:
        gives = f"At **{pace}** you need a gap of about {gap}. Running {diff} a week more{total} gives "
        diet = share.diet_kcal
        if diet > 0:
            split = f"{_kcal_words(change)} of it, so the diet cut is about **{format_kcal(diet)}**."
        elif diet == 0:
            split = f"{_kcal_words(change)}: all of it, so by this arithmetic you need no diet cut at all."
        else:
            split = (
                f"{_kcal_words(change)}: more than the whole gap. By this arithmetic you need no diet cut at all, "
                f"and you could even eat about **{format_kcal(-diet)} more** than you do now and keep to this pace."
            )
    else:
        gives = f"At **{pace}** you need a gap of about {gap}. Running {diff} a week less{total} burns "
        split = (
            f"{_kcal_words(change)} less, which adds to the gap: the diet cut grows to about "
            f"**{format_kcal(share.diet_kcal)}**."
        )
    return f"{burn}\n\n{gives}{split} {_same_diet_words(fig, share, diff, more)}\n\n{RUN_COMPENSATION}"


def _same_diet_words(fig: Figures, share: running.RunShare, diff: str, more: bool) -> str:
    """What the change in running does to the goal date if the diet cut stays the whole gap."""
    plan, units = fig.plan, fig.state.units
    cut = format_kcal(share.gap_kcal)
    pace_kg = share.same_diet_pace_kg
    shown = round(from_kg(pace_kg, units), 1)
    if shown <= 0:
        return (
            f"If you kept the whole diet cut of {cut} instead, running {diff} less would use up the whole gap: by this "
            "arithmetic you would not lose weight."
        )
    days = days_to_goal(plan.weight_kg, plan.goal_kg, pace_kg)
    when = format_when(plan.start + timedelta(days=days), plan.start)
    if days == plan.days:
        moved = "the same day"
    else:
        moved = f"{format_duration(abs(days - plan.days))} {'sooner' if days < plan.days else 'later'}"
    where = {"recommended": "inside", "faster": "faster than", "slower": "slower than"}[pace_verdict(shown, units)]
    return (
        f"If you kept the whole diet cut of {cut} instead, running {diff} {'more' if more else 'less'} would make "
        f"it about {format_pace(shown, units)} ({where} the article's range): your goal {when}, {moved}."
    )


def range_days(fig: Figures) -> tuple[int, int]:
    """Days to the goal at the fast and the slow end of the article's range, in the reader's units."""
    plan, units = fig.plan, fig.state.units
    slow, fast = (to_kg(pace, units) for pace in article_range(units))
    return days_to_goal(plan.weight_kg, plan.goal_kg, fast), days_to_goal(plan.weight_kg, plan.goal_kg, slow)


def summary(fig: Figures) -> str:
    """The chart in words (its text alternative)."""
    state, plan = fig.state, fig.plan
    units = state.units
    fast_days, slow_days = range_days(fig)
    slow, fast = (format_pace(pace, units) for pace in article_range(units))
    if fast_days == slow_days:
        within = f"At any pace inside the article's range you would get there in {format_duration(fast_days)}."
    else:
        quick, long = format_durations(fast_days, slow_days)
        within = f"Inside the article's range you would get there in {quick} ({fast}) to {long} ({slow})."
    text = (
        f"Chart summary: your line starts at {format_weight(state.weight, units)} today and falls "
        f"{format_pace(state.pace, units)} to your goal of {format_weight(state.goal, units)}, which it reaches "
        f"{format_when(plan.goal_date, plan.start)}. {within}"
    )
    outlook, fixed = fig.outlook, realistic_fixed(fig)
    if outlook is not None and fixed is None:
        why = (
            "the model's drop to your goal would be mostly water"
            if outlook.fixed is not None
            else "its calorie cut leaves too little to eat"
        )
        text += f" There is no realistic curve for this pace: {why}."
    elif fixed is not None:
        text += (
            " The dashed realistic curve, for the same calorie cut, is at about "
            f"{_weight(fixed.weights_kg[plan.days], units, 1)} on that date"
        )
        text += "; once it reaches your goal, it holds it." if fixed.reach_day is not None else "."
    return text


LIMIT_WORDS: Final[dict[str, str]] = {
    "too_long": (
        "at this pace the plan takes more than ten years, longer than the body-weight model runs (and it was "
        "checked against people over about two). Choose a faster pace or a nearer goal."
    ),
    "too_fast": "the body-weight model cannot reach this goal that soon, even eating nothing. Choose a slower pace.",
    "goal_too_low": "the goal is too far below your weight for the body-weight model. Choose a nearer goal.",
}


def blank_text(state: PlanState) -> str:
    """For a link without weights (it may share a pace or ticks, or nothing usable): what to do.
    It says nothing about the link's pace, which may have been ignored."""
    both = state.blank == {"weight", "goal"}
    lacks = "weights" if both else ("current weight" if "weight" in state.blank else "goal weight")
    missing = "current weight and goal" if both else ("current weight" if "weight" in state.blank else "goal")
    return (
        f"**This link has no {lacks} in it.** "
        f"Enter your own {missing} above to see your plan at {format_pace(state.pace, state.units)}."
    )


def about_needs(state: PlanState) -> str | None:
    """With "About you" on: what the realistic curve is still waiting for (it guesses nothing)."""
    about = state.about
    if about is None:
        return None
    missing = (() if state.height is not None else ("your height",)) + about.missing
    if not missing:
        return None
    return (
        f"**The realistic curve needs {join_words(list(missing))}.** The model works out what you burn from your "
        "height, weight, age, sex and activity, so it cannot guess them."
    )


def limit_text(fig: Figures) -> str | None:
    if fig.model_limit is None:
        return None
    return f"**The realistic figures are not available for this plan:** {LIMIT_WORDS[fig.model_limit]}"


@dataclass(frozen=True)
class Intakes:
    """Every amount to eat that the model's words name, through the one safety layer."""

    rule: Intake | None
    """What you burn today less the 3500-rule cut; None when the cut is as large as that or more."""
    to_reach: Intake
    to_hold: Intake

    def below_floor(self) -> list[tuple[str, Intake]]:
        """The amounts to eat while losing that are under the guideline diets' low end."""
        named = [("the 3500-rule plan", self.rule), ("to reach your goal on time", self.to_reach)]
        return [(why, intake) for why, intake in named if intake is not None and intake.below_floor]


def intakes(fig: Figures) -> Intakes | None:
    outlook, person = fig.outlook, fig.person
    if outlook is None or person is None or fig.goal_check.underweight_now:
        return None
    sex = person.sex
    rule = Intake(outlook.rule_intake_kcal, sex)
    return Intakes(
        rule if rule.possible else None,
        Intake(outlook.intake_to_reach_kcal, sex),
        Intake(outlook.intake_to_hold_kcal, sex),
    )


def model_text(fig: Figures) -> str | None:
    """What the model says: a fixed cut's curve against the straight line, and the intakes."""
    outlook, plan, units = fig.outlook, fig.plan, fig.state.units
    eat = intakes(fig)
    if outlook is None or eat is None:
        return None
    burn = f"**What a fixed cut does.** You burn about **{format_kcal(outlook.maintenance_kcal)}** now."
    cut = format_kcal(outlook.rule_deficit_kcal)
    fixed, rule = outlook.fixed, eat.rule
    if rule is None:
        more = "more than that" if round(outlook.rule_deficit_kcal) > round(outlook.maintenance_kcal) else "all of it"
        first = (
            f"{burn} The 3500-rule cut for this pace, {cut}, is {more}, so no diet could make it, and there is no "
            "realistic curve for it. Choose a slower pace."
        )
        rule_words = "the 3500 rule's cut is more than you burn"
    else:
        leave = f"{burn} The 3500-rule cut for this pace, {cut}, would leave you **{rule.text}** to eat"
        if rule.very_low:
            first = f"{leave}. {VERY_LOW_DIETS} The realistic curve is not drawn for so little."
        elif rule.below_floor:
            first = f"{leave}: {rule.below_words}."
        else:
            first = f"{burn} If you ate **{rule.text}** ({_rule_words(outlook, cut)})."
        if fixed is not None:
            first += f" On that, the curve {_reach_words(fig, fixed)}."
            if not fixed.mostly_water:
                at_date = _weight(fixed.weights_kg[plan.days], units, 1)
                first += f" On the day the straight line gets there, it is at about **{at_date}**."
            if fixed.reach_day is not None and not fixed.mostly_water:
                first += (
                    " Once there, the curve holds your goal, eating a little more each week up to the amount below."
                )
        rule_words = f"the 3500 rule says {rule.text}"
    running_too = " with your running while losing" if round(outlook.activity_change_kcal) else ""
    second = (
        f"**To reach your goal on time**, the model says you would need about **{eat.to_reach.text}** every day"
        f"{running_too} ({rule_words}). **To hold your goal afterwards**, about **{eat.to_hold.text}**."
    )
    if plan.days > TWO_YEARS_DAYS:
        second += f" {LONG_PLANS}"
    return f"{first}\n\n{second}"


def _rule_words(outlook: realistic.Outlook, cut: str) -> str:
    """What the 3500-rule intake is, in brackets: with a change in running, the diet cut that
    remains (and, when the extra running covers all of the gap, that it means eating more)."""
    change = round(outlook.activity_change_kcal)
    if change == 0:
        return f"what you burn now, less the 3500-rule cut of {cut}"
    if change < 0:
        return f"what you burn now, less the 3500-rule cut of {cut} and what the running you drop burns"
    above = round(outlook.rule_intake_kcal - outlook.maintenance_kcal)
    if above > 0:
        return (
            f"about **{format_kcal(above)} more** than you burn now: your extra running covers all of the "
            f"3500-rule cut of {cut}, and more"
        )
    return f"what you burn now, less what is left of the 3500-rule cut of {cut} once your extra running covers its part"


TWO_YEARS_DAYS: Final = 730
LONG_PLANS: Final = (
    "The model was checked against what people really lost over about two years (Hall and others, 2011): "
    "its figures for a longer plan are less sure."
)


def _reach_words(fig: Figures, fixed: realistic.FixedCut) -> str:
    reached, days = fixed.reach_day, fig.plan.days
    if reached is None:
        return (
            "does not reach your goal within ten years: as you get lighter you burn less, so the same cut "
            "loses less each week"
        )
    if fixed.mostly_water:
        return (
            f"gets to your goal within {format_duration(reached)}, but mostly by losing water held with stored "
            "carbohydrate, which comes back when you eat more; so the model cannot say when you would really reach it"
        )
    if reached > days:
        when = (
            f"reaches your goal only after **{format_duration(reached)}**, later than the straight line: "
            "as you get lighter you burn less, so the same cut loses less each week"
        )
    elif reached < days:
        when = (
            f"reaches your goal sooner, after **{format_duration(reached)}**: at first the body also loses water held "
            "with stored carbohydrate, and some lean tissue, so the early drop is quicker than the straight line"
        )
    else:
        when = f"reaches your goal on the same day as the straight line, after **{format_duration(reached)}**"
    return when


def intake_warning(fig: Figures) -> str | None:
    """Every amount to eat that the model's words name under the guideline diets' low end, named
    again in one warning of its own (and a goal that would need less than that to hold)."""
    eat = intakes(fig)
    if eat is None:
        return None
    parts = []
    low = eat.below_floor()
    if low:
        named = join_words([f"{intake.text} ({why})" for why, intake in low])
        parts.append(
            f"**Fewer calories than guideline diets:** this plan would mean eating {named}, less than "
            f"{low[0][1].floor_text}. {GUIDELINE_DIETS}"
        )
        if any(intake.very_low for _, intake in low):
            parts.append(VERY_LOW_DIETS)
        parts.append("Talk to a doctor before eating less than that, or choose a slower pace.")
    if eat.to_hold.below_floor:
        parts.append(
            f"**Holding this goal** would mean eating about {eat.to_hold.text}, less than even the low end of "
            "guideline weight-loss diets. Talk to a doctor or a dietitian before aiming for this goal."
        )
    return " ".join(parts) if parts else None


# --- the words for every step, for the browser --------------------------------------------------


@dataclass(frozen=True)
class StepWords:
    """The planner's words for every step of the pace control, as HTML, so the browser can show a
    step's words in the same frame as the control moves, with no server message.

    ``paragraphs`` holds each distinct block once; ``steps[i]`` lists the blocks of step ``i`` in
    order. ``kinds`` is each step's verdict, ``announce`` the short words a screen reader hears
    when the reader stops on a step, and ``cards`` the one-line plan for the top of the page.
    """

    paragraphs: tuple[str, ...]
    steps: tuple[tuple[int, ...], ...]
    kinds: tuple[PaceVerdict, ...]
    announce: tuple[str, ...]
    cards: tuple[str, ...]


def _block(kind: str, markdown: str) -> str:
    return f'<div class="rf-{kind}">{markdown_html(markdown)}</div>'


def _details(summary: str, markdowns: list[str]) -> str:
    body = "".join(markdown_html(text) for text in markdowns)
    return f'<details class="rf-more"><summary>{summary}</summary>{body}</details>'


def try_fastest(fig: Figures) -> tuple[float, str] | None:
    """For a pace faster than the article's range: the range's fastest pace, and what it changes."""
    if fig.plan.check.verdict != "faster":
        return None
    units = fig.state.units
    fastest = article_range(units)[1]
    days = days_to_goal(fig.plan.weight_kg, fig.plan.goal_kg, to_kg(fastest, units))
    later = days - fig.plan.days
    when = format_when(fig.plan.start + timedelta(days=days), fig.plan.start)
    return (
        fastest,
        f"At {format_pace(fastest, units)} you would reach your goal {when}, {format_duration(later)} later.",
    )


def words_html(fig: Figures, try_step: int | None) -> list[str]:
    """One step's words as HTML blocks, in the order the page shows them."""
    warning, goal_words = goal_check_text(fig)
    if fig.goal_check.underweight_now:
        # Not a plan to approve: the warning leads, and nothing says the pace is fine for skin.
        return [
            _block("warning", goal_words),
            _block("sentence", sentence(fig)),
            _details("Describe the chart", [summary(fig)]),
        ]
    kind, verdict_words = verdict(fig)
    blocks = [_block("sentence", sentence(fig)), _block(f"verdict rf-{kind}", verdict_words)]
    fastest = try_fastest(fig)
    if fastest is not None and try_step is not None:
        pace, what = fastest
        label = f"Try {format_pace(pace, fig.state.units)}"
        button = f'<button type="button" class="rf-try-button" data-rf-step="{try_step}">{label}</button>'
        blocks.append(f'<div class="rf-try">{button}{markdown_html(what)}</div>')
    run_words = running_text(fig)
    if run_words:
        blocks.append(_block("running", run_words))
    if warning:
        blocks.append(_block("warning", goal_words))
    more = [text for text in (gallstone_note(fig), athlete_note(fig), deficit_text(fig)) if text]
    if not warning:
        more.append(goal_words)
    blocks.append(_details("More about this pace", more))
    blocks.append(_details("Describe the chart", [summary(fig)]))
    return blocks


def _when_words(fig: Figures) -> str:
    """The goal date without "on"/"in": "Wednesday 27 January 2027", or "July 2082"."""
    return format_when(fig.plan.goal_date, fig.plan.start).partition(" ")[2]


def card_line(fig: Figures) -> str:
    """The plan in one line, for the top of the page."""
    state, plan = fig.state, fig.plan
    return (
        f"**Your plan:** {format_weight(state.weight, state.units)} → {format_weight(state.goal, state.units)} at "
        f"{format_pace(state.pace, state.units)}: {_when_words(fig)}, in "
        f"{format_duration(plan.days)}. {SHORT_VERDICTS[plan.check.verdict]}"
    )


def step_words(state: PlanState, start: date) -> StepWords | None:
    """The words for every step of the pace control (see :class:`StepWords`), or None without a plan."""
    return _step_words(_pace_key(state), state, start)


@lru_cache(maxsize=16)
def _step_words(key: tuple[object, ...], state: PlanState, start: date) -> StepWords | None:
    del key  # only the cache key: the pace and ticks of ``state`` are not used below
    paces = pace_steps(state.units)
    fastest = article_range(state.units)[1]
    try_step = paces.index(fastest) if fastest in paces else None
    index: dict[str, int] = {}
    steps, kinds, announce, cards = [], [], [], []
    for pace in paces:
        fig = figures(replace(state, typed_pace=Typed(pace, base_unit(state.units))), start, model=False)
        if fig is None:
            return None
        steps.append(tuple(index.setdefault(block, len(index)) for block in words_html(fig, try_step)))
        kind = fig.plan.check.verdict
        kinds.append(kind)
        announce.append(f"{format_pace(pace, state.units)}: {SHORT_VERDICTS[kind]}")
        cards.append(markdown_html(card_line(fig)))
    return StepWords(tuple(index), tuple(steps), tuple(kinds), tuple(announce), tuple(cards))
