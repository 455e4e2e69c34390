"""Reading a reader's weigh-ins, The Hacker's Diet trend, the weekly rate and its verdict."""

from __future__ import annotations

import csv
import io
import math
import tomllib
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import FORMULAS, WEIGH_IN_TODAY, daily_weigh_ins, hostile_csv_text

from runners_face.exports import csv_text, safe_cell, weighins_csv
from runners_face.units import KG_PER_LB, WEIGHT_BOUNDS_KG
from runners_face.weighin_trend import days_to_weight, smooth, t_quantile_95, trend
from runners_face.weighins import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    WEIGHT_SLACK_KG,
    WeighInError,
    WeighIns,
    decode_upload,
    parse_csv,
    parse_rows,
    weight_kg,
)

TODAY = WEIGH_IN_TODAY  # 30 November 2026
LB = KG_PER_LB


def read(text: str, units: str = "kg", **options: object) -> WeighIns:
    return parse_csv(text, units, today=TODAY, **options)  # type: ignore[arg-type]


def error(text: str, units: str = "kg", **options: object) -> WeighInError:
    with pytest.raises(WeighInError) as caught:
        read(text, units, **options)
    return caught.value


def daily(start: date, weights_kg: list[float]) -> WeighIns:
    return WeighIns(tuple((start + timedelta(days=i), w) for i, w in enumerate(weights_kg)), "kg")


# --- columns and units -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Date,Weight (kg)\n2026-01-05,82.5\n", "kg"),
        ("date,weight_lb\n2026-01-05,181.9\n", "lb"),
        ("Date\tWeight (lbs)\n2026-01-05\t181.9\n", "lb"),
        ("Datum;Gewicht (kg)\n05.01.2026;82,5\n", "kg"),
        ('"Date","Weight (kg)","Fat mass (kg)","Bone mass (kg)"\n"2026-01-05 07:12:44","82.5","20.1","3.1"\n', "kg"),
        ("#Version:6\n#Units:kg\n#date;weight;weight trend;body fat\n2026-01-05T07:21:43.000Z;82.5;82.9;;\n", "kg"),
        ("Weight (kg),Date\n82.5,2026-01-05\n", "kg"),
    ],
)
def test_the_date_and_weight_columns_are_found_by_their_headers(text: str, unit: str) -> None:
    weighins = read(text, units="st")  # every header names its unit, so the reader's units are not used
    assert weighins.unit == unit
    assert weighins.days == (date(2026, 1, 5),)
    assert weighins.weights_kg[0] == pytest.approx(82.5, abs=0.05)
    assert weighins.problems == ()


def test_without_a_header_the_columns_are_found_by_what_they_hold() -> None:
    assert read("2026-01-05,82.5\n2026-01-06,82.1\n").weights_kg == (82.5, 82.1)
    assert read("82.5,2026-01-05\n82.1,2026-01-06\n").days == (date(2026, 1, 5), date(2026, 1, 6))
    assert read("2026-01-05 82.5\n2026-01-06  82.1 kg\n").weights_kg == (82.5, 82.1)


def test_a_column_of_trend_or_body_fat_is_never_taken_for_the_weight() -> None:
    weighins = read("date,weight trend,body fat,weight\n2026-01-05,90,30,82.5\n")
    assert weighins.weights_kg == (82.5,)


def test_the_readers_units_apply_to_bare_numbers_and_a_unit_in_the_cell_wins() -> None:
    assert read("2026-01-05,180\n", units="lb").weights_kg[0] == pytest.approx(180 * LB)
    assert read("2026-01-05,82.5 kg\n", units="lb").weights_kg[0] == 82.5
    assert read("2026-01-05,180 lbs\n", units="kg").weights_kg[0] == pytest.approx(180 * LB)


@pytest.mark.parametrize(
    ("cell", "pounds"),
    [("11 st 4 lb", 158), ("11st 4", 158), ("11 st", 154), ("11.5", 161), ("160", 160), ("12 stone 0.5 lb", 168.5)],
)
def test_stones_are_read_as_stones_and_pounds(cell: str, pounds: float) -> None:
    weighins = read(f"2026-01-05,{cell}\n", units="st")
    assert weighins.weights_kg[0] == pytest.approx(pounds * LB)


