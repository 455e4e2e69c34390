"""A Streamlit reader without a browser: the page request, the websocket and script runs.

:class:`StreamlitSession` does what one browser tab does on the wire, with Streamlit's own
protobufs (``streamlit.proto``), and reports each request's time and failure to a
:class:`Collector`:

1. ``page``: GET the reader's link (through nginx this sets the sticky cookie), then
   ``/_stcore/health`` and ``/_stcore/host-config``, as the page's script does;
2. ``static`` (if asked): the web files a cold browser fetches, over 6 keep-alive connections;
3. ``connect``: open ``/_stcore/stream`` with the subprotocols ``["streamlit", xsrf token,
   last session id]`` and send ``BackMsg.rerun_script`` with the link's query string and the
   browser context; it ends at the run's ``script_finished``;
4. a run (:meth:`StreamlitSession.rerun`; ``pace_move.py`` builds pace moves): a
   ``rerun_script`` carrying changed widget states and, for a widget inside an ``st.fragment``,
   that fragment's id; it ends at ``script_finished``;
5. a download (:meth:`StreamlitSession.download`): for a file made at the click, a
   ``backend_operation_request`` on the websocket, then a GET of the file.

Every ForwardMsg is read as it arrives (Streamlit drops a client with more than 500 queued
messages). The session mirrors what the page learned: each widget's id, fragment and value
from the deltas (an expander with a key is a widget too), the page script hash from
``new_session``, the query string from ``page_info_changed``, and the hashes of cacheable
messages (sent back like the browser does, so the server may answer with references). A run
that shows an exception element, ends with a compile error, or does not finish within the
timeout counts as an error.

When the websocket closes, :meth:`StreamlitSession.reconnect` does what the page does: poll
``/_stcore/health`` with back-off (100 ms doubling to 4 s), then reconnect with the last session
id; a replica that does not know that id starts a new, empty session. Once connected, the page
asks for a whole run at once when a fragment on it reruns on a timer (an ``auto_rerun``
message; our app has one for this reason) or its last run was a fragment's; so does this.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import urllib.parse
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackendOperationRequest, BackMsg, DeferredFileRequestPayload
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


class RunError(Exception):
    """A run that failed as the reader would see it: no answer, an exception, a closed socket."""


def error_kind(message: str) -> str:
    """A failed request's kind, from its error message (for counting errors by kind)."""
    for prefix in ("no script_finished", "websocket closed", "exception on the page", "could not reconnect", "page"):
        if message.startswith(prefix):
            return prefix
    return message.split(":")[0][:40]


@dataclass
class Sample:
    """One request: what, when it started (perf_counter), how long, and its error if any."""

    kind: str
    start: float
    seconds: float
    error: str | None = None
    session: int = -1


@dataclass
class Collector:
    """Where every session reports every request (one per load run)."""

    samples: list[Sample] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)
    """When each run finished (perf_counter), in every session: a long gap between two under load
    is the server stopping (a garbage collection, say)."""
    _changed: threading.Condition = field(default_factory=threading.Condition, repr=False, compare=False)

    def record(self, kind: str, start: float, error: str | None = None, session: int = -1) -> None:
        with self._changed:
            self.samples.append(Sample(kind, start, time.perf_counter() - start, error, session))
            self._changed.notify_all()

    def wait_until(self, done: Callable[[list[Sample]], bool], timeout_s: float) -> bool:
        """Block (another thread runs the sessions) until ``done(samples)`` holds after a new
        sample, or ``timeout_s`` passes; whether it holds."""
        with self._changed:
            return self._changed.wait_for(lambda: done(self.samples), timeout_s)

    def between(self, kind: str, t0: float, t1: float) -> list[Sample]:
        """Samples of ``kind`` that started in [t0, t1)."""
        return [s for s in self.samples if s.kind == kind and t0 <= s.start < t1]


@dataclass
class Widget:
    """A widget as the page knows it from its delta."""

    id: str
    type: str
    fragment_id: str
    element: Any
    """The widget's own proto (e.g. ``streamlit.proto.Slider_pb2.Slider``)."""

    @property
    def label(self) -> str:
        return str(getattr(self.element, "label", ""))

    @property
    def query_param_key(self) -> str:
        return str(getattr(self.element, "query_param_key", ""))


