"""Replicas of the app behind real nginx, for the deploy and browser tests (see tests/conftest.py).

``nginx_cluster`` (one per test session) is the launcher's own :class:`~deploy.serve.Cluster`:
2 replicas of app.py behind Debian's nginx, on free ports of 127.0.0.1, wrapped in a
:class:`Deployment` with the tools a failover test needs:

* ``replica_serving(context)``: the replica that serves a Playwright browser context, found
  from its sticky cookie in nginx's access log; ``kill(replica)`` sends it SIGKILL (the
  launcher starts it again), ``wait_restarted(replica, pid)`` waits for that;
* ``load(...)``: protocol sessions (``loadgen/crowd.py``) moving the pace in the background,
  each with its own sticky cookie, with ``by_replica()`` to group their results by the replica
  that served them; sessions whose replica dies reconnect through nginx as a page does.

The same tools are functions for a bare :class:`~deploy.serve.Cluster` and its replicas
(``routes``, ``replica_for_route``, ``kill``, ``wait_restarted``): the launcher itself has no use
for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import signal
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest

from deploy.serve import Cluster, Replica, Settings, free_port
from loadgen.crowd import BackgroundLoad
from loadgen.pace_move import ControlPaceMove
from loadgen.protocol import Collector

T = TypeVar("T")

EMBED_HOST_PORT = free_port()
"""The port of the publisher's page in the embedding test: the cluster allows it to embed the app."""


def run_async(coro: Coroutine[Any, Any, T], timeout_s: float = 300.0) -> T:
    """Run a coroutine to the end in a thread of its own. Tests use this instead of
    ``asyncio.run``: Playwright's sync API keeps an event loop running in the main thread
    once a browser test has run in the same pytest process."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout_s)


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if shutil.which("/usr/sbin/nginx") else None)
    if not found:
        pytest.fail("nginx is not installed: `bash .ci/run` installs Debian's nginx (apt-get install nginx)")
    return found


def start_cluster(replicas: int = 2, **settings: Any) -> Cluster:
    """A running cluster of app.py replicas behind nginx, on free ports of 127.0.0.1."""
    config = Settings(
        replicas=replicas,
        port=free_port(),
        replica_ports=tuple(free_port() for _ in range(replicas)),
        nginx=nginx_binary(),
        **settings,
    )
    return Cluster(config, on_event=lambda message: print(f"[cluster] {message}")).start()


def wait_for(ready: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.1) -> None:
    """Wait until ``ready()`` holds (polled every ``poll_s``: a state poll, not a settle)."""
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} within {timeout_s:.0f} s")
        time.sleep(poll_s)


def kill(replica: Replica, sig: int = signal.SIGKILL) -> int:
    """Send ``sig`` to a running replica (default SIGKILL, a crash); returns its pid. The
    launcher's supervisor starts a replica that exits again (on the same port)."""
    proc = replica.proc
    if proc is None or proc.poll() is not None:
        raise RuntimeError(f"replica {replica.index} is not running")
    proc.send_signal(sig)
    return proc.pid


def wait_restarted(replica: Replica, old_pid: int, timeout_s: float = 60.0) -> None:
    """Wait until the supervisor has started ``replica`` again and it answers its health check."""
    wait_for(lambda: replica.pid not in (None, old_pid) and replica.healthy(), timeout_s, "replica not restarted")


def routes(cluster: Cluster) -> dict[str, Replica]:
    """Each sticky-cookie value seen in nginx's access log, and the replica that last served it."""
    by_port = {replica.port: replica for replica in cluster.replicas}
    found: dict[str, Replica] = {}
    if not cluster.access_log.exists():
        return found
    for line in cluster.access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        route = re.search(r" route=(\S+)", line)
        upstream = re.search(r" upstream=(\S+(?:, \S+)*)", line)
        if not route or not upstream:
            continue
        last = upstream.group(1).split(", ")[-1]
        port = last.rsplit(":", 1)[-1]
        if port.isdigit():
            with contextlib.suppress(KeyError):
                found[route.group(1)] = by_port[int(port)]
    return found


