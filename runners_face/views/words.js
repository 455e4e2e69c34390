// The planner's words in the browser (see words_view.py): a Streamlit 1.67 Components v2 module.
// Python sends the words for every step of the pace control as HTML (the page's own sentences,
// escaped in Python); this shows the step the pace control is on, and follows it in the same
// frame as it moves. A "fixed" instance holds the words for one step only (the realistic
// figures, made for the pace Python last heard): it is marked as updating while the control is
// elsewhere. A "Try ..." button in the words moves the control to its step.

const latest = new WeakMap()
const listening = new WeakSet()

function stepOf(input, data) {
  const count = data.keys.length
  return Math.max(0, Math.min(count - 1, Math.round((Number(input.value) - data.min) / data.step)))
}

function render(parentElement) {
  const data = latest.get(parentElement)
  const box = parentElement.querySelector(".rf-words")
  if (!data || !box) return
  const input = document.getElementById(data.inputId)
  const step = input ? stepOf(input, data) : data.initial
  if (data.mode === "fixed") {
    if (box.dataset.html !== data.html) {
      box.innerHTML = data.html
      box.dataset.html = data.html
    }
    const stale = data.keys[step] !== data.key
    box.classList.toggle("rf-stale", stale)
    box.setAttribute("aria-busy", String(stale))
    return
  }
  const html = data.steps[step].map((index) => data.paragraphs[index]).join("")
  if (box.dataset.html !== html) {
    box.innerHTML = html
    box.dataset.html = html
  }
}

export default function (component) {
  const { data, parentElement } = component
  if (!data) return
  latest.set(parentElement, data)
  const box = parentElement.querySelector(".rf-words")
  box.className = `rf-words ${data.className || ""}`
  if (data.live) box.setAttribute("aria-live", "polite")
  render(parentElement)
  if (listening.has(parentElement)) return
  listening.add(parentElement)
  document.addEventListener("input", (event) => {
    const current = latest.get(parentElement)
    if (current && event.target.id === current.inputId) render(parentElement)
  })
  box.addEventListener("click", (event) => {
    const current = latest.get(parentElement)
    const button = event.target.closest("button[data-rf-step]")
    const input = current && document.getElementById(current.inputId)
    if (!button || !input) return
    const step = Number(button.dataset.rfStep)
    input.value = String(Math.round((current.min + step * current.step) * 100) / 100)
    input.dispatchEvent(new Event("input", { bubbles: true }))
    input.dispatchEvent(new Event("change", { bubbles: true }))
  })
}
