"""Race day: the target-date mode. "Reach 165 lb by my race on 12 April": the weekly pace that
gets there, whether it is inside the article's range, the nearest date inside the range when it
is not, and (with "About you") what the body-weight model says to eat to get there on time.

Pure (no Streamlit, no clock: the caller passes today's date). Every figure is on the planner's
own terms: the pace is on the pace control's steps, rounded *up* to the first step that still
reaches the goal by race day (by :func:`runners_face.pace.days_to_goal`, the same count of days
as the plan's own goal date), and the verdict is the article's range checked on that printed
pace (:func:`runners_face.pace.pace_verdict`), so the words can never print one pace and judge
another. Every amount to eat goes through :mod:`runners_face.intake`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Final

from runners_face import planner, realistic
from runners_face.intake import GUIDELINE_DIETS, RULE_3500, VERY_LOW_DIETS, Intake
from runners_face.model import Person, activity_change_kcal, intake_to_reach
from runners_face.pace import (
    PaceVerdict,
    article_range,
    daily_deficit_kcal,
    days_to_goal,
    pace_scale,
    pace_steps,
    pace_verdict,
    range_words,
    step_index,
)
from runners_face.state import PlanState
from runners_face.units import Unit, format_pace, format_weight, to_kg
from runners_face.wording import format_date, format_duration, format_kcal, format_when, markdown_html


@dataclass(frozen=True)
class RaceCheck:
    """A plan to race day. Weights and paces are in the base unit of ``units`` (pounds for stones)."""

    units: Unit
    start: date
    race: date
    weight: float
    goal: float
    needed: float
    """The weekly pace that reaches the goal by race day: the slowest on the pace control's grid
    of steps that does (it may be past the control's fastest step)."""
    verdict: PaceVerdict
    """:attr:`needed` against the article's range, as the page prints both."""

    @property
    def days(self) -> int:
        """Days from today to race day (1 or more)."""
        return (self.race - self.start).days

    @property
    def use(self) -> float:
        """The pace "Use this pace" sets: :attr:`needed`, or the control's fastest step if it is
        faster than that."""
        return min(self.needed, pace_scale(self.units).maximum)

    @property
    def clamped(self) -> bool:
        return self.use < self.needed

    def reach_day(self, pace: float) -> date:
        """The day the straight line at ``pace`` (base unit a week) reaches the goal."""
        units = self.units
        return self.start + timedelta(
            days=days_to_goal(to_kg(self.weight, units), to_kg(self.goal, units), to_kg(pace, units))
        )

    @property
    def range_day(self) -> date:
        """The nearest goal date inside the article's range: the date at its fastest pace."""
        return self.reach_day(article_range(self.units)[1])


def _on_time(weight_kg: float, goal_kg: float, pace: float, units: Unit, days: int) -> bool:
    return days_to_goal(weight_kg, goal_kg, to_kg(pace, units)) <= days


def needed_pace(weight: float, goal: float, days: int, units: Unit) -> float:
    """The slowest pace on the control's grid of steps (extended past its fastest step) that
    reaches ``goal`` from ``weight`` (base unit) within ``days`` days."""
    scale = pace_scale(units)
    weight_kg, goal_kg = to_kg(weight, units), to_kg(goal, units)

    def grid(index: int) -> float:
        return round(scale.minimum + index * scale.step, 2)

    exact = (weight - goal) / days * 7
    index = max(0, math.ceil((exact - scale.minimum) / scale.step - 1e-9))
    while not _on_time(weight_kg, goal_kg, grid(index), units, days):
        index += 1
    while index > 0 and _on_time(weight_kg, goal_kg, grid(index - 1), units, days):
        index -= 1
    return grid(index)


def race_check(state: PlanState, start: date) -> RaceCheck | None:
    """The race-day figures, or None without race day, without a loss to plan, or when race day
    is not after ``start`` (a session that outlived it)."""
    race = state.race
    if race is None or state.blank or race <= start or state.goal >= state.weight:
        return None
    units = state.units
    days = (race - start).days
    needed = needed_pace(state.weight, state.goal, days, units)
    return RaceCheck(units, start, race, state.weight, state.goal, needed, pace_verdict(needed, units))


def _day(check: RaceCheck, day: date) -> str:
    return format_date(day, check.start)


def _when(check: RaceCheck, day: date) -> str:
    """ "on Sunday 24 January 2027", or past two years from today "in March 2029"."""
    return format_when(day, check.start)


def _gap(check: RaceCheck, day: date) -> str:
    """How far ``day`` is from race day, in words: "3 weeks after race day", "on race day"."""
    diff = (day - check.race).days
    if diff == 0:
        return "on race day"
    return f"{format_duration(abs(diff))} {'after' if diff > 0 else 'before'} race day"


def race_text(check: RaceCheck) -> str:
    """The race-day words: the pace needed, its verdict, and the nearest date inside the range."""
    units = check.units
    goal = format_weight(check.goal, units)
    needed = format_pace(check.needed, units)
    need = f"you need about **{needed}**"
    head = (
        f"**Race day: {_day(check, check.race)}**, in {format_duration(check.days)}. To reach **{goal}** by then {need}"
    )
    fastest = article_range(units)[1]
    if check.verdict == "faster":
        text = (
            f"{head}: **faster than the {range_words(units)} the article advises.** The nearest date inside the "
            f"range: at {format_pace(fastest, units)}, the fastest it advises, you would reach {goal} "
            f"**{_when(check, check.range_day)}**, {_gap(check, check.range_day)}."
        )
        if check.clamped:
            arrive = check.reach_day(check.use)
            text += (
                f" The pace control goes up to {format_pace(check.use, units)}, so that is what the button sets: "
                f"it reaches {goal} {_when(check, arrive)}, {_gap(check, arrive)}."
            )
    elif check.verdict == "slower":
        slow = article_range(units)[0]
        text = (
            f"{head}: slower than the {range_words(units)} the article advises. That is fine. You can also choose a "
            f"faster pace inside the range: at {format_pace(slow, units)} you would reach {goal} "
            f"{_when(check, check.reach_day(slow))}, {_gap(check, check.reach_day(slow))}."
        )
    else:
        text = f"{head}: inside the {range_words(units)} the article advises."
    if not check.clamped:
        arrive = check.reach_day(check.needed)
        text += f" At {needed} you would reach it {_when(check, arrive)}, {_gap(check, arrive)}."
    gap = daily_deficit_kcal(to_kg(check.use, units))
    text += (
        f"\n\n{RULE_3500} So {format_pace(check.use, units)} means a gap of about **{format_kcal(gap)}** between "
        "what you eat and what you burn."
    )
    return text


def step_text(check: RaceCheck, pace: float) -> str:
    """One pace control step against race day: "At 1 lb a week you reach 165 lb on ..., 2 weeks
    after race day." """
    arrive = check.reach_day(pace)
    late = arrive > check.race
    return (
        f"At your pace of {format_pace(pace, check.units)} you reach {format_weight(check.goal, check.units)} "
        f"{_when(check, arrive)}, {_gap(check, arrive)}{': too late' if late else ''}."
    )


# --- with "About you": what the model says to eat to get there by race day ---------------------


@lru_cache(maxsize=128)
def _model_intake(person: Person, goal_kg: float, days: int) -> float | realistic.Limit:
    why = realistic.limit(person, goal_kg, days)
    if why is not None:
        return why
    try:
        return intake_to_reach(person, goal_kg, days)
    except ValueError:
        return "too_fast"


@dataclass(frozen=True)
class RaceIntake:
    """The model's intake to reach the goal by race day, through the safety layer; or why there is none."""

    intake: Intake | None
    limit: realistic.Limit | None
    running: bool


def race_intake(state: PlanState, check: RaceCheck) -> RaceIntake | None:
    """With every detail "About you" needs: the intake to reach the goal on race day. None
    without them, or for a reader whose weight is already below the healthy range (this planner
    is not for losing more, and it names no amount to eat for them)."""
    person = planner.person_for(state)
    if person is None or planner.goal_check(state).underweight_now:
        return None
    result = _model_intake(person, to_kg(check.goal, check.units), check.days)
    running = round(activity_change_kcal(person)) != 0
    if isinstance(result, str):
        return RaceIntake(None, result, running)
    return RaceIntake(Intake(result, person.sex), None, running)


RACE_LIMIT_WORDS: Final[dict[str, str]] = {
    "too_long": "race day is further away than the body-weight model runs.",
    "too_fast": "the body-weight model cannot reach your goal by race day, even eating nothing. Choose a nearer goal.",
    "goal_too_low": "the goal is too far below your weight for the body-weight model. Choose a nearer goal.",
}


def race_intake_text(eat: RaceIntake) -> tuple[bool, str]:
    """(is it a warning, the words) for the model's intake to reach the goal by race day."""
    if eat.limit is not None:
        return False, f"**The realistic figures are not available for race day:** {RACE_LIMIT_WORDS[eat.limit]}"
    intake = eat.intake
    assert intake is not None
    if not intake.possible:
        return True, (
            "**To reach your goal by race day**, the body-weight model says you would have to eat next to nothing: "
            "that is not a plan to follow. Choose a nearer goal for race day."
        )
    running = " with your running while losing" if eat.running else ""
    text = (
        f"**To reach your goal by race day**, the body-weight model says you would need about **{intake.text}** "
        f"every day{running}."
    )
    if not intake.below_floor:
        return False, text
    text += f" **That is {intake.below_words}.** {GUIDELINE_DIETS}"
    if intake.very_low:
        text += f" {VERY_LOW_DIETS}"
    return True, text + " Talk to a doctor before eating less than that, or choose a nearer goal for race day."


# --- as HTML, for the words component --------------------------------------------------------------


@dataclass(frozen=True)
class RaceWords:
    """The race-day block as HTML, and one line per pace control step (how that step does
    against race day), for the words component."""

    html: str
    step_lines: tuple[str, ...]


def race_words(state: PlanState, start: date) -> RaceWords | None:
    check = race_check(state, start)
    if check is None:
        return None
    units = check.units
    index = step_index(check.use, units)
    button = (
        f'<button type="button" class="rf-try-button" data-rf-step="{index}">'
        f"Use this pace ({format_pace(check.use, units)})</button>"
    )
    html = f'<div class="rf-race-text">{markdown_html(race_text(check))}</div><div class="rf-try">{button}</div>'
    eat = race_intake(state, check)
    if eat is not None:
        warning, words = race_intake_text(eat)
        html += f'<div class="rf-warning">{markdown_html(words)}</div>' if warning else markdown_html(words)
    lines = tuple(
        f'<p class="rf-small">{markdown_html(step_text(check, pace))[3:-4]}</p>' for pace in pace_steps(units)
    )
    return RaceWords(html, lines)
