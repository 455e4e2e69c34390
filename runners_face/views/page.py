"""The whole page, in reading order: header, article with tools, references, footer."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from runners_face.content import CONTENT_DIR, Content, ContentError, load_content
from runners_face.views import article_view, downloads, planner_view, session
from runners_face.views.checklist_view import render_checklist, tip_key
from runners_face.views.page_script import render_page_script
from runners_face.views.planner_view import render_planner
from runners_face.views.weighins_view import render_weighins

CONTENT_DIR_VARIABLE = "RUNNERS_FACE_CONTENT_DIR"


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_content(directory: str, stamp: tuple[tuple[str, float], ...]) -> Content:
    # One Content object shared by every session (it is frozen and never changed): st.cache_data
    # would give each run a copy, unpickled anew, which every session then keeps alive (with
    # 1,000 readers, some 150,000 extra objects for Python's garbage collector to walk).
    # `stamp` (file names and modification times) is only part of the cache key: an edit to
    # a content file shows on the next page load, without restarting the server.
    return load_content(Path(directory))


def _stamp(directory: str) -> tuple[tuple[str, float], ...]:
    try:
        return tuple(sorted((p.name, p.stat().st_mtime) for p in Path(directory).iterdir()))
    except OSError:
        return ()


def load_or_stop() -> Content:
    """Load the content, or show one clear message naming the file and field, then stop."""
    try:
        # Publishers may point the app at another folder of content (also used by tests).
        directory = os.environ.get(CONTENT_DIR_VARIABLE, str(CONTENT_DIR))
        return _cached_content(directory, _stamp(directory))
    except ContentError as error:
        st.error(
            f"**This page cannot be shown: a content file has a problem.**\n\n"
            f"File: `content/{error.path.name}`  \nField: `{error.field}`  \nProblem: {error.reason}",
            icon=":material/error:",
        )
        st.stop()
        raise  # st.stop() raises; this line keeps type checkers sure we never return None


def render_link_notes() -> None:
    notes = session.notes()
    if notes:
        st.warning(
            "**Some settings in your link could not be used**, so safe values were used instead:\n\n"
            + "\n".join(f"- {note}" for note in notes),
            icon=":material/link_off:",
        )


RECONNECT_GUARD_INTERVAL = dt.timedelta(hours=6)


@st.fragment(run_every=RECONNECT_GUARD_INTERVAL)
def _reconnect_guard() -> None:
    """Draws nothing. Its only job: make the page run the whole script again when it
    reconnects to a server.

    When the server behind the page restarts, or a proxy moves the page to another replica,
    the page reconnects to a new, empty session. Streamlit 1.67's page then asks for a full run at
    once only if a fragment on it reruns on a timer (a ``run_every`` fragment, like this one)
    or its last run was a fragment's; otherwise it waits for the reader's next action, and
    that action is lost: a pace change is a rerun of the planner's fragment, which the new
    session does not know and drops, and a typed value is overwritten by the plan the new
    session reads from the link. With this fragment the new session reads the link and the
    widgets' values straight away, so the reader's next action works. The timer itself
    reruns this empty fragment every few hours, which costs nothing.
    """


def render_page(content: Content) -> None:
    downloads.keep_this_servers_files()
    with session.page_run():
        _render_page(content)


def _render_page(content: Content) -> None:
    render_page_script(embedded=session.embedded())
    if session.init(content.tip_ids):
        # Back or Forward: the widgets are drawn again from the plan the address holds.
        session.forget(
            *planner_view.WIDGET_KEYS, planner_view.FIELD_NOTES, *(tip_key(tip_id) for tip_id in content.tip_ids)
        )
    article = content.article
    page = content.page
    if session.view() == "planner":
        # The planner alone, for a publisher's page (the README has the iframe and resize snippet).
        render_link_notes()
        planner_view.render_planner(page, compact=True)
        _reconnect_guard()
        return
    article_view.render_header(article)
    planner_view.render_plan_card()  # Your plan card (lead): when the link carries a plan
    render_link_notes()
    article_view.render_short_answer(content)
    sections = {s.id: s for s in article.sections}
    # Consecutive Markdown goes out as one element: fewer elements make a slider move faster
    # (see article_view).
    text: list[str] = []

    def flush() -> None:
        if text:
            article_view.markdown("\n\n".join(text))
            text.clear()

    for section in article.sections:
        text.append(article_view.section_markdown(section, content.evidence))
        if section.id == article.planner_after:
            text.append(page["not_for"])
            flush()
            render_planner(page)
            render_weighins(page)
        if section.id == article.checklist_after:
            flush()
            render_checklist(content.tips, page["checklist_intro"], sections, content.evidence)
    text.append(article_view.evidence_markdown(content.evidence, page["evidence_intro"]))
    flush()
    article_view.render_evidence_details(article.sections, content.evidence)
    article_view.render_references(article.sections, content.evidence)
    article_view.render_glossary(content.glossary)
    st.caption(page["privacy"])
    _reconnect_guard()
