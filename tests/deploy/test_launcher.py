"""The launcher really serves the app through nginx: stickiness, headers, restarts, limits."""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from cluster_helpers import kill, nginx_binary, replica_for_route, run_async, start_cluster, wait_restarted
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from deploy.serve import ROOT, Cluster, free_port
from loadgen.pace_move import ControlPaceMove
from loadgen.protocol import Collector, StreamlitSession

pytestmark = pytest.mark.deploy

LINK = "units=lb&weight=200&goal=170&pace=1"
LIMIT = 6


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    running = start_cluster(2, max_conns_per_client=LIMIT)
    try:
        yield running
    finally:
        running.stop()
        running.cleanup()


def get(url: str) -> tuple[int, dict[str, list[str]], bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as answer:
            headers: dict[str, list[str]] = {}
            for name, value in answer.headers.items():
                headers.setdefault(name.lower(), []).append(value)
            return answer.status, headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {}, b""
    except OSError:  # not listening (yet)
        return 0, {}, b""


async def reader_moves(url: str, number: int, moves: int = 2) -> tuple[str, StreamlitSession]:
    """A reader opens the link and moves the pace; returns their sticky cookie."""
    session = StreamlitSession(url, LINK, Collector(), number)
    await session.open()
    move = ControlPaceMove(seed=number)
    for _ in range(moves):
        await session.rerun(move.next_move(session))
    await session.close()
    return session.cookies["stroute"], session


def upstreams_by_route(cluster: Cluster) -> dict[str, set[str]]:
    """Each route's replicas in nginx's log ("-", nginx answering itself, left out)."""
    found: dict[str, set[str]] = {}
    for line in cluster.access_log.read_text(encoding="utf-8").splitlines():
        match = re.search(r" route=(\S+) upstream=(\S+)", line)
        if match and match.group(2) != "-":
            found.setdefault(match.group(1), set()).add(match.group(2))
    return found


def test_distinct_readers_are_spread_over_both_replicas_and_each_stays_on_its_own(cluster: Cluster) -> None:
    async def readers() -> list[tuple[str, StreamlitSession]]:
        return [await reader_moves(cluster.url, n) for n in range(16)]

    results = run_async(readers())
    routes = [route for route, _ in results]
    assert len(set(routes)) == 16, "each new reader gets a cookie of its own"
    assert all(session.runs == 3 for _, session in results), "the first run and two moves each finished"
    served = {replica_for_route(cluster, route).index for route in routes}
    assert served == {0, 1}
    upstreams = upstreams_by_route(cluster)
    for route in routes:
        # /_stcore/health, /_stcore/host-config and the websocket: one replica (nginx serves the page)
        assert len(upstreams[route]) == 1, upstreams[route]
    assert re.search(r'"GET /index\.html" 200 route=\S+ upstream=- ', cluster.access_log.read_text(encoding="utf-8"))


def test_every_response_sets_the_sticky_cookie_and_the_security_headers(cluster: Cluster) -> None:
    status, headers, body = get(cluster.url + "?units=kg&weight=90")
    # A shared link previews as the page, not "Streamlit": the served HTML carries its own tags.
    assert status == 200 and b"<title>Runner&#x27;s face, explained</title>" in body
    assert b'<meta property="og:title"' in body and b'<meta name="description"' in body
    assert b"<title>Streamlit</title>" not in body
    cookie = next(c for c in headers["set-cookie"] if c.startswith("stroute="))
    assert re.fullmatch(r"stroute=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax", cookie)
    assert headers["content-security-policy"] == ["frame-ancestors 'self'"]
    assert headers["x-frame-options"] == ["SAMEORIGIN"]
    assert headers["x-content-type-options"] == ["nosniff"]
    assert headers["referrer-policy"] == ["no-referrer"]
    assert "server" not in headers or headers["server"] == ["nginx"], "no nginx version in the Server header"
    # A reader's numbers are in the link: nginx's log keeps the path, not the query string.
    assert "weight=90" not in cluster.access_log.read_text(encoding="utf-8")


def test_a_killed_replica_is_started_again_and_its_readers_are_served_meanwhile(cluster: Cluster) -> None:
    async def readers() -> list[tuple[str, StreamlitSession]]:
        # one after another: the cluster's per-client limit is LIMIT connections
        return [await reader_moves(cluster.url, 100 + n, moves=0) for n in range(8)]

    routes = run_async(readers())
    by_replica: dict[int, list[str]] = {}
    for route, _ in routes:
        by_replica.setdefault(replica_for_route(cluster, route).index, []).append(route)
    victim = cluster.replicas[0]
    assert by_replica.get(0), "some reader was on replica 0"
    restarts = victim.restarts
    old_pid = kill(victim, signal.SIGKILL)

    async def reopen(route: str) -> StreamlitSession:
        session = StreamlitSession(cluster.url, LINK, Collector(), 200)
        session.cookies["stroute"] = route
        await session.open()
        await session.close()
        return session

    # While replica 0 is down, a reader whose cookie points at it still gets the page and a run.
    session = run_async(reopen(by_replica[0][0]))
    assert session.runs == 1
    wait_restarted(victim, old_pid, timeout_s=60)
    assert victim.restarts == restarts + 1 and victim.pid != old_pid
    assert not psutil.pid_exists(old_pid) or psutil.Process(old_pid).status() == psutil.STATUS_ZOMBIE
    assert run_async(reopen(by_replica[0][0])).runs == 1


def test_one_client_address_cannot_hold_more_connections_than_the_limit(cluster: Cluster) -> None:
    ws_url = cluster.url.replace("http://", "ws://") + "_stcore/stream"

    async def hold() -> int:
        sockets = [await connect(ws_url, subprotocols=["streamlit"], proxy=None) for _ in range(LIMIT)]  # type: ignore[list-item]
        try:
            with pytest.raises(InvalidStatus) as refused:
                await connect(ws_url, subprotocols=["streamlit"], proxy=None)  # type: ignore[list-item]
            return refused.value.response.status_code
        finally:
            for ws in sockets:
                await ws.close()

    assert run_async(hold()) == 429


def test_one_command_starts_two_replicas_behind_nginx_and_ctrl_c_stops_them_all(tmp_path: Path) -> None:
    port, base = free_port(), free_port()
    while base + 1 == port or not _free(base + 1):
        base = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "deploy" / "serve.py"),
            "--port",
            str(port),
            "--base-port",
            str(base),
            "--run-dir",
            str(tmp_path),
            "--nginx",
            nginx_binary(),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while get(f"http://127.0.0.1:{port}/_stcore/health")[0] != 200:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            assert time.monotonic() < deadline, "nginx never answered"
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(0.2)  # a state poll: wait on the launcher between health checks
        children = psutil.Process(proc.pid).children(recursive=True)
        assert sum(1 for c in children if "streamlit" in " ".join(c.cmdline())) == 2
        assert any("nginx" in c.name() for c in children)
        assert get(f"http://127.0.0.1:{base}/_stcore/health")[0] == 200
        assert get(f"http://127.0.0.1:{base + 1}/_stcore/health")[0] == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
        _gone, alive = psutil.wait_procs(children, timeout=10)
        assert not alive, f"left running: {alive}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True
