"""The tools a failover test uses (tests/cluster_helpers.py) do what they say, on a real kill.

Only the server side is checked here: readers on the replica that survives see no error while
the other is killed, and readers of the killed one reconnect through nginx. That their next
moves work, with a browser's reader among them, is tests/browser/test_failover.py's to check.
"""

from __future__ import annotations

import time

import pytest
from cluster_helpers import Deployment, routes, start_cluster

pytestmark = pytest.mark.deploy

LINK = "units=lb&weight=200&goal=170&pace=1"


def test_sessions_on_the_surviving_replica_see_no_error_while_the_other_is_killed() -> None:
    deployment = Deployment(start_cluster(2, max_conns_per_client=0))
    try:
        victim, survivor = deployment.replicas
        # A generous timeout: a replica's first run imports pandas and Altair (seconds on a busy machine).
        stay = deployment.load(5, link=LINK, think_s=(0.1, 0.3), timeout_s=30, replica=survivor)
        moved = deployment.load(5, link=LINK, think_s=(0.1, 0.3), timeout_s=30, replica=victim)
        assert stay.open_errors == 0 and moved.open_errors == 0
        table = routes(deployment.cluster)
        assert {table[route].index for route in stay.routes().values()} == {survivor.index}
        assert {table[route].index for route in moved.routes().values()} == {victim.index}
        # Moves on both replicas before the kill (each collector wakes us on a new sample).
        for load in (stay, moved):
            assert load.collector.wait_until(lambda samples: any(s.kind == "move" for s in samples), timeout_s=30)
        t_kill = time.perf_counter()
        old_pid = deployment.kill(victim)
        deployment.wait_restarted(victim, old_pid)
        after_stay = [s for s in stay.stop().samples if s.start >= t_kill]
        after_moved = [s for s in moved.stop().samples if s.start >= t_kill]
        assert len([s for s in after_stay if s.kind == "move"]) >= 10
        assert [s.error for s in after_stay if s.error] == []
        reconnected = {s.session for s in after_moved if s.kind == "reconnect" and s.error is None}
        assert reconnected == set(moved.routes())
        grouped = deployment.by_replica(stay, stay.collector)
        assert len(grouped[survivor.index]) == len(stay.collector.samples) and not grouped[victim.index]
    finally:
        deployment.cluster.stop()
        deployment.cluster.cleanup()
