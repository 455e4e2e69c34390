"""Check your real pace: the reader's own weigh-ins against the article's 1-2 lb a week.

Weigh-ins are health data. They are kept in the reader's own browser, never on our server's disk:
in this tab by default (``sessionStorage``), on this device if the reader asks (``localStorage``),
through the storage bridge (``storage_bridge``; the stored value is ``runners_face.weighin_storage``).
While the page is open the session holds them in the server's memory, to work out the pace: the
text of the weigh-ins box in ``st.session_state``, an uploaded file in Streamlit's in-memory upload
store until it has been read (then the uploader is replaced, which drops the file). Nothing here
writes them to the link (``st.query_params``), to a log or to disk, and nothing is cached across
sessions (``st.cache_data`` is not used for them). A download is built only when the reader asks.

**The weigh-ins are one text**, one date and weight a line, in a plain text box: it tells Python
only when the reader leaves it (or presses Ctrl+Enter), so typing never races a rerun, and Python
writes into it only when the reader asks for a change (add today's, upload, example, clear, undo,
forget) or the browser hands back what it kept. The text lives in :data:`KEPT_TEXT`; the box (drawn
only while the section is open) is seeded from it.

**Coming back.** The bridge is drawn on every whole-page run, before the section's expander. A
session that has not heard from the browser gets its report: on a reload, in a new tab (with "keep
on this device"), or after a reconnection to a server that lost the session (a restart, a replica
that died). Rows on the page win over stored ones (after a reconnection the box still holds what
the reader typed); a stored value that cannot be read is reported and left alone until the reader
changes a weigh-in.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import secrets
from collections.abc import Mapping
from typing import Literal

import streamlit as st

from runners_face import weighin_chart, weighin_report
from runners_face.exports import weighins_csv
from runners_face.state import WEIGHT_BOUNDS
from runners_face.units import KG_PER_LB, LB_PER_STONE, Unit, base_unit, to_kg
from runners_face.views import planner_view, session, storage_bridge
from runners_face.views.weight_fields import stones_and_pounds
from runners_face.weighin_report import Rate
from runners_face.weighin_storage import BrowserReport, Where, decode, encode
from runners_face.weighin_trend import Trend, trend
from runners_face.weighins import (
    WeighInError,
    WeighIns,
    convert_text,
    decode_upload,
    parse_csv,
    weigh_in_lines,
    weight_text,
)

OPEN = "weighins_open"
TEXT = "weighins_text"  # the text box
KEPT_TEXT = "weighins_kept_text"  # the weigh-ins as text: the box's value, also while it is not drawn
TEXT_UNIT = "weighins_text_unit"  # the unit the text's bare weights are in
UNDO = "weighins_undo"  # the text before "Clear", while "Undo" is offered
UPLOADS = "weighins_uploads"  # a counter: each read file gets a new uploader (and is dropped)
NOTE = "weighins_note"  # what the last upload or button did, in words
STORE_NOTE = "weighins_store_note"  # what the page found in the browser
ORDER = "weighins_date_order"
CHART = "weighins_chart"
TABLE_VIEW = "weighins_trend_table"
EXAMPLE = "weighins_example"
CLEAR = "weighins_clear"
UNDO_BUTTON = "weighins_undo_clear"
DOWNLOAD = "weighins_download"
MEMO = "weighins_memo"
ADD_FORM = "weighins_add"
ADD_WEIGHT = "weighins_today"
ADD_STONES = "weighins_today_st"
ADD_POUNDS = "weighins_today_st_lb"
KEEP = "weighins_keep"  # the "keep on this device" checkbox
KEEP_ON = "weighins_keep_on"  # its value, also while it is not drawn
FORGET = "weighins_forget"
USE_WEIGHT = "weighins_use_weight"
USE_PACE = "weighins_use_pace"
SESSION_ID = "weighins_session"  # this server session's id, for the bridge
HEARD = "weighins_heard"  # the browser has told this session what it keeps
HANDLED = "weighins_report_count"  # the last report taken
EDITED = "weighins_edited"  # the reader changed the weigh-ins in this session
HOLD = "weighins_hold"  # the browser keeps a value that could not be read: leave it until an edit
BROWSER_PROBLEM = "weighins_browser_problem"

MDY_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "BZ"})
"""Regions whose usual numeric dates are month first (03/04/2026 is March 4)."""
ORDER_NAMES = {"dmy": "Day first (03/04/2026 is 3 April)", "mdy": "Month first (03/04/2026 is March 4)"}
ICONS = {
    "error": ":material/error:",
    "warning": ":material/warning:",
    "success": ":material/check_circle:",
    "info": ":material/info:",
}


# --- small helpers ----------------------------------------------------------------------


def _locale_order() -> Literal["dmy", "mdy"] | None:
    locale = st.context.locale or ""
    match = re.search(r"[-_]([A-Za-z]{2})\b", locale)
    if not match:
        return None
    return "mdy" if match[1].upper() in MDY_REGIONS else "dmy"


def _units() -> Unit:
    return session.plan().units


def _text() -> str:
    text: str = st.session_state.get(KEPT_TEXT, "")
    return text


def _edited() -> None:
    """The reader changed the weigh-ins: from now on the browser keeps what the page has."""
    st.session_state[EDITED] = True
    st.session_state.pop(HOLD, None)


def _set_text(text: str, unit: Unit, *, edited: bool = True) -> None:
    """Python changes the weigh-ins (never while the reader types: only in a callback of theirs,
    or before the box is drawn): the box takes the new text when it is drawn."""
    st.session_state[KEPT_TEXT] = text
    st.session_state[TEXT] = text
    st.session_state[TEXT_UNIT] = unit
    st.session_state.pop(MEMO, None)
    if edited:
        _edited()
    if text.strip():
        st.session_state.pop(UNDO, None)


def _goal_kg() -> float | None:
    """The planner's goal, if the reader set it (not the example numbers, not a blank field)."""
    current = session.plan()
    if "goal" in current.blank or "goal" in current.examples:
        return None
    return to_kg(current.goal, current.units)


