"""The words of "Check your real pace": one rate, verdicts from the numbers as printed, and the
defects an independent medical review found (each test names the one it holds)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from runners_face.units import KG_PER_LB
from runners_face.weighin_report import (
    Rate,
    classify,
    left_out_words,
    printed_rate,
    report,
    summary,
)
from runners_face.weighin_trend import Trend, trend
from runners_face.weighins import WeighIns

LB = KG_PER_LB
LAST = date(2026, 11, 30)
TODAY = LAST


def _trend(loss_lb: float, low_lb: float, high_lb: float, days: int = 28, level_kg: float = 90.0) -> Trend:
    """A trend ending on LAST whose fitted loss is ``loss_lb`` a week, 90 % range low..high."""
    first = LAST - timedelta(days=days - 1)
    base = Trend(first, (level_kg,) * days, 28, days, days, True, "")
    return replace(
        base, rate_kg_per_week=-loss_lb * LB, rate_low=-high_lb * LB, rate_high=-low_lb * LB, level_kg=level_kg
    )


@pytest.mark.parametrize(
    ("unit", "loss", "low", "high", "verdict"),
    [
        ("lb", 2.4, 2.1, 2.7, "faster"),
        ("lb", 2.1, 1.8, 2.4, "maybe_faster"),
        ("lb", 1.5, 1.2, 1.8, "inside"),
        ("lb", 1.0, 1.0, 1.0, "inside"),
        ("lb", 2.0, 2.0, 2.0, "inside"),
        ("lb", 1.1, 0.8, 1.4, "maybe_slower"),
        ("lb", 0.5, 0.2, 0.8, "slower"),
        ("lb", -0.5, -0.8, -0.2, "gaining"),
        ("lb", 1.5, 0.6, 2.4, "unclear"),
        ("lb", 0.1, -0.3, 0.5, "no_direction"),
        ("kg", 0.68, 0.45, 0.9, "inside"),
        ("kg", 0.92, 0.91, 0.93, "faster"),
    ],
)
def test_the_verdict_compares_the_printed_range_with_the_printed_article_range(
    unit: str, loss: float, low: float, high: float, verdict: str
) -> None:
    assert classify(Rate(unit, loss, low, high)) == verdict  # type: ignore[arg-type]


def test_review_3_a_gain_is_never_called_a_slow_loss() -> None:
    # 28 daily weigh-ins, estimate a gain of 0.18 lb a week, range -0.48 to +0.12 (the review's seed 2).
    said = report(_trend(-0.18, -0.48, 0.12), "lb", 75.0, TODAY)
    assert said.verdict == "no_direction"
    text = said.markdown
    assert "**No clear direction yet.**" in text and "goes up about 0.2 lb a week" in text
    assert "from a loss of 0.1 lb to a gain of 0.5 lb a week" in text
    assert "slower" not in text and "takes longer" not in text and "kcal" not in text


def test_review_4_gentle_on_skin_is_the_articles_suggestion_marked_untested() -> None:
    text = report(_trend(0.5, 0.2, 0.8), "lb", 75.0, TODAY).markdown
    assert "gentle on skin" not in text
    assert "The article advises about 1–2 lb a week; it does not say whether losing more slowly helps skin" in text
    assert "(evidence: none)" in text


def test_review_6a_a_kilogram_rate_is_printed_on_the_planners_steps_and_judged_as_printed() -> None:
    # "losing about 0.92 kg a week (likely between 0.91 and 0.92 kg) ... inside the ... (0.45–0.9 kg)":
    # kilograms a week are printed to 0.05 kg (about 0.1 lb), and judged as printed.
    said = report(_trend(0.919 / LB, 0.914 / LB, 0.922 / LB), "kg", 60.0, TODAY)
    assert "**losing about 0.9 kg a week**," in said.markdown and said.verdict == "inside"
    faster = report(_trend(0.94 / LB, 0.93 / LB, 0.95 / LB), "kg", 60.0, TODAY)
    assert "**losing about 0.95 kg a week**" in faster.markdown and faster.verdict == "faster"
    low = report(_trend(0.445 / LB, 0.44 / LB, 0.446 / LB), "kg", 60.0, TODAY)
    assert "**losing about 0.45 kg a week**" in low.markdown and low.verdict == "inside"


def test_review_2_6_the_same_two_pounds_a_week_is_inside_in_pounds_and_in_kilograms() -> None:
    # The medical review: 2.0 lb a week was "inside" in lb and "likely faster" in kg (0.91 kg).
    for unit in ("lb", "kg"):
        assert report(_trend(2.0, 1.98, 2.02), unit, 60.0, TODAY).verdict == "inside"  # type: ignore[arg-type]


def test_review_6b_a_printed_low_end_inside_the_range_is_not_likely_faster() -> None:
    # "likely between 2.0 and 2.1 lb ... likely faster"
    said = report(_trend(2.06, 2.02, 2.1), "lb", 75.0, TODAY)
    assert "(likely between 2.0 and 2.1 lb)" in said.markdown
    assert said.verdict == "maybe_faster" and "likely faster" not in said.markdown


def test_review_25_a_range_that_prints_as_one_number_is_not_given_as_a_range() -> None:
    said = report(_trend(1.52, 1.48, 1.54), "lb", 75.0, TODAY)
    assert "between 1.5 and 1.5" not in said.markdown and "**losing about 1.5 lb a week**," in said.markdown
    level = report(_trend(0.01, -0.02, 0.04), "lb", 75.0, TODAY)
    assert "0.0 and 0.0" not in level.markdown and "is about level" in level.markdown


def test_review_16_the_span_of_weigh_ins_is_not_rounded_up_to_weeks() -> None:
    said = report(_trend(1.5, 1.2, 1.8, days=15), "lb", 75.0, TODAY)
    assert "over 2 weeks and 1 day, from 15 days of weigh-ins" in said.markdown
    assert "3 weeks" not in said.markdown


def test_review_11_a_cross_year_range_gives_both_years_and_far_goals_get_no_date() -> None:
    # 90 kg on 30 November 2026, goal 87.5 kg at 1.2 lb a week (1.0-1.4): 28 December to 8 January.
    said = report(_trend(1.2, 1.0, 1.4), "lb", 87.5, TODAY)
    goal = said.paragraphs[-1]
    assert "2026 and" in goal and "2027)" in goal, goal
    far = report(_trend(0.5, 0.3, 0.7), "lb", 60.0, TODAY)
    assert "more than a year away" in far.paragraphs[-1] and "20" not in far.paragraphs[-1].split("away")[1]


def test_review_11_no_weekday_more_than_a_year_ahead() -> None:
    said = report(_trend(0.6, 0.2, 1.0), "lb", 82.0, TODAY)  # central within a year, slow end beyond
    goal = said.paragraphs[-1]
    assert "more than a year from now" in goal
    for weekday in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert goal.count(weekday) <= 1


def test_review_23_several_left_out_weigh_ins_are_listed_in_one_sentence() -> None:
    result = replace(_trend(1.0, 0.8, 1.2), left_out=(date(2026, 11, 9), date(2026, 11, 16)))
    words = left_out_words(result)
    assert words is not None
    assert "the weigh-ins of 9 and 16 November 2026 are far from the days around them" in words
    one = left_out_words(replace(result, left_out=(date(2026, 11, 9),)))
    assert one is not None and "the weigh-in of 9 November 2026 is far from the days around it" in one


def test_review_5_the_chart_summary_and_the_verdict_use_one_rate() -> None:
    # A steady loss of 2.3 lb a week with the smoothed trend lagging: the summary used to say the
    # (lagging) trend ended inside the band while the verdict said "likely faster".
    start = LAST - timedelta(days=27)
    readings = tuple(
        (start + timedelta(days=d), (200.0 - 2.3 * d / 7 + (0.4 if d % 2 else -0.4)) * LB) for d in range(28)
    )
    weighins = WeighIns(readings, "lb")
    result = trend(weighins)
    said = report(result, "lb", 150 * LB, TODAY)
    assert said.verdict == "faster"
    text = summary(weighins, result, "lb", chart_days=84)
    assert "down 2.3 lb a week, steeper than the band for losing 1–2 lb a week" in text
    assert "lags behind" in text


def test_too_few_weigh_ins_is_said_plainly_with_what_is_needed() -> None:
    short = WeighIns(tuple((LAST - timedelta(days=d), 80.0) for d in range(5)), "kg")
    said = report(trend(short), "kg", 70.0, TODAY)
    assert said.verdict == "too_few" and said.rate is None
    assert "**Too few weigh-ins to tell yet.**" in said.markdown
    assert "at least 7 weigh-ins spread over 14 days or more" in said.markdown


def test_kilogram_readers_get_kilograms_and_the_range_in_both_units() -> None:
    said = report(_trend(1.5, 1.2, 1.8), "kg", 80.0, TODAY)
    assert "**losing about 0.7 kg a week** (likely between 0.55 and 0.8 kg)" in said.markdown
    assert "inside the 1–2 lb (0.45–0.9 kg) a week the article advises" in said.markdown
    # 0.7 kg (1.54 lb) a week, as printed, x 3500 / 7: the two numbers agree for a reader.
    assert "about **772 kcal a day less**" in said.markdown


def test_a_gain_gets_the_calorie_surplus_and_no_goal_date() -> None:
    said = report(_trend(-0.5, -0.8, -0.2), "lb", 80.0, TODAY)
    assert "**gaining about 0.5 lb a week** (likely between 0.2 and 0.8 lb)" in said.markdown
    assert "kcal a day more** than you burn" in said.markdown
    assert "not heading down to your planner goal" in said.markdown


def test_the_printed_rate_keeps_its_order_and_turns_minus_zero_into_zero() -> None:
    rate = printed_rate(_trend(0.01, -0.02, 0.04), "lb")
    assert rate is not None and rate.low <= rate.loss <= rate.high
    assert str(rate.loss) == "0.0"


def test_medical_review_1_old_weigh_ins_say_how_old_and_forecast_nothing() -> None:
    # Weigh-ins ending 180 days ago forecast "around Sunday 19 July 2026", a date already past.
    old = _trend(1.5, 1.2, 1.8)
    said = report(old, "lb", 80.0, LAST + timedelta(days=180))
    goal = said.paragraphs[-1]
    assert "These weigh-ins end on 30 November 2026, 180 days ago: this was your pace then." in goal
    assert "around" not in said.markdown
    recent = report(old, "lb", 80.0, LAST + timedelta(days=5))
    assert "Your last weigh-in was 5 days ago, on Monday 30 November 2026." in recent.markdown


def test_medical_review_2_a_real_pace_above_the_gallstone_threshold_says_so() -> None:
    said = report(_trend(4.5, 4.4, 4.6), "lb", 80.0, TODAY)
    assert said.kind == "warning" and "Please talk to a doctor." in said.markdown
    assert "gallstones" in said.markdown and "Weinsier" in said.markdown and "evidence: limited" in said.markdown
    assert "gallstones" not in report(_trend(2.4, 2.1, 2.7), "lb", 80.0, TODAY).markdown


def test_medical_review_9_10_a_level_weight_is_said_as_level_and_a_rise_is_not_less_steep() -> None:
    flat = report(_trend(0.0, -0.04, 0.04), "lb", 80.0, TODAY)
    assert flat.verdict == "level" and "**Your weight is about level.**" in flat.markdown
    assert "no change to no change" not in flat.markdown
    start = LAST - timedelta(days=27)
    rising = WeighIns(tuple((start + timedelta(days=d), (200 + d / 7) * LB) for d in range(28)), "lb")
    text = summary(rising, trend(rising), "lb", chart_days=84)
    assert "up 1.0 lb a week, while the band for losing 1–2 lb a week drawn from its start falls" in text
    assert "less steep" not in text


def test_medical_review_11_no_goal_the_reader_did_not_set() -> None:
    said = report(_trend(1.5, 1.2, 1.8), "lb", None, TODAY)
    assert "planner goal" not in said.markdown


def test_medical_review_14_many_left_out_weigh_ins_are_counted_not_pluralised_oddly() -> None:
    days = tuple(date(2026, 10, 4) + timedelta(days=7 * i) for i in range(8))
    words = left_out_words(replace(_trend(1.0, 0.8, 1.2), left_out=days))
    assert words is not None and "4, 11, 18, 25 October and 1 November 2026, and 3 more" in words
    assert "mores" not in words
