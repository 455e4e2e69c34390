"""The planner's words in the browser: a small custom component (Streamlit 1.67's Components v2:
HTML, CSS and JavaScript on the page, no iframe) that shows, for the step the pace control is on,
the words Python made for that step (``runners_face.planner.step_words``), and follows the control
in the same frame as it moves (``words.js``). So the words never contradict the control, even
mid-drag, and a pace move needs no server message to update them.

The HTML is made in Python from the page's own sentences, escaped there
(``runners_face.wording.markdown_html``); nothing a reader typed is put in it as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

import streamlit as st

from runners_face.charts import PACE_INPUT_ID
from runners_face.views.assets import read_asset

_COMPONENT: Final = st.components.v2.component(
    "runners_face_words",
    html='<div class="rf-words"></div>',
    css=read_asset("words.css"),
    js=read_asset("words.js"),
    # The words find the pace control's input by its id in the page, and their styles apply inside.
    isolate_styles=False,
)


def render_words(
    key: str,
    *,
    keys: Sequence[str],
    minimum: float,
    step: float,
    initial: int,
    paragraphs: Sequence[str] = (),
    steps: Sequence[Sequence[int]] = (),
    fixed: tuple[str, str] | None = None,
    class_name: Literal["rf-box", "rf-box rf-compact", "rf-card", "rf-model", "rf-race", "rf-race-step"] = "rf-box",
) -> None:
    """Words that follow the pace control: ``paragraphs`` with ``steps`` (the blocks of each step,
    by index), or ``fixed`` = (the step key, its HTML) for words made for one step only. The
    race-day words (``rf-race``) are a polite live region: they change only when the page reruns
    with a new race day, and a screen reader hears them then."""
    data: dict[str, Any] = {
        "inputId": PACE_INPUT_ID,
        "keys": list(keys),
        "min": minimum,
        "step": step,
        "initial": initial,
        "className": class_name,
        "live": class_name == "rf-race",
    }
    if fixed is None:
        data |= {"mode": "steps", "paragraphs": list(paragraphs), "steps": [list(s) for s in steps]}
    else:
        data |= {"mode": "fixed", "key": fixed[0], "html": fixed[1]}
    _COMPONENT(key=key, data=data)
