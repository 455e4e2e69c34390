"""Weigh-ins kept in the reader's own browser: the stored value, defined once, and its checks.

Pure (no Streamlit). The page keeps the reader's weigh-ins in their browser, never on the
server: in ``sessionStorage`` by default (this tab only: they come back after a reload, a
reconnection or a move to another replica, and are gone when the tab is closed), or in
``localStorage`` when the reader ticks "Keep my weigh-ins on this device" (there next week).
The page's bridge (``views/storage_bridge.py`` and its JavaScript) writes and reads one value
under :data:`STORAGE_KEY`, verbatim; only this module knows what is in it::

    {"app": "runners-face", "kind": "weigh-ins", "version": 1,
     "rows": [["2026-11-30", 82.7357], ["2026-12-01", 82.5], ...]}

Each row is a day (ISO) and a weight in kilograms (to 4 decimals: 182.4 lb comes back as
182.4 lb). A value comes back as carefully as an upload: at most :data:`MAX_STORED_CHARS`
characters, the app's own name and :data:`VERSION`, at most :data:`MAX_STORED_ROWS` rows, and
every row read by :func:`runners_face.weighins.parse_rows` with the rules of an upload (real
dates, not in the future, weights a person can have). A value that fails is described by a
:class:`Restored` with its ``problem``, for the page to say so; it is never applied.

The browser's report (what it found in its storage, or why it could not look) has its names
here too (:data:`REPORT`), so the JavaScript takes them from the component's data.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from runners_face.weighins import WeighInError, WeighIns, parse_rows

STORAGE_KEY: Final = "runners-face:weighins"
"""The one key the page uses in the browser's storage (session or local)."""
APP: Final = "runners-face"
KIND: Final = "weigh-ins"
VERSION: Final = 1
"""The stored value's version. A value of another version (an older or newer page) is not read."""
MAX_STORED_ROWS: Final = 1000
"""The most weigh-ins kept in the browser: the latest, about 2 years and 9 months of one a day."""
MAX_STORED_CHARS: Final = 64 * 1024
"""The longest stored value read (64 KB; 1,000 rows take about 25 KB)."""
KG_DECIMALS: Final = 4

Where = Literal["session", "local"]
"""Where the browser keeps the weigh-ins: this tab (``sessionStorage``) or this device
(``localStorage``)."""
StoreProblem = Literal["version", "damaged", "too_big", "no_rows"]
"""Why a stored value was not used: another version of the page wrote it, it is not the
page's value (damaged or edited by hand), it is over the caps, or none of its rows reads."""
BrowserProblem = Literal["blocked", "full", "failed"]
"""Why the browser could not keep the weigh-ins: storage is turned off or blocked (a private
window, some embedded pages), full, or failed otherwise."""
BROWSER_PROBLEMS: Final[tuple[BrowserProblem, ...]] = ("blocked", "full", "failed")


def encode(readings: Iterable[tuple[date, float]]) -> tuple[str, int]:
    """The value to store for ``readings`` (date, kg), and how many of the oldest were left out
    to stay within :data:`MAX_STORED_ROWS`. Readings are kept in date order (the same day's in
    the order given)."""
    ordered = sorted(readings, key=lambda reading: reading[0])
    dropped = max(0, len(ordered) - MAX_STORED_ROWS)
    rows = [[day.isoformat(), round(kg, KG_DECIMALS)] for day, kg in ordered[dropped:]]
    value = json.dumps({"app": APP, "kind": KIND, "version": VERSION, "rows": rows}, separators=(",", ":"))
    return value, dropped


@dataclass(frozen=True)
class Restored:
    """A stored value, read: the weigh-ins (None when there are none to use), the rows skipped
    (as an upload lists them), or why the whole value was not used."""

    weighins: WeighIns | None
    problem: StoreProblem | None = None

    @property
    def skipped(self) -> int:
        return len(self.weighins.problems) if self.weighins is not None else 0


