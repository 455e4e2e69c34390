// The benchmarks' in-page helper (bench/browser.py installs it with add_init_script into every page,
// as window.__bench):
// * arm(slider): disconnects the previous observer (re-arming without that gave fake 3 ms times),
//   records the chart's mark signature, focuses the slider without scrolling, and listens for the
//   next keydown (capture phase) to start the clock.
// * wait(timeout): resolves when a MutationObserver sees the chart's mark signature differ from the
//   armed one (path d / transform / aria-label of the data marks), with the elapsed performance.now()
//   time and whether the whole <svg> was replaced (a re-embed).
// * quiet(ms, timeout): resolves once the app says notRunning and the page has had no DOM mutation
//   for `ms` ms, so one press never overlaps the tail of the previous rerun.
// * disconnects: how often stApp left CONNECTED after it had first connected.
;(() => {
  if (window.__bench) return
  const CHART = "[data-testid=stVegaLiteChart]"
  const B = { disconnects: 0, connectedOnce: false, obs: null, cur: null, msgs: [] }
  window.__bench = B
  // Note when each websocket message arrives (and its size), to split a press's time into
  // "until the chart's delta arrived" (server) and "after it arrived" (browser).
  const NativeWS = window.WebSocket
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", (e) => {
        const d = e.data
        B.msgs.push([performance.now(), (d && (d.byteLength ?? d.size ?? d.length)) || 0])
        if (B.msgs.length > 4000) B.msgs.splice(0, 2000)
      })
    }
  }
  function chartSvg() {
    const c = document.querySelector(CHART)
    return c ? c.querySelector("svg") : null
  }
  function sig() {
    const svg = chartSvg()
    if (!svg) return null
    let s = ""
    for (const el of svg.querySelectorAll(".role-mark > *")) {
      s +=
        (el.getAttribute("d") || "") +
        "|" +
        (el.getAttribute("transform") || "") +
        "|" +
        (el.getAttribute("aria-label") || "") +
        ";"
    }
    return s
  }
  B.sig = sig
  B.arm = (slider) => {
    if (B.obs) {
      B.obs.disconnect()
      B.obs = null
    }
    if (B.cur) {
      document.removeEventListener("keydown", B.cur.onKey, true)
      clearTimeout(B.cur.timer)
    }
    if (slider && document.activeElement !== slider) slider.focus({ preventScroll: true })
    const cur = { t0: null, t1: null, base: sig(), svg: chartSvg(), done: false, callbacks: 0 }
    cur.promise = new Promise((res) => {
      cur.resolve = res
    })
    cur.onKey = () => {
      if (cur.t0 === null) cur.t0 = performance.now()
    }
    document.addEventListener("keydown", cur.onKey, true)
    const finish = (timedOut) => {
      if (cur.done) return
      cur.done = true
      if (B.obs) {
        B.obs.disconnect()
        B.obs = null
      }
      document.removeEventListener("keydown", cur.onKey, true)
      clearTimeout(cur.timer)
      // messages between keydown and the chart change; the largest one carries the chart
      let first = null,
        big = null,
        n = 0
      if (!timedOut && cur.t0 !== null) {
        for (const [t, size] of B.msgs) {
          if (t < cur.t0 || t > cur.t1) continue
          n++
          if (first === null) first = t
          if (big === null || size >= big[1]) big = [t, size]
        }
      }
      cur.resolve({
        ms: !timedOut && cur.t0 !== null ? cur.t1 - cur.t0 : null,
        firstMsgMs: first === null ? null : first - cur.t0,
        chartMsgMs: big === null ? null : big[0] - cur.t0,
        afterChartMsgMs: big === null ? null : cur.t1 - big[0],
        msgsBeforeChange: n,
        timedOut: timedOut,
        sawKey: cur.t0 !== null,
        svgReplaced: !timedOut && chartSvg() !== cur.svg,
        callbacks: cur.callbacks,
        value: slider ? slider.getAttribute("aria-valuetext") : null,
      })
    }
    cur.finish = finish
    const obs = new MutationObserver(() => {
      if (cur.done || cur.t0 === null) return
      cur.callbacks++
      const now = sig()
      if (now !== null && now !== cur.base) {
        cur.t1 = performance.now()
        finish(false)
      }
    })
    const root = document.querySelector("[data-testid=stMain]") || document.body
    obs.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["d", "transform", "aria-label"],
    })
    B.obs = obs
    B.cur = cur
    return cur.base !== null && document.activeElement === slider
  }
  B.wait = (timeoutMs) => {
    const cur = B.cur
    if (!cur) return Promise.resolve({ ms: null, timedOut: true, sawKey: false, svgReplaced: false, callbacks: 0 })
    cur.timer = setTimeout(() => cur.finish(true), timeoutMs)
    return cur.promise
  }
  B.quiet = (ms, timeoutMs) =>
    new Promise((resolve) => {
      let last = performance.now()
      const start = last
      const o = new MutationObserver(() => {
        last = performance.now()
      })
      o.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
      const tick = () => {
        const app = document.querySelector("[data-testid=stApp]")
        const idle =
          app &&
          app.getAttribute("data-test-script-state") === "notRunning" &&
          app.getAttribute("data-test-connection-state") === "CONNECTED"
        const now = performance.now()
        if (idle && now - last >= ms) {
          o.disconnect()
          resolve(true)
        } else if (now - start > timeoutMs) {
          o.disconnect()
          resolve(false)
        } else setTimeout(tick, 10)
      }
      setTimeout(tick, 10)
    })
  const watch = () => {
    new MutationObserver((records) => {
      for (const r of records) {
        const v = r.target.getAttribute("data-test-connection-state")
        if (v === "CONNECTED") B.connectedOnce = true
        else if (B.connectedOnce) B.disconnects++
      }
    }).observe(document.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-test-connection-state"],
    })
  }
  if (document.documentElement) watch()
  else document.addEventListener("DOMContentLoaded", watch)
})()
