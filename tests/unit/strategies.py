"""Hypothesis strategies for realistic people and plans, and for weigh-in files (good and
hostile), shared by the unit tests.

"Realistic" means the adults the app is written for: ages 18-80, heights that cover most
adults of each sex, a body-mass index from the bottom of the healthy band (18.5) to severe
obesity (40), and the activity levels the UI offers. The model accepts wider inputs (see
``runners_face.model``); tests of the guards use ``any_valid_people`` instead.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from runners_face.model import (
    ACTIVITY_LEVELS,
    ACTIVITY_RANGE,
    AGE_RANGE,
    HEIGHT_RANGE_M,
    WEIGHT_RANGE_KG,
    Person,
    Sex,
)
from runners_face.units import WEIGHT_BOUNDS_KG

SEXES: tuple[Sex, ...] = ("female", "male")
# Heights in metres by sex: roughly the 1st to 99th percentile of adults in the US and UK.
HEIGHT_M = {"female": (1.48, 1.82), "male": (1.58, 1.98)}
BMI_RANGE = (18.5, 40.0)
AGE_YEARS = (18, 80)


def _finite(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


@st.composite
def people(draw: st.DrawFn, bmi: tuple[float, float] = BMI_RANGE) -> Person:
    """A realistic adult (the ``bmi`` band can be narrowed, e.g. to overweight only)."""
    sex = draw(st.sampled_from(SEXES))
    height = round(draw(_finite(*HEIGHT_M[sex])), 2)
    weight = round(draw(_finite(*bmi)) * height**2, 1)
    return Person(
        sex=sex,
        age_years=draw(st.integers(*AGE_YEARS)),
        height_m=height,
        weight_kg=weight,
        activity_level=draw(st.sampled_from(tuple(ACTIVITY_LEVELS.values())) | _finite(1.4, 2.0)),
    )


@st.composite
def any_valid_people(draw: st.DrawFn) -> Person:
    """Any combination the model accepts, however implausible (a 30 kg, 2.5 m 100-year-old)."""
    return Person(
        sex=draw(st.sampled_from(SEXES)),
        age_years=draw(_finite(*AGE_RANGE)),
        height_m=draw(_finite(*HEIGHT_RANGE_M)),
        weight_kg=draw(_finite(*WEIGHT_RANGE_KG)),
        activity_level=draw(_finite(*ACTIVITY_RANGE)),
    )


def cuts_kcal() -> st.SearchStrategy[float]:
    """A daily cut below maintenance within guideline range (CDC/NHLBI: 500-1000 kcal/d)."""
    return _finite(50.0, 1000.0)


def loss_paces_kg_per_week() -> st.SearchStrategy[float]:
    """Weekly pace from a slow gain (-0.25) to the top of advised loss (about 1 kg/week)."""
    return _finite(-0.25, 1.0)


def plan_days() -> st.SearchStrategy[int]:
    """Length of a plan: four weeks to two years."""
    return st.integers(28, 730)


# --- weigh-ins: realistic files and hostile text ---------------------------------------

WEIGH_IN_TODAY = date(2026, 11, 30)
FORMULAS = ("=cmd|' /C calc'!A0", "=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(1)", '=HYPERLINK("http://x")')


def weigh_in_dates(min_days: int = 0) -> st.SearchStrategy[date]:
    """Dates from about ten years before the tests' 'today' to 'today'."""
    return st.dates(min_value=date(2016, 1, 1), max_value=WEIGH_IN_TODAY - timedelta(days=min_days))


def weigh_in_kg() -> st.SearchStrategy[float]:
    """Adult weights the parser accepts (the planner's bounds, 30-320 kg), to 0.1 kg."""
    low, high = WEIGHT_BOUNDS_KG
    return st.integers(round(low * 10), round(high * 10)).map(lambda tenths: tenths / 10)


def _date_text(day: date) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            day.isoformat(),
            f"{day:%d/%m/%Y}",
            f"{day:%m/%d/%Y}",
            f"{day.day} {day:%b %Y}",
            f"{day:%B} {day.day}, {day.year}",
            f"{day.isoformat()}T07:30:00Z",
        ]
    )


def _junk_cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(FORMULAS),
        st.sampled_from(["", " ", "NaN", "inf", "-1", "1e309", "82,5,1", '"', '""', "\u202e82", "８２.５", "0x52"]),
        st.text(max_size=12),
    )


@st.composite
def hostile_csv_text(draw: st.DrawFn) -> str:
    """CSV-like text with a mixture of good rows, junk cells, formulas, odd delimiters,
    quotes, headers, comments and line endings: what a careless export or a paste can hold."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", " ", ", "]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["Date,Weight (kg)", "date;weight_lb", "#date;weight;trend", "a,b", ""])))
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 3)):
            day = draw(weigh_in_dates())
            cells = [draw(_date_text(day)), f"{draw(weigh_in_kg()):g}"]
        else:
            cells = [draw(_junk_cell()) for _ in range(draw(st.integers(0, 4)))]
        if draw(st.booleans()):
            cells = [f'"{c}"' for c in cells]
        lines.append(delimiter.join(cells))
    return ending.join(lines)


@st.composite
def daily_weigh_ins(draw: st.DrawFn, min_size: int = 1, max_size: int = 60) -> list[tuple[date, float]]:
    """Readings (date, kg) on distinct or repeated days, in any order."""
    start = draw(weigh_in_dates(min_days=400))
    offsets = draw(st.lists(st.integers(0, 365), min_size=min_size, max_size=max_size))
    return [(start + timedelta(days=o), draw(weigh_in_kg())) for o in offsets]