def replica_for_route(cluster: Cluster, route: str, wait_s: float = 2.0) -> Replica:
    """The replica serving the reader whose sticky cookie is ``route`` (from nginx's log,
    which nginx writes just after it answers: so wait up to ``wait_s`` for the line)."""
    try:
        wait_for(lambda: route in routes(cluster), wait_s, f"route {route!r} not in {cluster.access_log}", 0.02)
    except TimeoutError as error:
        raise KeyError(str(error)) from None
    return routes(cluster)[route]


@dataclass
class Deployment:
    """A running cluster plus the tools to find, kill and load its replicas (see the module notes)."""

    cluster: Cluster
    loads: list[BackgroundLoad] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.cluster.url

    @property
    def replicas(self) -> list[Replica]:
        return self.cluster.replicas

    def route_of(self, context: Any) -> str:
        """The sticky cookie a Playwright browser context holds for the app."""
        name = self.cluster.settings.cookie_name
        for cookie in context.cookies(self.url):
            if cookie["name"] == name:
                return str(cookie["value"])
        raise LookupError(f"the browser has no {name} cookie for {self.url}")

    def replica_serving(self, context: Any) -> Replica:
        return replica_for_route(self.cluster, self.route_of(context))

    def kill(self, replica: Replica, sig: int = signal.SIGKILL) -> int:
        """SIGKILL (by default) a replica; returns its old pid. The launcher starts it again."""
        return kill(replica, sig)

    def wait_restarted(self, replica: Replica, old_pid: int, timeout_s: float = 60.0) -> None:
        """Wait until the supervisor has started ``replica`` again and nginx sends readers to
        it again: nginx skips a replica for ``fail_timeout`` (10 s) after a failed request, and
        a test that ran in that window would see its reader's requests split between replicas."""
        wait_restarted(replica, old_pid, timeout_s)
        wait_for(
            lambda: self.takes_new_readers(replica), timeout_s, f"nginx sends no reader to replica {replica.index}"
        )

    def takes_new_readers(self, replica: Replica, tries: int = 8) -> bool:
        """Whether one of ``tries`` new visitors (each with nginx's own random route) lands on
        ``replica``: each lands on either replica while nginx counts both as up."""
        try:
            route_to(self, replica, tries)
        except RuntimeError:
            return False
        return True

    def load(
        self,
        sessions: int,
        link: str = "",
        think_s: tuple[float, float] = (0.2, 0.4),
        timeout_s: float = 10.0,
        replica: Replica | None = None,
    ) -> BackgroundLoad:
        """Start ``sessions`` protocol sessions moving the pace control, through nginx; all on
        ``replica`` if given (each with a sticky cookie routed there), else wherever nginx
        puts them. Stop them with ``.stop()``."""
        name = self.cluster.settings.cookie_name
        routes = [route_to(self, replica) for _ in range(sessions)] if replica is not None else []
        cookies = (lambda n: {name: routes[n]}) if replica is not None else None
        load = BackgroundLoad(
            self.url, link, lambda n: ControlPaceMove(seed=n), sessions, think_s, timeout_s, cookies=cookies
        ).start()
        self.loads.append(load)
        return load

    def by_replica(self, load: BackgroundLoad, collector: Collector) -> dict[int, list[Any]]:
        """Each replica's index -> the samples of the sessions it served when they opened."""
        cookies = load.routes()
        table = routes(self.cluster)
        grouped: dict[int, list[Any]] = {r.index: [] for r in self.replicas}
        for sample in collector.samples:
            replica = table.get(cookies.get(sample.session, ""))
            if replica is not None:
                grouped[replica.index].append(sample)
        return grouped


def route_to(deployment: Deployment, replica: Replica, tries: int = 64) -> str:
    """A sticky-cookie value that nginx sends to ``replica``: new visitors get random routes,
    so ask for fresh ones until one lands there (a browser can then be given it as a cookie)."""
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    name = deployment.cluster.settings.cookie_name
    for _ in range(tries):
        with opener.open(deployment.url + "_stcore/health", timeout=10) as answer:
            cookies = [v for k, v in answer.headers.items() if k.lower() == "set-cookie"]
        route = next(c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith(f"{name}="))
        if replica_for_route(deployment.cluster, route).index == replica.index:
            return route
    raise RuntimeError(f"no route to replica {replica.index} in {tries} tries")
