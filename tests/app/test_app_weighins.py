"""Check your real pace, in Streamlit's AppTest: uploads (good and hostile), the table, the words.

AppTest in Streamlit 1.67 drives ``st.file_uploader`` (``set_value`` with a name, bytes and a
type; the widget's ``on_change`` callback runs) and reads ``st.data_editor``; edits to the
editor are seeded through ``session_state`` before a run, as the 1.67 element tree says.
What it cannot do (open or close an expander with a click, drag a file, paste into the box,
download a file, keep weigh-ins in the browser's storage) is covered by
tests/browser/test_weighins_journey.py and test_weighins_kept.py.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta

import pyarrow as pa
import pytest
from app_helpers import text_of
from streamlit.testing.v1 import AppTest

from runners_face.weighin_chart import CHART_ALT, WEIGH_INS

OPEN = "weighins_open"
TEXT = "weighins_text"
FORMULA = "=cmd|' /C calc'!A0"


def opened(app: AppTest, **params: str) -> AppTest:
    app.query_params.update(params)
    app.session_state[OPEN] = True
    app.run()
    assert not app.exception
    return app


def upload(app: AppTest, data: bytes, name: str = "weigh-ins.csv") -> AppTest:
    (uploader,) = [u for u in app.file_uploader if (u.key or "").startswith("weighins_upload_")]
    uploader.set_value((name, data, "text/csv"))
    app.run()
    assert not app.exception
    return app


def month(rate_lb: float = 2.4, start: float = 200.0, days: int = 28, end: date | None = None) -> list[tuple[str, str]]:
    """Daily weigh-ins at a steady rate with a small alternating swing (it hardly moves the fit)."""
    end = end or date.today() - timedelta(days=1)
    first = end - timedelta(days=days - 1)
    return [
        ((first + timedelta(days=d)).isoformat(), f"{start - rate_lb / 7 * d + (0.4 if d % 2 else -0.4):.1f}")
        for d in range(days)
    ]


def csv_of(rows: list[tuple[str, str]], header: str = "Date,Weight (lb)") -> bytes:
    return (header + "\n" + "".join(f"{d},{w}\n" for d, w in rows)).encode()


def words(app: AppTest) -> str:
    """The page's text with Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", text_of(app))


def section_text(app: AppTest) -> str:
    """The weigh-ins section's own text (Markdown, captions, alerts), escapes removed."""
    section = app.get_by_key("weighins")
    return re.sub(r"\\(.)", r"\1", text_of(section))  # type: ignore[arg-type]


def weighin_chart(app: AppTest) -> tuple[dict[str, object], str]:
    charts = [c for c in app.get("vega_lite_chart") if c.proto.alt == CHART_ALT]
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec), charts[0].proto.alt


# --- the section ----------------------------------------------------------------------------


def test_the_section_is_closed_at_first_and_adds_only_its_heading(app: AppTest) -> None:
    app.run()
    assert "### Check your real pace" in words(app)
    assert not [u for u in app.file_uploader if (u.key or "").startswith("weighins")]
    assert len(app.text_area) == 0
    assert len(app.get("vega_lite_chart")) == 1  # the planner's only


def test_opened_it_says_the_weigh_ins_stay_private_and_offers_upload_and_table(app: AppTest) -> None:
    opened(app)
    text = section_text(app)
    assert "Your weigh-ins are health data" in text and "never put in the page's link" in text
    assert app.text_area(key=TEXT).value == ""
    assert app.number_input(key="weighins_today").label == "Today's weight (lb)"
    assert "Add at least 7 weigh-ins" in text


def test_a_month_uploaded_gives_the_pace_its_range_the_calorie_gap_and_the_verdict(app: AppTest) -> None:
    upload(opened(app), csv_of(month(rate_lb=2.4)))
    text = section_text(app)
    assert "Read 28 weigh-ins from your file" in text
    assert "**losing about 2.4 lb a week** (likely between 2." in text
    assert "**likely faster than the 1–2 lb a week the article advises**" in text
    assert "about **1,200 kcal a day less** than you burn" in text
    assert "Dr. Imber" not in text