def test_fourteen_pounds_or_more_after_the_stones_is_not_a_weight() -> None:
    weighins = read("2026-01-05,11 st 14 lb\n2026-01-06,11 st 2 lb\n", units="st")
    assert [p.row for p in weighins.problems] == [1]


def test_a_decimal_comma_is_read_in_a_semicolon_file_and_where_a_comma_split_it() -> None:
    assert read("05.01.2026;82,5\n14.01.2026;82,1\n").weights_kg == (82.5, 82.1)
    assert read("2026-01-05,82,5\n2026-01-06,82,1\n").weights_kg == (82.5, 82.1)


def test_several_weigh_ins_on_one_day_give_their_mean_and_one_point() -> None:
    weighins = read("date,weight\n2026-01-05 07:00,82.0\n2026-01-05 21:00,83.0\n2026-01-06,82.2\n")
    assert weighins.days == (date(2026, 1, 5), date(2026, 1, 6))
    assert weighins.weights_kg == (82.5, 82.2)
    assert weighins.counts == (2, 1)
    assert len(weighins.readings) == 3  # the download keeps every reading


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "2026-01-13",
        "2026/01/13",
        "20260113",
        "2026-01-13T07:21:43.000Z",
        "13/01/2026",
        "01/13/2026",
        "13.01.26",
        "13-01-2026 07:30",
        "13 Jan 2026",
        "13th January 2026",
        "Jan 13, 2026",
        "Tue 13 January 2026",
        "January 13 2026 at 7:30",
    ],
)
def test_common_date_styles_are_read(cell: str) -> None:
    assert read(f'"{cell}",82.5\n').days == (date(2026, 1, 13),)


def test_one_date_with_a_day_over_12_decides_the_order_for_the_whole_column() -> None:
    weighins = read("03/04/2026,82.5\n13/04/2026,82.0\n")
    assert weighins.days == (date(2026, 4, 3), date(2026, 4, 13))
    assert (weighins.date_order, weighins.order_source) == ("dmy", "data")
    weighins = read("04/03/2026,82.5\n04/13/2026,82.0\n")
    assert weighins.days == (date(2026, 4, 3), date(2026, 4, 13))
    assert weighins.date_order == "mdy"


def test_ambiguous_dates_are_read_the_way_that_keeps_them_close_together() -> None:
    # Day first, these are 1-5 February; month first, five months apart.
    weighins = read("".join(f"0{d}/02/2026,82.{d}\n" for d in range(1, 6)))
    assert weighins.days[0] == date(2026, 2, 1) and weighins.days[-1] == date(2026, 2, 5)
    assert not weighins.ambiguous_dates


def test_an_order_that_puts_dates_in_the_future_is_not_chosen() -> None:
    # 11/12/2026 day first is 11 December 2026, after 'today'; month first it is 12 November.
    weighins = read("11/12/2026,82.5\n")
    assert weighins.days == (date(2026, 11, 12),)


def test_dates_that_stay_ambiguous_are_reported_unless_the_reader_or_locale_decides() -> None:
    problem = error("date,weight\n03/04/2026,82.5\n")
    assert problem.code == "ambiguous_dates" and problem.row == 2 and problem.column == "date"
    assert read("03/04/2026,82.5\n", prefer="mdy").days == (date(2026, 3, 4),)
    assert read("03/04/2026,82.5\n", prefer="mdy").ambiguous_dates
    assert read("03/04/2026,82.5\n", date_order="dmy").days == (date(2026, 4, 3),)


def test_a_forced_order_wins_over_what_the_column_suggests() -> None:
    weighins = read("03/04/2026,82.5\n03/05/2026,82.0\n", date_order="mdy")
    assert weighins.days == (date(2026, 3, 4), date(2026, 3, 5))


def test_a_date_that_contradicts_the_columns_order_is_skipped_and_named() -> None:
    weighins = read("date,weight\n13/01/2026,82.5\n14/01/2026,82.3\n01/15/2026,82.0\n")
    assert weighins.days == (date(2026, 1, 13), date(2026, 1, 14))
    (problem,) = weighins.problems
    assert (problem.row, problem.column, problem.reason) == (4, "date", "is not a real date")


