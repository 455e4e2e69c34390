"""Units: conversions round-trip and weights are written the way readers expect."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runners_face.units import (
    CM_PER_INCH,
    cm_to_feet_inches,
    convert,
    format_pace,
    format_weight,
    split_inches,
    split_stones,
    to_kg,
)

weights = st.floats(min_value=30, max_value=700, allow_nan=False)


@given(weights)
def test_pounds_to_kilograms_and_back_is_the_same_weight(value: float) -> None:
    assert convert(convert(value, "lb", "kg"), "kg", "lb") == pytest.approx(value, rel=1e-12)


@given(weights)
def test_stones_are_pounds_underneath(value: float) -> None:
    assert to_kg(value, "st") == to_kg(value, "lb")


@given(st.floats(min_value=0, max_value=700, allow_nan=False))
def test_splitting_into_stones_keeps_the_total(pounds: float) -> None:
    stones, rest = split_stones(pounds)
    assert 0 <= rest < 14
    assert stones * 14 + rest == pytest.approx(round(pounds, 1), abs=1e-9)


def test_one_pound_is_the_legal_kilogram_fraction() -> None:
    # 1 lb = 0.45359237 kg exactly (international yard and pound agreement, 1959).
    assert to_kg(1, "lb") == 0.45359237


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (150, "lb", "150 lb"),
        (68.5, "kg", "68.5 kg"),
        (158, "st", "11 st 4 lb"),
        (154, "st", "11 st"),
        (1234.5, "lb", "1,234.5 lb"),
    ],
)
def test_weights_are_written_plainly(value: float, unit: str, text: str) -> None:
    assert format_weight(value, unit) == text  # type: ignore[arg-type]


def test_paces_are_written_in_pounds_for_stones() -> None:
    assert format_pace(1.0, "st") == "1 lb a week"
    assert format_pace(0.25, "lb") == "0.25 lb a week"
    assert format_pace(0.5, "kg") == "0.5 kg a week"


@given(st.floats(min_value=120, max_value=230))
def test_height_in_feet_and_inches_is_within_half_an_inch(cm: float) -> None:
    feet, inches = cm_to_feet_inches(cm)
    assert 0 <= inches < 12
    assert abs((feet * 12 + inches) * CM_PER_INCH - cm) <= 0.5 * 2.54 + 1e-9


def test_inches_split_into_feet_and_the_inches_left_over() -> None:
    assert split_inches(67.5) == (5, 7.5)
    assert split_inches(72.0) == (6, 0.0)
    assert split_inches(47.5) == (3, 11.5)


def test_split_stones_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        split_stones(float("nan"))
