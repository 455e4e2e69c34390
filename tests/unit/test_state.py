"""The link codec: every valid plan survives a round trip; no query string breaks it."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from runners_face.pace import PACE_SCALES
from runners_face.state import (
    ACTIVITY_VALUES,
    AGE_BOUNDS,
    HEIGHT_CM_BOUNDS,
    KEYS,
    PRIVATE_KEYS,
    WEIGHT_BOUNDS,
    AboutYou,
    PlanState,
    decode,
    default_state,
    encode,
    with_units,
)
from runners_face.units import convert

TIPS = ("slow-loss", "sunscreen", "shade", "carotenoids")


@st.composite
def plan_states(draw: st.DrawFn) -> PlanState:
    units = draw(st.sampled_from(["lb", "kg", "st"]))
    base = "kg" if units == "kg" else "lb"
    low, high = WEIGHT_BOUNDS[base]
    weight = round(draw(st.floats(low, high)), 1)
    goal = round(draw(st.floats(low, high)), 1)
    scale = PACE_SCALES[base]
    steps = round((scale.maximum - scale.minimum) / scale.step)
    pace = round(scale.minimum + draw(st.integers(0, steps)) * scale.step, 2)
    about = draw(
        st.none()
        | st.builds(
            AboutYou,
            sex=st.sampled_from(["female", "male"]),
            age_years=st.integers(*AGE_BOUNDS),
            height_cm=st.floats(*HEIGHT_CM_BOUNDS).map(lambda h: round(h, 1)),
            activity_level=st.sampled_from(ACTIVITY_VALUES),
        )
    )
    ticks = frozenset(draw(st.sets(st.sampled_from(TIPS))))
    return PlanState(units, weight, goal, pace, about, ticks)  # type: ignore[arg-type]


@given(plan_states())
def test_every_plan_survives_a_trip_through_the_link(state: PlanState) -> None:
    decoded = decode(encode(state, TIPS), TIPS)
    assert decoded.state == state
    assert decoded.notes == ()


@given(plan_states())
def test_the_private_link_carries_no_numbers_about_the_body(state: PlanState) -> None:
    params = encode(state, TIPS, private=True)
    assert not set(params) & set(PRIVATE_KEYS)
    decoded = decode(params, TIPS).state
    assert (decoded.units, decoded.pace, decoded.ticks) == (state.units, state.pace, state.ticks)
    assert decoded.about is None


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
    base = "kg" if state.units == "kg" else "lb"
    low, high = WEIGHT_BOUNDS[base]
    scale = PACE_SCALES[base]
    assert low <= state.weight <= high and low <= state.goal <= high
    assert scale.minimum <= state.pace <= scale.maximum
    assert all(math.isfinite(v) for v in (state.weight, state.goal, state.pace))
    assert state.ticks <= set(TIPS)
    if state.about is not None:
        assert AGE_BOUNDS[0] <= state.about.age_years <= AGE_BOUNDS[1]
        assert HEIGHT_CM_BOUNDS[0] <= state.about.height_cm <= HEIGHT_CM_BOUNDS[1]
        assert state.about.activity_level in ACTIVITY_VALUES


@given(query_strings)
def test_notes_never_echo_what_the_link_contained(params: dict[str, str | list[str]]) -> None:
    for note in decode(params, TIPS).notes:
        assert "<" not in note and "[" not in note and "](" not in note


def test_each_bad_value_is_named_in_a_note() -> None:
    decoded = decode(
        {
            "weight": "heavy",
            "goal": "1e309",
            "pace": "99",
            "units": "furlongs",
            "colour": "red",
            "tips": "sunscreen,nope",
        },
        TIPS,
    )
    text = " ".join(decoded.notes)
    for word in ("'weight'", "'goal'", "'pace'", "'units'", "does not use", "tips this page does not have"):
        assert word in text
    assert decoded.state.pace == 3.0
    assert decoded.state.ticks == {"sunscreen"}


def test_out_of_range_weights_are_clamped_and_noted() -> None:
    decoded = decode({"weight": "5000", "units": "kg"}, TIPS)
    assert decoded.state.weight == WEIGHT_BOUNDS["kg"][1]
    assert "nearest the planner allows" in decoded.notes[0]


def test_a_repeated_key_uses_the_last_value_and_says_so() -> None:
    decoded = decode({"pace": ["0.5", "1.5"]}, TIPS)
    assert decoded.state.pace == 1.5
    assert "more than once" in decoded.notes[0]


def test_switching_units_converts_weights_and_snaps_the_pace() -> None:
    state = PlanState(units="lb", weight=200.0, goal=180.0, pace=1.0)
    metric = with_units(state, "kg")
    assert metric.weight == round(convert(200, "lb", "kg"), 1)
    assert metric.pace == 0.45
    back = with_units(metric, "lb")
    assert abs(back.weight - 200) <= 0.2 and back.pace == 1.0


# --- the pace slider's own key (bound to the address by Streamlit) -----------------------


def test_the_sliders_own_key_wins_over_pace() -> None:
    decoded = decode({"units": "lb", "pace": "1", "pace_lb": "1.5"})
    assert decoded.state.pace == 1.5
    assert decoded.notes == ()


def test_a_slider_key_inside_the_bounds_is_used_as_given_like_streamlit_does() -> None:
    # Streamlit seeds the slider with any number inside its bounds, on the step or not; the
    # plan must hold the same value as the slider.
    assert decode({"units": "kg", "pace_kg": "0.73"}).state.pace == 0.73


def test_a_slider_key_outside_the_bounds_or_not_a_number_falls_back_to_pace_with_a_note() -> None:
    far = decode({"units": "lb", "pace": "1.5", "pace_lb": "9"})
    assert far.state.pace == 1.5
    assert any("'pace_lb'" in note and "outside 0.25–3 lb a week" in note for note in far.notes)
    word = decode({"units": "kg", "pace_kg": "fast"})
    assert word.state.pace == PACE_SCALES["kg"].default
    assert any("'pace_kg'" in note and "not a number" in note for note in word.notes)


def test_the_other_units_slider_key_is_ignored_quietly() -> None:
    decoded = decode({"units": "kg", "pace_lb": "2"})
    assert decoded.state.pace == PACE_SCALES["kg"].default
    assert decoded.notes == ()


def test_a_slider_key_is_read_as_streamlits_slider_reads_it() -> None:
    # Given twice, Streamlit's slider ignores it; a long value with spaces is still a number.
    twice = decode({"units": "lb", "pace": "1.5", "pace_lb": ["2", "2.5"]})
    assert twice.state.pace == 1.5
    assert any("'pace_lb'" in note and "more than once" in note for note in twice.notes)
    padded = decode({"units": "lb", "pace_lb": " " * 500 + "2.5"})
    assert padded.state.pace == 2.5
    assert padded.notes == ()
