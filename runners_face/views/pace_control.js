// The pace control's JavaScript (see pace_control.py): a Streamlit 1.67 Components v2 module.
// Streamlit calls the default export each time Python draws the control, with that run's data:
// the pace steps (`scale`: min, step, and for every step its key, words and query string), the
// pace Python set (`value`, `nonce`), `settings` and `names` (the commit's names, from the Python
// serde in pace_commit.py).
//
// A move is shown at once: the value, the chart (Vega is bound to this input), the words below
// the chart (the words component listens to this input) and the page's address (replaced in
// place, so Back still leaves the page). Python hears the pace later, once per burst of moves:
// after a short pause, when the pointer leaves the planner, before the reader touches anything
// else on the page, or when the tab is hidden; at once while `eager` (the table or the share
// box is open and must follow the pace).

const MAX_WAIT = 10000
const VERIFY_DELAY = 600
const REBIND_PAUSE = 5000
const RECONNECT_WAIT = 3000
const ANNOUNCE_DELAY = 700
const HOLD_MAX = 3000

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
  // Callbacks waiting for the next run to start and end (or for `wait` ms, whichever is first).
  const waiting = []
  if (app) {
    let seen = false
    new MutationObserver(() => {
      if (app.dataset.testScriptState !== "notRunning") seen = true
      else if (seen) {
        seen = false
        for (const done of waiting.splice(0)) done()
      }
    }).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] })
  }
  return {
    afterNextRun: (wait, callback) => {
      let called = false
      const once = () => {
        if (!called) {
          called = true
          callback()
        }
      }
      if (!app) return once()
      waiting.push(once)
      setTimeout(once, wait)
    },
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
// drawn with a new input starts afresh. `data` is the latest draw's, for the page-wide listeners.
const controls = new WeakMap()
function controlOf(input) {
  let control = controls.get(input)
  if (!control) {
    control = {
      data: undefined,
      nonce: undefined, // the nonce of the pace Python last set
      sent: 0, // commits sent
      committed: undefined, // the step key Python last drew the control with
      pending: false, // a move Python has not heard yet
      commitTimer: undefined, // the pending commit
      since: 0, // when the reader last let go (a held commit waits at most MAX_WAIT from then)
      released: 0, // when the pointer last let go of the input
      verifyTimer: undefined, // the pending check that the chart follows
      rebound: 0, // when the control last asked Python to draw the chart afresh
      announceTimer: undefined,
      announced: undefined, // the verdict last announced
      heard: undefined, // the step key of the last commit whose run has ended
    }
    controls.set(input, control)
  }
  return control
}

// The step of a value, and the value of a step (the input holds real paces: 0.25-3 lb, 0.1-1.4 kg).
function stepOf(input, scale) {
  return Math.max(0, Math.min(scale.keys.length - 1, Math.round((Number(input.value) - scale.min) / scale.step)))
}
function paceOf(step, scale) {
  return String(Math.round((scale.min + step * scale.step) * 100) / 100)
}

// The page's address for a step. When the address holds a plan already (the server writes it
// after every change), only its pace changes: its ticks may be newer than this draw of the
// control (the checklist reruns on its own). Otherwise it takes the plan's keys from Python for
// that step. Every other key stays as the address has it (utm_source, Streamlit's embed, the view).
function replaceAddress(data, step) {
  const params = new URLSearchParams(window.location.search)
  const planned = new URLSearchParams(data.scale.queries[step])
  if (params.has("weight") || params.has("goal")) {
    for (const key of data.legacyKeys) params.delete(key)
    params.set(data.paceKey, planned.get(data.paceKey))
  } else {
    for (const key of data.planKeys) params.delete(key)
    for (const [key, value] of planned) params.append(key, value)
  }
  const url = `${window.location.pathname}?${params.toString()}${window.location.hash}`
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, "", url)
  }
}

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component
  const root = parentElement.querySelector(".rf-pace")
  const input = parentElement.querySelector("input[type=range]")
  const label = parentElement.querySelector(".rf-pace-label")
  const value = parentElement.querySelector(".rf-pace-value")
  const presets = parentElement.querySelector(".rf-pace-presets")
  const range = parentElement.querySelector(".rf-pace-range")
  const live = parentElement.querySelector(".rf-pace-live")
  if (!input || !data) return
  const control = controlOf(input)
  control.data = data
  const { names, settings, scale } = data
  const last = scale.keys.length - 1

  label.textContent = data.label
  input.min = String(scale.min)
  input.max = paceOf(last, scale)
  input.step = String(scale.step)
  const position = (step) => `${(100 * step) / Math.max(1, last)}%`
  range.style.setProperty("--rf-range-from", String(scale.range[0] / Math.max(1, last)))
  range.style.setProperty("--rf-range-to", String(scale.range[1] / Math.max(1, last)))
  range.querySelector("span").textContent = data.rangeLabel

  // The presets: buttons that set the pace, one of them pressed when the pace is a preset.
  if (presets.dataset.keys !== scale.presets.join(",")) {
    presets.dataset.keys = scale.presets.join(",")
    presets.replaceChildren(
      ...scale.presets.map((step) => {
        const button = document.createElement("button")
        button.type = "button"
        button.className = "rf-pace-preset"
        button.dataset.step = String(step)
        button.textContent = scale.values[step]
        return button
      }),
    )
  }
  presets.onclick = (event) => {
    const button = event.target.closest("button[data-step]")
    if (!button) return
    input.value = paceOf(Number(button.dataset.step), scale)
    input.dispatchEvent(new Event("input", { bubbles: true }))
    input.dispatchEvent(new Event("change", { bubbles: true }))
  }

  const show = () => {
    const step = stepOf(input, scale)
    input.setAttribute("aria-valuetext", scale.spoken[step])
    value.textContent = scale.values[step]
    input.style.setProperty("--rf-progress", position(step))
    for (const button of presets.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(Number(button.dataset.step) === step))
    }
    root.dataset.step = scale.keys[step]
  }

  // The chart follows this input through Vega's binding, made when the chart is drawn. If
  // the input was not on the page at that moment (Streamlit 1.67 can draw the chart again while
  // the page reconnects to a new session), the chart no longer follows it. So after each
  // move, check that the chart shows this step's goal marker; if it does not, twice, ask
  // Python to draw the chart afresh (at most once every few seconds).
  const verify = () => {
    clearTimeout(control.verifyTimer)
    const want = scale.marks[stepOf(input, scale)]
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

  // One short polite announcement when the reader stops on a step whose verdict is new to them:
  // the input's aria-valuetext already says the value and the date at every step.
  const announce = () => {
    clearTimeout(control.announceTimer)
    control.announceTimer = setTimeout(() => {
      const step = stepOf(input, scale)
      if (scale.kinds[step] !== control.announced) {
        control.announced = scale.kinds[step]
        live.textContent = scale.announce[step]
      }
    }, ANNOUNCE_DELAY)
  }

  // Tell Python the pace the control shows (once the page is ready for it; see watchRuns).
  const commit = () => {
    clearTimeout(control.commitTimer)
    const key = scale.keys[stepOf(input, scale)]
    if (key === control.committed) {
      control.pending = false
      return
    }
    if (!runs.ready() && Date.now() - control.since < MAX_WAIT) {
      control.commitTimer = setTimeout(commit, 50)
      return
    }
    control.pending = false
    control.sent += 1
    control.heard = undefined
    runs.afterNextRun(HOLD_MAX, () => {
      control.heard = key
    })
    // The count makes every commit a change, even back to a pace Python set meanwhile.
    setStateValue(names.state, { [names.key]: key, [names.count]: control.sent })
  }
  const schedule = (delay) => {
    clearTimeout(control.commitTimer)
    control.pending = true
    control.since = Date.now()
    control.commitTimer = setTimeout(commit, delay)
  }
  control.flush = () => {
    if (control.pending) commit()
  }

  // Eager while Python says so, or while one of the things made for one pace is open on the page
  // (the table or the share box, opened since Python last drew the control).
  const eager = () => control.data.eager || control.data.eagerWhen.some((selector) => document.querySelector(selector))

  input.oninput = () => {
    show()
    verify()
    replaceAddress(data, stepOf(input, scale))
    announce()
    if (!eager()) schedule(settings.idleMs)
  }
  // The end of a drag (the pointer let go) goes at once while eager; key presses wait for a pause,
  // so a run of them is one commit.
  input.onpointerup = () => {
    control.released = Date.now()
  }
  input.onchange = () => {
    const released = Date.now() - control.released < 100
    schedule(eager() ? (released ? 0 : settings.commitDelayMs) : settings.idleMs)
  }

  // Python moved the pace (a unit switch, a link): take its value and tell the chart, which
  // listens to this input's events. A rerun that only follows the reader's own move carries the
  // same nonce and leaves the input alone.
  control.committed = data.committed
  if (control.heard === undefined && control.sent === 0) control.heard = data.committed
  root.dataset.committed = data.committed
  if (control.nonce !== data.nonce) {
    control.nonce = data.nonce
    control.heard = data.committed
    control.pending = false
    clearTimeout(control.commitTimer)
    input.value = paceOf(data.step, scale)
    input.dispatchEvent(new Event("input", { bubbles: true }))
    clearTimeout(control.commitTimer)
    control.pending = false
  } else {
    verify()
    if (eager()) control.flush()
  }
  show()
  listenOnce(input)
}

