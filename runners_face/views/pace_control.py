"""The pace control: one native range input that the chart follows in the browser.

A small Streamlit custom component (Components v2: HTML, CSS and JavaScript, no iframe). Its
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
from typing import Any, Final

import streamlit as st

from runners_face.charts import PACE_INPUT_ID

COMPONENT_KEY: Final = "pace_control"
STATE_NAME: Final = "pace"

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

# Colours come from Streamlit's theme variables, so the control follows light and dark.
# Target: the whole 32 px tall row takes a tap (WCAG 2.5.8 asks for 24 px); the thumb is 24 px.
_CSS: Final = """
.rf-pace {
  font-family: var(--st-font);
  color: var(--st-text-color);
  padding: 0.25rem 0 0.5rem 0;
}
.rf-pace-label {
  display: block;
  font-size: 0.875rem;
  margin-bottom: 0.25rem;
}
.rf-pace-row {
  display: flex;
  align-items: center;
  gap: 0.75rem;
}
.rf-pace-input {
  --rf-progress: 0%;
  flex: 1 1 auto;
  min-width: 0;
  height: 32px;
  margin: 0;
  background: transparent;
  cursor: pointer;
  appearance: none;
  -webkit-appearance: none;
}
.rf-pace-input::-webkit-slider-runnable-track {
  height: 6px;
  border-radius: 3px;
  background: linear-gradient(to right, var(--st-primary-color) var(--rf-progress),
    var(--st-border-color) var(--rf-progress));
}
.rf-pace-input::-moz-range-track {
  height: 6px;
  border-radius: 3px;
  background: var(--st-border-color);
}
.rf-pace-input::-moz-range-progress {
  height: 6px;
  border-radius: 3px;
  background: var(--st-primary-color);
}
.rf-pace-input::-webkit-slider-thumb {
  -webkit-appearance: none;
  appearance: none;
  width: 24px;
  height: 24px;
  margin-top: -9px;
  border-radius: 50%;
  border: 2px solid var(--st-background-color);
  background: var(--st-primary-color);
}
.rf-pace-input::-moz-range-thumb {
  width: 24px;
  height: 24px;
  border-radius: 50%;
  border: 2px solid var(--st-background-color);
  background: var(--st-primary-color);
}
.rf-pace-input:focus {
  outline: none;
}
.rf-pace-input:focus-visible {
  outline: 3px solid var(--st-primary-color);
  outline-offset: 3px;
  border-radius: 4px;
}
.rf-pace-value {
  flex: 0 0 auto;
  min-width: 7.5em;
  font-weight: 600;
  font-variant-numeric: tabular-nums;
}
.rf-pace-goal {
  margin: 0.25rem 0 0 0;
  font-size: 0.875rem;
  min-height: 1.4em;
}
"""

COMMIT_DELAY_MS: Final = 150
"""How long the control waits after a key press before it tells Python (as Streamlit does for a
chart selection from a bound input): a run of key presses becomes one commit. The end of a drag
is sent at once."""

_JS: Final = """
const COMMIT_DELAY = __COMMIT_DELAY__
const MAX_WAIT = 10000
const VERIFY_DELAY = 600
const REBIND_PAUSE = 5000
const RECONNECT_WAIT = 3000