def test_future_dates_and_impossible_weights_are_skipped_keeping_the_good_rows() -> None:
    text = "Date,Weight (lb)\n2026-11-01,180\n2027-01-01,180\n2026-11-02,5000\n2026-11-03,20\n2026-11-04,179\n"
    weighins = read(text, units="kg")
    assert weighins.days == (date(2026, 11, 1), date(2026, 11, 4))
    assert [(p.row, p.column, p.code) for p in weighins.problems] == [
        (3, "Date", "future_date"),
        (4, "Weight (lb)", "impossible_weight"),
        (5, "Weight (lb)", "impossible_weight"),
    ]
    assert "66 to 705 lb" in weighins.problems[1].reason


def test_tomorrow_is_allowed_for_a_reader_whose_day_has_already_begun() -> None:
    assert read("2026-12-01,82.5\n").days == (date(2026, 12, 1),)
    assert read("2026-12-02,82.5\n2026-11-30,82.5\n").problems[0].code == "future_date"


# --- bad input -------------------------------------------------------------------------


def test_every_bad_row_is_named_by_row_and_column_and_says_why() -> None:
    text = "date,weight\n2026-01-05,82.5\nyesterday,82.4\n2026-01-07,\n,82.1\n2026-01-09,about 82\n2026-01-10,82.0\n"
    weighins = read(text)
    assert weighins.weights_kg == (82.5, 82.0)
    messages = [p.message for p in weighins.problems]
    assert messages == [
        "Row 3, column “date”: “yesterday” is not a date",
        "Row 4 (2026-01-07), column “weight”: there is no weight",
        "Row 5, column “date”: there is no date",
        "Row 6 (2026-01-09), column “weight”: “about 82” is not a weight",
    ]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_is_never_read_as_a_date_or_a_weight(formula: str) -> None:
    weighins = read(f'date,weight\n2026-01-05,"{formula}"\n"{formula}",82.0\n2026-01-07,82.1\n')
    assert weighins.weights_kg == (82.1,)
    assert [p.row for p in weighins.problems] == [2, 3]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("  \n\t\n", "empty"),
        ("Date,Weight\n", "empty"),
        ("hello\nworld\n", "no_date_column"),
        ("2026-01-05\n2026-01-06\n", "no_weight_column"),
        ("date,weight\nx,y\n", "no_rows"),
        ("\x01\x02\x03\x04" * 100, "not_text"),
        ("2026-01-05,82.5\n" * (MAX_ROWS + 5), "too_big"),
        ("x" * (MAX_UPLOAD_BYTES + 1), "too_big"),
    ],
)
def test_a_file_that_cannot_be_used_at_all_raises_one_plain_error(text: str, code: str) -> None:
    problem = error(text)
    assert problem.code == code
    assert problem.reason[0].isupper() or problem.row is not None


def test_when_no_row_can_be_read_the_error_names_the_first_bad_one() -> None:
    problem = error("date,weight\n2026-01-05,heavy\n2026-01-06,heavier\n")
    assert (problem.row, problem.column, problem.code) == (2, "weight", "no_rows")
    assert "“heavy” is not a weight" in problem.reason


def test_a_quoted_cell_is_shortened_and_stripped_of_control_characters() -> None:
    weighins = read("date,weight\n2026-01-05,82.5\n2026-01-06," + "\x07" + "z" * 100 + "\n")
    assert weighins.problems[0].value == "z" * 23 + "…"


def test_uploads_are_decoded_or_refused_with_a_reason() -> None:
    assert decode_upload("\ufeffdate,weight\n".encode()) == "date,weight\n"
    assert decode_upload("date,weight\n".encode("utf-16")) == "date,weight\n"
    assert decode_upload("Gewicht,82½\n".encode("cp1252")) == "Gewicht,82½\n"
    for data, code in [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not_text"),
        (b"x" * (MAX_UPLOAD_BYTES + 1), "too_big"),
    ]:
        with pytest.raises(WeighInError) as caught:
            decode_upload(data)
        assert caught.value.code == code


def test_the_tables_rows_are_numbered_from_one_and_named_by_its_columns() -> None:
    rows = [("2026-01-05", "82.5"), ("", ""), ("2026-01-07", "eighty"), (None, float("nan"))]
    weighins = parse_rows(rows, "kg", today=TODAY, names=("Date", "Weight (kg)"))
    assert weighins.weights_kg == (82.5,)
    assert weighins.problems[0].message == "Row 3 (2026-01-07), column “Weight (kg)”: “eighty” is not a weight"
    with pytest.raises(WeighInError):
        parse_rows([("", "")], "kg", today=TODAY)


