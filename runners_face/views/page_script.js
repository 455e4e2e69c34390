// The page script (see page_script.py): a Streamlit 1.67 Components v2 module drawn once near the
// top of the page. It keeps the reader's Back button theirs, and tells an embedding page how tall
// the page is. Streamlit calls the default export each time Python draws it; everything it sets
// up is done once per page.

// In Streamlit 1.67 the page adds a history entry (history.pushState) each time the server
// writes the address, so a reader who changed a few things had to press Back several times to
// leave. The page is one page: its address only ever records the plan, so an entry is replaced
// instead, and one press of Back goes back to where the reader came from.
function keepOneHistoryEntry() {
  if (window.__rfHistory) return
  window.__rfHistory = true
  const replace = window.history.replaceState.bind(window.history)
  window.history.pushState = (state, unused, url) => replace(state, unused, url)
}

// Embedded in a publisher's iframe (?embed=true), the page posts its height to the parent, which
// can size the iframe to fit (the README has the snippet), so the page never scrolls inside it.
function postHeight(messageType) {
  if (window.parent === window || window.__rfHeight) return
  window.__rfHeight = true
  const app = document.querySelector("[data-testid=stAppViewContainer]") || document.body
  let last = 0
  const send = () => {
    const main = document.querySelector("[data-testid=stMainBlockContainer]") || app
    const height = Math.ceil(main.getBoundingClientRect().height + 48)
    if (Math.abs(height - last) < 2) return
    last = height
    window.parent.postMessage({ type: messageType, height }, "*")
  }
  new ResizeObserver(send).observe(app)
  new MutationObserver(send).observe(app, { childList: true, subtree: true })
  send()
}

// Material icons are drawn as ligatures: a screen reader reads the icon's name ("keyboard arrow
// right", "ios share", "warning") before the words that carry the meaning. They are decoration
// here (every expander, alert and button says what it is in words), so they are hidden from
// assistive technology as Streamlit 1.67 draws them.
function hideIconNames() {
  if (window.__rfIcons) return
  window.__rfIcons = true
  const hide = (root) => {
    for (const icon of root.querySelectorAll("[data-testid=stIconMaterial]:not([aria-hidden])")) {
      icon.setAttribute("aria-hidden", "true")
    }
  }
  hide(document)
  // At most once a frame: a chart redrawn by the pace control changes many nodes at a time.
  let queued = false
  new MutationObserver(() => {
    if (queued) return
    queued = true
    requestAnimationFrame(() => {
      queued = false
      hide(document)
    })
  }).observe(document.body, { childList: true, subtree: true })
}

// A link within the page (a citation, the contents list) would add a history entry too, so Back
// would step back through the page before leaving it: the jump replaces the entry instead. It is
// still the browser's own jump, so a target inside a closed <details> opens as usual.
function keepInPageLinksOutOfHistory() {
  if (window.__rfAnchors) return
  window.__rfAnchors = true
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest?.('a[href^="#"]')
      if (!link || event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      event.preventDefault()
      window.location.replace(link.getAttribute("href"))
    },
    true,
  )
}

export default function (component) {
  const { data } = component
  keepOneHistoryEntry()
  keepInPageLinksOutOfHistory()
  hideIconNames()
  if (data?.embedded) postHeight(data.heightMessage)
}
