"""The weigh-ins' storage bridge: a small custom component with no visible part (Streamlit 1.67's
Components v2: HTML, CSS and JavaScript on the page, no iframe) that keeps the reader's weigh-ins
in their own browser (``storage_bridge.js``), never on the server.

Python draws it on every whole-page run (a fragment's run leaves it as it is) with the session's
id, whether the session has heard what the browser holds, and what to store. The browser answers
a session that has not heard with a report (:class:`~runners_face.weighin_storage.BrowserReport`):
on a page just opened, and on one that reconnected to a server that lost the session (a restart,
or a replica that died behind nginx), so the weigh-ins come back either way. The stored value's
format and the report's names are defined once, in :mod:`runners_face.weighin_storage`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import streamlit as st

from runners_face.views.assets import read_asset
from runners_face.weighin_storage import REPORT, STORAGE_KEY, BrowserReport, Where

BRIDGE_KEY: Final = "weighins_storage"

_COMPONENT = st.components.v2.component(
    "runners_face_storage",
    html='<div class="rf-storage"></div>',
    css=f".st-key-{BRIDGE_KEY}, .rf-storage {{ display: none; }}",
    js=read_asset("storage_bridge.js"),
    # Not in a shadow root: the style hides the component's own element container.
    isolate_styles=False,
)


def component_data(session: str, *, heard: bool, write: tuple[Where, str | None] | None) -> dict[str, Any]:
    """The bridge's data: the session's id, whether it has heard the browser's report, and what
    to store (where, and the value or None to remove it), or None to leave the storage alone."""
    return {
        "session": session,
        "heard": heard,
        "write": None if write is None else {"where": write[0], "value": write[1]},
        "key": STORAGE_KEY,
        "names": REPORT.names(),
    }


def render_bridge(
    session: str,
    *,
    heard: bool,
    write: tuple[Where, str | None] | None,
    on_report: Callable[[], None],
) -> BrowserReport | None:
    """Draw the bridge; returns the browser's report if one came with this run. ``on_report``
    runs first when Streamlit knows the bridge already; in a session's first run (after a
    reconnection) it does not, and the caller reads the returned report instead."""
    # In Streamlit 1.67 a trigger named N runs the callback given as on_N_change.
    callbacks: dict[str, Any] = {f"on_{REPORT.trigger}_change": on_report}
    result = _COMPONENT(key=BRIDGE_KEY, data=component_data(session, heard=heard, write=write), **callbacks)
    return REPORT.deserialize(result.get(REPORT.trigger))


def report_in_callback() -> BrowserReport | None:
    """The browser's report, inside ``on_report``."""
    state: Any = st.session_state.get(BRIDGE_KEY)
    return REPORT.deserialize(state.get(REPORT.trigger) if isinstance(state, Mapping) else None)
