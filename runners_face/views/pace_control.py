"""The pace control: one native range input that the chart follows in the browser.

A small custom component (Streamlit 1.67's Components v2: HTML, CSS and JavaScript on the page,
no iframe); its JavaScript and CSS are ``pace_control.js`` and ``pace_control.css`` beside this
module, and its commit's shape is ``pace_commit.py``. Its
``<input type="range">`` is what the planner chart's Vega parameter is bound to (see
``runners_face.charts``), so a drag, an arrow key, Home or End redraws the chart in the same
frame, with no server message. The component also writes, in that frame, the pace and the goal
date it gives, and announces them to screen readers (``aria-valuetext``). Python stays the
source of every word: it sends the texts for every step with the component's data.

The reader's pace reaches Python when they let go (the input's ``change`` event: the end of a
drag, or each key press), and reruns the planner's fragment for the sentence and figures.

Python moves the control (presets, a unit switch, Back and Forward, a link) by sending a new
``nonce`` with the step; a rerun that only follows the reader's own move sends the same nonce,
so it never moves the control under their hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import streamlit as st

from runners_face.charts import PACE_INPUT_ID
from runners_face.views.pace_commit import COMPONENT_KEY, PACE_COMMIT

_HTML: Final = f"""
<div class="rf-pace">
  <label class="rf-pace-label" for="{PACE_INPUT_ID}">Weekly pace</label>
  <div class="rf-pace-row">
    <input id="{PACE_INPUT_ID}" class="rf-pace-input" type="range" min="0" max="11" step="1" value="3">
    <output class="rf-pace-value" for="{PACE_INPUT_ID}" aria-hidden="true"></output>
  </div>
  <p class="rf-pace-goal" aria-hidden="true"></p>
</div>
"""

COMMIT_DELAY_MS: Final = 150
"""How long the control waits after a key press before it tells Python (as Streamlit 1.67 does for
a chart selection from a bound input): a run of key presses becomes one commit. The end of a drag
is sent at once."""

REBIND: Final = "rebind"
"""The control's trigger when it finds the chart not following it (see ``pace_control.js``)."""


def _asset(name: str) -> str:
    """The text of a file beside this module. In Streamlit 1.67 a component's ``css`` and ``js``
    are inline text, or a path inside an ``asset_dir`` that only an installed package declares;
    the app runs from its folder, so the files are read and given as text (a string with a line
    break is taken as inline text)."""
    return (Path(__file__).parent / name).read_text(encoding="utf-8")


_COMPONENT = st.components.v2.component(
    "runners_face_pace",
    html=_HTML,
    css=_asset("pace_control.css"),
    js=_asset("pace_control.js"),
    # Not in a shadow root (Streamlit 1.67's default, isolate_styles=True): the chart finds
    # the input by its id in the page.
    isolate_styles=False,
)


@dataclass(frozen=True)
class PaceSteps:
    """The words for every step of the control, from Python."""

    keys: Sequence[str]
    """One key per step, e.g. "lb:1.25": what a commit sends back."""
    values: Sequence[str]
    """Shown beside the input: "1.25 lb a week"."""
    goals: Sequence[str]
    """Shown under it: "Goal on Monday 15 March 2027, in 15 weeks"."""
    spoken: Sequence[str]
    """Announced by screen readers (aria-valuetext): the value and the goal."""
    marks: Sequence[str]
    """The chart's goal marker text at each step, to check that the chart follows."""


def component_data(label: str, steps: PaceSteps, step: int, nonce: str) -> dict[str, Any]:
    """The component's data: the words for every step, the step and nonce Python sets, and the
    JavaScript's settings and names (the commit's, from :data:`PACE_COMMIT`)."""
    return {
        "label": label,
        "keys": list(steps.keys),
        "values": list(steps.values),
        "goals": list(steps.goals),
        "spoken": list(steps.spoken),
        "marks": list(steps.marks),
        "step": step,
        "nonce": nonce,
        "settings": {"commitDelayMs": COMMIT_DELAY_MS},
        "names": {**PACE_COMMIT.names(), "rebind": REBIND},
    }


def render_pace_control(
    label: str,
    steps: PaceSteps,
    step: int,
    nonce: str,
    on_commit: Callable[[], None],
    on_rebind: Callable[[], None],
) -> None:
    """Draw the control at ``step``; ``on_commit`` runs when the reader lets go of a new pace,
    ``on_rebind`` when the control finds the chart not following it (see the JavaScript)."""
    # In Streamlit 1.67 a state or trigger named N runs the callback given as on_N_change.
    callbacks: dict[str, Any] = {f"on_{PACE_COMMIT.state}_change": on_commit, f"on_{REBIND}_change": on_rebind}
    _COMPONENT(key=COMPONENT_KEY, data=component_data(label, steps, step, nonce), **callbacks)


def committed_key() -> str | None:
    """The step key the reader last let go of ("lb:1.25"), inside ``on_commit``."""
    commit = PACE_COMMIT.deserialize(st.session_state.get(COMPONENT_KEY))
    return commit.key if commit else None
