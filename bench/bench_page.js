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
