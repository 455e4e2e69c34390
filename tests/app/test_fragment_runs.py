"""A fragment's run that another run cut short is drawn again (``session.whole_run``).

Streamlit 1.67 lets a fragment's run preempt the run in progress and does not queue the cut-off
one again; in the browser a tick near a pace commit then stayed in the link while the checklist
said "0 of 6 tips in place". Which run cuts which is a race between two messages, so the marks
are checked here, with the runs cut short by hand."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from runners_face.state import PlanState
from runners_face.views import session


class Rerun(Exception):
    """Stands in for the page run that ``st.rerun(scope="app")`` asks for."""


class CutShort(Exception):
    """Stands in for the exception Streamlit raises in a run that another run preempts."""


@pytest.fixture
def state(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    fake: dict[str, Any] = {session.PLAN: PlanState()}
    monkeypatch.setattr(session.st, "session_state", fake)

    def rerun(*, scope: str = "app") -> None:
        assert scope == "app"
        raise Rerun

    monkeypatch.setattr(session.st, "rerun", rerun)
    with session.page_run():  # a session's first run is always the whole page's
        pass
    return fake


def _fragment(name: str, drawn: list[str], cut: bool = False) -> Any:
    @session.whole_run(name)
    def body() -> None:
        drawn.append(name)
        if cut:
            raise CutShort

    return body


def test_a_fragment_that_finds_another_cut_short_asks_for_the_whole_page(state: dict[str, Any]) -> None:
    drawn: list[str] = []
    with pytest.raises(CutShort):
        _fragment("checklist", drawn, cut=True)()
    with pytest.raises(Rerun):
        _fragment("pace", drawn)()
    assert drawn == ["checklist"]  # the pace's body never drew: the page runs instead
    assert state[session.DRAWING] == set()


def test_a_run_cut_short_in_its_callback_is_marked_too(state: dict[str, Any]) -> None:
    # The tick's callback writes the address, a message at which Streamlit can cut the run.
    @session.marks("checklist")
    def on_tick() -> None:
        raise CutShort

    with pytest.raises(CutShort):
        on_tick()
    with pytest.raises(Rerun):
        _fragment("pace", [])()


def test_finished_runs_and_a_fragments_own_rerun_draw_only_that_fragment(state: dict[str, Any]) -> None:
    drawn: list[str] = []
    _fragment("checklist", drawn)()
    _fragment("pace", drawn)()
    with pytest.raises(CutShort):
        _fragment("pace", drawn, cut=True)()
    _fragment("pace", drawn)()  # a newer run of the same fragment draws all of it again
    assert drawn == ["checklist", "pace", "pace", "pace"]
    assert state[session.DRAWING] == set()


def test_a_callback_that_hands_its_run_to_another_fragment_unmarks_its_own(state: dict[str, Any]) -> None:
    @session.marks("pace")
    def on_commit() -> None:
        session.unmark("pace")  # then st.rerun("after"): the pace fragment's run is replaced

    on_commit()
    drawn: list[str] = []
    _fragment("after", drawn)()
    assert drawn == ["after"]


def test_a_page_run_draws_every_fragment_and_clears_what_was_cut_short(state: dict[str, Any]) -> None:
    drawn: list[str] = []
    with pytest.raises(CutShort):
        _fragment("checklist", drawn, cut=True)()
    with session.page_run():
        _fragment("pace", drawn)()  # inside the page's run: no second page run
        _fragment("checklist", drawn)()
    _fragment("pace", drawn)()
    assert drawn == ["checklist", "pace", "checklist", "pace"]


def test_a_fragment_that_finds_the_plan_or_a_named_widget_changed_since_the_page_ran_runs_it(
    state: dict[str, Any],
) -> None:
    # A unit switch (or the weigh-ins opened) whose page run was cut short before it began.
    drawn: list[str] = []
    session.outside_fragments("weighins_open")
    with session.page_run():
        pass
    state[session.PLAN] = state[session.PLAN].with_pace(2.0)  # the fragments' own: no page run
    state[session.PLAN] = replace(state[session.PLAN], ticks=frozenset({"sunscreen"}))
    _fragment("pace", drawn)()
    state["weighins_open"] = True
    with pytest.raises(Rerun):
        _fragment("pace", drawn)()
    with session.page_run():
        pass
    state[session.PLAN] = replace(state[session.PLAN], units="kg")
    with pytest.raises(Rerun):
        _fragment("checklist", drawn)()
    assert drawn == ["pace"]


def test_a_page_run_cut_short_is_finished_by_the_next_fragment_run(state: dict[str, Any]) -> None:
    with pytest.raises(CutShort), session.page_run():
        raise CutShort
    with pytest.raises(Rerun):
        _fragment("pace", [])()
