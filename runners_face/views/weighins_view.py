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

from runners_face import weighin_chart
from runners_face.pace import daily_deficit_kcal
from runners_face.units import KG_PER_LB, Unit, base_unit, format_weight, from_kg, to_kg
from runners_face.views import session
from runners_face.weighins import (
    Assessment,
    Trend,
    WeighInError,
    WeighIns,
    compare_with_article,
    days_to_goal,
    decode_upload,
    parse_csv,
    parse_rows,
    trend,
    weighins_csv,
    weight_kg,
)

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


def _plain(text: str) -> str:
    """Reader-supplied text made inert for Markdown (a cell, a file's contents)."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~:$=&@])", r"\\\1", text)


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


def _goal_kg() -> float:
    current = session.plan()
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
        st.session_state[NOTE] = ("error", f"**That file could not be read.** {_problem_text(problem)}")
    else:
        rows = [
            (text, _weight_text(kg, unit)) for text, (_, kg) in zip(weighins.date_texts, weighins.readings, strict=True)
        ]
        _set_table(pd.DataFrame(rows, columns=[DATE, WEIGHT], dtype="object"), unit)
        st.session_state.pop(ORDER, None)
        skipped = len(weighins.problems)
        note = f"**Read {len(rows):,} weigh-in{'s' if len(rows) != 1 else ''} from your file** into the table below."
        if skipped:
            note += f" {skipped:,} row{'s were' if skipped != 1 else ' was'} skipped:\n\n" + _problem_list(weighins)
        st.session_state[NOTE] = ("warning" if skipped else "success", note)
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


def _problem_text(problem: WeighInError) -> str:
    """The problem in Markdown; every part that came from the reader's file is made inert."""
    where = []
    if problem.row is not None:
        where.append(f"Row {problem.row}" + (f" ({_plain(problem.dated)})" if problem.dated else ""))
    if problem.column:
        where.append(f"column “{_plain(problem.column)}”")
    what = f"“{_plain(problem.value)}” {_plain(problem.reason)}" if problem.value else _plain(problem.reason)
    return f"{', '.join(where)}: {what}." if where else what


def _problem_list(weighins: WeighIns) -> str:
    shown = [f"- {_problem_text(p)}" for p in weighins.problems[:MAX_PROBLEMS_SHOWN]]
    rest = len(weighins.problems) - MAX_PROBLEMS_SHOWN
    if rest > 0:
        shown.append(f"- and {rest:,} more.")
    return "\n".join(shown)


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
    result: tuple[WeighIns | None, Trend | None, str]
    try:
        weighins = parse_rows(
            rows, unit, date_order=order, prefer=prefer, today=today, names=(DATE, f"{WEIGHT} ({base_unit(unit)})")
        )
    except WeighInError as problem:
        if problem.code == "ambiguous_dates":
            weighins = parse_rows(rows, unit, prefer="dmy", today=today)
            result = (weighins, trend(weighins), "")
        elif problem.code == "empty":
            result = (None, None, "")
        else:
            result = (None, None, _problem_text(problem))
    else:
        result = (weighins, trend(weighins), "")
    st.session_state[MEMO] = (memo_key, result)
    return result


# --- words --------------------------------------------------------------------------------


def _number(lb_a_week: float, unit: Unit) -> str:
    if base_unit(unit) == "kg":
        return f"{abs(lb_a_week) * KG_PER_LB:.2f}".rstrip("0").rstrip(".")
    return f"{abs(lb_a_week):.1f}"


def _rate_text(lb_a_week: float, unit: Unit) -> str:
    """A weekly change as a size with its unit: 2.4 lb, 0.45 kg (stones use pounds)."""
    return f"{_number(lb_a_week, unit)} {base_unit(unit)}"


