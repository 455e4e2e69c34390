"""The reader's plan and checklist as a URL query string, and back.

One codec, pure (no Streamlit), used for the page's own address, the "copy link" and the
"share without my numbers" link. The query string is the only place a reader's numbers are
kept: nothing is stored on the server.

Format (every key optional; keys this page does not use are ignored quietly, so links that
social sites and newsletters decorate with ``utm_source`` or ``fbclid`` still work)::

    ?units=lb&weight=180&goal=165&pace=1            plan, weights in the entry unit
    &height=165                                     height in cm (lets the planner check the goal)
    &sex=female&age=40&activity=1.6                 "About you" (turns on the realistic curve)
    &tips=slow-loss,sunscreen                       ticked tips, by id
    &run=20&run_plan=30&run_days=tu,th,sa           weekly running now and while losing, and
                                                    the days of the week it is done on
    &by=2027-04-12                                  race day: reach the goal by this date
                                                    (from tomorrow to about two years ahead)

Running distances are in kilometres for ``units=kg`` and in miles otherwise (like the weights,
in the units of the link); ``run_plan`` is left out when it is the same as ``run``.

Weights are in pounds for ``units=lb`` and ``units=st`` and in kilograms for ``units=kg``;
the pace is in the same unit a week. Decoding never raises: a bad value of a known key is
replaced by a safe one and a plain-words note says what was ignored or changed. Older links
may carry the pace as ``pace_lb`` or ``pace_kg`` (the key of an earlier slider); it is read
as ``pace``.

**Numbers are kept as the reader typed them.** Each weight, the pace and the height remember
the unit they were typed in (:class:`Typed`). What the page shows, and what the plan uses, is
that number in the chosen units, rounded to the field's precision (a weight to 0.1, a pace to
the pace control's step, a height to a whole centimetre or half an inch) and kept inside the
field's bounds. Switching units therefore never changes what was typed: any number of switches
back and forth gives back exactly the reader's numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Final, Literal, cast

from runners_face.model import ACTIVITY_LEVELS
from runners_face.pace import pace_scale, snap_pace
from runners_face.units import (
    CM_PER_INCH,
    KG_PER_LB,
    KM_PER_MILE,
    UNITS,
    WEIGHT_BOUNDS_KG,
    DistanceUnit,
    Unit,
    base_unit,
    distance_unit,
    to_km,
)

Sex = Literal["female", "male"]
WeightUnit = Literal["lb", "kg"]
HeightUnit = Literal["cm", "in"]

WEIGHT_BOUNDS: Final[dict[str, tuple[float, float]]] = {
    "kg": WEIGHT_BOUNDS_KG,
    # Rounded inwards to 0.1 lb, so a weight inside the pound bounds is inside the kilogram ones.
    "lb": (
        math.ceil(WEIGHT_BOUNDS_KG[0] / KG_PER_LB * 10) / 10,
        math.floor(WEIGHT_BOUNDS_KG[1] / KG_PER_LB * 10) / 10,
    ),
}
"""The planner's lightest and heaviest weight in each base unit: :data:`WEIGHT_BOUNDS_KG`, and the
same in pounds."""
DEFAULT_WEIGHTS: Final[dict[str, tuple[float, float]]] = {"lb": (180.0, 165.0), "kg": (82.0, 75.0)}
AGE_BOUNDS: Final = (18, 100)
HEIGHT_CM_BOUNDS: Final = (120.0, 230.0)
HEIGHT_IN_BOUNDS: Final = (
    math.ceil(HEIGHT_CM_BOUNDS[0] / CM_PER_INCH * 2) / 2,
    math.floor(HEIGHT_CM_BOUNDS[1] / CM_PER_INCH * 2) / 2,
)
"""Height bounds in inches (half-inch steps), inside the centimetre bounds: 47.5-90.5 in."""
ACTIVITY_VALUES: Final[tuple[float, ...]] = tuple(ACTIVITY_LEVELS.values())

LEGACY_PACE_KEYS: Final = ("pace_lb", "pace_kg")
"""Keys an earlier version of the page kept the pace under; read as ``pace``, never written."""
PACE_KEY: Final = "pace"
"""The link's key for the weekly pace (the pace control writes it in the address as it moves)."""
RUN_KEYS: Final = ("run", "run_plan", "run_days")
"""The link's keys for the reader's running: the weekly distance now, while losing, and the days."""
RACE_KEY: Final = "by"
"""The link's key for race day, the date the reader wants to reach their goal by (``YYYY-MM-DD``)."""
RACE_MAX_DAYS: Final = 730
"""The furthest race day the planner takes: about two years from today (the body-weight model was
checked against people over about two years)."""
KEYS: Final = (
    "units",
    "weight",
    "goal",
    PACE_KEY,
    *LEGACY_PACE_KEYS,
    "sex",
    "age",
    "height",
    "activity",
    *RUN_KEYS,
    RACE_KEY,
    "tips",
)
ABOUT_KEYS: Final = ("sex", "age", "activity")
PRIVATE_KEYS: Final = ("weight", "goal", "height", *ABOUT_KEYS, *RUN_KEYS, RACE_KEY)
"""Keys left out of the "share without my numbers" link."""

