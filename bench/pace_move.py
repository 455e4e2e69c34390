"""How a reader's pace move reaches the server: the one place to change when the control changes.

Today the pace is an ``st.slider`` (key ``pace_lb``, bound to the link) inside the planner's
``st.fragment``. What the browser sends when the reader moves it (read from the page's
websocket in Chromium, Streamlit 1.67):

* ``BackMsg.rerun_script`` with ``fragment_id`` = the ``fragment_id`` of the delta that drew
  the slider, so only the fragment reruns (the floor app has no fragment: "" = a full run);
* in ``widget_states``, the slider's id (the ``id`` in the slider's element proto,
  ``$$ID-<hash>-pace_lb``) with ``double_array_value = [new value]``;
* ``query_string`` with the slider's own key set to the new value (``pace_lb=1.25``), since the
  slider is bound to the address (``query_param_key`` in its proto), keys in sorted order.

The browser also sends the current value of every other widget on the page. The server keeps
the value of a widget that a rerun does not mention, so this sends only the moved one.

A new control needs a new class with the same two methods (``ready`` and ``next_move``).
"""

from __future__ import annotations

import random
import urllib.parse
from dataclasses import dataclass, field

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.protocol import StreamlitSession, Widget


def js_number(value: float) -> str:
    """A number as the browser writes it in the address (1 -> "1", 1.25 -> "1.25")."""
    return f"{value:.15g}"


@dataclass
class SliderPaceMove:
    """Moves a pace slider one step up or down at random (a random walk over its range),
    found by its key (ours: ``pace_lb``) or, for a slider without a key, by its label."""

    key: str = "pace_lb"
    label: str = ""
    seed: int = 0
    _rng: random.Random = field(init=False)
    _value: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def find(self, session: StreamlitSession) -> Widget:
        for widget in session.widgets.values():
            if widget.type != "slider":
                continue
            if (self.key and widget.id.endswith(f"-{self.key}")) or (self.label and widget.label == self.label):
                return widget
        raise LookupError(f"no slider with key {self.key!r} or label {self.label!r} on the page")

    def ready(self, session: StreamlitSession) -> bool:
        """Whether the page has drawn the control (after the first run)."""
        try:
            self.find(session)
        except LookupError:
            return False
        return True

    def next_move(self, session: StreamlitSession) -> ClientState:
        """The rerun request for the next move, as the browser would send it."""
        slider = self.find(session)
        element = slider.element
        if self._value is None:
            self._value = float((list(element.value) or list(element.default))[0])
        steps = [
            v
            for v in (self._value - element.step, self._value + element.step)
            if element.min - 1e-9 <= v <= element.max + 1e-9
        ]
        self._value = round(self._rng.choice(steps), 6)
        state = WidgetState(id=slider.id)
        state.double_array_value.data.append(self._value)
        query = session.query_string
        if slider.query_param_key:
            params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
            params[slider.query_param_key] = js_number(self._value)
            query = urllib.parse.urlencode(sorted(params.items()))
        return session.client_state([state], fragment_id=slider.fragment_id, query_string=query)
