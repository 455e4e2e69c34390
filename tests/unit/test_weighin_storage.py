"""The weigh-ins kept in the reader's browser: the stored value comes back exactly, and anything
else a browser may hold (another version's value, a damaged or hand-edited one, one over the caps)
is named and never used; the browser's report is read as strictly as an upload."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import daily_weigh_ins, hostile_csv_text

from runners_face.units import UNITS, Unit
from runners_face.weighin_storage import (
    APP,
    KIND,
    MAX_STORED_CHARS,
    MAX_STORED_ROWS,
    REPORT,
    VERSION,
    BrowserReport,
    decode,
    encode,
)
from runners_face.weighins import convert_text, parse_csv, weigh_in_lines

TODAY = date(2026, 12, 2)


def value(rows: object, **fields: object) -> str:
    return json.dumps({"app": APP, "kind": KIND, "version": VERSION, "rows": rows, **fields})


@settings(max_examples=200, deadline=None)
@given(daily_weigh_ins(min_size=1, max_size=80))
def test_stored_weigh_ins_come_back_as_they_were(readings: list[tuple[date, float]]) -> None:
    stored, dropped = encode(readings)
    restored = decode(stored, max(day for day, _ in readings))
    assert dropped == 0 and restored.problem is None and restored.weighins is not None
    back = restored.weighins.readings
    assert [day for day, _ in back] == sorted(day for day, _ in readings)
    for (_, kg), (_, original) in zip(back, sorted(readings, key=lambda r: r[0]), strict=True):
        assert abs(kg - original) < 1e-4


@settings(max_examples=100, deadline=None)
@given(daily_weigh_ins(min_size=1, max_size=40), st.sampled_from(UNITS))
def test_the_boxs_lines_read_back_as_the_same_weigh_ins_in_every_unit(
    readings: list[tuple[date, float]], unit: Unit
) -> None:
    text = weigh_in_lines(readings, unit)
    read = parse_csv(text, unit, today=max(day for day, _ in readings))
    assert [day for day, _ in read.readings] == sorted(day for day, _ in readings)
    step = 0.05 if unit == "kg" else 0.05 * 0.4536
    for (_, kg), (_, original) in zip(read.readings, sorted(readings, key=lambda r: r[0]), strict=True):
        assert abs(kg - original) <= step + 1e-9  # 0.1 lb or kg as written


def test_only_the_latest_readings_are_kept_and_the_value_stays_under_its_cap() -> None:
    first = TODAY - timedelta(days=MAX_STORED_ROWS + 49)
    readings = [(first + timedelta(days=d), 80.0 + d % 7 * 0.1234) for d in range(MAX_STORED_ROWS + 50)]
    stored, dropped = encode(readings)
    assert dropped == 50 and len(stored) < MAX_STORED_CHARS
    restored = decode(stored, TODAY)
    assert restored.weighins is not None and len(restored.weighins.readings) == MAX_STORED_ROWS
    assert restored.weighins.days[0] == first + timedelta(days=50) and restored.weighins.days[-1] == TODAY


@pytest.mark.parametrize(
    ("stored", "problem"),
    [
        (value([["2026-11-30", 82.5]], version=0), "version"),  # an older page's value
        (value([["2026-11-30", 82.5]], version=2), "version"),  # a newer page's
        (json.dumps({"rows": [["2026-11-30", 82.5]]}), "damaged"),  # not the page's
        ('{"app": "runners-face", "rows": [["2026-', "damaged"),  # cut short
        ("[" * 100_000, "too_big"),
        ("[" * 5_000 + "]" * 5_000, "damaged"),  # deep, not ours
        (value("2026-11-30,82.5"), "damaged"),
        (value([["2026-11-30", 82.5]] * (MAX_STORED_ROWS + 1)), "too_big"),
        (value([["yesterday", 82.5], ["2026-11-30", "heavy"], [None, None], "x"]), "no_rows"),
        ("", "damaged"),
    ],
    ids=["older", "newer", "not-ours", "cut-short", "huge", "deep", "rows-not-a-list", "too-many", "no-row", "empty"],
)
def test_a_value_that_cannot_be_used_is_named_and_gives_no_weigh_ins(stored: str, problem: str) -> None:
    restored = decode(stored, TODAY)
    assert restored.problem == problem and restored.weighins is None


def test_rows_edited_by_hand_are_read_as_an_upload_and_the_bad_ones_left_out() -> None:
    rows = [
        ["2026-11-28", 82.5],
        ["2026-11-29", 820],  # not a possible weight
        ["2026-12-25", 82.0],  # in the future
        ["30/11/2026", 82.1],  # another way of writing a date, as an upload may
        ["2026-12-01", True],
        ["2026-12-01", "=1+1"],
        ["2026-12-02", 81.9],
    ]
    restored = decode(value(rows), TODAY)
    assert restored.problem is None and restored.weighins is not None
    assert restored.weighins.days == (date(2026, 11, 28), date(2026, 11, 30), date(2026, 12, 2))
    assert restored.skipped == 4


def test_an_empty_list_of_rows_is_a_good_value_with_no_weigh_ins() -> None:
    restored = decode(encode(())[0], TODAY)
    assert restored.problem is None and restored.weighins is None and restored.skipped == 0


@settings(max_examples=200, deadline=None)
@given(st.one_of(hostile_csv_text(), st.text(max_size=300), st.binary(max_size=200).map(repr)))
def test_anything_a_browser_may_hold_is_read_without_raising(stored: str) -> None:
    restored = decode(stored, TODAY)
    assert (restored.problem is None) or restored.weighins is None


def test_the_report_round_trips_and_anything_else_reads_as_none_or_as_nothing_known() -> None:
    report = BrowserReport("abc", 3, "local", "value", None, True)
    assert REPORT.deserialize(REPORT.serialize(report)) == report
    assert REPORT.deserialize(None) is None and REPORT.deserialize("x") is None
    assert REPORT.deserialize({"session": "abc", "count": True}) is None
    odd = REPORT.deserialize({"session": "abc", "count": 1, "where": "server", "value": 5, "problem": "?"})
    assert odd == BrowserReport("abc", 1, None, None, None, False)
    assert set(REPORT.names().values()) >= {"session", "count", "where", "value", "problem", "fresh", "report"}


def test_a_change_of_units_rewrites_bare_weights_and_leaves_the_rest_as_typed() -> None:
    text = "2026-11-30 182.4\n30/11/2026\t181.0\n1 Dec 2026 11 st 4 lb\n2026-12-01 80 kg\nnot a weigh-in\n"
    assert convert_text(text, "lb", "kg") == (
        "2026-11-30 82.7\n30/11/2026 82.1\n1 Dec 2026 11 st 4 lb\n2026-12-01 80 kg\nnot a weigh-in\n"
    )
    headed = "Date,Weight (lb)\n2026-11-30,182.4\n"
    assert convert_text(headed, "lb", "kg") == headed  # the header says what the numbers are in
