// bench_drag.py's in-page watcher for one drag (window.__drag): chart changes (and, for ours, the
// goal marker's words) and the control's values while the mouse is down; then the time from
// pointerup to the words (ours: the result sentence names `finalText`) or to the chart's next
// change (the floor).