def _range_text(unit: Unit) -> str:
    return "1–2 lb (0.45–0.9 kg) a week" if base_unit(unit) == "kg" else "1–2 lb a week"


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _short_date(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


VERDICTS: dict[str, tuple[str, str]] = {
    "faster": ("warning", "That is **likely faster than the {range} the article advises**."),
    "maybe_faster": (
        "info",
        "That is **near or above the top of the {range} the article advises**: more weigh-ins will tell.",
    ),
    "inside": ("success", "That is **inside the {range} the article advises**."),
    "maybe_slower": (
        "info",
        "That is **near or below the bottom of the {range} the article advises**: more weigh-ins will tell.",
    ),
    "slower": ("info", "That is **slower than the {range} the article advises**: gentle on skin, but it takes longer."),
    "unclear": (
        "info",
        "Your weigh-ins swing too much to say yet how this compares with the {range} the article advises.",
    ),
    "gaining": ("info", "Your trend is **going up**, not down."),
}


def verdict_words(result: Trend, assessment: Assessment, unit: Unit, goal_kg: float) -> tuple[str, str]:
    """(kind of alert, Markdown) for the result box: the rate with its range, what it means
    against the article's range, the calorie gap it implies, and when the goal would be reached."""
    if assessment.verdict == "too_few" or assessment.loss_lb is None:
        return "info", f"**Too few weigh-ins to tell yet.** {_plain(result.reason)}"
    assert assessment.loss_low_lb is not None and assessment.loss_high_lb is not None
    loss = assessment.loss_lb
    low, high = assessment.loss_low_lb, assessment.loss_high_lb
    weeks = math.ceil(result.days / 7)
    over = f"over the last {weeks} weeks, from {result.n} days of weigh-ins"
    direction = "losing" if loss >= 0 else "gaining"
    # The range in the same direction as the estimate; where it crosses zero, say both ways.
    near, far = (low, high) if loss >= 0 else (-high, -low)
    if near >= 0:
        likely = f"likely between {_number(near, unit)} and {_rate_text(far, unit)}"
    else:
        other = "a gain" if loss >= 0 else "a loss"
        likely = f"likely anywhere from {other} of {_rate_text(near, unit)} to {direction} {_rate_text(far, unit)}"
    lines = [f"Your trend: **{direction} about {_rate_text(loss, unit)} a week** ({likely}), {over}."]
    kind, sentence = VERDICTS[assessment.verdict]
    lines.append(sentence.format(range=_range_text(unit)))
    if abs(loss) >= 0.05:
        # From the rate as shown (2.4 lb -> 1,200 kcal), so the two numbers agree for a reader.
        shown_kg = float(_number(loss, unit)) * (1 if base_unit(unit) == "kg" else KG_PER_LB)
        kcal = daily_deficit_kcal(shown_kg)
        cut = "less" if loss > 0 else "more"
        lines.append(
            f"By the rough **3500-calorie rule**, that means eating about **{kcal:,.0f} kcal a day {cut}** "
            "than you burn."
        )
    lines.append(_goal_words(result, unit, goal_kg))
    return kind, "\n\n".join(lines)


def _goal_words(result: Trend, unit: Unit, goal_kg: float) -> str:
    goal = format_weight(from_kg(goal_kg, unit), unit)
    reach = days_to_goal(result, goal_kg)
    last = result.last_day
    if reach is None or last is None:
        return f"At this pace your trend is not heading down to your planner goal of {goal}."
    days, soonest, latest = reach
    if days == 0:
        return f"Your trend is at or below your planner goal of {goal}."
    when = last + dt.timedelta(days=days)
    text = f"If this pace holds, you would reach your planner goal of {goal} around **{_long_date(when)}**"
    if soonest is not None and latest is not None and soonest != latest:
        text += (
            f" (likely between {_short_date(last + dt.timedelta(days=soonest))} and "
            f"{_long_date(last + dt.timedelta(days=latest))})"
        )
    return text + "."


# --- drawing ------------------------------------------------------------------------------


def render_weighins(page: Mapping[str, str]) -> None:
    """The section: a heading and its introduction, then everything else in an expander that
    is drawn only while open."""
    with st.container(border=True, key="weighins"):
        st.markdown(f"### Check your real pace\n\n{page['weighins_intro']}")  # Markdown heading: see article_view
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
            st.caption("Add at least 7 weigh-ins over 2 weeks or more to see your pace.")
        return
    if weighins.problems:
        st.warning(
            f"**Some rows could not be used** (the others are):\n\n{_problem_list(weighins)}",
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
    if result.left_out:
        days = ", ".join(_short_date(d) for d in result.left_out[:5])
        st.info(
            f"**Left out of the trend:** the weigh-in of {days} is far from the days around it "
            "(a typing mistake, or a different scale?). Check it in the table.",
            icon=":material/info:",
        )
    goal_kg = _goal_kg()
    kind, words = verdict_words(result, compare_with_article(result), unit, goal_kg)
    icons = {"warning": ":material/warning:", "success": ":material/check_circle:", "info": ":material/info:"}
    getattr(st, kind)(words, icon=icons[kind])

    frame = weighin_chart.weighin_frame(weighins, result, unit, goal_kg)
    st.altair_chart(
        weighin_chart.build_weighin_chart(frame, unit),
        width="stretch",
        key=CHART,
        alt=weighin_chart.CHART_ALT,
    )
    st.caption(weighin_chart.summary(weighins, result, unit))
    # A toggle, not an expander: this is already inside the section's expander.
    if st.toggle("Show your weigh-ins and trend as a table", key=TABLE_VIEW):
        st.dataframe(_trend_table(weighins, result, unit), hide_index=True, width="stretch")
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


def _trend_table(weighins: WeighIns, result: Trend, unit: Unit) -> pd.DataFrame:
    """One row a day with a weigh-in: the day's weigh-in (the mean of its readings) and the trend."""
    u = base_unit(unit)
    trend_of = {}
    if result.first_day is not None:
        trend_of = {result.first_day + dt.timedelta(days=i): kg for i, kg in enumerate(result.smoothed)}
    rows = []
    for day, kg, count in zip(weighins.days, weighins.weights_kg, weighins.counts, strict=True):
        smoothed = trend_of.get(day)
        rows.append(
            {
                "Date": f"{day.day} {day:%b %Y}",
                f"Weigh-in ({u})": f"{from_kg(kg, unit):.1f}" + (f" (mean of {count})" if count > 1 else ""),
                f"Trend ({u})": "left out"
                if day in result.left_out
                else (f"{from_kg(smoothed, unit):.1f}" if smoothed is not None else ""),
            }
        )
    return pd.DataFrame(rows)
