"""Serve the app to a big audience from one machine: N Streamlit replicas behind nginx.

One command starts everything, in the foreground, as the current user (no root needed):

    .venv/bin/python deploy/serve.py                     # 2 replicas, nginx on http://127.0.0.1:8080
    .venv/bin/python deploy/serve.py --replicas 4 --listen 0.0.0.0 --port 8080 \\
        --frame-ancestors "'self' https://news.example.com"

What it does:

* starts N ``streamlit run app.py`` replicas on 127.0.0.1 (ports 8510, 8511, ...), all with one
  ``server.cookieSecret`` (taken from ``STREAMLIT_SERVER_COOKIE_SECRET`` if set, else a new
  random one), given through the environment so it never shows in ``ps``;
* renders ``deploy/nginx.conf.template`` into a run folder (``--run-dir``) and starts Debian's
  nginx with that folder as its prefix: sticky cookie, websocket upgrade, long timeouts,
  security headers, a per-client connection limit;
* puts Streamlit's own web files (the page, its scripts, styles and fonts), taken from the
  Streamlit wheel the replicas run, into the run folder with a gzipped copy of each text file,
  so that nginx serves them itself (``gzip_static``, a year's cache for the hashed names) and
  the replicas' Python only serves what is dynamic (``/_stcore/...``, the websocket, downloads);
* watches: a replica that exits is started again on the same port (with a back-off if it keeps
  crashing), and so is one that stops answering ``/_stcore/health``; so is nginx;
* Ctrl-C (or SIGTERM) stops nginx and every replica.

The same :class:`Cluster` starts replicas for the tests and the benchmarks (the tests' tools to
find, kill and wait for a replica are in ``tests/cluster_helpers.py``).

Two more commands write files and exit: ``--export-static DIR`` (Streamlit's files with their
gzipped copies, to upload to a CDN or a bucket) and ``--pod-sidecar DIR`` (an nginx config and
those files for nginx beside one replica in a Kubernetes pod: ``deploy/k8s/deployment.yaml``).
"""

from __future__ import annotations

import argparse
import contextlib
import grp
import gzip
import hashlib
import json
import os
import pwd
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
COOKIE_SECRET_VARIABLE = "STREAMLIT_SERVER_COOKIE_SECRET"
STATIC_FOLDER = "static"
"""Streamlit's web files inside the run folder (and the wheel's own folder of them)."""
COMPRESSIBLE = frozenset({".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt"})
"""Text files that get a gzipped copy beside them (fonts and images are compressed already)."""
_FINGERPRINT = ".streamlit-files.json"

# What may embed the page: CSP source expressions only ('self', 'none', a scheme such as
# https:, or an origin with an optional * for subdomains or the port), so a value can never
# add nginx directives to the config.
_SOURCE = re.compile(
    r"^(?:'self'|'none'|[a-z][a-z0-9+.-]*:|[a-z][a-z0-9+.-]*://(?:\*\.)?[A-Za-z0-9.-]+(?::(?:\d{1,5}|\*))?)$"
)
_COOKIE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")


def log(message: str) -> None:
    print(f"[serve {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def streamlit_command(
    script: Path,
    port: int,
    *,
    python: str = sys.executable,
    host: str = "127.0.0.1",
    file_watcher: str = "none",
    extra: Sequence[str] = (),
) -> list[str]:
    """The ``streamlit run`` command of one server: headless, on ``host:port``, no usage
    statistics, and no file watcher (``none``: Streamlit 1.67 walks every loaded module for
    each new session otherwise). Run it from the repository root (``cwd=ROOT``), so that it
    reads ``.streamlit/config.toml``. The replicas, the benchmarks' servers and the browser
    tests' server all start with this."""
    return [
        python,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        file_watcher,
        *extra,
    ]


