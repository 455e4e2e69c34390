"""The servers a benchmark measures, and the one way it reads their CPU and memory.

* :class:`Server`: one ``streamlit run`` of our app or the floor (:data:`OURS`, :data:`FLOOR`)
  on a free port, for the browser measurements;
* :func:`start_target`: the floor, our app on one replica, or our app on N replicas behind nginx
  (:data:`TARGETS`), through ``deploy/serve.py``'s :class:`~deploy.serve.Cluster`, for load;
* :class:`ProcessGroup`: the user + system CPU seconds and the RSS of a set of processes and
  their children (psutil; 10 ms resolution), read the same way for every server, nginx and the
  load generator.

Every server runs the launcher's own ``streamlit run`` command
(:func:`deploy.serve.streamlit_command`) from the repository root, on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.report import log  # noqa: E402  (after the path line above)
from deploy.serve import Cluster, Settings, free_port, streamlit_command  # noqa: E402
from loadgen.protocol import Collector, StreamlitSession  # noqa: E402

HOST = "127.0.0.1"


@dataclass(frozen=True)
class App:
    key: str  # "ours" or "floor"
    script: str  # relative to ROOT
    slider: str  # the slider's accessible name


OURS = App("ours", "app.py", "Weekly pace (lb a week)")
FLOOR = App("floor", "bench/floor_app.py", "Pace (lb a week)")
APPS = (OURS, FLOOR)


class ProcessGroup:
    """CPU seconds and memory of a set of processes and their children, read with psutil."""

    def __init__(self, pids: Callable[[], Sequence[int]]) -> None:
        self._pids = pids

    @classmethod
    def of(cls, *pids: int) -> ProcessGroup:
        return cls(lambda: pids)

    def _procs(self) -> list[psutil.Process]:
        procs = []
        for pid in self._pids():
            try:
                proc = psutil.Process(pid)
                procs.append(proc)
                procs.extend(proc.children(recursive=True))
            except psutil.Error:
                continue
        return procs

    def pids(self) -> frozenset[int]:
        """The processes' ids now (a restarted replica has a new one)."""
        return frozenset(p.pid for p in self._procs())

    def cpu_s(self) -> float:
        """User + system CPU seconds the processes have used so far (10 ms resolution)."""
        total = 0.0
        for proc in self._procs():
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                continue
        return total

    def rss_mib(self) -> float:
        total = 0
        for proc in self._procs():
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total / 2**20

    def settle(self, timeout_s: float = 5.0) -> None:
        """Wait until the processes use at most one clock tick of CPU in 100 ms (idle again)."""
        deadline = time.monotonic() + timeout_s
        last = self.cpu_s()
        while time.monotonic() < deadline:
            time.sleep(0.1)  # a state poll of the processes' CPU counters
            now = self.cpu_s()
            if now - last <= 0.011:
                return
            last = now


