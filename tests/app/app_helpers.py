"""Helpers for the AppTest tests (a distinct name: tests/browser has its own conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from runners_face.views.pace_commit import COMPONENT_KEY, PACE_COMMIT, PaceCommit

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def chart(at: AppTest) -> tuple[dict[str, Any], Any, str]:
    """The planner chart's Vega-Lite spec, its data as a DataFrame, and its accessible name."""
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    proto = charts[0].proto
    spec = json.loads(proto.spec)
    # Streamlit names the dataset by a hash of its content; blank it so specs compare.
    if "data" in spec and "name" in spec["data"]:
        spec["data"]["name"] = "<data>"
    raw = proto.datasets[0].data.data if proto.datasets else proto.data.data
    return spec, pa.ipc.open_stream(raw).read_pandas(), proto.alt


def text_of(at: AppTest) -> str:
    """Every Markdown, caption and alert text on the page, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in ("info", "warning", "success", "error"):
        parts += [e.value for e in getattr(at, kind)]
    return "\n".join(parts)


def page_title(at: AppTest) -> str:
    """The page's one top-level heading (drawn as Markdown: '# Title')."""
    titles = [m.value.splitlines()[0][2:] for m in at.markdown if m.value.startswith("# ")]
    assert len(titles) == 1, titles
    return titles[0]


def _control(at: AppTest) -> Any:
    """The pace control's element: the page's one custom component, whose id ends with its key."""
    controls = at.get("bidi_component")
    assert len(controls) == 1 and controls[0].proto.id.endswith(f"-{COMPONENT_KEY}")
    return controls[0]


def pace_control(at: AppTest) -> dict[str, Any]:
    """The data Python sent to the pace control: its step, nonce and words for every step."""
    data: dict[str, Any] = json.loads(_control(at).proto.json)
    return data


def commit_pace(at: AppTest, key: str, count: int = 1) -> AppTest:
    """Run the app as the browser does when the reader lets go of the pace control at ``key``
    (e.g. "lb:1.5"): the component's state arrives with the other widgets' values.

    AppTest has no accessor for custom components, so this adds the component's widget state
    to the ones AppTest would send (through its ``_run``, which ``run()`` calls).
    """
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    control = _control(at).proto
    state = states.widgets.add()
    state.id = control.id
    state.json_value = json.dumps(PACE_COMMIT.serialize(PaceCommit(key, count)))
    at._run(states)
    return at
