"""A replica dies under a reader: 2 replicas behind real nginx (deploy/serve.py), in Chromium.

The reader's replica is killed with SIGKILL. The page reconnects through nginx to the other
replica, which starts a new, empty session: the plan must all be there without the reader
doing anything, and the reader's next pace change and next typed value must work. Meanwhile
protocol sessions (loadgen/crowd.py) keep moving the pace on both replicas: those on the one that
survives see no error, and those on the killed one reconnect and carry on.
"""

from __future__ import annotations

import re
import time

from browser_helpers import READY, goal_label, no_exceptions, open_app, pace, result
from cluster_helpers import Deployment, route_to
from playwright.sync_api import Browser, expect

from loadgen.protocol import Sample

PLAN = "?units=kg&weight=92&goal=80&pace=0.7&sex=female&age=44&height=168&activity=1.8&tips=sunscreen,shade"
LOAD_LINK = "units=lb&weight=200&goal=170&pace=1"
RECONNECT_S = 5.0


def test_a_killed_replica_loses_no_plan_and_the_next_changes_work(browser: Browser, nginx_cluster: Deployment) -> None:
    victim, survivor = nginx_cluster.replicas
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "stroute", "value": route_to(nginx_cluster, victim), "url": nginx_cluster.url}])
    stay = moved = None
    try:
        page = context.new_page()
        open_app(page, nginx_cluster.url + PLAN)
        assert nginx_cluster.replica_serving(context).index == victim.index
        expect(result(page)).to_contain_text("At 0.7 kg a week you would reach 80 kg")
        expect(page.get_by_text("What a fixed cut does")).to_be_visible()

        # Readers on both replicas, moving the pace every 0.1-0.3 s.
        stay = nginx_cluster.load(5, link=LOAD_LINK, think_s=(0.1, 0.3), timeout_s=30, replica=survivor)
        moved = nginx_cluster.load(5, link=LOAD_LINK, think_s=(0.1, 0.3), timeout_s=30, replica=victim)
        assert stay.open_errors == 0 and moved.open_errors == 0

        connection = page.get_by_test_id("stApp")
        t_kill = time.perf_counter()
        old_pid = nginx_cluster.kill(victim)
        expect(connection).not_to_have_attribute("data-test-connection-state", "CONNECTED", timeout=10_000)
        page.locator(READY).wait_for(state="attached", timeout=30_000)
        reconnect_s = time.perf_counter() - t_kill
        print(f"the page reconnected {reconnect_s:.2f} s after the kill")
        assert reconnect_s <= RECONNECT_S

        # Nothing lost, with no action by the reader: the plan, the model's figures, the ticks.
        expect(result(page)).to_contain_text("At 0.7 kg a week you would reach 80 kg")
        expect(page.get_by_text("What a fixed cut does")).to_be_visible()
        expect(page.get_by_role("spinbutton", name="Current weight (kg)")).to_have_value("92.0")
        expect(page.get_by_role("radio", name="Kilograms (kg)")).to_be_checked()
        expect(page.get_by_role("spinbutton", name="Age (years)")).to_have_value("44")
        expect(page.get_by_role("checkbox", name=re.compile("broad-spectrum sunscreen"))).to_be_checked()
        expect(page.get_by_role("checkbox", name=re.compile("run early or late"))).to_be_checked()
        expect(pace(page, "kg")).to_have_attribute("aria-valuetext", re.compile(r"^0\.7 kg a week"))

        # The next pace change and the next typed value reach the new session and stick.
        pace(page, "kg").focus()
        page.keyboard.press("ArrowRight")
        expect(goal_label(page)).to_have_text(re.compile(r"^in "))
        expect(result(page)).to_contain_text("At 0.75 kg a week", timeout=10_000)
        goal = page.get_by_role("spinbutton", name="Goal weight (kg)")
        goal.fill("78")
        goal.press("Enter")
        expect(result(page)).to_contain_text("At 0.75 kg a week you would reach 78 kg")
        expect(goal).to_have_value("78.0")
        expect(page).to_have_url(re.compile(r"[?&]goal=78\b"))
        expect(page).to_have_url(re.compile(r"[?&]tips=sunscreen(,|%2C)shade\b"))
        no_exceptions(page)

        nginx_cluster.wait_restarted(victim, old_pid)

        # Give the killed replica's readers a few seconds to reconnect and move again.
        def all_moved_again(samples: list[Sample]) -> bool:
            return len({s.session for s in samples if s.kind == "move" and s.start >= t_kill and not s.error}) == 5

        moved.collector.wait_until(all_moved_again, timeout_s=20)
        after_stay = [s for s in stay.stop().samples if s.start >= t_kill]
        after_moved = [s for s in moved.stop().samples if s.start >= t_kill]
        stay = moved = None
        # The survivor's readers never noticed.
        assert len([s for s in after_stay if s.kind == "move"]) >= 10
        assert [s.error for s in after_stay if s.error] == []
        # The killed replica's readers reconnected through nginx, and each moved again without error.
        reconnects = [s for s in after_moved if s.kind == "reconnect"]
        assert reconnects and all(s.error is None for s in reconnects), [s.error for s in reconnects]
        assert max(s.seconds for s in reconnects) <= RECONNECT_S
        good_moves = {s.session for s in after_moved if s.kind == "move" and s.error is None}
        assert len(good_moves) == 5
        failed = [s.error for s in after_moved if s.kind == "move" and s.error]
        assert all(error.startswith("websocket closed") for error in failed), failed  # only moves cut by the kill
    finally:
        for load in (stay, moved):
            if load is not None:
                load.stop()
        context.close()
