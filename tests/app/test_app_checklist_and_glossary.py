"""The checklist says whose tip each one is and how good its evidence is; the glossary defines
only words the page uses (issue 19). In Streamlit's AppTest, without a browser."""

from __future__ import annotations

import re

from app_helpers import text_of
from streamlit.testing.v1 import AppTest

from runners_face.content import OWN_TIP, load_content
from runners_face.views.article_view import DETAILS_KEY, GLOSSARY_KEY, glossary_markdown
from runners_face.views.checklist_view import tip_key


def test_our_own_tips_are_marked_in_words_in_their_checkbox_labels(app: AppTest) -> None:
    app.run()
    assert not app.exception
    content = load_content()
    for tip in content.tips:
        label = app.checkbox(key=tip_key(tip.id)).label
        # In the label itself, so a screen reader says it with the checkbox; never colour alone.
        assert label.startswith(f"{OWN_TIP}: ") == tip.own, (tip.id, label)
        assert tip.text in label
        # Plain text: Streamlit copies the label, as written, into the checkbox's aria-label.
        assert not re.search(r"[*_`\[\]]", label), label
    assert {tip.id for tip in content.tips if tip.own} == {"shade", "food-not-pills"}
    assert f'Tips marked "{OWN_TIP}" are ours' in re.sub(r"\s+", " ", text_of(app))


def test_every_tip_shows_the_grade_of_its_evidence_and_why(app: AppTest) -> None:
    app.run()
    content = load_content()
    checklist = [m.value for m in app.markdown if m.value.startswith(":") and "Why: " in m.value]
    assert len(checklist) == len(content.tips)
    for tip, note in zip(content.tips, checklist, strict=True):
        grade = content.evidence.claim(tip.evidence).grade
        assert f"Evidence: {grade}]" in note and tip.why in note, tip.id


def page_words(app: AppTest) -> str:
    """What a reader can read on the page (the evidence's details open), without the glossary itself."""
    glossary = glossary_markdown(load_content().glossary)
    text = text_of(app)
    assert text.count(glossary) == 1
    parts = [text.replace(glossary, ""), *(box.label for box in app.checkbox), *(h.proto.body for h in app.get("html"))]
    return "\n".join(parts)


def fixed_words() -> str:
    """Every fixed text, including those the page shows only at some inputs (the weigh-ins'
    method shows once there is a pace to explain)."""
    content = load_content()
    parts = [content.article.text, *content.page.values(), *content.evidence.grades.values()]
    parts += [f"{c.claim} {c.short} {c.summary}" for c in content.evidence.claims]
    parts += [f"{t.label} {t.why}" for t in content.tips]
    return "\n".join(parts)


def test_every_glossary_term_is_used_on_the_page(app: AppTest) -> None:
    # "Photo-ageing" was defined but never used; "Elasticity" was defined where the page says
    # "elastic". A fast pace with About you brings in the planner's words (kcal, lean mass).
    app.query_params.update(
        {"weight": "180", "goal": "165", "pace": "2", "sex": "female", "age": "40", "height": "165"}
    )
    app.session_state[DETAILS_KEY] = app.session_state[GLOSSARY_KEY] = True  # both disclosures open
    app.run()
    assert not app.exception
    assert glossary_markdown(load_content().glossary) in [m.value for m in app.markdown]
    used = (page_words(app) + "\n" + fixed_words()).lower()
    for term in load_content().glossary:
        word = re.sub(r"\s*\([^)]*\)", "", term.term).strip().lower()  # "kcal (kilocalorie)" -> "kcal"
        assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", used), term.term


def test_the_glossary_is_behind_a_disclosure_drawn_only_while_open(app: AppTest) -> None:
    app.run()
    glossary = glossary_markdown(load_content().glossary)
    assert glossary not in [m.value for m in app.markdown]
    assert any(e.label == "Words used on this page" for e in app.expander)
    app.session_state[GLOSSARY_KEY] = True
    app.run()
    assert glossary in [m.value for m in app.markdown]
