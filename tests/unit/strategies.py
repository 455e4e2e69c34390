"""Hypothesis strategies for realistic people and plans, shared by the unit tests.

"Realistic" means the adults the app is written for: ages 18-80, heights that cover most
adults of each sex, a body-mass index from the bottom of the healthy band (18.5) to severe
obesity (40), and the activity levels the UI offers. The model accepts wider inputs (see
``runners_face.model``); tests of the guards use ``any_valid_people`` instead.
"""

from __future__ import annotations

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
