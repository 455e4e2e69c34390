"""The article: header and short answer, sections with their evidence, references and glossary.

The evidence is shown as Distill shows it: under each section, each claim's grade (in words) and
what the studies say in short, with numbered citations ([1], [2]) into one reference list that
gives each source once and links back to the sections that cite it. The full summaries are in
one disclosure in "What the evidence says"."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import streamlit as st

from runners_face.content import (
    GRADE_TOKEN,
    Article,
    Claim,
    Content,
    Evidence,
    Section,
    Source,
    Term,
    heading_anchor,
)
from runners_face.wording import format_date

GRADE_COLOURS: Mapping[str, str] = {"strong": "green", "moderate": "blue", "limited": "orange", "none": "gray"}
"""The badge colour of each grade. The badge always says the grade in words, so colour is never
the only cue; it has no icon, because a screen reader reads an icon out by its name ("block icon")."""

EVIDENCE_TITLE = "What the evidence says"
DETAILS_LABEL = "What the studies found, claim by claim"
GLOSSARY_TITLE = "Words used on this page"
CONTENTS: Sequence[tuple[str, str]] = (
    # (the link's words, the heading it goes to): the headings the page draws (content.PAGE_HEADINGS)
    ("Plan your pace", "Pace planner"),
    ("Check your weigh-ins", "Check your real pace"),
    ("Checklist", "Your skin-care checklist"),
    ("Evidence", EVIDENCE_TITLE),
)
"""The contents list at the top, after its first link, "Article" (to the first section)."""


# The article is drawn as few elements as possible, headings included (written in Markdown):
# on every message of a slider move, Streamlit redraws each element's wrapper on the page and
# each heading element (st.title, st.header) in full. The page therefore joins the Markdown of
# consecutive sections into one element (see views.page). A Markdown heading's id comes from
# its text (see runners_face.content.heading_anchor). Headings are drawn without Streamlit 1.67's
# "Link to heading" icons (`anchors=False`): each was a Tab stop, all with the same name, and
# the contents list links to the sections instead. The ids stay, so links to them still work.


def markdown(body: str) -> None:
    """Markdown as the article draws it: headings keep their ids but get no link icons."""
    st.markdown(body, anchors=False)


def grade_badge(grade: str) -> str:
    """A claim's grade as a badge, in words ("Evidence: limited"); the colour only repeats them."""
    return f":{GRADE_COLOURS[grade]}-badge[Evidence: {grade}]"


def render_header(article: Article) -> None:
    """The title, the standfirst and a one-line byline."""
    markdown(f"# {article.title}\n\n*{article.standfirst}*")
    st.caption(f"{article.source} Last reviewed {format_date(article.last_reviewed)}.")


def short_answer_markdown(content: Content) -> str:
    """The short answer, each line with the grades of the claims it sums up, and the contents."""
    evidence = content.evidence
    lines = [
        GRADE_TOKEN.sub(lambda token: grade_badge(evidence.claim(token[1]).grade), line)
        for line in content.short_answer
    ]
    links = [("Article", content.article.sections[0].anchor)]
    links += [(words, heading_anchor(heading)) for words, heading in CONTENTS]
    contents = " · ".join(f"[{words}](#{anchor})" for words, anchor in links)
    return "\n\n".join(
        ["**The short answer**", "\n".join(f"- {line}" for line in lines), f"**On this page:** {contents}"]
    )


def render_short_answer(content: Content) -> None:
    """The short answer and the contents, then who says what and the page's one disclaimer, in small type."""
    markdown(short_answer_markdown(content))
    st.caption(f"{content.article.voices} {content.page['disclaimer']}")


def _hover(source: Source) -> str:
    # A Markdown link's title (shown on hover, and read as the link's description)
    return f"{source.title} ({source.year})".replace("\\", "").replace('"', "'")


def citations(sources: Sequence[Source], evidence: Evidence) -> str:
    """Numbered citations, each a link to the source's entry in the references: "[1] [2]"."""
    return " ".join(
        f'[[{evidence.number(source)}]](#{evidence.reference_id(source)} "{_hover(source)}")' for source in sources
    )


def evidence_line(claim: Claim, evidence: Evidence) -> str:
    """One line under a section: the claim's grade, what the studies say in short, and citations."""
    return f"{grade_badge(claim.grade)} :small[{claim.short} {citations(claim.sources, evidence)}]"


def section_markdown(section: Section, evidence: Evidence) -> str:
    """A section's heading and text, then a line of evidence for each of its claims."""
    lines = [evidence_line(claim, evidence) for claim in evidence.for_section(section.id)]
    return "\n\n".join([f"## {section.title}", section.body, *lines])


def evidence_markdown(evidence: Evidence, intro: str) -> str:
    """The evidence section's heading, introduction and what each grade means."""
    grades = "\n".join(
        f"- :small[**{grade.capitalize()}**: {definition}]" for grade, definition in evidence.grades.items()
    )
    return "\n\n".join([f"## {EVIDENCE_TITLE}", intro, grades])


def evidence_heading(section: Section) -> str:
    """The heading of a section's entry in the full evidence."""
    return f"Evidence: {section.title}"