@dataclass(frozen=True)
class Settings:
    """Everything the launcher needs; the command line fills it in."""

    replicas: int = 2
    listen_host: str = "127.0.0.1"
    port: int = 8080
    replica_ports: tuple[int, ...] = ()
    """One port per replica; empty means 8510, 8511, ..."""
    script: Path = ROOT / "app.py"
    proxy: bool = True
    """False: no nginx; the cluster's URL is replica 0's (a single server, as the benchmarks' floor)."""
    frame_ancestors: str = "'self'"
    max_conns_per_client: int = 64
    """Open connections one client address may hold through nginx (0: no limit)."""
    behind_https: bool = False
    """Set when TLS ends in front of nginx: the cookie becomes SameSite=None; Secure;
    Partitioned (needed for an iframe on another site) and HSTS is sent."""
    cookie_name: str = "stroute"
    run_dir: Path | None = None
    nginx: str = "nginx"
    python: str = sys.executable
    """The Python that runs the replicas; Streamlit's web files come from its Streamlit wheel."""
    public_url: str | None = None
    """The site's own address (https://...), for the link preview's image and page address."""
    pod_sidecar: bool = False
    """nginx beside one replica in a Kubernetes pod: no sticky cookie and no per-client limit
    (the Ingress does both), logs to stdout and stderr."""
    streamlit_args: tuple[str, ...] = ()
    health_interval_s: float = 5.0
    health_timeout_s: float = 10.0
    health_failures: int = 6
    """Failed health checks in a row after which a running replica counts as hung. A replica
    that is only very busy still answers within seconds; killing it would send its readers
    to the others and could overload them in turn, so this waits for about a minute and a half."""

    def ports(self) -> tuple[int, ...]:
        if self.replica_ports:
            if len(self.replica_ports) != self.replicas:
                raise ValueError("give one replica port per replica")
            return self.replica_ports
        return tuple(8510 + i for i in range(self.replicas))


def render_nginx_conf(settings: Settings, run_dir: Path) -> str:
    """The nginx config for ``settings``, with its files under ``run_dir``.

    Raises ValueError for a value that could not be put into the config safely.
    """
    sources = settings.frame_ancestors.split()
    if not sources or not all(_SOURCE.match(s) for s in sources) or ("'none'" in sources and len(sources) > 1):
        raise ValueError(
            f"--frame-ancestors must be CSP sources separated by spaces, e.g. \"'self' https://news.example.com\"; "
            f"got {settings.frame_ancestors!r}"
        )
    if not _COOKIE.match(settings.cookie_name):
        raise ValueError(f"cookie name must be letters, digits and underscores: {settings.cookie_name!r}")
    if settings.replicas < 1:
        raise ValueError("at least one replica is needed")
    if settings.max_conns_per_client < 0:
        raise ValueError("--max-conns-per-client must be 0 (no limit) or more")
    user_line = "# nginx runs as the user who started it."
    if os.geteuid() == 0:
        # As root, nginx's workers would otherwise switch to `nobody`, which cannot use
        # the run folder; they stay the user who started the launcher.
        user_line = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in settings.ports())
    limit = 0 if settings.pod_sidecar else settings.max_conns_per_client
    attributes = "SameSite=None; Secure; Partitioned" if settings.behind_https else "SameSite=Lax"
    cookie = f"{settings.cookie_name}=$route_key; Path=/; HttpOnly; {attributes}"
    values = {
        "user_line": user_line,
        "run_dir": str(run_dir),
        "error_log": "stderr" if settings.pod_sidecar else str(run_dir / "error.log"),
        "access_log": "/dev/stdout" if settings.pod_sidecar else str(run_dir / "access.log"),
        "static_root": str(run_dir / STATIC_FOLDER),
        "cookie": settings.cookie_name,
        "servers": servers,
        "listen": f"{settings.listen_host}:{settings.port}",
        "limit_conn_line": f"        limit_conn per_client {limit};"
        if limit
        else "        # no per-client limit"
        + (" (the Ingress limits connections per reader)" if settings.pod_sidecar else ""),
        "sticky_cookie": "" if settings.pod_sidecar else cookie,
        "frame_ancestors": settings.frame_ancestors,
        "x_frame_options_line": '        add_header X-Frame-Options "SAMEORIGIN" always;'
        if settings.frame_ancestors == "'self'"
        else "        # no X-Frame-Options: other sites may embed the page (see frame-ancestors)",
        "hsts_line": '        add_header Strict-Transport-Security "max-age=31536000" always;'
        if settings.behind_https
        else "        # no HSTS: served over plain HTTP",
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    missing = set(re.findall(r"\{\{(\w+)\}\}", text)) - values.keys()
    if missing:
        raise ValueError(f"template placeholders without a value: {sorted(missing)}")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], text)