def decode(value: object, today: date) -> Restored:
    """Read a stored value (see the module notes). Never raises: a value that cannot be used
    gives a :class:`Restored` with its ``problem`` and no weigh-ins. An empty list of rows is
    a good value with no weigh-ins (the reader cleared them, with "keep" on)."""
    if not isinstance(value, str) or not value:
        return Restored(None, "damaged")
    if len(value) > MAX_STORED_CHARS:
        return Restored(None, "too_big")
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        return Restored(None, "damaged")
    if not isinstance(data, dict) or data.get("app") != APP or data.get("kind") != KIND:
        return Restored(None, "damaged")
    if data.get("version") != VERSION:
        return Restored(None, "version")
    rows = data.get("rows")
    if not isinstance(rows, list):
        return Restored(None, "damaged")
    if len(rows) > MAX_STORED_ROWS:
        return Restored(None, "too_big")
    if not rows:
        return Restored(None)
    cells = [_cells(row) for row in rows]
    try:
        weighins = parse_rows(cells, "kg", today=today, names=("date", "weight"))
    except WeighInError:
        return Restored(None, "no_rows")
    return Restored(weighins)


def _cells(row: object) -> tuple[str, str]:
    """A stored row as the two cells an upload's row has; anything else as cells that say what
    it was, so that the reader's list of skipped rows names it."""
    if isinstance(row, list) and len(row) == 2 and isinstance(row[0], str):
        kg = row[1]
        if isinstance(kg, (int, float)) and not isinstance(kg, bool) and math.isfinite(kg):
            return row[0][:200], f"{kg:.{KG_DECIMALS}f}"
        return row[0][:200], str(kg)[:200]
    return "?", "?"


# --- the browser's report ----------------------------------------------------------------------


@dataclass(frozen=True)
class BrowserReport:
    """What the browser tells a session about its storage: which session it answers (the
    ``session`` id the page sent), a ``count`` that numbers its reports, where the value was
    found (None: nothing stored), the value itself, a problem with the storage, and whether the
    page has just been opened (``fresh``; not after a reconnection)."""

    session: str
    count: int
    where: Where | None
    value: str | None
    problem: BrowserProblem | None
    fresh: bool


@dataclass(frozen=True)
class BrowserReportSerde:
    """The report's names on the wire, and the report from the component's trigger value."""

    trigger: str = "report"
    """The component's trigger that carries the report (so the callback is ``on_report_change``)."""
    session: str = "session"
    count: str = "count"
    where: str = "where"
    value: str = "value"
    problem: str = "problem"
    fresh: str = "fresh"

    def serialize(self, report: BrowserReport) -> dict[str, Any]:
        """The trigger's value for ``report``, as the browser sends it."""
        return {
            self.session: report.session,
            self.count: report.count,
            self.where: report.where,
            self.value: report.value,
            self.problem: report.problem,
            self.fresh: report.fresh,
        }

    def deserialize(self, sent: object) -> BrowserReport | None:
        """The report in a trigger's value, or None when there is none or it is not in the
        report's shape. A value that is not text, or a place or problem the page does not know,
        reads as none (the value is then checked by :func:`decode`)."""
        if not isinstance(sent, Mapping):
            return None
        session = sent.get(self.session)
        count = sent.get(self.count)
        if not isinstance(session, str) or not isinstance(count, int) or isinstance(count, bool):
            return None
        where = sent.get(self.where)
        value = sent.get(self.value)
        problem = sent.get(self.problem)
        return BrowserReport(
            session=session,
            count=count,
            where=where if where in ("session", "local") else None,
            value=value if isinstance(value, str) else None,
            problem=next((p for p in BROWSER_PROBLEMS if p == problem), None),
            fresh=sent.get(self.fresh) is True,
        )

    def names(self) -> dict[str, str]:
        """The names, for the bridge's JavaScript (sent with the component's data)."""
        return {
            "trigger": self.trigger,
            "session": self.session,
            "count": self.count,
            "where": self.where,
            "value": self.value,
            "problem": self.problem,
            "fresh": self.fresh,
        }


REPORT: Final = BrowserReportSerde()
