"""What every benchmark prints and keeps: the machine header, one table, the results file.

Standard library only, so that the pure-Python micro-benchmarks (``bench_model``,
``bench_weighins``) use it without the browser or the load generator. Every module:

* notes the machine at its start (:func:`machine_info`: date, commit, CPU, RAM, Python, the
  Streamlit and Altair versions, the load average) and its load average at the end;
* prints one table of :class:`Row` (what, ours, floor, ratio, goal, met?) under the same header
  (:func:`report`), with ratios against baselines measured in the same run;
* writes every sample to ``bench/results/<module>.json`` (:func:`write_results`, git-ignored).

Modules report; they assert nothing. The numbers here: :func:`percentile` (the one percentile),
:func:`median`, :func:`ratio` and :func:`time_ms` (a function's wall time).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --- numbers -----------------------------------------------------------------------------------


def percentile(values: Sequence[float | None], q: float) -> float | None:
    """Percentile with linear interpolation between the closest ranks (q in 0..100); None
    without data (None values are left out)."""
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def median(values: Sequence[float | None]) -> float | None:
    data = [v for v in values if v is not None]
    return statistics.median(data) if data else None


def ratio(ours: float | None, floor: float | None) -> float | None:
    if ours is None or floor is None or floor == 0:
        return None
    return ours / floor


def time_ms(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, best) wall time in ms over ``runs`` single calls, after one warm-up call."""
    func()
    times = timeit.Timer(func).repeat(repeat=runs, number=1)
    return statistics.median(times) * 1e3, min(times) * 1e3


def fmt_ms(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.0f} ms"


def fmt_ratio(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


# --- the table ---------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of every report: what was measured, ours, the floor, ours/floor, the goal, met?"""

    what: str
    ours: str
    floor: str = ""
    ratio: str = ""
    goal: str = "(info)"
    met: bool | None = None
    note: str = ""
    """Why a goal was not judged, or what to keep in mind (printed after the verdict)."""

    def text(self) -> str:
        verdict = "" if self.met is None else ("yes" if self.met else "NO")
        if self.met is None and self.goal != "(info)":
            verdict = "not judged"
        line = f"{self.what:<46} {self.ours:>12} {self.floor:>12} {self.ratio:>7}  {self.goal:<26} {verdict}"
        return f"{line}  ({self.note})" if self.note else line


def timing_row(
    what: str, runs: int, ms: tuple[float, float], baseline_ms: float, target_ms: float | None = None
) -> Row:
    """A micro-benchmark's row: the median (and best) of ``runs`` calls against a baseline's
    median timed in the same run (in the floor column), judged on the median."""
    median_ms, best_ms = ms
    return Row(
        f"{what} (n={runs})",
        f"{median_ms:.3f} ms",
        f"{baseline_ms:.3f} ms",
        f"{median_ms / baseline_ms:.1f}" if baseline_ms else "n/a",
        "(info)" if target_ms is None else f"<= {target_ms:g} ms",
        None if target_ms is None else median_ms <= target_ms,
        note=f"best {best_ms:.3f} ms",
    )


def _package(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info(chromium_version: str = "") -> dict[str, Any]:
    """The machine, the commit and the load at the start of a run (the report's header)."""

    def read(path: str) -> str:
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    model = next(
        (ln.split(":", 1)[1].strip() for ln in read("/proc/cpuinfo").splitlines() if ln.startswith("model name")),
        platform.processor() or "?",
    )
    mem_kb = next((int(ln.split()[1]) for ln in read("/proc/meminfo").splitlines() if ln.startswith("MemTotal:")), 0)

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "chromium": chromium_version,
        "streamlit": _package("streamlit"),
        "altair": _package("altair"),
        "loadavg_start": os.getloadavg(),
    }


def report(title: str, rows: Sequence[Row], machine: dict[str, Any]) -> str:
    """The common table, under a header naming the machine, commit and load."""
    m = machine
    end = m.get("loadavg_end", os.getloadavg())
    lines = [
        "",
        f"{title}  {m['date']}  commit {m['git_commit']}" + (" (+uncommitted changes)" if m["git_dirty"] else ""),
        f"Machine: {m['cpu_count']} CPU ({m['cpu_model']}), {m['ram_gib']} GiB RAM, Python {m['python']}, "
        + (f"{m['chromium']}, " if m.get("chromium") else "")
        + f"streamlit {m['streamlit']}, altair {m['altair']}",
        f"Load average at start {m['loadavg_start'][0]:.2f}, at end {end[0]:.2f}",
    ]
    if max(m["loadavg_start"][0], end[0]) > (m["cpu_count"] or 1):
        lines.append(
            "Note: the machine was busy (load average above the CPU count): absolute numbers are inflated; "
            "trust ratios measured in the same run more."
        )
    header = f"{'what':<46} {'ours':>12} {'floor':>12} {'ratio':>7}  {'goal':<26} met?"
    lines += ["", header, "-" * 112]
    lines += [row.text() for row in rows]
    lines.append("-" * 112)
    judged = [r for r in rows if r.met is not None]
    missed = [r.what.strip() for r in judged if not r.met]
    unjudged = sum(1 for r in rows if r.met is None and r.goal != "(info)")
    lines.append(
        f"Goals: {len(judged) - len(missed)}/{len(judged)} met"
        + (f"; not met: {'; '.join(missed)}" if missed else "")
        + (f"; {unjudged} not judged (see the notes)" if unjudged else "")
    )
    return "\n".join(lines)


# --- the results file --------------------------------------------------------------------------


def write_results(module: str, results: dict[str, Any]) -> Path:
    """Write a module's results (config, machine, every sample) to bench/results/<module>.json."""
    path = RESULTS_DIR / f"{module}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, default=_json_default))
    return path


def _json_default(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def timed(res: dict[str, Any], name: str, fn: Callable[[], Any]) -> Any:
    """Run one phase; keep its wall time and the load average before and after it in the results."""
    t0, load0 = time.perf_counter(), os.getloadavg()[0]
    out = fn()
    res.setdefault("phases", {})[name] = {
        "wall_s": round(time.perf_counter() - t0, 1),
        "loadavg_before": load0,
        "loadavg_after": os.getloadavg()[0],
    }
    return out


def finish(module: str, title: str, rows: Sequence[Row], res: dict[str, Any], *extra: str) -> Path:
    """The end of every module: note the load average, print the report (and ``extra`` lines),
    write the results JSON and print its path."""
    res["machine"]["loadavg_end"] = os.getloadavg()
    print(report(f"Runner's Face benchmark: {title}", rows, res["machine"]))
    for line in extra:
        print(line)
    path = write_results(module, res)
    print(f"JSON: {path}")
    return path
