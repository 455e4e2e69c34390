"""Downloads: the plan and the weigh-ins as CSV, the checklist as Markdown, reminders as an
iCalendar file.

Pure (no Streamlit, no clock): the same plan always gives the same bytes, so a download
can be cached and tested. Every CSV is written by :func:`csv_text`, formula-safe. Nothing here
stores anything; the reader's numbers only go into the file they asked for.
"""

from __future__ import annotations

import csv
import io
import uuid
import zoneinfo
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Final

from runners_face.content import Tip
from runners_face.pace import PacePlan, weight_on_day
from runners_face.state import WEEKDAY_CODES
from runners_face.units import Unit, base_unit, distance_unit, format_pace, format_weight, from_kg
from runners_face.weighin_trend import WEIGH_INS_NEEDED, WINDOW_DAYS
from runners_face.weighins import WeighIns
from runners_face.wording import format_date

if TYPE_CHECKING:
    from icalendar import Event

PRODID: Final = "-//Runner's Face, explained//EN"
CALENDAR_NAME: Final = "Runner's Face reminders"
NOT_ADVICE: Final = "General information, not medical advice."
EVENT_MINUTES: Final = 10

SUNSCREEN_SUMMARY: Final = "Sunscreen before your run"
SUNSCREEN_DESCRIPTION: Final = f"Broad-spectrum sunscreen before you go outside. {NOT_ADVICE}"
WEIGH_IN_SUMMARY: Final = "Morning weigh-in"
SUNSCREEN_DAYS: Final = 365
"""How long the sunscreen reminder runs, at least (longer if the goal is further away)."""

UID_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "https://runners-face.invalid/exports")
"""Fixed namespace for the uuid5 UIDs; changing it would make calendars duplicate events."""


def file_stem(plan: PacePlan) -> str:
    """The download file name without extension, from the plan's start date.

    Example: a plan starting on 25 November 2026 -> "runners-face-plan-2026-11-25".
    """
    return f"runners-face-plan-{plan.start.isoformat()}"


FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (OWASP, "CSV
    Injection"): one that starts with = + - @ or a tab or carriage return gets a leading
    apostrophe. ``=cmd|' /C calc'!A0`` -> ``'=cmd|' /C calc'!A0``."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Rows as CSV text (CRLF line ends, as spreadsheets expect), formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def _week_text(days: int) -> str:
    weeks, rest = divmod(days, 7)
    return str(weeks) if rest == 0 else f"{days / 7:.1f}"


def plan_csv(plan: PacePlan, unit: Unit, running: tuple[float, float] | None = None, race: date | None = None) -> str:
    """The straight-line plan as CSV text: one row a week, then the goal date.

        Weights are in the base unit (stones are written as pounds), rounded to 0.1;
        the ``week`` column is fractional only on a final, partial week. With ``running`` (the
        weekly distance now and while losing, in km or miles as the page shows them, see
        :func:`runners_face.units.distance_unit`), two more columns give it on every row; with ``race``
    (race day), a ``race_day`` column gives its date on every row.

        Example: 82 kg to 75.3 kg at 0.5 kg a week from 2026-01-05, in kg, returns::

            date,week,weight_kg
            2026-01-05,0,82.0
            2026-01-12,1,81.5
            ...
            2026-04-06,13,75.5
            2026-04-09,13.4,75.3
    """
    rows = [["date", "week", f"weight_{base_unit(unit)}"]]
    extra: list[str] = []
    if running is not None:
        per = distance_unit(unit)
        rows[0] += [f"run_{per}_a_week_now", f"run_{per}_a_week_planned"]
        extra = [f"{distance:g}" for distance in running]
    if race is not None:
        rows[0].append("race_day")
        extra.append(race.isoformat())
    for day in range(0, plan.days, 7):
        kg = weight_on_day(plan.weight_kg, plan.goal_kg, plan.pace_kg_per_week, day)
        rows.append(
            [(plan.start + timedelta(days=day)).isoformat(), _week_text(day), f"{from_kg(kg, unit):.1f}", *extra]
        )
    # The goal row is written from goal_kg itself, so the last row is the goal exactly even
    # when the final week is partial (the straight line would stop short of a whole week).
    rows.append([plan.goal_date.isoformat(), _week_text(plan.days), f"{from_kg(plan.goal_kg, unit):.1f}", *extra])
    return csv_text(rows)


def weighins_csv(weighins: WeighIns, unit: Unit) -> str:
    """The reader's weigh-ins as CSV text, one row per reading in the order read, with the
    weight in the base unit (stones are written as pounds), rounded to 0.1.

    Example: 82.5 kg on 5 January 2026, in kg, returns::

        date,weight_kg
        2026-01-05,82.5
    """
    rows = [["date", f"weight_{base_unit(unit)}"]]
    rows += [[day.isoformat(), f"{from_kg(kg, unit):.1f}"] for day, kg in weighins.readings]
    return csv_text(rows)


def _one_line(text: str) -> str:
    # Collapsing all whitespace means a tip can never start its own heading or list item.
    return " ".join(text.split())


def checklist_markdown(tips: Sequence[Tip], ticked: Collection[str], title: str, link: str | None) -> str:
    """A printable Markdown checklist: ticked tips as ``[x]``, the rest as ``[ ]``.

    >>> print(checklist_markdown([Tip("a", "Wear sunscreen.", "UV ages skin.", "s")], {"a"}, "My checklist", None))
    # My checklist
    <BLANKLINE>
    1 of 1 tip in place.
    <BLANKLINE>
    - [x] Wear sunscreen.
    <BLANKLINE>
      Why: UV ages skin.
    <BLANKLINE>
    General information, not medical advice.
    <BLANKLINE>
    """
    done = sum(1 for tip in tips if tip.id in ticked)
    total = len(tips)
    lines = [f"# {_one_line(title)}", "", f"{done} of {total} tip{'' if total == 1 else 's'} in place.", ""]
    for tip in tips:
        box = "x" if tip.id in ticked else " "
        # A blank line before the indented "Why" keeps it a paragraph of the same item
        # (without one, Markdown joins it onto the tip's line).
        lines += [f"- [{box}] {_one_line(tip.text)}", "", f"  Why: {_one_line(tip.why)}", ""]
    if link:
        lines += [f"Open your checklist again: <{_one_line(link)}>", ""]
    lines.append(NOT_ADVICE)
    return "\n".join(lines) + "\n"


def _zone(tz: str) -> tzinfo:
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # An unknown or malformed name (e.g. from a browser) should not stop the download.
        return zoneinfo.ZoneInfo("UTC")


def _uid(plan: PacePlan, event_name: str) -> str:
    # A hash of the plan: stable for the same plan, and no weight is readable in the UID.
    key = "|".join(
        [event_name, plan.start.isoformat(), repr(plan.weight_kg), repr(plan.goal_kg), repr(plan.pace_kg_per_week)]
    )
    return str(uuid.uuid5(UID_NAMESPACE, key))


def _recurring_event(
    plan: PacePlan,
    *,
    summary: str,
    description: str,
    first_day: date,
    at: time,
    zone: tzinfo,
    freq: str,
    until: date,
    byday: Sequence[str] = (),
) -> Event:
    start = datetime.combine(first_day, at, tzinfo=zone)
    # icalendar is imported here, not at the top: it takes tens of milliseconds to import and
    # only the calendar download needs it, so the page starts faster without it.
    from icalendar import Alarm, Event, vRecur

    event = Event.new(
        summary=summary,
        description=description,
        start=start,
        end=start + timedelta(minutes=EVENT_MINUTES),
        uid=_uid(plan, summary),
        # DTSTAMP from the plan, not the clock, so the same plan gives the same file.
        stamp=datetime.combine(plan.start, time(0), tzinfo=UTC),
    )
    # RFC 5545: with a TZID start, UNTIL must be in UTC; the goal day's occurrence is included.
    last = datetime.combine(until, at, tzinfo=zone).astimezone(UTC)
    rule = vRecur(freq=freq, until=last)
    if byday:
        rule["BYDAY"] = list(byday)
    event.add("RRULE", rule)
    event.add_component(Alarm.new_display(description=summary, trigger=timedelta(0)))
    return event


RACE_SUMMARY: Final = "Race day"


def _race_event(plan: PacePlan, race: date, goal: str) -> Event:
    """An all-day event on race day (a date, not a time: it is the same day in every time zone)."""
    from icalendar import Event

    description = f"The day you planned to reach {goal} by. Good luck! {NOT_ADVICE}"
    return Event.new(
        summary=RACE_SUMMARY,
        description=description,
        start=race,
        end=race + timedelta(days=1),
        uid=_uid(plan, f"{RACE_SUMMARY} {race.isoformat()}"),
        stamp=datetime.combine(plan.start, time(0), tzinfo=UTC),
    )


def reminders_ics(
    plan: PacePlan,
    unit: Unit,
    *,
    sunscreen_time: time = time(7, 0),
    weigh_in_time: time = time(8, 0),
    tz: str = "UTC",
    run_days: Collection[str] = (),
    race: date | None = None,
) -> bytes:
    """An iCalendar file (RFC 5545) with a daily sunscreen and a daily weigh-in reminder.

    The sunscreen reminder runs for a year (:data:`SUNSCREEN_DAYS`), or to the goal date if that is
    later: sun protection does not end with a goal. The weigh-in runs to the goal date, and for at
    least the four weeks the page's "Check your real pace" looks at; it is daily because that check
    needs several weigh-ins a week (:data:`runners_face.weighin_trend.WEIGH_INS_NEEDED`). An
    unknown ``tz`` falls back to UTC. With ``run_days`` (the reader's running days, "mo" to "su"),
    the sunscreen reminder is weekly on those days instead, starting on the first of them. With
    ``race`` (race day), an all-day event on that day says the goal it was planned for.

    Example: returns bytes like ``BEGIN:VCALENDAR``, ``VERSION:2.0``, two VEVENTs with
    ``RRULE:FREQ=DAILY;UNTIL=20270310T070000Z`` and ``RRULE:FREQ=DAILY;...``, ``END:VCALENDAR``.
    """
    zone = _zone(tz)
    goal = format_weight(from_kg(plan.goal_kg, unit), unit)
    pace = format_pace(from_kg(plan.pace_kg_per_week, unit), unit)
    weigh_in_text = (
        "Weigh yourself at the same time each morning, on the same scale. To find your real pace, the page's "
        f'"Check your real pace" needs {WEIGH_INS_NEEDED}; one weigh-in on its own can say almost anything. '
        "The plan's spreadsheet (CSV), from the same page, lists the planned weight for each week. "
        f"Goal: {goal} by {format_date(plan.goal_date)}. Steady pace: {pace}. {NOT_ADVICE}"
    )
    sunscreen_until = max(plan.goal_date, plan.start + timedelta(days=SUNSCREEN_DAYS - 1))
    byday = [day.upper() for day in WEEKDAY_CODES if day in run_days]
    sunscreen_first = plan.start
    if byday:
        sunscreen_first = next(
            plan.start + timedelta(days=offset)
            for offset in range(7)
            if WEEKDAY_CODES[(plan.start + timedelta(days=offset)).weekday()] in run_days
        )
    weigh_in_until = max(plan.goal_date, plan.start + timedelta(days=WINDOW_DAYS - 1))
    from icalendar import Calendar

    events = [
        _recurring_event(
            plan,
            summary=SUNSCREEN_SUMMARY,
            description=SUNSCREEN_DESCRIPTION,
            first_day=sunscreen_first,
            at=sunscreen_time,
            zone=zone,
            freq="WEEKLY" if byday else "DAILY",
            until=sunscreen_until,
            byday=byday,
        ),
        _recurring_event(
            plan,
            summary=WEIGH_IN_SUMMARY,
            description=weigh_in_text,
            first_day=plan.start,
            at=weigh_in_time,
            zone=zone,
            freq="DAILY",
            until=weigh_in_until,
        ),
    ]
    if race is not None:
        events.append(_race_event(plan, race, goal))
    calendar = Calendar.new(prodid=PRODID, name=CALENDAR_NAME, uid=_uid(plan, "calendar"), subcomponents=events)
    # Only the plan's dates: the default range (1970-2038) makes a long VTIMEZONE and
    # would leave out plans that run past 2038.
    calendar.add_missing_timezones(
        first_date=plan.start, last_date=max(sunscreen_until, weigh_in_until) + timedelta(days=1)
    )
    ics: bytes = calendar.to_ical()  # icalendar leaves to_ical() unannotated
    return ics