MAX_VALUE_CHARS: Final = 200

RUN_BOUNDS: Final[dict[str, tuple[float, float]]] = {"km": (0.0, 200.0), "mi": (0.0, 124.0)}
"""The weekly running distances the planner takes, in whole km or miles (124 miles is inside 200 km)."""
RUN_PRESETS: Final[dict[str, tuple[float, ...]]] = {"km": (0.0, 10.0, 20.0, 40.0), "mi": (0.0, 5.0, 10.0, 25.0)}
"""Quick choices for the weekly distance, in each unit."""
WEEKDAY_CODES: Final = ("mo", "tu", "we", "th", "fr", "sa", "su")
"""The days of the week as the link writes them (and as iCalendar's BYDAY does, in capitals)."""


@dataclass(frozen=True)
class Typed:
    """A number as the reader typed it, and the unit they typed it in.

    Weights and paces are in ``"lb"`` or ``"kg"`` (stones are typed as pounds); heights in
    ``"cm"`` or ``"in"`` (feet and inches are typed as inches).
    """

    value: float
    unit: str


def round_weight(value: float) -> float:
    """A weight at the fields' precision, 0.1 (lb or kg)."""
    return round(value, 1)


def clamp_weight(value: float, units: Unit) -> float:
    """A weight (in the base unit of ``units``) rounded to 0.1 and kept inside the bounds."""
    low, high = WEIGHT_BOUNDS[base_unit(units)]
    return min(high, max(low, round_weight(value)))


def weight_shown(typed: Typed, units: Unit) -> float:
    """The weight the page shows and the plan uses in ``units`` (lb for stones)."""
    base = base_unit(units)
    value = typed.value if typed.unit == base else typed.value * _weight_factor(typed.unit, base)
    return clamp_weight(value, units)


def pace_shown(typed: Typed, units: Unit) -> float:
    """The pace the page shows and the plan uses: on the pace control's steps for ``units``."""
    base = base_unit(units)
    value = typed.value if typed.unit == base else typed.value * _weight_factor(typed.unit, base)
    return snap_pace(value, units)


def _weight_factor(source: str, target: str) -> float:
    return 1 / KG_PER_LB if (source, target) == ("kg", "lb") else KG_PER_LB


def clamp_height_cm(value: float) -> float:
    """A height in whole centimetres, inside the bounds."""
    return min(HEIGHT_CM_BOUNDS[1], max(HEIGHT_CM_BOUNDS[0], float(round(value))))


def clamp_height_in(value: float) -> float:
    """A height in half inches, inside the bounds."""
    return min(HEIGHT_IN_BOUNDS[1], max(HEIGHT_IN_BOUNDS[0], round(value * 2) / 2))


def height_shown(typed: Typed, units: Unit) -> float:
    """The height field's value: whole centimetres with kilograms, half inches with pounds or stones."""
    if base_unit(units) == "kg":
        return clamp_height_cm(typed.value if typed.unit == "cm" else typed.value * CM_PER_INCH)
    return clamp_height_in(typed.value if typed.unit == "in" else typed.value / CM_PER_INCH)


def clamp_distance(value: float, unit: DistanceUnit) -> float:
    """A weekly distance in whole km or miles, inside the bounds."""
    low, high = RUN_BOUNDS[unit]
    return min(high, max(low, float(round(value))))