def _note(kind: str, text: str) -> None:
    st.session_state[NOTE] = (kind, text)


def _show(note: tuple[str, str] | None) -> None:
    if note is not None:
        kind, text = note
        getattr(st, kind)(text, icon=ICONS.get(kind, ICONS["info"]))


# --- reading the text --------------------------------------------------------------------


def read_upload(data: bytes, unit: Unit, today: dt.date, prefer: Literal["dmy", "mdy"] | None) -> WeighIns:
    """An uploaded file's weigh-ins, or a :class:`WeighInError`. Ambiguous dates are read by
    ``prefer``, else day first, and the section then offers to read them the other way."""
    return _read(decode_upload(data), unit, today, "auto", prefer)


def _read(
    text: str, unit: Unit, today: dt.date, order: Literal["auto", "dmy", "mdy"], prefer: Literal["dmy", "mdy"] | None
) -> WeighIns:
    try:
        return parse_csv(text, unit, date_order=order, prefer=prefer, today=today)
    except WeighInError as problem:
        if problem.code != "ambiguous_dates":
            raise
        # Neither order is proven: read day first; the section offers to read them the other way.
        return parse_csv(text, unit, prefer="dmy", today=today)


def _analyse(text: str, unit: Unit, today: dt.date) -> tuple[WeighIns | None, Trend | None, str]:
    """Parse and trend the weigh-ins (memoised in the session: a rerun of the page for another
    reason costs nothing). The third value is an error message, or ""."""
    order = st.session_state.get(ORDER, "auto")
    prefer = _locale_order()
    memo_key = (text, unit, order, prefer, today)
    memo = st.session_state.get(MEMO)
    if memo is not None and memo[0] == memo_key:
        cached: tuple[WeighIns | None, Trend | None, str] = memo[1]
        return cached
    result: tuple[WeighIns | None, Trend | None, str]
    try:
        weighins = _read(text, unit, today, order, prefer)
    except WeighInError as problem:
        result = (None, None, "" if problem.code == "empty" else weighin_report.problem_text(problem))
    else:
        result = (weighins, trend(weighins), "")
    st.session_state[MEMO] = (memo_key, result)
    return result


# --- the browser's storage ----------------------------------------------------------------


def _where() -> Where:
    return "local" if st.session_state.get(KEEP_ON) else "session"


def _stored(unit: Unit, today: dt.date) -> tuple[str | None, int, int] | None:
    """What the browser should keep now: the value (None: nothing), how many weigh-ins it holds
    and how many older ones were left out; or None to leave the browser's storage as it is (text
    on the page none of which can be read yet: the reader is still at it)."""
    text = _text()
    if not text.strip():
        return (encode(())[0] if _where() == "local" else None), 0, 0
    weighins, _, _ = _analyse(text, unit, today)
    if weighins is None:
        return None
    value, dropped = encode(weighins.readings)
    return value, len(weighins.readings) - dropped, dropped


