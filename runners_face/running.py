"""The reader's running as energy: what it burns, and how a change in it shares the plan's
calorie gap with the diet. Pure (no Streamlit); the planner's words are made from these figures.

**The figure.** Running on the flat costs about 1 kcal per kg of body weight per km, nearly
independent of speed (Margaria and others, J Appl Physiol 1963;18:367: "net kilocalories per
kilogram per kilometer", independent of speed, about 1 kcal/kg/km on the level). Later
measurements in 16 trained men found 1.05-1.11 kcal/kg/km, rising a little with speed (Fletcher,
Esau and MacIntosh, J Appl Physiol 2009;107:1918); runners differ by about a fifth (Lacour and
Bourdin, Eur J Appl Physiol 2015;115:651).

**Net, not gross.** The page uses the *net* figure, the energy above resting: what the body burns
at rest it burns whether the reader runs or not, and it is already in what they burn today (the
model's resting rate, or the 3500-rule gap's "what you burn"). Counting the gross figure would
count the resting part twice. (At rest the body burns about 1 kcal per kg an hour; at 10 km an
hour a km takes 6 minutes, so a gross figure is about 0.1 kcal/kg/km higher.)

**Only a change counts.** Running the reader already does is part of what they burn today, so it
changes nothing in the gap; only running more (or less) while losing moves part of the gap from
the diet to the running (or back).

Figures are printed to the nearest 10 kcal (the figure itself is good to a tenth or so at best),
and the diet cut is the printed gap less the printed running figure, so the sums on the page add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from runners_face.pace import pace_for_deficit

KCAL_PER_KG_KM: Final = 1.0
"""Net energy of running on the flat, kcal per kg of body weight per km (Margaria and others, 1963)."""
ROUND_KCAL: Final = 10
"""Running figures are printed to the nearest 10 kcal."""


def kcal_a_week(weight_kg: float, km_a_week: float) -> float:
    """The net energy of ``km_a_week`` of running a week for someone weighing ``weight_kg``.

    >>> kcal_a_week(82.0, 20.0)
    1640.0
    """
    return KCAL_PER_KG_KM * weight_kg * km_a_week


def activity_kcal_per_kg_day(km_a_week: float) -> float:
    """The same energy per kg of body weight per day: the model's physical-activity term grows by
    this for each extra ``km_a_week`` (so it scales with the weight as the weight falls)."""
    return KCAL_PER_KG_KM * km_a_week / 7


def shown_kcal(kcal: float) -> int:
    """A running figure as printed: to the nearest 10 kcal (halves away from zero)."""
    sign = -1 if kcal < 0 else 1
    return sign * int(abs(kcal) / ROUND_KCAL + 0.5) * ROUND_KCAL


@dataclass(frozen=True)
class RunShare:
    """How the reader's running shares one plan's daily gap (kcal a day, as printed).

    ``gap_kcal`` is the plan's 3500-rule gap to the nearest kcal; ``change_kcal`` what the change
    in running adds to what is burned (negative for running less), to the nearest 10; and
    ``diet_kcal`` the diet cut that remains, ``gap_kcal - change_kcal``: 0 or less when the
    extra running covers the whole gap (then it is what could be eaten *more* than now).
    """

    now_km: float
    planned_km: float
    week_kcal: int
    """What the running now burns in a week (net), to the nearest 10 kcal."""
    day_kcal: int
    """The same a day, to the nearest 10 kcal."""
    gap_kcal: int
    change_kcal: int
    exact_change_kcal: float
    exact_gap_kcal: float

    @property
    def diet_kcal(self) -> int:
        return self.gap_kcal - self.change_kcal

    @property
    def changed(self) -> bool:
        """Whether the reader means to run more or less while losing than now."""
        return self.planned_km != self.now_km

    @property
    def same_diet_pace_kg(self) -> float:
        """The weekly pace at the plan's whole diet cut with the change in running as well (kg; 0 or
        less when running less cancels the gap)."""
        return pace_for_deficit(self.exact_gap_kcal + self.exact_change_kcal)


def share(weight_kg: float, now_km: float, planned_km: float, gap_kcal: float) -> RunShare:
    """The running's figures for a plan whose 3500-rule gap is ``gap_kcal`` a day.

    >>> s = share(82.0, 20.0, 30.0, 500.0)
    >>> s.week_kcal, s.day_kcal, s.change_kcal, s.diet_kcal
    (1640, 230, 120, 380)
    """
    change = kcal_a_week(weight_kg, planned_km - now_km) / 7
    return RunShare(
        now_km=now_km,
        planned_km=planned_km,
        week_kcal=shown_kcal(kcal_a_week(weight_kg, now_km)),
        day_kcal=shown_kcal(kcal_a_week(weight_kg, now_km) / 7),
        gap_kcal=round(gap_kcal),
        change_kcal=shown_kcal(change),
        exact_change_kcal=change,
        exact_gap_kcal=gap_kcal,
    )
