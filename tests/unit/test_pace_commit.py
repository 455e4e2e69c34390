"""The pace control's commit has one spelling: the serde that the view, the tests and the load
client use, and whose names the JavaScript takes from the component's data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from runners_face.views import pace_control
from runners_face.views.pace_commit import PACE_COMMIT, PaceCommit

JS = (Path(pace_control.__file__).parent / "pace_control.js").read_text(encoding="utf-8")


def test_a_commit_comes_back_as_it_was_written() -> None:
    commit = PaceCommit("kg:0.45", 7)
    assert PACE_COMMIT.deserialize(PACE_COMMIT.serialize(commit)) == commit


def test_the_state_the_browser_sends_reads_as_its_key_and_count() -> None:
    assert PACE_COMMIT.deserialize({"pace": {"key": "lb:1.25", "count": 3}}) == PaceCommit("lb:1.25", 3)


@pytest.mark.parametrize(
    "state",
    [None, {}, {"pace": None}, {"pace": "lb:1.25"}, {"pace": {"count": 1}}, {"pace": {"key": 1.25}}, ["pace"]],
)
def test_a_state_without_a_commit_in_its_shape_reads_as_none(state: Any) -> None:
    assert PACE_COMMIT.deserialize(state) is None


def test_a_commit_without_a_whole_count_still_gives_its_key() -> None:
    assert PACE_COMMIT.deserialize({"pace": {"key": "lb:1", "count": "2"}}) == PaceCommit("lb:1", 0)


def _steps() -> pace_control.PaceSteps:
    return pace_control.PaceSteps(
        0.25,
        0.25,
        ["lb:1"],
        ["1 lb a week"],
        ["1 lb a week. Goal"],
        ["in 15 weeks"],
        ["recommended"],
        ["1 lb a week: Inside."],
        ["pace=1"],
        [0],
        (0, 0),
        "Article's range",
    )


def test_the_control_sends_the_javascript_its_names_and_settings() -> None:
    data = pace_control.component_data("Weekly pace", _steps(), 0, "n1", eager=False, plan_keys=("pace",))
    assert data["names"] == {**PACE_COMMIT.names(), "rebind": pace_control.REBIND}
    assert data["settings"] == {"commitDelayMs": pace_control.COMMIT_DELAY_MS, "idleMs": pace_control.IDLE_MS}


def test_the_javascript_spells_no_name_of_its_own() -> None:
    # Every state and trigger it sets is named by the data, and so is every part of the commit.
    calls = re.findall(r"\b(setStateValue|setTriggerValue)\(([^,]+),\s*(.*)\)", JS)
    assert sorted(c[0] for c in calls) == ["setStateValue", "setTriggerValue"]
    assert all(re.fullmatch(r"names\.\w+", c[1].strip()) for c in calls), calls
    (commit,) = (c[2] for c in calls if c[0] == "setStateValue")
    assert re.findall(r"\[(names\.\w+)\]:", commit) == ["names.key", "names.count"], commit
    spelled = set(re.findall(r"\"([^\"]*)\"|'([^']*)'", JS))
    names = set(pace_control.component_data("", _steps(), 0, "", eager=False, plan_keys=())["names"].values())
    assert not names & {s for pair in spelled for s in pair}
