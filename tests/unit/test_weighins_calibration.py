"""Is the weekly rate right, and is its 90 % interval honest? A seeded simulation.

Each case is a reader losing at a known, steady rate (drawn from 0.25 to 3 lb a week), from
a start weight of 130 to 300 lb, weighed every morning for 28 days. On top of the steady
loss, each morning's reading swings:

- **day-to-day noise** with a standard deviation of 0.8 lb (0.36 kg), so that the change
  from one morning to the next has a standard deviation of about 1.1 lb (0.5 kg): about a
  third of day-to-day changes are 0.5 kg or more, and readings over a week span about
  1-2 kg, the swings the issue describes. This size is our assumption, stated here, not a
  figure from one study;
- **a weekly rhythm** of 0.35 % of body weight from peak to trough (heavier after the
  weekend): the within-week swing Turicchi et al. found, PLoS One 15:e0232152, 2020 (1,421
  adults in a weight-loss maintenance trial); Maher et al., JAMA Network Open 2023 (368
  adults) found about 0.3 %. The pattern itself (heavier on Sunday and Monday) is Orsama et
  al.'s, Obesity Facts 7:36, 2014 (80 adults, 4,657 weigh-ins), which gives no such figure.

Goals (issue 13): the rate within 0.3 lb a week of the truth in at least 90 % of cases, and
the 90 % interval holding the truth in 85-95 % of cases (calibrated, not merely wide).

Two harder variants check that the interval stays honest when the goal's precision cannot be
had: swings that carry over from one day to the next (lag-1 correlation 0.3, the same
day-to-day change), and 1 reading in 20 inflated by a meal or clothes (3 lb, give or take 1).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from runners_face.units import KG_PER_LB
from runners_face.weighin_trend import trend
from runners_face.weighins import WeighIns

CASES = 1000
SEED = 20261130
START = date(2026, 10, 1)
DAY_TO_DAY_LB = 1.1  # standard deviation of the change from one morning to the next
WEEKLY_RHYTHM = 0.0035  # peak to trough, as a share of body weight


@dataclass(frozen=True)
class Score:
    within_0_3_lb: float
    covered: float
    mean_width_lb: float


def _case(rng: random.Random, correlation: float, outliers: bool) -> tuple[float, WeighIns]:
    rate_lb = rng.uniform(0.25, 3.0)
    start_lb = rng.uniform(130.0, 300.0)
    phase = rng.uniform(0, 2 * math.pi)
    # AR(1) swings whose day-to-day change has the standard deviation DAY_TO_DAY_LB:
    # var(e[t] - e[t-1]) = 2 * sd^2 * (1 - correlation).
    sd = DAY_TO_DAY_LB / math.sqrt(2 * (1 - correlation))
    swing = rng.gauss(0, sd)
    readings = []
    for day in range(28):
        if day:
            swing = correlation * swing + rng.gauss(0, sd * math.sqrt(1 - correlation**2))
        rhythm = WEEKLY_RHYTHM / 2 * start_lb * math.sin(2 * math.pi * day / 7 + phase)
        extra = rng.gauss(3.0, 1.0) if outliers and rng.random() < 0.05 else 0.0
        pounds = start_lb - rate_lb / 7 * day + swing + rhythm + extra
        readings.append((START + timedelta(days=day), round(pounds, 1) * KG_PER_LB))  # scales show 0.1 lb
    return rate_lb, WeighIns(tuple(readings), "lb")


def simulate(correlation: float = 0.0, outliers: bool = False, cases: int = CASES, seed: int = SEED) -> Score:
    rng = random.Random(seed)
    within = covered = 0
    width = 0.0
    for _ in range(cases):
        true_rate_lb, weighins = _case(rng, correlation, outliers)
        result = trend(weighins)
        assert result.enough and result.rate_kg_per_week is not None
        assert result.rate_low is not None and result.rate_high is not None
        estimate = -result.rate_kg_per_week / KG_PER_LB
        low, high = -result.rate_high / KG_PER_LB, -result.rate_low / KG_PER_LB
        within += abs(estimate - true_rate_lb) <= 0.3
        covered += low <= true_rate_lb <= high
        width += high - low
    return Score(within / cases, covered / cases, width / cases)


def test_the_rate_is_within_0_3_lb_a_week_and_its_interval_is_calibrated() -> None:
    score = simulate()
    assert score.within_0_3_lb >= 0.90, score
    assert 0.85 <= score.covered <= 0.95, score


def test_the_interval_stays_calibrated_when_swings_carry_over_from_day_to_day() -> None:
    # Here 28 readings hold less information: no method gets within 0.3 lb 90 % of the time
    # (about 87 % here), so the interval must widen to stay honest.
    score = simulate(correlation=0.3)
    plain = simulate()
    assert 0.85 <= score.covered <= 0.95, score
    assert score.mean_width_lb > 1.2 * plain.mean_width_lb
    assert score.within_0_3_lb >= 0.80, score


def test_the_interval_stays_calibrated_with_a_few_heavy_readings() -> None:
    score = simulate(outliers=True)
    assert score.within_0_3_lb >= 0.90, score
    assert 0.85 <= score.covered <= 0.95, score


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_result_does_not_hang_on_one_lucky_seed(seed: int) -> None:
    score = simulate(seed=seed)
    assert score.within_0_3_lb >= 0.90 and 0.85 <= score.covered <= 0.95, score


def test_the_interval_stays_honest_when_swings_carry_over_more() -> None:
    # The medical review measured 85-88 % at a lag-1 correlation of 0.5, when the short series'
    # low reading of its own correlation was used as it was; it is corrected now.
    score = simulate(correlation=0.5, cases=600)
    assert 0.85 <= score.covered <= 0.95, score


def _sparse_case(rng: random.Random, correlation: float) -> tuple[float, WeighIns]:
    """Weigh-ins on about 45 % of the days of 15, with correlated swings: too few pairs of
    consecutive days to measure the correlation (the review measured 79-83 % coverage)."""
    rate_lb, start_lb = rng.uniform(0.25, 3.0), rng.uniform(130.0, 300.0)
    sd = DAY_TO_DAY_LB / math.sqrt(2 * (1 - correlation))
    swing, readings = rng.gauss(0, sd), []
    for day in range(15):
        if day:
            swing = correlation * swing + rng.gauss(0, sd * math.sqrt(1 - correlation**2))
        if day in (0, 14) or rng.random() < 0.45:
            readings.append((START + timedelta(days=day), round(start_lb - rate_lb / 7 * day + swing, 1) * KG_PER_LB))
    return rate_lb, WeighIns(tuple(readings), "lb")


@pytest.mark.parametrize("correlation", [0.3, 0.5])
def test_the_interval_stays_honest_for_sparse_weigh_ins(correlation: float) -> None:
    rng = random.Random(SEED)
    covered = counted = 0
    for _ in range(600):
        true_rate_lb, weighins = _sparse_case(rng, correlation)
        result = trend(weighins)
        if not result.enough or result.rate_low is None or result.rate_high is None:
            continue
        counted += 1
        covered += -result.rate_high / KG_PER_LB <= true_rate_lb <= -result.rate_low / KG_PER_LB
    assert counted > 300 and 0.85 <= covered / counted <= 0.98, (counted, covered / counted)