def _write(unit: Unit, today: dt.date) -> tuple[Where, str | None] | None:
    """What the bridge should store now, or None to leave the browser's storage alone: before the
    browser has said what it keeps (unless the reader changed something), while it keeps a value
    that could not be read (until they do), and while nothing on the page can be read."""
    if st.session_state.get(HOLD) or not (st.session_state.get(HEARD) or st.session_state.get(EDITED)):
        return None
    stored = _stored(unit, today)
    return None if stored is None else (_where(), stored[0])


def _set_keep(on: bool) -> None:
    st.session_state[KEEP_ON] = on
    st.session_state[KEEP] = on


def _take_report(report: BrowserReport) -> None:
    """The browser's report: where it keeps weigh-ins and what, or what stops it keeping any."""
    if report.session != st.session_state.get(SESSION_ID) or report.count <= st.session_state.get(HANDLED, 0):
        return  # for another session (before a reconnection), or taken already
    st.session_state[HANDLED] = report.count
    if report.problem is not None:
        st.session_state[BROWSER_PROBLEM] = report.problem
    else:
        st.session_state.pop(BROWSER_PROBLEM, None)
    if st.session_state.get(HEARD):
        return  # only a problem (or its end) to hear
    st.session_state[HEARD] = True
    if report.value is None or report.where is None:
        return
    if report.where == "local":
        _set_keep(True)
    restored = decode(report.value, session.today())
    if restored.problem is not None:
        st.session_state[HOLD] = True
        st.session_state[STORE_NOTE] = weighin_report.restored_words(restored, report.where)
        return
    if _text().strip() or restored.weighins is None:
        return  # the page has weigh-ins already (the box kept them over a reconnection): they are newer
    unit = _units()
    _set_text(weigh_in_lines(restored.weighins.readings, unit), unit, edited=False)
    st.session_state[STORE_NOTE] = weighin_report.restored_words(restored, report.where)
    if report.fresh:
        st.session_state[OPEN] = True  # a returning reader: the section opens on today's weigh-in


def _on_report() -> None:
    report = storage_bridge.report_in_callback()
    if report is not None:
        _take_report(report)


def _bridge(unit: Unit, today: dt.date) -> None:
    sid = st.session_state.setdefault(SESSION_ID, secrets.token_urlsafe(9))
    report = storage_bridge.render_bridge(
        sid, heard=bool(st.session_state.get(HEARD)), write=_write(unit, today), on_report=_on_report
    )
    if report is not None:
        _take_report(report)  # a session's first run after a reconnection: no callback ran


# --- callbacks ----------------------------------------------------------------------------


def _on_text() -> None:
    st.session_state[KEPT_TEXT] = st.session_state.get(TEXT) or ""
    st.session_state[TEXT_UNIT] = _units()
    _edited()
    if _text().strip():
        st.session_state.pop(UNDO, None)


def _on_upload(key: str) -> None:
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    unit = _units()
    try:
        weighins = read_upload(uploaded.getvalue(), unit, session.today(), _locale_order())
    except WeighInError as problem:
        text = weighin_report.problem_text(problem)
        _note("error", f"**That file could not be read.** {text}")
    else:
        # Each date as the file wrote it (so "dates like 03/04/2026" can still be read the other
        # way), and a tab before the weight: a date may hold spaces and commas ("Jan 7, 2026").
        lines = [
            f"{written}\t{weight_text(kg, unit)}\n"
            for written, (_, kg) in zip(weighins.date_texts, weighins.readings, strict=True)
        ]
        _set_text("".join(lines), unit)
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
    readings = []
    for day in range(28):
        when = today - dt.timedelta(days=27 - day)
        readings.append((when, end_kg + 1.5 * KG_PER_LB * (27 - day) / 7 + rng.gauss(0, 0.35)))
    _set_text(weigh_in_lines(readings, unit), unit)
    _note("info", "**These are made-up example weigh-ins.** Replace them with your own.")


def _on_clear() -> None:
    before = _text()
    _set_text("", _units())
    st.session_state[UNDO] = before
    st.session_state.pop(ORDER, None)
    _note("info", weighin_report.CLEARED)


