"""Race day (issue 23, item 6): the pace that reaches the goal by a date, on the pace control's
steps, its verdict, the nearest date inside the article's range, and the model's intake. Known
values are worked by hand in the comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runners_face import planner, race
from runners_face.pace import pace_steps
from runners_face.state import AboutYou, PlanState, plan_state

TODAY = date(2026, 12, 2)


def lb_state(weight: float = 180.0, goal: float = 165.0, race_day: date | None = None) -> PlanState:
    return plan_state("lb", weight, goal).with_race(race_day)


def test_a_race_too_soon_for_the_range_needs_the_next_step_up_and_offers_the_date_at_2_lb() -> None:
    # 15 lb in 44 days is 2.39 lb a week. 2.25 lb a week takes ceil(15 / 2.25 * 7) = 47 days, too
    # late; 2.5 takes 42. At 2 lb a week (the range's fastest): ceil(52.5) = 53 days, 24 January.
    check = race.race_check(lb_state(race_day=date(2027, 1, 15)), TODAY)
    assert check is not None
    assert (check.days, check.needed, check.verdict, check.use, check.clamped) == (44, 2.5, "faster", 2.5, False)
    assert check.range_day == date(2027, 1, 24)
    text = race.race_text(check)
    assert "you need about **2.5 lb a week**: **faster than the 1–2 lb a week the article advises.**" in text
    assert "you would reach 165 lb **on Sunday 24 January 2027**, 1 week and 2 days after race day." in text
    assert "At 2.5 lb a week you would reach it on Wednesday 13 January 2027, 2 days before race day." in text
    assert "gap of about **1,250 kcal a day**" in text  # 2.5 lb x 3500 / 7


def test_a_pace_that_lands_on_race_day_exactly_is_not_rounded_up() -> None:
    # 14 lb in 98 days (14 weeks) is 1 lb a week, and 1 lb a week takes exactly 98 days.
    check = race.race_check(lb_state(180.0, 166.0, TODAY + timedelta(days=98)), TODAY)
    assert check is not None and (check.needed, check.verdict) == (1.0, "recommended")
    assert "At 1 lb a week you would reach it on Wednesday 10 March 2027, on race day." in race.race_text(check)


def test_a_far_race_is_slower_than_the_range_and_that_is_fine() -> None:
    # 15 lb in 181 days is 0.58 lb a week: 0.5 takes 210 days, 0.75 takes 140.
    check = race.race_check(lb_state(race_day=date(2027, 6, 1)), TODAY)
    assert check is not None and (check.needed, check.verdict) == (0.75, "slower")
    text = race.race_text(check)
    assert "slower than the 1–2 lb a week the article advises. That is fine." in text
    assert "at 1 lb a week you would reach 165 lb on Wednesday 17 March 2027, 10 weeks and 6 days before" in text


def test_a_pace_past_the_controls_fastest_is_clamped_and_says_so() -> None:
    # 20 kg in 89 days is 1.57 kg a week: 1.55 takes ceil(90.3) = 91 days, 1.6 takes 88. The
    # control stops at 1.4 kg a week (100 days: 12 March 2027).
    state = plan_state("kg", 90.0, 70.0).with_race(date(2027, 3, 1))
    check = race.race_check(state, TODAY)
    assert check is not None and (check.needed, check.use, check.clamped) == (1.6, 1.4, True)
    text = race.race_text(check)
    assert "The pace control goes up to 1.4 kg a week, so that is what the button sets" in text
    assert "it reaches 70 kg on Friday 12 March 2027, 1 week and 4 days after race day." in text
    words = race.race_words(state, TODAY)
    assert words is not None
    assert f'data-rf-step="{pace_steps("kg").index(1.4)}">Use this pace (1.4 kg a week)</button>' in words.html


def test_each_control_step_says_whether_it_gets_there_by_race_day() -> None:
    check = race.race_check(lb_state(race_day=date(2027, 1, 15)), TODAY)
    assert check is not None
    assert race.step_text(check, 2.5).endswith("2 days before race day.")
    assert race.step_text(check, 2.25) == (
        "At your pace of 2.25 lb a week you reach 165 lb on Monday 18 January 2027, 3 days after race day: too late."
    )


def test_no_race_words_without_a_race_day_a_plan_or_a_future_date() -> None:
    assert race.race_check(lb_state(), TODAY) is None
    assert race.race_check(lb_state(165.0, 170.0, date(2027, 1, 15)), TODAY) is None
    assert race.race_check(replace(lb_state(race_day=date(2027, 1, 15)), blank=frozenset({"goal"})), TODAY) is None
    # A session that outlived race day: nothing, rather than a pace for a day that has passed.
    assert race.race_check(lb_state(race_day=TODAY), TODAY) is None
    assert race.race_words(lb_state(race_day=TODAY - timedelta(days=3)), TODAY) is None


def _about(state: PlanState) -> PlanState:
    return replace(state, about=AboutYou("male", 40, 1.6)).with_height(180.0 / 2.54)


def test_the_race_day_intake_is_the_planners_own_intake_for_a_plan_that_ends_that_day() -> None:
    # The planner's "to reach your goal on time" intake for 1 lb a week (goal day 17 March 2027)
    # is the race-day intake for a race on that day: one solver, one answer.
    state = _about(lb_state(200.0, 185.0))
    fig = planner.figures(state, TODAY)
    assert fig is not None and fig.outlook is not None
    check = race.race_check(state.with_race(fig.plan.goal_date), TODAY)
    assert check is not None
    eat = race.race_intake(state.with_race(fig.plan.goal_date), check)
    assert eat is not None and eat.intake is not None
    assert eat.intake.kcal == fig.outlook.intake_to_reach_kcal
    warning, words = race.race_intake_text(eat)
    assert not warning and f"you would need about **{eat.intake.text}** every day." in words


def test_a_race_day_intake_under_the_floor_is_a_warning_that_names_the_floor() -> None:
    state = _about(plan_state("kg", 90.0, 70.0).with_race(date(2027, 3, 1)))
    check = race.race_check(state, TODAY)
    assert check is not None
    eat = race.race_intake(state, check)
    assert eat is not None and eat.intake is not None and eat.intake.below_floor
    warning, words = race.race_intake_text(eat)
    assert warning and f"about **{eat.intake.text}**" in words
    assert "less than the 1,500 kcal a day where guideline diets for men start" in words
    words_html = race.race_words(state, TODAY)
    assert words_html is not None and '<div class="rf-warning">' in words_html.html


def test_no_intake_without_every_detail_about_you() -> None:
    state = lb_state(race_day=date(2027, 1, 15))
    check = race.race_check(state, TODAY)
    assert check is not None and race.race_intake(state, check) is None
    partial = replace(state, about=AboutYou("female", None, 1.6)).with_height(65.0)
    assert race.race_intake(partial, check) is None
