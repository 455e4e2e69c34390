"""A reader's own weigh-ins, read from a CSV file or from text pasted from a spreadsheet.

Pure (no Streamlit). :func:`parse_csv` reads a CSV file or text pasted from a spreadsheet
(``parse_rows`` reads rows that are already split, e.g. from the page's table) into
:class:`WeighIns`. It finds the date and weight columns by their headers, or by their contents
when there is no header; reads ISO, day-first, month-first and month-name dates; and takes the
weight unit from the header or the cell when they name one. Rows it cannot use are skipped and
listed, each as a :class:`WeighInError` naming the row, the column and the reason; a file it
cannot use at all raises one.

The rest of the way lives beside it: the trend and the weekly rate in
:mod:`runners_face.weighin_trend`, what they mean in words in :mod:`runners_face.weighin_report`,
the chart in :mod:`runners_face.weighin_chart`, and the download in :mod:`runners_face.exports`.

Weights are kept in kilograms. Nothing here stores, logs or sends anything: the reader's numbers
only live in the values these functions return.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final, Literal, NamedTuple

from runners_face.units import KG_PER_LB, LB_PER_STONE, WEIGHT_BOUNDS_KG, Unit, format_weight, from_kg

DateOrder = Literal["auto", "dmy", "mdy"]
"""How to read dates such as 03/04/2026: decide from the data ("auto"), day first, month first."""
ReadOrder = Literal["iso", "dmy", "mdy"]
"""How the numeric dates of a file were read ("iso": there were none that needed an order)."""
OrderSource = Literal["none", "data", "given", "preference"]

MAX_UPLOAD_BYTES: Final = 1024 * 1024
"""The largest file read (1 MB, what Streamlit's ``max_upload_size=1`` lets through): about
40 years of daily weigh-ins."""
MAX_TEXT_CHARS: Final = MAX_UPLOAD_BYTES
MAX_ROWS: Final = 20_000
"""Rows read at most: about 55 years of one weigh-in a day."""
MAX_CELL_CHARS: Final = 200

WEIGHT_SLACK_KG: Final = 0.1
"""Weights outside the planner's bounds (:data:`runners_face.units.WEIGHT_BOUNDS_KG`) are taken
as typing mistakes, give or take this, so that 66 lb (29.9 kg), the bound as rounded in
messages, is accepted."""
STONES_BELOW: Final = 50.0
"""In stones, a plain number below this is stones (11.5 = 11½ st); from it up, pounds."""


class WeighInError(ValueError):
    """A weigh-in (or a whole file) that cannot be used, and why, in plain words.

    ``row`` is the row number as a spreadsheet shows it (the header, if any, is row 1) and
    ``column`` the column's header (or "date" / "weight" when there is none); both are None
    for a problem with the whole file. ``value`` is the cell's text, shortened, when it helps
    the reader find it, and ``dated`` the row's date as written, for a problem with its
    weight. ``code`` names the kind of problem for the caller.
    """

    def __init__(
        self,
        reason: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        dated: str | None = None,
        code: str = "bad_value",
    ) -> None:
        self.reason = reason
        self.row = row
        self.column = column
        self.value = value
        self.dated = dated
        self.code = code
        super().__init__(self.message)

    @property
    def where(self) -> str:
        """Where the problem is: "Row 7 (2026-01-05), column “Weight (kg)”", or "" for the file."""
        parts = []
        if self.row is not None:
            parts.append(f"Row {self.row} ({self.dated})" if self.dated else f"Row {self.row}")
        if self.column:
            parts.append(f"column “{self.column}”")
        return ", ".join(parts)

    @property
    def message(self) -> str:
        """The whole message: "Row 7, column “Weight”: “abc” is not a weight"."""
        what = f"“{self.value}” {self.reason}" if self.value else self.reason
        return f"{self.where}: {what}" if self.where else what


@dataclass(frozen=True)
class WeighIns:
    """Weigh-ins read from a file or a table.

    ``readings`` keeps every usable row, in the order read, as (date, kg), and
    ``date_texts`` each one's date as it was written; ``days`` and ``weights_kg`` give one
    value a day, the mean of that day's readings, in date order. ``problems`` lists the rows
    that were skipped.
    """

    readings: tuple[tuple[date, float], ...]
    unit: Unit
    date_order: ReadOrder = "iso"
    order_source: OrderSource = "none"
    problems: tuple[WeighInError, ...] = ()
    date_texts: tuple[str, ...] = ()
    days: tuple[date, ...] = field(init=False)
    weights_kg: tuple[float, ...] = field(init=False)
    counts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        sums: dict[date, list[float]] = {}
        for day, kg in self.readings:
            sums.setdefault(day, []).append(kg)
        ordered = sorted(sums)
        object.__setattr__(self, "days", tuple(ordered))
        object.__setattr__(self, "weights_kg", tuple(math.fsum(sums[d]) / len(sums[d]) for d in ordered))
        object.__setattr__(self, "counts", tuple(len(sums[d]) for d in ordered))

    @property
    def ambiguous_dates(self) -> bool:
        """True when day-first and month-first would both read every date: the order was
        chosen by the caller or its preference, and the reader should be able to change it."""
        return self.order_source in ("given", "preference")


# --- reading text --------------------------------------------------------------------


def decode_upload(data: bytes) -> str:
    """The text of an uploaded file, or a :class:`WeighInError` saying why there is none.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read;
    other bytes are read as Windows-1252, the usual encoding of a spreadsheet's CSV export.
    """
    if not data:
        raise WeighInError("The file is empty.", code="empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise WeighInError(
            f"The file is too big ({len(data) / 1024 / 1024:,.1f} MB). The most this page reads is 1 MB, "
            "about 40 years of daily weigh-ins.",
            code="too_big",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise WeighInError("This is not a text file. Save your weigh-ins as CSV.", code="not_text") from None
    if b"\x00" in data:
        raise WeighInError("This is not a text file. Save your weigh-ins as CSV.", code="not_text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _lines(text: str) -> list[str]:
    if not isinstance(text, str):
        raise WeighInError("This is not text.", code="not_text")
    if len(text) > MAX_TEXT_CHARS:
        raise WeighInError(
            f"The text is too long ({len(text):,} characters). The most this page reads is "
            f"{MAX_TEXT_CHARS:,}, about 40 years of daily weigh-ins.",
            code="too_big",
        )
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise WeighInError("This is not a text file. Save your weigh-ins as CSV.", code="not_text")
    lines = text.lstrip("\ufeff").splitlines()
    if not any(line.strip() for line in lines):
        raise WeighInError("There are no weigh-ins: the text is empty.", code="empty")
    if len(lines) > MAX_ROWS + 1:
        raise WeighInError(
            f"There are too many rows ({len(lines):,}). The most this page reads is {MAX_ROWS:,}, "
            "about 55 years of daily weigh-ins. Keep the most recent ones.",
            code="too_big",
        )
    return lines


def _sniff(lines: Sequence[str]) -> str | None:
    """The delimiter that splits most of the first lines into two or more cells; None when
    no delimiter does (cells separated by spaces)."""
    sample = [line for line in lines if line.strip() and not line.lstrip().startswith("#")][:50]
    best, best_count = None, 0
    for delimiter in ("\t", ";", ",", "|"):  # in order of preference when tied
        count = sum(1 for line in sample if len(_split(line, delimiter)) >= 2)
        if count > best_count:
            best, best_count = delimiter, count
    # A delimiter must split most lines: "Jan 7, 2026 180" has a comma but is not CSV.
    return best if best_count * 2 > len(sample) else None


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return [line]


_SPACED = re.compile(
    r"^\s*(?P<date>.*?\S)\s+(?P<weight>\d[\d.,]*(?:\s*(?:kg|kgs|lb|lbs|st)\b\.?)?)\s*$", re.IGNORECASE | re.ASCII
)
_STONES_SPACED = re.compile(
    r"^\s*(?P<date>.*?\S)\s+(?P<weight>\d{1,2}\s*(?:st|stone|stones)\b\.?\s*(?:\d{1,2}(?:[.,]\d+)?\s*(?:lb|lbs)?\.?)?)\s*$",
    re.IGNORECASE | re.ASCII,
)


_UNITS_COMMENT = re.compile(r"^#\s*units?\s*[:=]\s*(kg|kgs|lb|lbs|st)\s*[;,\t]*$", re.IGNORECASE)


def _split_spaced(line: str) -> list[str]:
    """A line typed as "2026-01-05 82.5" or "5 Jan 2026 11 st 2 lb": date, then weight."""
    match = _STONES_SPACED.match(line) or _SPACED.match(line)
    if match:
        return [match["date"], match["weight"]]
    # No weight at the end: the last word is taken as one, so "2026-01-05 abc" is named as a
    # weight that is not one (and "Dear diary" as a date that is not one).
    parts = line.strip().rsplit(None, 1)
    return parts if len(parts) == 2 else [line.strip()]


Row = tuple[int, list[str]]
"""A row as read: its number as a spreadsheet shows it (the first line is 1), and its cells."""


def parse_csv(
    text: str,
    units: Unit,
    *,
    date_order: DateOrder = "auto",
    prefer: Literal["dmy", "mdy"] | None = None,
    today: date | None = None,
) -> WeighIns:
    """Read weigh-ins from CSV text or text pasted from a spreadsheet.

    Cells may be separated by tabs, semicolons, commas or bars (or spaces, one date and one
    weight a line); lines starting with ``#`` are comments, except a header such as Libra's
    ``#date;weight;...``. The date and weight columns are found by header (``Date``,
    ``Weight (kg)``, ``weight_lb``, ...) or, with no header, by what the columns hold.

    Weights are in ``units`` unless the header or the cell names a unit (``kg``, ``lb``,
    ``st``); in stones, write ``11 st 4 lb``, or a plain number below 50 for decimal stones.
    Numeric dates (03/04/2026) are read in one order for the whole column, chosen as
    :func:`_date_order` says: the one the column itself proves (a 13th day), else the one
    that puts the dates closest together, else day first for dates written with dots
    (05.01.2026), else ``prefer`` (e.g. from the reader's locale), else a
    :class:`WeighInError` with code ``"ambiguous_dates"``. ``date_order`` forces an order.
    Dates after ``today`` (the caller's date, default the computer's) plus one day are
    rejected.

    Raises :class:`WeighInError` when nothing can be read (empty, not text, too big, no date
    or weight column, no usable row); otherwise skipped rows are in ``problems``.
    """
    lines = _lines(text)
    delimiter = _sniff(lines)
    rows, units = _split_rows(lines, delimiter, units)
    return _parse(rows, units, date_order, prefer, today, delimiter=delimiter)


def parse_rows(
    rows: Iterable[Sequence[object]],
    units: Unit,
    *,
    date_order: DateOrder = "auto",
    prefer: Literal["dmy", "mdy"] | None = None,
    today: date | None = None,
    names: tuple[str, str] = ("Date", "Weight"),
) -> WeighIns:
    """Read weigh-ins from rows already split into (date, weight) cells, e.g. the page's
    table, whose columns are called ``names`` in messages. Rows are numbered from 1; empty
    rows are skipped. Otherwise as :func:`parse_csv`."""
    table: list[Row] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise WeighInError(f"There are too many rows. The most this page reads is {MAX_ROWS:,}.", code="too_big")
        cells = ["" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell) for cell in row]
        if any(c.strip() for c in cells):
            table.append((number, cells[:2]))
    if not table:
        raise WeighInError("There are no weigh-ins yet.", code="empty")
    date_name, weight_name = names
    return _parse(table, units, date_order, prefer, today, columns=Columns(0, 1, date_name, weight_name, units))


def _split_rows(lines: Sequence[str], delimiter: str | None, units: Unit) -> tuple[list[Row], Unit]:
    """The lines as numbered rows of cells, blank lines and comments left out, and the unit of
    a bare number: ``units``, unless a ``#Units:kg`` line (Libra writes one above its header)
    names one."""
    rows: list[Row] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if match := _UNITS_COMMENT.match(stripped):
            units = _UNIT_WORDS[match[1].lower()]
            continue
        if stripped.startswith("#"):
            # A comment, unless it is a header written after a '#', as Libra does.
            cells = _split(stripped[1:], delimiter) if delimiter else stripped[1:].split()
            if rows or not _looks_like_header(cells):
                continue
            rows.append((number, cells))
            continue
        cells = _split(line, delimiter) if delimiter else _split_spaced(line)
        if delimiter and len(cells) < 2:
            cells = _split_spaced(line)  # a line typed with a space among lines pasted with tabs
        rows.append((number, cells))
    return rows, units


# --- columns -------------------------------------------------------------------------

_DATE_WORDS: Final = frozenset({"date", "day", "time", "datetime", "timestamp", "when", "datum", "fecha"})
_WEIGHT_WORDS: Final = frozenset({"weight", "weights", "mass", "gewicht", "poids", "peso", "bodyweight"})
_UNIT_WORDS: Final[dict[str, Unit]] = {
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "st": "st",
    "stone": "st",
    "stones": "st",
}
_NOT_WEIGHT: Final = frozenset(
    {"fat", "lean", "muscle", "bone", "water", "bmi", "goal", "target", "trend", "change", "diff", "delta"}
    | {"avg", "average", "min", "max", "percent", "pct", "visceral", "protein", "smoothed", "moving"}
)


def _words(header: str) -> list[str]:
    return re.findall(r"[a-z]+", header.lower())


def _looks_like_header(cells: Sequence[str]) -> bool:
    words = {w for cell in cells for w in _words(cell)}
    return bool(words & _DATE_WORDS) and bool(words & (_WEIGHT_WORDS | set(_UNIT_WORDS)))


def _is_weight_header(header: str) -> bool:
    words = set(_words(header))
    return bool(words & (_WEIGHT_WORDS | set(_UNIT_WORDS))) and not words & _NOT_WEIGHT and not words & _DATE_WORDS


def _header_unit(header: str) -> Unit | None:
    for word in _words(header):
        if word in _UNIT_WORDS:
            return _UNIT_WORDS[word]
    return None


# --- cells ---------------------------------------------------------------------------

_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = r"(?:(?:[t\s,]|\s+at\s+).*)?"  # cells are lower-cased first
_ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$", re.ASCII)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_NUMERIC = re.compile(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}}){_TIME}$", re.ASCII)
_DAY_NAME = re.compile(
    rf"^(?:[a-z]+\.?,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]+([a-z]{{3,9}})\.?,?[\s\-/.]+(\d{{4}}|\d{{2}}){_TIME}$",
    re.ASCII,
)
_NAME_DAY = re.compile(
    rf"^(?:[a-z]+\.?,?\s+)?([a-z]{{3,9}})\.?[\s\-/.]+(\d{{1,2}})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{{4}}|\d{{2}}){_TIME}$",
    re.ASCII,
)


class RawDate(NamedTuple):
    """A date as written. When ``certain``, ``first`` and ``second`` are the month and the
    day; otherwise they are the two numbers of a date such as 03/04/2026 in written order,
    and the column decides which is the day. ``dotted``: written with dots (05.01.2026)."""

    year: int
    first: int
    second: int
    certain: bool
    dotted: bool = False


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= today.year % 100 + 1 else 1900
    return year


def _clean(cell: str) -> str:
    return cell.replace("\u00a0", " ").replace("\u202f", " ").strip().strip("\"'").strip()


def _read_date(cell: str, today: date) -> RawDate | None:
    """The parts of a date (see :data:`RawDate`), or None when the cell is not a date."""
    text = _clean(cell).lower()
    if match := _ISO.match(text) or _COMPACT.match(text):
        return RawDate(int(match[1]), int(match[2]), int(match[3]), True)
    if match := _NUMERIC.match(text):
        return RawDate(_year(match[3], today), int(match[1]), int(match[2]), False, "." in text[:6])
    if (match := _DAY_NAME.match(text)) and match[2] in _MONTHS:
        return RawDate(_year(match[3], today), _MONTHS[match[2]], int(match[1]), True)
    if (match := _NAME_DAY.match(text)) and match[1] in _MONTHS:
        return RawDate(_year(match[3], today), _MONTHS[match[1]], int(match[2]), True)
    return None


def _to_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_NUMBER = r"\d{1,4}(?:[.,]\d{1,4})?"
_PLAIN = re.compile(rf"^({_NUMBER})\s*(kg|kgs|kilos?|kilograms?|lb|lbs|pounds?|st|stones?)?\.?$", re.ASCII)
_STONES = re.compile(
    r"^(\d{1,2})\s*(?:st|stones?)\.?\s*(?:(\d{1,2}(?:[.,]\d{1,3})?)\s*(?:lb|lbs|pounds?)?\.?)?$", re.ASCII
)


def _read_weight(cell: str, unit: Unit) -> float | None:
    """The weight in kg, or None when the cell is not a weight. ``unit`` applies to a bare
    number; a unit written in the cell wins."""
    text = re.sub(r"\s+", " ", _clean(cell).lower())
    if match := _STONES.match(text):
        pounds = float((match[2] or "0").replace(",", "."))
        if pounds >= LB_PER_STONE:
            return None
        return (int(match[1]) * LB_PER_STONE + pounds) * KG_PER_LB
    match = _PLAIN.match(text)
    if not match:
        return None
    value = float(match[1].replace(",", "."))
    written = _UNIT_WORDS.get(match[2]) if match[2] else None
    used = written or unit
    if used == "kg":
        return value
    if used == "st" and (written == "st" or value < STONES_BELOW):
        return value * LB_PER_STONE * KG_PER_LB
    return value * KG_PER_LB


def weight_kg(cell: str, unit: Unit) -> float | None:
    """One cell read as a weight in kg (``unit`` for a bare number; see :func:`parse_csv`), or
    None when it is not a weight. The range is not checked. "11 st 4 lb" -> 71.7."""
    return _read_weight(cell, unit)


def _shown(cell: str) -> str:
    """A cell's text, made safe and short enough to quote in a message."""
    text = _CONTROL.sub("", cell).replace("\n", " ").strip()
    return text if len(text) <= 24 else text[:23] + "…"


# --- the table -----------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """Where a table's dates and weights are, and how to read them.

    ``date`` and ``weight`` are the columns' indexes in a row; ``date_name`` and
    ``weight_name`` what messages call them (the header's text, or "date" and "weight" when
    there is none); ``unit`` the unit of a bare number; ``header`` whether the first row is a
    header rather than a weigh-in.
    """

    date: int
    weight: int
    date_name: str
    weight_name: str
    unit: Unit
    header: bool = False


class _Reading(NamedTuple):
    """A row whose date and weight both read: the order of a numeric date is not known yet."""

    row: int
    when: RawDate
    kg: float
    date_text: str


def _parse(
    rows: list[Row],
    units: Unit,
    date_order: DateOrder,
    prefer: Literal["dmy", "mdy"] | None,
    today: date | None,
    *,
    delimiter: str | None = None,
    columns: Columns | None = None,
) -> WeighIns:
    """The weigh-ins in ``rows``, step by step: find the columns (unless ``columns`` are given),
    read each row's date and weight, choose the order of the numeric dates for the whole
    column, and put each reading on its day. Rows that cannot be used are kept as problems."""
    if units not in ("lb", "kg", "st"):
        raise ValueError(f"units must be 'lb', 'kg' or 'st', not {units!r}")
    today = today or date.today()
    if not rows:
        raise WeighInError("There are no weigh-ins: the text is empty.", code="empty")
    if columns is None:
        columns = _find_columns(rows, units, today)
        rows = _data_rows(rows, columns, delimiter)
    if not rows:
        raise WeighInError("There are no weigh-ins below the header.", code="empty")
    found, problems = _read_cells(rows, columns, today)
    order, source = _date_order([reading.when for reading in found], date_order, prefer, today)
    if order is None:
        raise WeighInError(
            "Dates like 03/04/2026 could be read day first or month first, and the dates do not say which. "
            "Choose how to read them.",
            row=next(reading.row for reading in found if not reading.when.certain),
            column=columns.date_name,
            code="ambiguous_dates",
        )
    readings, texts, misdated = _place_on_days(found, order, today, columns.date_name)
    problems = sorted([*problems, *misdated], key=lambda p: p.row or 0)
    if not readings:
        raise _nothing_read(problems)
    read_order: ReadOrder = order if source != "none" else "iso"
    return WeighIns(readings, columns.unit, read_order, source, tuple(problems), texts)


def _find_columns(rows: Sequence[Row], units: Unit, today: date) -> Columns:
    """The date and weight columns. When the first row is a header (no cell of it reads as a
    date or a weight), by its words: a column that says "weight" before one that only names a
    unit. Otherwise, or for a column the header does not name, by what the first 200 rows hold:
    the column where most cells (at least half) read as dates, then as weights; the leftmost
    when tied."""
    first = rows[0][1]
    has_header = not any(_read_date(c, today) or _read_weight(c, "kg") is not None for c in first if c.strip())
    data = rows[1:] if has_header else rows
    width = max((len(cells) for _, cells in data[:200]), default=0)
    sample = [cells for _, cells in data[:200]]

    def share(column: int, test: str) -> float:
        values = [cells[column] for cells in sample if column < len(cells) and cells[column].strip()]
        if not values:
            return 0.0
        if test == "date":
            return sum(1 for v in values if _read_date(v, today)) / len(values)
        return sum(1 for v in values if _read_weight(v, units) is not None) / len(values)

    def best(test: str, other: int) -> int:
        """The column (not ``other``) where most cells, at least half, pass ``test``; -1 if none."""
        best_share, minus_column = max(((share(i, test), -i) for i in range(width) if i != other), default=(0.0, 0))
        return -minus_column if best_share >= 0.5 else -1

    date_col = weight_col = -1
    if has_header:
        headers = [_clean(h) for h in first]
        date_col = next((i for i, h in enumerate(headers) if set(_words(h)) & _DATE_WORDS), -1)
        weights = [i for i, h in enumerate(headers) if i != date_col and _is_weight_header(h)]
        # Prefer a column that says "weight" over one that only names a unit.
        named = [i for i in weights if set(_words(headers[i])) & _WEIGHT_WORDS]
        weight_col = (named or weights or [-1])[0]
    if date_col < 0:
        date_col = best("date", weight_col)
    if date_col < 0:
        raise WeighInError(
            "There is no column of dates. Put the dates in the first column (e.g. 2026-01-05).",
            code="no_date_column",
        )
    if weight_col < 0:
        weight_col = best("weight", date_col)
    if weight_col < 0:
        raise WeighInError(
            "There is no column of weights. Put each weight beside its date (e.g. 2026-01-05, 82.5).",
            code="no_weight_column",
        )
    if not has_header:
        return Columns(date_col, weight_col, "date", "weight", units)
    # A header may have fewer cells than the rows (columns found by their contents).
    date_header = first[date_col] if date_col < len(first) else ""
    weight_header = first[weight_col] if weight_col < len(first) else ""
    return Columns(
        date_col,
        weight_col,
        _shown(date_header) or "date",
        _shown(weight_header) or "weight",
        _header_unit(weight_header) or units,
        header=True,
    )


def _data_rows(rows: list[Row], columns: Columns, delimiter: str | None) -> list[Row]:
    """The rows below the header, with each weight that a comma split at its decimal comma
    joined again (see :func:`_decimal_comma_split`)."""
    data = rows[1:] if columns.header else rows
    at = columns.weight
    if delimiter == "," and not columns.header and _decimal_comma_split(data, columns.date, at):
        data = [(n, [*cells[:at], f"{cells[at]}.{cells[at + 1]}"]) for n, cells in data]
    return data


def _decimal_comma_split(rows: Sequence[Row], date_col: int, weight_col: int) -> bool:
    """True for comma-separated rows such as ``2026-01-05,82,5``: a decimal comma that the
    comma split in two (every row then has a one-digit cell right after the weight; a
    two-digit one is more likely a body-fat figure)."""
    extra = weight_col + 1
    if date_col > weight_col or any(len(cells) != extra + 1 for _, cells in rows):
        return False
    return all(
        re.fullmatch(r"\d{2,3}", cells[weight_col].strip()) and re.fullmatch(r"\d", cells[extra].strip())
        for _, cells in rows
    )


def _read_cells(rows: Sequence[Row], columns: Columns, today: date) -> tuple[list[_Reading], list[WeighInError]]:
    """Each row's date and weight, read (see :func:`_read_row`), and the rows skipped, each
    with its reason."""
    found: list[_Reading] = []
    problems: list[WeighInError] = []
    for number, cells in rows:
        result = _read_row(number, cells, columns, today)
        if isinstance(result, WeighInError):
            problems.append(result)
        elif result is not None:
            found.append(result)
    return found, problems


def _read_row(number: int, cells: Sequence[str], columns: Columns, today: date) -> _Reading | WeighInError | None:
    """One row's date and weight, the reason it cannot be used, or None for a blank row. The
    weight must be within the planner's bounds (give or take :data:`WEIGHT_SLACK_KG`)."""
    date_text = cells[columns.date] if columns.date < len(cells) else ""
    weight_text = cells[columns.weight] if columns.weight < len(cells) else ""
    if not date_text.strip() and not weight_text.strip():
        return None
    if len(date_text) > MAX_CELL_CHARS or len(weight_text) > MAX_CELL_CHARS:
        return WeighInError("the cell is too long to be a date or a weight", row=number)
    if not date_text.strip():
        return WeighInError("there is no date", row=number, column=columns.date_name)
    when = _read_date(date_text, today)
    if when is None:
        return WeighInError("is not a date", row=number, column=columns.date_name, value=_shown(date_text))
    dated = _shown(date_text)
    if not weight_text.strip():
        return WeighInError("there is no weight", row=number, column=columns.weight_name, dated=dated)
    kg = _read_weight(weight_text, columns.unit)
    if kg is None:
        return WeighInError(
            "is not a weight", row=number, column=columns.weight_name, value=_shown(weight_text), dated=dated
        )
    low_kg, high_kg = WEIGHT_BOUNDS_KG[0] - WEIGHT_SLACK_KG, WEIGHT_BOUNDS_KG[1] + WEIGHT_SLACK_KG
    if not low_kg <= kg <= high_kg:
        return WeighInError(
            f"is not a possible adult weight (this page reads {_range_text(columns.unit)})",
            row=number,
            column=columns.weight_name,
            value=_shown(weight_text),
            dated=dated,
            code="impossible_weight",
        )
    return _Reading(number, when, kg, date_text)


def _place_on_days(
    found: Sequence[_Reading], order: ReadOrder, today: date, date_name: str
) -> tuple[tuple[tuple[date, float], ...], tuple[str, ...], list[WeighInError]]:
    """Each reading on its day, its numeric date read in ``order``: the (date, kg) readings,
    their dates as written, and the rows skipped because the date is not a real one in that
    order, is before 1900, or is after tomorrow (a reader east of the server may already be in
    tomorrow)."""
    latest = today + timedelta(days=1)
    readings: list[tuple[date, float]] = []
    texts: list[str] = []
    problems: list[WeighInError] = []
    for number, when, kg, date_text in found:
        day = _resolve(when, order)
        if day is not None and day.year >= 1900 and day <= latest:
            readings.append((day, kg))
            texts.append(_clean(date_text))
            continue
        text = _shown(date_text)
        if day is None:
            problems.append(WeighInError("is not a real date", row=number, column=date_name, value=text))
        elif day.year < 1900:
            problems.append(WeighInError("is too long ago", row=number, column=date_name, value=text))
        else:
            problems.append(
                WeighInError("is in the future", row=number, column=date_name, value=text, code="future_date")
            )
    return tuple(readings), tuple(texts), problems


def _nothing_read(problems: Sequence[WeighInError]) -> WeighInError:
    """The error for a table none of whose rows could be read: it names the first problem."""
    if not problems:
        return WeighInError("None of the rows could be read.", code="no_rows")
    first = problems[0]
    what = f"“{first.value}” {first.reason}" if first.value else first.reason
    return WeighInError(
        f"none of the rows could be read; the first problem is here: {what}",
        row=first.row,
        column=first.column,
        dated=first.dated,
        code="no_rows",
    )


def _range_text(unit: Unit) -> str:
    low, high = WEIGHT_BOUNDS_KG
    if unit == "kg":
        return f"{low:g} to {high:g} kg"
    return f"{low / KG_PER_LB:.0f} to {high / KG_PER_LB:.0f} lb"


def _resolve(when: RawDate, order: ReadOrder) -> date | None:
    year, first, second, certain, _ = when
    if certain or order != "dmy":
        return _to_date(year, first, second)
    return _to_date(year, second, first)


def _date_order(
    dates: Sequence[RawDate],
    given: DateOrder,
    prefer: Literal["dmy", "mdy"] | None,
    today: date,
) -> tuple[ReadOrder | None, OrderSource]:
    """The order in which to read the column's numeric dates (03/04/2026), and what decided it.

    One order serves the whole column: a file's dates are written one way, so the dates that
    show the order decide it for those that cannot. The rule, first match wins:

    1. No numeric date (ISO, 20260105, month names: all say which is the month): ``"iso"``,
       decided by nothing (``"none"``).
    2. The caller gave an order (the reader chose one): that order, ``"given"``.
    3. The column proves it: a first number over 12 (13/04/2026) proves day first, a second
       one over 12 (04/13/2026) month first. The order more dates prove wins (day first when
       tied), ``"data"``; the dates that contradict it become "not a real date" when they are
       placed on their days.
    4. Every date reads the same either way (05/05/2026): day first, ``"data"``.
    5. The order that puts the dates closest together (the shorter span from the first to the
       last), ``"data"``: a reader's weigh-ins are days apart, not months. An order that makes
       an impossible date or one after tomorrow is out.
    6. Neither order is better. Dates written with dots (05.01.2026) are day first wherever
       dots are used: day first, ``"preference"``.
    7. ``prefer`` (the caller's guess, e.g. from the reader's locale): that, ``"preference"``.
    8. Otherwise ``None``: the caller must ask the reader (``parse_csv`` raises a
       :class:`WeighInError` with code ``"ambiguous_dates"``).

    :attr:`WeighIns.ambiguous_dates` is true after 2, 6 and 7 (``"given"`` and
    ``"preference"``): the dates alone did not decide, so the page lets the reader change it.
    """
    numeric = [(d.first, d.second, d.year) for d in dates if not d.certain]
    if not numeric:
        return "iso", "none"
    if given != "auto":
        return given, "given"
    day_first = sum(1 for a, b, _ in numeric if a > 12 >= b)
    month_first = sum(1 for a, b, _ in numeric if b > 12 >= a)
    if day_first or month_first:
        # The column proves its order; rows that contradict it become "not a real date".
        return ("dmy" if day_first >= month_first else "mdy"), "data"
    if all(a == b for a, b, _ in numeric):
        return "dmy", "data"  # 05/05/2026 reads the same either way

    def spread(order: ReadOrder) -> float:
        days = [_resolve(RawDate(y, a, b, False), order) for a, b, y in numeric]
        real = [d for d in days if d is not None]
        if len(real) < len(days) or any(d > today + timedelta(days=1) for d in real):
            return math.inf  # an order that makes impossible or future dates is wrong
        return float((max(real) - min(real)).days)

    dmy, mdy = spread("dmy"), spread("mdy")
    if dmy != mdy:
        return ("dmy" if dmy < mdy else "mdy"), "data"
    if all(d.dotted for d in dates if not d.certain):
        return "dmy", "preference"  # 05.01.2026 is day first wherever dots are used
    if prefer is not None:
        return prefer, "preference"
    return None, "none"


# --- writing weigh-ins as text ------------------------------------------------------------


def weight_text(kg: float, unit: Unit) -> str:
    """A weight as the page writes it in a weigh-in line: "182.4" (lb or kg, as the reader's
    units say), "13 st 0.4 lb"; :func:`parse_csv` reads it back in ``unit``."""
    if unit == "st":
        return format_weight(from_kg(kg, unit), unit)
    return f"{from_kg(kg, unit):.1f}"


def weigh_in_lines(readings: Iterable[tuple[date, float]], unit: Unit) -> str:
    """Weigh-ins as the page's text box holds them: one "2026-11-30 182.4" a line, in date
    order (the same day's in the order given), which :func:`parse_csv` reads back."""
    ordered = sorted(readings, key=lambda reading: reading[0])
    return "".join(f"{day.isoformat()} {weight_text(kg, unit)}\n" for day, kg in ordered)


def convert_text(text: str, old: Unit, new: Unit) -> str:
    """Weigh-in lines with each bare weight rewritten from ``old`` units into ``new`` ones (a
    weight that names its unit, and every line that is not a date and a weight, stay as typed),
    so that a change of the planner's units does not change what the numbers mean."""
    if old == new:
        return text
    lines = text.splitlines(keepends=True)
    bodies = [line.rstrip("\r\n") for line in lines]
    delimiter = _sniff(bodies) if lines else None
    first = next((body.strip().lstrip("#") for body in bodies if body.strip()), "")
    first_cells = _split(first, delimiter) if delimiter else first.split()
    if _looks_like_header(first_cells) or any(_UNITS_COMMENT.match(body.strip()) for body in bodies):
        return text  # a header or a "#Units" line says what the numbers are in
    out = []
    for line in lines:
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        cells = _split(body, delimiter) if delimiter else _split_spaced(body)
        if delimiter and len(cells) < 2:
            cells, delimiter_used = _split_spaced(body), " "
        else:
            delimiter_used = delimiter or " "
        bare = len(cells) == 2 and _PLAIN.match(_clean(cells[1]).lower()) and not re.search(r"[a-z]", cells[1].lower())
        kg = _read_weight(cells[1], old) if bare else None
        if kg is None:
            out.append(line)
            continue
        out.append(f"{cells[0]}{delimiter_used}{weight_text(kg, new)}{end}")
    return "".join(out)
