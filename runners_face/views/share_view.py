"""Save and share: links to copy, and downloads (CSV plan, calendar reminders, checklist).

Every download is made when the reader clicks it, from the plan as it is at that moment
(``session.live()``), so a file never carries a pace from before the last change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlencode

import streamlit as st

from runners_face import exports, planner
from runners_face import state as codec
from runners_face.content import Tip
from runners_face.pace import PacePlan
from runners_face.state import PlanState
from runners_face.views import session
from runners_face.views.assets import read_asset

SHARE_KEY = "share_box"

_SHARE_BUTTON = st.components.v2.component(
    "runners_face_share",
    html=(
        '<div class="rf-share"><button type="button" class="rf-share-button"></button>'
        '<label class="rf-share-private"><input type="checkbox"><span></span></label>'
        '<p class="rf-share-note" role="status"></p>'
        '<input class="rf-share-link" type="text" readonly hidden aria-label="Link to your plan"></div>'
    ),
    css=read_asset("share_button.css"),
    js=read_asset("share_button.js"),
    isolate_styles=False,
)


def render_share_button() -> None:
    """One visible "Share my plan": the phone's share sheet, or a copied link. It makes the link
    from the page's address at the click, so it costs nothing while the reader moves the pace."""
    _SHARE_BUTTON(
        key="share_button",
        data={
            "label": "Share my plan",
            "privateLabel": "Without my weights (only the pace and ticks)",
            "title": "My pace plan, from Runner's Face, explained",
            "copiedNote": "Link copied. Paste it wherever you like.",
            "manualNote": "Copy this link:",
            "planKeys": list(codec.KEYS),
            "privateKeys": list(codec.PRIVATE_KEYS),
        },
    )


def link_for(base: str, current: PlanState, tip_ids: Sequence[str], *, private: bool = False) -> str:
    """The page's address with the plan in its query string (weights left out if private)."""
    return f"{base}?{urlencode(codec.encode(current, tip_ids, private=private))}"


def page_link(current: PlanState, tip_ids: Sequence[str], *, private: bool = False) -> str:
    return link_for(st.context.url or "", current, tip_ids, private=private)


def _plan_at_click(live: session.Live, start: dt.date, fallback: PacePlan) -> PacePlan:
    fig = planner.figures(live.plan, start)
    return fig.plan if fig is not None else fallback


def render_plan_share(current: PlanState, plan: PacePlan, tip_ids: Sequence[str]) -> None:
    """An expander with the links and the plan's downloads; its body only runs when open."""
    with st.expander("Save or share this plan", icon=":material/ios_share:", key=SHARE_KEY, on_change="rerun") as box:
        if not box.open:
            return
        st.markdown("**Link to your plan and ticks.** Bookmark it to come back, or send it to someone:")
        st.code(page_link(current, tip_ids), language=None, wrap_lines=True)
        st.markdown(
            "**Share without my numbers.** This link keeps only the pace and your ticks: no weights, no age, no "
            "height, no running, no race day."
        )
        st.code(page_link(current, tip_ids, private=True), language=None, wrap_lines=True)
        live = session.live()
        start = plan.start
        zone = st.context.timezone or "UTC"

        def csv() -> str:
            current = live.plan
            return exports.plan_csv(
                _plan_at_click(live, start, plan), current.units, current.run_distances, current.race
            )

        def ics() -> bytes:
            days = () if live.plan.running is None else live.plan.running.days
            return exports.reminders_ics(
                _plan_at_click(live, start, plan), live.plan.units, tz=zone, run_days=days, race=live.plan.race
            )

        # Files are built only when clicked (callables), and the click does not rerun the page.
        with st.container(horizontal=True, gap="small"):
            st.download_button(
                "Plan as a spreadsheet (CSV)",
                data=csv,
                file_name=f"{exports.file_stem(plan)}.csv",
                mime="text/csv",
                icon=":material/table:",
                on_click="ignore",
                key="download_csv",
            )
            st.download_button(
                "Reminders for your calendar (.ics)",
                data=ics,
                file_name=f"{exports.file_stem(plan)}.ics",
                mime="text/calendar",
                icon=":material/event:",
                on_click="ignore",
                key="download_ics",
            )
        st.caption(
            "The calendar file adds a sunscreen reminder for a year (daily, or on the days you run if you chose "
            "them), a morning weigh-in until your goal date (for four weeks at least), and your race day if you "
            "set one. "
            "Files are made in your browser session and not kept on our server."
        )


def render_checklist_download(tips: Sequence[Tip], tip_ids: Sequence[str]) -> None:
    live = session.live()
    base = st.context.url or ""

    def checklist() -> str:
        current = live.plan
        link = link_for(base, current, tip_ids, private=True)
        return exports.checklist_markdown(tips, current.ticks, "My runner's face checklist", link)

    st.download_button(
        "Printable checklist (Markdown)",
        data=checklist,
        file_name="runners-face-checklist.md",
        mime="text/markdown",
        icon=":material/print:",
        on_click="ignore",
        key="download_checklist",
    )
