"""Weight change over time: the Hall (NIH Body Weight Planner) energy-balance model.

Pure Python, no Streamlit and no numpy: a 730-day run is a few thousand float operations,
and plain floats beat numpy's per-call overhead at that size.

The model is the five-state adult model of Hall et al. 2011, *Lancet* 378:826, web appendix
(equations 1-9), as implemented in the NIH Body Weight Planner (BWP). The states are fat
``F``, lean ``L``, glycogen ``G``, extracellular water ``ECW`` and adaptive thermogenesis
``AT``; body weight is ``W = F + L + 3.7 (G - G0) + ECW``. Constants are the rounded ones of
the BWP JavaScript, so results match the planner rather than the paper to the last kcal.

Public API
----------
``Person``                 who is changing weight (validated on creation).
``maintenance_intake``     kcal/day that keeps today's weight.
``simulate``               daily weight, fat and fat-free mass for a constant intake.
``intake_to_reach``        constant intake that reaches a goal weight on a given day.
``intake_to_maintain``     intake that holds a goal weight once it is reached.
``ACTIVITY_LEVELS``, ``GUIDELINE_DIET_LOW_KCAL``, ``healthy_weight_range_kg`` for the UI.

All numbers below come from the team's research notes (``weight-model.md``), which quote
the paper, the ``bw`` R package (INSP-RH/bw) and a JavaScript rewrite of the BWP
(Zomega/BodyWeightPlanner ``constants.js``, ``baseline.js``, ``bodymodel.js``); the last
was also read directly to confirm the BWP's initialisation and goal-mode sodium scaling.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

__all__ = [
    "ACTIVITY_LEVELS",
    "GUIDELINE_DIET_LOW_KCAL",
    "Person",
    "Sex",
    "Trajectory",
    "activity_change_kcal",
    "healthy_weight_range_kg",
    "intake_to_maintain",
    "intake_to_reach",
    "maintenance_intake",
    "simulate",
    "simulate_phases",
    "simulate_until",
]

Sex = Literal["female", "male"]

# --- UI helpers --------------------------------------------------------------------------

ACTIVITY_LEVELS: Final[Mapping[str, float]] = MappingProxyType(
    {
        "Mostly sitting (little exercise)": 1.4,
        "Lightly active": 1.6,
        "Active (e.g. running 3–4 times a week)": 1.8,
        "Very active": 2.0,
    }
)
"""Plain-words labels to physical activity level (PAL = total / resting expenditure).

Values sit inside the FAO/WHO/UNU (2004) *Human energy requirements* lifestyle bands:
sedentary or light 1.40-1.69, active 1.70-1.99, vigorous 2.00-2.40. 1.6 is the NIH Body
Weight Planner's default; the Lancet paper's examples used 1.5."""

GUIDELINE_DIET_LOW_KCAL: Final[Mapping[str, int]] = MappingProxyType({"female": 1200, "male": 1500})
"""The low end of the weight-loss diets a US guideline for doctors prescribes: 1200-1500 kcal/d
for women and 1500-1800 kcal/d for men (AHA/ACC/TOS 2013, Jensen et al., Circulation
129:S102). A diet prescription, not a safety limit: the planner says when a plan needs less."""

HEALTHY_BMI: Final = (18.5, 24.9)
"""WHO "normal weight" body-mass-index band, kg/m^2."""

# --- Input limits --------------------------------------------------------------------------

AGE_RANGE: Final = (18.0, 100.0)
HEIGHT_RANGE_M: Final = (1.0, 2.5)
WEIGHT_RANGE_KG: Final = (30.0, 350.0)
ACTIVITY_CHANGE_RANGE: Final = (-30.0, 30.0)
"""A change in physical activity from today, kcal per kg of body weight per day: 30 is about
210 km more running a week (see ``runners_face.running``)."""
ACTIVITY_RANGE: Final = (1.2, 2.5)
"""PAL below 1.2 would make the BWP activity coefficient (0.9 PAL - 1) RMR/W negative, which
the planner silently clamps; above 2.5 is beyond sustained human expenditure."""
MAX_DAYS: Final = 3650
"""Ten years, the BWP's own limit; the model is validated over about two."""

# --- Model constants (NIH BWP JavaScript, Zomega/BodyWeightPlanner constants.js; the
# appendix values in kJ are within 1-2 % of these, see weight-model.md section A2) ------

