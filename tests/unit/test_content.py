"""The content loader: the shipped content loads; each broken file is named with its field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from runners_face.content import CONTENT_DIR, GRADES, ContentError, load_content

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"

# fixture file -> (content file it replaces, field the error must name)
CASES = {
    "article__missing_title.md": ("article.md", "title"),
    "article__no_front_matter.md": ("article.md", "front matter"),
    "article__bad_date.md": ("article.md", "last_reviewed"),
    "article__heading_without_id.md": ("article.md", "heading 'A heading with no id'"),
    "article__planner_after_unknown.md": ("article.md", "planner_after"),
    "article__bad_yaml.md": ("article.md", "(file)"),
    "tips__missing_why.yaml": ("tips.yaml", "tips[1].why"),
    "tips__duplicate_id.yaml": ("tips.yaml", "tips[].id"),
    "tips__unknown_section.yaml": ("tips.yaml", "tips[1].section"),
    "tips__not_a_list.yaml": ("tips.yaml", "tips"),
    "tips__bad_id.yaml": ("tips.yaml", "tips[1].id"),
    "evidence__unknown_grade.yaml": ("evidence.yaml", "claims[1].grade"),
    "evidence__no_sources.yaml": ("evidence.yaml", "claims[1].sources"),
    "evidence__bad_year.yaml": ("evidence.yaml", "claims[1].sources[1].year"),
    "evidence__http_link.yaml": ("evidence.yaml", "claims[1].sources[1].url"),
    "evidence__grades_incomplete.yaml": ("evidence.yaml", "grades"),
    "glossary__missing_definition.yaml": ("glossary.yaml", "terms[1].definition"),
    "glossary__not_utf8.yaml": ("glossary.yaml", "(file)"),
    "page__missing_privacy.yaml": ("page.yaml", "privacy"),
}


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
        assert all(s.url is None or s.url.startswith("https://") for s in claim.sources)


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
