"""Check your real pace: the reader's own weigh-ins against the article's 1-2 lb a week.

Weigh-ins are health data. They live only in this session's memory on the server: the
table's rows in ``st.session_state``, an uploaded file in Streamlit's in-memory upload store
until it has been read (then the uploader is replaced, which drops the file). Nothing here
writes them to the link (``st.query_params``), to a log or to disk, and nothing is cached
across sessions (``st.cache_data`` is not used for them). A download is built only when the
reader asks for it.

The section is an expander drawn only while open (``on_change="rerun"``), so a closed
section costs the page one element. Its table (``st.data_editor``) keeps its edits while it
is drawn; when the reader closes the section, the table as edited becomes the new starting
table, so nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections.abc import Mapping
from typing import Literal

import pandas as pd
import streamlit as st

from runners_face import weighin_chart, weighin_report
from runners_face.exports import weighins_csv
from runners_face.units import KG_PER_LB, Unit, base_unit, format_weight, from_kg, to_kg
from runners_face.views import session
from runners_face.weighin_trend import Trend, trend
from runners_face.weighins import WeighInError, WeighIns, decode_upload, parse_csv, parse_rows, weight_kg

OPEN = "weighins_open"
TABLE = "weighins_table"  # the editor's starting rows: a DataFrame of text cells
EDITED = "weighins_edited"  # the rows as the reader last left them in the editor
TABLE_UNIT = "weighins_table_unit"  # the unit the table's weights are written in
EDITOR = "weighins_editor"
UPLOADS = "weighins_uploads"  # a counter: each read file gets a new uploader (and is dropped)
NOTE = "weighins_note"  # what the last upload or button did, in words
ORDER = "weighins_date_order"
CHART = "weighins_chart"
TABLE_VIEW = "weighins_trend_table"
EXAMPLE = "weighins_example"
CLEAR = "weighins_clear"
DOWNLOAD = "weighins_download"
MEMO = "weighins_memo"

DATE = "Date"
WEIGHT = "Weight"
MAX_PROBLEMS_SHOWN = 5
MDY_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "BZ"})
"""Regions whose usual numeric dates are month first (03/04/2026 is March 4)."""
ORDER_NAMES = {"dmy": "Day first (03/04/2026 is 3 April)", "mdy": "Month first (03/04/2026 is March 4)"}


# --- small helpers ----------------------------------------------------------------------


def _locale_order() -> Literal["dmy", "mdy"] | None:
    locale = st.context.locale or ""
    match = re.search(r"[-_]([A-Za-z]{2})\b", locale)
    if not match:
        return None
    return "mdy" if match[1].upper() in MDY_REGIONS else "dmy"


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame({DATE: pd.Series([], dtype="object"), WEIGHT: pd.Series([], dtype="object")})


def _table() -> pd.DataFrame:
    table = st.session_state.get(TABLE)
    if not isinstance(table, pd.DataFrame):
        table = _empty_table()
        st.session_state[TABLE] = table
    return table


def _set_table(table: pd.DataFrame, unit: Unit) -> None:
    """Replace the starting table; the editor's identity changes with its data, so it starts
    afresh from these rows."""
    st.session_state[TABLE] = table.reset_index(drop=True)
    st.session_state[EDITED] = st.session_state[TABLE]
    st.session_state[TABLE_UNIT] = unit
    st.session_state.pop(MEMO, None)


def _weight_text(kg: float, unit: Unit) -> str:
    """A weight as the table shows it: "182.4" (lb or kg, as the column says), "13 st 0.4 lb"."""
    if unit == "st":
        return format_weight(from_kg(kg, unit), unit)
    return f"{from_kg(kg, unit):.1f}"


def _rows(table: pd.DataFrame) -> list[tuple[str, str]]:
    def cell(value: object) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        return str(value)

    return [(cell(d), cell(w)) for d, w in zip(table[DATE], table[WEIGHT], strict=True)]


def _units() -> Unit:
    return session.plan().units


def _goal_kg() -> float | None:
    """The planner's goal, if the reader set it (not the example numbers, not a blank field)."""
    current = session.plan()
    if "goal" in current.blank or "goal" in current.examples:
        return None
    return to_kg(current.goal, current.units)


# --- callbacks ----------------------------------------------------------------------------


def _on_toggle() -> None:
    if not st.session_state.get(OPEN):
        # Closing: keep what the reader typed (the editor is not drawn while closed).
        edited = st.session_state.get(EDITED)
        if isinstance(edited, pd.DataFrame):
            st.session_state[TABLE] = edited.reset_index(drop=True)


