"""Fixtures shared by the deploy and browser tests: replicas of the app behind real nginx.

``nginx_cluster`` (one per test session) is 2 replicas of app.py behind Debian's nginx, as
the launcher (deploy/serve.py) runs them, wrapped in a ``cluster_helpers.Deployment`` that
finds, kills and loads replicas (see that module).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cluster_helpers import EMBED_HOST_PORT, Deployment, start_cluster


@pytest.fixture(scope="session")
def nginx_cluster() -> Iterator[Deployment]:
    """2 replicas of app.py behind nginx for the whole test session (see the module notes)."""
    cluster = start_cluster(
        2,
        frame_ancestors=f"'self' http://127.0.0.1:{EMBED_HOST_PORT}",
        max_conns_per_client=0,  # every browser and load session of the tests comes from 127.0.0.1
    )
    deployment = Deployment(cluster)
    try:
        yield deployment
    finally:
        for load in deployment.loads:
            try:
                load.stop()
            except Exception as error:  # a load already stopped by its test
                print(f"[cluster] stopping a load: {error}")
        cluster.stop()
        cluster.cleanup()