async def http_get(host: str, port: int, target: str, cookies: dict[str, str], timeout: float) -> tuple[int, bytes]:
    """A plain HTTP/1.1 GET; keeps the response's cookies in ``cookies``; returns status and body."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        head = [f"GET {target} HTTP/1.1", f"Host: {host}:{port}", "Connection: close", "Accept: */*"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    header, _, body = raw.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            pair = value.strip().split(";", 1)[0]
            key, _, val = pair.partition("=")
            cookies[key.strip()] = val.strip()
    return status, body


class HttpConnection:
    """One keep-alive HTTP/1.1 connection, as a browser holds it: GET after GET on one socket
    (opened again if the server closed it). Bodies are read by ``Content-Length`` or chunked."""

    def __init__(self, host: str, port: int, cookies: dict[str, str], timeout_s: float) -> None:
        self.host, self.port, self.cookies, self.timeout_s = host, port, cookies, timeout_s
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str, gzip: bool = True) -> tuple[int, int]:
        """GET ``target``; the status and the bytes received (headers and body, as on the wire)."""
        for attempt in (0, 1):
            if self._streams is None:
                self._streams = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), self.timeout_s)
            reader, writer = self._streams
            head = [f"GET {target} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept: */*"]
            if gzip:
                head.append("Accept-Encoding: gzip, deflate, br")
            if self.cookies:
                head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            try:
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
                await writer.drain()
                return await asyncio.wait_for(self._response(reader), self.timeout_s)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()  # the server closed an idle connection: once more on a new one
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _response(self, reader: asyncio.StreamReader) -> tuple[int, int]:
        header = await reader.readuntil(b"\r\n\r\n")
        lines = header.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "set-cookie":
                key, _, val = value.strip().split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = val.strip()
            fields[name.strip().lower()] = value.strip()
        size = len(header)
        if fields.get("transfer-encoding", "").lower() == "chunked":
            while True:
                chunk_head = await reader.readuntil(b"\r\n")
                length = int(chunk_head.split(b";")[0], 16)
                await reader.readexactly(length + 2)
                size += len(chunk_head) + length + 2
                if length == 0:
                    break
        else:
            length = int(fields.get("content-length", "0"))
            await reader.readexactly(length)
            size += length
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, size

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def fetch_files(connections: Sequence[HttpConnection], paths: Sequence[str]) -> int:
    """GET every path over the given connections in parallel (a browser uses 6 per server), as a
    cold browser loads a page's files; the bytes received. Raises RunError for a status not 200."""
    queue = list(reversed(paths))
    total = 0

    async def worker(connection: HttpConnection) -> None:
        nonlocal total
        while queue:
            path = queue.pop()
            status, size = await connection.get(path)
            if status != 200:
                raise RunError(f"static: GET {path}: HTTP {status}")
            total += size

    await asyncio.gather(*(worker(c) for c in connections))
    return total