def distance_shown(typed: Typed, units: Unit) -> float:
    """A weekly distance as the page shows it in ``units``: whole km with kilograms, whole miles
    otherwise (a distance typed in the other unit is converted)."""
    unit = distance_unit(units)
    if typed.unit == unit:
        value = typed.value
    else:
        value = typed.value * KM_PER_MILE if unit == "km" else typed.value / KM_PER_MILE
    return clamp_distance(value, unit)


@dataclass(frozen=True)
class Running:
    """The reader's running, optional: how far they run a week now, how far they mean to run
    while losing (None: the same as now), and on which days (for the reminders). Nothing is
    filled in for them: with no distance now, the planner says nothing about running."""

    now: Typed | None = None
    planned: Typed | None = None
    days: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AboutYou:
    """Optional details that, with a height, switch on the realistic (energy-balance) curve. Each
    is the reader's own or None: none is filled in for them (a figure from a sex, an age or an
    activity level they did not give would be about someone else)."""

    sex: Sex | None = None
    age_years: int | None = None
    activity_level: float | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """What the model still needs, in words: ("your sex", "your age", "how active you are")."""
        named = (("your sex", self.sex), ("your age", self.age_years), ("how active you are", self.activity_level))
        return tuple(words for words, value in named if value is None)


@dataclass(frozen=True)
class PlanState:
    """Everything a reader can set, as they typed it (see the module notes)."""

    units: Unit = "lb"
    typed_weight: Typed = Typed(DEFAULT_WEIGHTS["lb"][0], "lb")
    typed_goal: Typed = Typed(DEFAULT_WEIGHTS["lb"][1], "lb")
    typed_pace: Typed = Typed(1.0, "lb")
    height: Typed | None = None
    """Optional: it lets the planner check the goal, and the realistic curve needs it. Never
    filled in for the reader: a figure from a height they did not give would be about someone else."""
    about: AboutYou | None = None
    running: Running | None = None
    """Optional: the reader's weekly running (see :class:`Running`)."""
    race: date | None = None
    """Optional: race day, the date the reader wants to reach their goal by (see
    :mod:`runners_face.race`). Never filled in for the reader."""
    ticks: frozenset[str] = field(default_factory=frozenset)
    examples: frozenset[str] = frozenset()
    """The weight fields ("weight", "goal") that hold the example numbers, not the reader's: a plain
    visit shows the example plan until the reader types their own."""
    blank: frozenset[str] = frozenset()
    """The weight fields ("weight", "goal") left empty for the reader to fill in: a link that shares
    a pace or ticks but no weights (the "share without my numbers" link) opens with both empty,
    and no plan is drawn until both are typed. A blank field's weight above is only its default,
    never shown or used."""

    @property
    def weight(self) -> float:
        """Current weight in the base unit of ``units`` (pounds for stones), as shown."""
        return weight_shown(self.typed_weight, self.units)

    @property
    def goal(self) -> float:
        return weight_shown(self.typed_goal, self.units)

    @property
    def pace(self) -> float:
        """Weekly pace in the base unit, on the pace control's steps."""
        return pace_shown(self.typed_pace, self.units)

    @property
    def height_cm(self) -> float | None:
        """The height the plan uses, in cm: the shown centimetres, or the shown inches converted."""
        if self.height is None:
            return None
        shown = height_shown(self.height, self.units)
        return shown if base_unit(self.units) == "kg" else shown * CM_PER_INCH

    @property
    def run_now(self) -> float | None:
        """The weekly distance now, as shown (km or miles, see :func:`distance_shown`)."""
        running = self.running
        return None if running is None or running.now is None else distance_shown(running.now, self.units)

    @property
    def run_planned(self) -> float | None:
        """The weekly distance while losing, as shown: the distance now unless another was typed."""
        running = self.running
        if running is None or running.now is None:
            return None
        return distance_shown(running.planned, self.units) if running.planned is not None else self.run_now

    @property
    def run_distances(self) -> tuple[float, float] | None:
        """The weekly distances now and while losing, as shown (km or miles); None without a
        distance now."""
        now, planned = self.run_now, self.run_planned
        return None if now is None or planned is None else (now, planned)

    @property
    def run_km(self) -> tuple[float, float] | None:
        """The weekly distances now and while losing in km, as the plan uses them."""
        distances = self.run_distances
        if distances is None:
            return None
        unit = distance_unit(self.units)
        return to_km(distances[0], unit), to_km(distances[1], unit)

    def with_running(self, running: Running | None) -> PlanState:
        """Turn the running on (with what the reader typed) or off."""
        return replace(self, running=running)

    def with_race(self, day: date | None) -> PlanState:
        """Set race day, or None to turn the target-date mode off."""
        return replace(self, race=day)

    def with_weight(self, value: float) -> PlanState:
        typed = Typed(value, base_unit(self.units))
        return replace(self, typed_weight=typed, blank=self.blank - {"weight"}, examples=self.examples - {"weight"})

    def with_goal(self, value: float) -> PlanState:
        typed = Typed(value, base_unit(self.units))
        return replace(self, typed_goal=typed, blank=self.blank - {"goal"}, examples=self.examples - {"goal"})

    def with_pace(self, value: float) -> PlanState:
        return replace(self, typed_pace=Typed(value, base_unit(self.units)))

    def with_height(self, value: float | None) -> PlanState:
        """Height typed in the field of the current units (cm with kilograms, inches otherwise),
        or None to clear it ("About you" stays as it is; the realistic curve waits for a height)."""
        if value is None:
            return replace(self, height=None)
        unit = "cm" if base_unit(self.units) == "kg" else "in"
        return replace(self, height=Typed(value, unit))

    def with_about(self, about: AboutYou | None) -> PlanState:
        """Turn "About you" on or off (the height is the reader's own, or none)."""
        return replace(self, about=about)


