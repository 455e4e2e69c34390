"""The tips checklist: a checkbox per tip, progress in words, ticks kept in the link.

Each tip says whose advice it is (the page's own tips start "Our own tip:", in the checkbox's
label, so a screen reader says it too) and shows the grade of the evidence behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from runners_face.content import Evidence, Section, Tip
from runners_face.views import session
from runners_face.views.article_view import grade_badge, markdown
from runners_face.views.share_view import render_checklist_download

FRAGMENT = "checklist_fragment"


def tip_key(tip_id: str) -> str:
    # Keyed by the tip's id, not its position, so reordering tips keeps readers' ticks.
    return f"tip_{tip_id}"


@session.marks(FRAGMENT)
def _on_tick(tip_id: str) -> None:
    ticks = set(session.plan().ticks)
    # A tick's callback can run in a session that has not drawn the checkbox yet (a click during
    # a run that a reconnection started): without its value, the plan keeps what it had.
    if st.session_state.get(tip_key(tip_id), tip_id in ticks):
        ticks.add(tip_id)
    else:
        ticks.discard(tip_id)
    session.update(ticks=frozenset(ticks))


@session.marks(FRAGMENT)
def _reset(tips: Sequence[Tip]) -> None:
    for tip in tips:
        st.session_state[tip_key(tip.id)] = False
    session.update(ticks=frozenset())


def tip_note(tip: Tip, section: Section, evidence: Evidence) -> str:
    """The line under a tip: its evidence grade (in words; the colour only repeats them), why it
    is there, and a link to its section of the article."""
    grade = evidence.claim(tip.evidence).grade
    # :small[] rather than st.caption: captions are drawn at 60 % opacity, too faint for links
    return f"{grade_badge(grade)} :small[Why: {tip.why} [Read more: {section.title}](#{section.anchor})]"


@st.fragment(key=FRAGMENT)
@session.whole_run(FRAGMENT)
def render_checklist(tips: Sequence[Tip], intro: str, sections: Mapping[str, Section], evidence: Evidence) -> None:
    """The checklist, a fragment of its own: a tick reruns only the checklist (and writes the
    link), not the page. Nothing else on the page shows the ticks, and every link or file that
    carries them is made from the plan (or the address) at the moment it is used."""
    ticks = session.plan().ticks
    with st.container(border=True, key="checklist"):
        markdown(f"### Your skin-care checklist\n\n{intro}")  # Markdown heading: see article_view
        for tip in tips:
            session.seed(tip_key(tip.id), tip.id in ticks)
            st.checkbox(tip.label, key=tip_key(tip.id), on_change=_on_tick, args=(tip.id,))
            st.markdown(tip_note(tip, sections[tip.section], evidence))
        done = sum(1 for tip in tips if tip.id in session.plan().ticks)
        st.progress(done / len(tips), text=f"**{done} of {len(tips)}** tips in place")
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Clear all ticks", key="reset_ticks", on_click=_reset, args=(tips,), icon=":material/restart_alt:"
            )
            render_checklist_download(tips, [tip.id for tip in tips])
