"""A reader's own weigh-ins: read them, smooth them, and measure the weekly pace.

Pure (no Streamlit). Three steps, each usable on its own:

- :func:`parse_csv` reads a CSV file or text pasted from a spreadsheet (``parse_rows`` reads
  rows that are already split, e.g. from the page's table). It finds the date and weight
  columns by their headers, or by their contents when there is no header; reads ISO,
  day-first, month-first and month-name dates; and takes the weight unit from the header or
  the cell when they name one. Rows it cannot use are skipped and listed, each as a
  :class:`WeighInError` naming the row, the column and the reason; a file it cannot use at
  all raises one.
- :func:`trend` smooths the daily weights as The Hacker's Diet does and fits the weekly rate
  of change, with a 90 % interval, over the last four weeks.

What the rate means, in words, is :mod:`runners_face.weighin_report`'s.

Weights are kept in kilograms; rates are in kilograms a week, negative when losing.
Nothing here stores, logs or sends anything: the reader's numbers only live in the values
these functions return.
"""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Final, Literal, NamedTuple

from runners_face.units import KG_PER_LB, LB_PER_STONE, Unit

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

WEIGHT_RANGE_KG: Final = (30.0, 320.0)
"""Weights outside this range are taken as typing mistakes (the planner's own bounds)..."""
WEIGHT_SLACK_KG: Final = 0.1
"""...give or take this, so that 66 lb (29.9 kg), the bound as rounded in messages, is accepted."""
STONES_BELOW: Final = 50.0
"""In stones, a plain number below this is stones (11.5 = 11½ st); from it up, pounds."""