# --- property tests --------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(hostile_csv_text(), st.sampled_from(["lb", "kg", "st"]))
def test_any_text_gives_weigh_ins_or_a_plain_error_never_anything_else(text: str, units: str) -> None:
    try:
        weighins = read(text, units)
    except WeighInError as problem:
        assert problem.message and problem.code
        return
    low, high = WEIGHT_BOUNDS_KG
    assert all(low - WEIGHT_SLACK_KG <= kg <= high + WEIGHT_SLACK_KG for _, kg in weighins.readings)
    assert all(day <= TODAY + timedelta(days=1) for day in weighins.days)
    assert list(weighins.days) == sorted(set(weighins.days))
    assert all(p.row is not None and p.message for p in weighins.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["lb", "kg", "st"]))
def test_any_unicode_text_at_all_gives_weigh_ins_or_a_plain_error(text: str, units: str) -> None:
    try:
        result = read(text, units)
    except WeighInError as problem:
        assert problem.message
    else:
        assert isinstance(result, WeighIns) and result.readings


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_to_text_or_a_plain_error(data: bytes) -> None:
    try:
        text = decode_upload(data)
    except WeighInError as problem:
        assert problem.code in {"empty", "not_text", "too_big"}
        return
    try:
        result = read(text)
    except WeighInError as problem:
        assert problem.message
    else:
        assert isinstance(result, WeighIns) and result.readings


@settings(max_examples=100, deadline=None)
@given(daily_weigh_ins(), st.sampled_from(["lb", "kg", "st"]))
def test_a_download_reads_back_as_the_same_weigh_ins(readings: list[tuple[date, float]], unit: str) -> None:
    original = WeighIns(tuple(readings), "kg")
    back = read(weighins_csv(original, unit), units="kg")  # type: ignore[arg-type]
    assert back.days == original.days
    tolerance = 0.05 if unit == "kg" else 0.05 * LB
    assert all(abs(a - b) <= tolerance + 1e-9 for a, b in zip(back.weights_kg, original.weights_kg, strict=True))


@settings(max_examples=150, deadline=None)
@given(daily_weigh_ins(min_size=1, max_size=80), st.integers(7, 60))
def test_the_trend_of_any_weigh_ins_is_a_result_within_their_range(
    readings: list[tuple[date, float]], window: int
) -> None:
    weighins = WeighIns(tuple(readings), "kg")
    result = trend(weighins, window)
    assert result.first_day is not None and result.last_day is not None
    kept = [w for d, w in zip(weighins.days, weighins.weights_kg, strict=True) if d not in result.left_out]
    assert all(min(kept) - 1e-9 <= value <= max(kept) + 1e-9 for value in result.smoothed)
    if result.enough:
        assert result.rate_low is not None and result.rate_high is not None and result.rate_kg_per_week is not None
        assert result.rate_low <= result.rate_kg_per_week <= result.rate_high
        assert all(math.isfinite(v) for v in (result.rate_low, result.rate_high))
    else:
        assert result.reason and result.rate_kg_per_week is None


# --- The Hacker's Diet trend -----------------------------------------------------------


def test_the_trend_follows_the_hackers_diet_worked_example_by_hand() -> None:
    # The worked example in smooth()'s docstring: each day the trend moves a tenth of the way
    # to that day's weight; day 2 has no weigh-in and gets 78.5, halfway from 79.0 to 78.0.
    #   T0 = 80.0
    #   T1 = 80.0  + 0.1 * (79.0 - 80.0)  = 79.9
    #   T2 = 79.9  + 0.1 * (78.5 - 79.9)  = 79.76
    #   T3 = 79.76 + 0.1 * (78.0 - 79.76) = 79.584
    days = [date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 8)]
    assert smooth(days, [80.0, 79.0, 78.0]) == pytest.approx((80.0, 79.9, 79.76, 79.584))


def test_the_trend_moves_ten_percent_of_the_way_to_a_single_jump() -> None:
    # Walker's own illustration: a jump of 2 lb moves the trend 0.2 lb the first day.
    days = [date(2026, 1, 1) + timedelta(days=d) for d in range(3)]
    assert smooth(days, [150.0, 152.0, 152.0]) == pytest.approx((150.0, 150.2, 150.38))


