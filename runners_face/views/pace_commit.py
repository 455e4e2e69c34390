"""The pace control's commit: what the browser sends when the reader lets go, defined once.

The control's state, as the page sends it with the other widgets' values (the widget's
``json_value``) and as Python reads it back from ``st.session_state[COMPONENT_KEY]``::

    {"pace": {"key": "lb:1.25", "count": 3}}

``key`` is the step's key, from the ``keys`` in the control's data; ``count`` numbers the
control's commits, so that every commit is a change, even back to a pace Python set meanwhile.

:data:`PACE_COMMIT` is the one spelling, and :data:`COMPONENT_KEY` the control's key. The view
draws the control with its names (the JavaScript takes them from the component's data, see
:meth:`PaceCommitSerde.names`) and reads commits with it; the AppTest helpers and the load client
(``loadgen/pace_move.py``) write commits with it, as the browser does. Like Streamlit's
``SliderSerde`` (``elements/widgets/slider.py``), it only turns values into the wire's shape and
back. It imports no Streamlit, so a load client can use it without drawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

COMPONENT_KEY: Final = "pace_control"
"""The control's Streamlit key: its state is ``st.session_state[COMPONENT_KEY]``, and its
element's id ends in ``-pace_control`` (how the AppTest helpers and a load client find it)."""


@dataclass(frozen=True)
class PaceCommit:
    """One commit of the pace control."""

    key: str
    """The step the reader let go of, e.g. "lb:1.25" (one of the ``keys`` in the control's data)."""
    count: int
    """How many commits the control had sent, this one included (1, 2, …)."""


@dataclass(frozen=True)
class PaceCommitSerde:
    """The names of the commit's parts, and the commit to and from the control's state."""

    state: str = "pace"
    """The control's state value that carries the commit (so the callback is ``on_pace_change``)."""
    key: str = "key"
    count: str = "count"

    def serialize(self, commit: PaceCommit) -> dict[str, dict[str, str | int]]:
        """The control's state for ``commit``, as the browser sends it."""
        return {self.state: {self.key: commit.key, self.count: commit.count}}

    def deserialize(self, component_state: Any) -> PaceCommit | None:
        """The commit in the control's state (a mapping of its state names to values), or None
        if there is none or it is not in the commit's shape. A count that is not a whole number
        reads as 0 (Python only needs the key)."""
        sent = component_state.get(self.state) if hasattr(component_state, "get") else None
        if not isinstance(sent, dict):
            return None
        key = sent.get(self.key)
        if not isinstance(key, str):
            return None
        count = sent.get(self.count)
        return PaceCommit(key, count if isinstance(count, int) and not isinstance(count, bool) else 0)

    def names(self) -> dict[str, str]:
        """The names, for the control's JavaScript (sent with the component's data)."""
        return {"state": self.state, "key": self.key, "count": self.count}


PACE_COMMIT: Final = PaceCommitSerde()
