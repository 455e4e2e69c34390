"""The page script: a small custom component drawn once near the top of the page, with no
visible part (Streamlit 1.67's Components v2: HTML, CSS and JavaScript on the page, no iframe).

Its JavaScript (``page_script.js``) replaces the browser history entry Streamlit would add for
each new address, so Back leaves the page, and, when the page is embedded, posts its height to
the embedding page. Its CSS (``page_script.css``) hides the chart toolbars, gives checkboxes,
radio buttons and toggles a visible focus ring, and hides keyboard hints on touch screens.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from runners_face.views.assets import read_asset

HEIGHT_MESSAGE: Final = "runners-face:height"
"""The type of the message an embedded page posts to its parent: ``{type, height}`` (px)."""

_COMPONENT = st.components.v2.component(
    "runners_face_page",
    html='<div class="rf-page-script"></div>',
    css=read_asset("page_script.css"),
    js=read_asset("page_script.js"),
    # Page-wide styles: not in a shadow root (Streamlit 1.67's default, isolate_styles=True).
    isolate_styles=False,
)


def render_page_script(*, embedded: bool) -> None:
    _COMPONENT(key="page_script", data={"embedded": embedded, "heightMessage": HEIGHT_MESSAGE})