def test_a_pace_inside_the_range_says_so(app: AppTest) -> None:
    upload(opened(app), csv_of(month(rate_lb=1.5)))
    assert "**inside the 1–2 lb a week the article advises**" in section_text(app)


def test_too_few_weigh_ins_is_said_plainly(app: AppTest) -> None:
    upload(opened(app), csv_of(month(days=5)))
    text = section_text(app)
    assert "**Too few weigh-ins to tell yet.** 5 weigh-ins over 5 days" in text
    assert len(app.get("vega_lite_chart")) == 2  # the weigh-ins are still drawn


def test_the_chart_has_one_dot_a_day_and_its_accessible_name(app: AppTest) -> None:
    rows = month()
    twice = rows + [(d, f"{float(w) + 1:.1f}") for d, w in rows]  # two readings every day
    upload(opened(app), csv_of(twice))
    spec, alt_text = weighin_chart(app)
    assert alt_text == CHART_ALT
    assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}
    chart = next(c for c in app.get("vega_lite_chart") if c.proto.alt == CHART_ALT)
    data = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    dots = data[data["series"] == WEIGH_INS]
    assert len(dots) == 28 and dots["date"].is_unique


def test_the_words_use_the_planners_units_and_goal(app: AppTest) -> None:
    rows = [(d, f"{float(w) * 0.45359237:.2f}") for d, w in month(rate_lb=1.5, start=180)]
    upload(opened(app, units="kg", weight="82", goal="75"), csv_of(rows, header="date,weight_kg"))
    text = section_text(app)
    assert re.search(r"\*\*losing about 0\.\d+ kg a week\*\*", text)
    assert "1–2 lb (0.45–0.9 kg) a week" in text
    assert "your planner goal of 75 kg around **" in text


def test_stones_readers_get_pounds_a_week_and_their_goal_in_stones(app: AppTest) -> None:
    upload(opened(app, units="st", weight="180", goal="165"), csv_of(month(rate_lb=1.5, start=180)))
    text = section_text(app)
    assert "lb a week**" in text and "your planner goal of 11 st 11 lb" in text


def test_the_box_is_read_as_typed_and_a_bad_line_is_named_by_row_date_and_column(app: AppTest) -> None:
    opened(app)
    rows = month(rate_lb=1.5)
    rows[4] = (rows[4][0], "abc")
    app.text_area(key=TEXT).input("".join(f"{d} {w}\n" for d, w in rows)).run()
    assert not app.exception
    text = section_text(app)
    assert f"Row 5 ({rows[4][0]}), column “weight”: “abc” is not a weight." in text
    assert "from 27 days of weigh-ins" in text


def lines(app: AppTest) -> list[str]:
    return [line for line in app.text_area(key=TEXT).value.splitlines() if line.strip()]


def test_todays_weigh_in_is_added_in_one_step_dated_today(app: AppTest) -> None:
    upload(opened(app), csv_of(month(days=10)))
    app.number_input(key="weighins_today").set_value(181.4)
    app.button(key="FormSubmitter:weighins_add-Add").click().run()
    assert not app.exception
    assert lines(app)[-1] == f"{date.today().isoformat()} 181.4"
    assert len(lines(app)) == 11
    assert "**Added:** 181.4 lb on" in section_text(app)


def test_add_with_no_weight_says_what_to_do_and_adds_nothing(app: AppTest) -> None:
    upload(opened(app), csv_of(month(days=10)))
    app.button(key="FormSubmitter:weighins_add-Add").click().run()
    assert "Type today's weight first" in section_text(app) and len(lines(app)) == 10


def test_the_example_month_fills_the_table_and_clear_empties_it(app: AppTest) -> None:
    opened(app)
    app.button(key="weighins_example").click().run()
    assert not app.exception
    assert len(lines(app)) == 28
    assert "These are made-up example weigh-ins" in section_text(app)
    assert "**losing about 1." in section_text(app)
    example = app.text_area(key=TEXT).value
    app.button(key="weighins_clear").click().run()
    assert len(lines(app)) == 0
    assert "Your pace:" not in section_text(app)
    app.button(key="weighins_undo_clear").click().run()  # Clear has an Undo
    assert app.text_area(key=TEXT).value == example and "**losing about 1." in section_text(app)