SMOOTHING: Final = 0.1
"""The Hacker's Diet: each day the trend moves 10 % of the way to that day's weight."""
WINDOW_DAYS: Final = 28
MIN_WEIGH_INS: Final = 7
MIN_DAYS: Final = 14
WEIGH_INS_NEEDED: Final = f"at least {MIN_WEIGH_INS} weigh-ins spread over {MIN_DAYS} days or more"
"""What the pace needs, in words: the weigh-ins section and the calendar's reminder both say it."""
INTERVAL: Final = 0.90
Z_95: Final = 1.6448536269514722
"""The standard normal's 95th percentile: a two-sided 90 % interval."""
GROSS_ERROR_KG: Final = 3.0
GROSS_ERROR_SHARE: Final = 0.03
"""A weigh-in this far from the median of the weigh-ins within a week either side of it
(3 kg, or 3 % of that median if more) is taken as a typing or scale mistake: readings within
one week usually span 1-2 kg (about 0.5 kg from one morning to the next; see
tests/unit/test_weighins_calibration.py for the size assumed there)."""


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
    return [line.strip()]


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
    Numeric dates (03/04/2026) are read in one order for the whole column: the one the
    column itself proves (a 13th day), else the one that puts the dates closest together,
    else day first for dates written with dots (05.01.2026), else ``prefer`` (e.g. from the
    reader's locale), else a :class:`WeighInError` with code
    ``"ambiguous_dates"``. ``date_order`` forces an order. Dates after ``today`` (the
    caller's date, default the computer's) plus one day are rejected.

    Raises :class:`WeighInError` when nothing can be read (empty, not text, too big, no date
    or weight column, no usable row); otherwise skipped rows are in ``problems``.
    """
    lines = _lines(text)
    delimiter = _sniff(lines)
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if match := _UNITS_COMMENT.match(stripped):
            units = _UNIT_WORDS[match[1].lower()]  # Libra writes "#Units:kg" above its header
            continue
        if stripped.startswith("#"):
            # A comment, unless it is a header written after a '#', as Libra does.
            cells = _split(stripped[1:], delimiter) if delimiter else stripped[1:].split()
            if rows or not _looks_like_header(cells):
                continue
            rows.append((number, cells))
            continue
        cells = _split(line, delimiter) if delimiter else _split_spaced(line)
        rows.append((number, cells))
    return _parse(rows, units, date_order, prefer, today, delimiter)


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
    table: list[tuple[int, list[str]]] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise WeighInError(f"There are too many rows. The most this page reads is {MAX_ROWS:,}.", code="too_big")
        cells = ["" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell) for cell in row]
        if any(c.strip() for c in cells):
            table.append((number, cells[:2]))
    if not table:
        raise WeighInError("There are no weigh-ins yet.", code="empty")
    return _parse(table, units, date_order, prefer, today, None, columns=(0, 1), names=names)


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


def _find_columns(
    rows: Sequence[tuple[int, list[str]]], units: Unit, today: date
) -> tuple[bool, int, int, str, str, Unit]:
    """(has header, date column, weight column, their names, the unit of bare numbers)."""
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

    date_col = weight_col = -1
    if has_header:
        headers = [_clean(h) for h in first]
        date_col = next((i for i, h in enumerate(headers) if set(_words(h)) & _DATE_WORDS), -1)
        weights = [i for i, h in enumerate(headers) if i != date_col and _is_weight_header(h)]
        # Prefer a column that says "weight" over one that only names a unit.
        named = [i for i in weights if set(_words(headers[i])) & _WEIGHT_WORDS]
        weight_col = (named or weights or [-1])[0]
    if date_col < 0:
        shares = [(share(i, "date"), -i) for i in range(width) if i != weight_col]
        best = max(shares, default=(0.0, 0))
        date_col = -best[1] if best[0] >= 0.5 else -1
    if date_col < 0:
        raise WeighInError(
            "There is no column of dates. Put the dates in the first column (e.g. 2026-01-05).",
            code="no_date_column",
        )
    if weight_col < 0:
        shares = [(share(i, "weight"), -i) for i in range(width) if i != date_col]
        best = max(shares, default=(0.0, 0))
        weight_col = -best[1] if best[0] >= 0.5 else -1
    if weight_col < 0:
        raise WeighInError(
            "There is no column of weights. Put each weight beside its date (e.g. 2026-01-05, 82.5).",
            code="no_weight_column",
        )
    if has_header:
        # A header may have fewer cells than the rows (columns found by their contents).
        date_header = first[date_col] if date_col < len(first) else ""
        weight_header = first[weight_col] if weight_col < len(first) else ""
        date_name, weight_name = _shown(date_header) or "date", _shown(weight_header) or "weight"
        unit = _header_unit(weight_header) or units
    else:
        date_name, weight_name, unit = "date", "weight", units
    return has_header, date_col, weight_col, date_name, weight_name, unit


def _decimal_comma_split(rows: Sequence[tuple[int, list[str]]], date_col: int, weight_col: int) -> bool:
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


def _parse(
    rows: list[tuple[int, list[str]]],
    units: Unit,
    date_order: DateOrder,
    prefer: Literal["dmy", "mdy"] | None,
    today: date | None,
    delimiter: str | None,
    *,
    columns: tuple[int, int] | None = None,
    names: tuple[str, str] = ("date", "weight"),
) -> WeighIns:
    if units not in ("lb", "kg", "st"):
        raise ValueError(f"units must be 'lb', 'kg' or 'st', not {units!r}")
    today = today or date.today()
    if not rows:
        raise WeighInError("There are no weigh-ins: the text is empty.", code="empty")
    if columns is None:
        has_header, date_col, weight_col, date_name, weight_name, unit = _find_columns(rows, units, today)
        data = rows[1:] if has_header else rows
        if delimiter == "," and not has_header and _decimal_comma_split(data, date_col, weight_col):
            data = [(n, [*cells[:weight_col], f"{cells[weight_col]}.{cells[weight_col + 1]}"]) for n, cells in data]
    else:
        (date_col, weight_col), (date_name, weight_name), unit, data = columns, names, units, rows
    if not data:
        raise WeighInError("There are no weigh-ins below the header.", code="empty")

    problems: list[WeighInError] = []
    found: list[tuple[int, RawDate, float, str]] = []
    low_kg, high_kg = WEIGHT_RANGE_KG[0] - WEIGHT_SLACK_KG, WEIGHT_RANGE_KG[1] + WEIGHT_SLACK_KG
    for number, cells in data:
        date_text = cells[date_col] if date_col < len(cells) else ""
        weight_text = cells[weight_col] if weight_col < len(cells) else ""
        if not date_text.strip() and not weight_text.strip():
            continue
        if len(date_text) > MAX_CELL_CHARS or len(weight_text) > MAX_CELL_CHARS:
            problems.append(WeighInError("the cell is too long to be a date or a weight", row=number))
            continue
        if not date_text.strip():
            problems.append(WeighInError("there is no date", row=number, column=date_name))
            continue
        when = _read_date(date_text, today)
        if when is None:
            problems.append(WeighInError("is not a date", row=number, column=date_name, value=_shown(date_text)))
            continue
        dated = _shown(date_text)
        if not weight_text.strip():
            problems.append(WeighInError("there is no weight", row=number, column=weight_name, dated=dated))
            continue
        kg = _read_weight(weight_text, unit)
        if kg is None:
            problems.append(
                WeighInError("is not a weight", row=number, column=weight_name, value=_shown(weight_text), dated=dated)
            )
            continue
        if not low_kg <= kg <= high_kg:
            problems.append(
                WeighInError(
                    f"is not a possible adult weight (this page reads {_range_text(unit)})",
                    row=number,
                    column=weight_name,
                    value=_shown(weight_text),
                    dated=dated,
                    code="impossible_weight",
                )
            )
            continue
        found.append((number, when, kg, date_text))

    order, source = _date_order([w for _, w, _, _ in found], date_order, prefer, today)
    if order is None:
        first_ambiguous = next(n for n, w, _, _ in found if not w.certain)
        raise WeighInError(
            "Dates like 03/04/2026 could be read day first or month first, and the dates do not say which. "
            "Choose how to read them.",
            row=first_ambiguous,
            column=date_name,
            code="ambiguous_dates",
        )
    latest = today + timedelta(days=1)  # a reader east of the server may already be in tomorrow
    readings: list[tuple[date, float]] = []
    texts: list[str] = []
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
    problems.sort(key=lambda p: p.row or 0)
    if not readings:
        if problems:
            first = problems[0]
            what = f"“{first.value}” {first.reason}" if first.value else first.reason
            raise WeighInError(
                f"none of the rows could be read; the first problem is here: {what}",
                row=first.row,
                column=first.column,
                dated=first.dated,
                code="no_rows",
            )
        raise WeighInError("None of the rows could be read.", code="no_rows")
    read_order: ReadOrder = order if source != "none" else "iso"
    return WeighIns(tuple(readings), unit, read_order, source, tuple(problems), tuple(texts))


def _range_text(unit: Unit) -> str:
    low, high = WEIGHT_RANGE_KG
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
    """The order for the column's numeric dates, and what decided it."""
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


# --- the trend -----------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """The smoothed trend and the weekly rate of change.

    ``smoothed[i]`` is the trend on ``first_day + i`` days (kg). The rate is over the last
    ``window_days`` days that end on the last weigh-in: ``rate_kg_per_week`` is the change
    a week (negative when losing) and ``rate_low`` / ``rate_high`` its 90 % interval; all
    three are None when there is too little data (``enough`` False, ``reason`` says why).
    ``days`` is how many calendar days the window's weigh-ins span, ``n`` how many days in
    it have a weigh-in. ``level_kg`` is the fitted weight on the last day; ``swing_kg`` the
    band, relative to the trend, that holds about 9 in 10 weigh-ins (None with too little
    data). ``left_out`` lists days whose weigh-in was too far from its neighbours to use.
    """

    first_day: date | None
    smoothed: tuple[float, ...]
    window_days: int
    days: int
    n: int
    enough: bool
    reason: str
    rate_kg_per_week: float | None = None
    rate_low: float | None = None
    rate_high: float | None = None
    level_kg: float | None = None
    swing_kg: tuple[float, float] | None = None
    left_out: tuple[date, ...] = ()

    @property
    def last_day(self) -> date | None:
        if self.first_day is None:
            return None
        return self.first_day + timedelta(days=len(self.smoothed) - 1)


def smooth(days: Sequence[date], weights_kg: Sequence[float]) -> tuple[float, ...]:
    """The Hacker's Diet trend, one value a day from the first weigh-in to the last.

    Equation (Walker, *The Hacker's Diet*, 1991, chapter "Signal and Noise"; the same in
    his Hacker's Diet Online, ``monthlog.pm``)::

        T[0] = W[0]
        T[d] = T[d-1] + 0.1 * (W[d] - T[d-1])

    Days without a weigh-in: The Hacker's Diet Online leaves the trend where it was on such
    a day, so after a gap the trend is late by the whole gap. Here a missing day's weight
    is taken on the straight line between the weigh-ins either side, as TrendWeight does
    (Walter, "The Math Behind TrendWeight"), so the trend moves every day.

    Worked example: 80.0 kg on day 0, 79.0 on day 1, nothing on day 2, 78.0 on day 3. Day 2
    gets 78.5 (halfway). T = 80.0; 80.0 + 0.1 * (79.0 - 80.0) = 79.9;
    79.9 + 0.1 * (78.5 - 79.9) = 79.76; 79.76 + 0.1 * (78.0 - 79.76) = 79.584.
    """
    if not days:
        return ()
    first = days[0]
    filled: list[float] = []
    for i, (day, kg) in enumerate(zip(days, weights_kg, strict=True)):
        if i:
            gap = (day - days[i - 1]).days
            previous = weights_kg[i - 1]
            filled.extend(previous + (kg - previous) * step / gap for step in range(1, gap))
        filled.append(kg)
    assert len(filled) == (days[-1] - first).days + 1
    trend = [filled[0]]
    for value in filled[1:]:
        trend.append(trend[-1] + SMOOTHING * (value - trend[-1]))
    return tuple(trend)


def _gross_errors(days: Sequence[date], weights_kg: Sequence[float]) -> set[int]:
    """Indexes of weigh-ins far from the median of the others within 7 days (see GROSS_ERROR_KG)."""
    ordinals = [d.toordinal() for d in days]
    count = len(ordinals)
    flagged: set[int] = set()
    lo = hi = 0
    for i, day in enumerate(ordinals):
        while day - ordinals[lo] > 7:
            lo += 1
        while hi + 1 < count and ordinals[hi + 1] - day <= 7:
            hi += 1
        if hi - lo >= 3:  # at least three neighbours
            neighbours = [*weights_kg[lo:i], *weights_kg[i + 1 : hi + 1]]
            middle = statistics.median(neighbours)
            if abs(weights_kg[i] - middle) > max(GROSS_ERROR_KG, GROSS_ERROR_SHARE * middle):
                flagged.add(i)
    return flagged


def t_quantile_95(df: float) -> float:
    """The 95th percentile of Student's t with ``df`` (> 0, not necessarily whole) degrees of
    freedom: the multiplier of a two-sided 90 % interval. E.g. df 5 -> 2.015, df 26 -> 1.706
    (any t table). Newton's method on the distribution function, integrated by Simpson's rule."""
    if not df > 0:
        raise ValueError("degrees of freedom must be positive")
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)

    def density(t: float) -> float:
        return math.exp(log_c - (df + 1) / 2 * math.log1p(t * t / df))

    z = Z_95
    q = z + (z**3 + z) / (4 * df)  # Cornish-Fisher start
    steps = 256
    for _ in range(50):
        h = q / steps
        total = density(0.0) + density(q) + sum((4 if k % 2 else 2) * density(k * h) for k in range(1, steps))
        area = total * h / 3  # P(0 < T < q)
        change = (area - INTERVAL / 2) / density(q)
        q -= change
        if abs(change) < 1e-10:
            break
    return q


def trend(weighins: WeighIns, window_days: int = WINDOW_DAYS) -> Trend:
    """The smoothed trend (see :func:`smooth`) and the weekly rate with a 90 % interval.

    The rate is the slope of a least-squares line through the daily weights (not the
    smoothed trend, whose days are strongly correlated) of the last ``window_days`` days.
    Day-to-day swings are themselves a little correlated (water kept for a day or two), so
    the interval widens with the lag-1 autocorrelation ``r`` of the residuals, counting
    ``n_e = n (1 - r) / (1 + r)`` independent days, as Santer et al. do for temperature
    trends (J. Geophys. Res. 105, 7337, 2000)::

        s^2   = sum(residual^2) / (n_e - 2)
        se    = s / sqrt(sum((x - mean(x))^2))
        rate  = 7 * slope,   interval = 7 * (slope -/+ t(0.95, n_e - 2) * se)

    ``r`` is taken from pairs of consecutive days (0 with fewer than 5 pairs) and kept within
    0..0.8, so a negative ``r`` never narrows the interval; ``n_e`` is at least 3, and the t
    quantile takes its fractional degrees of freedom. In seeded simulations of 28 daily
    weigh-ins (tests/unit/test_weighins_calibration.py) the interval holds the true rate
    about 9 times in 10, with and without correlated swings.

    Fewer than 7 weigh-ins, or fewer than 14 days from the window's first weigh-in to its
    last (counting both), is "too little data": a result, not an error. Weigh-ins far from
    their neighbours (see :data:`GROSS_ERROR_KG`) are left out of both trend and rate.
    """
    all_days, all_weights = weighins.days, weighins.weights_kg
    far = _gross_errors(all_days, all_weights)
    days = [d for i, d in enumerate(all_days) if i not in far]
    weights = [w for i, w in enumerate(all_weights) if i not in far]
    left_out = tuple(all_days[i] for i in sorted(far))
    if not days:
        return Trend(None, (), window_days, 0, 0, False, "There are no weigh-ins yet.", left_out=left_out)
    smoothed = smooth(days, weights)
    last = days[-1]
    start = last - timedelta(days=window_days - 1)
    window = [(float((d - last).days), w, smoothed[(d - days[0]).days]) for d, w in zip(days, weights, strict=True)]
    window = [item for item in window if item[0] >= (start - last).days]
    n = len(window)
    span = int(-window[0][0]) + 1
    base = Trend(days[0], smoothed, window_days, span, n, False, "", left_out=left_out)
    if n < MIN_WEIGH_INS or span < MIN_DAYS:
        reason = (
            f"{n} weigh-in{'s' if n != 1 else ''} over {span} day{'s' if span != 1 else ''}"
            + (f" in the last {window_days} days" if len(days) > n else "")
            + f": the pace needs {WEIGH_INS_NEEDED}."
        )
        return replace(base, reason=reason)

    xs = [x for x, _, _ in window]
    ys = [y for _, y, _ in window]
    x_mean, y_mean = math.fsum(xs) / n, math.fsum(ys) / n
    sxx = math.fsum((x - x_mean) ** 2 for x in xs)
    slope = math.fsum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = y_mean - slope * x_mean  # x = 0 is the last day
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True)]
    squares = math.fsum(r * r for r in residuals)
    pairs = [(residuals[i], residuals[i + 1]) for i in range(n - 1) if xs[i + 1] - xs[i] == 1]
    r = 0.0
    if len(pairs) >= 5 and squares > 0:
        r = math.fsum(a * b for a, b in pairs) / len(pairs) / (squares / n)
    r = min(max(r, 0.0), 0.8)
    n_e = max(n * (1 - r) / (1 + r), 3.0)
    se = math.sqrt(squares / (n_e - 2) / sxx)
    half = t_quantile_95(n_e - 2) * se
    deviations = [y - s for _, y, s in window]
    centre = statistics.fmean(deviations)
    spread = statistics.stdev(deviations)
    return replace(
        base,
        enough=True,
        reason="",
        rate_kg_per_week=7 * slope,
        rate_low=7 * (slope - half),
        rate_high=7 * (slope + half),
        level_kg=intercept,
        swing_kg=(centre - Z_95 * spread, centre + Z_95 * spread),
    )


def days_to_weight(level_kg: float, rate_kg_per_week: float, weight_kg: float) -> int | None:
    """Whole days (rounded up) for a line at ``level_kg`` today, changing ``rate_kg_per_week``, to
    come down to ``weight_kg``: 0 when it is there already, None when it is not going down.

    Example: from 90 kg at -0.5 kg a week to 85 kg -> 70 days.
    """
    if weight_kg >= level_kg:
        return 0
    if rate_kg_per_week >= 0:
        return None
    return math.ceil(round((level_kg - weight_kg) / -rate_kg_per_week * 7, 6))


# --- keeping them --------------------------------------------------------------------

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (OWASP, "CSV
    Injection"): one that starts with = + - @ or a tab or carriage return gets a leading
    apostrophe. ``=cmd|' /C calc'!A0`` -> ``'=cmd|' /C calc'!A0``."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def weighins_csv(weighins: WeighIns, unit: Unit) -> str:
    """The reader's weigh-ins as CSV text, one row per reading in the order read, with the
    weight in ``unit`` (stones written as pounds) to 0.1; every cell passed through
    :func:`safe_cell`.

    Example: 82.5 kg on 5 January 2026, in kg::

        date,weight_kg
        2026-01-05,82.5
    """
    column = "weight_kg" if unit == "kg" else "weight_lb"
    rows = [["date", column]]
    for day, kg in weighins.readings:
        value = kg if unit == "kg" else kg / KG_PER_LB
        rows.append([day.isoformat(), f"{value:.1f}"])
    return csv_text(rows)


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Rows as CSV text (CRLF line ends, as spreadsheets expect), formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
