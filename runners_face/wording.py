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


def format_duration(days: int) -> str:
    """A number of days as a person would say it: "5 days", "1 week and 3 days", "20 weeks",
    and past two years, in years: "about 2.5 years", "about 11 years".

    Years are rounded to the nearest half year below 5 years and to whole years from there.
    """
    if days > WEEKS_UP_TO_DAYS:
        years = days / DAYS_PER_YEAR
        rounded = round(years * 2) / 2 if years < 5 else float(round(years))
        return f"about {rounded:,g} years"
    weeks, rest = divmod(days, 7)
    parts = []
    if weeks:
        parts.append(plural(weeks, "week"))
    if rest or not weeks:
        parts.append(plural(rest, "day"))
    return " and ".join(parts)


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
