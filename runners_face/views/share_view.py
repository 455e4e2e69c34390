"""Save and share: links to copy, and downloads (CSV plan, calendar reminders, checklist)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from runners_face import exports
from runners_face import state as codec
from runners_face.content import Tip
from runners_face.pace import PacePlan
from runners_face.state import PlanState

SHARE_KEY = "share_box"


def page_link(current: PlanState, tip_ids: Sequence[str], *, private: bool = False) -> str:
    """The page's address with the plan in its query string (weights left out if private)."""
    base = st.context.url or ""
    query = urlencode(codec.encode(current, tip_ids, private=private))
    return f"{base}?{query}"


def render_plan_share(current: PlanState, plan: PacePlan, tip_ids: Sequence[str]) -> None:
    """An expander with the links and the plan's downloads; its body only runs when open."""
    with st.expander("Save or share this plan", icon=":material/ios_share:", key=SHARE_KEY, on_change="rerun") as box:
        if not box.open:
            return
        st.markdown("**Link to your plan and ticks.** Bookmark it to come back, or send it to someone:")
        st.code(page_link(current, tip_ids), language=None, wrap_lines=True)
        st.markdown(
            "**Share without my numbers.** This link keeps only the pace and your ticks: no weights, no age, no height."
        )
        st.code(page_link(current, tip_ids, private=True), language=None, wrap_lines=True)
        stem = exports.file_stem(plan)
        unit = current.units
        zone = st.context.timezone or "UTC"
        # Files are built only when clicked (callables), and the click does not rerun the page.
        with st.container(horizontal=True, gap="small"):
            st.download_button(
                "Plan as a spreadsheet (CSV)",
                data=lambda: exports.plan_csv(plan, unit),
                file_name=f"{stem}.csv",
                mime="text/csv",
                icon=":material/table:",
                on_click="ignore",
                key="download_csv",
            )
            st.download_button(
                "Reminders for your calendar (.ics)",
                data=lambda: exports.reminders_ics(plan, unit, tz=zone),
                file_name=f"{stem}.ics",
                mime="text/calendar",
                icon=":material/event:",
                on_click="ignore",
                key="download_ics",
            )
        st.caption(
            "The calendar file adds a daily sunscreen reminder and a weekly weigh-in until your goal date. "
            "Files are made in your browser session and not kept on our server."
        )


def render_checklist_download(tips: Sequence[Tip], current: PlanState, tip_ids: Sequence[str]) -> None:
    link = page_link(current, tip_ids, private=True)
    ticks = current.ticks
    st.download_button(
        "Printable checklist (Markdown)",
        data=lambda: exports.checklist_markdown(tips, ticks, "My runner's face checklist", link),
        file_name="runners-face-checklist.md",
        mime="text/markdown",
        icon=":material/print:",
        on_click="ignore",
        key="download_checklist",
    )
