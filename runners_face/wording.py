"""How the page writes dates, durations, counts, energy and lists: one home for each format.

Every sentence the page makes from a reader's numbers (``planner``, ``weighin_report``,
``exports``) writes them through these functions, so the same thing is always written the
same way, and the rules a careful editor asks for hold everywhere:

- a date always has its year; it has a weekday only when it is within a year of today
  (a weekday decades ahead is false precision);
- a range of dates that crosses a year gives both years;
- a duration is in weeks and days up to two years, then in years;
- numbers of 1,000 and more have a thousands separator;
- "1 week", "2 weeks"; "A and B", "A, B and C".
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date
from typing import Final

WEEKDAY_DAYS: Final = 365
"""Dates at most this many days from today are written with their weekday."""
WEEKS_UP_TO_DAYS: Final = 730
"""Durations up to two years are written in weeks and days; longer ones in years."""
DAYS_PER_YEAR: Final = 365.25

# The same formats for the charts, whose axes and tooltips Vega-Lite writes in the browser
# (d3-time-format: "%-d" is the day of the month without a leading zero).
CHART_DATE: Final = "%-d %B %Y"
"""A date in a chart's tooltip, as :func:`format_date` writes it without a weekday: "2 March 2027"."""
CHART_DAY: Final = "%-d %b"
"""A day on a chart's axis, as :func:`format_short_date` writes it without the year: "2 Mar"."""
CHART_MONTH: Final = "%b %Y"
"""A month on a chart's axis: "Mar 2027"."""


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 week", "2 weeks", "1,200 weigh-ins"."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def format_date(day: date, today: date | None = None) -> str:
    """A date written out: "Tuesday 2 March 2027" within a year of ``today``, else "2 March 2031".

    Without ``today`` the weekday is left out.
    """
    plain = f"{day.day} {day:%B %Y}"
    if today is not None and abs((day - today).days) <= WEEKDAY_DAYS:
        return f"{day:%A} {plain}"
    return plain


MONTH_ONLY_DAYS: Final = 730
"""Dates more than this many days from today are given by month and year: a straight line to a
day years ahead is false precision."""


def format_when(day: date, today: date) -> str:
    """When something happens, as a sentence says it: "on Tuesday 2 March 2027", "on 2 March 2028",
    and past two years "in July 2082"."""
    if abs((day - today).days) > MONTH_ONLY_DAYS:
        return f"in {day:%B %Y}"
    return f"on {format_date(day, today)}"


def format_short_date(day: date) -> str:
    """A date in a table, a chart or a tooltip: "2 Mar 2027"."""
    return f"{day.day} {day:%b %Y}"


def format_date_range(first: date, last: date, joiner: str = "and") -> str:
    """Two dates as a range, each with its year when they differ: "12 September 2030 and
    11 January 2031" (for "between ... and ..."); the year (and the month) given once when both
    share it: "3 March and 20 June 2027", "3 and 20 June 2027". With ``joiner="to"``, for
    "from ... to ...": "3 to 20 June 2027"."""
    if first.year == last.year:
        if first.month == last.month:
            return f"{first.day} {joiner} {last.day} {last:%B %Y}"
        return f"{first.day} {first:%B} {joiner} {last.day} {last:%B %Y}"
    return f"{format_date(first)} {joiner} {format_date(last)}"


def format_date_list(days: Sequence[date]) -> str:
    """Dates in a list, each year once: "11, 18 and 25 October 2026", "30 December 2026 and
    2 January 2027", "9 and 16 November 2026"."""
    groups: list[tuple[int, int, list[int]]] = []
    for day in sorted(days):
        if groups and groups[-1][:2] == (day.year, day.month):
            groups[-1][2].append(day.day)
        else:
            groups.append((day.year, day.month, [day.day]))
    parts = []
    for i, (year, month, numbers) in enumerate(groups):
        name = date(year, month, 1).strftime("%B")
        last_of_year = i + 1 == len(groups) or groups[i + 1][0] != year
        words = [str(n) for n in numbers]
        words[-1] += f" {name}" + (f" {year}" if last_of_year else "")
        parts.extend(words[:-1])
        parts.append(words[-1])
    return join_words(parts)


def format_duration(days: int, *, in_years: bool = False) -> str:
    """A number of days as a person would say it: "5 days", "1 week and 3 days", "20 weeks",
    and past two years (or with ``in_years``), in years: "about 2.5 years", "about 11 years".

    Years are rounded to the nearest half year below 5 years and to whole years from there.
    """
    if days > WEEKS_UP_TO_DAYS or (in_years and days >= DAYS_PER_YEAR / 2):
        years = days / DAYS_PER_YEAR
        rounded = round(years * 2) / 2 if years < 5 else float(round(years))
        return f"about {rounded:,g} year{'' if rounded == 1 else 's'}"
    weeks, rest = divmod(days, 7)
    parts = []
    if weeks:
        parts.append(plural(weeks, "week"))
    if rest or not weeks:
        parts.append(plural(rest, "day"))
    return " and ".join(parts)


def format_durations(first: int, second: int) -> tuple[str, str]:
    """Two durations for one sentence, in the same unit: both in years when either is past two."""
    years = max(first, second) > WEEKS_UP_TO_DAYS
    return format_duration(first, in_years=years), format_duration(second, in_years=years)


def format_kcal(kcal: float) -> str:
    """Energy a day, to the nearest kcal: "1,279 kcal a day"."""
    return f"{kcal:,.0f} kcal a day"


def join_words(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def markdown_html(text: str) -> str:
    r"""The page's own Markdown sentences as HTML, for words the browser shows without a server
    round trip: every character is escaped first, then ``**bold**`` becomes ``<strong>`` and each
    blank-line-separated paragraph a ``<p>``. Only for the page's own words (a reader's numbers
    in them are formatted numbers); nothing else of Markdown is read.

    >>> markdown_html("At **1 lb** <a week>.\n\nDone.")
    '<p>At <strong>1 lb</strong> &lt;a week&gt;.</p><p>Done.</p>'
    """
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    out = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph, quote=True)
        out.append("<p>" + re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped) + "</p>")
    return "".join(out)
