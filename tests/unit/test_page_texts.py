"""The page's own short texts (page.yaml) and the glossary say what is true (issue 19): where a
reader's data is, who the planner is not for, how the weigh-ins are worked out, and what the
technical words mean."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import streamlit.config

from runners_face.content import load_content
from runners_face.weighin_trend import SMOOTHING

ROOT = Path(__file__).resolve().parents[2]


def words(text: str) -> str:
    """The text as one line (YAML keeps the line breaks of a Markdown paragraph)."""
    return re.sub(r"\s+", " ", text)


# --- where a reader's data is -------------------------------------------------------------


def test_both_privacy_lines_put_weigh_ins_in_the_browser_and_only_in_the_servers_memory() -> None:
    # Issue 22: the weigh-ins are kept in the reader's browser (this tab, or this device if they
    # ask); the server holds them only in memory while the session lasts. Both lines say the same.
    page = load_content().page
    for key in ("privacy", "weighins_privacy"):
        text = words(page[key])
        assert "in your browser" in text and "this tab" in text and "this device" in text, key
        assert "only in its memory while" in text, key
        assert "about 2 minutes" in text, key
        for place in ("link", "logs", "disk"):
            assert place in text, (key, place)


def test_the_privacy_note_names_the_controls_the_section_draws() -> None:
    from runners_face.weighin_report import FORGET_LABEL, KEEP_LABEL

    text = words(load_content().page["weighins_privacy"])
    assert f'"{KEEP_LABEL}"' in text and f'"{FORGET_LABEL}"' in text


def test_the_page_wide_privacy_line_does_not_promise_what_community_cloud_breaks() -> None:
    # Streamlit Community Cloud forces browser.gatherUsageStats on, and Streamlit's usage
    # statistics carry the page's address (window.location.href), which holds the plan.
    text = words(load_content().page["privacy"])
    assert "sent to anyone else" not in text and "sent to no one" not in text
    assert "Streamlit Community Cloud" in text and "usage statistics" in text and "address" in text


def test_the_two_minutes_after_closing_are_streamlits_disconnected_session_ttl() -> None:
    # A closed page's session is kept for server.disconnectedSessionTTL seconds in case the page
    # reconnects; the project's config does not change Streamlit's default of 120 s.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert "disconnectedSessionTTL" not in config.get("server", {})
    assert streamlit.config._config_options_template["server.disconnectedSessionTTL"].default_val == 120


# --- the disclaimer, once at the top and once at the planner -------------------------------


def every_fixed_text() -> dict[str, str]:
    content = load_content()
    texts = {f"page.yaml: {key}": words(value) for key, value in content.page.items()}
    texts |= {f"article.md: {s.id}": words(s.body) for s in content.article.sections}
    texts |= {f"article.md: {key}": getattr(content.article, key) for key in ("standfirst", "source", "voices")}
    texts |= {f"evidence.yaml: {c.id}": words(f"{c.claim} {c.short} {c.summary}") for c in content.evidence.claims}
    texts |= {f"tips.yaml: {t.id}": f"{t.text} {t.why}" for t in content.tips}
    texts |= {"page.yaml: short_answer": words(" ".join(content.short_answer))}
    return texts


def test_not_medical_advice_is_said_at_the_top_and_at_the_planner_only() -> None:
    # The review counted "not medical advice" 4 times and "talk to a doctor" 3 times (issue 20).
    texts = every_fixed_text()
    said = sorted(where for where, text in texts.items() if "not medical advice" in text.lower())
    assert said == ["page.yaml: disclaimer", "page.yaml: planner_disclaimer"]
    doctor = [where for where, text in texts.items() if "talk to a doctor" in text.lower()]
    assert doctor == ["page.yaml: disclaimer"]


# --- who the planner is not for -----------------------------------------------------------


def test_who_the_planner_is_not_for_includes_people_already_underweight_and_on_medicines() -> None:
    text = words(load_content().page["not_for"])
    for who in ("under 18", "pregnant", "breastfeeding", "eating disorder", "already underweight (a BMI under 18.5)"):
        assert who in text, who
    assert "medicines" in text and "diabetes" in text


def test_who_the_planner_is_not_for_names_its_sources() -> None:
    # The NHS's own limits for its weight-loss plan, and NICE's advice on conditions to check first.
    text = words(load_content().page["not_for"])
    assert "The NHS sets the same kind of limits for its own weight-loss plan" in text
    assert "NICE" in text and "type 2 diabetes" in text and "heart failure" in text and "angina" in text


# --- the planner's fixed notes ------------------------------------------------------------


def test_the_model_note_gives_no_unsourced_spread_and_no_false_conversion() -> None:
    # "several kilograms (several pounds)": several kilograms is about twice as many pounds,
    # and the size of the spread had no source.
    text = words(load_content().page["model_note"])
    assert "several" not in text
    assert "vary around it" in text


def test_a_fixed_calorie_cut_loses_less_it_does_not_slow_down() -> None:
    text = words(load_content().page["about_you_invitation"])
    assert "cut slows down" not in text
    assert "the same calorie cut loses less weight each week" in text


# --- the weigh-ins' fixed words -----------------------------------------------------------


def test_the_3500_rule_is_per_pound_of_body_fat_with_a_thousands_separator() -> None:
    text = words(load_content().page["weighins_method"])
    assert "about 3,500 kcal per pound of body fat" in text
    assert not re.search(r"\b3500\b", text)


def test_the_weigh_ins_method_says_how_its_trend_differs_from_the_hackers_diet() -> None:
    # Missing days are filled in on a straight line between weigh-ins (TrendWeight's way).
    text = words(load_content().page["weighins_method"])
    assert "The Hacker's Diet" in text and "TrendWeight" in text
    assert "a day with no weigh-in is filled in on a straight line between the weigh-ins either side" in text


def test_the_pace_is_the_fitted_lines_slope_and_the_smoothed_line_is_named_for_its_lag() -> None:
    page = load_content().page
    intro, method = words(page["weighins_intro"]), words(page["weighins_method"])
    assert "from the trend" not in intro
    assert "fits a straight line through your weigh-ins of the last 4 weeks" in intro
    assert "your pace is the slope of a straight line fitted to your weigh-ins of the last 4 weeks" in method
    # An exponential moving average lags a steady change by (1 - a) / a days.
    lag_days = round((1 - SMOOTHING) / SMOOTHING)
    assert "The smoothed line is the trend from The Hacker's Diet" in method
    assert f"it lags behind: on a steady loss, by about {lag_days} days" in method
    assert "yesterday's trend" in method  # "from the day before" read as yesterday's weigh-in


def test_the_weekend_pattern_is_orsamas() -> None:
    assert "(Orsama and others, Obesity Facts, 2014)" in words(load_content().page["weighins_method"])


# --- the glossary -------------------------------------------------------------------------


def test_the_glossary_defines_the_jargon_the_review_found_undefined() -> None:
    terms = {term.term.split(" (")[0].lower() for term in load_content().glossary}
    assert {"kcal", "lean mass", "spf", "randomised", "odds", "slope", "maintenance", "microsuction"} <= terms
    assert "photo-ageing" not in terms  # defined, but the page never used it


def test_the_glossary_says_the_3500_calorie_rule_counts_in_kcal() -> None:
    kcal = next(term for term in load_content().glossary if term.term.startswith("kcal"))
    assert "3,500-calorie rule" in kcal.definition


# --- the README ---------------------------------------------------------------------------


def readme() -> str:
    return words((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_says_where_the_fixed_and_the_generated_words_are() -> None:
    text = readme()
    assert "All prose lives in `content/`" not in text
    assert "The fixed prose lives in `content/`" in text
    assert "`runners_face/planner.py`" in text and "`runners_face/weighin_report.py`" in text


def test_the_readme_credits_the_weekly_rhythm_to_turicchi_and_others() -> None:
    text = readme()
    assert "0.35 % of body weight (Turicchi and others, PLoS One, 2020)" in text
    assert "0.35 % of body weight (Orsama" not in text
