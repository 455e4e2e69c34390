// bench_drag.py's in-page watcher for one drag (window.__drag): chart changes (and, for ours, the
// goal marker's words) and the control's values while the mouse is down; then the time from
// pointerup to the words (ours: the result sentence names `finalText`) or to the chart's next
// change (the floor).
;(() => {
  if (window.__drag) return
  const CHART = "[data-testid=stVegaLiteChart]"
  const D = {}
  window.__drag = D
  const sig = () => {
    const svg = document.querySelector(`${CHART} svg`)
    if (!svg) return ""
    let s = ""
    for (const el of svg.querySelectorAll(".role-mark > *"))
      s += `${el.getAttribute("d") || ""}|${el.getAttribute("transform") || ""}|${el.textContent};`
    return s
  }
  const goalWords = () => {
    const t = [...document.querySelectorAll(`${CHART} g.role-mark text`)].find((e) => / in |in \d/.test(e.textContent))
    return t ? t.textContent : null
  }
  D.start = (sliderSelector, finalText) => {
    if (D.obs) D.obs.disconnect()
    Object.assign(D, {
      down: null,
      up: null,
      changes: [],
      words: new Set(),
      values: new Set(),
      lastSig: sig(),
      afterUp: null,
      wordsAt: null,
      finalText,
    })
    const slider = document.querySelector(sliderSelector)
    const noteValue = () => {
      if (D.down !== null && D.up === null) D.values.add(slider.getAttribute("aria-valuetext") || slider.value)
    }
    slider.addEventListener("input", noteValue)
    new MutationObserver(noteValue).observe(slider, { attributes: true, attributeFilter: ["aria-valuetext"] })
    const once = { capture: true, once: true }
    document.addEventListener(
      "pointerdown",
      () => {
        if (D.down === null) D.down = performance.now()
      },
      once,
    )
    document.addEventListener(
      "pointerup",
      () => {
        if (D.up === null) D.up = performance.now()
      },
      once,
    )
    D.obs = new MutationObserver(() => {
      const now = performance.now()
      const s = sig()
      if (s !== D.lastSig) {
        D.lastSig = s
        if (D.down !== null && D.up === null) {
          D.changes.push(now)
          const w = goalWords()
          if (w) D.words.add(w)
        } else if (D.up !== null && D.afterUp === null) {
          D.afterUp = now
        }
      }
      if (D.up !== null && D.wordsAt === null && finalText) {
        const alerts = [...document.querySelectorAll("[data-testid=stAlertContainer]")]
        if (alerts.some((a) => a.textContent.includes(finalText))) D.wordsAt = now
      }
    })
    D.obs.observe(document.querySelector("[data-testid=stMain]") || document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    })
  }
  D.result = () => ({
    down: D.down,
    up: D.up,
    changes: D.changes.length,
    words: D.words.size,
    values: D.values.size,
    dragMs: (D.up ?? 0) - (D.down ?? 0),
    chartAfterUpMs: D.afterUp === null ? null : D.afterUp - D.up,
    wordsAfterUpMs: D.wordsAt === null ? null : D.wordsAt - D.up,
  })
})()
