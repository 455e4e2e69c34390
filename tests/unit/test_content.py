"""The content loader: the shipped content loads; each broken file is named with its field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from broken_cases import BROKEN, CASES

from runners_face.content import (
    CONTENT_DIR,
    GRADE_TOKEN,
    GRADES,
    REFERENCE_ID,
    SHORT_ANSWER_LINES,
    SHORT_WORDS,
    ContentError,
    heading_anchor,
    load_content,
)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_the_shipped_content_loads() -> None:
    content = load_content()
    assert content.article.sections
    assert len(content.tips) >= 5
    assert content.article.planner_after in {s.id for s in content.article.sections}


def test_every_fixture_is_used_by_a_case() -> None:
    assert {p.name for p in BROKEN.iterdir()} == set(CASES)


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_a_broken_file_is_named_with_its_field(content_copy: Path, fixture: str) -> None:
    target, field = CASES[fixture]
    shutil.copy(BROKEN / fixture, content_copy / target)
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert caught.value.path.name == target
    assert caught.value.field == field
    assert target in str(caught.value) and field in str(caught.value)


@pytest.mark.parametrize("name", ["article.md", "tips.yaml", "evidence.yaml", "glossary.yaml", "page.yaml"])
def test_a_missing_file_is_named(content_copy: Path, name: str) -> None:
    (content_copy / name).unlink()
    with pytest.raises(ContentError) as caught:
        load_content(content_copy)
    assert caught.value.path.name == name
    assert "missing" in caught.value.reason


def test_every_tip_points_at_an_article_section() -> None:
    content = load_content()
    ids = {s.id for s in content.article.sections}
    assert all(tip.section in ids for tip in content.tips)


def test_every_claim_has_a_defined_grade_and_a_source() -> None:
    evidence = load_content().evidence
    assert tuple(evidence.grades) == GRADES
    for claim in evidence.claims:
        assert claim.grade in GRADES
        assert claim.sources, claim.id
        assert all(s.url.startswith("https://") for s in claim.sources)


def test_the_article_keeps_each_claim_of_the_source() -> None:
    # Each piece of the original's advice and claims must survive the retelling.
    text = load_content().article.text.lower()
    for phrase in [
        "collagen",
        "1 to 2 pounds",
        "broad-spectrum",
        "lycopene",
        "tomatoes",
        "alpha-carotene",
        "carrots",
        "beta-carotene",
        "spinach",
        "genes",
        "outdoors",
        "fat transfer",
        "face-lift",
        "the youth corridor",
        "do not give it up",
        "not medical advice",
    ]:
        if phrase == "not medical advice":
            continue  # lives in page.yaml, checked below
        assert phrase in text, phrase
    assert "not medical advice" in load_content().page["disclaimer"]


def test_every_claim_section_exists_and_the_required_claims_are_there() -> None:
    content = load_content()
    ids = {c.id for c in content.evidence.claims}
    assert {"impact", "slow-loss", "sunscreen", "carotenoids", "exercise", "genetics", "surgery"} <= ids


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        # each pair seen as an id on the page drawn by Streamlit 1.67 (Markdown headings)
        ('What is "runner\'s face"?', "what-is-runners-face"),
        ("Why runners? Dr. Imber's view", "why-runners-dr-imbers-view"),
        ("Runner's face, explained", "runners-face-explained"),
        ("Prevention 1: lose weight slowly", "prevention-1-lose-weight-slowly"),
        ("Your skin-care checklist", "your-skin-care-checklist"),
        # each computed by the slugify function bundled in Streamlit 1.67's frontend (run in node)
        ("Dr. Imber\u2019s 1\u20132 lb & SPF30 UVs", "dr-imbers-1-2-lb-and-spf-30-uvs"),
        ("Sun & sea \u2014 tips", "sun-and-sea-tips"),
        ("Why it\u2019s \u201cslow\u201d", "why-its-slow"),
        ("iPhone and USB2 tips", "i-phone-and-usb-2-tips"),
        ("CDCGuidance FAQs", "cdc-guidance-faqs"),
        ("A-B--C", "a-b-c"),
    ],
)
def test_heading_anchors_follow_streamlits_rules(heading: str, anchor: str) -> None:
    assert heading_anchor(heading) == anchor


# --- the reference list and the short answer (issue 20) ------------------------------------


def test_each_source_is_listed_once_and_numbered_in_the_order_the_page_cites_it() -> None:
    evidence = load_content().evidence
    references = evidence.references()
    cited = [source.url for claim in evidence.claims for source in claim.sources]
    assert len(cited) > len(references)  # some sources back several claims...
    assert [source.url for source in references] == list(dict.fromkeys(cited))  # ...and are listed once
    assert [evidence.number(source) for source in references] == list(range(1, len(references) + 1))
    # The twin study backs four claims in four sections, and is one entry.
    twins = [s for s in references if s.title.startswith("Factors contributing to the facial aging")]
    assert len(twins) == 1
    assert evidence.cited_in(twins[0]) == ("what-is-it", "why-runners", "myth-or-fact", "prevention-sun")


def test_the_claims_are_in_the_pages_order(content_copy: Path) -> None:
    # Whatever their order in evidence.yaml, the claims (and so the citation numbers) follow the
    # article's sections: [1] is the first source under the first section.
    path = content_copy / "evidence.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"].reverse()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    content = load_content(content_copy)
    order = [section.id for section in content.article.sections]
    places = [order.index(claim.section) for claim in content.evidence.claims]
    assert places == sorted(places)
    first = content.evidence.for_section(order[0])[0].sources[0]
    assert content.evidence.number(first) == 1


def test_a_reference_id_never_clashes_with_a_heading_id() -> None:
    evidence = load_content().evidence
    ids = {evidence.reference_id(source) for source in evidence.references()}
    assert all(REFERENCE_ID in i for i in ids) and "_" in REFERENCE_ID
    assert "_" not in heading_anchor("Ref_1 and ref 1")  # a heading's id has no underscore


def test_every_claim_has_a_short_summary_of_at_most_the_word_limit() -> None:
    for claim in load_content().evidence.claims:
        assert 0 < len(claim.short.split()) <= SHORT_WORDS, claim.id
        assert claim.short != claim.summary, claim.id


def test_the_short_answer_gives_the_evidence_the_articles_pace_and_keep_running() -> None:
    content = load_content()
    answer = content.short_answer
    assert 1 <= len(answer) <= SHORT_ANSWER_LINES
    claims = {claim.id for claim in content.evidence.claims}
    for line in answer:
        assert GRADE_TOKEN.findall(line) and set(GRADE_TOKEN.findall(line)) <= claims, line
    text = " ".join(answer)
    assert "the article advises about 1–2 lb (0.45–0.9 kg) a week" in text
    assert "{grade:slow-loss}" in text and "{grade:impact}" in text
    assert "Keep running" in text
    # The pace and the verdict are the article's, not Dr. Imber's (he is credited with neither).
    assert "Imber" not in text
