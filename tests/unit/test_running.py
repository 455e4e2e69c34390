"""The reader's running as energy, and its share of the plan's gap (issue 23): known values
worked by hand, and the words that say them."""

from __future__ import annotations

from datetime import date

import pytest

from runners_face import planner, running
from runners_face.pace import daily_deficit_kcal, pace_for_deficit
from runners_face.state import decode
from runners_face.units import KG_PER_LB

START = date(2026, 12, 2)


def test_running_burns_one_kcal_per_kg_per_km_net() -> None:
    # 82 kg x 20 km x 1 kcal/kg/km = 1,640 kcal a week, 234.3 a day.
    assert running.kcal_a_week(82.0, 20.0) == 1640.0
    assert running.activity_kcal_per_kg_day(21.0) == 3.0  # 21 km a week: 3 kcal per kg a day


@pytest.mark.parametrize(("kcal", "shown"), [(234.3, 230), (235.0, 240), (4.9, 0), (5.0, 10), (-234.3, -230)])
def test_running_figures_are_printed_to_the_nearest_ten_kcal(kcal: float, shown: int) -> None:
    assert running.shown_kcal(kcal) == shown


def test_only_a_change_in_running_changes_the_gap() -> None:
    same = running.share(82.0, 20.0, 20.0, 500.0)
    assert (same.week_kcal, same.day_kcal, same.change_kcal, same.diet_kcal) == (1640, 230, 0, 500)
    assert not same.changed
    more = running.share(82.0, 20.0, 40.0, 500.0)  # 20 km more: 234.3 kcal a day -> 230
    assert (more.change_kcal, more.diet_kcal) == (230, 270)
    less = running.share(82.0, 20.0, 0.0, 500.0)
    assert (less.change_kcal, less.diet_kcal) == (-230, 730)


def test_the_same_diet_with_more_running_is_a_faster_pace() -> None:
    # 500 kcal a day is 1 lb a week; 500 + 234.29 kcal a day is 1.4686 lb a week.
    assert pace_for_deficit(daily_deficit_kcal(0.7)) == pytest.approx(0.7)
    more = running.share(82.0, 20.0, 40.0, 500.0)
    assert more.same_diet_pace_kg / KG_PER_LB == pytest.approx((500 + 82 * 20 / 7) / 500)


def words(query: dict[str, str]) -> str:
    fig = planner.figures(decode({"units": "lb", "weight": "180", "goal": "165", **query}).state, START)
    assert fig is not None
    return planner.running_text(fig) or ""


def test_the_issues_example_the_diet_cut_that_remains() -> None:
    # 180 lb is 81.6 kg; 12 miles is 19.3 km: 81.6 x 19.3 / 7 = 225 kcal a day, printed 230.
    text = words({"run": "0", "run_plan": "12"})
    assert "At **1 lb a week** you need a gap of about **500 kcal a day**." in text
    assert "Running 12 miles a week more gives about 230 kcal a day of it, so the diet cut is about **270" in text
    # At the same diet: 725.25 kcal a day is 1.4505 lb a week, printed 1.5 (inside the range); 15 lb in
    # 72.4 days, so on day 73, 32 days sooner than the 105 days at 1 lb a week.
    assert (
        "would make it about 1.5 lb a week (inside the article's range): your goal on Saturday 13 February 2027, "
        in text
    )
    assert "4 weeks and 4 days sooner." in text
    assert "Exercise rarely gives all of this" in text


def test_running_the_same_is_already_counted() -> None:
    text = words({"run": "12"})
    assert "Your 12 miles a week burns about **1,580 kcal a week**, about 230 kcal a day" in text
    assert "changes nothing in the gap" in text and "diet cut" not in text


def test_running_that_covers_more_than_the_gap_says_it_means_eating_more() -> None:
    # 60 miles more: 81.6 kg x 96.6 km / 7 = 1,126 kcal a day, printed 1,130; gap 500.
    text = words({"run": "0", "run_plan": "60"})
    assert "more than the whole gap" in text and "no diet cut at all" in text
    assert "eat about **630 kcal a day more** than you do now" in text
    assert "faster than the article's range" in text


def test_running_less_adds_to_the_diet_cut_and_delays_the_goal_at_the_same_diet() -> None:
    text = words({"run": "20", "run_plan": "0"})
    # 20 miles is 32.19 km: 81.65 kg x 32.19 km / 7 = 375.4 kcal a day, printed 380.
    assert "Running 20 miles a week less (no running at all) burns about 380 kcal a day less" in text
    assert "the diet cut grows to about **880 kcal a day**" in text
    assert "later." in text


def test_no_running_no_words() -> None:
    assert words({}) == ""
    assert words({"run_plan": "10"}) == ""  # no distance now: nothing is guessed