def read_upload(data: bytes, unit: Unit, today: dt.date, prefer: Literal["dmy", "mdy"] | None) -> WeighIns:
    """An uploaded file's weigh-ins, or a :class:`WeighInError`. Ambiguous dates are read by
    ``prefer``, else day first, and the section then offers to read them the other way."""
    text = decode_upload(data)
    try:
        return parse_csv(text, unit, prefer=prefer, today=today)
    except WeighInError as problem:
        if problem.code != "ambiguous_dates":
            raise
        return parse_csv(text, unit, prefer="dmy", today=today)


def _on_upload(key: str) -> None:
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    unit = _units()
    try:
        weighins = read_upload(uploaded.getvalue(), unit, session.today(), _locale_order())
    except WeighInError as problem:
        text = weighin_report.problem_text(problem)
        st.session_state[NOTE] = ("error", f"**That file could not be read.** {text}")
    else:
        rows = [
            (text, _weight_text(kg, unit)) for text, (_, kg) in zip(weighins.date_texts, weighins.readings, strict=True)
        ]
        _set_table(pd.DataFrame(rows, columns=[DATE, WEIGHT], dtype="object"), unit)
        st.session_state.pop(ORDER, None)
        st.session_state[NOTE] = weighin_report.upload_note(weighins)
    # A new uploader next time: the old one, and the file it holds in memory, go away.
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1


def _on_example() -> None:
    """Four made-up weeks ending today at the planner's current weight: 1.5 lb a week lost,
    with day-to-day swings of about 0.35 kg (the same seed every time)."""
    current = session.plan()
    unit = current.units
    today = session.today()
    rng = random.Random(13)
    end_kg = to_kg(current.weight, unit)
    rows = []
    for day in range(28):
        when = today - dt.timedelta(days=27 - day)
        kg = end_kg + 1.5 * KG_PER_LB * (27 - day) / 7 + rng.gauss(0, 0.35)
        rows.append((when.isoformat(), _weight_text(kg, unit)))
    _set_table(pd.DataFrame(rows, columns=[DATE, WEIGHT], dtype="object"), unit)
    st.session_state[NOTE] = ("info", "**These are made-up example weigh-ins.** Replace them with your own.")


def _on_clear() -> None:
    _set_table(_empty_table(), _units())
    st.session_state.pop(NOTE, None)
    st.session_state.pop(ORDER, None)


# --- reading the table -------------------------------------------------------------------


def _convert_units(table: pd.DataFrame, old: Unit, new: Unit) -> pd.DataFrame:
    """The table with its weights rewritten in the planner's new units (others left as typed)."""
    rows = []
    for date_text, weight_text in _rows(table):
        kg = weight_kg(weight_text, old)
        rows.append((date_text, weight_text if kg is None else _weight_text(kg, new)))
    return pd.DataFrame(rows, columns=[DATE, WEIGHT], dtype="object")


def _analyse(rows: list[tuple[str, str]], unit: Unit, today: dt.date) -> tuple[WeighIns | None, Trend | None, str]:
    """Parse and trend the table (memoised in the session: a rerun of the page for another
    reason costs nothing). The third value is an error message, or ""."""
    order = st.session_state.get(ORDER, "auto")
    prefer = _locale_order()
    memo_key = (tuple(rows), unit, order, prefer, today)
    memo = st.session_state.get(MEMO)
    if memo is not None and memo[0] == memo_key:
        cached: tuple[WeighIns | None, Trend | None, str] = memo[1]
        return cached
    names = (DATE, f"{WEIGHT} ({base_unit(unit)})")
    result: tuple[WeighIns | None, Trend | None, str]
    try:
        try:
            weighins = parse_rows(rows, unit, date_order=order, prefer=prefer, today=today, names=names)
        except WeighInError as problem:
            if problem.code != "ambiguous_dates":
                raise
            # Neither order is proven: read day first; the section offers to read them the other way.
            weighins = parse_rows(rows, unit, prefer="dmy", today=today, names=names)
    except WeighInError as problem:
        result = (None, None, "" if problem.code == "empty" else weighin_report.problem_text(problem))
    else:
        result = (weighins, trend(weighins), "")
    st.session_state[MEMO] = (memo_key, result)
    return result


# --- drawing ------------------------------------------------------------------------------


