"""The article: header, sections with their evidence grades, references and glossary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from runners_face.content import Article, Claim, Evidence, Section, Source, Term, heading_anchor
from runners_face.wording import format_date

GRADE_BADGES: Mapping[str, tuple[str, str]] = {
    # (icon, colour): the word is always shown too, so colour is never the only cue
    "strong": (":material/verified:", "green"),
    "moderate": (":material/thumbs_up_down:", "blue"),
    "limited": (":material/help:", "orange"),
    "none": (":material/block:", "gray"),
}


# The article is drawn as few elements as possible, headings included (written in Markdown):
# on every message of a slider move, Streamlit redraws each element's wrapper on the page and
# each heading element (st.title, st.header) in full. The page therefore joins the Markdown of
# consecutive sections into one element (see views.page). A Markdown heading's id comes from
# its text (see runners_face.content.heading_anchor).


def render_header(article: Article, page: Mapping[str, str]) -> None:
    st.markdown(f"# {article.title}\n\n*{article.standfirst}*")
    st.caption(f"Expert: {article.expert}. Last reviewed {format_date(article.last_reviewed)}. {article.source}")
    st.info(page["disclaimer"], icon=":material/medical_information:")


def _source_line(source: Source) -> str:
    link = f" [Read the study: {source.title}]({source.url})" if source.url else ""
    return f"- {source.citation()}{link}"


EVIDENCE_TITLE = "What the evidence says"


def evidence_heading(section: Section) -> str:
    """The heading of a section's entry in "What the evidence says" (its id is the link target)."""
    return f"Evidence: {section.title}"


def claim_line(claim: Claim, section: Section) -> str:
    """One line under a section: the claim's grade (words and icon, the colour only repeats
    them) and a link to its summary and sources further down."""
    icon, colour = GRADE_BADGES[claim.grade]
    target = heading_anchor(evidence_heading(section))
    link = f"[What the studies say: {section.title}](#{target})"
    return f":{colour}-badge[{icon} Evidence: {claim.grade}] {claim.claim} {link}"


def section_markdown(section: Section, claims: Sequence[Claim]) -> str:
    """A section's heading, text and the grade of each of its claims."""
    return "\n\n".join([f"## {section.title}", section.body, *(claim_line(claim, section) for claim in claims)])


def _claim_entry(claim: Claim, grades: Mapping[str, str]) -> str:
    icon, colour = GRADE_BADGES[claim.grade]
    return "\n\n".join(
        [
            f"**Claim:** {claim.claim}",
            f":{colour}-badge[{icon} Evidence: {claim.grade}] :small[{claim.grade.capitalize()} means: "
            f"{grades[claim.grade]}]",
            claim.summary,
            "**Sources**\n\n" + "\n".join(_source_line(s) for s in claim.sources),
        ]
    )


def evidence_markdown(sections: Sequence[Section], evidence: Evidence, intro: str) -> str:
    """Every claim's grade, summary and sources, by section, with the grades explained first."""
    parts = [
        f"## {EVIDENCE_TITLE}",
        intro,
        "\n".join(f"- **{grade.capitalize()}**: {definition}" for grade, definition in evidence.grades.items()),
    ]
    for section in sections:
        claims = evidence.for_section(section.id)
        if not claims:
            continue
        parts.append(f"### {evidence_heading(section)}")
        parts += [_claim_entry(claim, evidence.grades) for claim in claims]
        parts.append(f"[Back to the section: {section.title}](#{section.anchor})")
    return "\n\n".join(parts)


def references_markdown(evidence: Evidence) -> str:
    return "## References\n\n" + "\n".join(_source_line(source) for source in evidence.references())


def glossary_markdown(terms: Sequence[Term]) -> str:
    return "## Words used on this page\n\n" + "\n".join(f"- **{term.term}**: {term.definition}" for term in terms)