def _on_undo() -> None:
    before = st.session_state.pop(UNDO, "")
    _set_text(before, st.session_state.get(TEXT_UNIT, _units()))
    _note("success", weighin_report.UNDONE)


def _on_add() -> None:
    """Today's weigh-in, dated today in the reader's time zone, added as a line of the text."""
    unit = _units()
    if unit == "st":
        stones, pounds = st.session_state.get(ADD_STONES), st.session_state.get(ADD_POUNDS)
        value = None if stones is None else stones * LB_PER_STONE + (pounds or 0.0)
    else:
        value = st.session_state.get(ADD_WEIGHT)
    if value is None:
        _note("warning", weighin_report.NO_WEIGHT_TODAY)
        return
    today = session.today()
    kg = to_kg(value, unit)
    text = _text()
    if text and not text.endswith("\n"):
        text += "\n"
    _set_text(text + weigh_in_lines([(today, kg)], unit), unit)
    _note("success", weighin_report.added_words(today, kg, unit))


def _on_keep() -> None:
    st.session_state[KEEP_ON] = bool(st.session_state.get(KEEP))
    _edited()


def _on_forget() -> None:
    _set_text("", _units())
    _set_keep(False)
    st.session_state.pop(UNDO, None)
    st.session_state.pop(STORE_NOTE, None)
    st.session_state.pop(ORDER, None)
    _note("success", weighin_report.FORGOTTEN)


def _on_use_weight(weight: float) -> None:
    session.set_plan(session.plan().with_weight(weight))
    session.forget(*planner_view.WEIGHT_KEYS)  # the planner's fields are drawn again from the plan
    _note("success", weighin_report.used_weight_words(weight, _units()))


def _on_use_pace(rate: Rate, pace: float) -> None:
    session.set_plan(session.plan().with_pace(pace))  # the pace control takes it on the next run
    _note("success", weighin_report.used_pace_words(rate, pace))


# --- drawing ------------------------------------------------------------------------------


def render_weighins(page: Mapping[str, str]) -> None:
    """The section: a heading and its introduction, the storage bridge (no visible part), then
    everything else in an expander that is drawn only while open."""
    unit = _units()
    today = session.today()
    old = st.session_state.get(TEXT_UNIT, unit)
    if old != unit:
        # The planner's units changed: the text's bare weights follow (before anything reads it).
        _set_text(convert_text(_text(), old, unit), unit, edited=False)
    with st.container(border=True, key="weighins"):
        st.markdown(f"### Check your real pace\n\n{page['weighins_intro']}")  # Markdown heading: see article_view
        _bridge(unit, today)
        session.outside_fragments(OPEN)  # its body is drawn only while open
        with st.expander("Check my weigh-ins", key=OPEN, on_change="rerun", icon=":material/monitor_weight:") as box:
            if box.open:
                _body(page, unit, today)


def _add_today(unit: Unit) -> None:
    """Today's weigh-in in one step: a number in the reader's units and Add (or Enter)."""
    low, high = WEIGHT_BOUNDS[base_unit(unit)]
    with (
        st.form(ADD_FORM, border=False, enter_to_submit=True, clear_on_submit=True),
        st.container(horizontal=True, gap="small", vertical_alignment="bottom"),
    ):
        if unit == "st":
            stones_and_pounds("Today's weight", (ADD_STONES, ADD_POUNDS), 180)
        else:
            st.number_input(
                f"Today's weight ({unit})",
                min_value=low,
                max_value=high,
                value=None,
                step=0.1,
                format="%.1f",
                placeholder="e.g. 182.4" if unit == "lb" else "e.g. 82.7",
                key=ADD_WEIGHT,
            )
        st.form_submit_button("Add", on_click=_on_add, icon=":material/add:")


def _text_box(unit: Unit, today: dt.date) -> str:
    """The weigh-ins as text, one date and weight a line; the box's value as the reader left it."""
    if TEXT not in st.session_state and _text():
        st.session_state[TEXT] = _text()  # the box was not drawn while the section was closed
    first = today - dt.timedelta(days=1)
    example = "182.4" if base_unit(unit) == "lb" else "82.7"
    if unit == "st":
        example = "13 st 0.4 lb"
    text = st.text_area(
        "Your weigh-ins: one date and weight per line",
        key=TEXT,
        on_change=_on_text,
        height=180,
        placeholder=f"Type or paste here, for example:\n{first.isoformat()} {example}\n{today.isoformat()} {example}",
        help="A date (2026-11-30, 30/11/2026 or 30 Nov 2026), a space or tab, then your weight that morning. "
        "Paste rows from a spreadsheet as they are.",
    )
    if text != _text():
        # The box's value came from the browser without a callback: the session's first run after a
        # reconnection, with what the reader had typed. It is theirs.
        st.session_state[KEPT_TEXT] = text
        st.session_state[TEXT_UNIT] = unit
        st.session_state.pop(MEMO, None)
        _edited()
    return text


