"""Starting and stopping the app's server for the browser tests (a distinct name: tests/app
has its own conftest, so tests import these from here, not from conftest)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from deploy.serve import free_port, streamlit_command

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Server:
    """A running `streamlit run app.py`: its address, process and log file."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path


def start_server(log_path: Path, port: int | None = None) -> subprocess.Popen[bytes]:
    """Start the app on `port` (a free one by default), writing its output to `log_path`."""
    port = port or free_port()
    with log_path.open("a") as log:
        proc = subprocess.Popen(
            streamlit_command(ROOT / "app.py", port),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},  # the log file is complete at any moment
        )
    proc.port = port  # type: ignore[attr-defined]
    return proc


def wait_until_healthy(proc: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=1) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not start; see {log_path}")
        # between health checks, wait on the server process (it must not exit)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.2)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