RHO_F: Final = 9440.0  # kcal/kg, energy density of fat change (39.5 MJ/kg)
RHO_L: Final = 1807.0  # kcal/kg, energy density of lean change (appendix 1816)
RHO_G: Final = 4180.0  # kcal/kg, energy density of glycogen (appendix 4206)
GAMMA_F: Final = 3.2  # kcal/kg/d, resting expenditure per kg fat (appendix 3.1)
GAMMA_L: Final = 22.0  # kcal/kg/d, resting expenditure per kg lean
ETA_F: Final = 180.0  # kcal/kg, cost of fat synthesis (appendix 179)
ETA_L: Final = 230.0  # kcal/kg, cost of protein synthesis (appendix 229)
BETA_TEF: Final = 0.10  # thermic effect of food, share of intake
BETA_AT: Final = 0.14  # adaptive thermogenesis, share of intake at steady state
TAU_AT: Final = 14.0  # days, time constant of adaptive thermogenesis
FORBES_KG: Final = 10.4  # kg, Forbes' body-composition constant: dL/dF = 10.4 / F
FORBES_C: Final = FORBES_KG * RHO_L / RHO_F  # ~1.99 kg; energy partition p = C / (C + F)
ACTIVITY_EFFICIENCY: Final = 0.9  # BWP: delta = (0.9 PAL RMR - RMR) / W
GLYCOGEN0_KG: Final = 0.5  # initial glycogen
GLYCOGEN_MASS_FACTOR: Final = 3.7  # kg of tissue (glycogen + 2.7 kg water) per kg glycogen
CARB_SHARE: Final = 0.5  # carbohydrate share of intake, BWP default
SODIUM0_MG: Final = 4000.0  # baseline sodium intake, mg/d; scaled with intake (BWP goal mode)
XI_NA: Final = 3000.0  # mg/L/d, sodium excretion per litre of extra ECW
XI_CI: Final = 4000.0  # mg/d, sodium retained per unit relative carbohydrate change
NA_CONC: Final = 3220.0  # mg/L, extracellular sodium concentration
# BWP guard on resting rate; Mifflin-St Jeor only drops below it at the extreme corners of
# the allowed inputs (e.g. 30 kg, 1.0 m, 100 years).
RMR_FLOOR_KCAL: Final = 500.0

# Numerical guards, not physiology. Fat's share of the imbalance, 1 - p = F/(C+F), vanishes
# as F -> 0, so the equations themselves keep fat positive; the floor catches an RK4 stage
# overshooting below zero and the BWP body-fat regression returning 0 % for very lean young
# men. Lean mass has no such brake: on a near-zero intake it would fall until expenditure
# (22 kcal/kg/d of it) turns negative. Starvation kills before half the lean mass is gone,
# so the lean floor only stops nonsense. Neither floor binds above 800 kcal/day.
FAT_FLOOR_SHARE: Final = 0.005  # of starting weight
LEAN_FLOOR_SHARE: Final = 0.5  # of starting lean mass

_REACH_TOLERANCE_KG: Final = 1e-4
_MAX_SOLVER_STEPS: Final = 60


# --- Person ----------------------------------------------------------------------------------