def plan_state(
    units: Unit = "lb",
    weight: float | None = None,
    goal: float | None = None,
    pace: float | None = None,
    about: AboutYou | None = None,
    ticks: Iterable[str] = (),
    height_cm: float | None = None,
) -> PlanState:
    """A plan with every number typed in ``units``; a weight not given is the example's (and is
    marked as such in ``examples``)."""
    base = base_unit(units)
    default_weight, default_goal = DEFAULT_WEIGHTS[base]
    return PlanState(
        units=units,
        typed_weight=Typed(default_weight if weight is None else weight, base),
        typed_goal=Typed(default_goal if goal is None else goal, base),
        typed_pace=Typed(pace_scale(units).default if pace is None else pace, base),
        height=Typed(height_cm, "cm") if height_cm is not None else None,
        examples=frozenset(key for key, value in (("weight", weight), ("goal", goal)) if value is None),
        about=about,
        ticks=frozenset(ticks),
    )


def default_state(units: Unit = "lb") -> PlanState:
    return plan_state(units)


def with_units(state: PlanState, units: Unit) -> PlanState:
    """The same plan shown in other units. Nothing the reader typed changes (see the module notes)."""
    return replace(state, units=units)


@dataclass(frozen=True)
class Decoded:
    """A decoded query string: the state to use and what was ignored or changed."""

    state: PlanState
    notes: tuple[str, ...]


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _safe_key(key: str) -> str:
    """A key fit to show on the page: plain letters only, or a generic phrase."""
    return f"'{key}'" if re.fullmatch(r"[a-z_]{1,20}", key) else "a setting with an unusual name"


def _last(values: str | Sequence[str]) -> tuple[str, bool]:
    if isinstance(values, str):
        return values, False
    return (values[-1] if values else ""), len(values) > 1


def race_bounds(today: date) -> tuple[date, date]:
    """The first and last race day the planner takes: tomorrow, and :data:`RACE_MAX_DAYS` ahead."""
    return today + timedelta(days=1), today + timedelta(days=RACE_MAX_DAYS)


