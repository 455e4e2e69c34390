// "Share my plan" (see share_view.py): a Streamlit 1.67 Components v2 module. The link is made at
// the click from the page's own address (which always holds the plan the reader sees), keeping
// only the plan's keys; "without my weights" leaves out the private ones. On a touch screen with
// the Web Share API the phone's share sheet opens; elsewhere the link is copied, and the note says
// so (or shows the link to copy by hand when the browser allows no copying).

function linkFor(data, privately) {
  const params = new URLSearchParams(window.location.search)
  const kept = new URLSearchParams()
  for (const [key, value] of params) {
    if (data.planKeys.includes(key) && !(privately && data.privateKeys.includes(key))) kept.append(key, value)
  }
  const query = kept.toString()
  return `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ""}`
}

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text)
    return true
  }
  return false
}

export default function (component) {
  const { data, parentElement } = component
  const button = parentElement.querySelector(".rf-share-button")
  const box = parentElement.querySelector(".rf-share-private input")
  const note = parentElement.querySelector(".rf-share-note")
  const manual = parentElement.querySelector(".rf-share-link")
  if (!button || !data) return
  button.textContent = data.label
  parentElement.querySelector(".rf-share-private span").textContent = data.privateLabel
  button.onclick = async () => {
    const url = linkFor(data, box.checked)
    manual.hidden = true
    const touch = window.matchMedia("(pointer: coarse)").matches
    if (touch && navigator.share) {
      try {
        await navigator.share({ title: data.title, url })
        note.textContent = ""
        return
      } catch (error) {
        if (error?.name === "AbortError") return
      }
    }
    try {
      if (await copy(url)) {
        note.textContent = data.copiedNote
        note.dataset.link = url
        return
      }
    } catch {
      // fall through: show the link to copy by hand
    }
    manual.value = url
    manual.hidden = false
    manual.select()
    note.textContent = data.manualNote
    note.dataset.link = url
  }
}
