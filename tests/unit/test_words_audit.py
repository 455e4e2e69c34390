"""A property-based audit of every sentence the page makes from a reader's numbers.

Thousands of random plans (any units, weights, goals, paces and heights, "About you" on and
off) and random weigh-in series (from gaining 1 lb to losing 3 lb a week, noisy, with gaps,
in kg, lb and st) go through the pure words functions, and the text that comes out is read
back as a careful editor would. What it checks, on the words as printed:

- no negative number, and no amount to eat under the guideline floor that is not named in a
  warning;
- every verdict agrees with the numbers printed beside it, and every printed range contains
  what it says it contains;
- no "X to X", "between X and X" or "0.0"-sized ranges; no four-digit week counts;
- every date has its year, a weekday only within a year (and the right one), durations and
  plurals as a person writes them, thousands separators.

The number of examples is set by ``AUDIT_PLANS`` and ``AUDIT_SERIES`` (the defaults are what
CI runs: 2,000 plans and 1,000 series).
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runners_face import charts, planner, race, weighin_chart, weighin_report
from runners_face.intake import Intake
from runners_face.model import GUIDELINE_DIET_LOW_KCAL
from runners_face.pace import article_range, days_to_goal, pace_scale, pace_steps, pace_verdict
from runners_face.planner import bmi_band
from runners_face.state import (
    ACTIVITY_VALUES,
    AGE_BOUNDS,
    HEIGHT_CM_BOUNDS,
    RACE_MAX_DAYS,
    RUN_BOUNDS,
    WEIGHT_BOUNDS,
    AboutYou,
    PlanState,
    Running,
    Typed,
    plan_state,
)
from runners_face.units import KG_PER_LB, UNITS, Unit, base_unit, to_kg
from runners_face.weighin_report import classify, printed_rate, report, summary
from runners_face.weighin_trend import trend
from runners_face.weighins import WeighIns

PLANS = int(os.environ.get("AUDIT_PLANS", "2000"))
SERIES = int(os.environ.get("AUDIT_SERIES", "1000"))
START = date(2026, 12, 2)
AUDIT = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    # The same examples on every CI run (no flaky failures); AUDIT_RANDOM=1 explores new ones.
    derandomize=not os.environ.get("AUDIT_RANDOM"),
    database=None,
)

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SHORT_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS.split("|"), start=1)}


# --- reading the words back -------------------------------------------------------------------


def number(text: str) -> float:
    return float(text.replace(",", ""))


def weight_in_base(text: str) -> float:
    """ "172 lb", "78.5 kg", "12 st 4.5 lb", "12 st" -> the number in lb or kg."""
    text = text.strip()
    if match := re.fullmatch(r"([\d,]+) st(?: ([\d.]+) lb)?", text):
        return number(match[1]) * 14 + float(match[2] or 0)
    match = re.fullmatch(r"([\d,.]+) (?:lb|kg)", text)
    assert match, f"not a weight: {text!r}"
    return number(match[1])


def duration_days(text: str) -> tuple[float, float]:
    """A printed duration as the range of days it can stand for."""
    if match := re.fullmatch(r"about ([\d.,]+) years?", text):
        years = number(match[1])
        half = 0.25 if years < 5 else 0.5
        return (years - half) * 365.25 - 1, (years + half) * 365.25 + 1
    weeks = re.search(r"(\d+) weeks?", text)
    days = re.search(r"(\d+) days?", text)
    assert weeks or days, f"not a duration: {text!r}"
    total = (int(weeks[1]) * 7 if weeks else 0) + (int(days[1]) if days else 0)
    return total, total


def check_common(text: str, today: date) -> None:
    """The rules every generated text keeps, whatever it is about."""
    assert not re.search(r"(?<![\w–-])[-−]\s?\d", text), f"a negative number: {text}"
    assert "None" not in text and "nan" not in text.lower().split() and " inf" not in text
    # "between X and X", "X to X": a range that is one value.
    assert not re.search(rf"between ([\d.,]+(?: [a-zA-Z]+)?) and \1(?![\d.,])\b(?! (?:{MONTHS}))", text), text
    assert not re.search(r"in ([^()]+?) \([^)]*\) to \1 \(", text), text
    assert "0.0 and 0.0" not in text
    # Week counts of four digits (years are written as years past two years).
    assert not re.search(r"\b\d{1,3}(,\d{3})+ weeks|\b\d{4,} weeks", text), text
    assert re.search(r"\b\d{3,} weeks", text) is None or int(re.search(r"\b(\d{3,}) weeks", text)[1]) <= 104, text
    # Plurals.
    assert not re.search(r"(?<![\d.,])1 (weeks|days|years|weigh-ins|rows)\b", text), text
    assert not re.search(r"\b(?:[02-9]|\d{2,}) (week|day|year|weigh-in|row)\b(?!s)", text), text
    assert not re.search(r"\bmores\b|no change to no change", text), text
    # Thousands separators: a bare four-digit number is a year or the name of the 3500 rule.
    for match in re.finditer(r"(?<![\d,.])(\d{4,})(?![\d,])", text):
        after, before = text[match.end() : match.end() + 16], text[max(0, match.start() - 12) : match.start()]
        is_year = 1900 <= int(match[1]) <= 2100 and re.search(rf"({MONTHS}|{SHORT_MONTHS}|\bin|,|\()\s*$", before)
        is_rule = match[1] == "3500" and re.match(r"(-calorie rule|-rule| rule)", after)
        assert is_year or is_rule, f"{match[1]} without a thousands separator: {text}"
    # Dates: every month-name date has a year (or is the first of a range that gives it once).
    dates = list(re.finditer(rf"(?:({'|'.join(WEEKDAYS)}) )?(\d{{1,2}}) ({MONTHS})(?: (\d{{4}}))?", text))
    for i, found in enumerate(dates):
        if found[4] is None:
            following = dates[i + 1] if i + 1 < len(dates) else None
            assert following is not None and following[4] is not None, f"a date without its year: {text}"
            assert following.start() - found.end() <= 6, f"a date without its year: {text}"
            continue
        day = date(int(found[4]), MONTH_NUMBER[found[3]], int(found[2]))
        if found[1]:
            assert found[1] == f"{day:%A}", f"wrong weekday: {found[0]}"
            assert abs((day - today).days) <= 365, f"a weekday more than a year ahead: {found[0]}"


def kcal_figures(text: str) -> list[tuple[int, str]]:
    """Every "N kcal a day" with what it is: an amount to eat, or a cut, a burn, a guideline."""
    found = []
    for match in re.finditer(r"\*{0,2}([\d,]+) kcal a day", text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 30]
        if re.match(r"\**\s*(less|more)\b", after):
            kind = "change"
        elif re.search(r"(cut of|cut for this pace,|burn about|diets at|1,\d00–)\s*\**$", before):
            kind = "not eaten"
        elif re.match(r" where guideline", after):
            kind = "guideline"
        else:
            kind = "intake"
        found.append((int(number(match[1])), kind))
    return found


# --- plans -----------------------------------------------------------------------------------


@st.composite
def plans(draw: st.DrawFn) -> PlanState:
    units: Unit = draw(st.sampled_from(UNITS))
    low, high = WEIGHT_BOUNDS[base_unit(units)]
    weight = round(draw(st.floats(low + 0.2, high)), 1)
    # Tiny and huge goals: from 0.1 below to the lightest the planner takes.
    gap = draw(st.one_of(st.floats(0.1, 3.0), st.floats(0.1, max(0.1, weight - low))))
    goal = max(low, round(weight - gap, 1))
    pace = draw(st.sampled_from(pace_steps(units)))
    height = draw(st.one_of(st.none(), st.floats(HEIGHT_CM_BOUNDS[0], HEIGHT_CM_BOUNDS[1]).map(lambda h: round(h))))
    about = draw(
        st.one_of(
            st.none(),
            st.builds(
                AboutYou,
                st.sampled_from(("female", "male")),
                st.integers(AGE_BOUNDS[0], AGE_BOUNDS[1]),
                st.sampled_from(ACTIVITY_VALUES),
            ),
            # "About you" on with some details not given yet: nothing is filled in for the reader.
            st.builds(
                AboutYou,
                st.none() | st.sampled_from(("female", "male")),
                st.none() | st.integers(AGE_BOUNDS[0], AGE_BOUNDS[1]),
                st.none() | st.sampled_from(ACTIVITY_VALUES),
            ),
        )
    )
    unit = "km" if base_unit(units) == "kg" else "mi"
    distances = st.integers(0, int(RUN_BOUNDS[unit][1])).map(lambda d: Typed(float(d), unit))
    # Running off, the same as now, or a change either way (including none now, or none while losing).
    running = draw(st.none() | st.builds(Running, distances, st.none() | distances))
    return replace(plan_state(units, weight, goal, pace, about, (), height), running=running)


def planner_texts(fig: planner.Figures) -> dict[str, str]:
    _, verdict_words = planner.verdict(fig)
    texts = {
        "sentence": planner.sentence(fig),
        "verdict": verdict_words,
        "deficit": planner.deficit_text(fig),
        "goal": planner.goal_check_text(fig)[1],
        "summary": planner.summary(fig),
        "athlete": planner.athlete_note(fig) or "",
        "limit": planner.limit_text(fig) or "",
        "model": planner.model_text(fig) or "",
        "warning": planner.intake_warning(fig) or "",
        "height": planner.about_needs(fig.state) or "",
        "running": planner.running_text(fig) or "",
    }
    return texts


@settings(AUDIT, max_examples=PLANS)
@given(plans())
def test_every_plan_says_only_safe_true_and_well_written_things(state: PlanState) -> None:
    fig = planner.figures(state, START)
    if fig is None:
        return
    texts = planner_texts(fig)
    for text in texts.values():
        check_common(text, START)
    units = state.units
    unit = base_unit(units)

    # The pace verdict agrees with the pace and the range as printed.
    sentence = texts["sentence"]
    pace = number(re.search(r"At \*\*([\d.]+) (?:lb|kg) a week\*\*", sentence)[1])  # type: ignore[index]
    printed_range = re.search(r"the 1–2 lb(?: \(([\d.]+)–([\d.]+) kg\))? a week the article advises", sentence)
    assert printed_range, sentence
    slow, fast = (float(printed_range[1]), float(printed_range[2])) if unit == "kg" else (1.0, 2.0)
    expected = "faster" if pace > fast else "slower" if pace < slow else "recommended"
    word = {"faster": "faster than", "slower": "slower than", "recommended": "inside"}[expected]
    assert f": {word} the 1–2 lb" in sentence and pace_verdict(pace, units) == expected == fig.plan.check.verdict

    # The range's durations hold the plan's as the verdict says.
    plan_low, plan_high = duration_days(re.search(r"after \*\*(.+?)\*\*", sentence)[1])  # type: ignore[index]
    span = re.search(r"get there in (.+?) \(([\d.]+) \w+ a week\) to (.+?) \(([\d.]+) \w+ a week\)\.", texts["summary"])
    if span:
        fast_low, fast_high = duration_days(span[1])
        slow_low, slow_high = duration_days(span[3])
        assert span[1] != span[3]
        if expected == "recommended":
            assert fast_low <= plan_high and plan_low <= slow_high, (sentence, texts["summary"])
        elif expected == "faster":
            assert plan_low <= fast_high, (sentence, texts["summary"])
        else:
            assert plan_high >= slow_low, (sentence, texts["summary"])
    else:
        assert "At any pace inside the article's range you would get there in" in texts["summary"]

    # BMI: the band word agrees with the printed BMI, and the printed band holds the goal exactly
    # when it is called inside.
    goal_words = texts["goal"]
    goal = state.goal
    if match := re.search(r"a body-mass index \(BMI\) of ([\d.]+), (inside|above) the 18\.5–24\.9 range", goal_words):
        bmi = float(match[1])
        assert bmi_band(bmi) == match[2]
        low, high = re.search(r"\(([^()]+?) to ([^()]+?) for your height\)", goal_words).groups()  # type: ignore[union-attr]
        inside = weight_in_base(low) <= goal <= weight_in_base(high)
        assert inside == (match[2] == "inside"), goal_words
    elif match := re.search(r"your goal is a body-mass index \(BMI\) of ([\d.]+)[;.]", goal_words):
        assert bmi_band(float(match[1])) == "below"
        assert ("severe thinness" in goal_words) == (float(match[1]) < 16), goal_words
        start = re.search(r"starts at about (.+?) \(a BMI of 18\.5\)", goal_words)[1]  # type: ignore[index]
        assert goal < weight_in_base(start), goal_words
    elif "already below the healthy range" in goal_words:
        assert bmi_band(float(re.search(r"\(BMI\) of ([\d.]+)", goal_words)[1])) == "below"  # type: ignore[index]
    else:
        assert state.height is None and "cannot check without your height" in goal_words

    # Nothing from a value the reader did not give.
    if state.about is not None and (state.about.missing or state.height is None):
        assert fig.outlook is None and not texts["model"] and "The realistic curve needs" in texts["height"]
    if state.height is None:
        assert "BMI" not in " ".join(texts.values())
        assert not texts["model"] and fig.outlook is None
    # Amounts to eat: none negative, and none under the floor without a warning that names it.
    if fig.person is not None:
        floor = GUIDELINE_DIET_LOW_KCAL[fig.person.sex]
        for name in ("model", "warning"):
            for kcal, kind in kcal_figures(texts[name]):
                assert kcal > 0
                if kind == "intake" and kcal < floor:
                    assert f"{kcal:,} kcal a day" in texts["warning"], (texts["model"], texts["warning"])
        eat = planner.intakes(fig)
        if eat is not None:
            for intake in (eat.rule, eat.to_reach, eat.to_hold):
                if isinstance(intake, Intake) and intake.below_floor:
                    assert intake.text in texts["warning"]
    else:
        assert not texts["warning"]
    # The reader's running: the printed sums add up, a diet cut is never printed as zero or less,
    # and running that covers more than the gap says in words that it means eating more than now.
    check_running(fig, texts["running"])
    # Claims in the page's voice carry their source and grade.
    if "gentler on skin" in texts["verdict"] or "time to adjust" in texts["verdict"]:
        assert "(evidence: none)" in texts["verdict"]
    if "gallstones" in texts["verdict"]:
        assert "Weinsier" in texts["verdict"] and "evidence: limited" in texts["verdict"]


def check_running(fig: planner.Figures, text: str) -> None:
    distances = fig.state.run_distances
    if distances is None:
        assert not text
        return
    now, planned = distances
    gap = number(re.search(r"gap of about \*\*([\d,]+) kcal a day\*\*", text)[1])  # type: ignore[index]
    assert gap == round(fig.plan.daily_deficit_kcal)
    if now > 0:
        week = number(re.search(r"burns about \*\*([\d,]+) kcal a week\*\*", text)[1])  # type: ignore[index]
        assert week % 10 == 0 and abs(week - fig.plan.weight_kg * running_km(fig)[0]) <= 5
    if now == planned:
        assert "comes from eating less" in text and "diet cut" not in text and "Exercise rarely" not in text
        return
    assert "Exercise rarely gives all of this" in text and "Thomas and others, 2012; evidence: moderate" in text
    change = re.search(r"(gives|burns) (?:about ([\d,]+)|under 10) kcal a day", text)
    assert change, text
    change_kcal = number(change[2]) if change[2] else 0
    cut = re.search(r"the diet cut (?:is|grows to) about \*\*([\d,]+) kcal a day\*\*", text)
    more = re.search(r"eat about \*\*([\d,]+) kcal a day more\*\* than you do now", text)
    if planned < now:
        assert change[1] == "burns" and cut and number(cut[1]) == gap + change_kcal, text
    elif change_kcal < gap:
        assert cut and number(cut[1]) == gap - change_kcal > 0, text
    elif change_kcal == gap:
        assert not cut and "you need no diet cut at all" in text, text
    else:
        assert not cut and more and number(more[1]) == change_kcal - gap, text
        assert "more than the whole gap" in text
    # At the same diet, the goal date moves the right way.
    moved = re.search(r"your goal (?:on|in) .+?, (.+?) (sooner|later)\.", text)
    if moved:
        assert moved[2] == ("sooner" if planned > now else "later"), text
    else:
        assert "the same day" in text or "you would not lose weight" in text, text


def running_km(fig: planner.Figures) -> tuple[float, float]:
    km = fig.state.run_km
    assert km is not None
    return km


@settings(AUDIT, max_examples=max(25, PLANS // 20))
@given(plans())
def test_the_realistic_curve_and_its_words_agree(state: PlanState) -> None:
    fig = planner.figures(state, START)
    if fig is None:
        return
    data = planner.chart_data(state, START)
    step = planner.current_step(state)
    drawn = data is not None and bool(((data.frame["step"] == step) & (data.frame["series"] == charts.MODEL)).any())
    fixed, words = planner.realistic_fixed(fig), planner.model_text(fig) or ""
    # The curve is drawn exactly where the words have one: not where the figures are "not
    # available", not where the drop would be mostly water, not for a very low intake.
    assert drawn == (fixed is not None), (drawn, planner.limit_text(fig), words)
    if fig.goal_check.underweight_now:
        # Already underweight: the page makes no plan to eat less, and approves nothing.
        assert not words and not planner.intake_warning(fig)
        assert "Inside the article's range" not in " ".join(planner.words_html(fig, None))
    if words and fig.outlook is not None and fig.outlook.fixed is not None and fig.outlook.fixed.mostly_water:
        assert "reaches your goal" not in words and "mostly by losing water" in words
        assert "mostly water" in planner.summary(fig) and "holds it" not in planner.summary(fig)
    if fixed is None:
        return
    curve, goal = fixed.weights_kg, fig.plan.goal_kg
    if fixed.reach_day is None:
        assert "does not reach your goal within ten years" in words
        assert min(curve) > goal
        return
    # Once it reaches the goal, the curve holds it: it never falls on below it.
    assert min(curve) == goal and all(weight == goal for weight in curve[fixed.reach_day :])
    said = re.search(
        r"reaches your goal (?:sooner, |only |on the same day as the straight line, )?after \*\*(.+?)\*\*", words
    )
    assert said, words
    low, high = duration_days(said[1])
    assert low <= fixed.reach_day <= high


@settings(AUDIT, max_examples=max(20, PLANS // 50))
@given(plans())
def test_the_pace_controls_words_for_every_step_are_well_written(state: PlanState) -> None:
    data = planner.chart_data(state, START)
    if data is None:
        return
    for words in (*data.step_goals, *data.step_spoken):
        check_common(words, START)
    for step, pace in enumerate(pace_steps(state.units)):
        days = days_to_goal(to_kg(state.weight, state.units), to_kg(state.goal, state.units), to_kg(pace, state.units))
        label = charts.goal_label(START, days)
        assert data.step_marks[step] == label.date_text + label.duration_text
        check_common(label.date_text, START)
        check_common(label.duration_text, START)


# --- race day ----------------------------------------------------------------------------------


def printed_dates(text: str) -> list[date]:
    """Every date with a month name and a year in ``text``."""
    found = re.finditer(rf"(\d{{1,2}}) ({MONTHS}) (\d{{4}})", text)
    return [date(int(match[3]), MONTH_NUMBER[match[2]], int(match[1])) for match in found]


@settings(AUDIT, max_examples=max(50, PLANS // 4))
@given(plans(), st.integers(1, RACE_MAX_DAYS))
def test_every_race_day_says_only_safe_true_and_well_written_things(state: PlanState, days: int) -> None:
    """Race day from tomorrow to two years ahead, in every unit, for tiny and huge goals: the
    printed pace reaches the goal by race day and is the slowest step that does, its verdict
    agrees with it, no date is in the past, and no amount to eat is negative or under the floor
    without a warning."""
    day = START + timedelta(days=days)
    state = state.with_race(day)
    check = race.race_check(state, START)
    if state.goal >= state.weight:
        assert check is None
        return
    assert check is not None
    units, unit = state.units, base_unit(state.units)
    text = race.race_text(check)
    lines = [race.step_text(check, pace) for pace in pace_steps(units)]
    for words in (text, *lines):
        check_common(words, START)
        # No date in the past, and none before today.
        assert all(found >= START for found in printed_dates(words)), words
    assert printed_dates(text)[0] == day

    # The printed pace reaches the goal by race day, and is the slowest step that does.
    needed = re.search(
        r"you need about \*\*([\d.,]+) (?:lb|kg) a week\*\*: (\*\*)?(inside|faster than|slower than) ", text
    )
    assert needed, text
    pace = number(needed[1])
    weight_kg, goal_kg = to_kg(state.weight, units), to_kg(state.goal, units)
    assert days_to_goal(weight_kg, goal_kg, to_kg(pace, units)) <= days
    scale = pace_scale(units)
    slower = round(pace - scale.step, 2)
    assert pace == scale.minimum or days_to_goal(weight_kg, goal_kg, to_kg(slower, units)) > days
    # Its verdict agrees with the printed pace and the range as printed.
    printed_range = re.search(r"the 1–2 lb(?: \(([\d.]+)–([\d.]+) kg\))? a week the article advises", text)
    assert printed_range, text
    low, high = (float(printed_range[1]), float(printed_range[2])) if unit == "kg" else (1.0, 2.0)
    expected = "faster than" if pace > high else "slower than" if pace < low else "inside"
    assert needed[3] == expected, text
    assert {"faster than": "faster", "slower than": "slower", "inside": "recommended"}[expected] == check.verdict
    if expected == "faster than":
        # The nearest date inside the range is the one at its fastest pace, after race day.
        nearest = re.search(
            r"The nearest date inside the range: at ([\d.]+) (?:lb|kg) a week.*? \*\*(on|in) (.+?)\*\*, (.+?)\.(?: |$)",
            text,
        )
        assert nearest and float(nearest[1]) == high, text
        at_high = START + timedelta(days=days_to_goal(weight_kg, goal_kg, to_kg(high, units)))
        if nearest[2] == "on":
            assert printed_dates(nearest[3]) == [at_high], text
        else:
            assert nearest[3] == f"{at_high:%B %Y}" and (at_high - START).days > 730, text
        assert at_high > day and nearest[4].endswith("after race day"), text
    # The button's pace is the needed one, or the control's fastest (said in words).
    assert check.use == min(pace, scale.maximum)
    assert ("The pace control goes up to" in text) == (pace > scale.maximum)
    # Each step's line calls a step too late exactly when its goal day is after race day.
    for step, words in zip(pace_steps(units), lines, strict=True):
        late = days_to_goal(weight_kg, goal_kg, to_kg(step, units)) > days
        assert (words.endswith("after race day: too late.")) == late, words

    # Amounts to eat: with "About you", none negative and none under the floor unwarned.
    eat = race.race_intake(state, check)
    person = planner.person_for(state)
    if person is None:
        assert eat is None
        return
    if eat is None:
        assert planner.goal_check(state).underweight_now
        return
    warning, words = race.race_intake_text(eat)
    check_common(words, START)
    floor = GUIDELINE_DIET_LOW_KCAL[person.sex]
    for kcal, kind in kcal_figures(words):
        assert kcal > 0
        if kind == "intake" and kcal < floor:
            assert warning and f"less than the {floor:,} kcal a day" in words, words


# --- weigh-in series -------------------------------------------------------------------------


@st.composite
def series(draw: st.DrawFn) -> tuple[WeighIns, Unit, float, date]:
    unit: Unit = draw(st.sampled_from(UNITS))
    loss_lb = draw(st.floats(-1.0, 3.0))
    start_lb = draw(st.floats(100, 350))
    noise_lb = draw(st.sampled_from((0.0, 0.3, 0.8, 1.5, 2.5)))
    days = draw(st.integers(5, 70))
    keep = draw(st.floats(0.3, 1.0))
    # Weigh-ins that end today, a few days ago, or long ago (up to two years).
    first = START - timedelta(days=days - 1 + draw(st.one_of(st.integers(0, 30), st.integers(0, 730))))
    rng = random.Random(draw(st.integers(0, 2**32)))  # realistic noise (Hypothesis' randoms can be extreme)
    readings = []
    for day in range(days):
        if day in (0, days - 1) or rng.random() < keep:
            lb = start_lb - loss_lb * day / 7 + rng.gauss(0, noise_lb)
            readings.append((first + timedelta(days=day), round(lb * KG_PER_LB, 2)))
    goal_kg = (start_lb - draw(st.floats(-20, 120))) * KG_PER_LB
    return WeighIns(tuple(readings), unit), unit, max(30.0, goal_kg), START


@settings(AUDIT, max_examples=SERIES)
@given(series())
def test_every_weigh_in_series_gets_a_verdict_that_agrees_with_its_numbers(
    case: tuple[WeighIns, Unit, float, date],
) -> None:
    weighins, unit, goal_kg, today = case
    result = trend(weighins)
    said = report(result, unit, goal_kg, today)
    text = said.markdown
    chart_words = summary(weighins, result, unit, chart_days=weighin_chart.CHART_DAYS)
    for words in (text, chart_words):
        check_common(words, today)
    rate = printed_rate(result, unit)
    if rate is None:
        assert said.verdict == "too_few" and "Too few weigh-ins" in text
        return
    slow, fast = article_range(unit)

    pattern = r"\*\*(losing|gaining) about ([\d.]+) (lb|kg) a week\*\*(?: \(likely between ([\d.]+) and ([\d.]+))?"
    if match := re.search(pattern, text):
        size = float(match[2])
        low, high = (float(match[4]), float(match[5])) if match[4] else (size, size)
        assert low <= size <= high, text  # the printed range holds the printed estimate
        assert match[3] == base_unit(unit)
        loss, lows, highs = (size, low, high) if match[1] == "losing" else (-size, -high, -low)
        assert (loss, lows, highs) == (rate.loss, rate.low, rate.high)
        if match[1] == "gaining":
            assert said.verdict == "gaining" and highs < 0
        else:
            assert lows > 0  # a loss is only called a loss when its whole printed range is one
            if lows > fast:
                assert said.verdict == "faster" and "likely faster" in text
            elif highs < slow:
                assert said.verdict == "slower" and "slower than" in text
            elif lows >= slow and highs <= fast:
                assert said.verdict == "inside" and "inside the" in text
            elif lows < slow and highs > fast:
                assert said.verdict == "unclear"
            else:
                assert said.verdict in ("maybe_faster", "maybe_slower")
    elif said.verdict == "level":
        assert "**Your weight is about level.**" in text
        level = 0.1 if base_unit(unit) == "kg" else 0.2
        assert -level - 1e-9 <= rate.low <= rate.high <= level + 1e-9
    else:
        assert said.verdict == "no_direction" and "No clear direction yet" in text
        assert rate.low <= 0 <= rate.high
    # A gain, a level weight or no clear direction is never called slow.
    if said.verdict in ("gaining", "no_direction", "level"):
        assert "slower" not in text and "takes longer" not in text
    # A real pace over the gallstone threshold the page cites gets the warning, with its source.
    low_kg_a_week = rate.low if base_unit(unit) == "kg" else rate.low * KG_PER_LB
    assert ("gallstones" in text) == (low_kg_a_week > 1.5), text
    if low_kg_a_week > 1.5:
        assert said.kind == "warning" and "Weinsier" in text and "talk to a doctor" in text.lower()
    # Old weigh-ins say how old they are and forecast nothing; no forecast is of a date before today.
    last = weighins.days[-1]
    if (today - last).days > 14:
        assert f"{(today - last).days:,} days ago" in text and "around **" not in text
    for found in re.finditer(rf"(\d{{1,2}}) ({MONTHS}) (\d{{4}})", said.paragraphs[-1]):
        if "around" in said.paragraphs[-1] or "likely" in said.paragraphs[-1]:
            day = date(int(found[3]), MONTH_NUMBER[found[2]], int(found[1]))
            assert day >= today or "end on" in said.paragraphs[-1], said.paragraphs[-1]
    assert classify(rate) == said.verdict
    # The calorie figure is the printed rate's, by the 3500 rule.
    if kcal := re.search(r"about \*\*([\d,]+) kcal a day (less|more)\*\*", text):
        lb_a_week = abs(rate.loss) if base_unit(unit) == "lb" else abs(rate.loss) / KG_PER_LB
        assert number(kcal[1]) == round(lb_a_week * 500)
    # The chart summary's pace line is the same rate, and its word agrees with it.
    falling = re.search(r": down ([\d.]+) \w+ a week, (steeper than|inside|less steep than) the band", chart_words)
    rising = re.search(r": (?:up ([\d.]+) \w+ a week|level), while the band .* falls", chart_words)
    assert bool(falling) == (rate.loss > 0) and bool(rising) == (rate.loss <= 0), chart_words
    if falling:
        assert float(falling[1]) == rate.loss
        word = "steeper than" if rate.loss > fast else "inside" if rate.loss >= slow else "less steep than"
        assert falling[2] == word
    elif rising and rising[1]:
        assert float(rising[1]) == -rate.loss
    # The chart's pace line ends where its dashed line ahead starts, and its goal label is the words'.
    frame = weighin_chart.weighin_frame(weighins, result, unit, goal_kg, today=today)
    pace = frame[frame["series"] == weighin_chart.PACE].sort_values("date")
    ahead = frame[frame["series"] == weighin_chart.AHEAD].sort_values("date")
    if not ahead.empty:
        assert pace["weight"].iloc[-1] == ahead["weight"].iloc[0]
    labels = frame[frame["series"].isin([weighin_chart.GOAL, weighin_chart.GOAL_LABEL])]["label"].tolist()
    goal_words = said.paragraphs[-1]
    if "more than a year away" in goal_words:
        assert all("more than a year" in label for label in labels)
    elif match := re.search(rf"around \*\*(?:\w+day )?(\d{{1,2}}) ({MONTHS}) (\d{{4}})\*\*", goal_words):
        assert labels and labels[0].startswith(f"Goal {match[1]} {match[2][:3]} {match[3]}"), (labels, goal_words)
    else:
        assert not labels


@settings(AUDIT, max_examples=SERIES)
@given(series())
def test_a_pace_outside_the_range_says_the_calorie_change_that_brings_it_in_and_the_plan_buttons_agree(
    case: tuple[WeighIns, Unit, float, date],
) -> None:
    weighins, unit, goal_kg, today = case
    result = trend(weighins)
    said = report(result, unit, goal_kg, today)
    rate = printed_rate(result, unit)
    change = re.search(
        r"Eating roughly \*\*([\d,]+) kcal a day (more|less)\*\* than now would bring your pace to about "
        r"([\d.]+) (lb|kg) a week, the (top|bottom) of the article's range\.",
        said.markdown,
    )
    assert bool(change) == (said.verdict in ("faster", "slower")), said.markdown
    if change and rate is not None:
        slow, fast = article_range(unit)
        edge = fast if said.verdict == "faster" else slow
        assert (change[2], change[5]) == (("more", "top") if said.verdict == "faster" else ("less", "bottom"))
        assert float(change[3]) == edge and change[4] == base_unit(unit)
        gap = abs(rate.loss - edge) if base_unit(unit) == "lb" else abs(rate.loss - edge) / KG_PER_LB
        assert number(change[1]) == round(gap * 500)
        assert 0 < number(change[1]) <= 500 or said.verdict == "faster"  # a cut is never more than 500 kcal
    if rate is None:
        return
    weight = weighin_report.trend_weight(result, unit, today)
    pace = weighin_report.plan_pace(rate)
    texts = [weighin_report.use_pace_label(rate)]
    if weight is not None:
        low, high = WEIGHT_BOUNDS[base_unit(unit)]
        assert low <= weight <= high
        texts += [weighin_report.use_weight_label(weight, unit), weighin_report.used_weight_words(weight, unit)]
    if pace is not None:
        assert rate.loss > 0 and pace in pace_steps(unit)  # only a loss is planned, on the control's steps
        used = weighin_report.used_pace_words(rate, pace)
        texts.append(used)
        assert ("faster than the planner goes" in used) == (rate.loss > max(pace_steps(unit)))
        assert ("slower than the planner goes" in used) == (rate.loss < min(pace_steps(unit)))
    for text in texts:
        check_common(text, today)


@settings(AUDIT, max_examples=300)
@given(st.sampled_from(("session", "local")), st.integers(0, 25_000), st.integers(0, 24_000))
def test_the_words_about_where_weigh_ins_are_kept_are_well_written(where: str, count: int, dropped: int) -> None:
    text = weighin_report.kept_words(where, count, dropped)  # type: ignore[arg-type]
    check_common(text, START)
    assert "not on our server" in text
    assert ("this browser tab" in text) == (where == "session")
    assert (f"{dropped:,} older ones are not" in text) == (dropped > 0 and count > 0)
