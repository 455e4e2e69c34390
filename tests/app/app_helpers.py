"""Helpers for the AppTest tests (a distinct name: tests/browser has its own conftest)."""

from __future__ import annotations

import json
import re
from html import unescape
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


def html_markdown(html: str) -> str:
    """The planner's words as the browser shows them, back in the Markdown they were made from:
    <strong> as **, paragraphs as blank lines, other tags dropped, entities read."""
    text = re.sub(r"</?strong>", "**", html)
    text = re.sub(r"</(p|div|summary|details)>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()


def words_of(at: Any) -> list[str]:
    """The text of each words component (the planner's words, the plan card, the realistic
    figures) at the step it starts on, as the browser shows it before the control moves."""
    found = []
    for component in at.get("bidi_component"):
        if component.proto.component_name != "runners_face_words":
            continue
        data = json.loads(component.proto.json)
        if data["mode"] == "fixed":
            found.append(html_markdown(data["html"]))
        else:
            found.append(html_markdown("".join(data["paragraphs"][i] for i in data["steps"][data["initial"]])))
    return found


def warnings_of(at: Any) -> str:
    """Every warning on the page (or in a block of it): Streamlit's warning alerts and the
    planner's warning blocks, at the step the planner starts on."""
    parts = [w.value for w in at.warning]
    for component in at.get("bidi_component"):
        if component.proto.component_name != "runners_face_words":
            continue
        data = json.loads(component.proto.json)
        html = (
            data["html"]
            if data["mode"] == "fixed"
            else "".join(data["paragraphs"][i] for i in data["steps"][data["initial"]])
        )
        parts += [html_markdown(block) for block in re.findall(r'<div class="rf-warning">(.*?)</div>', html, re.S)]
    return "\n".join(parts)


def text_of(at: Any) -> str:
    """Every Markdown, caption and alert text on the page (or in a block of it), and the words
    the planner shows in the browser, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in ("info", "warning", "success", "error"):
        parts += [e.value for e in getattr(at, kind)]
    return "\n".join([*parts, *words_of(at)])


def page_title(at: AppTest) -> str:
    """The page's one top-level heading (drawn as Markdown: '# Title')."""
    titles = [m.value.splitlines()[0][2:] for m in at.markdown if m.value.startswith("# ")]
    assert len(titles) == 1, titles
    return titles[0]


def pace_controls(at: AppTest) -> list[Any]:
    """The pace control components on the page (the page script and the words are others)."""
    return [c for c in at.get("bidi_component") if c.proto.component_name == "runners_face_pace"]


def _control(at: AppTest) -> Any:
    """The pace control's element: the one pace component, whose id ends with its key."""
    controls = pace_controls(at)
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
