"""The article: header, sections with their evidence grades, references and glossary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from runners_face.content import Article, Claim, Evidence, Section, Source, Term

GRADE_BADGES: Mapping[str, tuple[str, str]] = {
    # (icon, colour): the word is always shown too, so colour is never the only cue
    "strong": (":material/verified:", "green"),
    "moderate": (":material/thumbs_up_down:", "blue"),
    "limited": (":material/help:", "orange"),
    "none": (":material/block:", "gray"),
}


# Headings are written in Markdown, in the same element as the text under them: Streamlit
# redraws every heading element (st.title, st.header) in full on each message a rerun sends,
# so fourteen of them made each slider move slower; a Markdown heading is only redrawn when
# its element changes. Its id comes from its text (see runners_face.content.heading_anchor).


def render_header(article: Article, page: Mapping[str, str]) -> None:
    st.markdown(f"# {article.title}\n\n*{article.standfirst}*")
    st.caption(
        f"Expert: {article.expert}. Last reviewed {article.last_reviewed.day} "
        f"{article.last_reviewed:%B %Y}. {article.source}"
    )
    st.info(page["disclaimer"], icon=":material/medical_information:")


def _source_line(source: Source) -> str:
    link = f" [Read the study: {source.title}]({source.url})" if source.url else ""
    return f"- {source.citation()}{link}"


def render_claim(claim: Claim, grades: Mapping[str, str]) -> None:
    icon, colour = GRADE_BADGES[claim.grade]
    label = f"Evidence: {claim.grade.capitalize()}. {claim.claim}"
    # The body is drawn only while open: seven closed expanders then cost the page nothing on
    # each rerun (a slider move in the planner redraws less of the page in the browser).
    with st.expander(label, icon=icon, key=f"claim_{claim.id}", on_change="rerun") as box:
        if not box.open:
            return
        st.badge(f"Evidence grade: {claim.grade}", icon=icon, color=colour)  # type: ignore[arg-type]
        st.caption(f"{claim.grade.capitalize()} means: {grades[claim.grade]}")
        st.markdown(claim.summary)
        st.markdown("**Sources**\n\n" + "\n".join(_source_line(s) for s in claim.sources))


def render_section(section: Section, claims: Sequence[Claim], grades: Mapping[str, str]) -> None:
    st.markdown(f"## {section.title}\n\n{section.body}")
    for claim in claims:
        render_claim(claim, grades)


def render_evidence_key(evidence: Evidence, intro: str) -> None:
    with st.expander("How we grade the evidence", icon=":material/school:", key="grades_key", on_change="rerun") as box:
        if not box.open:
            return
        st.markdown(intro)
        st.markdown(
            "\n".join(f"- **{grade.capitalize()}**: {definition}" for grade, definition in evidence.grades.items())
        )


def render_references(evidence: Evidence) -> None:
    st.markdown("## References\n\n" + "\n".join(_source_line(source) for source in evidence.references()))


def render_glossary(terms: Sequence[Term]) -> None:
    st.markdown("## Words used on this page\n\n" + "\n".join(f"- **{term.term}**: {term.definition}" for term in terms))
