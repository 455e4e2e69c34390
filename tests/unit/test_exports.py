"""Tests for the downloads: plan CSV, checklist Markdown and reminders iCalendar file."""

from __future__ import annotations

import ast
import csv
import io
import itertools
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from runners_face import exports
from runners_face.content import Tip
from runners_face.pace import PacePlan, plan
from runners_face.units import from_kg, to_kg
from runners_face.weighin_trend import WEIGH_INS_NEEDED

START = date(2026, 11, 25)  # a Wednesday


def lb_plan(weight: float = 180, goal: float = 165, pace: float = 1.0, start: date = START) -> PacePlan:
    return plan(to_kg(weight, "lb"), to_kg(goal, "lb"), to_kg(pace, "lb"), start, "lb")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def events(ics: bytes) -> dict[str, Event]:
    calendar = Calendar.from_ical(ics)
    return {str(event["SUMMARY"]): event for event in calendar.events}


TIPS = (
    Tip("sunscreen", "Wear broad-spectrum sunscreen.", "UV light ages skin.", "sun"),
    Tip("slow-loss", "Lose weight slowly.", "Fast loss can hollow the face.", "pace"),
    Tip("sleep", "Sleep well.", "Rest helps recovery.", "rest"),
)


# --- plan_csv ---------------------------------------------------------------------------


def test_the_csv_has_a_header_and_starts_at_the_start_weight_on_the_start_date() -> None:
    table = rows(exports.plan_csv(lb_plan(), "lb"))
    assert table[0] == ["date", "week", "weight_lb"]
    assert table[1] == ["2026-11-25", "0", "180.0"]


def test_the_csv_ends_at_the_goal_weight_on_the_goal_date() -> None:
    the_plan = lb_plan()
    table = rows(exports.plan_csv(the_plan, "lb"))
    assert the_plan.goal_date == date(2027, 3, 10)
    assert table[-1] == ["2027-03-10", "15", "165.0"]


def test_the_csv_has_one_row_a_week_and_no_duplicate_goal_row_on_a_whole_week() -> None:
    table = rows(exports.plan_csv(lb_plan(), "lb"))[1:]
    assert len(table) == 16  # weeks 0 to 15
    dates = [date.fromisoformat(row[0]) for row in table]
    assert all(later - earlier == timedelta(days=7) for earlier, later in itertools.pairwise(dates))


def test_a_partial_final_week_gets_its_own_goal_row() -> None:
    the_plan = plan(82.0, 75.3, 0.5, START, "kg")
    table = rows(exports.plan_csv(the_plan, "kg"))
    assert the_plan.days == 94
    assert table[0] == ["date", "week", "weight_kg"]
    assert len(table) - 1 == 14 + 1  # weeks 0..13, then the goal
    assert table[-2] == [(START + timedelta(days=91)).isoformat(), "13", "75.5"]
    assert table[-1] == [the_plan.goal_date.isoformat(), "13.4", "75.3"]


def test_the_readers_running_is_on_every_row_in_their_distance_unit() -> None:
    kg = rows(exports.plan_csv(plan(82.0, 75.0, 0.5, START, "kg"), "kg", (20.0, 30.0)))
    assert kg[0] == ["date", "week", "weight_kg", "run_km_a_week_now", "run_km_a_week_planned"]
    assert all(row[3:] == ["20", "30"] for row in kg[1:])
    miles = rows(exports.plan_csv(lb_plan(), "st", (10.0, 10.0)))
    assert miles[0][3:] == ["run_mi_a_week_now", "run_mi_a_week_planned"] and miles[-1][3:] == ["10", "10"]
    assert rows(exports.plan_csv(lb_plan(), "lb"))[0] == ["date", "week", "weight_lb"]


def test_csv_weights_never_rise() -> None:
    weights = [float(row[2]) for row in rows(exports.plan_csv(plan(82.0, 75.3, 0.5, START, "kg"), "kg"))[1:]]
    assert weights == sorted(weights, reverse=True)