def _claim_entry(claim: Claim, evidence: Evidence) -> str:
    return "\n\n".join(
        [
            f"{grade_badge(claim.grade)} **Claim:** {claim.claim}",
            f"{claim.summary} {citations(claim.sources, evidence)}",
        ]
    )


def evidence_details_markdown(sections: Sequence[Section], evidence: Evidence) -> str:
    """Every claim in full, by section: its words, grade, summary and citations."""
    parts = []
    for section in sections:
        claims = evidence.for_section(section.id)
        if claims:
            parts.append(f"### {evidence_heading(section)}")
            parts += [_claim_entry(claim, evidence) for claim in claims]
    return "\n\n".join(parts)


DETAILS_KEY = "evidence_details"
GLOSSARY_KEY = "glossary"


def render_evidence_details(sections: Sequence[Section], evidence: Evidence) -> None:
    """The full summaries behind one disclosure, closed at first. Its body is drawn only while
    it is open: Streamlit redraws an expander in full on every message of a rerun, a pace
    change's too (see README, "Few elements")."""
    with st.expander(DETAILS_LABEL, key=DETAILS_KEY, on_change="rerun") as box:
        if box.open:
            markdown(evidence_details_markdown(sections, evidence))


REFERENCES_CLASS = "rf-references"
REFERENCES_SUMMARY = "Show all {} references"
BACK = "Back to {}"
BACK_ARROW = "\u21a9\ufe0e"  # ↩, drawn as text (the variation selector keeps phones from drawing an emoji)
"""The name of a link from a reference back to a section that cites it (the link shows an arrow, ↩)."""


def _link_colours() -> str:
    """The theme's link colour for the references (drawn as HTML, which Streamlit 1.67's Markdown
    styles do not reach), in both colour schemes; the text colour if the theme sets none."""
    light, dark = st.get_option("theme.light.linkColor"), st.get_option("theme.dark.linkColor")
    return f"light-dark({light}, {dark})" if light and dark else "inherit"


def references_html(sections: Sequence[Section], evidence: Evidence) -> str:
    """The reference list: each source once, numbered as cited, with the id its citations link to,
    a link to the study, and links back to the sections that cite it.

    Drawn as HTML (sanitised by Streamlit), because a Markdown list item has no id to link to.
    Every word from the content files is escaped. The list is in a native ``<details>``, closed
    at first: following a citation opens it at the entry (the browser opens a ``<details>`` that
    holds the target of a link; a Streamlit expander would not, as it makes a closed body inert)."""
    titles = {section.id: section for section in sections}
    items = []
    for source in evidence.references():
        back = " ".join(
            f'<a href="#{titles[section_id].anchor}" aria-label="{name}" title="{name}">{BACK_ARROW}</a>'
            for section_id in evidence.cited_in(source)
            for name in [html.escape(BACK.format(titles[section_id].title))]
        )
        items.append(
            f'<li id="{evidence.reference_id(source)}">{html.escape(source.authors)} ({source.year}). '
            f'<a href="{html.escape(source.url)}" target="_blank" rel="noopener noreferrer">'
            f"{html.escape(source.title)}</a>. <em>{html.escape(source.journal)}</em>. "
            f"{back}</li>"
        )
    box = f".{REFERENCES_CLASS}"
    style = (
        # Looks like Streamlit's expanders around it (their border, radius, padding and type size)
        f"<style>{box}{{border:1px solid color-mix(in srgb,currentColor 20%,transparent);border-radius:0.5rem}}"
        f"{box} summary{{cursor:pointer;padding:0.5rem 0.75rem;font-size:0.875rem;line-height:1.6}}"
        f"{box} ol{{margin:0;padding:0 1rem 0.5rem 2.75rem;font-size:0.875rem;line-height:1.5}}"
        f"{box} li{{margin-bottom:0.5rem;padding-left:0.25rem;scroll-margin-top:1rem}}"
        # The entry a citation led to is marked, as in a printed article's margin
        f"{box} li:target{{background:color-mix(in srgb,currentColor 10%,transparent);border-radius:0.25rem}}"
        f"{box} a{{color:{_link_colours()};text-decoration:underline}}</style>"
    )
    summary = REFERENCES_SUMMARY.format(len(items))
    return f'{style}<details class="{REFERENCES_CLASS}"><summary>{summary}</summary><ol>{"".join(items)}</ol></details>'


def render_references(sections: Sequence[Section], evidence: Evidence) -> None:
    """The reference list, the last part of "What the evidence says" (its disclosure is its title)."""
    st.html(references_html(sections, evidence))


def glossary_markdown(terms: Sequence[Term]) -> str:
    return "\n".join(f"- **{term.term}**: {term.definition}" for term in terms)


def render_glossary(terms: Sequence[Term]) -> None:
    """The glossary, behind a disclosure: a reader looks a word up when they need it."""
    with st.expander(GLOSSARY_TITLE, key=GLOSSARY_KEY, on_change="rerun") as box:
        if box.open:  # drawn only while open, as the evidence's details
            markdown(glossary_markdown(terms))
