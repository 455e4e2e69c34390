"""Every sentence and figure of "Check your real pace": pure (no Streamlit), so the words can be
tested over the whole input space, as the planner's are.

**One rate.** The reader's pace is the slope of the straight line fitted to the weigh-ins of the
last four weeks (:func:`runners_face.weighin_trend.trend`). The verdict, the calorie figure, the goal
date, the chart's solid "your pace" line and its dashed line ahead, and the chart summary all
use that one rate. The smoothed (Hacker's Diet) trend is drawn as what it is, a smoothed line
that lags behind the weigh-ins, and no figure is read off it.

**Verdicts from what is printed.** The rate and its 90 % range are rounded as the page prints
them (0.1 lb, or 0.01 kg), and the verdict compares those printed numbers with the article's
range as the page writes it in the reader's units (1–2 lb, or 0.45–0.9 kg), so a verdict
can never disagree with the numbers beside it. A range that includes zero says the direction is
not clear yet; a gain is never called a slow loss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

import pandas as pd

from runners_face.intake import RULE_3500
from runners_face.pace import article_range, daily_deficit_kcal, pace_scale, range_words, snap_pace
from runners_face.planner import GALLSTONE_FINDING, SLOWER_UNTESTED
from runners_face.state import clamp_weight
from runners_face.units import KG_PER_LB, Unit, base_unit, format_pace, format_weight, from_kg, to_kg
from runners_face.weighin_storage import MAX_STORED_ROWS, BrowserProblem, Restored, StoreProblem, Where
from runners_face.weighin_trend import WEIGH_INS_NEEDED, Trend, days_to_weight
from runners_face.weighins import WeighInError, WeighIns
from runners_face.wording import (
    format_date,
    format_date_list,
    format_date_range,
    format_duration,
    format_kcal,
    format_short_date,
    plural,
)

TrendVerdict = Literal[
    "too_few",
    "level",
    "gaining",
    "no_direction",
    "faster",
    "maybe_faster",
    "inside",
    "maybe_slower",
    "slower",
    "unclear",
]
"""What the weigh-ins say about the reader's real pace, from the rate and its range as printed
(see :func:`classify`). (A planned pace against the article's range is
:data:`runners_face.pace.PaceVerdict`.)"""
AlertKind = Literal["info", "success", "warning"]

STEPS: Final[dict[str, float]] = {"lb": 0.1, "kg": 0.05}
"""How finely a weekly rate is printed in each base unit: to 0.1 lb, or to 0.05 kg (about 0.1 lb,
and the planner's own steps), so that 2 lb a week (0.907 kg) prints as 0.9 kg, inside the range
in both units."""
DECIMALS: Final[dict[str, int]] = {"lb": 1, "kg": 2}
STALE_DAYS: Final = 14
"""Weigh-ins whose last one is more than this many days before today describe the pace then, not
now: the page says how old they are and forecasts nothing."""
OLD_DAYS: Final = 3
"""From this many days after the last weigh-in, the page says how long ago it was."""
LEVEL: Final[dict[str, float]] = {"lb": 0.2, "kg": 0.1}
"""A printed range within this much a week either way of zero is a level weight."""
GALLSTONE_KG: Final = 1.5
"""Weinsier and others (American Journal of Medicine, 1995): in people with obesity who were
dieting, gallstone risk rose steeply above about 1.5 kg (3.3 lb) a week."""
FORECAST_DAYS: Final = 365
"""A goal date is given only this far ahead: four weeks of weigh-ins cannot say more."""
MAX_LISTED: Final = 5
"""At most this many dates or problems are listed by name; the rest are counted."""


def inert(text: str) -> str:
    """Reader-supplied text (a cell, a file's contents) made inert for Markdown."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&@])", r"\\\1", text)


# --- the rate as printed, and the verdict ---------------------------------------------------


def _printed(value: float, unit: Unit) -> float:
    """A weekly rate exactly as the page prints it (so comparisons use what the reader sees)."""
    base = base_unit(unit)
    step = STEPS[base]
    return float(f"{round(value / step) * step:.{DECIMALS[base]}f}") + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class Rate:
    """The weekly *loss* (positive when losing) and its 90 % range, in the base unit of ``unit``,
    rounded as printed: ``low <= loss <= high``."""

    unit: Unit
    loss: float
    low: float
    high: float

    @property
    def decimals(self) -> int:
        return DECIMALS[base_unit(self.unit)]

    def number(self, value: float) -> str:
        """A weekly change's size as printed: "2.4" (lb), "0.45", "0.9" (kg)."""
        text = f"{abs(value):.{self.decimals}f}"
        return text.rstrip("0").rstrip(".") if base_unit(self.unit) == "kg" and "." in text else text

    def size(self, value: float) -> str:
        """A weekly change as a size with its unit: "2.4 lb", "0.45 kg", "0.9 kg" (stones use pounds)."""
        return f"{self.number(value)} {base_unit(self.unit)}"

    @property
    def loss_kg(self) -> float:
        return to_kg(self.loss, self.unit)


def printed_rate(result: Trend, unit: Unit) -> Rate | None:
    """The fitted rate as the page prints it, or None with too little data."""
    if not result.enough or result.rate_kg_per_week is None:
        return None
    assert result.rate_low is not None and result.rate_high is not None

    def loss(rate_kg: float) -> float:
        return _printed(from_kg(-rate_kg, unit), unit)

    return Rate(unit, loss(result.rate_kg_per_week), loss(result.rate_high), loss(result.rate_low))


def classify(rate: Rate | None) -> TrendVerdict:
    """The printed rate and range against the article's range as printed (see the module notes).

    "faster" / "inside" / "slower" when the whole range is above, within or below the article's;
    "maybe_faster" / "maybe_slower" when it crosses one edge; "unclear" when it spans the
    article's whole range; "gaining" when it is all a gain; "level" when it is all within 0.2 lb
    (0.1 kg) a week of zero; "no_direction" when it includes zero otherwise.
    """
    if rate is None:
        return "too_few"
    slow, fast = article_range(rate.unit)
    level = LEVEL[base_unit(rate.unit)]
    if rate.high < 0 and not -rate.low <= level:
        return "gaining"
    if rate.low <= 0:
        return "level" if max(-rate.low, rate.high) <= level + 1e-9 else "no_direction"
    if rate.low > fast:
        return "faster"
    if rate.high < slow:
        return "slower"
    if rate.low >= slow and rate.high <= fast:
        return "inside"
    if rate.low < slow and rate.high > fast:
        return "unclear"
    return "maybe_faster" if rate.high > fast else "maybe_slower"


VERDICTS: Final[dict[str, tuple[AlertKind, str]]] = {
    "faster": ("warning", "That is **likely faster than the {range} the article advises**."),
    "maybe_faster": (
        "info",
        "That is **near or above the top of the {range} the article advises**: more weigh-ins will tell.",
    ),
    "inside": ("success", "That is **inside the {range} the article advises**."),
    "maybe_slower": (
        "info",
        "That is **near or below the bottom of the {range} the article advises**: more weigh-ins will tell.",
    ),
    "slower": (
        "info",
        f"That is **slower than the {{range}} the article advises**, so a goal takes longer. {SLOWER_UNTESTED}",
    ),
    "unclear": (
        "info",
        "Your weigh-ins swing too much to say yet how this compares with the {range} the article advises.",
    ),
    "gaining": ("info", "That is a gain, not a loss, so the article's range does not apply."),
    "no_direction": ("info", "More weigh-ins will tell."),
    "level": ("info", "Your weight is holding steady, so the article's range does not apply."),
}


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """What the result box says: its kind of alert, its paragraphs, and the figures behind them."""

    verdict: TrendVerdict
    kind: AlertKind
    paragraphs: tuple[str, ...]
    rate: Rate | None

    @property
    def markdown(self) -> str:
        return "\n\n".join(self.paragraphs)


def _rate_paragraph(result: Trend, rate: Rate, verdict: TrendVerdict) -> str:
    over = f"over {format_duration(result.days)}, from {plural(result.n, 'day')} of weigh-ins"
    if verdict == "level":
        return (
            f"**Your weight is about level.** The straight line through your weigh-ins changes by less than "
            f"{rate.size(LEVEL[base_unit(rate.unit)])} a week either way ({over})."
        )
    if verdict == "no_direction":
        if rate.loss > 0:
            line = f"goes down about {rate.size(rate.loss)} a week"
        elif rate.loss < 0:
            line = f"goes up about {rate.size(rate.loss)} a week"
        else:
            line = "is about level"
        ends = [
            "no change" if rate.high == 0 else f"a loss of {rate.size(rate.high)}",
            "no change" if rate.low == 0 else f"a gain of {rate.size(rate.low)}",
        ]
        return (
            f"**No clear direction yet.** The straight line through your weigh-ins {line} ({over}), but the likely "
            f"range runs from {ends[0]} to {ends[1]} a week, so your weight could be going either way."
        )
    losing = verdict != "gaining"
    near, far = (rate.low, rate.high) if losing else (-rate.high, -rate.low)
    direction = "losing" if losing else "gaining"
    estimate = rate.loss if losing else -rate.loss
    likely = "" if near == far else f" (likely between {rate.number(near)} and {rate.size(far)})"
    return f"Your pace: **{direction} about {rate.size(estimate)} a week**{likely}, {over}."


def _calorie_paragraph(rate: Rate, verdict: TrendVerdict) -> str | None:
    if verdict in ("no_direction", "level") or rate.loss == 0:
        return None
    # From the rate as printed (2.4 lb -> 1,200 kcal), so the two numbers agree for a reader.
    kcal = daily_deficit_kcal(abs(rate.loss_kg))
    cut = "less" if rate.loss > 0 else "more"
    text = f"{RULE_3500} So that means eating about **{format_kcal(kcal)} {cut}** than you burn."
    change = range_change(rate, verdict)
    return f"{text} {change}" if change else text


def range_change(rate: Rate, verdict: TrendVerdict) -> str | None:
    """For a pace clearly faster or slower than the article's range: the change in daily calories
    that would bring the printed pace to the nearer end of the range, by the same rule."""
    if verdict not in ("faster", "slower"):
        return None
    slow, fast = article_range(rate.unit)
    edge, end, more = (fast, "top", "more") if verdict == "faster" else (slow, "bottom", "less")
    kcal = daily_deficit_kcal(to_kg(abs(rate.loss - edge), rate.unit))
    # The range's end as the page writes the range: "2 lb", "0.45 kg".
    return (
        f"Eating roughly **{format_kcal(kcal)} {more}** than now would bring your pace to about "
        f"{edge:g} {base_unit(rate.unit)} a week, the {end} of the article's range."
    )


@dataclass(frozen=True)
class Forecast:
    """When the pace line reaches the goal at the printed rate (and at its range's two ends):
    days after the last weigh-in. ``beyond_year`` when the goal date is more than a year from
    today, where the page gives no date."""

    days: int
    soonest: int
    latest: int
    beyond_year: bool
    latest_beyond_year: bool


def stale(result: Trend, today: date) -> bool:
    """Whether the last weigh-in is too old to say anything about the pace now."""
    return result.last_day is not None and (today - result.last_day).days > STALE_DAYS


def forecast(result: Trend, rate: Rate, goal_kg: float, today: date) -> Forecast | None:
    """The forecast for a losing verdict with the pace line above the goal and recent weigh-ins,
    else None. Its days count from the last weigh-in; the dates it gives are today or later."""
    last = result.last_day
    not_losing = classify(rate) in ("gaining", "no_direction", "level", "too_few")
    if last is None or result.level_kg is None or not_losing or stale(result, today):
        return None
    unit = rate.unit
    days, soonest, latest = (
        days_to_weight(result.level_kg, -to_kg(loss, unit), goal_kg) for loss in (rate.loss, rate.high, rate.low)
    )
    if days is None or soonest is None or latest is None or days == 0 or last + timedelta(days=soonest) < today:
        return None
    return Forecast(
        days,
        soonest,
        latest,
        (last + timedelta(days=days) - today).days > FORECAST_DAYS,
        (last + timedelta(days=latest) - today).days > FORECAST_DAYS,
    )


def goal_words(result: Trend, rate: Rate, verdict: TrendVerdict, goal_kg: float, today: date) -> str:
    """When the pace line reaches the planner's goal at the reader's rate, within a year."""
    unit = rate.unit
    goal = format_weight(from_kg(goal_kg, unit), unit)
    last = result.last_day
    assert last is not None and result.level_kg is not None
    if stale(result, today):
        return (
            f"These weigh-ins end on {format_date(last)}, {plural((today - last).days, 'day')} ago: this was your "
            "pace then. Add recent weigh-ins to see your pace now and when you would reach your planner goal."
        )
    if goal_kg >= result.level_kg:
        return f"Your pace line is at or below your planner goal of {goal}."
    if verdict == "no_direction":
        return f"Until the direction is clear, the page cannot say when you would reach your planner goal of {goal}."
    if verdict in ("gaining", "level"):
        return f"At this pace your weight is not heading down to your planner goal of {goal}."
    ahead = forecast(result, rate, goal_kg, today)
    if ahead is None:  # the pace line would have got there before today: say nothing of a date
        return f"Your pace line is close to your planner goal of {goal}: weigh in for a few more days to see."
    if ahead.beyond_year:
        return (
            f"At this pace your planner goal of {goal} is more than a year away: {format_duration(result.days)} "
            "of weigh-ins cannot say when you would get there."
        )
    when = last + timedelta(days=ahead.days)
    text = f"If this pace holds, you would reach your planner goal of {goal} around **{format_date(when, today)}**"
    first, later = last + timedelta(days=ahead.soonest), last + timedelta(days=ahead.latest)
    if ahead.latest_beyond_year:
        text += f" (likely from {format_date(first)} to more than a year from now)"
    elif first != later:
        text += f" (likely between {format_date_range(first, later)})"
    return text + "."


def age_words(result: Trend, today: date) -> str | None:
    """How old the weigh-ins are, once the last one is a few days back."""
    last = result.last_day
    if last is None or (today - last).days < OLD_DAYS or stale(result, today):
        return None
    return f"Your last weigh-in was {plural((today - last).days, 'day')} ago, on {format_date(last, today)}."


def gallstone_words(rate: Rate) -> str | None:
    """When the whole printed range is above the gallstone threshold the page cites."""
    if rate.low * (1 if base_unit(rate.unit) == "kg" else KG_PER_LB) <= GALLSTONE_KG:
        return None
    return f"**Please talk to a doctor.** {GALLSTONE_FINDING} Your pace is above that."


def report(result: Trend, unit: Unit, goal_kg: float | None, today: date) -> Report:
    """The result box for a trend: the rate with its range, what it means against the article's
    range, the calorie gap it implies, and when the planner's goal (if the reader set one) would be
    reached."""
    rate = printed_rate(result, unit)
    verdict = classify(rate)
    if rate is None:
        return Report("too_few", "info", (f"**Too few weigh-ins to tell yet.** {result.reason}",), None)
    kind, sentence = VERDICTS[verdict]
    paragraphs = [_rate_paragraph(result, rate, verdict), sentence.format(range=range_words(unit))]
    danger = gallstone_words(rate)
    if danger:
        kind = "warning"
        paragraphs.append(danger)
    calories = _calorie_paragraph(rate, verdict)
    if calories:
        paragraphs.append(calories)
    age = age_words(result, today)
    if age:
        paragraphs.append(age)
    if goal_kg is not None:
        paragraphs.append(goal_words(result, rate, verdict, goal_kg, today))
    elif stale(result, today):
        paragraphs.append(goal_words(result, rate, verdict, result.level_kg or 0.0, today))
    return Report(verdict, kind, tuple(paragraphs), rate)


# --- the other words of the section ---------------------------------------------------------


def left_out_words(result: Trend) -> str | None:
    """The weigh-ins left out of the pace, by date."""
    days = result.left_out
    if not days:
        return None
    named = format_date_list(days[:MAX_LISTED])
    if len(days) > MAX_LISTED:
        named += f", and {len(days) - MAX_LISTED:,} more"
    if len(days) == 1:
        what = f"the weigh-in of {named} is far from the days around it"
    else:
        what = f"the weigh-ins of {named} are far from the days around them"
    return f"**Left out of the pace:** {what} (a typing mistake, or a different scale?). Check the table."


def problem_text(problem: WeighInError) -> str:
    """A problem in Markdown; every part that came from the reader's file is made inert."""
    where = []
    if problem.row is not None:
        where.append(f"Row {problem.row:,}" + (f" ({inert(problem.dated)})" if problem.dated else ""))
    if problem.column:
        where.append(f"column “{inert(problem.column)}”")
    what = f"“{inert(problem.value)}” {inert(problem.reason)}" if problem.value else inert(problem.reason)
    return f"{', '.join(where)}: {what}." if where else what


def problem_list(weighins: WeighIns) -> str:
    shown = [f"- {problem_text(p)}" for p in weighins.problems[:MAX_LISTED]]
    rest = len(weighins.problems) - MAX_LISTED
    if rest > 0:
        shown.append(f"- and {rest:,} more.")
    return "\n".join(shown)


def upload_note(weighins: WeighIns) -> tuple[Literal["success", "warning"], str]:
    """What reading a file did, in words."""
    read = len(weighins.readings)
    note = f"**Read {plural(read, 'weigh-in')} from your file** into the table below."
    skipped = len(weighins.problems)
    if not skipped:
        return "success", note
    were = "row was" if skipped == 1 else "rows were"
    return "warning", f"{note} {skipped:,} {were} skipped:\n\n" + problem_list(weighins)


NOT_ENOUGH_YET: Final = f"Add {WEIGH_INS_NEEDED} to see your pace."


def summary(weighins: WeighIns, result: Trend, unit: Unit, *, chart_days: int) -> str:
    """The chart in words, for readers who cannot see it; its figures are the report's."""
    if not weighins.days or result.first_day is None:
        return ""
    last = weighins.days[-1]
    since = last - timedelta(days=chart_days - 1)
    shown = [d for d in weighins.days if d >= since]
    u = base_unit(unit)
    text = f"Chart summary: {plural(len(shown), 'day')} of weigh-ins, from {format_date_range(shown[0], last, 'to')}."
    rate = printed_rate(result, unit)
    trend_end = f"{from_kg(result.smoothed[-1], unit):.1f} {u}"
    if rate is None or result.level_kg is None:
        return f"{text} The smoothed trend ends at {trend_end}."
    start_kg, end_kg = fitted_ends(result, rate)
    slow, fast = article_range(unit)
    start, end = (f"{from_kg(kg, unit):.1f} {u}" for kg in (start_kg, end_kg))
    line = f"goes from {start} to {end}" if start != end else f"stays at {end}"
    band = f"the band for losing {range_words(unit)} drawn from its start"
    if rate.loss <= 0:
        moves = "level" if rate.loss == 0 else f"up {rate.size(rate.loss)} a week"
        against = f"{moves}, while {band} falls"
    else:
        where = "steeper than" if rate.loss > fast else "inside" if rate.loss >= slow else "less steep than"
        against = f"down {rate.size(rate.loss)} a week, {where} {band}"
    return (
        f"{text} Your pace line, the straight line through the last {format_duration(result.days)}, {line}: "
        f"{against}. The smoothed trend, which lags behind the weigh-ins, ends at {trend_end}."
    )


def fitted_ends(result: Trend, rate: Rate) -> tuple[float, float]:
    """The pace line's two ends (kg): on the window's first weigh-in day and on the last day,
    at the rate as printed (so the line drawn and the words agree)."""
    assert result.level_kg is not None
    weeks = (result.days - 1) / 7
    end = result.level_kg
    return end + rate.loss_kg * weeks, end


def trend_table(weighins: WeighIns, result: Trend, unit: Unit) -> pd.DataFrame:
    """One row a day with a weigh-in: the day's weigh-in (the mean of its readings) and the
    smoothed trend."""
    u = base_unit(unit)
    trend_of = {}
    if result.first_day is not None:
        trend_of = {result.first_day + timedelta(days=i): kg for i, kg in enumerate(result.smoothed)}
    rows = []
    for day, kg, count in zip(weighins.days, weighins.weights_kg, weighins.counts, strict=True):
        smoothed = trend_of.get(day)
        rows.append(
            {
                "Date": format_short_date(day),
                f"Weigh-in ({u})": f"{from_kg(kg, unit):.1f}" + (f" (mean of {count})" if count > 1 else ""),
                f"Smoothed trend ({u})": "left out"
                if day in result.left_out
                else (f"{from_kg(smoothed, unit):.1f}" if smoothed is not None else ""),
            }
        )
    return pd.DataFrame(rows)


# --- where the weigh-ins are kept ---------------------------------------------------------------

KEEP_LABEL: Final = "Keep my weigh-ins on this device"
KEEP_HELP: Final = (
    "Off: they are kept in this browser tab only, and are gone when you close it. On: they are kept in this "
    "browser on this device, so they are here next time, until you press “Forget them on this device”. "
    "Anyone who uses this browser could see them."
)
FORGET_LABEL: Final = "Forget them on this device"
FORGOTTEN: Final = (
    "**Forgotten.** Your weigh-ins are gone from this page and from this browser, in this tab and on this device."
)
CLEARED: Final = "**Your weigh-ins are cleared** from this page and this browser. Press “Undo” to bring them back."
UNDONE: Final = "**Your weigh-ins are back.**"
NO_WEIGHT_TODAY: Final = "Type today's weight first, then press Add."

BROWSER_PROBLEM_WORDS: Final[dict[BrowserProblem, str]] = {
    "blocked": (
        "**This browser does not let the page keep anything**, as in a private window or some pages that show "
        "this one inside them. Your weigh-ins work as usual, but only while this page is open: download them "
        "to keep them."
    ),
    "full": (
        "**This browser's storage is full**, so your latest weigh-ins could not be kept in it. They work as "
        "usual while this page is open: download them to keep them."
    ),
    "failed": (
        "**This browser could not keep your weigh-ins.** They work as usual while this page is open: download "
        "them to keep them."
    ),
}

STORE_PROBLEM_WORDS: Final[dict[StoreProblem, str]] = {
    "version": "they were saved by a different version of this page",
    "damaged": "what is stored is damaged, or was changed outside this page",
    "too_big": f"what is stored is bigger than this page reads (at most {MAX_STORED_ROWS:,} weigh-ins)",
    "no_rows": "none of the stored weigh-ins is a date and a weight this page can use",
}


def kept_words(where: Where, count: int, dropped: int) -> str:
    """Where the reader's weigh-ins are now, in one line under the "keep" choice."""
    if count == 0:
        place = "this browser tab" if where == "session" else "this browser on this device"
        return f"Your weigh-ins will be kept in {place}, not on our server."
    what = plural(count, "weigh-in")
    if where == "session":
        text = (
            f"{what} kept in this browser tab, not on our server: they come back if you reload the page, and "
            "are gone when you close the tab."
        )
    else:
        text = f"{what} kept in this browser on this device, not on our server, until you forget them."
    if dropped:
        text += (
            f" Only the latest {MAX_STORED_ROWS:,} are kept there ({dropped:,} older ones are not): download "
            "your weigh-ins to keep them all."
        )
    return text[0].upper() + text[1:]


def restored_words(restored: Restored, where: Where) -> tuple[AlertKind, str]:
    """What the page found in the browser when it opened, in words."""
    place = "this browser tab" if where == "session" else "this browser on this device"
    if restored.problem is not None:
        return "warning", (
            f"**Weigh-ins kept in {place} could not be read:** {STORE_PROBLEM_WORDS[restored.problem]}. They are "
            "left as they are until you add or change a weigh-in here. Press “Forget them on this device” to "
            "remove them."
        )
    weighins = restored.weighins
    count = len(weighins.readings) if weighins is not None else 0
    text = f"**Your weigh-ins are back:** {plural(count, 'weigh-in')} kept in {place}."
    if restored.skipped:
        were = "was" if restored.skipped == 1 else "were"
        text += f" {plural(restored.skipped, 'stored row')} could not be used and {were} left out."
    return "info", text


def added_words(day: date, kg: float, unit: Unit) -> str:
    return f"**Added:** {format_weight(from_kg(kg, unit), unit)} on {format_date(day)}."


# --- from the check to the plan -----------------------------------------------------------------


def trend_weight(result: Trend, unit: Unit, today: date) -> float | None:
    """The weight at the end of the pace line, in the base unit of ``unit`` as the planner takes
    it (0.1 lb or kg, within its bounds), or None without a pace line or when the weigh-ins are
    too old to say what the reader weighs now."""
    if result.level_kg is None or printed_rate(result, unit) is None or stale(result, today):
        return None
    return clamp_weight(from_kg(result.level_kg, unit), unit)


def use_weight_label(weight: float, unit: Unit) -> str:
    return f"Use my trend ({format_weight(weight, unit)}) as my current weight"


def used_weight_words(weight: float, unit: Unit) -> str:
    return (
        f"**The planner above now starts from your trend, {format_weight(weight, unit)}**, where the straight "
        "line through your weigh-ins ends."
    )


def plan_pace(rate: Rate) -> float | None:
    """The planner's pace nearest the reader's real one (on its steps, within its bounds), or
    None when the weigh-ins show no loss to plan from."""
    if classify(rate) in ("gaining", "level", "no_direction", "too_few") or rate.loss <= 0:
        return None
    return snap_pace(rate.loss, rate.unit)


def use_pace_label(rate: Rate) -> str:
    return f"Plan from my real pace ({rate.size(rate.loss)} a week)"


def used_pace_words(rate: Rate, pace: float) -> str:
    """What "Plan from my real pace" did, and why the planner's pace differs when it does."""
    unit = rate.unit
    scale = pace_scale(unit)
    text = f"**The planner above now uses {format_pace(pace, unit)}**"
    if rate.loss > scale.maximum:
        return text + f": your real pace, {rate.size(rate.loss)} a week, is faster than the planner goes."
    if rate.loss < scale.minimum:
        return text + f": your real pace, {rate.size(rate.loss)} a week, is slower than the planner goes."
    if abs(pace - rate.loss) > 1e-9:
        return text + f", the planner's nearest step to your real pace of {rate.size(rate.loss)} a week."
    return text + ", your real pace."
