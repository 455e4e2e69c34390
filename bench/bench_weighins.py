"""Benchmark: reading and trending three years of daily weigh-ins, against the target.

Run from the repository root:

    .venv/bin/python bench/bench_weighins.py            # report only
    .venv/bin/python bench/bench_weighins.py --strict   # also exit 1 if a target is missed

Times ``parse_csv`` + ``trend`` on 1,100 rows (three years of one weigh-in a day; target
50 ms on the project's 2-core machine), in three common shapes of file, and each step on
its own. The baseline, timed in the same run so the ratios survive a faster or slower
machine, is the least any reader could do: Python's ``csv`` module splitting the same text,
``date.fromisoformat`` and ``float`` on each row of the ISO file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
from pathlib import Path
from typing import Any

# Run as a script, so put the repository root on the path to import the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import finish, machine_info, time_ms, timing_row
from runners_face.weighin_trend import trend
from runners_face.weighins import parse_csv

ROWS = 1100
TARGET_MS = 50.0
TODAY = dt.date(2026, 11, 30)


def weigh_ins() -> list[tuple[dt.date, float]]:
    """1,100 days of a reader losing half a pound a week, with daily swings (fixed seed)."""
    rng = random.Random(13)
    start = TODAY - dt.timedelta(days=ROWS - 1)
    return [(start + dt.timedelta(days=d), 240 - d / 14 + rng.gauss(0, 0.8)) for d in range(ROWS)]


def files() -> dict[str, str]:
    rows = weigh_ins()
    iso = "Date,Weight (lb)\n" + "".join(f"{d.isoformat()},{w:.1f}\n" for d, w in rows)
    # Day-first dates with a decimal comma and semicolons, as a European export writes them.
    european = "Datum;Gewicht (lb)\n" + "".join(f"{d:%d.%m.%Y};{f'{w:.1f}'.replace('.', ',')}\n" for d, w in rows)
    # No header, month-first dates with times, tab-separated: a paste from a spreadsheet.
    pasted = "".join(f"{d:%m/%d/%Y} 07:{d.day:02d}\t{w:.1f} lb\n" for d, w in rows)
    return {"ISO, header": iso, "day-first, ';', decimal comma": european, "month-first, tabs, no header": pasted}


def baseline(text: str) -> list[tuple[dt.date, float]]:
    """The least a reader could do: split with csv, convert each ISO row."""
    reader = csv.reader(io.StringIO(text))
    next(reader)
    return [(dt.date.fromisoformat(day), float(weight)) for day, weight in reader]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--runs", type=int, default=30, help="repeats per measurement (default 30)")
    args = parser.parse_args()

    res: dict[str, Any] = {"config": vars(args) | {"rows": ROWS}, "machine": machine_info()}

    texts = files()
    iso = texts["ISO, header"]
    base_ms = time_ms(lambda: baseline(iso), args.runs)
    parsed = parse_csv(iso, "lb", today=TODAY)
    assert len(parsed.days) == ROWS, "every row must be read"
    # The floor column is the baseline (csv + fromisoformat on the ISO file), timed in the same run.
    rows = [timing_row("baseline: csv + fromisoformat", args.runs, base_ms, base_ms[0])]
    for name, text in texts.items():
        weighins = parse_csv(text, "lb", today=TODAY)
        assert len(weighins.days) == ROWS and not weighins.problems, name
        result = trend(weighins)
        assert result.enough and result.rate_kg_per_week is not None and math.isfinite(result.rate_kg_per_week)
        rows.append(
            timing_row(
                f"parse + trend, {name}",
                args.runs,
                time_ms(lambda text=text: trend(parse_csv(text, "lb", today=TODAY)), args.runs),  # type: ignore[misc]
                base_ms[0],
                TARGET_MS,
            )
        )
    parse_ms = time_ms(lambda: parse_csv(iso, "lb", today=TODAY), args.runs)
    rows.append(timing_row("parse only, ISO", args.runs, parse_ms, base_ms[0]))
    rows.append(timing_row("trend only", args.runs, time_ms(lambda: trend(parsed), args.runs), base_ms[0]))
    res["rows"] = rows
    title = f"reading and trending {ROWS} days of weigh-ins (floor: csv + fromisoformat)"
    finish("bench_weighins", title, rows, res)
    missed = any(row.met is False for row in rows)
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