def decode(
    params: Mapping[str, str | Sequence[str]], tip_ids: Iterable[str] = (), *, today: date | None = None
) -> Decoded:
    """Read a query string (as a mapping of key to value or list of values) into a plan.

    Never raises. Each value of a known key that cannot be used is replaced by a safe one and
    named in ``notes`` (race day, ``by``, is checked against ``today``: without it, no race day is
    read); values on the page are never echoed, only key names made of plain
    letters. Keys the page does not use are ignored without a note.

    >>> decode({"units": "kg", "weight": "90", "pace": "9"}).state.pace
    1.4
    """
    notes: list[str] = []
    raw: dict[str, str] = {}
    for key, values in params.items():
        if key not in KEYS:
            continue
        value, repeated = _last(values)
        if repeated:
            notes.append(f"The link gave {_safe_key(key)} more than once; the last one was used.")
        if len(value) > MAX_VALUE_CHARS:
            notes.append(f"Ignored {_safe_key(key)}: the value was too long.")
            continue
        raw[key] = value

    units: Unit = "lb"
    if "units" in raw:
        text = raw["units"].strip().lower()
        if text in UNITS:
            units = text
        else:
            notes.append("Ignored 'units': use lb, kg or st. Showing pounds.")
    base = base_unit(units)
    low, high = WEIGHT_BOUNDS[base]

    weights: dict[str, float | None] = {"weight": None, "goal": None}
    for key in weights:
        if key not in raw:
            continue
        number = _number(raw[key])
        if number is None:
            notes.append(f"Ignored '{key}': it was not a number.")
        elif not low <= number <= high:
            weights[key] = clamp_weight(number, units)
            notes.append(f"Changed '{key}' to {weights[key]:g} {base}, the nearest the planner allows.")
        else:
            weights[key] = round_weight(number)

    pace: float | None = None
    # An older link's slider key, when present, was the pace the reader last set: it wins.
    pace_key = next((key for key in (f"pace_{base}", "pace") if key in raw), None)
    if pace_key is not None:
        number = _number(raw[pace_key])
        scale = pace_scale(units)
        if number is None:
            notes.append(f"Ignored '{pace_key}': it was not a number.")
        else:
            pace = snap_pace(number, units)
            if not scale.minimum <= number <= scale.maximum:
                notes.append(f"Changed '{pace_key}' to {pace:g} {base} a week, the nearest the planner allows.")

    height: float | None = None
    if "height" in raw:
        number = _number(raw["height"])
        if number is None or not HEIGHT_CM_BOUNDS[0] <= number <= HEIGHT_CM_BOUNDS[1]:
            notes.append(
                f"Ignored 'height': it must be in centimetres, from {HEIGHT_CM_BOUNDS[0]:g} to {HEIGHT_CM_BOUNDS[1]:g}."
            )
        else:
            height = round(number, 1)
    about = _decode_about(raw, notes)
    ticks = _decode_ticks(raw, tuple(tip_ids), notes)
    state = plan_state(units, weights["weight"], weights["goal"], pace, about, ticks, height)
    state = replace(state, running=_decode_running(raw, distance_unit(units), notes))
    state = replace(state, race=_decode_race(raw, today, notes))
    missing = frozenset(key for key in ("weight", "goal") if weights[key] is None)
    # A link with a pace or ticks but no weight (or no goal) shares an idea, not someone's numbers
    # (the "share without my numbers" link): those fields stay empty for the reader's own. A link
    # with neither, or with nothing at all, shows the example plan.
    if pace_key is not None or "tips" in raw:
        state = replace(state, blank=missing, examples=frozenset())
    return Decoded(state, tuple(notes))


def _decode_about(raw: Mapping[str, str], notes: list[str]) -> AboutYou | None:
    if not any(key in raw for key in ABOUT_KEYS):
        return None
    about = AboutYou()
    if "sex" in raw:
        sex = raw["sex"].strip().lower()
        if sex in ("female", "male"):
            about = replace(about, sex=cast(Sex, sex))
        else:
            notes.append("Ignored 'sex': use female or male.")
    if "age" in raw:
        age = _number(raw["age"])
        if age is None or not AGE_BOUNDS[0] <= age <= AGE_BOUNDS[1]:
            notes.append(f"Ignored 'age': it must be a whole number of years from {AGE_BOUNDS[0]} to {AGE_BOUNDS[1]}.")
        else:
            about = replace(about, age_years=round(age))
    if "activity" in raw:
        level = _number(raw["activity"])
        if level is None or level not in ACTIVITY_VALUES:
            notes.append("Ignored 'activity': it was not one of the listed activity levels.")
        else:
            about = replace(about, activity_level=level)
    return about


