"""The app in Streamlit's AppTest: each behaviour a reader relies on, without a browser."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest
from app_helpers import APP, chart, commit_pace, pace_control, page_title, text_of, warnings_of
from broken_cases import BROKEN, CASES
from streamlit.testing.v1 import AppTest

from runners_face.charts import CHART_ALT, MODEL
from runners_face.content import CONTENT_DIR, PAGE_HEADINGS, REFERENCE_ID, heading_anchor, load_content
from runners_face.views.article_view import CONTENTS, DETAILS_KEY, DETAILS_LABEL, GRADE_COLOURS


def test_the_page_loads_with_no_exception(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert page_title(app) == "Runner's face, explained"
    assert "At **1 lb a week** you would reach **165 lb**" in text_of(app)
    assert "after **15 weeks**" in text_of(app)


def test_a_pace_commit_reaches_the_plan_and_the_link(app: AppTest) -> None:
    # The chart and the words hold every pace and follow the control in the browser; Python
    # takes the pace for the plan and the link. (In the browser a commit runs only the control's
    # fragment: tests/browser/test_live_chart.py; AppTest cannot run one fragment alone.)
    app.run()
    spec_before, data_before, alt_before = chart(app)
    commit_pace(app, "lb:2")
    assert not app.exception
    assert "At **2 lb a week** you would reach **165 lb**" in text_of(app)
    assert "after **7 weeks and 4 days**" in text_of(app)
    assert app.query_params["pace"] in ("2", ["2"])
    # The next whole-page run sends the very same chart, so the browser keeps the one it has.
    app.run()
    spec_after, data_after, alt_after = chart(app)
    assert spec_before == spec_after
    assert alt_before == alt_after == CHART_ALT
    assert data_before.equals(data_after)


def test_a_pace_commit_does_not_move_the_control_under_the_readers_hand(app: AppTest) -> None:
    app.run()
    nonce = pace_control(app)["nonce"]
    commit_pace(app, "lb:1.5")
    app.run()
    assert pace_control(app)["nonce"] == nonce  # the control keeps what the reader has
    app.radio(key="units").set_value("kg").run()
    moved = pace_control(app)
    # 1.5 lb a week, in kilograms on the control's steps: 0.7 kg a week.
    assert moved["nonce"] != nonce and moved["scale"]["values"][moved["step"]] == "0.7 kg a week"


def test_a_pace_commit_with_the_table_open_reruns_only_what_follows_the_words(app: AppTest) -> None:
    # The table is made for one pace: it follows a commit in its own fragment (the callback's
    # st.rerun of that fragment), and the chart is not sent again.
    app.session_state["planner_table"] = True  # the table's expander is open
    app.run()
    commit_pace(app, "lb:1.5")
    assert not app.exception
    assert len(app.get("vega_lite_chart")) == 0  # only the fragment ran
    (table,) = app.table
    assert "at your pace of 1.5 lb a week" in text_of(app)
    assert table.value["Your pace"].iloc[1] == "178.5"  # 180 lb less 1.5 lb after a week


def test_a_commit_from_other_units_is_ignored(app: AppTest) -> None:
    app.run()
    commit_pace(app, "kg:0.5")
    assert not app.exception
    assert "At **1 lb a week**" in text_of(app)


def test_the_presets_are_steps_of_the_control_with_its_words(app: AppTest) -> None:
    # The presets are buttons in the control (they set its input in the browser, as a move).
    app.run()
    scale = pace_control(app)["scale"]
    assert [scale["values"][step] for step in scale["presets"]] == [
        "0.5 lb a week",
        "1 lb a week",
        "1.5 lb a week",
        "2 lb a week",
    ]
    commit_pace(app, "lb:0.5")
    assert "At **0.5 lb a week**" in text_of(app)
    assert "Slower than the article's range" in text_of(app)


def test_a_fast_pace_says_so_offers_the_fastest_inside_and_explains_why(app: AppTest) -> None:
    app.query_params.update({"weight": "180", "goal": "165", "pace": "3"})
    app.run()
    text = text_of(app)
    assert "Faster than the article advises" in text and "gallstones" in text
    assert "Try 2 lb a week" in text and "At 2 lb a week you would reach your goal on" in text


def test_the_control_has_words_for_every_step_with_the_goal_date(app: AppTest) -> None:
    app.run()
    control = pace_control(app)
    scale = control["scale"]
    assert control["label"] == "Weekly pace (lb a week)"
    assert len(scale["values"]) == len(scale["spoken"]) == len(scale["queries"]) == 12
    one = scale["values"].index("1 lb a week")
    assert "in 15 weeks" in scale["spoken"][one] and scale["spoken"][one].startswith("1 lb a week.")
    assert (
        "pace=1&" in scale["queries"][one] + "&"
        and scale["announce"][one] == "1 lb a week: Inside the article's range."
    )


def test_switching_units_and_back_gives_back_the_numbers_typed(app: AppTest) -> None:
    app.run()
    app.radio(key="units").set_value("kg").run()
    assert not app.exception
    assert app.number_input(key="weight").value == pytest.approx(81.6)
    assert app.number_input(key="goal").value == pytest.approx(74.8)
    control = pace_control(app)
    assert control["scale"]["values"][control["step"]] == "0.45 kg a week"
    assert "kg a week" in text_of(app)
    app.radio(key="units").set_value("st").run()
    assert app.number_input(key="weight_st").value == 12
    assert app.number_input(key="weight_st_lb").value == pytest.approx(12.0)
    app.radio(key="units").set_value("lb").run()
    assert (app.number_input(key="weight").value, app.number_input(key="goal").value) == (180.0, 165.0)
    assert "At **1 lb a week** you would reach **165 lb**" in text_of(app)


def test_a_metric_pace_survives_pounds_and_back(app: AppTest) -> None:
    app.query_params["units"] = "kg"
    app.run()
    app.radio(key="units").set_value("lb").run()
    app.radio(key="units").set_value("kg").run()
    assert "At **0.5 kg a week**" in text_of(app)


def test_stones_outside_the_planners_range_are_shown_as_used_with_a_note(app: AppTest) -> None:
    app.query_params["units"] = "st"
    app.run()
    app.number_input(key="goal_st").set_value(4).run()
    app.number_input(key="goal_st_lb").set_value(0.0).run()
    assert not app.exception
    assert (app.number_input(key="goal_st").value, app.number_input(key="goal_st_lb").value) == (4, 10.2)
    assert "4 st is outside what the planner takes" in text_of(app)
    assert "reach **4 st 10.2 lb**" in text_of(app)


def test_a_height_outside_the_range_is_shown_as_used_with_a_note(app: AppTest) -> None:
    app.run()
    app.number_input(key="height_ft").set_value(7).run()
    app.number_input(key="height_in").set_value(11.5).run()
    assert (app.number_input(key="height_ft").value, app.number_input(key="height_in").value) == (7, 6.5)
    assert "7 ft 11.5 in is outside what the planner takes" in text_of(app)


def test_editing_age_keeps_the_height_as_typed(app: AppTest) -> None:
    app.query_params.update({"units": "kg", "height": "165", "sex": "female", "age": "40", "activity": "1.6"})
    app.run()
    app.query_params.clear()
    app.radio(key="units").set_value("lb").run()
    app.number_input(key="age").set_value(41).run()
    app.radio(key="units").set_value("kg").run()
    assert app.number_input(key="height_cm").value == 165


def test_a_goal_at_or_above_the_weight_shows_a_message_instead_of_a_chart(app: AppTest) -> None:
    app.run()
    app.number_input(key="goal").set_value(190.0).run()
    assert not app.exception
    assert "at or above your current weight" in text_of(app)
    assert len(app.get("vega_lite_chart")) == 0


def test_ticking_a_tip_updates_the_progress(app: AppTest) -> None:
    app.run()
    app.checkbox(key="tip_sunscreen").check().run()
    progress = app.get("progress")[0].proto
    assert "1 of 6" in progress.text
    assert app.query_params["tips"] in ("sunscreen", ["sunscreen"])  # AppTest keeps str or list
    app.button(key="reset_ticks").click().run()
    assert "0 of 6" in app.get("progress")[0].proto.text
    assert not app.checkbox(key="tip_sunscreen").value


def test_the_link_seeds_the_whole_state(app: AppTest) -> None:
    app.query_params.update({"units": "kg", "weight": "90", "goal": "80", "pace": "0.7", "tips": "sunscreen,shade"})
    app.run()
    assert not app.exception
    assert app.number_input(key="weight").value == 90
    control = pace_control(app)
    assert control["scale"]["values"][control["step"]] == "0.7 kg a week"
    assert app.checkbox(key="tip_sunscreen").value and app.checkbox(key="tip_shade").value
    assert "2 of 6" in app.get("progress")[0].proto.text
    assert "At **0.7 kg a week** you would reach **80 kg**" in text_of(app)


def test_a_hostile_link_shows_safe_values_and_a_note(app: AppTest) -> None:
    app.query_params.update({"weight": "NaN", "pace": "1e309", "units": "<b>kg</b>", "evil": "[x](javascript:1)"})
    app.run()
    assert not app.exception
    note = " ".join(w.value for w in app.warning)
    assert "could not be used" in note and "'weight'" in note and "javascript" not in note
    # The link has no usable weight (and its pace was ignored): the fields are the reader's to fill in.
    assert app.number_input(key="weight").value is None and app.number_input(key="goal").value is None
    assert "This link has no weights in it." in text_of(app)
    assert "Enter your own current weight and goal above to see your plan at 1 lb a week." in text_of(app)


def test_about_you_asks_for_the_height_it_needs_then_adds_the_model_curve_and_intakes(app: AppTest) -> None:
    # Review 8: turning on "About you" used to fill in 165 cm and report a BMI and calories from it.
    app.run()
    app.toggle(key="about_on").set_value(True).run()
    assert not app.exception
    text = text_of(app.get_by_key("planner"))  # type: ignore[arg-type]
    assert "The realistic curve needs your height" in text
    assert "What a fixed cut does" not in text and "BMI" not in text and "kcal a day now" not in text
    assert "height" not in app.query_params
    app.number_input(key="height_ft").set_value(5).run()
    app.number_input(key="height_in").set_value(5.0).run()
    # Medical review 7: no sex, age or activity is chosen for the reader either.
    text = text_of(app)
    assert "The realistic curve needs your sex, your age and how active you are" in text
    assert "What a fixed cut does" not in text
    app.radio(key="sex").set_value("female").run()
    app.number_input(key="age").set_value(40).run()
    app.selectbox(key="activity").set_value(1.6).run()
    text = text_of(app)
    assert "needs your" not in text
    assert "What a fixed cut does" in text and "To hold your goal afterwards" in text
    assert re.search(r"about \*\*[\d,]+ kcal a day\*\* every day", text)
    _, data, _ = chart(app)
    assert (data["series"] == MODEL).any()


def test_about_you_warns_about_a_goal_below_a_healthy_weight(app: AppTest) -> None:
    app.query_params.update({"weight": "130", "goal": "105", "sex": "female", "age": "30", "height": "170"})
    app.run()
    assert "Goal below a healthy weight" in warnings_of(app)


def test_a_goal_of_severe_thinness_gets_the_strongest_warning(app: AppTest) -> None:
    # The medical review: a BMI of 10.4 got the same mild words as 18.4.
    app.query_params.update({"weight": "130", "goal": "95", "height": "170"})
    app.run()
    warning = warnings_of(app)
    assert "**Goal far below a healthy weight:**" in warning and "BMI) of 14.9" in warning
    assert "severe thinness" in warning and "Please do not aim for this goal" in warning


def test_without_a_height_the_planner_says_it_cannot_check_the_goal(app: AppTest) -> None:
    app.query_params.update({"weight": "130", "goal": "95"})
    app.run()
    assert "The planner cannot check without your height" in text_of(app)
    assert "Goal below a healthy weight" not in text_of(app)


def test_a_height_alone_checks_the_goal_without_about_you(app: AppTest) -> None:
    app.query_params.update({"weight": "130", "goal": "105"})
    app.run()
    app.number_input(key="height_ft").set_value(5).run()
    app.number_input(key="height_in").set_value(7.0).run()
    assert not app.exception
    assert "Goal below a healthy weight" in warnings_of(app)
    assert "What a fixed cut does" not in text_of(app)
    assert app.query_params["height"] in ("170.2", ["170.2"])


def test_without_about_you_the_planner_invites_it(app: AppTest) -> None:
    app.run()
    assert "Add a few details about you" in text_of(app)
    assert "What a fixed cut does" not in text_of(app)


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_broken_content_stops_with_a_message_naming_file_and_field(
    app: AppTest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: str
) -> None:
    target, field = CASES[fixture]
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    shutil.copy(BROKEN / fixture, content / target)
    monkeypatch.setenv("RUNNERS_FACE_CONTENT_DIR", str(content))
    app.run()
    assert not app.exception
    message = app.error[0].value
    assert target in message and field in message
    assert len(app.get("vega_lite_chart")) == 0


def test_a_plan_the_model_cannot_follow_shows_a_message_not_a_crash(app: AppTest) -> None:
    # 250 lb lost at 0.25 lb a week takes about 19 years: beyond the model's ten-year limit.
    app.query_params.update(
        {"weight": "400", "goal": "150", "pace": "0.25", "sex": "male", "age": "40", "activity": "1.6", "height": "180"}
    )
    app.run()
    assert not app.exception
    assert "realistic figures are not available" in text_of(app)
    assert "faster pace or a nearer goal" in text_of(app)
    assert len(app.get("vega_lite_chart")) == 1


def test_the_evidence_section_gives_every_claims_grade_summary_and_sources(app: AppTest) -> None:
    app.session_state[DETAILS_KEY] = True  # the disclosure with the full summaries is open
    app.run()
    assert not app.exception
    content = load_content()
    evidence = content.evidence
    head = next(m.value for m in app.markdown if "## What the evidence says\n" in m.value)
    for grade, definition in evidence.grades.items():
        assert f"**{grade.capitalize()}**: {definition}" in head
    details = next(e for e in app.expander if e.label == DETAILS_LABEL)
    text = "\n".join(m.value for m in details.markdown)
    for claim in evidence.claims:
        entry = text[text.index(claim.claim) :].split("**Claim:**")[0]
        assert f"Evidence: {claim.grade}]" in text[: text.index(claim.claim)].rsplit("\n", 1)[-1]
        assert claim.summary in entry
        for source in claim.sources:
            assert f"[[{evidence.number(source)}]](#{REFERENCE_ID}{evidence.number(source)} " in entry
    references = references_of(app)
    for source in evidence.references():
        assert references.count(f'<li id="{REFERENCE_ID}{evidence.number(source)}">') == 1
        for part in (source.authors, source.title, source.journal, source.url):
            assert html.escape(part) in references, part
        assert references.count(f'href="{source.url}"') == 1  # each study linked once


def test_the_full_summaries_are_drawn_only_while_their_disclosure_is_open(app: AppTest) -> None:
    app.run()
    claim = load_content().evidence.claims[0]
    assert claim.summary not in text_of(app)
    assert claim.short in text_of(app)
    assert any(e.label == DETAILS_LABEL for e in app.expander)


def references_of(app: AppTest) -> str:
    """The reference list (an HTML element: a Markdown list item has no id to link to)."""
    blocks = [h.proto.body for h in app.get("html") if REFERENCE_ID in h.proto.body]
    assert len(blocks) == 1
    return str(blocks[0])


def test_each_source_is_listed_once_and_links_back_to_the_sections_that_cite_it(app: AppTest) -> None:
    app.run()
    content = load_content()
    evidence = content.evidence
    references = references_of(app)
    entries = re.findall(r"<li id=\"(\w+)\">(.*?)</li>", references)
    assert [i for i, _ in entries] == [evidence.reference_id(s) for s in evidence.references()]
    assert len(entries) < sum(len(claim.sources) for claim in evidence.claims)  # listed once, not per claim
    for (_, entry), source in zip(entries, evidence.references(), strict=True):
        back = re.findall(r'<a href="#([^"]+)" aria-label="Back to ([^"]+)"', entry)
        sections = [content.article.section(section_id) for section_id in evidence.cited_in(source)]
        assert back == [(section.anchor, html.escape(section.title)) for section in sections]
    assert "<details" in references and f"Show all {len(evidence.references())} references" in references


def test_every_claims_grade_and_short_summary_are_under_its_section_with_numbered_citations(app: AppTest) -> None:
    app.run()
    content = load_content()
    evidence = content.evidence
    for section in content.article.sections:
        page = next(m.value for m in app.markdown if f"## {section.title}\n" in m.value)
        text = page[page.index(f"## {section.title}\n") :].split("\n## ")[0]
        for claim in evidence.for_section(section.id):
            line = next(line for line in text.splitlines() if claim.short in line)
            assert line.startswith(f":{GRADE_COLOURS[claim.grade]}-badge[Evidence: {claim.grade}] ")
            cited = re.findall(r"\[\[(\d+)\]\]\(#(\w+) ", line)
            assert cited == [(str(evidence.number(s)), evidence.reference_id(s)) for s in claim.sources]
            assert claim.claim not in text  # the claim's words are the paragraph's; not said again


def test_no_badge_has_an_icon(app: AppTest) -> None:
    # A screen reader read the icons out by name: "block icon, Evidence: none" (issue 20).
    app.session_state[DETAILS_KEY] = True
    app.run()
    badges = [m.value for m in app.markdown if "-badge[Evidence:" in m.value]
    assert len(badges) > 3
    assert not any(re.search(r"-badge\[:material/", m) for m in badges)


def test_the_top_gives_a_byline_the_short_answer_contents_and_one_small_disclaimer(app: AppTest) -> None:
    app.run()
    assert not app.exception
    content = load_content()
    article = content.article
    assert app.caption[0].value == f"{article.source} Last reviewed 30 November 2026."
    answer = next(m.value for m in app.markdown if m.value.startswith("**The short answer**"))
    assert ":gray-badge[Evidence: none]" in answer and ":blue-badge[Evidence: moderate]" in answer
    assert "{grade:" not in answer
    contents = re.findall(r"\[([^\]]+)\]\(#([^)]+)\)", answer.split("**On this page:**")[1])
    names = ["Article", "Plan your pace", "Check your weigh-ins", "Checklist", "Evidence"]
    assert [words for words, _ in contents] == names
    assert contents[0][1] == article.sections[0].anchor
    assert all(heading in PAGE_HEADINGS for _, heading in CONTENTS)
    assert [anchor for _, anchor in contents[1:]] == [heading_anchor(h) for _, h in CONTENTS]
    # The page's disclaimer once, in small type (a caption), not in a box; the planner has its own.
    assert app.caption[1].value == f"{article.voices} {content.page['disclaimer']}"
    text = re.sub(r"\s+", " ", text_of(app)).lower()
    assert text.count("not medical advice") == 2  # here and at the planner (planner_disclaimer)
    assert text.count("talk to a doctor") == 1
    assert text.count(re.sub(r"\s+", " ", content.page["disclaimer"]).lower()) == 1


def test_an_edited_content_file_shows_without_a_restart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    monkeypatch.setenv("RUNNERS_FACE_CONTENT_DIR", str(content))
    first = AppTest.from_file(APP, default_timeout=60)
    first.run()
    assert page_title(first) == "Runner's face, explained"
    article = content / "article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Runner's face, explained", "Edited title", 1))
    os.utime(article, (article.stat().st_atime, article.stat().st_mtime + 10))
    second = AppTest.from_file(APP, default_timeout=60)
    second.run()
    assert page_title(second) == "Edited title"


def test_the_loader_knows_every_heading_the_page_adds(app: AppTest) -> None:
    # content.PAGE_HEADINGS is how the loader stops a section heading from taking the link of
    # a heading the page adds itself; it must list them all.
    app.run()
    content = load_content()
    sections = {section.title for section in content.article.sections}
    headings = [
        line.lstrip("#").strip()
        for m in app.markdown
        for line in m.value.splitlines()
        if line.startswith(("## ", "### "))
    ]
    added = {h for h in headings if h not in sections and not h.startswith("Evidence: ")}
    assert added == set(PAGE_HEADINGS)