class StreamlitSession:
    """One reader's tab, speaking Streamlit's websocket protocol (see the module notes)."""

    def __init__(
        self,
        base_url: str,
        query: str,
        collector: Collector,
        number: int = 0,
        timeout_s: float = 10.0,
        timezone: str = "UTC",
        open_timeout_s: float = 30.0,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.base_url = f"http://{self.host}:{self.port}/"
        self.query_string = query.lstrip("?")
        self.collector = collector
        self.number = number
        self.timeout_s = timeout_s
        self.open_timeout_s = max(open_timeout_s, timeout_s)
        """A page's first run may take longer (a cold replica imports pandas and Altair)."""
        self.cookies: dict[str, str] = {}
        self.widgets: dict[str, Widget] = {}
        self.page_script_hash = ""
        self.session_id = ""
        self.sessions_seen: list[str] = []
        self.cached_hashes: set[str] = set()
        self.context = ContextInfo(
            timezone=timezone, timezone_offset=0, locale="en-US", url=self.base_url, is_embedded=False
        )
        self.context.color_scheme = "light"
        self.ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._run: asyncio.Future[None] | None = None
        self._run_error: str | None = None
        self.closed = asyncio.Event()
        self.closed.set()
        self.runs = 0
        self.auto_rerun = False  # the page has a fragment that reruns on a timer
        self.last_run_fragment = False
        self.bytes_received = 0
        self.static_bytes = 0
        self._operations: dict[str, asyncio.Future[Any]] = {}

    # --- opening -------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _reported(self, kind: str) -> AsyncIterator[None]:
        """Report one request of ``kind`` to the collector: its time, or its error (a network
        failure becomes a RunError)."""
        start = time.perf_counter()
        try:
            yield
        except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
            self.collector.record(kind, start, f"{kind}: {type(exc).__name__} {exc}", self.number)
            raise RunError(str(exc)) from exc
        except RunError as exc:
            self.collector.record(kind, start, str(exc), self.number)
            raise
        self.collector.record(kind, start, None, self.number)

    async def open(self, static: Sequence[str] = ()) -> None:
        """Load the page and run the script once, as a new tab does. ``static``: the web files a
        cold browser fetches for the page (its scripts, styles and fonts), fetched over 6
        keep-alive connections as a browser does (a ``static`` sample). Raises RunError."""
        async with self._reported("page"):
            link = "/" + (f"?{self.query_string}" if self.query_string else "")
            for target in (link, "/_stcore/health", "/_stcore/host-config"):
                status, _ = await http_get(self.host, self.port, target, self.cookies, self.timeout_s)
                if status != 200:
                    raise RunError(f"GET {target.split('?')[0]}: HTTP {status}")
        if static:
            await self.fetch_static(static)
        async with self._reported("connect"):
            await self._connect()
            state = ClientState(query_string=self.query_string, context_info=self.context)
            await self.rerun(state, timeout_s=self.open_timeout_s)

    async def fetch_static(self, paths: Sequence[str], connections: int = 6) -> None:
        """Fetch Streamlit's web files as a cold browser does (see :meth:`open`)."""
        pool = [HttpConnection(self.host, self.port, self.cookies, self.timeout_s) for _ in range(connections)]
        try:
            async with self._reported("static"):
                self.static_bytes += await fetch_files(pool, paths)
        finally:
            await asyncio.gather(*(c.close() for c in pool))

    async def _connect(self) -> None:
        # The page sends its XSRF token and, on a reconnect, its last session id.
        protocols = ["streamlit", self.cookies.get("_streamlit_xsrf", "none")]
        if self.session_id:
            protocols.append(self.session_id)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        try:
            self.ws = await connect(
                f"ws://{self.host}:{self.port}/_stcore/stream",
                subprotocols=protocols,  # type: ignore[arg-type]
                origin=f"http://{self.host}:{self.port}",  # type: ignore[arg-type]
                additional_headers=headers,
                compression=None,
                proxy=None,
                ping_interval=None,  # the server pings; a browser never does
                max_size=None,
                open_timeout=self.timeout_s,
            )
        except (OSError, TimeoutError, ConnectionClosed, Exception) as exc:
            raise RunError(f"websocket: {type(exc).__name__} {exc}") from exc
        self.closed.clear()
        self._reader = asyncio.create_task(self._read(), name=f"reader-{self.number}")

    # --- runs ------------------------------------------------------------------------------

    def client_state(
        self, widget_states: Iterable[WidgetState] = (), fragment_id: str = "", query_string: str | None = None
    ) -> ClientState:
        """A rerun request as the page builds it: its query string, the given widget states, the
        page, the fragment (if the widget is in one), the cached message hashes and the context."""
        state = ClientState(
            query_string=self.query_string if query_string is None else query_string,
            page_script_hash=self.page_script_hash,
            fragment_id=fragment_id,
            context_info=self.context,
        )
        state.widget_states.widgets.extend(widget_states)
        state.cached_message_hashes.extend(sorted(self.cached_hashes))
        return state

    async def rerun(self, state: ClientState, timeout_s: float | None = None) -> None:
        """Send one ``rerun_script`` and wait for its ``script_finished``. Raises RunError."""
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        if self.ws is None or self.closed.is_set():
            raise RunError("not connected")
        loop = asyncio.get_running_loop()
        self._run = loop.create_future()
        self._run_error = None
        self.query_string = state.query_string
        self.last_run_fragment = bool(state.fragment_id)
        try:
            await self.ws.send(BackMsg(rerun_script=state).SerializeToString())
            await asyncio.wait_for(asyncio.shield(self._run), timeout_s)
        except TimeoutError:
            raise RunError(f"no script_finished within {timeout_s:.0f} s") from None
        except ConnectionClosed as exc:
            raise RunError(f"websocket closed: {exc}") from None
        finally:
            self._run = None
        self.runs += 1
        if self._run_error:
            raise RunError(self._run_error)

    async def _read(self) -> None:
        assert self.ws is not None
        ws = self.ws
        try:
            async for frame in ws:
                if isinstance(frame, str):
                    continue
                self.bytes_received += len(frame)
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                self._handle(msg)
        except ConnectionClosed:
            pass
        finally:
            if self.ws is ws:
                self.closed.set()
                if self._run is not None and not self._run.done():
                    self._run.set_exception(ConnectionClosed(None, None))

    def _handle(self, msg: ForwardMsg) -> None:
        if msg.metadata.cacheable and msg.hash:
            self.cached_hashes.add(msg.hash)
        kind = msg.WhichOneof("type")
        if kind == "delta":
            delta = msg.delta
            if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type") == "expandable":
                expander = delta.add_block.expandable  # an expander with a key is a widget
                if expander.id.startswith("$$ID-"):
                    self.widgets[expander.id] = Widget(expander.id, "expandable", delta.fragment_id, expander)
            elif delta.WhichOneof("type") == "new_element":
                element = delta.new_element
                element_type = element.WhichOneof("type") or ""
                if element_type == "exception":
                    self._run_error = f"exception on the page: {element.exception.message[:120]}"
                    return
                inner = getattr(element, element_type, None)
                widget_id = getattr(inner, "id", "") if inner is not None else ""
                if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
                    self.widgets[widget_id] = Widget(widget_id, element_type, delta.fragment_id, inner)
        elif kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash
            session_id = msg.new_session.initialize.session_id
            if session_id and session_id != self.session_id:
                self.session_id = session_id
                self.sessions_seen.append(session_id)
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.auto_rerun = True
        elif kind == "backend_operation_response":
            answer = msg.backend_operation_response
            waiting = self._operations.pop(answer.request_id, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(answer)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == FINISHED_EARLY:
                return
            self.collector.finished.append(time.perf_counter())
            if status == COMPILE_ERROR:
                self._run_error = "script failed to compile"
            if self._run is not None and not self._run.done():
                self._run.set_result(None)

    async def download(self, button: Widget, timeout_s: float | None = None) -> int:
        """Click a download button, as the page does: a button whose file is made at the click
        (``deferred_file_id``) asks for it with a ``backend_operation_request`` on the websocket
        and gets its address back; then the file is fetched over HTTP. Returns its bytes.
        Raises RunError."""
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        element = button.element
        url = str(getattr(element, "url", ""))
        if element.HasField("deferred_file_id"):
            if self.ws is None or self.closed.is_set():
                raise RunError("not connected")
            request_id = uuid.uuid4().hex
            waiting: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            self._operations[request_id] = waiting
            request = BackendOperationRequest(
                request_id=request_id,
                session_id=self.session_id,
                deferred_file=DeferredFileRequestPayload(file_id=element.deferred_file_id),
            )
            try:
                await self.ws.send(BackMsg(backend_operation_request=request).SerializeToString())
                answer = await asyncio.wait_for(asyncio.shield(waiting), timeout_s)
            except TimeoutError:
                raise RunError(f"download: no answer within {timeout_s:.0f} s") from None
            except ConnectionClosed as exc:
                raise RunError(f"websocket closed: {exc}") from None
            finally:
                self._operations.pop(request_id, None)
            if answer.error_msg:
                raise RunError(f"download: {answer.error_msg}")
            url = answer.deferred_file.url
        try:
            status, body = await http_get(self.host, self.port, url, self.cookies, timeout_s)
        except (OSError, TimeoutError, ValueError, IndexError) as exc:
            raise RunError(f"download: {type(exc).__name__} {exc}") from exc
        if status != 200:
            raise RunError(f"download: GET {url.split('?')[0]}: HTTP {status}")
        return len(body)

    # --- reconnecting and closing ----------------------------------------------------------

    async def reconnect(self, give_up_s: float = 60.0) -> None:
        """Reconnect as the page does after its socket closed (see the module notes). Raises RunError."""
        start = time.perf_counter()
        delay = 0.1
        while True:
            try:
                status, _ = await http_get(self.host, self.port, "/_stcore/health", self.cookies, 2.0)
                if status == 200:
                    await self._connect()
                    break
            except (OSError, TimeoutError, ValueError, IndexError, RunError):
                pass
            if time.perf_counter() - start > give_up_s:
                error = f"could not reconnect within {give_up_s:.0f} s"
                self.collector.record("reconnect", start, error, self.number)
                raise RunError(error)
            await asyncio.sleep(delay)  # the page's back-off between health polls
            delay = min(4.0, delay * 2)
        if self.auto_rerun or self.last_run_fragment:
            # The page's own rule on reconnecting (Streamlit 1.67's App.handleConnectionStateChanged).
            try:
                await self.rerun(self.client_state(), timeout_s=self.open_timeout_s)
            except RunError as exc:
                self.collector.record("reconnect", start, str(exc), self.number)
                raise
        self.collector.record("reconnect", start, None, self.number)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self._reader is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._reader
        self.closed.set()
