"""Benchmark of the weight-change model against the app's speed targets.

Run from the repository root:

    .venv/bin/python bench/bench_model.py            # report only
    .venv/bin/python bench/bench_model.py --strict   # also exit 1 if a target is missed

Times a two-year (730-day) ``simulate`` and ``intake_to_reach`` (targets: 5 ms and 50 ms on
the project's 2-core machine), with timeit-style repeats (median and best), next to two
baselines timed in the same run so the ratios survive a faster or slower machine: a bare
Python loop of 730 float steps, and the naive 3500-kcal-per-pound straight line over 730
days. It then prints the model's deviation from the reference values in the research notes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

# Run as a script, so put the repository root on the path to import the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import Row, finish, machine_info, time_ms, timing_row
from runners_face.model import (
    Person,
    intake_to_maintain,
    intake_to_reach,
    maintenance_intake,
    simulate,
)

DAYS = 730
SIMULATE_TARGET_MS = 5.0
REACH_TARGET_MS = 50.0
KG_PER_LB = 0.45359237

# Case 1 of the research notes (weight-model.md section B): the `bw` package's test man.
PERSON = Person("male", age_years=36, height_m=1.73, weight_kg=76, activity_level=1.5)
INTAKE = 2000.0  # about 500 kcal/day below his maintenance
GOAL_KG = 66.0


def bare_loop() -> float:
    """730 steps of the cheapest useful float update: the floor for any daily loop."""
    weight = 76.0
    for _ in range(DAYS):
        weight -= 0.01 * weight
    return weight


def naive_line() -> list[float]:
    """The 3500 kcal/lb straight line for 730 days (what the app's simple chart draws)."""
    loss_per_day = (maintenance_intake(PERSON) - INTAKE) / 3500.0 * KG_PER_LB
    return [PERSON.weight_kg - loss_per_day * day for day in range(DAYS + 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--runs", type=int, default=50, help="repeats for simulate (default 50)")
    parser.add_argument("--reach-runs", type=int, default=20, help="repeats for intake_to_reach (default 20)")
    args = parser.parse_args()

    res: dict[str, Any] = {"config": vars(args), "machine": machine_info()}
    loop_ms = time_ms(bare_loop, args.runs)
    line_ms = time_ms(naive_line, args.runs)
    simulate_ms = time_ms(lambda: simulate(PERSON, INTAKE, DAYS), args.runs)
    reach_ms = time_ms(lambda: intake_to_reach(PERSON, GOAL_KG, DAYS), args.reach_runs)
    # The floor column is the bare loop, timed in the same run; the 3500-kcal line is in the notes.
    rows = [
        timing_row("bare loop, 730 steps", args.runs, loop_ms, loop_ms[0]),
        timing_row("3500-kcal line, 730 d", args.runs, line_ms, loop_ms[0]),
        timing_row("simulate, 730 d", args.runs, simulate_ms, loop_ms[0], SIMULATE_TARGET_MS),
        timing_row("intake_to_reach, 730 d", args.reach_runs, reach_ms, loop_ms[0], REACH_TARGET_MS),
    ]
    for row, ms in zip(rows, (loop_ms, line_ms, simulate_ms, reach_ms), strict=True):
        row.note += f"; {ms[0] / line_ms[0]:.1f} x the line"

    # Reference values: research notes section B, cases 1-4 (from the `bw` R package's tests,
    # outputs of the NIH Body Weight Planner); tolerances are the project's targets.
    woman = Person("female", age_years=21, height_m=1.64, weight_kg=58, activity_level=1.7)
    checks = [
        ("case 1 maintenance", maintenance_intake(PERSON), 2503.0, 5.0),
        ("case 2 reach 70 kg in 365 d", intake_to_reach(PERSON, 70, 365), 2287.0, 25.0),
        ("case 3 maintain 70 kg", intake_to_maintain(PERSON, 70), 2360.0, 25.0),
        ("case 4 maintenance", maintenance_intake(woman), 2278.0, 5.0),
        ("case 4 reach 55 kg in 365 d", intake_to_reach(woman, 55, 365), 2159.0, 25.0),
        ("case 4 maintain 55 kg", intake_to_maintain(woman, 55), 2187.0, 25.0),
    ]
    # The floor column is the NIH planner's value (kcal/day); the ratio column is the difference.
    for name, value, expected, limit in checks:
        rows.append(
            Row(
                f"reference: {name}",
                f"{value:.1f} kcal",
                f"{expected:.0f} kcal",
                f"{value - expected:+.1f}",
                f"|diff| <= {limit:.0f} kcal",
                abs(value - expected) <= limit,
            )
        )
    res["rows"] = rows
    finish("bench_model", "the weight model (floor: a bare loop; references: the NIH planner)", rows, res)
    missed = any(row.met is False for row in rows)
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