class Server:
    """One `streamlit run` process on a free port; always stop() it (used as a context manager)."""

    def __init__(self, app: App, logdir: Path, file_watcher: str = "none", env: dict[str, str] | None = None) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.log_path = logdir / f"{app.key}-{self.port}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.t_launch = time.perf_counter()
        self.proc = subprocess.Popen(
            streamlit_command(ROOT / app.script, self.port, host=HOST, file_watcher=file_watcher),
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.usage = ProcessGroup.of(self.proc.pid)

    def wait_healthy(self, timeout: float = 60.0) -> float:
        """Poll /_stcore/health until it answers "ok"; returns seconds since launch."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        return time.perf_counter() - self.t_launch
            except OSError:
                pass
            if self.proc.poll() is not None or time.perf_counter() > deadline:
                raise RuntimeError(f"{self.app.script} did not start; see {self.log_path}")
            time.sleep(0.02)  # polling interval for the health endpoint (a state poll, not a settle)

    def rss_mib(self) -> float:
        return self.usage.rss_mib()

    def cpu_s(self) -> float:
        """User + system CPU seconds the server process has used so far (10 ms resolution)."""
        return self.usage.cpu_s()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ObjectProbe:
    """Counts of Python objects in servers started after :meth:`enable` (``bench/probe``'s
    ``sitecustomize``, which only the benchmarks load). A count takes one ``gc.get_objects()``
    in the server (some 20-60 ms with a few hundred thousand objects), so read it at a step's
    boundaries, not during one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def enable(self) -> ObjectProbe:
        """Make every server started from now on load the probe (the environment is inherited)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        probe = str(Path(__file__).resolve().parent / "probe")
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (probe, os.environ.get("PYTHONPATH", "")) if p)
        os.environ["RF_BENCH_PROBE_DIR"] = str(self.folder)
        return self

    def _read(self, pid: int) -> dict[str, Any] | None:
        try:
            return dict(json.loads((self.folder / f"objects-{pid}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    def types(self, pids: Sequence[int]) -> dict[str, int]:
        """The commonest types of the servers' objects at the last count after a collection."""
        total: dict[str, int] = {}
        for pid in pids:
            for name, n in ((self._read(pid) or {}).get("types") or {}).items():
                total[name] = total.get(name, 0) + int(n)
        return total

    def objects(self, pids: Sequence[int], collect: bool = False, timeout_s: float = 10.0) -> int | None:
        """The servers' objects, summed (after a full collection in each if ``collect``), or
        None if one of them has no probe (a signal would end a process without one)."""
        before = {pid: self._read(pid) for pid in pids}
        if not pids or any(b is None for b in before.values()):
            return None
        for pid in pids:
            os.kill(pid, signal.SIGUSR2 if collect else signal.SIGUSR1)
        total = 0
        deadline = time.monotonic() + timeout_s
        for pid in pids:
            while True:  # a state poll: the server writes its file when it has counted
                now = self._read(pid)
                was = before[pid] or {}
                if now is not None and now["t"] != was.get("t") and now["objects"] is not None:
                    total += int(now["objects"])
                    break
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.02)
        return total


# --- targets for protocol load: the floor, our app on 1 replica, our app on N behind nginx ---


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    script: str
    replicas: int
    proxy: bool


TARGETS = {
    "floor": Target("floor", "floor app, 1 process", FLOOR.script, 1, False),
    "floor-nginx": Target("floor-nginx", "floor app, 1 process behind nginx", FLOOR.script, 1, True),
    "floor2": Target("floor2", "floor app, 2 processes behind nginx", FLOOR.script, 2, True),
    "ours1": Target("ours1", "our app, 1 replica", OURS.script, 1, False),
    "ours1-nginx": Target("ours1-nginx", "our app, 1 replica behind nginx", OURS.script, 1, True),
    "ours2": Target("ours2", "our app, 2 replicas behind nginx", OURS.script, 2, True),
}


def start_target(target: Target, logdir: Path) -> Cluster:
    """Start a target with the launcher (same Streamlit options for all; no per-client limit,
    since every load session comes from 127.0.0.1). Stop it with ``.stop()``."""
    settings = Settings(
        replicas=target.replicas,
        port=free_port(),
        replica_ports=tuple(free_port() for _ in range(target.replicas)),
        script=ROOT / target.script,
        proxy=target.proxy,
        max_conns_per_client=0,
        run_dir=logdir / f"{target.key}-{int(time.time() * 1000)}",
    )
    return Cluster(settings, on_event=log).start()


def replicas(cluster: Cluster) -> ProcessGroup:
    """A cluster's replicas (their pids now: a restarted replica is followed)."""
    return ProcessGroup(lambda: [r.pid for r in cluster.replicas if r.pid is not None])


def nginx(cluster: Cluster) -> ProcessGroup:
    """A cluster's nginx: its master and workers (none without a proxy)."""
    return ProcessGroup(lambda: [cluster.nginx_proc.pid] if cluster.nginx_proc is not None else [])


async def warm_up(urls: Sequence[str], link: str = "", opens: int = 3) -> None:
    """A few opens straight to each replica: its first runs import pandas and Altair and fill
    the app's caches, which no reader of a warm server pays."""
    for url in urls:
        for n in range(opens):
            session = StreamlitSession(url, link, Collector(), 30_000 + n, 10.0, open_timeout_s=60.0)
            await session.open()
            await session.close()
