// The pace control's JavaScript (see pace_control.py): a Streamlit 1.67 Components v2 module.
// Streamlit calls the default export each time Python draws the control, with that run's data:
// the words for every step, the step and nonce Python set, `settings` (the commit delay) and
// `names` (the commit's names, from the Python serde in pace_commit.py).

const MAX_WAIT = 10000
const VERIFY_DELAY = 600
const REBIND_PAUSE = 5000
const RECONNECT_WAIT = 3000

// Whether the page can take a pace change now. In Streamlit 1.67, after the page reconnects to
// a server (a restart, or another replica behind a proxy), the new session learns about the
// planner's part of the page only during the whole-page run that follows the reconnection; a
// pace change sent before that run has started and finished would be dropped. So the page is
// ready when it is connected, no run is going on, and any run owed to a reconnection is done.
// (The page's state is read from the data-test-* attributes Streamlit 1.67 sets on stApp.)
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

// What a control remembers from one draw to the next, kept for its input element: a control
// drawn with a new input starts afresh.
const controls = new WeakMap()
function controlOf(input) {
  let control = controls.get(input)
  if (!control) {
    control = {
      nonce: undefined, // the nonce of the step Python last set
      sent: 0, // commits sent
      commitTimer: undefined, // the pending commit
      since: 0, // when the reader last let go (a held commit waits at most MAX_WAIT from then)
      released: 0, // when the pointer last let go of the input
      verifyTimer: undefined, // the pending check that the chart follows
      rebound: 0, // when the control last asked Python to draw the chart afresh
    }
    controls.set(input, control)
  }
  return control
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component
  const input = parentElement.querySelector("input[type=range]")
  const label = parentElement.querySelector(".rf-pace-label")
  const value = parentElement.querySelector(".rf-pace-value")
  const goal = parentElement.querySelector(".rf-pace-goal")
  if (!input || !data) return
  const control = controlOf(input)
  const { names, settings } = data

  label.textContent = data.label
  input.max = String(data.values.length - 1)
  const show = () => {
    const step = Number(input.value)
    input.setAttribute("aria-valuetext", data.spoken[step])
    value.textContent = data.values[step]
    goal.textContent = data.goals[step]
    input.style.setProperty("--rf-progress", `${(100 * step) / Math.max(1, data.values.length - 1)}%`)
  }
  // The chart follows this input through Vega's binding, made when the chart is drawn. If
  // the input was not on the page at that moment (Streamlit 1.67 can draw the chart again while
  // the page reconnects to a new session), the chart no longer follows it. So after each
  // move, check that the chart shows this step's goal marker; if it does not, twice, ask
  // Python to draw the chart afresh (at most once every few seconds).
  const verify = () => {
    clearTimeout(control.verifyTimer)
    const want = data.marks[Number(input.value)]
    const check = (tries) => {
      // The planner's chart is the first chart after the control on the page.
      const chart = [...document.querySelectorAll("[data-testid=stVegaLiteChart]")].find(
        (c) => parentElement.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING,
      )
      const svg = chart?.querySelector("svg")
      if (!svg || [...svg.querySelectorAll("text")].some((t) => t.textContent === want)) return
      if (tries > 0) {
        control.verifyTimer = setTimeout(() => check(tries - 1), VERIFY_DELAY)
      } else if (Date.now() - control.rebound > REBIND_PAUSE) {
        control.rebound = Date.now()
        setTriggerValue(names.rebind, want)
      }
    }
    control.verifyTimer = setTimeout(() => check(1), VERIFY_DELAY)
  }
  input.oninput = () => {
    show()
    verify()
  }
  // A commit when the reader lets go: at the end of a drag, or after a key press once they
  // pause for the commit delay, so a run of key presses is one change for Python and the link.
  const commit = () => {
    // Hold the commit while the page is not ready for it (see watchRuns): it waits at most
    // MAX_WAIT, then goes anyway.
    if (!runs.ready() && Date.now() - control.since < MAX_WAIT) {
      control.commitTimer = setTimeout(commit, 50)
      return
    }
    control.sent += 1
    // The count makes every commit a change, even back to a pace Python set meanwhile.
    setStateValue(names.state, { [names.key]: data.keys[Number(input.value)], [names.count]: control.sent })
  }
  // The end of a drag (the pointer let go) is committed at once; key presses wait for a pause.
  input.onpointerup = () => {
    control.released = Date.now()
  }
  input.onchange = () => {
    clearTimeout(control.commitTimer)
    control.since = Date.now()
    const released = Date.now() - control.released < 100
    control.commitTimer = setTimeout(commit, released ? 0 : settings.commitDelayMs)
  }
  // Python moved the pace (a preset, new units, Back or Forward, a link): take its step and
  // tell the chart, which listens to this input's events. A rerun that only follows the
  // reader's own move carries the same nonce and leaves the input alone.
  if (control.nonce !== data.nonce) {
    control.nonce = data.nonce
    input.value = String(data.step)
    input.dispatchEvent(new Event("input", { bubbles: true }))
  } else {
    verify()
  }

  show()
}
