"""The one safety layer for amounts to eat: every sentence that names a daily intake gets it here.

An intake the page names is never below zero, and one under the low end of the weight-loss
diets a US guideline for doctors prescribes (1,200 kcal a day for women, 1,500 for men:
AHA/ACC/TOS 2013, Jensen and others, Circulation 129:S102) is always named in a warning of its
own; at 800 kcal a day or less the warning also says it is a very-low-calorie diet, which NICE
(CG189, 2014) advises only with clinical support. The decision is made on the number *as the
page prints it* (to the nearest kcal), so a figure printed as "1,200 kcal a day" is never called
below 1,200.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from runners_face.model import GUIDELINE_DIET_LOW_KCAL, Sex
from runners_face.wording import format_kcal

GUIDELINE_DIETS: Final = (
    "A US guideline for doctors (AHA/ACC/TOS, Jensen and others, 2013) sets weight-loss diets at "
    "1,200–1,500 kcal a day for women and 1,500–1,800 kcal a day for men."
)
RULE_3500: Final = "The rough **3500-calorie rule** says a pound of body fat holds about 3,500 kcal."
"""The rule's one statement; the sentence that uses it follows ("So this pace means ...")."""
FLOOR_WHO: Final[dict[Sex, str]] = {"female": "women", "male": "men"}
VERY_LOW_KCAL: Final = 800
VERY_LOW_DIETS: Final = (
    "A diet of 800 kcal a day or less is a very-low-calorie diet. NICE, which advises the UK's health service, "
    "says to use one only for some people with obesity, for 12 weeks at most, with ongoing clinical support "
    "(NICE, 2014)."
)
FAR_BELOW_SHARE: Final = 0.8
"""An intake under this share of the floor is "far less" than it; nearer, just "less"."""


@dataclass(frozen=True)
class Intake:
    """A daily intake the page may name, with the guideline floor for the reader's sex."""

    kcal: float
    sex: Sex

    @property
    def shown(self) -> int:
        """The number as printed: whole kcal."""
        return round(self.kcal)

    @property
    def floor(self) -> int:
        return GUIDELINE_DIET_LOW_KCAL[self.sex]

    @property
    def possible(self) -> bool:
        """False when there is nothing left to eat (the cut is as large as what is burned, or more)."""
        return self.shown > 0

    @property
    def below_floor(self) -> bool:
        return self.shown < self.floor

    @property
    def very_low(self) -> bool:
        """800 kcal a day or less: a very-low-calorie diet."""
        return self.shown <= VERY_LOW_KCAL

    @property
    def far_below(self) -> bool:
        return self.shown < FAR_BELOW_SHARE * self.floor

    @property
    def text(self) -> str:
        """ "1,279 kcal a day". Only for a possible intake: a sentence never prints a negative one."""
        if not self.possible:
            raise ValueError(f"an intake of {self.kcal:g} kcal a day is not something to eat")
        return format_kcal(self.shown)

    @property
    def floor_text(self) -> str:
        """ "the 1,200 kcal a day where guideline diets for women start"."""
        return f"the {format_kcal(self.floor)} where guideline diets for {FLOOR_WHO[self.sex]} start"

    @property
    def below_words(self) -> str:
        """ "less than the 1,200 kcal a day ...", or "far less than ..." when more than a fifth below."""
        return f"{'far less' if self.far_below else 'less'} than {self.floor_text}"
