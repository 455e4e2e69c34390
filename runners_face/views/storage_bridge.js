// The weigh-ins' storage bridge (see storage_bridge.py): a Streamlit 1.67 Components v2 module with
// no visible part. It keeps the reader's weigh-ins in this browser, never on the server: in
// sessionStorage (this tab) or, when the reader asks, in localStorage (this device). It stores and
// reads one value under `data.key`, verbatim: what is in it is Python's business
// (runners_face/weighin_storage.py), and so are the names of the report (`data.names`).
//
// Python draws the bridge on every whole-page run with `data`: the server session's id (`session`),
// whether that session has heard what this browser holds (`heard`), and what to store (`write`:
// where, and the value, or null to remove it; null while Python has nothing to store).
//
// - A session that has not heard is told what the browser holds, once it has finished its run, with
//   a trigger (a reload, a new tab, or a reconnection to a server that lost the session). Until it
//   has heard, nothing is written over the stored value.
// - A write goes to one place and removes the value from the other, so the weigh-ins are in one
//   place only; writing null removes them from both (Clear, or Forget).
// - Storage that is blocked (a private window, some embedded pages) or full is reported, once.

const RUN_WAIT = 5000
const MAX_REPORTS = 3

// What the bridge remembers for the page: the sessions it reported to (and how often), the last
// value written, the problem it last reported, and how many reports it has sent.
function memory() {
  if (!window.__rfStorage) {
    window.__rfStorage = { reports: new Map(), sessions: new Set(), written: undefined, problem: null, count: 0 }
  }
  return window.__rfStorage
}

// The two storages, or null for one the browser does not let the page use: reading
// window.localStorage itself throws a SecurityError where storage is blocked.
function storages() {
  const found = { session: null, local: null, problem: null }
  for (const where of ["session", "local"]) {
    try {
      const storage = where === "session" ? window.sessionStorage : window.localStorage
      storage.getItem("runners-face:probe")
      found[where] = storage
    } catch {
      found.problem = "blocked"
    }
  }
  return found
}

// What the browser holds: this tab's value first (the latest), then this device's.
function read(stores, key) {
  for (const where of ["session", "local"]) {
    try {
      const value = stores[where]?.getItem(key)
      if (value !== null && value !== undefined) return { where, value }
    } catch {
      // blocked since: reported as such below
    }
  }
  return { where: null, value: null }
}

function problemOf(error) {
  if (error?.name === "QuotaExceededError" || error?.code === 22) return "full"
  if (error?.name === "SecurityError") return "blocked"
  return "failed"
}

// Send once the page has finished its run (and is connected): a trigger sent during a run would
// cut it short, and one sent while the page reconnects would be lost.
function whenIdle(send) {
  const app = document.querySelector("[data-testid=stApp]")
  const since = Date.now()
  const attempt = () => {
    const idle =
      !app || (app.dataset.testConnectionState === "CONNECTED" && app.dataset.testScriptState === "notRunning")
    if (idle || Date.now() - since > RUN_WAIT) send()
    else setTimeout(attempt, 50)
  }
  attempt()
}

export default function (component) {
  const { data, setTriggerValue } = component
  if (!data) return
  const { names, key } = data
  const kept = memory()
  // The first session this page talks to: a page just opened, not one that reconnected.
  const fresh = kept.sessions.size === 0 || (kept.sessions.size === 1 && kept.sessions.has(data.session))
  kept.sessions.add(data.session)
  const stores = storages()

  const report = (fields) => {
    kept.count += 1
    const sent = {
      [names.session]: data.session,
      [names.count]: kept.count,
      [names.where]: null,
      [names.value]: null,
      [names.problem]: null,
      [names.fresh]: fresh,
      ...fields,
    }
    whenIdle(() => setTriggerValue(names.trigger, sent))
  }

  if (!data.heard) {
    const found = read(stores, key)
    const tries = kept.reports.get(data.session) ?? 0
    if ((found.value !== null || stores.problem) && tries < MAX_REPORTS) {
      kept.reports.set(data.session, tries + 1)
      kept.problem = stores.problem
      report({ [names.where]: found.where, [names.value]: found.value, [names.problem]: stores.problem })
    }
    // Never write over a value this session has not heard yet.
    if (found.value !== null) return
  }

  const write = data.write
  if (!write) return
  const signature = `${write.where}\n${write.value}`
  if (signature === kept.written) return
  const target = write.where === "local" ? stores.local : stores.session
  const other = write.where === "local" ? stores.session : stores.local
  if (!target) return // blocked: reported when the session started
  try {
    if (write.value === null) target.removeItem(key)
    else target.setItem(key, write.value)
    other?.removeItem(key)
    kept.written = signature
    if (kept.problem) {
      kept.problem = null
      report({})
    }
  } catch (error) {
    const problem = problemOf(error)
    if (problem !== kept.problem) {
      kept.problem = problem
      report({ [names.problem]: problem })
    }
  }
}
