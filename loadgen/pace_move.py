"""How a reader's pace move reaches the server: the one place to change when the control changes.

Our app's pace is a custom component, the pace control (``runners_face/views/pace_control.py``,
key ``COMPONENT_KEY``) in its own ``st.fragment``; the chart, the words and the address follow it
in the browser, and the browser tells Python once per burst of moves (after a pause; see
``pace_control.js``), or after every move while the control's data says ``eager`` (the table or
the share box is open, or the realistic figures are shown). A commit is (read from the page's
websocket in Chromium, Streamlit 1.67):

* ``BackMsg.rerun_script`` with ``fragment_id`` = the ``fragment_id`` of the delta that drew
  the control, so only the fragment reruns;
* in ``widget_states``, the component's id (``$$ID-<hash>-`` and the key) with
  ``json_value`` = the commit as the control's serde writes it
  (``runners_face/views/pace_commit.py``: the step's key, from the ``scale.keys`` in the
  component's data, and a count that makes every commit a change);
* ``query_string`` as the address holds it (the server rewrites the address in the commit's
  callback). :class:`ControlPaceMove` sends that: ``next_move`` one move sent at once,
  ``burst`` what the page sends for a burst (nothing if it ends on the pace Python has).

The floor app's pace is an ``st.slider``, sent as below (:class:`SliderPaceMove`; an earlier
version of our app had such a slider, key ``pace_lb``, bound to the link):

* ``BackMsg.rerun_script`` with ``fragment_id`` = the ``fragment_id`` of the delta that drew
  the slider, so only the fragment reruns (the floor app has no fragment: "" = a full run);
* in ``widget_states``, the slider's id (the ``id`` in the slider's element proto,
  ``$$ID-<hash>-pace_lb``) with ``double_array_value = [new value]``;
* ``query_string`` with the slider's own key set to the new value (``pace_lb=1.25``), since the
  slider is bound to the address (``query_param_key`` in its proto), keys in sorted order.

The browser also sends the current value of every other widget on the page. The server keeps
the value of a widget that a rerun does not mention, so this sends only the moved one.

A new control needs a new class with the same methods (``ready``, ``next_move`` and ``burst``).
"""

from __future__ import annotations

import json
import random
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState

from loadgen.protocol import StreamlitSession, Widget
from runners_face.views.pace_commit import COMPONENT_KEY, PACE_COMMIT, PaceCommit


def js_number(value: float) -> str:
    """A number as the browser writes it in the address (1 -> "1", 1.25 -> "1.25")."""
    return f"{value:.15g}"


class _FindsControl:
    """``ready`` for a move that finds its control on the page with ``find``."""

    def find(self, session: StreamlitSession) -> Widget:
        raise NotImplementedError

    def ready(self, session: StreamlitSession) -> bool:
        """Whether the page has drawn the control (after the first run)."""
        try:
            self.find(session)
        except LookupError:
            return False
        return True


@dataclass
class SliderPaceMove(_FindsControl):
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

    def burst(self, session: StreamlitSession, moves: int) -> list[ClientState]:
        """What the page sends for a burst of ``moves`` moves: a slider sends each one."""
        return [self.next_move(session) for _ in range(moves)]

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


@dataclass
class ControlPaceMove(_FindsControl):
    """Moves our pace control one step up or down at random (a random walk over its steps),
    as the browser sends it when the reader lets go (see the module notes)."""

    key: str = COMPONENT_KEY
    seed: int = 0
    _rng: random.Random = field(init=False)
    _step: int | None = field(default=None, init=False)
    _count: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def find(self, session: StreamlitSession) -> Widget:
        for widget in session.widgets.values():
            if widget.type == "bidi_component" and widget.id.endswith(f"-{self.key}"):
                return widget
        raise LookupError(f"no component with key {self.key!r} on the page")

    def _data(self, session: StreamlitSession) -> tuple[Widget, dict[str, Any]]:
        control = self.find(session)
        data: dict[str, Any] = json.loads(control.element.json)
        return control, data

    def eager(self, session: StreamlitSession) -> bool:
        """Whether the page sends every move at once (the table or share box is open, or the
        realistic figures are shown), as the control's data says."""
        return bool(self._data(session)[1].get("eager", True))

    def _walk(self, data: dict[str, Any]) -> int:
        """One step up or down from where the control is (a random walk over its steps)."""
        keys: list[str] = data["scale"]["keys"]
        if self._step is None:
            self._step = int(data["step"])
        steps = [s for s in (self._step - 1, self._step + 1) if 0 <= s < len(keys)]
        self._step = self._rng.choice(steps)
        return self._step

    def _commit(self, session: StreamlitSession, control: Widget, key: str) -> ClientState:
        self._count += 1
        state = WidgetState(id=control.id)
        state.json_value = json.dumps(PACE_COMMIT.serialize(PaceCommit(key, self._count)))
        return session.client_state([state], fragment_id=control.fragment_id, query_string=session.query_string)

    def next_move(self, session: StreamlitSession) -> ClientState:
        """The rerun request for one move sent at once (as while ``eager``)."""
        control, data = self._data(session)
        return self._commit(session, control, data["scale"]["keys"][self._walk(data)])

    def burst(self, session: StreamlitSession, moves: int) -> list[ClientState]:
        """What the page sends for a burst of ``moves`` moves: while ``eager``, one commit a
        move; otherwise one commit of the last step once the hand pauses, or none if the burst
        ended where Python's pace already is (``committed`` in the control's data)."""
        control, data = self._data(session)
        keys: list[str] = data["scale"]["keys"]
        steps = [self._walk(data) for _ in range(moves)]
        if data.get("eager", True):
            return [self._commit(session, control, keys[step]) for step in steps]
        committed = str(data.get("committed", ""))
        last = keys[steps[-1]] if steps else committed
        return [] if last == committed else [self._commit(session, control, last)]