def _body(page: Mapping[str, str], unit: Unit, today: dt.date) -> None:
    _add_today(unit)
    _show(st.session_state.get(NOTE))
    _show(st.session_state.get(STORE_NOTE))
    text = _text_box(unit, today)
    with st.container(horizontal=True, gap="small"):
        st.button("Fill in an example month", key=EXAMPLE, on_click=_on_example, icon=":material/edit_note:")
        if text.strip():
            st.button("Clear my weigh-ins", key=CLEAR, on_click=_on_clear, icon=":material/delete:")
        elif st.session_state.get(UNDO):
            st.button("Undo", key=UNDO_BUTTON, on_click=_on_undo, icon=":material/undo:")
    key = f"weighins_upload_{st.session_state.get(UPLOADS, 0)}"
    st.file_uploader(
        "Or upload a CSV file of your weigh-ins (a date and a weight on each row)",
        type=["csv", "txt", "tsv"],
        key=key,
        on_change=_on_upload,
        args=(key,),
        max_upload_size=1,
        help="From a spreadsheet, a scale's app or an earlier download from this page. Up to 1 MB.",
    )
    _keeping(page, unit, today)

    weighins, result, error = _analyse(text, unit, today)
    if error:
        st.warning(f"**Your weigh-ins could not be read.** {error}", icon=ICONS["warning"])
    if weighins is None or result is None:
        if not error:
            st.caption(weighin_report.NOT_ENOUGH_YET)
        return
    if weighins.problems:
        st.warning(
            "**Some rows could not be used** (the others are; rows that cannot be used are not kept in this "
            f"browser):\n\n{weighin_report.problem_list(weighins)}",
            icon=ICONS["warning"],
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
        st.info(left_out, icon=ICONS["info"])
    goal_kg = _goal_kg()
    said = weighin_report.report(result, unit, goal_kg, today)
    getattr(st, said.kind)(said.markdown, icon=ICONS[said.kind])
    _to_the_plan(result, said.rate, unit, today)

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


def _keeping(page: Mapping[str, str], unit: Unit, today: dt.date) -> None:
    """Where the weigh-ins are kept: the choice, the line that says where they are, Forget, and
    the privacy note."""
    if KEEP not in st.session_state:
        st.session_state[KEEP] = bool(st.session_state.get(KEEP_ON))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.checkbox(weighin_report.KEEP_LABEL, key=KEEP, on_change=_on_keep, help=weighin_report.KEEP_HELP)
        st.button(weighin_report.FORGET_LABEL, key=FORGET, on_click=_on_forget, icon=":material/delete_forever:")
    problem = st.session_state.get(BROWSER_PROBLEM)
    if problem is not None:
        st.warning(weighin_report.BROWSER_PROBLEM_WORDS[problem], icon=ICONS["warning"])
    elif not st.session_state.get(HOLD):  # else the note about what is stored says it all
        stored = _stored(unit, today)
        if stored is not None:
            st.caption(weighin_report.kept_words(_where(), stored[1], stored[2]))
    st.markdown(page["weighins_privacy"])


def _to_the_plan(result: Trend, rate: Rate | None, unit: Unit, today: dt.date) -> None:
    """Carry the result into the planner: the trend as the current weight, the real pace as the plan's."""
    if rate is None:
        return
    weight = weighin_report.trend_weight(result, unit, today)
    pace = weighin_report.plan_pace(rate)
    if weight is None and pace is None:
        return
    with st.container(horizontal=True, gap="small"):
        if weight is not None:
            st.button(
                weighin_report.use_weight_label(weight, unit),
                key=USE_WEIGHT,
                on_click=_on_use_weight,
                args=(weight,),
                icon=":material/north:",
            )
        if pace is not None:
            st.button(
                weighin_report.use_pace_label(rate),
                key=USE_PACE,
                on_click=_on_use_pace,
                args=(rate, pace),
                icon=":material/north:",
            )