def test_kg_plans_are_written_in_kilograms() -> None:
    table = rows(exports.plan_csv(plan(82.0, 75.0, 0.5, START, "kg"), "kg"))
    assert table[0][2] == "weight_kg"
    assert table[1][2] == "82.0"
    assert table[2][2] == "81.5"
    assert table[-1][2] == "75.0"


def test_the_same_plan_in_pounds_is_converted() -> None:
    table = rows(exports.plan_csv(plan(82.0, 75.0, 0.5, START, "kg"), "lb"))
    assert table[0][2] == "weight_lb"
    assert table[1][2] == "180.8"  # 82 kg
    assert table[-1][2] == "165.3"  # 75 kg


def test_stones_are_written_as_pounds() -> None:
    assert exports.plan_csv(lb_plan(), "st") == exports.plan_csv(lb_plan(), "lb")


@given(
    weight=st.floats(min_value=50, max_value=200),
    loss=st.floats(min_value=0.1, max_value=60),
    pace=st.floats(min_value=0.1, max_value=1.4),
    unit=st.sampled_from(["lb", "kg", "st"]),
)
def test_for_any_realistic_plan_the_csv_ends_at_the_goal_and_never_rises(
    weight: float, loss: float, pace: float, unit: exports.Unit
) -> None:
    goal = max(weight - loss, 30.0)
    the_plan = plan(weight, goal, pace, START, "kg")
    table = rows(exports.plan_csv(the_plan, unit))[1:]
    assert table[-1][0] == the_plan.goal_date.isoformat()
    assert float(table[-1][2]) == round(from_kg(goal, unit), 1)
    weights = [float(row[2]) for row in table]
    assert all(later <= earlier for earlier, later in itertools.pairwise(weights))
    assert len(table) == -(-the_plan.days // 7) + 1


# --- checklist_markdown -----------------------------------------------------------------


def test_the_checklist_ticks_exactly_the_ticked_tips_in_order() -> None:
    text = exports.checklist_markdown(TIPS, {"slow-loss"}, "My checklist", None)
    items = [line for line in text.splitlines() if line.startswith("- [")]
    assert items == [
        "- [ ] Wear broad-spectrum sunscreen.",
        "- [x] Lose weight slowly.",
        "- [ ] Sleep well.",
    ]


def test_the_checklist_counts_the_ticked_tips() -> None:
    text = exports.checklist_markdown(TIPS, {"sleep", "sunscreen", "not-a-tip"}, "My checklist", None)
    assert text.startswith("# My checklist\n")
    assert "2 of 3 tips in place." in text


def test_each_tip_is_followed_by_an_indented_why_line() -> None:
    lines = exports.checklist_markdown(TIPS, set(), "T", None).splitlines()
    at = lines.index("- [ ] Lose weight slowly.")
    assert lines[at + 2] == "  Why: Fast loss can hollow the face."


def test_the_link_and_the_disclaimer_are_included() -> None:
    text = exports.checklist_markdown(TIPS, set(), "T", "https://example.org/?tips=sleep")
    assert "Open your checklist again: <https://example.org/?tips=sleep>" in text
    assert text.rstrip().endswith("General information, not medical advice.")


def test_no_link_line_without_a_link() -> None:
    assert "Open your checklist" not in exports.checklist_markdown(TIPS, set(), "T", None)


def test_newlines_in_a_tip_cannot_start_a_heading_or_list_item() -> None:
    tricky = Tip("x", "Line one\n# Not a heading\n- not an item", "Because\n\n## no", "s")
    lines = exports.checklist_markdown([tricky], set(), "T", None).splitlines()
    assert [line for line in lines if line.startswith("#")] == ["# T"]
    assert [line for line in lines if line.startswith("- ")] == ["- [ ] Line one # Not a heading - not an item"]
    assert "  Why: Because ## no" in lines


# --- reminders_ics ----------------------------------------------------------------------


def test_the_calendar_parses_and_has_version_and_prodid() -> None:
    calendar = Calendar.from_ical(exports.reminders_ics(lb_plan(), "lb"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Runner's Face, explained//EN"
    assert len(calendar.events) == 2


def test_the_sunscreen_reminder_repeats_daily_for_a_year_whatever_the_goal() -> None:
    # The medical review: sun protection does not end with a goal (a near goal gave 2 days of it).
    sunscreen = events(exports.reminders_ics(lb_plan(), "lb"))["Sunscreen before your run"]
    rule = sunscreen["RRULE"]
    assert rule["FREQ"] == ["DAILY"]
    assert rule["UNTIL"] == [datetime(2027, 11, 24, 7, 0, tzinfo=UTC)]  # 365 days from 25 November 2026
    assert sunscreen.start == datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
    assert sunscreen.end - sunscreen.start == timedelta(minutes=10)
    assert "not medical advice" in str(sunscreen["DESCRIPTION"])
    (alarm,) = sunscreen.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(0)


def test_with_running_days_the_sunscreen_reminder_is_on_those_days_from_the_first_of_them() -> None:
    # 25 November 2026 is a Wednesday: with Tuesday and Saturday runs the first is Saturday 28th.
    sunscreen = events(exports.reminders_ics(lb_plan(), "lb", run_days={"sa", "tu"}))["Sunscreen before your run"]
    rule = sunscreen["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU", "SA"]
    assert rule["UNTIL"] == [datetime(2027, 11, 24, 7, 0, tzinfo=UTC)]
    assert sunscreen.start == datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    weigh_in = events(exports.reminders_ics(lb_plan(), "lb", run_days={"sa"}))["Morning weigh-in"]
    assert weigh_in["RRULE"]["FREQ"] == ["DAILY"]  # the weigh-ins do not follow the running


def test_review_10_the_weigh_in_is_daily_as_the_weigh_ins_check_needs() -> None:
    # A weekly reminder could never give "Check your real pace" its 7 weigh-ins over 14 days.
    weigh_in = events(exports.reminders_ics(lb_plan(), "lb"))[exports.WEIGH_IN_SUMMARY]
    rule = weigh_in["RRULE"]
    assert rule["FREQ"] == ["DAILY"]
    assert rule["UNTIL"] == [datetime(2027, 3, 10, 8, 0, tzinfo=UTC)]
    assert weigh_in.start == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    description = str(weigh_in["DESCRIPTION"])
    assert "Goal: 165 lb by 10 March 2027. Steady pace: 1 lb a week." in description
    assert WEIGH_INS_NEEDED in description and "each morning" in description


def test_the_weigh_in_description_uses_the_chosen_units() -> None:
    weigh_in = events(exports.reminders_ics(plan(82.0, 75.0, 0.5, START, "kg"), "kg"))[exports.WEIGH_IN_SUMMARY]
    assert "Goal: 75 kg by" in str(weigh_in["DESCRIPTION"])
    assert "Steady pace: 0.5 kg a week." in str(weigh_in["DESCRIPTION"])


def test_times_are_written_in_the_readers_time_zone() -> None:
    ics = exports.reminders_ics(
        lb_plan(), "lb", sunscreen_time=time(6, 30), weigh_in_time=time(7, 15), tz="America/New_York"
    )
    assert b"DTSTART;TZID=America/New_York:20261125T063000" in ics
    assert b"DTSTART;TZID=America/New_York:20261125T071500" in ics
    calendar = Calendar.from_ical(ics)
    assert [zone.tz_name for zone in calendar.timezones] == ["America/New_York"]
    # 07:15 in New York on 10 March 2027, the goal date (still standard time, UTC-5), is 12:15 UTC.
    weigh_in = events(ics)[exports.WEIGH_IN_SUMMARY]
    assert weigh_in["RRULE"]["UNTIL"] == [datetime(2027, 3, 10, 12, 15, tzinfo=UTC)]


@pytest.mark.parametrize("tz", ["Nowhere/Atlantis", "", "../../etc/passwd"])
def test_an_unknown_time_zone_falls_back_to_utc_without_raising(tz: str) -> None:
    ics = exports.reminders_ics(lb_plan(), "lb", tz=tz)
    assert ics == exports.reminders_ics(lb_plan(), "lb", tz="UTC")
    for event in Calendar.from_ical(ics).events:
        assert event.start.utcoffset() == timedelta(0)


def test_every_event_has_the_required_properties() -> None:
    for event in Calendar.from_ical(exports.reminders_ics(lb_plan(), "lb", tz="Europe/London")).events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert name in event
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert event["DTEND"].params["TZID"] == "Europe/London"


def test_the_same_plan_gives_the_same_file_and_uids() -> None:
    assert exports.reminders_ics(lb_plan(), "lb") == exports.reminders_ics(lb_plan(), "lb")
    uids = {str(event["UID"]) for event in Calendar.from_ical(exports.reminders_ics(lb_plan(), "lb")).events}
    assert len(uids) == 2
    other = {str(event["UID"]) for event in Calendar.from_ical(exports.reminders_ics(lb_plan(goal=160), "lb")).events}
    assert uids.isdisjoint(other)


def test_uids_are_bare_uuids_with_no_weights_in_them() -> None:
    the_plan = plan(81.6, 74.8, 0.45, START, "kg")
    for event in Calendar.from_ical(exports.reminders_ics(the_plan, "kg")).events:
        uid = str(event["UID"])
        assert uuid.UUID(uid).version == 5
        for number in ("81.6", "74.8", "0.45", "kg", "lb"):
            assert number not in uid


def test_a_plan_shorter_than_four_weeks_still_gets_four_weeks_of_weigh_ins() -> None:
    # The medical review: weigh-ins that ended before the 14 days the weigh-ins check needs.
    the_plan = lb_plan(weight=180, goal=179, pace=2.0)
    assert the_plan.days < 7
    found = events(exports.reminders_ics(the_plan, "lb"))
    weigh_in = found[exports.WEIGH_IN_SUMMARY]
    assert weigh_in["RRULE"]["FREQ"] == ["DAILY"] and weigh_in.start.date() == the_plan.start
    assert weigh_in["RRULE"]["UNTIL"][0].date() == the_plan.start + timedelta(days=27)


# --- file_stem --------------------------------------------------------------------------


def test_the_file_stem_names_the_start_date() -> None:
    assert exports.file_stem(lb_plan()) == "runners-face-plan-2026-11-25"


def test_the_module_never_imports_streamlit() -> None:
    tree = ast.parse(Path(exports.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] == "streamlit" for name in imported)


# --- race day ------------------------------------------------------------------------------


def test_race_day_is_a_column_of_the_csv_on_every_row() -> None:
    race = date(2027, 2, 20)
    table = rows(exports.plan_csv(lb_plan(), "lb", (10.0, 20.0), race))
    assert table[0] == ["date", "week", "weight_lb", "run_mi_a_week_now", "run_mi_a_week_planned", "race_day"]
    assert {row[-1] for row in table[1:]} == {"2027-02-20"}
    assert len(table) == len(rows(exports.plan_csv(lb_plan(), "lb"))), "the same rows, one more column"
    assert "race_day" not in rows(exports.plan_csv(lb_plan(), "lb"))[0]


def test_race_day_is_an_all_day_event_in_the_calendar() -> None:
    race = date(2027, 2, 20)
    found = events(exports.reminders_ics(lb_plan(), "lb", tz="Europe/London", race=race))
    event = found[exports.RACE_SUMMARY]
    assert event.start == race and event.end == race + timedelta(days=1)
    assert "165 lb" in str(event["DESCRIPTION"]) and exports.NOT_ADVICE in str(event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in found.values()}) == 3
    assert exports.RACE_SUMMARY not in events(exports.reminders_ics(lb_plan(), "lb"))
    # The same plan and race day give the same file.
    assert exports.reminders_ics(lb_plan(), "lb", race=race) == exports.reminders_ics(lb_plan(), "lb", race=race)
