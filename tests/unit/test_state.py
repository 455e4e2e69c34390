"""The link codec and the reader's numbers: every plan survives the link, no query string
breaks it, and switching units never changes what the reader typed."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runners_face.pace import PACE_SCALES, pace_steps
from runners_face.state import (
    ACTIVITY_VALUES,
    AGE_BOUNDS,
    HEIGHT_CM_BOUNDS,
    HEIGHT_IN_BOUNDS,
    KEYS,
    PRIVATE_KEYS,
    RACE_KEY,
    RACE_MAX_DAYS,
    RUN_BOUNDS,
    WEEKDAY_CODES,
    WEIGHT_BOUNDS,
    AboutYou,
    PlanState,
    Running,
    Typed,
    decode,
    default_state,
    encode,
    plan_state,
    with_units,
)
from runners_face.units import KG_PER_LB, UNITS, base_unit

TIPS = ("slow-loss", "sunscreen", "shade", "carotenoids")
TODAY = date(2026, 12, 2)


def shown(state: PlanState) -> tuple[object, ...]:
    """Everything the page shows of a plan."""
    days = None if state.running is None else state.running.days
    return (
        state.units,
        state.weight,
        state.goal,
        state.pace,
        state.height_cm,
        state.about,
        state.ticks,
        state.run_distances,
        days,
        state.race,
    )


@st.composite
def typed_weights(draw: st.DrawFn, unit: str) -> float:
    low, high = WEIGHT_BOUNDS[unit]
    return round(draw(st.floats(low, high)), 1)


@st.composite
def plan_states(draw: st.DrawFn) -> PlanState:
    """A plan whose numbers were typed in any mix of units (the reader switched in between)."""
    units = draw(st.sampled_from(UNITS))
    weight_unit, goal_unit, pace_unit = (draw(st.sampled_from(["lb", "kg"])) for _ in range(3))
    pace = draw(st.sampled_from(pace_steps(pace_unit)))  # type: ignore[arg-type]
    height = draw(
        st.none()
        | st.builds(Typed, st.integers(120, 230).map(float), st.just("cm"))
        | st.builds(Typed, st.integers(95, 181).map(lambda half: half / 2), st.just("in"))
    )
    about = draw(
        st.none()
        | st.builds(
            AboutYou,
            sex=st.sampled_from(["female", "male"]),
            age_years=st.integers(*AGE_BOUNDS),
            activity_level=st.sampled_from(ACTIVITY_VALUES),
        )
    )
    if about is not None and height is None:
        height = Typed(165.0, "cm")
    distances = st.builds(Typed, st.integers(0, 124).map(float), st.sampled_from(["km", "mi"]))
    running = draw(
        st.none()
        | st.builds(
            Running,
            distances,
            st.none() | distances,
            st.frozensets(st.sampled_from(WEEKDAY_CODES)),
        )
    )
    race = draw(st.none() | st.integers(1, RACE_MAX_DAYS).map(lambda days: TODAY + timedelta(days=days)))
    return PlanState(
        race=race,
        running=running,
        units=units,
        typed_weight=Typed(draw(typed_weights(weight_unit)), weight_unit),
        typed_goal=Typed(draw(typed_weights(goal_unit)), goal_unit),
        typed_pace=Typed(pace, pace_unit),
        height=height,
        about=about,
        ticks=frozenset(draw(st.sets(st.sampled_from(TIPS)))),
    )


# --- the link ---------------------------------------------------------------------------


@given(plan_states())
def test_every_plan_shows_the_same_numbers_after_a_trip_through_the_link(state: PlanState) -> None:
    decoded = decode(encode(state, TIPS), TIPS, today=TODAY)
    assert shown(decoded.state) == shown(state)
    assert decoded.notes == ()


@given(plan_states())
def test_the_private_link_carries_no_numbers_about_the_body(state: PlanState) -> None:
    params = encode(state, TIPS, private=True)
    assert not set(params) & set(PRIVATE_KEYS)
    decoded = decode(params, TIPS, today=TODAY).state
    assert (decoded.units, decoded.pace, decoded.ticks) == (state.units, state.pace, state.ticks)
    assert decoded.about is None and decoded.height_cm is None and decoded.running is None
    assert decoded.race is None


def test_an_empty_link_gives_the_default_plan_without_notes() -> None:
    decoded = decode({}, TIPS)
    assert decoded.state == default_state()
    assert decoded.notes == ()


query_values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["nan", "NaN", "inf", "-inf", "1e309", "-0", "", " ", "9" * 400, "<script>x</script>", "1,5"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
query_strings = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(max_size=30)),
    st.one_of(query_values, st.lists(query_values, max_size=3)),
    max_size=12,
)


@given(query_strings)
def test_any_query_string_decodes_to_a_safe_plan(params: dict[str, str | list[str]]) -> None:
    state = decode(params, TIPS).state
    base = base_unit(state.units)
    low, high = WEIGHT_BOUNDS[base]
    scale = PACE_SCALES[base]
    assert low <= state.weight <= high and low <= state.goal <= high
    assert scale.minimum <= state.pace <= scale.maximum
    assert all(math.isfinite(v) for v in (state.weight, state.goal, state.pace))
    assert state.ticks <= set(TIPS)
    if state.height_cm is not None:
        assert HEIGHT_CM_BOUNDS[0] <= state.height_cm <= HEIGHT_CM_BOUNDS[1]
    if state.about is not None:
        assert state.about.age_years is None or AGE_BOUNDS[0] <= state.about.age_years <= AGE_BOUNDS[1]
        assert state.about.activity_level is None or state.about.activity_level in ACTIVITY_VALUES
    if state.running is not None:
        low_run, high_run = RUN_BOUNDS["km" if base == "kg" else "mi"]
        for distance in (state.run_now, state.run_planned):
            assert distance is None or (low_run <= distance <= high_run and distance == round(distance))
        assert state.running.days <= set(WEEKDAY_CODES)


@given(query_strings)
def test_notes_never_echo_what_the_link_contained(params: dict[str, str | list[str]]) -> None:
    for note in decode(params, TIPS).notes:
        assert "<" not in note and "[" not in note and "](" not in note


def test_each_bad_value_of_a_known_key_is_named_in_a_note() -> None:
    decoded = decode(
        {"weight": "heavy", "goal": "1e309", "pace": "99", "units": "furlongs", "tips": "sunscreen,nope"},
        TIPS,
    )
    text = " ".join(decoded.notes)
    for word in ("'weight'", "'goal'", "'pace'", "'units'", "tips this page does not have"):
        assert word in text
    assert decoded.state.pace == 3.0
    assert decoded.state.ticks == {"sunscreen"}


@pytest.mark.parametrize(
    "params",
    [
        {"fbclid": "IwAR0abc"},
        {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "autumn"},
        {"gclid": "x", "ref": "y", "weight": "170"},
    ],
)
def test_keys_the_page_does_not_use_are_ignored_quietly(params: dict[str, str]) -> None:
    # Social sites and newsletters add these to every link; they are not the reader's mistake.
    assert decode(params, TIPS).notes == ()


def test_out_of_range_weights_are_clamped_and_noted() -> None:
    decoded = decode({"weight": "5000", "units": "kg"}, TIPS)
    assert decoded.state.weight == WEIGHT_BOUNDS["kg"][1]
    assert "nearest the planner allows" in decoded.notes[0]


def test_a_repeated_key_uses_the_last_value_and_says_so() -> None:
    decoded = decode({"pace": ["0.5", "1.5"]}, TIPS)
    assert decoded.state.pace == 1.5
    assert "more than once" in decoded.notes[0]


def test_an_older_links_slider_key_is_read_as_the_pace() -> None:
    assert decode({"units": "lb", "pace": "1", "pace_lb": "1.5"}).state.pace == 1.5
    assert decode({"units": "kg", "pace_kg": "0.7"}).state.pace == 0.7
    assert decode({"units": "kg", "pace_lb": "2"}).state.pace == PACE_SCALES["kg"].default


def test_a_height_alone_does_not_turn_on_about_you() -> None:
    state = decode({"units": "kg", "height": "170"}).state
    assert state.height_cm == 170 and state.about is None


# --- units: what the reader typed stays what they typed -------------------------------------


@given(plan_states(), st.lists(st.sampled_from(UNITS), max_size=8))
def test_any_sequence_of_unit_switches_gives_back_the_numbers_as_entered(state: PlanState, switches: list[str]) -> None:
    # The reader types everything in their units; then switches any number of times and back.
    units = state.units
    base = base_unit(units)
    typed = plan_state(
        units,
        weight=state.weight,
        goal=state.goal,
        pace=state.pace,
        about=state.about,
        height_cm=state.height_cm,
    )
    switched = typed
    for other in switches:
        switched = with_units(switched, other)  # type: ignore[arg-type]
    back = with_units(switched, units)
    assert (back.weight, back.goal, back.pace) == (state.weight, state.goal, state.pace)
    assert back.height_cm == typed.height_cm
    assert back.typed_weight == Typed(state.weight, base)


def test_every_whole_pound_weight_survives_kilograms_and_back() -> None:
    low, high = WEIGHT_BOUNDS["lb"]
    for pounds in range(math.ceil(low), math.floor(high) + 1):
        state = plan_state("lb", weight=float(pounds), goal=float(pounds))
        back = with_units(with_units(state, "kg"), "lb")
        assert (back.weight, back.goal) == (pounds, pounds)


def test_the_default_plan_survives_kilograms_then_pounds() -> None:
    back = with_units(with_units(default_state("lb"), "kg"), "lb")
    assert (back.weight, back.goal, back.pace) == (180.0, 165.0, 1.0)


def test_a_half_kilogram_pace_survives_pounds_then_kilograms() -> None:
    metric = decode({"units": "kg"}).state
    assert metric.pace == 0.5
    assert with_units(with_units(metric, "lb"), "kg").pace == 0.5


def test_the_lightest_weight_in_kilograms_is_inside_the_pound_bounds() -> None:
    state = plan_state("kg", weight=30.0, goal=30.0)
    pounds = with_units(state, "lb")
    assert pounds.weight == WEIGHT_BOUNDS["lb"][0] == 66.2
    assert pounds.weight * KG_PER_LB >= 30.0
    assert with_units(pounds, "kg").weight == 30.0


def test_the_pound_bounds_are_the_kilogram_bounds_converted() -> None:
    (kg_low, kg_high), (lb_low, lb_high) = WEIGHT_BOUNDS["kg"], WEIGHT_BOUNDS["lb"]
    assert kg_low <= lb_low * KG_PER_LB < kg_low + 0.1 * KG_PER_LB
    assert kg_high - 0.1 * KG_PER_LB < lb_high * KG_PER_LB <= kg_high
    assert HEIGHT_CM_BOUNDS[0] <= HEIGHT_IN_BOUNDS[0] * 2.54 and HEIGHT_IN_BOUNDS[1] * 2.54 <= HEIGHT_CM_BOUNDS[1]


def test_a_height_in_centimetres_is_shown_to_the_half_inch_and_comes_back() -> None:
    state = plan_state("kg", about=AboutYou(), height_cm=165.0)
    imperial = with_units(state, "lb")
    assert imperial.height_cm == pytest.approx(65 * 2.54)  # 5 ft 5 in, as the fields show it
    assert with_units(imperial, "kg").height_cm == 165.0


def test_a_change_to_the_weight_keeps_the_goal_and_pace_as_typed() -> None:
    state = with_units(plan_state("lb", 180.0, 165.0, 1.0), "kg")
    edited = state.with_weight(90.0)
    back = with_units(edited, "lb")
    assert (back.goal, back.pace) == (165.0, 1.0)
    assert back.weight == round(90 / KG_PER_LB, 1)


# --- running ------------------------------------------------------------------------------


def test_running_is_off_unless_the_link_gives_it() -> None:
    assert decode({"units": "kg", "weight": "82", "goal": "75"}).state.running is None
    assert "run" not in encode(plan_state("kg", 82.0, 75.0))


def test_the_weekly_distance_is_in_the_links_own_unit_and_the_plan_is_the_same_unless_given() -> None:
    state = decode({"units": "kg", "weight": "82", "goal": "75", "run": "20"}).state
    assert (state.run_now, state.run_planned, state.run_km) == (20.0, 20.0, (20.0, 20.0))
    assert "run_plan" not in encode(state)
    miles = decode({"units": "lb", "run": "10", "run_plan": "15"}).state
    assert miles.run_distances == (10.0, 15.0)
    assert miles.run_km == pytest.approx((16.09344, 24.14016))
    assert encode(miles)["run"] == "10" and encode(miles)["run_plan"] == "15"


def test_bad_running_values_are_named_and_replaced() -> None:
    decoded = decode({"units": "kg", "run": "lots", "run_plan": "900", "run_days": "sa,funday,mo"})
    running = decoded.state.running
    assert running is not None and running.now is None and decoded.state.run_planned is None
    assert running.planned == Typed(200.0, "km") and running.days == {"sa", "mo"}
    assert decoded.notes == (
        "Ignored 'run': it was not a number.",
        "Changed 'run_plan' to 200 km a week, the nearest the planner allows.",
        "Ignored days in 'run_days' that are not days of the week (use mo, tu, we, th, fr, sa, su).",
    )
    assert encode(decoded.state)["run_plan"] == "200" and encode(decoded.state)["run_days"] == "mo,sa"


def test_a_distance_switches_units_without_losing_what_was_typed() -> None:
    state = decode({"units": "kg", "run": "20"}).state
    assert with_units(state, "lb").run_now == 12.0  # 20 km is 12.4 miles
    assert with_units(with_units(state, "lb"), "kg").run_now == 20.0


# --- race day ------------------------------------------------------------------------------


def test_race_day_is_read_from_tomorrow_to_two_years_ahead() -> None:
    for days in (1, 100, RACE_MAX_DAYS):
        day = TODAY + timedelta(days=days)
        decoded = decode({"weight": "180", "goal": "165", RACE_KEY: day.isoformat()}, today=TODAY)
        assert decoded.state.race == day and decoded.notes == ()
        assert encode(decoded.state)[RACE_KEY] == day.isoformat()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ((TODAY - timedelta(days=1)).isoformat(), "has passed"),
        (TODAY.isoformat(), "has passed"),
        ((TODAY + timedelta(days=RACE_MAX_DAYS + 1)).isoformat(), "two years ahead"),
        ("2027-02-30", "not a date"),
        ("12/04/2027", "not a date"),
        ("2027-4-12", "not a date"),
        ("<script>", "not a date"),
        ("", "not a date"),
    ],
)
def test_a_race_day_that_has_passed_is_too_far_or_malformed_is_ignored_with_a_note(value: str, words: str) -> None:
    decoded = decode({"weight": "180", "goal": "165", RACE_KEY: value}, today=TODAY)
    assert decoded.state.race is None
    assert len(decoded.notes) == 1 and words in decoded.notes[0] and "'by' (race day)" in decoded.notes[0]
    assert value not in decoded.notes[0] or not value  # the link's value is never echoed
    assert RACE_KEY not in encode(decoded.state)


def test_without_today_no_race_day_is_read() -> None:
    assert decode({RACE_KEY: (TODAY + timedelta(days=10)).isoformat()}).state.race is None


def test_race_day_survives_unit_switches_and_is_private() -> None:
    day = TODAY + timedelta(days=60)
    state = plan_state("lb", 180.0, 165.0).with_race(day)
    assert with_units(with_units(state, "kg"), "st").race == day
    assert RACE_KEY in PRIVATE_KEYS and RACE_KEY not in encode(state, private=True)
    assert state.with_race(None).race is None
