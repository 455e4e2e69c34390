"""The trend of a reader's weigh-ins: smoothed as The Hacker's Diet does, and the weekly rate.

Pure (no Streamlit, no clock). :func:`trend` takes the weigh-ins that
:mod:`runners_face.weighins` read, leaves out the ones far from their neighbours, smooths the
daily weights (:func:`smooth`) and fits the weekly rate of change, with a 90 % interval, over
the last four weeks; :func:`days_to_weight` says when such a line comes down to a weight. What
the rate means, in words, is :mod:`runners_face.weighin_report`'s.

Weights are in kilograms; rates are in kilograms a week, negative when losing.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from runners_face.weighins import WeighIns

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


MIN_PAIRS: Final = 5
FEW_PAIRS_CORRELATION: Final = 0.3
"""With fewer than MIN_PAIRS pairs of weigh-ins on consecutive days the day-to-day correlation
cannot be measured: a cautious 0.3 is taken (about what morning weigh-ins carry from one day to
the next; see tests/unit/test_weighins_calibration.py), so the interval is not too narrow."""


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

    ``r`` is taken from pairs of consecutive days, corrected for the low reading a short series
    gives (0.3 with fewer than 5 pairs), and kept within 0..0.8, so a negative ``r`` never narrows
    the interval; ``n_e`` is at least 3, and the t
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
    r = FEW_PAIRS_CORRELATION
    if len(pairs) >= MIN_PAIRS and squares > 0:
        measured = math.fsum(a * b for a, b in pairs) / len(pairs) / (squares / n)
        # The lag-1 correlation of a short series reads low: E[r] ~ rho - (1 + 3 rho) / m for m
        # pairs (Marriott and Pope, Biometrika 41:390, 1954), so it is corrected before use.
        m = len(pairs)
        r = (measured * m + 1) / (m - 3)
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