def test_switching_the_planners_units_rewrites_the_tables_weights(app: AppTest) -> None:
    upload(opened(app), csv_of([("2026-11-01", "180.0"), ("2026-11-02", "179.5")]))
    app.radio(key="units").set_value("kg").run()
    assert not app.exception
    assert lines(app) == ["2026-11-01\t81.6", "2026-11-02\t81.4"]
    assert app.number_input(key="weighins_today").label == "Today's weight (kg)"


def test_dates_that_could_be_read_either_way_can_be_switched(app: AppTest) -> None:
    rows = [(f"0{d}/0{d + 1}/2025", f"{180 - d:.1f}") for d in range(1, 8)]  # 01/02 .. 07/08: never a 13th
    upload(opened(app), csv_of(rows))
    order = app.radio(key="weighins_date_order")
    assert order.value == "dmy"  # day first unless the browser's language says otherwise
    order.set_value("mdy").run()
    assert not app.exception
    assert app.radio(key="weighins_date_order").value == "mdy"


def test_nothing_entered_reaches_the_link(app: AppTest) -> None:
    opened(app)
    before = dict(app.query_params)
    upload(app, csv_of(month()))
    after = dict(app.query_params)
    assert after == before
    link = json.dumps(after)
    for _, weight in month():
        assert weight not in link


# --- hostile uploads ------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("picture.csv", PNG, "This is not a text file"),
        ("zip.csv", b"PK\x03\x04" + bytes(range(256)) * 4, "This is not a text file"),
        ("empty.csv", b"", "The file is empty"),
        ("huge.csv", b"2026-01-01,180\n" * (50 * 1024 * 1024 // 15), "The file is too big (50.0 MB)"),
        ("rows.csv", b"1/1/26,80\n" * 100_000, "There are too many rows (100,000)"),
        ("words.csv", b"Dear diary,\nI weighed myself today.\n", "There is no column of dates"),
    ],
)
def test_a_hostile_upload_gets_a_message_and_never_a_crash(app: AppTest, name: str, data: bytes, message: str) -> None:
    upload(opened(app), data, name)
    text = section_text(app)
    assert "**That file could not be read.**" in text and message in text
    assert lines(app) == []  # the box is left as it was


def test_a_formula_cell_is_named_and_the_good_rows_are_kept(app: AppTest) -> None:
    rows = month(rate_lb=1.5)
    rows[3] = (rows[3][0], FORMULA)
    upload(opened(app), csv_of(rows))
    text = section_text(app)
    assert "Read 27 weigh-ins from your file" in text and "1 row was skipped" in text
    assert f"Row 5 ({rows[3][0]}), column “Weight (lb)”: “{FORMULA}” is not a weight." in text
    assert len(lines(app)) == 27 and not [line for line in lines(app) if "=" in line or "@" in line]


def test_a_second_upload_replaces_the_first_and_the_old_file_is_dropped(app: AppTest) -> None:
    upload(opened(app), csv_of(month(days=10)))
    keys = [u.key for u in app.file_uploader if (u.key or "").startswith("weighins_upload_")]
    assert keys == ["weighins_upload_1"]  # a fresh uploader: the read file is no longer held
    upload(app, csv_of(month(days=20)))
    assert len(lines(app)) == 20


def test_the_trend_table_lists_every_day_with_its_trend(app: AppTest) -> None:
    opened(app)
    upload(app, csv_of(month(days=14)))
    app.toggle(key="weighins_trend_table").set_value(True).run()
    (table,) = [d for d in app.dataframe if d.editing_mode == "read_only"]
    frame = table.value
    assert len(frame) == 14 and list(frame.columns) == ["Date", "Weigh-in (lb)", "Smoothed trend (lb)"]
    assert all(not math.isnan(float(v)) for v in frame["Smoothed trend (lb)"])
