"""The pace control: one native range input that the chart follows in the browser.

A small custom component (Streamlit 1.67's Components v2: HTML, CSS and JavaScript on the page,
no iframe); its JavaScript and CSS are ``pace_control.js`` and ``pace_control.css`` beside this
module, and its commit's shape is ``pace_commit.py``. Its ``<input type="range">`` holds the
pace itself (0.25-3 lb or 0.1-1.4 kg a week); the planner chart's Vega parameter is bound to it
(see ``runners_face.charts``), and the planner's words (``words_view``) listen to it, so a drag,
an arrow key, Home, End or a preset button redraws the chart and the words in the same frame,
and the page's address is replaced in place, with no server message. Python stays the source of
every word: it sends the texts for every step with the components' data.

The reader's pace reaches Python later, once per burst of moves (see ``pace_control.js``), and
only the control's own fragment runs for it; while the table or the share box is open, every
move reaches Python at once (``eager``), since they follow the pace.

Python moves the control (a unit switch, a link) by sending a new ``nonce`` with the step; a
rerun that only follows the reader's own move sends the same nonce, so it never moves the
control under their hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import streamlit as st

from runners_face.charts import PACE_INPUT_ID
from runners_face.state import LEGACY_PACE_KEYS, PACE_KEY
from runners_face.views.assets import read_asset
from runners_face.views.pace_commit import COMPONENT_KEY, PACE_COMMIT

_HTML: Final = f"""
<div class="rf-pace">
  <div class="rf-pace-head">
    <label class="rf-pace-label" for="{PACE_INPUT_ID}">Weekly pace</label>
    <output class="rf-pace-value" for="{PACE_INPUT_ID}" aria-hidden="true"></output>
  </div>
  <input id="{PACE_INPUT_ID}" class="rf-pace-input" type="range">
  <div class="rf-pace-range" aria-hidden="true"><span></span></div>
  <div class="rf-pace-presets" role="group" aria-label="Pace presets"></div>
  <p class="rf-pace-hint rf-keyboard-hint">Arrow keys move the pace one step; Home and End go to the ends.</p>
  <p class="rf-pace-live" aria-live="polite" aria-atomic="true"></p>
</div>
"""

COMMIT_DELAY_MS: Final = 150
"""While Python must follow every move (the table or share box is open): how long the control
waits after a key press before it tells Python (as Streamlit 1.67 does for a chart selection from
a bound input), so a run of key presses becomes one commit. The end of a drag is sent at once."""
IDLE_MS: Final = 1500
"""Otherwise, how long the control waits after the last move before it tells Python: the words,
the chart and the address have followed already, so a burst of moves costs the server one run."""

REBIND: Final = "rebind"
"""The control's trigger when it finds the chart not following it (see ``pace_control.js``)."""


_COMPONENT = st.components.v2.component(
    "runners_face_pace",
    html=_HTML,
    css=read_asset("pace_control.css"),
    js=read_asset("pace_control.js"),
    # Not in a shadow root (Streamlit 1.67's default, isolate_styles=True): the chart finds
    # the input by its id in the page.
    isolate_styles=False,
)


@dataclass(frozen=True)
class PaceSteps:
    """The control's steps and the words for every step, from Python."""

    minimum: float
    step: float
    keys: Sequence[str]
    """One key per step, e.g. "lb:1.25": what a commit sends back."""
    values: Sequence[str]
    """Shown above the track: "1.25 lb a week"."""
    spoken: Sequence[str]
    """Announced by screen readers at each step (aria-valuetext): the value, the goal and the verdict."""
    marks: Sequence[str]
    """The chart's goal marker text at each step, to check that the chart follows."""
    kinds: Sequence[str]
    """Each step's verdict; a screen reader hears ``announce`` when the reader stops on a new one."""
    announce: Sequence[str]
    queries: Sequence[str]
    """The plan's part of the page's address at each step (the other keys stay as they are)."""
    presets: Sequence[int]
    """The steps offered as buttons."""
    range_steps: tuple[int, int]
    """The first and last step inside the article's range, marked under the track."""
    range_label: str


def component_data(
    label: str,
    steps: PaceSteps,
    step: int,
    nonce: str,
    *,
    eager: bool,
    plan_keys: Sequence[str],
    eager_when: Sequence[str] = (),
) -> dict[str, Any]:
    """The component's data: the steps and their words, the step and nonce Python sets, whether
    every move must reach Python at once, and the JavaScript's settings and names (the commit's,
    from :data:`PACE_COMMIT`)."""
    return {
        "label": label,
        "scale": {
            "min": steps.minimum,
            "step": steps.step,
            "keys": list(steps.keys),
            "values": list(steps.values),
            "spoken": list(steps.spoken),
            "marks": list(steps.marks),
            "kinds": list(steps.kinds),
            "announce": list(steps.announce),
            "queries": list(steps.queries),
            "presets": list(steps.presets),
            "range": list(steps.range_steps),
        },
        "rangeLabel": steps.range_label,
        "step": step,
        "committed": steps.keys[step],
        "nonce": nonce,
        "eager": eager,
        "eagerWhen": list(eager_when),
        "planKeys": list(plan_keys),
        "legacyKeys": list(LEGACY_PACE_KEYS),
        "paceKey": PACE_KEY,
        "settings": {"commitDelayMs": COMMIT_DELAY_MS, "idleMs": IDLE_MS},
        "names": {**PACE_COMMIT.names(), "rebind": REBIND},
    }


def render_pace_control(
    label: str,
    steps: PaceSteps,
    step: int,
    nonce: str,
    on_commit: Callable[[], None],
    on_rebind: Callable[[], None],
    *,
    eager: bool,
    plan_keys: Sequence[str],
    eager_when: Sequence[str] = (),
) -> None:
    """Draw the control at ``step``; ``on_commit`` runs when the control tells Python a new pace,
    ``on_rebind`` when it finds the chart not following it (see the JavaScript)."""
    # In Streamlit 1.67 a state or trigger named N runs the callback given as on_N_change.
    callbacks: dict[str, Any] = {f"on_{PACE_COMMIT.state}_change": on_commit, f"on_{REBIND}_change": on_rebind}
    data = component_data(label, steps, step, nonce, eager=eager, plan_keys=plan_keys, eager_when=eager_when)
    _COMPONENT(key=COMPONENT_KEY, data=data, **callbacks)


def committed_key() -> str | None:
    """The step key the reader last let go of ("lb:1.25"), inside ``on_commit``."""
    commit = PACE_COMMIT.deserialize(st.session_state.get(COMPONENT_KEY))
    return commit.key if commit else None