def _decode_running(raw: Mapping[str, str], unit: DistanceUnit, notes: list[str]) -> Running | None:
    if not any(key in raw for key in RUN_KEYS):
        return None
    low, high = RUN_BOUNDS[unit]
    words = "km" if unit == "km" else "miles"
    distances: dict[str, Typed | None] = {"run": None, "run_plan": None}
    for key in distances:
        if key not in raw:
            continue
        number = _number(raw[key])
        if number is None:
            notes.append(f"Ignored '{key}': it was not a number.")
            continue
        value = clamp_distance(number, unit)
        if not low <= number <= high:
            notes.append(f"Changed '{key}' to {value:g} {words} a week, the nearest the planner allows.")
        distances[key] = Typed(value, unit)
    days: frozenset[str] = frozenset()
    if "run_days" in raw:
        given = [part.strip().lower() for part in raw["run_days"].split(",") if part.strip()]
        days = frozenset(day for day in given if day in WEEKDAY_CODES)
        if len(days) < len(set(given)):
            notes.append("Ignored days in 'run_days' that are not days of the week (use mo, tu, we, th, fr, sa, su).")
    return Running(distances["run"], distances["run_plan"], days)


def _decode_race(raw: Mapping[str, str], today: date | None, notes: list[str]) -> date | None:
    if RACE_KEY not in raw or today is None:
        return None
    text = raw[RACE_KEY].strip()
    try:
        day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        notes.append(f"Ignored '{RACE_KEY}' (race day): it was not a date written like 2027-04-12.")
        return None
    first, last = race_bounds(today)
    if day < first:
        notes.append(f"Ignored '{RACE_KEY}' (race day): that date has passed, or is today.")
        return None
    if day > last:
        notes.append(f"Ignored '{RACE_KEY}' (race day): the planner takes dates up to about two years ahead.")
        return None
    return day


def _decode_ticks(raw: Mapping[str, str], tip_ids: tuple[str, ...], notes: list[str]) -> frozenset[str]:
    if "tips" not in raw:
        return frozenset()
    given = [part.strip() for part in raw["tips"].split(",") if part.strip()]
    known = frozenset(tip for tip in given if tip in tip_ids)
    if len(known) < len(set(given)):
        notes.append("Ignored ticks for tips this page does not have.")
    return known


def _number_text(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def encode(state: PlanState, tip_ids: Iterable[str] = (), *, private: bool = False) -> dict[str, str]:
    """Write a plan as query parameters (all values strings): the numbers as the page shows them.

    ``tip_ids`` gives the order ticks are written in (the content's order); with
    ``private=True`` the weights and "About you" are left out, for sharing the idea only.

    >>> encode(plan_state("kg", 82.0, 75.0, 0.5))
    {'units': 'kg', 'weight': '82', 'goal': '75', 'pace': '0.5'}
    """
    params: dict[str, str] = {"units": state.units}
    for key in ("weight", "goal"):
        if key not in state.blank:
            params[key] = _number_text(getattr(state, key))
    params[PACE_KEY] = _number_text(state.pace)
    if state.height_cm is not None:
        params["height"] = _number_text(round(state.height_cm, 1))
    about = state.about
    if about is not None:
        if about.sex is not None:
            params["sex"] = about.sex
        if about.age_years is not None:
            params["age"] = str(about.age_years)
        if about.activity_level is not None:
            params["activity"] = _number_text(about.activity_level)
    running = state.running
    if running is not None:
        now = state.run_now
        planned = None if running.planned is None else distance_shown(running.planned, state.units)
        if now is not None:
            params["run"] = _number_text(now)
        if planned is not None and planned != now:
            params["run_plan"] = _number_text(planned)
        if running.days:
            params["run_days"] = ",".join(day for day in WEEKDAY_CODES if day in running.days)
    if state.race is not None:
        params[RACE_KEY] = state.race.isoformat()
    order = list(tip_ids)
    ordered = [tip for tip in order if tip in state.ticks] + sorted(state.ticks - set(order))
    if ordered:
        params["tips"] = ",".join(ordered)
    if private:
        params = {key: value for key, value in params.items() if key not in PRIVATE_KEYS}
    return params