def test_a_gap_is_filled_on_the_straight_line_between_the_weigh_ins_either_side() -> None:
    days = [date(2026, 1, 1), date(2026, 1, 5)]  # three days missing
    # Filled: 80, 79, 78, 77, 76.
    expected = [80.0]
    for value in (79.0, 78.0, 77.0, 76.0):
        expected.append(expected[-1] + 0.1 * (value - expected[-1]))
    assert smooth(days, [80.0, 76.0]) == pytest.approx(tuple(expected))


# --- the rate and its interval ---------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "value"),
    # Student's t, 95th percentile (one-sided 0.05), from any printed table.
    [(1, 6.3138), (2, 2.9200), (5, 2.0150), (10, 1.8125), (26, 1.7056), (120, 1.6577)],
)
def test_t_quantiles_match_the_printed_tables(df: float, value: float) -> None:
    assert t_quantile_95(df) == pytest.approx(value, abs=1e-4)


def test_a_fractional_t_quantile_lies_between_its_whole_neighbours() -> None:
    assert t_quantile_95(3) < t_quantile_95(2.5) < t_quantile_95(2)


def test_a_steady_straight_line_gives_its_own_rate_with_no_doubt() -> None:
    weights = [100.0 - 0.1 * d for d in range(28)]  # 0.7 kg a week
    result = trend(daily(date(2026, 10, 1), weights))
    assert result.enough and result.n == 28 and result.days == 28
    assert result.rate_kg_per_week == pytest.approx(-0.7)
    assert result.rate_low == pytest.approx(-0.7) and result.rate_high == pytest.approx(-0.7)
    assert result.level_kg == pytest.approx(97.3)


def test_the_fit_matches_an_independent_least_squares_and_the_t_table() -> None:
    # Every other day: no consecutive days, so the day-to-day correlation cannot be measured and
    # the cautious 0.3 is taken: 8 weigh-ins count as 8 x 0.7 / 1.3 = 4.31 independent ones.
    days = [date(2026, 10, 1) + timedelta(days=2 * i) for i in range(8)]
    weights = [90.0, 89.9, 89.4, 89.6, 89.0, 89.1, 88.5, 88.6]
    result = trend(WeighIns(tuple(zip(days, weights, strict=True)), "kg"))
    x = np.array([(d - days[-1]).days for d in days], dtype=float)
    slope, intercept = np.polyfit(x, weights, 1)
    residuals = np.array(weights) - (intercept + slope * x)
    n_e = 8 * (1 - 0.3) / (1 + 0.3)
    se = math.sqrt(residuals @ residuals / (n_e - 2) / ((x - x.mean()) ** 2).sum())
    t = t_quantile_95(n_e - 2)  # checked against the t table in its own test
    assert result.rate_kg_per_week == pytest.approx(7 * slope)
    assert result.rate_low == pytest.approx(7 * (slope - t * se), abs=1e-4)
    assert result.rate_high == pytest.approx(7 * (slope + t * se), abs=1e-4)
    assert result.level_kg == pytest.approx(intercept)