def _checked_number(name: str, value: object, low: float, high: float, unit: str) -> float:
    """Return ``value`` as a float, or raise ValueError naming the field.

    Non-numbers raise ValueError too, not TypeError: callers catch one exception type for
    every unusable input.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {number!r}")
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}{unit}, got {number:g}")
    return number


@dataclass(frozen=True, slots=True)
class Person:
    """An adult at the start of a plan.

    Args:
        sex: ``"female"`` or ``"male"`` (the equations are sex-specific).
        age_years: 18-100.
        height_m: 1.0-2.5 m.
        weight_kg: 30-350 kg.
        activity_level: physical activity level (PAL), 1.2-2.5; see ``ACTIVITY_LEVELS``.
        activity_change: a change in physical activity from day 0 on, in kcal per kg of body
            weight per day (-30 to 30): more running while losing is a higher physical-activity
            expenditure, ``(delta + activity_change) W``, which falls with the weight. Today's
            activity level already holds today's running, so today's maintenance is unchanged; a
            change below zero takes away at most all of the activity the level holds.

    Raises:
        ValueError: naming the field, for an unknown sex or a value out of range, NaN or inf.

    Example:
        >>> Person("male", 36, 1.73, 76, 1.5).weight_kg
        76.0
    """

    sex: Sex
    age_years: float
    height_m: float
    weight_kg: float
    activity_level: float = 1.6
    activity_change: float = 0.0

    def __post_init__(self) -> None:
        if self.sex not in ("female", "male"):
            raise ValueError(f"sex must be 'female' or 'male', got {self.sex!r}")
        # Coerce to float once here so the hot loop never mixes ints, Decimals or numpy scalars.
        for name, (low, high), unit in (
            ("age_years", AGE_RANGE, " years"),
            ("height_m", HEIGHT_RANGE_M, " m"),
            ("weight_kg", WEIGHT_RANGE_KG, " kg"),
            ("activity_level", ACTIVITY_RANGE, ""),
            ("activity_change", ACTIVITY_CHANGE_RANGE, " kcal/kg/d"),
        ):
            checked = _checked_number(name, getattr(self, name), low, high, unit)
            object.__setattr__(self, name, checked)


@dataclass(frozen=True, slots=True)
class Trajectory:
    """Daily values of a simulation, day 0 (today) first; each tuple has ``days + 1`` items.

    ``fat_kg + lean_kg == weight_kg`` on every day: ``lean_kg`` is the fat-free mass,
    including the fast glycogen-and-water shifts of the first days.
    """

    weight_kg: tuple[float, ...]
    fat_kg: tuple[float, ...]
    lean_kg: tuple[float, ...]
    water_kg: tuple[float, ...]
    """The quick part of ``lean_kg``: water held with glycogen, and extracellular water, as a
    change from day 0 (negative on a diet). It comes back within days when intake rises."""


# --- Baseline (appendix initialisation, BWP baseline.js) -----------------------------------


class _Baseline(NamedTuple):
    weight: float  # W0, kg
    intake: float  # EI0 = PAL x RMR, kcal/d
    fat: float  # F0, kg
    lean: float  # L0 = W0 - F0, kg (includes water and glycogen, as in the BWP)
    delta: float  # activity coefficient from day 0, with the person's activity change, kcal/kg/d
    delta0: float  # activity coefficient of today's activity level, kcal/kg/d
    k: float  # constant that balances energy at day 0, kcal/d
    fat_floor: float
    lean_floor: float


def _resting_rate(person: Person) -> float:
    # Mifflin-St Jeor 1990 (Am J Clin Nutr 51:241), height in cm -> 625 x metres.
    offset = 5.0 if person.sex == "male" else -161.0
    rmr = 9.99 * person.weight_kg + 625.0 * person.height_m - 4.92 * person.age_years + offset
    return max(RMR_FLOOR_KCAL, rmr)


def _body_fat_percent(person: Person) -> float:
    # The BWP's body-fat regression (attributed in the appendix to Jackson et al. 2002),
    # clamped to 0-60 % as the planner does.
    bmi = person.weight_kg / person.height_m**2
    if person.sex == "male":
        percent = 0.14 * person.age_years + 37.31 * math.log(bmi) - 103.94
    else:
        percent = 0.14 * person.age_years + 39.96 * math.log(bmi) - 102.01
    return min(60.0, max(0.0, percent))


def _baseline(person: Person) -> _Baseline:
    rmr = _resting_rate(person)
    weight = person.weight_kg
    intake = person.activity_level * rmr
    fat_floor = FAT_FLOOR_SHARE * weight
    fat = max(fat_floor, weight * _body_fat_percent(person) / 100.0)
    lean = weight - fat
    delta0 = (ACTIVITY_EFFICIENCY * person.activity_level - 1.0) * rmr / weight
    # K makes expenditure equal intake at day 0 with today's activity: (1 - bTEF - bAT) EI0 = K
    # + gL L0 + gF F0 + d0 W0. A change in activity from day 0 then moves the balance by
    # (delta - d0) W: the day-0 imbalance of eating EI0 is exactly the change's extra burn.
    k = (1.0 - BETA_TEF - BETA_AT) * intake - GAMMA_L * lean - GAMMA_F * fat - delta0 * weight
    delta = max(0.0, delta0 + person.activity_change)
    return _Baseline(weight, intake, fat, lean, delta, delta0, k, fat_floor, LEAN_FLOOR_SHARE * lean)


def activity_change_kcal(person: Person) -> float:
    """What the person's change in activity adds to what they burn on day 0, kcal/day (negative
    for less): ``activity_change x W0``, or less when it would take away more activity than
    today's level holds.

    Example: 3 kcal/kg/d more (21 km more running a week) for a 76 kg man: 228 kcal/day.
        >>> round(activity_change_kcal(Person("male", 36, 1.73, 76, 1.5, activity_change=3.0)), 6)
        228.0
    """
    base = _baseline(person)
    return (base.delta - base.delta0) * base.weight


def maintenance_intake(person: Person) -> float:
    """Daily intake (kcal/day) that keeps today's weight.

    Approach: resting metabolic rate from Mifflin-St Jeor (Mifflin et al. 1990, *Am J Clin
    Nutr* 51:241), ``RMR = 9.99 W + 625 H - 4.92 A + 5`` for men and ``... - 161`` for women
    (W kg, H m, A years), times the physical activity level: ``EI0 = PAL x RMR``. This is the
    baseline of Hall et al. 2011 (*Lancet* 378:826, web appendix) and the NIH Body Weight
    Planner, which also floors RMR at 500 kcal/d.

    Example (the ``bw`` R package's test case, 2503 kcal/d):
        >>> round(maintenance_intake(Person("male", 36, 1.73, 76, 1.5)))
        2503
    """
    return person.activity_level * _resting_rate(person)


# --- Integration -------------------------------------------------------------------------------


def _check_intake(daily_intake_kcal: float) -> float:
    # Any size is allowed: the fast states are solved exactly, so nothing can go unstable.
    intake = _checked_number("daily_intake_kcal", daily_intake_kcal, -math.inf, math.inf, "")
    if intake < 0.0:
        raise ValueError(f"daily_intake_kcal cannot be negative, got {intake:g}")
    return intake


def _check_days(days: int, minimum: int) -> int:
    # Streamlit widgets and numpy hand over ints in several types; accept any whole number.
    if isinstance(days, bool) or not isinstance(days, numbers.Real):
        raise ValueError(f"days must be a whole number, got {days!r}")
    if not (math.isfinite(days) and float(days).is_integer()):
        raise ValueError(f"days must be a whole number, got {days!r}")
    whole = int(days)
    if not minimum <= whole <= MAX_DAYS:
        raise ValueError(f"days must be between {minimum} and {MAX_DAYS}, got {whole}")
    return whole


def _check_goal(goal_weight_kg: float) -> float:
    return _checked_number("goal_weight_kg", goal_weight_kg, *WEIGHT_RANGE_KG, " kg")


class _State(NamedTuple):
    """The model's five states on one day, and the weight they add up to."""

    weight: float  # W = F + L + 3.7 (G - G0) + ECW, kg
    fat: float  # F, kg
    lean: float  # L, kg, without the glycogen-water and ECW shifts (which the weight includes)
    glycogen: float  # G, kg
    ecw: float  # extracellular water above day 0, kg
    at: float  # adaptive thermogenesis, kcal/d


def _start(base: _Baseline) -> _State:
    return _State(base.weight, base.fat, base.lean, GLYCOGEN0_KG, 0.0, BETA_AT * base.intake)


def _integrate(
    base: _Baseline,
    intake: float,
    days: int,
    out: list[list[float]] | None,
    start: _State | None = None,
    until_kg: float = -math.inf,
) -> _State:
    """Step the five-state model ``days`` days at a constant intake, from ``start`` (default:
    day 0, the person today), and return the state reached; stop early on the first day the
    weight is at or below ``until_kg``.

    When ``out`` is given, weight, fat and quick water (glycogen-bound water plus ECW, from
    day 0) for days 1..days are appended to ``out[0]``, ``out[1]`` and ``out[2]``.

    Fat and lean are stepped with classical RK4 (h = 1 day) as in the BWP. Glycogen, ECW and
    AT are decoupled from fat and lean and, at a constant intake, have closed-form solutions,
    which are used at the RK4 stage times instead of being stepped. Glycogen's rate
    constant 2 kG G / rhoG ~ 2 EI0 sqrt(EI/EI0) / 4180 per day grows with intake, and once
    it passes about 2.6 the BWP's one-day RK4 settles on a spurious glycogen level (up to
    0.6 kg off in weight for a 5000 kcal/day eater on a surplus) or blows up. Elsewhere the
    two agree to within about 0.05 kg over two years, and usually within 0.01 kg.
    """
    ei0 = base.intake
    ratio = intake / ei0
    fat_floor = base.fat_floor
    lean_floor = base.lean_floor
    delta = base.delta

    # Glycogen: dG/dt = (CI - kG G^2) / rhoG with CI = 0.5 EI and kG = CIb / G0^2.
    carbs = CARB_SHARE * intake
    k_glycogen = CARB_SHARE * ei0 / GLYCOGEN0_KG**2
    g_star = GLYCOGEN0_KG * math.sqrt(ratio)
    # Riccati solution over half a day: G(t+h) = Gs (G + Gs T) / (Gs + G T) with
    # T = tanh(k Gs h / rhoG); with no carbohydrate at all it is G / (1 + k G h / rhoG).
    half_tanh = math.tanh(k_glycogen * g_star * 0.5 / RHO_G)
    half_decay_g = k_glycogen * 0.5 / RHO_G
    # ECW: NA_CONC dECW/dt = Na_in - Na0 - XI_NA ECW - XI_CI (1 - CI/CIb), with sodium intake
    # proportional to food intake (BWP goal mode), so both sodium terms are linear in the ratio.
    ecw_star = (SODIUM0_MG + XI_CI) * (ratio - 1.0) / XI_NA
    half_decay_ecw = math.exp(-0.5 * XI_NA / NA_CONC)
    # AT: dAT/dt = (bAT EI - AT) / tauAT.
    at_star = BETA_AT * intake
    half_decay_at = math.exp(-0.5 / TAU_AT)

    # Energy balance per RK4 stage, appendix eq. 9 rearranged: with E' = K + gF F + gL L + d W
    # + TEF + AT and EE = (E' + a (EI - Gflux)) / (1 + a), the imbalance that goes to fat and
    # lean is EI - EE - Gflux = (EI - Gflux - E') / (1 + a), where a = (1-p) etaF/rhoF
    # + p etaL/rhoL. Terms that do not depend on F and L are gathered into `drive`.
    free = intake * (1.0 - BETA_TEF) - base.k
    gain_f = GAMMA_F + delta
    gain_l = GAMMA_L + delta
    a_lean = ETA_L / RHO_L
    a_diff = ETA_F / RHO_F - a_lean
    one_a = 1.0 + a_lean
    c = FORBES_C
    glycogen_mass = GLYCOGEN_MASS_FACTOR
    g0 = GLYCOGEN0_KG

    weight, fat, lean, g, ecw, at = _start(base) if start is None else start
    weights = out[0] if out is not None else None
    fats = out[1] if out is not None else None
    waters = out[2] if out is not None else None
    for _ in range(days):
        drive0 = free - carbs + k_glycogen * g * g - at - delta * (glycogen_mass * (g - g0) + ecw)
        if g_star > 0.0:
            g = g_star * (g + g_star * half_tanh) / (g_star + g * half_tanh)
        else:
            g = g / (1.0 + half_decay_g * g)
        ecw = ecw_star + (ecw - ecw_star) * half_decay_ecw
        at = at_star + (at - at_star) * half_decay_at
        drive_half = free - carbs + k_glycogen * g * g - at - delta * (glycogen_mass * (g - g0) + ecw)
        if g_star > 0.0:
            g = g_star * (g + g_star * half_tanh) / (g_star + g * half_tanh)
        else:
            g = g / (1.0 + half_decay_g * g)
        ecw = ecw_star + (ecw - ecw_star) * half_decay_ecw
        at = at_star + (at - at_star) * half_decay_at
        drive1 = free - carbs + k_glycogen * g * g - at - delta * (glycogen_mass * (g - g0) + ecw)

        # Stage 1 (t): q = 1 - p is fat's share of the imbalance. Only fat is clamped inside
        # the stages, because only q needs F > 0; the lean floor is far from zero. Clamps are
        # conditional expressions because max() costs 8x more in this loop.
        q = fat / (c + fat)
        x = (drive0 - gain_f * fat - gain_l * lean) / (one_a + q * a_diff)
        k1f = q * x / RHO_F
        k1l = (1.0 - q) * x / RHO_L
        # Stage 2 (t + 1/2).
        f = fat + 0.5 * k1f
        f = f if f > fat_floor else fat_floor
        ln = lean + 0.5 * k1l
        q = f / (c + f)
        x = (drive_half - gain_f * f - gain_l * ln) / (one_a + q * a_diff)
        k2f = q * x / RHO_F
        k2l = (1.0 - q) * x / RHO_L
        # Stage 3 (t + 1/2).
        f = fat + 0.5 * k2f
        f = f if f > fat_floor else fat_floor
        ln = lean + 0.5 * k2l
        q = f / (c + f)
        x = (drive_half - gain_f * f - gain_l * ln) / (one_a + q * a_diff)
        k3f = q * x / RHO_F
        k3l = (1.0 - q) * x / RHO_L
        # Stage 4 (t + 1).
        f = fat + k3f
        f = f if f > fat_floor else fat_floor
        ln = lean + k3l
        q = f / (c + f)
        x = (drive1 - gain_f * f - gain_l * ln) / (one_a + q * a_diff)
        fat += (k1f + 2.0 * (k2f + k3f) + q * x / RHO_F) / 6.0
        lean += (k1l + 2.0 * (k2l + k3l) + (1.0 - q) * x / RHO_L) / 6.0
        fat = fat if fat > fat_floor else fat_floor
        lean = lean if lean > lean_floor else lean_floor

        water = glycogen_mass * (g - g0) + ecw
        weight = fat + lean + water
        if weights is not None and fats is not None and waters is not None:
            weights.append(weight)
            fats.append(fat)
            waters.append(water)
        if weight <= until_kg:
            break
    return _State(weight, fat, lean, g, ecw, at)


def simulate(person: Person, daily_intake_kcal: float, days: int) -> Trajectory:
    """Day-by-day weight, fat and fat-free mass when eating a constant daily intake.

    Approach: the five-state adult model of Hall et al. 2011 (*Lancet* 378:826, web appendix
    eq. 1-9) with the NIH Body Weight Planner's constants. Fat F and lean L share the energy
    imbalance by Forbes' rule (p = C/(C+F), so dL/dF = 10.4/F); expenditure adapts through
    body mass, the thermic effect of food and adaptive thermogenesis; glycogen and
    extracellular water (sodium intake scaling with food intake) give the quick early drop.
    Fat and lean are stepped daily with RK4; the three fast linear states use their exact
    constant-intake solutions. Initial body fat is the BWP's regression on BMI and age.

    Args:
        person: who, today.
        daily_intake_kcal: constant intake from day 0, kcal/day, 0 or more.
        days: number of days to simulate, 0-3650.

    Returns:
        A ``Trajectory`` with ``days + 1`` daily values, day 0 being today.

    Raises:
        ValueError: for a negative or non-finite intake or a bad number of days.

    Example: the ``bw`` test person eating 2287 kcal/day, 216 below maintenance, is at
    70 kg after a year: 6 kg lost, where the 3500-kcal-per-pound rule would say 10.2 kg.
        >>> t = simulate(Person("male", 36, 1.73, 76, 1.5), 2287, 365)
        >>> len(t.weight_kg), round(t.weight_kg[-1], 1)
        (366, 70.0)
    """
    return simulate_phases(person, ((daily_intake_kcal, days),))


def simulate_until(person: Person, daily_intake_kcal: float, days: int, weight_kg: float) -> Trajectory:
    """As :func:`simulate`, but ending on the first day the weight is at or below ``weight_kg``
    (or after ``days`` days, if it never gets there): a plan's curve up to its goal, without
    stepping the days after it.

    Example: the ``bw`` test person on 2287 kcal/day gets to 72 kg on day 193.
        >>> t = simulate_until(Person("male", 36, 1.73, 76, 1.5), 2287, 3650, 72.0)
        >>> len(t.weight_kg) - 1, round(t.weight_kg[-1], 2)
        (193, 71.99)
    """
    intake = _check_intake(daily_intake_kcal)
    n_days = _check_days(days, 0)
    base = _baseline(person)
    out: list[list[float]] = [[base.weight], [base.fat], [0.0]]
    _integrate(base, intake, n_days, out, None, _checked_number("weight_kg", weight_kg, -math.inf, math.inf, " kg"))
    weights, fats, waters = out
    return Trajectory(
        weight_kg=tuple(weights),
        fat_kg=tuple(fats),
        lean_kg=tuple(w - f for w, f in zip(weights, fats, strict=True)),
        water_kg=tuple(waters),
    )


def simulate_phases(person: Person, phases: Sequence[tuple[float, int]]) -> Trajectory:
    """Day-by-day weight, fat and fat-free mass when eating one constant intake after another:
    ``phases`` is a sequence of (kcal/day, days), each starting where the one before ended.

    The model is the one of :func:`simulate`; a change of intake takes effect on the day it
    starts, and every state (glycogen, water and adaptive thermogenesis too) carries over, as
    in the NIH Body Weight Planner when a plan switches from losing to keeping the weight.

    Raises:
        ValueError: for a negative or non-finite intake, a bad number of days in a phase, or
            phases that add up to more than 3650 days.

    Example: a year at the ``bw`` test person's goal intake, then a year at the intake that
    holds the goal (:func:`intake_to_maintain`): the weight stays at the goal.
        >>> p = Person("male", 36, 1.73, 76, 1.5)
        >>> t = simulate_phases(p, ((2287, 365), (intake_to_maintain(p, 70), 365)))
        >>> round(t.weight_kg[365], 1), round(max(t.weight_kg[365:]), 1), round(t.weight_kg[-1], 1)
        (70.0, 70.1, 70.0)
    """
    checked = [(_check_intake(intake), _check_days(days, 0)) for intake, days in phases]
    _check_days(sum(days for _, days in checked), 0)
    base = _baseline(person)
    weights = [base.weight]
    fats = [base.fat]
    waters = [0.0]
    state = None
    for intake, n_days in checked:
        state = _integrate(base, intake, n_days, [weights, fats, waters], state)
    return Trajectory(
        weight_kg=tuple(weights),
        fat_kg=tuple(fats),
        lean_kg=tuple(w - f for w, f in zip(weights, fats, strict=True)),
        water_kg=tuple(waters),
    )


# --- Inversions ----------------------------------------------------------------------------------


def _linear_gain(base: _Baseline, days: int) -> float:
    """kg gained at ``days`` per extra kcal/day, from the linearised model (appendix eq. 10-15).

    rho_bar dW/dt = (1 - beta) dEI - eps (W - W0), so W(T) - W0 = dEI (1 - beta)(1 - e^-T/tau)
    / eps with tau = rho_bar / eps. Only a first guess for the secant search: it ignores the
    early water shift and the curvature of Forbes' rule.
    """
    alpha = FORBES_KG / base.fat
    rho_bar = (RHO_F + ETA_F + alpha * (RHO_L + ETA_L)) / (1.0 + alpha)
    eps = (GAMMA_F + alpha * GAMMA_L) / (1.0 + alpha) + base.delta
    tau = rho_bar / eps
    return (1.0 - BETA_TEF - BETA_AT) * (1.0 - math.exp(-days / tau)) / eps


def _days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _reach(base: _Baseline, goal: float, days: int) -> float:
    """Constant intake whose simulated weight on ``days`` is ``goal`` (safeguarded secant)."""
    upper = 5.0 * base.intake
    guess_slope = _linear_gain(base, days)

    def miss(intake: float) -> float:
        return _integrate(base, intake, days, None).weight - goal

    x = min(upper, max(0.0, base.intake + (goal - base.weight) / guess_slope))
    fx = miss(x)
    slope = guess_slope
    below: float | None = None  # largest intake known to undershoot the goal
    above: float | None = None  # smallest intake known to overshoot it
    for _ in range(_MAX_SOLVER_STEPS):
        if abs(fx) <= _REACH_TOLERANCE_KG:
            return x
        if fx < 0.0:
            below = x if below is None else max(below, x)
        else:
            above = x if above is None else min(above, x)
        nxt = x - fx / slope
        if below is not None and above is not None:
            if above - below < 1e-9:
                return 0.5 * (below + above)
            # The weight is monotonic in intake, so a step outside the bracket is a bad
            # secant (a floor made the response kink); bisect instead.
            if not below < nxt < above:
                nxt = 0.5 * (below + above)
        nxt = min(upper, max(0.0, nxt))
        if nxt == x:
            # Pinned at a search bound with the goal still beyond it.
            if x == 0.0:
                raise ValueError(
                    f"a goal of {goal:g} kg cannot be reached in {_days_text(days)}, "
                    "even eating nothing; allow more days"
                )
            raise ValueError(
                f"a goal of {goal:g} kg cannot be reached in {_days_text(days)} "
                f"even eating {upper:.0f} kcal a day; allow more days"
            )
        fn = miss(nxt)
        secant = (fn - fx) / (nxt - x)
        # Floors can make the response flat; then keep the last usable slope.
        if secant > 0.0 and math.isfinite(secant):
            slope = secant
        x, fx = nxt, fn
    raise ValueError(f"could not find an intake that reaches {goal:g} kg in {_days_text(days)}")


def intake_to_reach(person: Person, goal_weight_kg: float, days: int) -> float:
    """The constant daily intake (kcal/day) that brings ``person`` to the goal on day ``days``.

    Approach: as in the NIH Body Weight Planner's goal mode, the model of ``simulate``
    (Hall et al. 2011, *Lancet* 378:826, web appendix) is inverted for a constant intake.
    The weight on the goal day rises monotonically with intake, so a safeguarded secant
    search finds it, seeded by the linearised closed form (appendix eq. 10-15)
    ``dEI = eps dW / ((1 - beta)(1 - exp(-T/tau)))``; it typically needs 3-5 runs to land
    within 0.0001 kg of the goal.

    Args:
        person: who, today.
        goal_weight_kg: 30-350 kg.
        days: the day the goal is reached, 1-3650.

    Returns:
        Intake in kcal/day, 0 or more. Compare it with ``GUIDELINE_DIET_LOW_KCAL`` before
        presenting it as a plan.

    Raises:
        ValueError: for bad inputs, or when the goal cannot be reached in that time even
        eating nothing (or, for a gain, eating five times maintenance).

    Example (the ``bw`` R package's test case: 76 kg to 70 kg in a year, NIH value 2287):
        >>> round(intake_to_reach(Person("male", 36, 1.73, 76, 1.5), 70, 365))
        2287
    """
    goal = _check_goal(goal_weight_kg)
    n_days = _check_days(days, 1)
    return _reach(_baseline(person), goal, n_days)


def _balance_intake(base: _Baseline, weight: float, fat: float, lean: float) -> float:
    # Every derivative zero: EI = EE and Gflux = 0, so (1 - bTEF - bAT) EI = K + gF F + gL L
    # + d W (the BWP's cals4balance).
    return (base.k + GAMMA_F * fat + GAMMA_L * lean + base.delta * weight) / (1.0 - BETA_TEF - BETA_AT)


def _steady_water(base: _Baseline, intake: float) -> float:
    """Glycogen-bound and extracellular water at steady state on ``intake``, relative to day 0.

    dG/dt = 0 gives G = G0 sqrt(EI/EI0); dECW/dt = 0 gives ECW = (Na0 + xiCI)(r - 1)/xiNa.
    """
    ratio = max(0.0, intake / base.intake)
    glycogen = GLYCOGEN0_KG * math.sqrt(ratio)
    ecw = (SODIUM0_MG + XI_CI) * (ratio - 1.0) / XI_NA
    return GLYCOGEN_MASS_FACTOR * (glycogen - GLYCOGEN0_KG) + ecw


def _fat_on_forbes_curve(base: _Baseline, fat_plus_lean: float) -> float:
    """Fat mass F with F + L = ``fat_plus_lean`` on Forbes' curve L = L0 + 10.4 ln(F/F0).

    The model's partition p = C/(C+F) makes dL/dF = 10.4/F exactly, so every path from the
    starting body stays on this curve (until a floor binds). Newton's method in u = ln F,
    where e^u + 10.4 u is convex and increasing, converges from any start.
    """
    target = fat_plus_lean - base.lean + FORBES_KG * math.log(base.fat)
    u = math.log(base.fat)
    for _ in range(100):
        f = math.exp(u)
        step = (f + FORBES_KG * u - target) / (f + FORBES_KG)
        u -= step
        if abs(step) < 1e-13:
            break
    return math.exp(u)


def intake_to_maintain(person: Person, goal_weight_kg: float, days: int | None = None) -> float:
    """The daily intake (kcal/day) that holds the goal weight once it has been reached.

    Approach: the steady state of the ``simulate`` model (Hall et al. 2011, *Lancet*
    378:826, web appendix): with every derivative zero, ``EI = (K + gF F + gL L + delta W)
    / (1 - bTEF - bAT)``, the NIH Body Weight Planner's "calories for balance". The body at
    the goal lies on Forbes' curve through today's composition, and its glycogen and water
    depend on the intake, so the two are solved together by fixed-point iteration (it
    contracts about a hundredfold per step). This keeps the person's body-composition
    history, so it differs slightly from ``maintenance_intake`` of someone who already
    weighs the goal. Eating it from today on also ends at the goal, eventually.

    With ``days`` given, it returns the NIH planner's own figure instead: calories for
    balance in the exact state reached by ``intake_to_reach(person, goal, days)``. That
    state still has the glycogen and water of the diet, so after an aggressive cut this
    figure is up to about 20 kcal/day higher than the steady state, and switching to it
    settles a few hundred grams away from the goal.

    Args:
        person: who, today (before losing or gaining).
        goal_weight_kg: 30-350 kg.
        days: optional; the goal day of an NIH-style plan, 1-3650.

    Raises:
        ValueError: for bad inputs, or a goal so far below today's weight that the model
        cannot hold it at any intake (or, with ``days``, cannot reach it in time).

    Example (the ``bw`` R package's test case: after reaching 70 kg, NIH value 2360):
        >>> p = Person("male", 36, 1.73, 76, 1.5)
        >>> round(intake_to_maintain(p, 70)), round(intake_to_maintain(p, 70, days=365))
        (2358, 2360)
    """
    goal = _check_goal(goal_weight_kg)
    base = _baseline(person)
    if days is not None:
        n_days = _check_days(days, 1)
        reached = _integrate(base, _reach(base, goal, n_days), n_days, None)
        return _balance_intake(base, reached.weight, reached.fat, reached.lean)

    too_low = ValueError(
        f"a weight of {goal:g} kg is too far below today's {base.weight:g} kg for the model to hold it at any intake"
    )
    intake = base.intake
    for _ in range(100):
        fat_plus_lean = goal - _steady_water(base, intake)
        fat = max(base.fat_floor, _fat_on_forbes_curve(base, fat_plus_lean))
        lean = fat_plus_lean - fat
        if lean < base.lean_floor:
            raise too_low
        updated = _balance_intake(base, goal, fat, lean)
        if updated < 0.0:
            raise too_low
        if abs(updated - intake) < 1e-9:
            return updated
        intake = updated
    return intake


def healthy_weight_range_kg(height_m: float) -> tuple[float, float]:
    """Weights (kg) with a body-mass index of 18.5-24.9 at this height.

    Approach: BMI = weight / height^2 (WHO's "normal weight" band, 18.5-24.9 kg/m^2).

    Example:
        >>> low, high = healthy_weight_range_kg(1.73)
        >>> round(low, 1), round(high, 1)
        (55.4, 74.5)
    """
    height = _checked_number("height_m", height_m, *HEIGHT_RANGE_M, " m")
    return HEALTHY_BMI[0] * height**2, HEALTHY_BMI[1] * height**2