def render_weighins(page: Mapping[str, str]) -> None:
    """The section: a heading and its introduction, then everything else in an expander that
    is drawn only while open."""
    with st.container(border=True, key="weighins"):
        st.markdown(f"### Check your real pace\n\n{page['weighins_intro']}")  # Markdown heading: see article_view
        session.outside_fragments(OPEN)  # its body is drawn only while open
        with st.expander("Check my weigh-ins", key=OPEN, on_change=_on_toggle, icon=":material/monitor_weight:") as box:
            if box.open:
                _body(page)


def _body(page: Mapping[str, str]) -> None:
    unit = _units()
    today = session.today()
    table = _table()
    if st.session_state.get(TABLE_UNIT, unit) != unit:
        table = _convert_units(st.session_state.get(EDITED, table), st.session_state[TABLE_UNIT], unit)
        _set_table(table, unit)
    st.session_state.setdefault(TABLE_UNIT, unit)

    st.markdown(page["weighins_privacy"])
    key = f"weighins_upload_{st.session_state.get(UPLOADS, 0)}"
    st.file_uploader(
        "Upload a CSV file of your weigh-ins (a date and a weight on each row)",
        type=["csv", "txt", "tsv"],
        key=key,
        on_change=_on_upload,
        args=(key,),
        max_upload_size=1,
        help="From a spreadsheet, a scale's app or an earlier download from this page. Up to 1 MB.",
    )
    note = st.session_state.get(NOTE)
    if note is not None:
        kind, text = note
        icon = {"error": ":material/error:", "warning": ":material/warning:", "success": ":material/check_circle:"}
        getattr(st, kind)(text, icon=icon.get(kind, ":material/info:"))

    weight_label = f"{WEIGHT} ({base_unit(unit)})" if unit != "st" else f"{WEIGHT} (e.g. 11 st 4 lb)"
    edited = st.data_editor(
        table,
        key=EDITOR,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            DATE: st.column_config.TextColumn(DATE, help="For example 2026-11-30, 30/11/2026 or 30 Nov 2026"),
            WEIGHT: st.column_config.TextColumn(weight_label, help="Your weight that morning, as the scale showed it"),
        },
        placeholder="",  # an empty cell shows empty, not "None"
        alt="Your weigh-ins: one row for each, with its date and weight",
    )
    st.session_state[EDITED] = edited
    with st.container(horizontal=True, gap="small"):
        st.button("Fill in an example month", key=EXAMPLE, on_click=_on_example, icon=":material/edit_note:")
        st.button("Clear my weigh-ins", key=CLEAR, on_click=_on_clear, icon=":material/delete:")

    weighins, result, error = _analyse(_rows(edited), unit, today)
    if error:
        st.warning(f"**Your weigh-ins could not be read.** {error}", icon=":material/warning:")
    if weighins is None or result is None:
        if not error:
            st.caption(weighin_report.NOT_ENOUGH_YET)
        return
    if weighins.problems:
        st.warning(
            f"**Some rows could not be used** (the others are):\n\n{weighin_report.problem_list(weighins)}",
            icon=":material/warning:",
        )
    if weighins.ambiguous_dates:
        st.session_state.setdefault(ORDER, weighins.date_order)
        st.radio(
            "Your dates could be read either way. How should dates like 03/04/2026 be read?",
            options=list(ORDER_NAMES),
            format_func=ORDER_NAMES.__getitem__,
            key=ORDER,
        )
    left_out = weighin_report.left_out_words(result)
    if left_out:
        st.info(left_out, icon=":material/info:")
    goal_kg = _goal_kg()
    said = weighin_report.report(result, unit, goal_kg, today)
    icons = {"warning": ":material/warning:", "success": ":material/check_circle:", "info": ":material/info:"}
    getattr(st, said.kind)(said.markdown, icon=icons[said.kind])

    frame = weighin_chart.weighin_frame(weighins, result, unit, goal_kg, today=today)
    st.altair_chart(
        weighin_chart.build_weighin_chart(frame, unit),
        width="stretch",
        key=CHART,
        alt=weighin_chart.CHART_ALT,
    )
    st.caption(weighin_report.summary(weighins, result, unit, chart_days=weighin_chart.CHART_DAYS))
    # A toggle, not an expander: this is already inside the section's expander.
    if st.toggle("Show your weigh-ins and trend as a table", key=TABLE_VIEW):
        st.dataframe(weighin_report.trend_table(weighins, result, unit), hide_index=True, width="stretch")
    st.download_button(
        "Download my weigh-ins (CSV)",
        data=lambda: weighins_csv(weighins, unit),
        file_name=f"weigh-ins-{today.isoformat()}.csv",
        mime="text/csv",
        on_click="ignore",
        key=DOWNLOAD,
        icon=":material/download:",
    )
    st.caption(page["weighins_method"])
