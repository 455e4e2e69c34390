"""The pure-Python micro-benchmarks' shared part: timing, the machine header, the table.

``bench_model`` and ``bench_weighins`` time functions of the package (no server, no browser),
so they do not need :mod:`bench.harness` (which imports Playwright). Both time with
:func:`time_ms`, print :func:`header` and one :func:`table` of :class:`Timing` rows, with
ratios against baselines timed in the same run, and judge targets on the median.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def time_ms(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, best) wall time in ms over ``runs`` single calls, after one warm-up call."""
    func()
    times = timeit.Timer(func).repeat(repeat=runs, number=1)
    return statistics.median(times) * 1e3, min(times) * 1e3


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def header(title: str, *extra: str) -> None:
    """The benchmark's title with the date, and the machine it runs on."""
    now = dt.datetime.now(dt.UTC).astimezone()
    print(f"{title}, {now:%Y-%m-%d %H:%M %Z}")
    print(f"  platform: {platform.platform()}")
    print(f"  CPU:      {cpu_name()} ({os.cpu_count()} logical CPUs)")
    print(f"  Python:   {platform.python_implementation()} {platform.python_version()}")
    for line in extra:
        print(f"  {line}")
    print()


@dataclass(frozen=True)
class Timing:
    """One measured row: its name, how many runs, (median, best) in ms, and its target if any."""

    name: str
    runs: int
    ms: tuple[float, float]
    target_ms: float | None = None

    @property
    def met(self) -> bool | None:
        return None if self.target_ms is None else self.ms[0] <= self.target_ms


def table(rows: Sequence[Timing], baselines: Sequence[tuple[str, float]], name_width: int = 24) -> bool:
    """Print the rows with a ratio column per baseline (label, median ms); True if all targets met."""
    ratio_heads = "".join(f"{label:>8}" for label, _ in baselines)
    head = f"{'what':<{name_width}}{'runs':>5}{'median ms':>11}{'best ms':>9}{ratio_heads}{'target':>9}  result"
    print(head)
    print("-" * len(head))
    for row in rows:
        median, best = row.ms
        ratios = "".join(f"{median / base:>8.1f}" for _, base in baselines)
        target = "" if row.target_ms is None else f"{row.target_ms:g} ms"
        verdict = "" if row.met is None else ("PASS" if row.met else "FAIL")
        print(f"{row.name:<{name_width}}{row.runs:>5}{median:>11.3f}{best:>9.3f}{ratios}{target:>9}  {verdict}")
    print("(ratios use medians; targets are judged on the median)")
    print()
    return all(row.met is not False for row in rows)