def test_correlated_swings_widen_the_interval_and_alternating_ones_never_narrow_it() -> None:
    line = [90.0 - 0.1 * d for d in range(28)]
    runs = [w + (0.4 if (d // 4) % 2 else -0.4) for d, w in enumerate(line)]  # four days up, four down
    zigzag = [w + (0.4 if d % 2 else -0.4) for d, w in enumerate(line)]  # up, down, up, down

    def plain_half_width(weights: list[float]) -> float:
        x = np.arange(28.0)
        slope, intercept = np.polyfit(x, weights, 1)
        residuals = np.array(weights) - (intercept + slope * x)
        return float(7 * 1.7056 * math.sqrt(residuals @ residuals / 26 / ((x - x.mean()) ** 2).sum()))

    for weights, wider in ((runs, True), (zigzag, False)):
        result = trend(daily(date(2026, 10, 1), weights))
        assert result.rate_high is not None and result.rate_low is not None
        half = (result.rate_high - result.rate_low) / 2
        if wider:
            assert half > 1.5 * plain_half_width(weights)
        else:
            assert half == pytest.approx(plain_half_width(weights), rel=1e-3)


def test_only_the_last_four_weeks_set_the_rate() -> None:
    gaining = [80.0 + 0.1 * d for d in range(40)]
    losing = [gaining[-1] - 0.1 * d for d in range(1, 29)]
    result = trend(daily(date(2026, 8, 1), gaining + losing))
    assert result.rate_kg_per_week == pytest.approx(-0.7)
    assert result.n == 28 and result.window_days == 28


@pytest.mark.parametrize(
    ("offsets", "why"),
    [
        ([0, 1, 2, 3, 4, 5], "6 weigh-ins over 6 days"),
        ([0, 3, 6, 9, 12, 15, 18], None),
        ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "13 weigh-ins over 13 days"),
        ([0, 4, 8, 13], "4 weigh-ins over 14 days"),
    ],
)
def test_too_little_data_is_a_clear_result_not_an_error(offsets: list[int], why: str | None) -> None:
    start = date(2026, 10, 1)
    result = trend(WeighIns(tuple((start + timedelta(days=o), 80.0 - 0.05 * o) for o in offsets), "kg"))
    if why is None:
        assert result.enough
    else:
        assert not result.enough and result.rate_kg_per_week is None and result.reason.startswith(why)
        assert len(result.smoothed) == offsets[-1] + 1  # the trend is still drawn


def test_a_typing_mistake_far_from_its_neighbours_is_left_out_of_trend_and_rate() -> None:
    weights = [182 * LB - 0.15 * d for d in range(28)]
    weights[20] = 128 * LB  # 182 typed as 128
    result = trend(daily(date(2026, 10, 1), weights))
    assert result.left_out == (date(2026, 10, 21),)
    assert result.rate_kg_per_week == pytest.approx(-1.05)
    assert min(result.smoothed) > 170 * LB


def test_the_swing_band_holds_most_weigh_ins_around_the_trend() -> None:
    rng = np.random.default_rng(3)
    weights = list(90.0 - 0.1 * np.arange(28) + rng.normal(0, 0.4, 28))
    weighins = daily(date(2026, 10, 1), weights)
    result = trend(weighins)
    assert result.swing_kg is not None
    low, high = result.swing_kg
    inside = sum(low <= w - s <= high for w, s in zip(weights, result.smoothed, strict=True))
    assert 0.8 * 28 <= inside <= 28
    assert low < 0 < high or high < 0  # losing: weigh-ins sit below the lagging trend


# --- the way to a weight ---------------------------------------------------------------


def test_a_line_reaches_a_weight_at_its_rate_rounded_up_to_whole_days() -> None:
    assert days_to_weight(90.0, -0.5, 85.0) == 70
    assert days_to_weight(90.0, -0.3, 89.9) == 3  # 2.33 days
    assert days_to_weight(90.0, -0.5, 95.0) == 0
    assert days_to_weight(90.0, 0.2, 85.0) is None
    assert days_to_weight(90.0, 0.0, 85.0) is None


# --- downloads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("2026-01-05", "2026-01-05"),
        ("82.5", "82.5"),
        ("", ""),
    ],
)
def test_a_download_cell_never_starts_a_formula(cell: str, safe: str) -> None:
    assert safe_cell(cell) == safe


def test_a_hostile_row_is_written_inert_and_the_weigh_ins_file_is_plain() -> None:
    rows = list(csv.reader(io.StringIO(csv_text([["date", "note"], ["2026-01-05", "=cmd|' /C calc'!A0"]]))))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    weighins = read("date,weight\n2026-01-06,82.25\n2026-01-05,82.5\n")
    assert weighins_csv(weighins, "kg") == "date,weight_kg\r\n2026-01-06,82.2\r\n2026-01-05,82.5\r\n"
    assert weighins_csv(weighins, "st").startswith("date,weight_lb\r\n2026-01-06,181.")


def test_the_server_refuses_uploads_bigger_than_the_page_reads() -> None:
    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 <= MAX_UPLOAD_BYTES


def test_one_cell_is_read_as_a_weight_in_any_unit() -> None:
    assert weight_kg("11 st 4 lb", "st") == pytest.approx(158 * LB)
    assert weight_kg("82.5", "kg") == 82.5
    assert weight_kg("=1+1", "kg") is None


def test_too_little_recent_data_says_the_count_is_for_the_last_four_weeks() -> None:
    monthly = WeighIns(tuple((date(2026, m, 1), 80.0 - m) for m in range(1, 10)), "kg")
    result = trend(monthly)
    assert not result.enough
    assert result.reason.startswith("1 weigh-in over 1 day in the last 28 days: the pace needs")
