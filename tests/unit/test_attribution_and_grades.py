"""Who said what, and what the studies found: the shipped words credit each view to whoever the
source article credits, and grade claims by the page's own definitions (issue 11)."""

from __future__ import annotations

import re

import pytest

from runners_face.content import Content, load_content

MAGAZINE_VOICE = ("prevention-weight", "prevention-sun", "prevention-food", "bottom-line")
"""Sections whose advice the source article gives in the magazine's own voice, not quoting Dr. Imber."""
IMBER_SECTIONS = ("what-is-it", "why-runners", "can-it-be-fixed")
"""The only sections in which the source article quotes or reports Dr. Imber's views."""

MISATTRIBUTIONS = (
    # Words the source does not credit to Dr. Imber, or that it does not say at all.
    "sees it often",
    "each stride",
    'small "jolt"',
    "over many years",
    "he advises",
    "dr. imber's second tip",
    "dr. imber's verdict",
    "dr. imber says running's benefits",
    "dr. imber recommends",
    "dr. imber says a slow loss",
    "dr. imber says carotenoids",
    "puts the stress on prevention",
    # Overstatements of the studies.
    "likelier cause",
    "more likely cause",
    "people who did not run",
    "now and then",
    "blocks both",
    "blocks uva",
    "did not help skin",
    "may matter more than the speed",
)


def shipped_text(content: Content) -> dict[str, str]:
    """Every piece of prose a reader can see, by where it lives."""
    article = content.article
    parts = {
        "article.md: title": article.title,
        "article.md: standfirst": article.standfirst,
        "article.md: expert": article.expert,
        "article.md: source": article.source,
    }
    for section in article.sections:
        parts[f"article.md: {section.id}"] = f"{section.title}\n{section.body}"
    for tip in content.tips:
        parts[f"tips.yaml: {tip.id}"] = f"{tip.text}\n{tip.why}"
    for grade, definition in content.evidence.grades.items():
        parts[f"evidence.yaml: grade {grade}"] = definition
    for claim in content.evidence.claims:
        parts[f"evidence.yaml: {claim.id}"] = f"{claim.claim}\n{claim.summary}"
    for term in content.glossary:
        parts[f"glossary.yaml: {term.term}"] = term.definition
    for key, value in content.page.items():
        parts[f"page.yaml: {key}"] = value
    return parts


def test_no_phrase_the_review_found_misattributed_or_overstated_is_shipped() -> None:
    found = [
        (where, phrase)
        for where, text in shipped_text(load_content()).items()
        for phrase in MISATTRIBUTIONS
        if phrase in text.lower().replace("\u2019", "'")
    ]
    assert not found, found


@pytest.mark.parametrize("section_id", MAGAZINE_VOICE)
def test_the_magazines_own_advice_is_credited_to_the_article_not_to_dr_imber(section_id: str) -> None:
    content = load_content()
    body = content.article.section(section_id).body
    assert "the article" in body.lower(), section_id
    assert "imber" not in body.lower(), section_id
    # "he", "his" or "him" here could only mean Dr. Imber: the article has no other person.
    assert not re.search(r"\b(he|his|him)\b", body, flags=re.IGNORECASE), section_id
    for claim in content.evidence.for_section(section_id):
        assert claim.claim.startswith("The article says"), claim.id
    for tip in content.tips:
        if tip.section == section_id:
            assert "imber" not in f"{tip.text} {tip.why}".lower(), tip.id


def test_the_planner_range_is_the_articles_not_dr_imbers() -> None:
    intro = load_content().page["planner_intro"]
    assert "the article" in intro and "Imber" not in intro


def test_every_claim_says_who_made_it_and_dr_imber_only_where_the_source_reports_him() -> None:
    for claim in load_content().evidence.claims:
        assert claim.claim.startswith(("Dr. Imber says", "The article says")), claim.id
        if claim.claim.startswith("Dr. Imber says"):
            assert claim.section in IMBER_SECTIONS, claim.id


def test_dr_imbers_reported_words_are_kept_as_the_source_reports_them() -> None:
    article = load_content().article
    assert '"common in long-time runners"' in article.section("what-is-it").body
    why = article.section("why-runners").body
    assert "Dr. Imber" in why and '"jolt"' in why and "collagen" in why and "overnight" in why
    fixes = article.section("can-it-be-fixed").body
    assert "mini face-lifts" in fixes and "fat transfers" in fixes and "texture" in fixes


def test_a_claim_whose_summary_opens_by_saying_no_study_tested_it_is_graded_none() -> None:
    # By the page's own definitions, "none" means no study in people has tested the claim.
    untested = [c for c in load_content().evidence.claims if c.summary.startswith("No study has")]
    assert {c.id for c in untested} >= {"slow-loss", "impact"}
    assert all(c.grade == "none" for c in untested), [(c.id, c.grade) for c in untested]


def test_the_sunscreen_summary_gives_the_trial_its_comparison_and_its_odds_ratio() -> None:
    claim = next(c for c in load_content().evidence.claims if c.id == "sunscreen")
    for fact in ("903", "under 55", "4.5 years", "when they chose", "0.76", "0.59", "0.98", "not big enough"):
        assert fact in claim.summary, fact
    # One trial does not meet the page's own definition of "strong" (several trials that agree).
    assert claim.grade != "strong"


def test_sunscreen_is_said_to_reduce_uv_light_not_to_block_it() -> None:
    content = load_content()
    term = next(t for t in content.glossary if t.term == "Broad-spectrum")
    assert "reduces" in term.definition and "block" not in term.definition
    assert "reduces both kinds of UV" in content.article.section("prevention-sun").body