// Page-wide listeners, once per input: commit a pending move before the reader does anything
// else on the page (so no other change can overtake it), when the pointer leaves the planner,
// and when the tab is hidden.
const listening = new WeakSet()
function listenOnce(input) {
  if (listening.has(input)) return
  listening.add(input)
  const flush = () => controlOf(input).flush?.()
  const planner = input.closest("[class*=st-key-planner]")
  // Anything outside the control itself, the planner's own fields included: a unit switch
  // right after a preset must find Python on the new pace, or it converts the old one.
  const outside = (event) => !input.closest(".rf-pace")?.contains(event.target)
  document.addEventListener(
    "pointerdown",
    (event) => {
      if (outside(event)) flush()
    },
    true,
  )
  document.addEventListener(
    "keydown",
    (event) => {
      if (outside(event) && (event.key === "Enter" || event.key === " " || event.key === "Tab")) flush()
    },
    true,
  )
  // A download made right after a pace move: its file is made on the server at the click, from
  // the pace Python has heard, and Streamlit 1.67 answers the click before the run that takes
  // the commit sent at pointerdown. So hold the click until that run is over (at most a few
  // seconds), then click again.
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest?.("[data-testid=stDownloadButton] button")
      const control = controlOf(input)
      if (!button || !control.data || button.dataset.rfHeld) return
      const { scale } = control.data
      if (!control.pending && control.heard === scale.keys[stepOf(input, scale)]) return
      event.preventDefault()
      event.stopImmediatePropagation()
      button.dataset.rfHeld = "1"
      flush()
      runs.afterNextRun(HOLD_MAX, () => {
        button.click()
        delete button.dataset.rfHeld
      })
    },
    true,
  )
  planner?.addEventListener("pointerleave", flush)
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush()
  })
}