// Whether the page can take a pace change now. After the page reconnects to a server (a
// restart, or another replica behind a proxy), the new session learns about the planner's
// part of the page only during the whole-page run that follows the reconnection; a pace
// change sent before that run has started and finished would be dropped. So the page is
// ready when it is connected, no run is going on, and any run owed to a reconnection is done.
function watchRuns() {
  const app = document.querySelector("[data-testid=stApp]")
  const state = { lost: false, owed: false, started: false, since: 0 }
  if (app) {
    const look = () => {
      const connected = app.dataset.testConnectionState === "CONNECTED"
      const running = app.dataset.testScriptState !== "notRunning"
      if (!connected) state.lost = true
      else if (state.lost) Object.assign(state, { lost: false, owed: true, started: running, since: Date.now() })
      else if (state.owed && running) state.started = true
      else if (state.owed && state.started) state.owed = false
    }
    new MutationObserver(look).observe(app, { attributes: true })
  }
  return {
    ready: () => {
      if (!app) return true
      const idle = app.dataset.testConnectionState === "CONNECTED" && app.dataset.testScriptState === "notRunning"
      const owed = state.owed && Date.now() - state.since < RECONNECT_WAIT
      return idle && !owed
    },
  }
}
const runs = watchRuns()

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component
  const input = parentElement.querySelector("input[type=range]")
  const label = parentElement.querySelector(".rf-pace-label")
  const value = parentElement.querySelector(".rf-pace-value")
  const goal = parentElement.querySelector(".rf-pace-goal")
  if (!input || !data) return

  label.textContent = data.label
  input.max = String(data.values.length - 1)
  const show = () => {
    const step = Number(input.value)
    input.setAttribute("aria-valuetext", data.spoken[step])
    value.textContent = data.values[step]
    goal.textContent = data.goals[step]
    input.style.setProperty("--rf-progress", (100 * step / Math.max(1, data.values.length - 1)) + "%")
  }
  // The chart follows this input through Vega's binding, made when the chart is drawn. If
  // the input was not on the page at that moment (Streamlit can draw the chart again while
  // the page reconnects to a new session), the chart no longer follows it. So after each
  // move, check that the chart shows this step's goal marker; if it does not, twice, ask
  // Python to draw the chart afresh (at most once every few seconds).
  const verify = () => {
    clearTimeout(input.rfVerify)
    const want = data.marks[Number(input.value)]
    const check = (tries) => {
      // The planner's chart is the first chart after the control on the page.
      const chart = [...document.querySelectorAll("[data-testid=stVegaLiteChart]")].find(
        (c) => parentElement.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)
      const svg = chart && chart.querySelector("svg")
      if (!svg || [...svg.querySelectorAll("text")].some((t) => t.textContent === want)) return
      if (tries > 0) {
        input.rfVerify = setTimeout(() => check(tries - 1), VERIFY_DELAY)
      } else if (Date.now() - (input.rfRebound || 0) > REBIND_PAUSE) {
        input.rfRebound = Date.now()
        setTriggerValue("rebind", want)
      }
    }
    input.rfVerify = setTimeout(() => check(1), VERIFY_DELAY)
  }
  input.oninput = () => {
    show()
    verify()
  }
  // A commit when the reader lets go: at the end of a drag, or after a key press once they
  // pause for COMMIT_DELAY ms, so a run of key presses is one change for Python and the link.
  const commit = () => {
    // Hold the commit while the page is not ready for it (see watchRuns): it waits at most
    // MAX_WAIT, then goes anyway.
    if (!runs.ready() && Date.now() - input.rfSince < MAX_WAIT) {
      input.rfTimer = setTimeout(commit, 50)
      return
    }
    const sent = Number(input.dataset.sent || "0") + 1
    input.dataset.sent = String(sent)
    // The count makes every commit a change, even back to a pace Python set meanwhile.
    setStateValue("pace", { key: data.keys[Number(input.value)], count: sent })
  }
  // The end of a drag (the pointer let go) is committed at once; key presses wait for a pause.
  input.onpointerup = () => {
    input.rfReleased = Date.now()
  }
  input.onchange = () => {
    clearTimeout(input.rfTimer)
    input.rfSince = Date.now()
    const released = Date.now() - (input.rfReleased || 0) < 100
    input.rfTimer = setTimeout(commit, released ? 0 : COMMIT_DELAY)
  }
  // Python moved the pace (a preset, new units, Back or Forward, a link): take its step and
  // tell the chart, which listens to this input's events. A rerun that only follows the
  // reader's own move carries the same nonce and leaves the input alone.
  if (input.dataset.nonce !== data.nonce) {
    input.dataset.nonce = data.nonce
    input.value = String(data.step)
    input.dispatchEvent(new Event("input", { bubbles: true }))
  } else {
    verify()
  }

  show()
}
""".replace("__COMMIT_DELAY__", str(COMMIT_DELAY_MS))

_COMPONENT = st.components.v2.component("runners_face_pace", html=_HTML, css=_CSS, js=_JS, isolate_styles=False)
# Not isolated in a shadow root: the chart finds the input by its id in the page.


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
    data: dict[str, Any] = {
        "label": label,
        "keys": list(steps.keys),
        "values": list(steps.values),
        "goals": list(steps.goals),
        "spoken": list(steps.spoken),
        "marks": list(steps.marks),
        "step": step,
        "nonce": nonce,
    }
    _COMPONENT(key=COMPONENT_KEY, data=data, on_pace_change=on_commit, on_rebind_change=on_rebind)


def committed_key() -> str | None:
    """The step key the reader last let go of ("lb:1.25"), inside ``on_commit``."""
    state = st.session_state.get(COMPONENT_KEY)
    if state is None:
        return None
    sent = state.get(STATE_NAME) if hasattr(state, "get") else None
    if not isinstance(sent, dict):
        return None
    key = sent.get("key")
    return key if isinstance(key, str) else None