def nginx_command(settings: Settings, run_dir: Path, *extra: str) -> list[str]:
    """The command that runs nginx on the config in ``run_dir`` (``extra``: e.g. ``-t``)."""
    error_log = "stderr" if settings.pod_sidecar else str(run_dir / "error.log")
    return [settings.nginx, *extra, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-e", error_log]


def check_nginx_conf(settings: Settings, run_dir: Path) -> subprocess.CompletedProcess[str]:
    """Render the config into ``run_dir`` and run ``nginx -t`` on it (returns the result)."""
    write_nginx_conf(settings, run_dir)
    return subprocess.run(nginx_command(settings, run_dir, "-t"), capture_output=True, text=True, timeout=30)


def write_nginx_conf(settings: Settings, run_dir: Path) -> Path:
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(render_nginx_conf(settings, run_dir), encoding="utf-8")
    return conf


# --- Streamlit's web files, for nginx (or a CDN) to serve instead of the replicas' Python -------


def streamlit_static_dir(python: str = sys.executable) -> Path:
    """The folder of Streamlit's web files (``index.html``, ``static/js/...``) in the Streamlit
    wheel that ``python`` imports: next to its ``streamlit.__file__``, found without importing it."""
    code = "import importlib.util as u; print(u.find_spec('streamlit').origin)"
    try:
        found = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise RuntimeError(f"{python} cannot find Streamlit: {error}") from error
    folder = Path(found.stdout.strip()).parent / STATIC_FOLDER
    if not (folder / "index.html").is_file():
        raise RuntimeError(f"no Streamlit web files in {folder}")
    return folder


def _fingerprint(source: Path, copy: bool, head: str = "") -> str:
    """What the prepared folder was made from: the source folder, every file's name, size and
    modification time, whether files were copied or linked, and the preview tags."""
    entries = sorted(
        (str(path.relative_to(source)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in source.rglob("*")
        if path.is_file()
    )
    text = json.dumps([str(source.resolve()), copy, entries, head])
    return hashlib.sha256(text.encode()).hexdigest()


def preview_head(public_url: str | None = None) -> str:
    """The title, description and Open Graph tags of the app's content, for the served index.html
    (see runners_face/preview.py); the content folder is the app's (``RUNNERS_FACE_CONTENT_DIR``
    when set, as the app reads it)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # run as `python deploy/serve.py`: the app's package is beside
    from runners_face.content import load_content
    from runners_face.preview import preview_head as head_for

    return head_for(load_content(_content_dir()), public_url)


def _content_dir() -> Path:
    return Path(os.environ.get("RUNNERS_FACE_CONTENT_DIR", str(ROOT / "content")))


def prepare_static_files(source: Path, dest: Path, copy: bool = False, head: str = "") -> dict[str, int]:
    """Put Streamlit's web files from ``source`` into ``dest``, each text file with a gzipped
    copy beside it (``name.gz``, gzip -9, only when smaller), for nginx's ``gzip_static``.

    ``copy=False`` links each file to the wheel's own (a run folder on the same machine);
    ``copy=True`` copies them (a folder to upload or to mount in another container). ``dest`` is
    left alone if it was made from the same files; a ``dest`` that is not empty and was not made
    here is refused. With ``head``, ``index.html`` is a copy with those tags for its title (and the
    preview image, ``content/preview.png``, beside it). Returns counts:
    files, gzipped copies, bytes before and after.
    """
    stamp = dest / _FINGERPRINT
    fingerprint = _fingerprint(source, copy, head)
    if stamp.is_file():
        made = json.loads(stamp.read_text(encoding="utf-8"))
        if made.get("fingerprint") == fingerprint:
            return {k: int(v) for k, v in made["counts"].items()}
    elif dest.exists() and any(dest.iterdir()):
        raise RuntimeError(f"{dest} is not empty and holds no Streamlit files made by deploy/serve.py")
    building = dest.with_name(dest.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    counts = {"files": 0, "gzipped": 0, "bytes": 0, "gzipped_bytes": 0}
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        target = building / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if head and path.relative_to(source) == Path("index.html"):
            from runners_face.preview import index_with_preview

            target.write_text(index_with_preview(path.read_text(encoding="utf-8"), head), encoding="utf-8")
        elif copy:
            shutil.copy2(path, target)
        else:
            target.symlink_to(path.resolve())
        counts["files"] += 1
        if path.suffix in COMPRESSIBLE:
            data = target.read_bytes()
            packed = gzip.compress(data, compresslevel=9, mtime=0)
            if len(packed) < len(data):
                packed_path = target.with_name(target.name + ".gz")
                packed_path.write_bytes(packed)
                mtime = path.stat().st_mtime_ns
                os.utime(packed_path, ns=(mtime, mtime))
                counts["gzipped"] += 1
                counts["bytes"] += len(data)
                counts["gzipped_bytes"] += len(packed)
    if head:
        from runners_face.preview import PREVIEW_IMAGE

        image = _content_dir() / PREVIEW_IMAGE
        if image.is_file():
            shutil.copy2(image, building / PREVIEW_IMAGE)
    (building / _FINGERPRINT).write_text(json.dumps({"fingerprint": fingerprint, "counts": counts}), encoding="utf-8")
    shutil.rmtree(dest, ignore_errors=True)
    building.rename(dest)
    return counts


def write_pod_sidecar(settings: Settings, run_dir: Path) -> Path:
    """Everything nginx needs beside one replica in a Kubernetes pod, in ``run_dir``: the config
    (``pod_sidecar`` on) and copies of Streamlit's web files. Returns the config's path."""
    head = preview_head(settings.public_url)
    prepare_static_files(streamlit_static_dir(settings.python), run_dir / STATIC_FOLDER, copy=True, head=head)
    return write_nginx_conf(settings, run_dir)


# Health checks go straight to 127.0.0.1, never through an HTTP proxy from the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with _DIRECT.open(url + "_stcore/health", timeout=timeout) as answer:
            return bool(answer.status == 200)
    except (OSError, urllib.error.HTTPError):
        return False


@dataclass
class Replica:
    """One ``streamlit run`` process on 127.0.0.1:port, started again by the cluster if it dies."""

    index: int
    port: int
    log_path: Path
    proc: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    restarts: int = 0
    failed_checks: int = 0
    backoff_s: float = 1.0
    next_start: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def healthy(self) -> bool:
        return self.alive() and _healthy(self.url)


@dataclass
class Cluster:
    """N replicas and (unless ``settings.proxy`` is False) nginx in front, supervised.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`. ``url`` is where
    readers go: nginx, or replica 0 without a proxy.
    """

    settings: Settings
    replicas: list[Replica] = field(default_factory=list)
    nginx_proc: subprocess.Popen[bytes] | None = None
    run_dir: Path = field(default_factory=Path)
    cookie_secret: str = ""
    on_event: Callable[[str], None] = log
    _stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _watcher: threading.Thread | None = None
    _own_run_dir: bool = False

    @property
    def url(self) -> str:
        if self.settings.proxy:
            host = "127.0.0.1" if self.settings.listen_host in ("0.0.0.0", "") else self.settings.listen_host
            return f"http://{host}:{self.settings.port}/"
        return self.replicas[0].url

    @property
    def access_log(self) -> Path:
        return self.run_dir / "access.log"

    # --- start and stop ------------------------------------------------------------------

    def start(self, timeout_s: float = 90.0) -> Cluster:
        """Start every replica and nginx; return once all answer their health check."""
        raise_file_limit()
        if self.settings.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="runners-face-serve-"))
            self._own_run_dir = True
        else:
            self.run_dir = self.settings.run_dir
            self.run_dir.mkdir(parents=True, exist_ok=True)
        self.cookie_secret = os.environ.get(COOKIE_SECRET_VARIABLE) or secrets.token_urlsafe(32)
        self.replicas = [
            Replica(i, port, self.run_dir / f"replica-{i}.log") for i, port in enumerate(self.settings.ports())
        ]
        try:
            for replica in self.replicas:
                self._start_replica(replica)
            self.wait_ready(timeout_s)
            if self.settings.proxy:
                self._start_nginx()
                self._wait(lambda: _healthy(self.url), timeout_s, "nginx did not answer /_stcore/health")
        except BaseException:
            self.stop()
            raise
        self._watcher = threading.Thread(target=self._watch, name="serve-watch", daemon=True)
        self._watcher.start()
        return self

    def stop(self) -> None:
        """Stop nginx and every replica (SIGTERM, then SIGKILL after 10 s)."""
        self._stopping.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=5)
        with self._lock:
            procs = [p for p in [self.nginx_proc, *(r.proc for r in self.replicas)] if p is not None]
            for proc in procs:
                if proc.poll() is None:
                    proc.terminate()
            for proc in procs:
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)

    def __enter__(self) -> Cluster:
        return self if self._watcher is not None else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_ready(self, timeout_s: float = 90.0) -> None:
        """Wait until every replica answers its health check."""
        self._wait(lambda: all(r.healthy() for r in self.replicas), timeout_s, "replicas did not become healthy")

    def _wait(self, ready: Callable[[], bool], timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while not ready():
            dead = [r for r in self.replicas if r.proc is not None and r.proc.poll() is not None]
            if time.monotonic() > deadline or (dead and not self._watcher):
                logs = ", ".join(str(r.log_path) for r in self.replicas)
                raise RuntimeError(f"{what} within {timeout_s:.0f} s; logs: {logs}")
            # a state poll between health checks, not a settle: wait on the event
            self._stopping.wait(0.1)

    def _replica_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env[COOKIE_SECRET_VARIABLE] = self.cookie_secret
        return env

    def _start_replica(self, replica: Replica) -> None:
        command = streamlit_command(
            self.settings.script, replica.port, python=self.settings.python, extra=self.settings.streamlit_args
        )
        with replica.log_path.open("ab") as out:
            # cwd=ROOT: every replica reads the repository's .streamlit/config.toml.
            replica.proc = subprocess.Popen(
                command, cwd=ROOT, env=self._replica_env(), stdout=out, stderr=subprocess.STDOUT
            )
        replica.started_at = time.monotonic()
        replica.failed_checks = 0

    def _start_nginx(self) -> None:
        # Streamlit's web files from the wheel the replicas run (quick when they are there already).
        head = preview_head(self.settings.public_url)
        prepare_static_files(streamlit_static_dir(self.settings.python), self.run_dir / STATIC_FOLDER, head=head)
        result = check_nginx_conf(self.settings, self.run_dir)
        if result.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{result.stderr}")
        with (self.run_dir / "nginx.out").open("ab") as out:
            self.nginx_proc = subprocess.Popen(
                nginx_command(self.settings, self.run_dir), stdout=out, stderr=subprocess.STDOUT
            )

    # --- supervision -----------------------------------------------------------------------

    def _watch(self) -> None:
        next_check = time.monotonic() + self.settings.health_interval_s
        while not self._stopping.wait(0.2):
            now = time.monotonic()
            with self._lock:
                if self._stopping.is_set():
                    return
                for replica in self.replicas:
                    self._look_after(replica, now)
                if self.nginx_proc is not None and self.nginx_proc.poll() is not None:
                    self.on_event(f"nginx exited with code {self.nginx_proc.returncode}; starting it again")
                    self._start_nginx()
            if now >= next_check:
                next_check = now + self.settings.health_interval_s
                self._health_round()

    def _look_after(self, replica: Replica, now: float) -> None:
        if replica.proc is None or replica.proc.poll() is None:
            return
        if replica.next_start == 0.0:
            code = replica.proc.returncode
            quick = now - replica.started_at < 10
            # A replica that dies right after starting is probably broken: back off
            # (1 s, doubling to 30 s) instead of restarting it in a tight loop.
            replica.backoff_s = min(30.0, replica.backoff_s * 2) if quick else 1.0
            delay = replica.backoff_s if quick else 0.0
            replica.next_start = now + delay
            self.on_event(
                f"replica {replica.index} (port {replica.port}) exited with code {code}; "
                f"starting it again{f' in {delay:.0f} s' if delay else ''}"
            )
        if now >= replica.next_start:
            replica.next_start = 0.0
            replica.restarts += 1
            self._start_replica(replica)

    def _health_round(self) -> None:
        for replica in list(self.replicas):
            proc = replica.proc
            if proc is None or proc.poll() is not None:
                continue
            if time.monotonic() - replica.started_at < 30:
                continue  # still starting
            if _healthy(replica.url, timeout=self.settings.health_timeout_s):
                replica.failed_checks = 0
                continue
            replica.failed_checks += 1
            if replica.failed_checks >= self.settings.health_failures:
                self.on_event(
                    f"replica {replica.index} (port {replica.port}) failed {replica.failed_checks} health checks; "
                    "stopping it to start it again"
                )
                with self._lock:
                    if replica.proc is proc:
                        proc.kill()

    def cleanup(self) -> None:
        """Remove the run folder if the cluster made it."""
        if self._own_run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)


def raise_file_limit() -> None:
    """Let this process and its children open as many files as allowed: each reader's
    websocket is one (two through nginx)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def parse_args(argv: Sequence[str] | None) -> tuple[Settings, argparse.Namespace]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", type=int, default=2, help="Streamlit processes (default 2; about one per core)")
    ap.add_argument("--listen", default="127.0.0.1", help="address nginx listens on (default 127.0.0.1)")
    ap.add_argument("--port", type=int, default=8080, help="port nginx listens on (default 8080)")
    ap.add_argument("--base-port", type=int, default=8510, help="first replica's port on 127.0.0.1 (default 8510)")
    ap.add_argument("--app", default=str(ROOT / "app.py"), help="the Streamlit script (default app.py)")
    ap.add_argument(
        "--frame-ancestors",
        default="'self'",
        help="sites that may embed the page in an iframe, as CSP sources (default \"'self'\")",
    )
    ap.add_argument(
        "--max-conns-per-client", type=int, default=64, help="connections per client address (default 64; 0 = none)"
    )
    ap.add_argument("--behind-https", action="store_true", help="TLS ends in front of nginx (cookie Secure, HSTS)")
    ap.add_argument(
        "--public-url",
        metavar="URL",
        help="the site's own address (https://...): shared links then preview with the planner's image",
    )
    ap.add_argument("--run-dir", type=Path, help="folder for nginx's config, logs and temp files (default: a new one)")
    ap.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx", help="the nginx binary")
    ap.add_argument("--check", action="store_true", help="render the config, run nginx -t on it, and exit")
    ap.add_argument(
        "--export-static",
        type=Path,
        metavar="DIR",
        help="copy Streamlit's web files, with gzipped copies, into DIR (for a CDN) and exit",
    )
    ap.add_argument(
        "--pod-sidecar",
        type=Path,
        metavar="DIR",
        help="write an nginx config and Streamlit's web files into DIR for nginx beside one replica "
        "(on --base-port) in a Kubernetes pod, and exit",
    )
    args = ap.parse_args(argv)
    replicas = 1 if args.pod_sidecar else args.replicas
    settings = Settings(
        replicas=replicas,
        listen_host=args.listen,
        port=args.port,
        replica_ports=tuple(args.base_port + i for i in range(replicas)),
        script=Path(args.app).resolve(),
        frame_ancestors=args.frame_ancestors,
        max_conns_per_client=args.max_conns_per_client,
        behind_https=args.behind_https,
        public_url=args.public_url,
        run_dir=args.run_dir.resolve() if args.run_dir else None,
        nginx=args.nginx,
        pod_sidecar=args.pod_sidecar is not None,
    )
    return settings, args


def main(argv: Sequence[str] | None = None) -> int:
    settings, args = parse_args(argv)
    try:
        render_nginx_conf(settings, Path("/tmp"))
    except ValueError as error:
        print(f"serve.py: {error}", file=sys.stderr)
        return 2
    if args.export_static:
        counts = prepare_static_files(
            streamlit_static_dir(settings.python),
            args.export_static.resolve(),
            copy=True,
            head=preview_head(settings.public_url),
        )
        print(f"{counts['files']} files ({counts['gzipped']} with a .gz copy) in {args.export_static}")
        return 0
    if args.pod_sidecar:
        conf = write_pod_sidecar(settings, args.pod_sidecar.resolve())
        print(f"config: {conf}")
        return 0
    if args.check:
        run_dir = settings.run_dir or Path(tempfile.mkdtemp(prefix="runners-face-check-"))
        result = check_nginx_conf(settings, run_dir)
        print(result.stderr.strip())
        print(f"config: {run_dir / 'nginx.conf'}")
        return result.returncode
    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    cluster = Cluster(settings)
    cluster.start()
    log(
        f"{settings.replicas} replicas on ports {', '.join(str(p) for p in settings.ports())}; "
        f"open {cluster.url}  (run folder {cluster.run_dir}; Ctrl-C stops)"
    )
    try:
        while not stop.wait(1.0):
            pass
    finally:
        log("stopping")
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
